"""The pages sent when something fails: no database, no context processors, since the
failure may come from either."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

# Connection refused or lost, too many connections, a lock that timed out: temporary.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def error_page_html(status):
    """The HTML of templates/<status>.html (500 or 503)."""
    return loader.get_template(f"{status}.html").render()


def database_unavailable_response():
    """503 with Retry-After and the Dutch page: the database is out of reach for now."""
    response = HttpResponse(error_page_html(503), status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    return response
