"""Backups: the database and every uploaded file in one dated archive, and back again.

`make_backup(folder)` writes `backup-YYYYMMDD-HHMMSS.tar.gz` holding

- `manifest.json`: format, time made (Europe/Amsterdam), database engine and the
  django-dbbackup connector that made the dump, the newest migration of each app and
  the list of uploaded files with their sizes;
- `database.<ext>`: the dump from django-dbbackup (`pg_dump --format=custom` on PostgreSQL;
  a copy made with SQLite's online backup API on SQLite);
- `media/<name>`: every file in the default storage (uploads, documents, renditions), read
  through Django's storage API, so a bucket (django-storages) works like a folder.

`restore_backup(path)` puts it into an *empty* database (or, with `replace=True`, one it
empties first), writes the files back under their own names, applies migrations newer than
the backup and empties the caches.

django-dbbackup does the database part; its own commands write the dump and the media to
two files in a storage of their own, so this module only packs them together and checks.
"""

import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from tempfile import SpooledTemporaryFile

from dbbackup.db.base import get_connector
from dbbackup.db.sqlite import SqliteBackupConnector
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .content_cache import forget_everything

FORMAT = 1
ARCHIVE_PREFIX = "backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MEDIA_FOLDER = "media/"


class BackupError(Exception):
    """A backup could not be made or restored; the message says why (Dutch, for the
    administrator)."""


class SqliteLiveConnector(SqliteBackupConnector):
    """django-dbbackup's SQLite connector restores by writing the dump over the database
    file, under the feet of open connections (and impossible for an in-memory database).
    This one restores through SQLite's backup API into the open connection instead."""

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            copy.write(dump.read())
            copy.flush()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()


def stored_files(storage=default_storage, folder=""):
    """Every file name in `storage` below `folder` (recursive), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def _add(archive, name, fileobj, size):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, fileobj)


def _size(fileobj):
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def latest_migrations():
    """{app label: name of its newest applied migration}."""
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


def make_backup(folder):
    """Write one archive into `folder` (made if missing); its Path. Raises BackupError."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = timezone.localtime()
    path = folder / f"{ARCHIVE_PREFIX}{made:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"
    connector = get_connector()
    try:
        dump = connector.create_dump()
    except Exception as error:
        raise BackupError(f"De database kon niet worden gekopieerd: {error}") from error
    files = {name: default_storage.size(name) for name in stored_files()}
    manifest = {
        "format": FORMAT,
        "made": made.isoformat(),
        "engine": connection.vendor,
        "connector": f"{type(connector).__module__}.{type(connector).__qualname__}",
        "database": f"database.{connector.extension}",
        "migrations": latest_migrations(),
        "files": files,
    }
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        _add(archive, "manifest.json", io.BytesIO(body), len(body))
        _add(archive, manifest["database"], dump, _size(dump))
        for name, size in files.items():
            with default_storage.open(name, "rb") as stored:
                _add(archive, MEDIA_FOLDER + name, stored, size)
    partial.rename(path)  # never a half-written archive under the final name
    return path


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(
            "Dit is geen back-up van deze website (manifest.json ontbreekt)."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekende versie van de back-up: {manifest.get('format')}.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Deze back-up komt uit {manifest['engine']}; de database hier is "
            f"{connection.vendor}. Zet hem terug in hetzelfde soort database."
        )
    return manifest


def database_is_empty():
    return not connection.introspection.table_names()


def empty_database():
    """Drop every table (and with it sequences and indexes)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            names = ", ".join(connection.ops.quote_name(table) for table in tables)
            if names:
                cursor.execute(f"DROP TABLE IF EXISTS {names} CASCADE")


def safe_media_name(member_name):
    """The storage name for archive member `media/<name>`, or None when it would leave the
    media folder."""
    name = PurePosixPath(member_name[len(MEDIA_FOLDER) :])
    if name.is_absolute() or ".." in name.parts or not name.parts:
        return None
    return str(name)


def restore_files(archive, manifest):
    """Write every uploaded file back under its own name; the number written."""
    written = 0
    for member in archive.getmembers():
        if not member.isfile() or not member.name.startswith(MEDIA_FOLDER):
            continue
        name = safe_media_name(member.name)
        if name is None or name not in manifest["files"]:
            raise BackupError(f"Onverwacht bestand in de back-up: {member.name}")
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, File(archive.extractfile(member), name=name))
        if saved != name:
            raise BackupError(f"Het bestand {name} kwam terug als {saved}.")
        written += 1
    return written


def restore_backup(path, replace=False):
    """Restore archive `path` into this site's database and storage; (pages, files) counts.
    Raises BackupError when the archive is not a backup of this kind of database, or the
    database is not empty and `replace` is False."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = read_manifest(archive)
        if not database_is_empty():
            if not replace:
                raise BackupError(
                    "De database is niet leeg. Zet een back-up terug in een lege database, "
                    "of geef --replace mee om alles wat er nu in staat te vervangen."
                )
            empty_database()
        with SpooledTemporaryFile(max_size=64 * 1024 * 1024) as dump:
            shutil.copyfileobj(archive.extractfile(manifest["database"]), dump)
            dump.seek(0)
            get_connector(connector_path=manifest["connector"]).restore_dump(dump)
        connection.close()  # a new connection sees the restored schema from scratch
        files = restore_files(archive, manifest)
    call_command("migrate", interactive=False, verbosity=0)
    forget_everything()
    return files
