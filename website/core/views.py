import hashlib
import mimetypes
import sys

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve
from wagtail.models import Site

from website.caching.content_cache import remember

from .errors import (
    DATABASE_UNAVAILABLE,
    database_unavailable_response,
    error_page_html,
    storage_unavailable,
    storage_unavailable_response,
)
from .models import SiteSettings
from .navigation import site_sections
from .share_images import share_image_png, square_logo_png


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        # The same search in every other language (/en/zoeken/, …).
        *(f"Disallow: {search_in(code)}" for code, _name in settings.LANGUAGES[1:]),
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def search_in(language):
    """The search page's address in `language` ("/en/zoeken/")."""
    with translation.override(language):
        return reverse("search")


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Django's handler500. No database, no context processors: the error may come from
    either. An unreachable (or overloaded) database is not a fault in the page but a wait:
    503 with Retry-After, so visitors, the proxy and search engines come back later."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable_response(request)
    if storage_unavailable(error):
        return storage_unavailable_response()
    return HttpResponseServerError(error_page_html(500))


def serve_media(request, path):
    """Uploaded files when no reverse proxy serves them (`make run`, tests): from
    `MEDIA_ROOT`, or read from the bucket with `MEDIA_STORAGE=s3` (404 when absent)."""
    if isinstance(default_storage, FileSystemStorage):
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    else:
        response = _serve_stored(path)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _serve_stored(name):
    try:
        stored = default_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation) as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(stored, content_type=content_type)


def csrf_failure(request, reason=""):
    return render(request, "core/refused.html", {"reason": "csrf"}, status=403)


def site_overview(request):
    """ "Overzicht van de website": every section and its sub-pages, linked from the footer."""
    site = Site.find_for_request(request)
    # The home page in the visitor's language (the Dutch one where there is none).
    root = site.root_page.specific.localized if site else None
    sections = remember("site-overview", lambda: site_sections(root), root.pk) if root else []
    return render(request, "core/site_overview.html", {"sections": sections, "home": root})


IMAGE_CACHE_SECONDS = 3600


@require_safe
@cache_control(max_age=86400, public=True)
def share_image(request):
    """The picture shared with links to pages without an image of their own (1200×630)."""
    site_settings = SiteSettings.for_request(request)
    key = f"share-image:{site_settings.organisation_name}:{site_settings.tagline}"
    png = cache.get_or_set(
        hashed(key),
        lambda: share_image_png(site_settings.organisation_name, site_settings.tagline),
        IMAGE_CACHE_SECONDS,
    )
    return HttpResponse(png, content_type="image/png")


@require_safe
@cache_control(max_age=86400, public=True)
def square_logo(request):
    """The network's logo as a 512×512 square, for the Organization in JSON-LD."""
    site_settings = SiteSettings.for_request(request)
    logo = site_settings.logo if site_settings.logo and not site_settings.logo.is_svg() else None
    name = site_settings.organisation_name
    short = site_settings.short_name or "".join(w[0] for w in name.split() if w[0].isupper())
    key = f"square-logo:{short}:{logo.file.name if logo else ''}"

    def draw():
        if logo is None:
            return square_logo_png(short)
        with logo.open_file() as handle:
            return square_logo_png(short, handle)

    return HttpResponse(
        cache.get_or_set(hashed(key), draw, IMAGE_CACHE_SECONDS), content_type="image/png"
    )


def hashed(key):
    return "img:" + hashlib.sha256(key.encode()).hexdigest()
