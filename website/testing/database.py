"""The seeded test database, built once per test run and copied to every test process.

Migrating and seeding takes longer than most test modules, and pytest-xdist starts one test
process per CPU. The first process to take the lock migrates and seeds a database; each
process (the first included) then gets a copy:

- SQLite: the test database lives in memory. The seeded database is written to a file in the
  run's shared temporary folder with SQLite's backup API and read back the same way; a
  transactional test (whose end empties every table) is followed by the same copy, which
  takes milliseconds, instead of re-creating every seeded object from JSON.
- PostgreSQL: the seeded database is a template (`test_<name>_seeded`); each process gets
  `CREATE DATABASE … TEMPLATE`, the way Django's own parallel runner clones, and gets it
  again after a transactional test (under a second, where Django's serialized rollback
  took three: saving the seeded site's 2,600 objects one by one, 2026-12-07).

The files the seed stores (the guide's screenshots) go with it: copied from the builder's
MEDIA_ROOT into the shared folder, and from there into each process's own MEDIA_ROOT.
"""

import contextlib
import fcntl
import io
import re
import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import setup_databases

from .tasks import TestTaskBackend

SQLITE_COPY = "seeded.sqlite3"
MEDIA_COPY = "seeded-media"
BUILT = "seeded.built"


@contextlib.contextmanager
def run_lock(shared):
    """An exclusive lock on the run's shared folder (a `Path`), held while building or
    copying the seeded database."""
    with open(shared / "seeded.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connection():
    return connections[DEFAULT_DB_ALIAS]


def is_sqlite():
    return connection().vendor == "sqlite"


def template_name(test_name):
    """`test_site_gw1` → `test_site_seeded`: one template per run, whatever the worker."""
    return re.sub(r"_gw\d+$", "", test_name) + "_seeded"


def seeded_database(shared: Path):
    """Give this process the seeded test database; build it first if no process of this run
    has. Returns the old configuration for `django.test.utils.teardown_databases`."""
    with run_lock(shared):
        if (shared / BUILT).exists():
            return _copy_for_this_process(shared)
        old_config = _build(shared)
        (shared / BUILT).touch()
        return old_config or _copy_for_this_process(shared)


def _build(shared):
    """Migrate and seed. SQLite: in this process's own test database, which stays (returns
    its old configuration); PostgreSQL: in the template (returns None)."""
    conn = connection()
    if is_sqlite():
        old_config = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        _seed(shared)
        target = sqlite3.connect(shared / SQLITE_COPY)
        conn.ensure_connection()
        conn.connection.backup(target)
        target.close()
        conn._test_serialized_contents = "[]"
        return old_config
    own_name = conn.settings_dict["NAME"]
    own_test_name = conn.settings_dict["TEST"]["NAME"] or f"test_{own_name}"
    conn.settings_dict["TEST"]["NAME"] = template_name(own_test_name)
    try:
        conn.creation.create_test_db(verbosity=0, autoclobber=True)
        _seed(shared)
        conn.close()
    finally:
        conn.settings_dict["TEST"]["NAME"] = own_test_name
        conn.settings_dict["NAME"] = own_name
        settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"] = own_name


def _seed(shared):
    TestTaskBackend.indexing = True  # the seeded content is searchable, as after load_seed
    call_command("load_seed", stdout=io.StringIO())
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, shared / MEDIA_COPY, dirs_exist_ok=True)


def _copy_for_this_process(shared):
    conn = connection()
    old_name = conn.settings_dict["NAME"]
    test_name = conn.creation._get_test_db_name()
    if not is_sqlite():
        clone_template(test_name)
    if (shared / MEDIA_COPY).is_dir():
        shutil.copytree(shared / MEDIA_COPY, settings.MEDIA_ROOT, dirs_exist_ok=True)
    conn.close()
    settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"] = test_name
    conn.settings_dict["NAME"] = test_name
    conn.ensure_connection()
    if is_sqlite():
        restore_sqlite_copy(shared)
    # Serialized rollback is a copy of the seeded database (`restore_seeded` after each
    # transactional test); an empty list keeps Django from running post_migrate after its
    # flush.
    conn._test_serialized_contents = "[]"
    return [(conn, old_name, True)]


def clone_template(test_name):
    """(Re)create PostgreSQL database `test_name` from the run's seeded template; whoever is
    still connected to the old one (a live server's thread) is disconnected."""
    conn = connection()
    conn.close()
    with conn._nodb_cursor() as cursor:
        quote = conn.ops.quote_name
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)} WITH (FORCE)")
        cursor.execute(
            f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template_name(test_name))}"
        )


def restore_seeded(shared):
    """Bring this process's test database back to the seeded site after a transactional
    test (whose end emptied every table): SQLite's copy, or PostgreSQL's template."""
    if is_sqlite():
        restore_sqlite_copy(shared)
        return
    conn = connection()
    clone_template(conn.settings_dict["NAME"])
    conn.ensure_connection()


def restore_sqlite_copy(shared):
    """Put the seeded copy back into this process's in-memory test database (SQLite's
    backup API: page by page, milliseconds). Other connections to it (the live server's
    thread) see the restored data at once."""
    conn = connection()
    source = sqlite3.connect(shared / SQLITE_COPY)
    target = sqlite3.connect(conn.settings_dict["NAME"], uri=True)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def drop_template():
    """Drop the run's PostgreSQL template (called once, when the whole run ends)."""
    conn = connection()
    if is_sqlite():
        return
    test_name = conn.settings_dict["TEST"]["NAME"] or f"test_{conn.settings_dict['NAME']}"
    with conn._nodb_cursor() as cursor:
        quote = conn.ops.quote_name
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(template_name(test_name))} WITH (FORCE)")
