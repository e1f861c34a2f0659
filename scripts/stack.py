"""The production stack on this machine, from the files in deploy/: a fresh PostgreSQL
database, a Redis database of its own, gunicorn started as deploy/systemd/website.service
starts it (one or more app servers), the task worker as website-worker.service starts it,
and nginx with deploy/nginx/site.conf (TLS with a throw-away certificate) in front.

Used by `make bench` (scripts/bench.py) and CI's deploy smoke test (scripts/smoke-deploy.py),
so what is measured and tested is what docs/deploy.md deploys. Installing nginx (and wrk)
needs root on Debian; everything else runs as any user.
"""

import os
import re
import secrets
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
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
]
BROTLI_MODULES = [
    "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so",
    "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
]
UNITS = ROOT / "deploy/systemd"
DEPLOYED_CHECKOUT = "/srv/website"


def ensure_packages(programs=("nginx",), extra_packages=()):
    """nginx with brotli (and `extra_packages`, e.g. wrk) from Debian when missing."""
    missing = [name for name in programs if not shutil.which(name)]
    if not missing and all(Path(module).exists() for module in BROTLI_MODULES):
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


def start_gunicorn(env, work, port, name="gunicorn", workers=None):
    """An app server as website.service starts it, bound to 127.0.0.1:`port` (with
    `workers` worker processes instead of the unit's number, when given)."""
    replace = {"bind": f"127.0.0.1:{port}"} | ({"workers": workers} if workers else {})
    command = unit_command("website.service", **replace)
    log = open(work / f"{name}.log", "w")  # noqa: SIM115 - lives as long as the process
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def start_worker(env, work):
    """The task worker as website-worker.service starts it."""
    log = open(work / "worker.log", "w")  # noqa: SIM115 - lives as long as the process
    command = unit_command("website-worker.service")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def start_scheduler(env, work):
    """The scheduler as website-scheduler.service starts it."""
    log = open(work / "scheduler.log", "w")  # noqa: SIM115 - lives as long as the process
    command = unit_command("website-scheduler.service")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def app_server_address(app):
    """`"127.0.0.1:8711"` for a port on this host, or the `"address:port"` given."""
    return app if isinstance(app, str) else f"127.0.0.1:{app}"


def start_nginx(env, work, app_ports, http_port, https_port):
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
    }
    for conf in ("site.conf", "media-local.conf", "media-s3.conf", "media-bucket.conf"):
        text = (ROOT / "deploy/nginx" / conf).read_text()
        for name, value in names.items():
            text = text.replace(f"@{name}@", str(value))
        assert "@" not in re.sub(r"#.*", "", text), f"a placeholder was left in {conf}"
        (work / conf).write_text(text)
    modules = "".join(f"load_module {module};\n" for module in BROTLI_MODULES)
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
    """A fresh PostgreSQL database name, dropped afterwards."""
    database = f"{prefix}_{os.getpid()}"
    run(["createdb", *pg_args(), database])
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
