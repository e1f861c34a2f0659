"""The pages sent when something fails: no database, no context processors, since the
failure may come from either."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse

from . import spool

# Connection refused or lost, too many connections, a lock that timed out: temporary.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def error_page_html(status, context=None):
    """The HTML of templates/<status>.html (500 or 503), in the active language, with a
    link to the home page in it (`home_url`: "/" or "/en/", no database needed)."""
    return loader.get_template(f"{status}.html").render({"home_url": home_url(), **(context or {})})


def home_url():
    """The home page's address in the active language ("/", "/en/"), from the URL patterns."""
    return reverse("wagtail_serve", args=[""])


def database_unavailable_response(request=None):
    """The answer while the database is out of reach. A public form's POST is kept until the
    database is back (`core.spool`): 202 and "Je bericht is aangekomen". Otherwise 503 with
    Retry-After and the Dutch page; for a POST that could not be kept, with the visitor's own
    text on it to copy."""
    spool.outage_met()
    typed = []
    if request is not None and request.method == "POST":
        if spool.keepable(request) and spool.keep(request):
            html = loader.get_template("core/kept.html").render({"home_url": home_url()})
            return HttpResponse(html, status=202)
        typed = spool.unkept_fields(request)
    response = HttpResponse(error_page_html(503, {"typed": typed}), status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    return response


def storage_unavailable(error):
    """Whether `error` is the media bucket's server out of reach (`MEDIA_STORAGE=s3`,
    website.core.storage): refused, dropped or timed out."""
    if "botocore" not in sys.modules:  # no bucket in use: nothing to import
        return False
    from .storage import STORAGE_UNAVAILABLE  # noqa: PLC0415

    return isinstance(error, STORAGE_UNAVAILABLE)


def storage_unavailable_response():
    """503 with Retry-After and the Dutch page: an upload or a download needed the bucket,
    which is out of reach. Nothing was stored: the upload's row is saved after its file."""
    response = HttpResponse(error_page_html(503), status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    return response
