"""The production stack on this machine, from the files in deploy/: a fresh PostgreSQL
database, a Redis database of its own, gunicorn started as deploy/systemd/website.service
starts it (one or more app servers), the task worker as website-worker.service starts it,
and nginx with deploy/nginx/site.conf (TLS with a throw-away certificate) in front.

Used by `make bench` (scripts/bench.py) and CI's deploy smoke test (scripts/smoke-deploy.py),
so what is measured and tested is what docs/deploy.md deploys. Installing nginx (and wrk)
needs root on Debian; everything else runs as any user.
"""

import contextlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv/bin/python"
PG = os.environ.get("STACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
NGINX_PACKAGES = [
    "nginx-light",
    "libnginx-mod-http-brotli-filter",
    "libnginx-mod-http-brotli-static",
    "libnginx-mod-http-cache-purge",
]
NGINX_MODULES = [
    "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so",
    "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so",
]
UNITS = ROOT / "deploy/systemd"
DEPLOYED_CHECKOUT = "/srv/website"


def ensure_packages(programs=("nginx",), extra_packages=()):
    """nginx with brotli and cache purging (and `extra_packages`, e.g. wrk) from Debian
    when missing."""
    missing = [name for name in programs if not shutil.which(name)]
    if not missing and all(Path(module).exists() for module in NGINX_MODULES):
        return
    packages = [*NGINX_PACKAGES, *extra_packages]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"Needs nginx with brotli: apt-get install {' '.join(packages)}")
    print(f"Installing {' '.join(packages)} from Debian", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *packages],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )
    # Debian starts the packaged service on port 80; the stack runs its own.
    subprocess.run(["service", "nginx", "stop"], check=False, capture_output=True)


