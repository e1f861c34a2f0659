from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware


class PublicContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware for the public site. The Wagtail admin is left out: it is
    used by logged-in editors only and relies on inline scripts we do not control."""

    def process_response(self, request, response):
        if request.path.startswith(settings.CSP_EXEMPT_PATH_PREFIXES):
            return response
        return super().process_response(request, response)
