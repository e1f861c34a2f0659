"""Helpers for tests where several people act at the same moment: threads, each with its own
database connection, released together."""

import contextlib
import sqlite3
import threading

from django.db import DEFAULT_DB_ALIAS, connection, connections


@contextlib.contextmanager
def database_for_threads(tmp_path):
    """The database that new threads connect to, with what the test has committed so far.

    PostgreSQL: the test database itself. SQLite: the test database lives in memory with a
    shared cache, where a second writer gets "database table is locked" at once (shared-cache
    table locks ignore the busy timeout), so threads could never wait for each other there.
    They get a file copy instead, opened with the same settings (transaction_mode IMMEDIATE)
    as the site's own SQLite file; the main thread's connection is left alone."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    copy = sqlite3.connect(tmp_path / "race.sqlite3")
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    original = connections.settings[DEFAULT_DB_ALIAS]
    # Connections are made per thread, from these settings, when a thread first asks.
    connections.settings[DEFAULT_DB_ALIAS] = original | {"NAME": str(tmp_path / "race.sqlite3")}
    try:
        yield
    finally:
        connections.settings[DEFAULT_DB_ALIAS] = original


def all_at_once(function, arguments):
    """Run `function` once per argument, each in its own thread with its own database
    connection, released together by a barrier. Returns the errors raised."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait(timeout=10)
            function(argument)
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a sign-up never finished"
    return errors
