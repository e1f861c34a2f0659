"""Uploaded files in an S3-compatible bucket (`MEDIA_STORAGE=s3`), shared by every app host.

The bucket holds what the local `MEDIA_ROOT` holds otherwise, under the same names:
`original_images/`, `images/` (renditions) and `documents/`. Visitors never talk to the bucket:
every public file keeps its address on the site (`/media/images/…`), which the proxy fetches
from the bucket (deploy/nginx/site.conf), so a page loads nothing from another host and the
site's Content-Security-Policy stays `'self'`. Documents are read only by the site's own
download view (`/documenten-bestand/…`, which checks privacy); the proxy refuses
`/media/documents/`.

django-storages does the talking (boto3); the settings come from the environment
(website.settings.media). See docs/deploy.md, "Uploaded files in object storage", for the
bucket and its policy.
"""

from urllib.parse import quote

import botocore.exceptions
from django.conf import settings
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# The bucket's server refused, dropped or did not answer the connection: temporary, like a
# database out of reach (core.errors answers 503 for both).
STORAGE_UNAVAILABLE = (
    botocore.exceptions.EndpointConnectionError,
    botocore.exceptions.ConnectTimeoutError,
    botocore.exceptions.ReadTimeoutError,
    botocore.exceptions.ConnectionClosedError,
)


class BucketStorage(S3Storage):
    """django-storages' S3 storage whose URLs are the site's own `MEDIA_URL` addresses.

    `url(name)` → `"/media/" + name` (quoted), without asking the bucket: rendering a page
    costs no request to object storage, and keeps working while it is down.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + quote(clean_name(name))