def pg_args():
    parts = urlsplit(PG)
    return ["-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]


def counted(database, table, column, where="TRUE"):
    """{value of `column`: rows} in `table` of `database`, read with psql (a Django process
    costs seconds of CPU for a count)."""
    query = f"SELECT {column}, count(*) FROM {table} WHERE {where} GROUP BY {column}"  # noqa: S608 - callers' constants
    lines = run(["psql", *pg_args(), "-d", database, "-AtF", "\t", "-c", query], capture=True)
    return {key: int(n) for key, n in (line.split("\t") for line in lines.splitlines() if line)}


def production_env(work, database, redis_url, https_port, **extra):
    """The environment of .env.example, filled in for a run in `work`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": f"{PG}/{database}",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"stack{os.getpid()}",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "WAGTAILADMIN_BASE_URL": f"https://localhost:{https_port}",
        "EDITORS_EMAIL": "redactie@localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TRUSTED_PROXY_COUNT": "1",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def prepare_site(env):
    """Migrate, collect the static files and load the seed, as docs/deploy.md does."""
    manage = [str(PYTHON), "manage.py"]
    run([*manage, "migrate", "--no-input", "-v0"], env=env)
    run([*manage, "collectstatic", "--no-input", "-v0"], env=env)
    run([*manage, "load_seed"], env=env, quiet=True)


def unit_command(unit, **replace):
    """The ExecStart of deploy/systemd/`unit` as a list, with the deployed checkout's path
    replaced by this one and each `option=value` in `replace` swapped (e.g. bind)."""
    text = (UNITS / unit).read_text()
    command = shlex.split(re.search(r"^ExecStart=(.*)$", text, re.M)[1])
    command = [part.replace(DEPLOYED_CHECKOUT, str(ROOT)) for part in command]
    for option, value in replace.items():
        flag = "--" + option.replace("_", "-")
        command[command.index(flag) + 1] = str(value)
    return command


def start_gunicorn(env, work, port, name="gunicorn", workers=None, address="127.0.0.1", inside=()):
    """An app server as website.service starts it, bound to `address`:`port` (with
    `workers` worker processes instead of the unit's number, when given); `inside` prefixes
    the command (e.g. `ip netns exec <host>`: an app host of its own)."""
    replace = {"bind": f"{address}:{port}"} | ({"workers": workers} if workers else {})
    command = unit_command("website.service", **replace)
    return _start(work, name, [*inside, *command], env)


def start_worker(env, work, name="worker", inside=()):
    """The task worker as website-worker.service starts it."""
    return _start(work, name, [*inside, *unit_command("website-worker.service")], env)


def start_scheduler(env, work, name="scheduler", inside=()):
    """The scheduler as website-scheduler.service starts it."""
    return _start(work, name, [*inside, *unit_command("website-scheduler.service")], env)


def _start(work, name, command, env):
    """`command` in the background, its output in `work`/`name`.log."""
    log = open(work / f"{name}.log", "w")  # noqa: SIM115 - lives as long as the process
    command = [str(part) for part in command]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def app_server_address(app):
    """`"127.0.0.1:8711"` for a port on this host, or the `"address:port"` given."""
    return app if isinstance(app, str) else f"127.0.0.1:{app}"


def start_nginx(env, work, app_ports, http_port, https_port, purge=("127.0.0.1:8789", "127.0.0.1")):
    """nginx with deploy/nginx/site.conf, every placeholder filled in; the uploaded files
    from MEDIA_ROOT (media-local.conf) or, with `MEDIA_STORAGE=s3` in `env`, from the
    bucket (media-s3.conf). `app_ports`: ports on this host or "address:port" strings."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", work / "tls.key", "-out", work / "tls.crt"],
        check=True,
        capture_output=True,
    )
    bucket = env.get("MEDIA_STORAGE") == "s3"
    names = {
        "CACHE_PATH": work / "nginx-cache",
        "APP_SERVERS": " ".join(f"server {app_server_address(port)};" for port in app_ports),
        "SERVER_NAME": "localhost 127.0.0.1",
        "HTTP_PORT": http_port,
        "HTTPS_PORT": https_port,
        "TLS_CERTIFICATE": work / "tls.crt",
        "TLS_CERTIFICATE_KEY": work / "tls.key",
        "STATIC_ROOT": env["STATIC_ROOT"],
        "MEDIA_ROOT": env["MEDIA_ROOT"],
        "MEDIA_LOCATIONS": work / ("media-s3.conf" if bucket else "media-local.conf"),
        "MEDIA_BUCKET_CONF": work / "media-bucket.conf",
        "MEDIA_BUCKET_URL": f"{env.get('MEDIA_S3_ENDPOINT_URL')}/{env.get('MEDIA_S3_BUCKET')}",
        "PURGE_LISTEN": purge[0],
        "PURGE_ALLOW": purge[1],
    }
    for conf in ("site.conf", "media-local.conf", "media-s3.conf", "media-bucket.conf"):
        text = (ROOT / "deploy/nginx" / conf).read_text()
        for name, value in names.items():
            text = text.replace(f"@{name}@", str(value))
        left = re.findall(r"@[A-Z_]+@", re.sub(r"#.*", "", text))
        assert not left, f"placeholders left in {conf}: {left}"
        (work / conf).write_text(text)
    modules = "".join(f"load_module {module};\n" for module in NGINX_MODULES)
    # nginx's workers run as www-data when started by root: they need the cache and temp
    # folders and must read the files.
    work.chmod(0o755)
    nginx_dirs = ["nginx-cache", "nginx-cache-media", "nginx-body", "nginx-proxy"]
    nginx_dirs += ["nginx-fastcgi", "nginx-uwsgi"]
    for name in [*nginx_dirs, "nginx-scgi"]:
        (work / name).mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(work / name, "www-data")
    (work / "nginx.conf").write_text(
        f"""{modules}
{"user www-data;" if os.geteuid() == 0 else ""}
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types {{ text/calendar ics; }}
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {work}/site.conf;
}}
"""
    )
    return subprocess.Popen(["nginx", "-c", str(work / "nginx.conf"), "-g", "daemon off;"])


