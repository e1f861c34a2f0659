"""Where uploaded files live: `MEDIA_STORAGE=local` (the default: `MEDIA_ROOT` on this
machine's disk) or `MEDIA_STORAGE=s3` (an S3-compatible bucket, website.core.storage). Read by
website.settings.base; no import of boto3 unless the bucket is used."""

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def media_storage(environ):
    """`STORAGES["default"]` for `environ["MEDIA_STORAGE"]` ("local" or "s3"). Raises
    ImproperlyConfigured for another value or an S3 bucket without a name."""
    kind = environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
    if kind == "local":
        return LOCAL
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE is 'local' or 's3', not {kind!r}.")
    if not environ.get("MEDIA_S3_BUCKET", "").strip():
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET (see .env.example).")
    return bucket_options(environ)


def bucket_options(environ):
    """`STORAGES["default"]` for `MEDIA_STORAGE=s3`, from the environment (.env.example):
    `MEDIA_S3_BUCKET` (required), `MEDIA_S3_ENDPOINT_URL` (empty: Amazon S3),
    `MEDIA_S3_REGION`, `MEDIA_S3_ACCESS_KEY_ID`, `MEDIA_S3_SECRET_ACCESS_KEY` (empty: boto3's
    own sources, e.g. an instance role)."""
    options = {
        "bucket_name": environ["MEDIA_S3_BUCKET"].strip(),
        "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("MEDIA_S3_REGION") or None,
        "access_key": environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        # Objects are private; the bucket policy opens images only (docs/deploy.md).
        "default_acl": None,
        "querystring_auth": False,
        # Wagtail gives every upload and rendition a name of its own; never replace one.
        "file_overwrite": False,
        # A dead endpoint must not hold a request for boto3's default minute and retries.
        "client_config": _client_config(environ),
        "transfer_config": _transfer_config(),
    }
    return {"BACKEND": "website.core.storage.BucketStorage", "OPTIONS": options}


def _client_config(environ):
    """One attempt per request, each bounded by MEDIA_S3_TIMEOUT (connect) and twice that
    (waiting for an answer): an upload or download makes two or three requests, and all of
    them must end well before gunicorn's 30 s, so that a bucket that hangs gives the Dutch
    503 page and not a killed worker."""
    from botocore.config import Config  # noqa: PLC0415 - only with MEDIA_STORAGE=s3

    timeout = float(environ.get("MEDIA_S3_TIMEOUT", "2"))
    return Config(
        connect_timeout=timeout,
        read_timeout=timeout * 2,
        retries={"total_max_attempts": 1},
        # Path-style addresses (endpoint/bucket/key) work on every S3-compatible server.
        s3={"addressing_style": "path"},
        signature_version="s3v4",
    )


def _transfer_config():
    """Downloads tried once too (s3transfer's own default is five times)."""
    from boto3.s3.transfer import TransferConfig  # noqa: PLC0415 - only with MEDIA_STORAGE=s3

    return TransferConfig(num_download_attempts=1)
