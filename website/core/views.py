from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve
from wagtail.models import Site

from .navigation import site_sections


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No database, no context processors: the error may come from either.
    return HttpResponseServerError(loader.get_template("500.html").render())


def serve_media(request, path):
    """Uploaded files when no reverse proxy serves them (`make run`, tests)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csrf_failure(request, reason=""):
    return render(request, "core/refused.html", {"reason": "csrf"}, status=403)


def site_overview(request):
    """ "Overzicht van de website": every section and its sub-pages, linked from the footer."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    sections = site_sections(root) if root else []
    return render(request, "core/site_overview.html", {"sections": sections, "home": root})
