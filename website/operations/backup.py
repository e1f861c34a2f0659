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
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path, PurePosixPath

from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import CommandConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from website.caching.content_cache import forget_everything

FORMAT = 1
ARCHIVE_PREFIX = "backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MEDIA_FOLDER = "media/"


class BackupError(Exception):
    """A backup could not be made or restored; the message says why (Dutch, for the
    administrator)."""


# The connectors a manifest may name (it is read from a file someone may have changed).
ALLOWED_CONNECTORS = {
    "website.operations.backup.SqliteLiveConnector",
    "dbbackup.db.postgresql.PgDumpBinaryConnector",
}


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
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
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
    # Only the site's own user may read it: it holds every address and message.
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    with tarfile.open(partial, "w:gz") as archive:
        body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        _add(archive, "manifest.json", io.BytesIO(body), len(body))
        _add(archive, manifest["database"], dump, _size(dump))
        for name, size in files.items():
            with default_storage.open(name, "rb") as stored:
                _add(archive, MEDIA_FOLDER + name, stored, size)
    partial.rename(path)  # never a half-written archive under the final name
    return path


REQUIRED_MANIFEST_KEYS = ("engine", "connector", "database", "files")


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError(
            "Dit is geen back-up van deze website (manifest.json ontbreekt)."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Dit is geen back-up van deze website, of een onbekende versie.")
    if missing := [key for key in REQUIRED_MANIFEST_KEYS if key not in manifest]:
        raise BackupError(f"De back-up is onvolledig: {', '.join(missing)} ontbreekt.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Deze back-up komt uit {manifest['engine']}; de database hier is "
            f"{connection.vendor}. Zet hem terug in hetzelfde soort database."
        )
    if manifest["connector"] not in ALLOWED_CONNECTORS:
        raise BackupError(f"Onbekende manier van kopiëren: {manifest['connector']}.")
    return manifest


def checked_members(archive, manifest):
    """{storage name: member} of the uploaded files, after checking every member of the
    archive: only the manifest, the database and the listed files, each inside the media
    folder. Raises BackupError before anything is changed."""
    files = {}
    for member in archive.getmembers():
        if member.name in ("manifest.json", manifest["database"]) and member.isfile():
            continue
        name = safe_media_name(member.name) if member.name.startswith(MEDIA_FOLDER) else None
        if name is None or not member.isfile() or name not in manifest["files"]:
            raise BackupError(f"Onverwacht bestand in de back-up: {member.name}")
        files[name] = member
    if missing := set(manifest["files"]) - set(files):
        raise BackupError(f"De back-up mist {len(missing)} bestanden, zoals {min(missing)}.")
    return files


def checked_dump(archive, manifest, folder):
    """The database dump, written to a file in `folder` and read back by its own tool
    (pg_restore --list, or SQLite's integrity check) before anything is changed; its Path."""
    try:
        source = archive.extractfile(manifest["database"])
    except KeyError as error:
        raise BackupError("De back-up bevat geen database.") from error
    path = Path(folder) / "database"
    with path.open("wb") as dump:
        shutil.copyfileobj(source, dump)
    if connection.vendor == "sqlite":
        try:
            with closing(sqlite3.connect(path)) as copy:
                ok = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
    else:
        # pg_restore from the PATH, as django-dbbackup runs it; on our own file.
        listing = subprocess.run(  # noqa: S603
            ["pg_restore", "--list", str(path)],  # noqa: S607
            capture_output=True,
            check=False,
        )
        ok = listing.returncode == 0
    if not ok:
        raise BackupError("De database in de back-up is beschadigd; er is niets veranderd.")
    return path


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


def restore_files(archive, members):
    """Write every uploaded file back under its own name; the number written."""
    for name, member in members.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, File(archive.extractfile(member), name=name))
        if saved != name:
            raise BackupError(f"Het bestand {name} kwam terug als {saved}.")
    return len(members)


def restore_backup(path, replace=False):
    """Restore archive `path` into this site's database and storage; the number of files.

    Everything is checked first (the manifest, every member's name, the dump read back by
    its own tool); only then is the database emptied (with `replace`) and restored. Raises
    BackupError, with nothing changed, when the archive is damaged, not a backup of this
    kind of database, or the database is not empty and `replace` is False."""
    try:
        with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
            manifest = read_manifest(archive)
            members = checked_members(archive, manifest)
            dump_path = checked_dump(archive, manifest, folder)
            if not database_is_empty():
                if not replace:
                    raise BackupError(
                        "De database is niet leeg. Zet een back-up terug in een lege "
                        "database, of geef --replace mee om alles wat er nu in staat te "
                        "vervangen."
                    )
                empty_database()
            with dump_path.open("rb") as dump:
                get_connector(connector_path=manifest["connector"]).restore_dump(dump)
            connection.close()  # a new connection sees the restored schema from scratch
            files = restore_files(archive, members)
    except (tarfile.TarError, EOFError, OSError, CommandConnectorError) as error:
        raise BackupError(f"De back-up kon niet worden gelezen: {error}") from error
    call_command("migrate", interactive=False, verbosity=0)
    forget_everything()
    return files
