"""Real services that fault tests stop, hang and start again: a private redis-server, a
private PostgreSQL server, an SMTP server, an S3-compatible server and a port where nothing
listens."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of its own on a spare port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.process = None
        self.folder = tempfile.mkdtemp(prefix="redis-test-")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                # SHUTDOWN SAVE writes dump.rdb into this folder, not the working directory.
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self, keep_data=False):
        """Stopped for real: the port refuses connections. With `keep_data` it writes its
        data to disk first and has it again after `start()`, as a Redis with persistence."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            if keep_data:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as conn:
                    conn.sendall(b"SHUTDOWN SAVE\r\n")
                    conn.recv(16)
            else:
                self.process.terminate()
            self.process.wait(10)

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def hang(self):
        """Still accepting connections (the kernel does), never answering."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


class MailServer:
    """A real SMTP server (aiosmtpd) on a port of its own. It starts down: the port refuses
    connections, as a mail server that is out. `up()` starts it, `down()` stops it again;
    `recipients` lists each received mail's recipients, `messages` the raw mails."""

    def __init__(self, delay=0.0):
        self.port = free_port()
        self.envelopes = []
        self.controller = None
        self.delay = delay  # seconds each mail takes to accept: a slow mail server

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.delay:
            import asyncio  # noqa: PLC0415 - only a slow server needs it

            await asyncio.sleep(self.delay)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def up(self):
        from aiosmtpd.controller import Controller  # noqa: PLC0415 - only where mail is tested

        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()
        return self

    def down(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def recipients(self):
        return [envelope.rcpt_tos for envelope in self.envelopes]

    @property
    def messages(self):
        return [envelope.original_content for envelope in self.envelopes]

    def mailer(self):
        """The MAILERS entry that delivers to this server (Django's SMTP backend)."""
        options = {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 5}
        return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


class PostgresCluster:
    """A PostgreSQL server of its own (Debian's binaries, `initdb` and `pg_ctl`) on a spare
    port, data in a temporary folder, trust authentication on 127.0.0.1: a database server
    a test may stop and start. As root it runs as the `postgres` user (PostgreSQL refuses
    root)."""

    def __init__(self):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="postgres-test-")
        self.data = f"{self.folder}/data"
        self.bin = self._binaries()

    @staticmethod
    def _binaries():
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("PostgreSQL's server programs are not installed")
        return found[-1].rsplit("/", 1)[0]

    def _run(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        if not os.path.isdir(self.data):
            if os.geteuid() == 0:
                shutil.chown(self.folder, "postgres")
            self._run(
                f"{self.bin}/initdb",
                "-D",
                self.data,
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            f"{self.bin}/pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "-l",
            f"{self.folder}/server.log",
            "start",
        )
        return self

    def stop(self):
        """Stopped for real (fast shutdown: connections are cut, the port refuses)."""
        if os.path.exists(f"{self.data}/postmaster.pid"):
            self._run(f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class S3Server:
    """An S3-compatible server of its own (moto's server mode, a separate process) with one
    bucket. Its objects live in that process's memory: `stop()` loses them, as a bucket
    that is gone; `hang()` and `resume()` freeze and thaw it (SIGSTOP, SIGCONT), as a
    server that stopped answering."""

    BUCKET = "website-media"
    KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "testing", "MEDIA_S3_SECRET_ACCESS_KEY": "testing"}

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def environ(self, **extra):
        """The environment variables of .env.example that point the site at this bucket."""
        return {
            "MEDIA_STORAGE": "s3",
            "MEDIA_S3_BUCKET": self.BUCKET,
            "MEDIA_S3_ENDPOINT_URL": self.endpoint,
            "MEDIA_S3_REGION": "eu-west-1",
            **self.KEYS,
            **extra,
        }

    def start(self):
        # The virtual environment's own, beside its python (not on PATH under pytest).
        binary = os.path.join(os.path.dirname(sys.executable), "moto_server")
        self.process = subprocess.Popen(
            [binary, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                self.client().create_bucket(
                    Bucket=self.BUCKET,
                    CreateBucketConfiguration={"LocationConstraint": "eu-west-1"},
                )
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the S3 server did not start")

    def client(self):
        import boto3  # noqa: PLC0415 - only where object storage is tested

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="eu-west-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106 - moto's test key
        )

    def object_keys(self):
        """The key of every object in the bucket."""
        listed = self.client().list_objects_v2(Bucket=self.BUCKET).get("Contents", [])
        return [item["Key"] for item in listed]

    def objects(self):
        """{key: bytes} of every object in the bucket."""
        client = self.client()
        return {
            key: client.get_object(Bucket=self.BUCKET, Key=key)["Body"].read()
            for key in self.object_keys()
        }

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)


class MariaDBDatabase:
    """A database of its own on the machine's MariaDB (MARIADB_URL, else root without a
    password on 127.0.0.1:3306, as on these machines and as `.ci/run` starts it), dropped
    again by `drop()`. `url` is its mysql:// address; `connect()` a PyMySQL connection with
    Joomla's lenient SQL mode (its zero dates)."""

    def __init__(self, name_prefix="test_joomla"):
        import pymysql  # noqa: PLC0415 - only the tests that need MariaDB load the driver

        self.pymysql = pymysql
        base = os.environ.get("MARIADB_URL", "mysql://root@127.0.0.1:3306")
        self.server = base.rstrip("/")
        self.name = f"{name_prefix}_{os.getpid()}_{int(time.time() * 1000) % 10**8}"
        self.url = f"{self.server}/{self.name}"
        with self._server_connection() as connection, connection.cursor() as cursor:
            cursor.execute(
                f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )

    def _server_connection(self, database=None):
        parts = urlsplit(self.server)
        return self.pymysql.connect(
            host=parts.hostname, port=parts.port or 3306, user=parts.username or "root",
            password=parts.password or "", database=database, charset="utf8mb4",
            autocommit=True,
        )  # fmt: skip

    def connect(self):
        connection = self._server_connection(self.name)
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'")
        return connection

    def drop(self):
        with self._server_connection() as connection, connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
