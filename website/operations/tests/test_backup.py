"""The restore drill: make content and uploads, back up, wipe, restore, find everything again
(on SQLite and on PostgreSQL: CI runs the suite on both)."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.models import Page

from website.core.factories import DocumentFactory, ImageFactory
from website.core.models import CustomDocument, CustomImage
from website.library.factories import PublicationPageFactory
from website.library.models import LibraryIndexPage, PublicationFile
from website.operations.backup import database_is_empty, empty_database, stored_files
from website.testing.cases import FIELD_CASES

pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]


def digest(field_file):
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot():
    """What must come back: every page, every document and image with its file's bytes."""
    return {
        "pages": sorted(
            Page.objects.values_list("url_path", "title", "live", "latest_revision_id")
        ),
        "documents": sorted(
            (d.title, d.file.name, digest(d.file)) for d in CustomDocument.objects.all()
        ),
        "images": sorted(
            (i.title, i.file.name, i.width, digest(i.file)) for i in CustomImage.objects.all()
        ),
        "files": stored_files(),
    }


def add_content():
    """A publication with a real report (a field case) and a new image."""
    library = LibraryIndexPage.objects.get()
    report = (FIELD_CASES / "pdf-jaarverslag-kaartpagina.pdf").read_bytes()
    document = DocumentFactory(
        title="Jaarverslag met kaart",
        file=ContentFile(report, name="Jaarverslag 2025 (definitief) é.pdf"),
    )
    publication = PublicationPageFactory(parent=library, title="Jaarverslag 2025")
    PublicationFile.objects.create(page=publication, document=document, sort_order=0)
    ImageFactory(title="Actie op het Malieveld")
    return publication, document, report


def backup(folder):
    out = io.StringIO()
    call_command("backup", folder=folder, stdout=out)
    (archive,) = Path(folder).glob("backup-*.tar.gz")
    assert "Back-up gemaakt" in out.getvalue()
    return archive


def test_backup_wipe_restore_finds_every_page_document_and_image(client, seeded, tmp_path):
    publication, document, report = add_content()
    before = snapshot()
    assert len(before["documents"]) >= 1 and len(before["images"]) >= 1
    archive = backup(tmp_path)
    with tarfile.open(archive) as packed:
        manifest = json.load(packed.extractfile("manifest.json"))
    assert set(manifest["files"]) == set(before["files"])

    empty_database()
    for name in stored_files():
        default_storage.delete(name)
    assert database_is_empty() and stored_files() == []

    out = io.StringIO()
    call_command("restore", str(archive), "--no-input", stdout=out)
    assert f"en {len(before['files'])} bestanden" in out.getvalue()

    assert snapshot() == before
    restored = CustomDocument.objects.get(pk=document.pk)
    with restored.file.open("rb") as handle:
        assert handle.read() == report
    assert client.get(publication.url).status_code == 200
    assert client.get("/").status_code == 200


def test_restore_refuses_a_database_in_use_unless_told_to_replace_it(seeded, tmp_path):
    archive = backup(tmp_path)
    before = snapshot()
    Page.objects.get(url_path=before["pages"][-1][0]).delete()

    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("restore", str(archive), "--no-input")

    call_command("restore", str(archive), "--replace", "--no-input", stdout=io.StringIO())
    assert snapshot() == before


def test_restore_refuses_what_is_not_a_backup(seeded, tmp_path):
    stray = tmp_path / "backup-vreemd.tar.gz"
    with tarfile.open(stray, "w:gz") as packed:
        packed.add(__file__, arcname="database.sqlite3")
    with pytest.raises(CommandError, match="geen back-up van deze website"):
        call_command("restore", str(stray), "--replace", "--no-input")
    assert not database_is_empty()


def damaged_copies(archive, folder):
    """{what: path} of archives shaped like the mistakes and attacks met in practice."""
    good = archive.read_bytes()
    with tarfile.open(archive) as packed:
        members = {m.name: packed.extractfile(m).read() for m in packed.getmembers()}
    manifest = json.loads(members["manifest.json"])
    database = manifest["database"]

    def pack(name, entries):
        path = folder / f"{name}.tar.gz"
        with tarfile.open(path, "w:gz") as out:
            for member_name, data in entries.items():
                info = tarfile.TarInfo(member_name)
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))
        return path

    half_dump = dict(members) | {database: members[database][: len(members[database]) // 2]}
    evil = dict(members) | {"media/../../evil.txt": b"x"}
    evil_manifest = json.dumps(manifest | {"files": {**manifest["files"], "../../evil.txt": 1}})
    evil["manifest.json"] = evil_manifest.encode()
    (folder / "not-gzip.tar.gz").write_bytes(b"plain text, not an archive")
    (folder / "truncated.tar.gz").write_bytes(good[: len(good) // 2])
    return {
        "not a gzip file": folder / "not-gzip.tar.gz",
        "a truncated archive": folder / "truncated.tar.gz",
        "a folder": folder,
        "a manifest without keys": pack("bare", {"manifest.json": b'{"format": 1}'}),
        "no database member": pack("nodb", {k: v for k, v in members.items() if k != database}),
        "half a database dump": pack("half", half_dump),
        "a name leaving the media folder": pack("evil", evil),
    }


def test_a_damaged_or_hostile_archive_changes_nothing(seeded, tmp_path):
    archive = backup(tmp_path / "good")
    before = snapshot()
    for what, path in damaged_copies(archive, tmp_path).items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(path), "--replace", "--no-input")
        assert "Traceback" not in str(refused.value), what
        assert snapshot() == before, what
    assert not (Path(settings.MEDIA_ROOT).parent / "evil.txt").exists()


def test_backups_are_readable_by_the_site_alone(seeded, tmp_path):
    archive = backup(tmp_path / "backups")
    assert archive.stat().st_mode & 0o077 == 0
    assert archive.parent.stat().st_mode & 0o077 == 0