@contextmanager
def throwaway_database(prefix):
    """A fresh PostgreSQL database name, dropped afterwards: empty, or a copy of the migrated
    database $DEPLOY_DATABASE_TEMPLATE names (CI migrates once for its tracks: .ci/run; the
    deploy's `migrate` then finds nothing to do, as on a server without new migrations)."""
    database = f"{prefix}_{os.getpid()}"
    template = os.environ.get("DEPLOY_DATABASE_TEMPLATE")
    run(["createdb", *pg_args(), *(["--template", template] if template else []), database])
    try:
        yield database
    finally:
        run(["dropdb", *pg_args(), "--if-exists", "--force", database], check=False)


@contextmanager
def work_folder(prefix, logs=()):
    """A temporary folder; on failure the last lines of `logs` in it are printed."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    except BaseException:
        for log in logs:
            if (work / log).exists():
                tail = (work / log).read_text()[-3000:]
                print(f"--- {log} (last lines)\n{tail}", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def seeded_stack(prefix, redis_url, ports, prepare=None):
    """The production stack on one machine, as `make bench` and `make lighthouse` measure it:
    a fresh PostgreSQL database with the seed (`prepare(env)` then adds to it), Redis at
    `redis_url`, gunicorn (2 workers) and nginx with site.conf in front. `ports` is
    (app, http, https). Yields (env, work); everything is stopped and dropped afterwards."""
    app_port, http_port, https_port = ports
    logs = ("gunicorn.log", "nginx-error.log")
    with work_folder(f"{prefix}-", logs) as work, throwaway_database(prefix) as database:
        env = production_env(work, database, redis_url, https_port)
        prepare_site(env)
        if prepare:
            prepare(env)
        processes = [
            start_gunicorn(env, work, app_port),
            start_nginx(env, work, [app_port], http_port, https_port),
        ]
        try:
            wait_for(f"http://127.0.0.1:{app_port}/")
            yield env, work
        finally:
            for process in processes:
                stop(process)


def run_queued_tasks(env):
    """Everything the task queue holds done now, by a worker that stops when it is empty
    (`run_worker --batch`), as the site's worker would have done it."""
    run([PYTHON, "manage.py", "run_worker", "--batch", "--no-reload"], env=env, quiet=True)


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(url, seconds=120):
    """Wait until `url` answers; exit when it has not after `seconds` (a bound on failure,
    not a cost: on a machine busy with CI's other tracks a first page can take a minute)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url, headers={"X-Forwarded-Proto": "https", "Host": "localhost"})
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {seconds} s")


TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def fetch(url, headers=None):
    """(status, headers, raw body bytes) of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, context=TLS, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def run(command, env=None, check=True, quiet=False, capture=False):
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        check=check,
        text=True,
        stdout=subprocess.PIPE if quiet or capture else None,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return result.stdout


# --- Several app hosts on one machine --------------------------------------------------


