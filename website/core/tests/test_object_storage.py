"""Uploaded files in an S3-compatible bucket (`MEDIA_STORAGE=s3`, issue 31 part 3), against a
real S3 server in a process of its own (moto's server mode, website.testing.services): uploads,
renditions and documents go to the bucket and come back through the site; the bucket out of
reach costs no page and loses nothing."""

import io
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage

from website.core.factories import image_block
from website.core.models import CustomDocument, CustomImage
from website.library.factories import pdf_bytes
from website.pages.factories import StandardPageFactory
from website.settings.media import media_storage
from website.testing.services import S3Server

pytestmark = pytest.mark.django_db

IMAGES = "/admin/images/multiple/add/"
DOCUMENTS = "/admin/documents/multiple/add/"


def photo(width=1200, height=800):
    """A real JPEG, as a phone or camera writes one (with EXIF orientation)."""
    picture = PILImage.new("RGB", (width, height), (180, 60, 40))
    exif = PILImage.Exif()
    exif[0x0112] = 1  # orientation: upright
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def use_bucket(settings, server):
    """This test's default storage: `server`'s bucket, as `MEDIA_STORAGE=s3` sets it."""
    environ = server.environ(MEDIA_S3_TIMEOUT="0.5")
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)}


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    client = s3_server.client()
    for key in s3_server.object_keys():
        client.delete_object(Bucket=s3_server.BUCKET, Key=key)
    use_bucket(settings, s3_server)
    return s3_server


def body(response):
    return b"".join(response.streaming_content)


def upload_document(admin_client, name, content):
    admin_client.post(
        DOCUMENTS,
        {"files[]": SimpleUploadedFile(name, content, "application/pdf")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def upload_image(admin_client, name="Demonstratie op het Malieveld.jpg", content=None):
    answer = admin_client.post(
        IMAGES, {"files[]": SimpleUploadedFile(name, content or photo(), "image/jpeg")}
    ).json()
    assert answer["success"], answer
    return CustomImage.objects.get(pk=answer["image_id"])


def test_an_image_and_its_renditions_live_in_the_bucket_and_show_on_the_page(
    admin_client, client, bucket, home_page
):
    image = upload_image(admin_client)
    page = StandardPageFactory(parent=home_page, body=[image_block(image, "Mensen met borden")])
    html = client.get(page.url).content.decode()

    stored = bucket.objects()
    renditions = [name for name in stored if name.startswith("images/")]
    assert image.file.name in stored and image.file.name.startswith("original_images/")
    assert renditions, "the page's renditions were made in the bucket"
    assert not (settings.MEDIA_ROOT / image.file.name).exists()
    for name in renditions:
        address = f"/media/{quote(name)}"
        assert address in html  # the site's own address: nothing loads from elsewhere
        response = client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"] in {"image/jpeg", "image/webp", "image/avif"}
        assert body(response) == stored[name]
    assert client.get("/media/images/bestaat-niet.jpg").status_code == 404


def test_a_document_stays_private_in_the_bucket_downloads_through_the_site_and_is_searchable(
    admin_client, client, bucket, django_capture_on_commit_callbacks
):
    content = pdf_bytes("Armoedemonitor Drenthe: een op de twaalf kinderen groeit op in armoede")
    with django_capture_on_commit_callbacks(execute=True):
        upload_document(admin_client, "Armoedemonitor 2026 (def).pdf", content)
    document = CustomDocument.objects.get()
    assert document.file.name.startswith("documents/")
    assert bucket.objects()[document.file.name] == content
    # The background task read the text from the bucket.
    assert "twaalf kinderen" in document.extracted_text

    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert body(download) == content
    assert client.get(f"/media/{document.file.name}").status_code == 404


@pytest.mark.database
@pytest.mark.django_db(transaction=True)  # the dump needs the database outside a transaction
def test_a_backup_holds_the_bucket_and_puts_it_back_byte_for_byte(admin_client, bucket, tmp_path):
    import tarfile  # noqa: PLC0415

    from website.operations.backup import (  # noqa: PLC0415
        checked_members,
        make_backup,
        read_manifest,
        restore_files,
    )

    upload_image(admin_client).get_rendition("width-300")
    upload_document(admin_client, "Jaarverslag.pdf", pdf_bytes("Jaarverslag"))
    before = bucket.objects()
    assert {name.split("/")[0] for name in before} == {"original_images", "images", "documents"}

    archive = make_backup(tmp_path)
    client = bucket.client()
    for key in before:
        client.delete_object(Bucket=bucket.BUCKET, Key=key)
    assert bucket.objects() == {}
    with tarfile.open(archive) as packed:
        manifest = read_manifest(packed)
        assert set(manifest["files"]) == set(before)
        restore_files(packed, checked_members(packed, manifest))

    assert bucket.objects() == before


@pytest.mark.django_db(transaction=True)  # a failed upload ends its request's transaction
def test_with_the_bucket_out_of_reach_pages_answer_and_uploads_and_downloads_get_a_dutch_503(
    admin_client, admin_user, home_page, settings
):
    editor = Client(raise_request_exception=False)  # answered as a visitor is, not raised
    editor.force_login(admin_user)
    server = S3Server().start()
    try:
        use_bucket(settings, server)
        image = upload_image(admin_client)
        page = StandardPageFactory(parent=home_page, body=[image_block(image, "Spandoek")])
        document = CustomDocument.objects.create(
            title="Brief", file=SimpleUploadedFile("brief.pdf", pdf_bytes("Brief aan de Kamer"))
        )
        visitor = Client(raise_request_exception=False)
        assert visitor.get(page.url).status_code == 200  # its renditions are made now
        images_before = CustomImage.objects.count()

        for fault in (server.hang, server.stop):  # not answering, then not listening
            fault()
            cache.clear()  # the page is made again, not taken from the page cache
            assert Client().get(page.url).status_code == 200, fault.__name__

            answer = editor.post(
                IMAGES, {"files[]": SimpleUploadedFile("foto.jpg", photo(), "image/jpeg")}
            )
            assert answer.status_code == 503, fault.__name__
            assert "even niet bereikbaar" in answer.content.decode()
            assert answer["Retry-After"]
            assert CustomImage.objects.count() == images_before  # no image without its file

            download = visitor.get(document.url)
            assert download.status_code == 503, fault.__name__
            assert "even niet bereikbaar" in download.content.decode()
            if fault == server.hang:
                server.resume()
    finally:
        server.stop()
