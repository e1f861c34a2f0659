"""Real services that fault tests stop, hang and start again: a private redis-server and a
port where nothing listens."""

import shutil
import signal
import socket
import subprocess
import tempfile
import time


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

    def __init__(self):
        self.port = free_port()
        self.envelopes = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
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
