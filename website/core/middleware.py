from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware


class PublicContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware for the public site. The Wagtail admin is left out: it is
    used by logged-in editors only and relies on inline scripts we do not control.

    Wagtail's preview renders a page through a dummy request for the page's own address
    (`request.is_dummy`) and shows it in a frame inside the admin: there the policy stays,
    except that the site itself may frame it."""

    def process_response(self, request, response):
        if request.path.startswith(settings.CSP_EXEMPT_PATH_PREFIXES):
            return response
        if getattr(request, "is_dummy", False) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP | {"frame-ancestors": ["'self'"]}
        return super().process_response(request, response)