class HostNetwork:
    """App hosts of their own on this machine: a network namespace each (iproute2), with its
    own address on a bridge and its own loopback, so it reaches nothing of this host but the
    services forwarded to the bridge's address (`forward`). Needs root.

    `HostNetwork(2)` → `.gateway` "10.231.N.1" (this host, seen from the app hosts) and
    `.hosts` [("wsN-1", "10.231.N.11"), ("wsN-2", "10.231.N.12")]; `run_in(host, command)`
    prefixes a command with `ip netns exec`. `close()` removes namespaces, links and
    forwarders."""

    def __init__(self, count):
        tag = os.getpid() % 200 + 20
        self.bridge = f"wsbr{tag}"
        self.gateway = f"10.231.{tag}.1"
        self.hosts = [(f"ws{tag}-{n}", f"10.231.{tag}.{10 + n}") for n in range(1, count + 1)]
        self.forwarders = []
        try:
            self._ip("link", "add", self.bridge, "type", "bridge")
            self._ip("addr", "add", f"{self.gateway}/24", "dev", self.bridge)
            self._ip("link", "set", self.bridge, "up")
            for number, (name, address) in enumerate(self.hosts, start=1):
                outside, inside = f"{self.bridge}v{number}", f"{self.bridge}p{number}"
                self._ip("netns", "add", name)
                self._ip("link", "add", outside, "type", "veth", "peer", "name", inside)
                self._ip("link", "set", inside, "netns", name)
                self._ip("link", "set", outside, "master", self.bridge, "up")
                self._ip("-n", name, "addr", "add", f"{address}/24", "dev", inside)
                self._ip("-n", name, "link", "set", inside, "up")
                self._ip("-n", name, "link", "set", "lo", "up")
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _ip(*arguments, check=True):
        subprocess.run(["ip", *arguments], check=check, capture_output=True)

    def run_in(self, host, command):
        return ["ip", "netns", "exec", host, *[str(part) for part in command]]

    def forward(self, port, target_port=None):
        """Make 127.0.0.1:`target_port` (default `port`) of this host reachable from the app
        hosts at gateway:`port` (a TCP forwarder in a thread)."""
        target = ("127.0.0.1", target_port or port)
        self.forwarders.append(TcpForwarder((self.gateway, port), target))

    def close(self):
        for forwarder in self.forwarders:
            forwarder.close()
        for name, _ in self.hosts:
            self._ip("netns", "delete", name, check=False)
        self._ip("link", "delete", self.bridge, check=False)


class TcpForwarder:
    """Accepts on `listen` (address, port) and copies each connection's bytes both ways to
    `target`, in threads: how an app host in its own namespace reaches PostgreSQL, Redis or
    the S3 server, which listen on this host's loopback only."""

    def __init__(self, listen, target):
        self.target = target
        self.server = socket.create_server(listen, reuse_port=False)
        self.open = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._copy, args=(source, sink), daemon=True).start()

    @staticmethod
    def _copy(source, sink):
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.server.close()
        for end in self.open:
            with contextlib.suppress(OSError):
                end.close()


# --- Object storage ----------------------------------------------------------------------

BUCKET = "website-media"


def bucket_env(endpoint):
    """The environment of .env.example for uploads in the bucket at `endpoint`."""
    return {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": endpoint,
        "MEDIA_S3_REGION": "eu-west-1",
        "MEDIA_S3_ACCESS_KEY_ID": "stack",
        "MEDIA_S3_SECRET_ACCESS_KEY": "stack-secret",
    }


def images_public(bucket):
    """The bucket policy of docs/deploy.md: anyone may read images, nothing else."""
    folders = [f"arn:aws:s3:::{bucket}/{folder}/*" for folder in ("images", "original_images")]
    allow = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": folders}
    return {"Version": "2012-10-17", "Statement": [allow]}


def start_s3_server(work, port):
    """An S3-compatible server (moto's server mode, from the dev packages) on
    127.0.0.1:`port` with an empty bucket; its output in `work`/s3.log."""
    import boto3  # noqa: PLC0415 - only the stacks with a bucket need it

    process = _start(
        work, "s3", [ROOT / ".venv/bin/moto_server", "-H", "127.0.0.1", "-p", port], None
    )
    settings = bucket_env(f"http://127.0.0.1:{port}")
    client = boto3.client(
        "s3",
        endpoint_url=settings["MEDIA_S3_ENDPOINT_URL"],
        region_name=settings["MEDIA_S3_REGION"],
        aws_access_key_id=settings["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=settings["MEDIA_S3_SECRET_ACCESS_KEY"],
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            client.create_bucket(
                Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
            )
            client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(images_public(BUCKET)))
            return process
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                stop(process)
                raise
            time.sleep(0.3)
