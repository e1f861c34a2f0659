"""CI's deploy smoke test: the site as docs/deploy.md deploys it on several hosts.

Starts, from the files in deploy/ (scripts/stack.py): a fresh PostgreSQL database, Redis and
an S3-compatible bucket (moto's server mode) on this host; two app hosts, each in a network
namespace of its own (iproute2: its own address, its own loopback, its own media folder, the
shared services reached only through the gateway), each running gunicorn as
deploy/systemd/website.service starts it and the scheduler, host 1 the task worker too;
and two nginx proxies with deploy/nginx/site.conf (each its own page cache, kept two minutes
here) in front of both hosts. Then checks, through the proxy:

- the home page (200), with CSP, HSTS and nosniff; compression (brotli and gzip); plain HTTP
  redirected to HTTPS; a static file served by nginx, immutable; `/media/documents/` refused;
  a rendition kept a year, an original image an hour (both fetched from the bucket); a
  3,000-character query string answered, a 10,000-character address answered with the Dutch
  414 page; the admin login page (Dutch); the health check, worker and scheduler alive; a
  contact message posted and stored;

and across the two app hosts (each asked directly, as the proxy would ask it):

- the form rate limit counts posts to both together;
- a page published through one is served fresh by both at once, and by both proxies as soon
  as the worker purged it from their caches;
- an image uploaded through host 1 gets a rendition made by host 2 from the bucket, served by
  the proxy; neither host's own disk holds a file;
- of the two schedulers one holds the lease and queues, the other waits;
- two sign-ups for the last place, one through each server at the same moment, give one
  place and one waiting-list entry;

and two more app servers with a service cut off: one whose Redis hangs (SIGSTOP) and then
stops (pages 200 within their time with Redis or a worker's first page, measured in the same
run, plus two Redis timeouts and 0.5 s; a contact message stored), one whose database address has
nothing listening (503 with Retry-After and the Dutch page; static files, robots.txt and the
health check still answer).

Exits non-zero with what failed. Installs nginx from Debian when missing; needs root (the
network namespaces).
"""

import http.client
import io
import json
import re
import secrets
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

from PIL import Image
from stack import (
    BUCKET,
    PYTHON,
    HostNetwork,
    bucket_env,
    counted,
    ensure_packages,
    fetch,
    prepare_site,
    production_env,
    run,
    start_gunicorn,
    start_nginx,
    start_s3_server,
    start_scheduler,
    start_worker,
    stop,
    throwaway_database,
    wait_for,
    work_folder,
)

APP_PORT = 8000  # on each app host's own address
OUTAGE_PORTS = (8713, 8714)
SPARE_REDIS_PORT, CLOSED_PORT = 8798, 8799
# Two proxies, each with its own page cache: (HTTP, HTTPS, purge) ports.
PROXY_PORTS = ((8790, 8753, 8791), (8792, 8754, 8793))
HTTP_PORT, HTTPS_PORT = PROXY_PORTS[0][:2]
PG_PORT, REDIS_PORT, S3_PORT = 5432, 6379, 8797
REDIS = f"redis://127.0.0.1:{REDIS_PORT}/12"
PROXY = f"https://localhost:{HTTPS_PORT}"
PROXIES = [f"https://localhost:{https}" for _, https, _ in PROXY_PORTS]
# A page stays this long in the proxies' cache here: only a purge makes a publish show sooner.
CACHE_SECONDS = 120
HOSTS = []  # [(namespace, address)] of the two app hosts, set by main()
HOST_MEDIA = []  # each app host's own MEDIA_ROOT
ADMIN_PASSWORD = secrets.token_urlsafe(16)
# The editor's authenticator app: its secret (hex, as django-otp stores it).
ADMIN_TOTP_KEY = secrets.token_hex(20)
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


class Visitor:
    """One browser: its own cookies, talking to `base` (the proxy over HTTPS, or one app
    server over HTTP with the headers the proxy adds)."""

    def __init__(self, base, forwarded_for=None):
        self.base = urllib.parse.urlsplit(base)
        self.cookies = {}
        self.forwarded_for = forwarded_for
        # What Django sees as its own address; the Referer of a form post must match it.
        self.origin = PROXY if self.base.scheme == "https" else "https://localhost"

    def request(self, method, path, data=None, headers=None):
        status, headers, content = self.request_bytes(method, path, data, headers)
        return status, headers, content.decode("utf-8", "replace")

    def request_bytes(self, method, path, data=None, headers=None):
        if self.base.scheme == "https":
            context = ssl._create_unverified_context()  # noqa: S323 - throw-away certificate
            connection = http.client.HTTPSConnection(self.base.netloc, context=context, timeout=20)
            sent = {}
        else:
            connection = http.client.HTTPConnection(self.base.netloc, timeout=20)
            sent = {"Host": "localhost", "X-Forwarded-Proto": "https"}
            if self.forwarded_for:
                sent["X-Forwarded-For"] = self.forwarded_for
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if isinstance(data, bytes):  # multipart, made by post_file
            body = data
            sent["Referer"] = self.origin + path
        elif data is not None:
            body = urllib.parse.urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = self.origin + path
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.headers, content

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, fields, form_path=None):
        """GET the form at `form_path` (default `path`) for its CSRF token, then POST."""
        _, _, page = self.get(form_path or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token:
            return 0, {}, "no CSRF token on the form"
        return self.request("POST", path, {"csrfmiddlewaretoken": token[1], **fields})

    def post_file(self, path, field, filename, content, content_type, form_path):
        """POST one file (multipart/form-data), with the CSRF token and the first choice of
        each drop-down of the form at `form_path`, as a browser's upload does."""
        _, _, page = self.get(form_path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token:
            return 0, {}, "no CSRF token on the form"
        fields = {"csrfmiddlewaretoken": token[1]}
        for name, value in re.findall(
            r'<select[^>]* name="([^"]+)"[^>]*>\s*<option value="([^"]*)"', page
        ):
            fields.setdefault(name, value)
        boundary = secrets.token_hex(16)
        part = 'Content-Disposition: form-data; name="{}"{}\r\n'
        body = b"".join(
            [
                *(
                    f"--{boundary}\r\n{part.format(name, '')}\r\n{value}\r\n".encode()
                    for name, value in fields.items()
                ),
                f"--{boundary}\r\n".encode(),
                part.format(field, f'; filename="{filename}"').encode(),
                f"Content-Type: {content_type}\r\n\r\n".encode(),
                content,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        kind = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body, headers=kind)


def app(index):
    return f"http://{HOSTS[index][1]}:{APP_PORT}"


def check_proxy():
    visitor = Visitor(PROXY)
    status, headers, _ = visitor.get("/")
    check(status == 200, "home page through the proxy answers 200")
    check("default-src" in headers.get("Content-Security-Policy", ""), "CSP header present")
    check("max-age=" in headers.get("Strict-Transport-Security", ""), "HSTS header present")
    check(headers.get("X-Content-Type-Options") == "nosniff", "nosniff present")
    for encoding in ("br", "gzip"):
        _, headers, _ = visitor.get("/", {"Accept-Encoding": encoding})
        check(headers.get("Content-Encoding") == encoding, f"home page sent with {encoding}")
    plain = http.client.HTTPConnection("localhost", HTTP_PORT, timeout=10)
    plain.request("GET", "/wie-zijn-wij/")
    redirect = plain.getresponse()
    status, location = redirect.status, redirect.headers.get("Location", "")
    plain.close()
    check(status == 301 and location.startswith("https://"), "plain HTTP redirects to HTTPS")

    _, _, home = visitor.get("/")
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+)"', home)
    status, headers, _ = visitor.get(stylesheet[1] if stylesheet else "/static/missing.css")
    immutable = "immutable" in headers.get("Cache-Control", "")
    check(status == 200 and immutable, "static file served by nginx, immutable")
    status, _, _ = visitor.get("/media/documents/jaarverslag.pdf")
    check(status == 404, "/media/documents/ refused by the proxy")
    media = PREPARED["media"]
    status, headers, _ = visitor.get(media["rendition"])
    caching = headers.get("Cache-Control", "")
    check(status == 200 and "immutable" in caching, f"a rendition is kept a year: {caching}")
    status, headers, _ = visitor.get(media["original"])
    caching = headers.get("Cache-Control", "")
    check(status == 200 and caching == "public, max-age=3600", f"an original an hour: {caching}")
    status, headers, body = visitor.get("/media/images/bestaat-niet.jpg")
    kept = headers.get("Cache-Control", "")
    check(
        status == 404 and "immutable" not in kept and "<Error>" not in body,
        f"a missing image: a plain 404, not kept, no bucket error (got {status}, {kept!r})",
    )
    document = media["document"]
    status, headers, body = visitor.request_bytes("GET", document["url"])
    check(
        status == 200 and body == bytes.fromhex(document["bytes"]),
        f"a document from the bucket downloads through the site (got {status})",
    )
    bucket = f"http://127.0.0.1:{S3_PORT}/{BUCKET}/"
    status, _, _ = fetch(bucket + document["name"])
    check(status == 403, f"the bucket refuses the document to anyone else (got {status})")
    status, _, _ = fetch(bucket + media["rendition"].removeprefix("/media/"))
    check(status == 200, f"the bucket lets anyone read a rendition (got {status})")
    # A search pasted from a document: the page cache's key and the app's headers fit.
    status, _, _ = visitor.get("/zoeken/?q=" + "armoede+schulden+" * 180)
    check(status == 200, f"a 3,000-character query string is answered (got {status})")
    status, headers, body = visitor.get("/zoeken/?q=" + "armoede+" * 1300)
    check(
        status == 414 and "Dit webadres is te lang" in body,
        f"a 10,000-character address gets the Dutch 414 page (got {status})",
    )
    status, _, login = visitor.get("/admin/login/")
    check(status == 200 and 'lang="nl"' in login, "admin login page served, in Dutch")
    # The worker and the scheduler beat once they have started, which on a busy machine may
    # take a while after the app servers answer.
    for _ in range(90):
        status, headers, body = visitor.get("/healthz")
        if status == 200:
            break
        time.sleep(1)
    report = json.loads(body) if status == 200 else {}
    check(report.get("database", {}).get("ok") is True, f"health check: {body[:300]}")
    for process in ("worker", "scheduler"):
        alive = report.get(process, {}).get("ok") is True
        check(alive, f"health check: the {process} shows signs of life")
    check("no-store" in headers.get("Cache-Control", ""), "health check is never cached")

    before = contact_messages()
    status, _, _ = visitor.post_form("/contact/", contact_fields("via de proxy"))
    check(status == 302, f"contact form through the proxy redirects (got {status})")
    check(contact_messages() == before + 1, "the contact message is stored")
    # The worker delivers its mail to the editors through the "delivery" mailer.
    for _ in range(120):
        statuses = counted(DATABASE, "core_outgoingemail", "status")
        if set(statuses) == {"sent"}:
            break
        time.sleep(0.5)
    check(set(statuses) == {"sent"}, f"the worker delivered the mail to the editors: {statuses}")


def contact_fields(text):
    return {
        "je_naam": "Rook Test",
        "je_e_mailadres": "rook@example.org",
        "je_bericht": f"Rooktest {text}",
    }


def check_rate_limit_across_servers():
    address = "198.51.100.7"  # the visitor's address, as the proxy passes it on
    answers = []
    for number in range(6):
        visitor = Visitor(app(number % 2), forwarded_for=address)
        status, _, _ = visitor.post_form("/contact/", contact_fields(f"limiet {number}"))
        answers.append(status)
    check(
        answers == [302] * 5 + [429],
        f"rate limit counts posts to both app servers together: {answers}",
    )


def log_in_editor():
    """An editor's browser, logged in (password and second factor) on app host 1."""
    editor = Visitor(app(0))
    status, _, _ = editor.post_form(
        "/admin/login/",
        {"username": "rooktest", "password": ADMIN_PASSWORD, "next": "/admin/"},
    )
    check(status == 302 and "sessionid" in editor.cookies, "an editor logs in on server 1")
    status, headers, _ = editor.get("/admin/")
    check(
        status == 302 and "/admin/tweestaps/code/" in headers.get("Location", ""),
        "without the second factor's code the dashboard sends the editor to the code page",
    )
    status, _, _ = editor.post_form("/admin/tweestaps/code/", {"code": current_code()})
    status_home, _, _ = editor.get("/admin/")
    check(status == 302 and status_home == 200, "with the code from the app the editor is in")
    return editor


def same_browser_on(index, editor):
    """`editor`'s browser (its cookies) talking to app host `index` instead."""
    other = Visitor(app(index))
    other.cookies = editor.cookies
    return other


def check_publish_is_fresh_everywhere(editor):
    page = PREPARED["draft"]
    for number, proxy in enumerate(PROXIES, start=1):
        Visitor(proxy).get(page["url"])
        _, headers, body = Visitor(proxy).get(page["url"])
        cached = headers.get("X-Cache-Status") == "HIT" and page["title"] not in body
        check(cached, f"proxy {number} holds the page as it was (for {CACHE_SECONDS} s)")
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={page['id']}&next=/admin/"
    status, _, _ = editor.post_form(bulk, {})
    check(status == 302, f"the editor publishes the draft through server 1 (got {status})")
    for index in (0, 1):
        # Each process asks Redis for the content generation at most once a second
        # (caching.content_cache.GENERATION_MEMO_SECONDS).
        deadline = time.monotonic() + 1.5
        while True:
            _, _, body = Visitor(app(index)).get(page["url"])
            if page["title"] in body or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        check(page["title"] in body, f"app server {index + 1} serves the new title within 1 s")
    # The worker purges the page from both proxies' caches (Wagtail's frontend cache).
    for number, proxy in enumerate(PROXIES, start=1):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            _, _, body = Visitor(proxy).get(page["url"])
            if page["title"] in body:
                break
            time.sleep(0.3)
        check(page["title"] in body, f"proxy {number} serves the new title: its copy was purged")


def check_upload_served_by_the_other_host(editor):
    """An image uploaded through app host 1 lands in the bucket; app host 2, with a disk of
    its own, makes a rendition of it from the bucket; the proxy serves both."""
    picture = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 110, 160)).save(picture, "JPEG", quality=85)
    upload = "/admin/images/multiple/add/"
    status, _, answer = editor.post_file(
        upload, "files[]", "Spandoek Malieveld.jpg", picture.getvalue(), "image/jpeg", upload
    )
    made = json.loads(answer) if status == 200 else {}
    check(made.get("success") is True, f"an image uploaded through host 1 (got {status})")
    status, _, edit_page = same_browser_on(1, editor).get(f"/admin/images/{made.get('image_id')}/")
    preview = re.search(r'src="(/media/images/[^"]+)"', edit_page)
    check(status == 200 and preview, "host 2 shows it in the admin, with a rendition")
    status, headers, _ = Visitor(PROXY).get(preview[1] if preview else "/media/images/x.jpg")
    kind = headers.get("Content-Type", "")
    check(status == 200 and kind.startswith("image/"), "the proxy serves host 2's rendition")
    for number, folder in enumerate(HOST_MEDIA, start=1):
        on_disk = [path.name for path in folder.rglob("*") if path.is_file()]
        check(on_disk == [], f"nothing was written to host {number}'s own disk: {on_disk}")


def check_one_scheduler(work):
    """Both hosts run a scheduler; one holds the lease and queues, the other waits."""
    for _ in range(60):
        beats = counted(DATABASE, "operations_processheartbeat", "process", "role = 'scheduler'")
        if len(beats) == 2:
            break
        time.sleep(1)
    check(len(beats) == 2, f"a scheduler runs on each host: {sorted(beats)}")
    holders = counted(DATABASE, "operations_schedulerlease", "holder")
    check(len(holders) == 1 and set(holders) <= set(beats), f"one holds the lease: {holders}")
    queued = [(work / f"scheduler-{n}.log").read_text().count("In de wachtrij") for n in (1, 2)]
    check(min(queued) == 0 and max(queued) > 0, f"only that one queues tasks: {queued}")


def current_code():
    """What the editor's authenticator app shows now (RFC 6238, as django-otp computes it)."""
    from django_otp.oath import totp  # noqa: PLC0415 - the project's own library

    return f"{totp(bytes.fromhex(ADMIN_TOTP_KEY)):06d}"


def check_login_lockout():
    """40 wrong passwords through the proxy, each with a made-up X-Forwarded-For (nginx
    appends the address it saw): the account and this address are locked, the right
    password is refused, and the made-up addresses never count."""
    attacker = Visitor(PROXY)
    answers = []
    for number in range(40):
        forged = {"X-Forwarded-For": f"10.{number}.0.1"}
        _, _, page = attacker.get("/admin/login/", headers=forged)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        fields = {"csrfmiddlewaretoken": token[1] if token else "", "username": "slot"}
        fields["password"] = f"gok-{number}"
        status, _, body = attacker.request("POST", "/admin/login/", fields, headers=forged)
        answers.append("te vaak een verkeerd wachtwoord" in body)
    check(
        answers == [False] * 4 + [True] * 36,
        f"brute force through the proxy: locked from the 5th wrong password ({sum(answers)}/40)",
    )
    status, _, body = Visitor(PROXY).post_form(
        "/admin/login/", {"username": "slot", "password": ADMIN_PASSWORD}
    )
    check(status == 200 and "te vaak" in body, "the right password is refused while locked")
    kinds = counted(DATABASE, "accounts_signinevent", "kind")
    check(kinds.get("failed") == 5, f"only tried passwords count: {kinds}")
    addresses = counted(DATABASE, "accounts_signinevent", "address", "username = 'slot'")
    check(set(addresses) == {"127.0.0.1"}, f"counted by the address nginx saw: {addresses}")
    unlock = "subject LIKE 'Inloggen op % is even geblokkeerd'"
    mails = counted(DATABASE, "core_outgoingemail", '"to"::text', unlock)
    check(mails == {'["slot@example.org"]': 1}, f"one unlock link, mailed to the account: {mails}")


def check_last_place_race():
    race = PREPARED["race"]
    visitors = [Visitor(app(index), forwarded_for=f"203.0.113.{index + 1}") for index in (0, 1)]
    tokens = []
    for visitor in visitors:
        _, _, form = visitor.get(race["url"])
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1])
    start = threading.Barrier(2)
    answers = [None, None]

    def sign_up(index):
        fields = {
            "csrfmiddlewaretoken": tokens[index],
            "name": f"Deelnemer {index + 1}",
            "email": f"deelnemer{index + 1}@example.org",
        }
        start.wait()
        answers[index] = visitors[index].request("POST", race["url"], fields)[0]

    threads = [threading.Thread(target=sign_up, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    where = f"event_date_id = {int(race['date'])}"
    counts = counted(DATABASE, "agenda_registration", "status", where)
    check(answers == [302, 302], f"both sign-ups answered with a redirect: {answers}")
    check(
        counts == {"aangemeld": 1, "wachtlijst": 1},  # Registration.Status: confirmed, waiting
        f"the last place went to one, the other is on the waiting list: {counts}",
    )


def timed_get(visitor, path):
    """(status, seconds) of one GET."""
    start = time.perf_counter()
    status, _, _ = visitor.get(path)
    return status, time.perf_counter() - start


def check_outages(work):
    """An app server whose Redis hangs and then is stopped, and one whose database is out
    of reach, each asked directly."""
    redis = subprocess.Popen(
        ["redis-server", "--port", str(SPARE_REDIS_PORT), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(work)],
        stdout=subprocess.DEVNULL,
    )
    cut_off = {"REDIS_URL": f"redis://127.0.0.1:{SPARE_REDIS_PORT}/0"}
    # One worker each: every request meets the same process (its first page is `cold`).
    redis_out = start_gunicorn(ENV | cut_off, work, OUTAGE_PORTS[0], "gunicorn-redis-out", 1)
    servers = [redis_out]
    closed = f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/website"
    env = ENV | {"DATABASE_URL": closed}
    servers.append(start_gunicorn(env, work, OUTAGE_PORTS[1], "gunicorn-database-out", 1))
    try:
        for port in OUTAGE_PORTS:
            wait_for(f"http://127.0.0.1:{port}/robots.txt")
        without_redis = Visitor(f"http://127.0.0.1:{OUTAGE_PORTS[0]}", forwarded_for="192.0.2.1")
        # A worker's first page (connections, templates) is the slowest a page gets here.
        _status, cold = timed_get(without_redis, "/")
        paths = ("/", "/documenten/", "/agenda/", "/zoeken/?q=schulden")
        redis_timeout = float(ENV["REDIS_TIMEOUT"])
        # The baseline, in this run on this machine: each page rendered with Redis answering
        # (its first time, so uncached, as it is again while Redis hangs).
        baseline = {path: timed_get(without_redis, path)[1] for path in paths}
        redis.send_signal(signal.SIGSTOP)
        for path in paths:
            status, seconds = timed_get(without_redis, path)
            # While Redis hangs a page may cost one Redis timeout per worker on top of an
            # uncached render (in a worker that may not have served a page yet), never a
            # hanging request.
            allowed = max(cold, baseline[path]) + 2 * redis_timeout + 0.5
            check(
                status == 200 and seconds < allowed,
                f"Redis hanging: {path} answers {status} in {seconds:.2f} s "
                f"(with Redis {baseline[path]:.2f} s, a first page {cold:.2f} s; "
                f"allowed {allowed:.2f} s)",
            )
        before = contact_messages()
        status, _, _ = without_redis.post_form("/contact/", contact_fields("Redis hangt"))
        stored = contact_messages() == before + 1
        check(status == 302 and stored, "Redis hanging: a contact message is stored")
        redis.send_signal(signal.SIGCONT)
        redis.terminate()
        redis.wait(10)
        status, _, _ = without_redis.get("/wie-zijn-wij/")
        check(status == 200, "Redis stopped: pages answer 200")

        without_database = Visitor(f"http://127.0.0.1:{OUTAGE_PORTS[1]}")
        status, headers, body = without_database.get("/")
        check(
            status == 503 and headers.get("Retry-After") == "60" and "even niet" in body,
            f"database out of reach: 503 with Retry-After and the Dutch page (got {status})",
        )
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', body)
        status, _, _ = without_database.get(stylesheet[1] if stylesheet else "/static/x.css")
        check(status == 200, "database out of reach: the 503 page's stylesheet is served")
        status, _, _ = without_database.get("/robots.txt")
        check(status == 200, "database out of reach: robots.txt answers")
        status, _, body = without_database.get("/healthz")
        check(status == 503 and '"down"' in body, "database out of reach: health check 503")
    finally:
        for server in servers:
            stop(server)
        redis.send_signal(signal.SIGCONT)
        stop(redis)


def main():
    ensure_packages()
    logs = ("gunicorn-1.log", "gunicorn-2.log", "worker.log", "scheduler-1.log")
    logs += ("scheduler-2.log", "nginx-error.log", "proxy-2/nginx-error.log", "s3.log")
    logs += ("gunicorn-redis-out.log", "gunicorn-database-out.log")
    with work_folder("deploy-smoke-", logs) as work, throwaway_database("smoke") as database:
        global ENV, DATABASE
        s3 = start_s3_server(work, S3_PORT)
        network = HostNetwork(2)
        try:
            HOSTS[:] = network.hosts
            ENV = production_env(
                work,
                database,
                REDIS,
                HTTPS_PORT,
                PAGE_CACHE_SECONDS=str(CACHE_SECONDS),
                # The app hosts reach Redis through a forwarder in this script, on two cores
                # that the worker shares while it makes the seed's renditions: production's
                # 0.25 s was seen to time out here (the rate limit then counted per process).
                REDIS_TIMEOUT="1",
                **bucket_env(f"http://127.0.0.1:{S3_PORT}"),
            )
            DATABASE = database
            prepare_site(ENV)
            # One Django process for everything the checks need made (each costs seconds).
            PREPARED.update(json.loads(inside("prepare", ADMIN_PASSWORD, ADMIN_TOTP_KEY)))
            for port in (PG_PORT, REDIS_PORT, S3_PORT):
                network.forward(port)
            processes = start_hosts(work, network)
            processes += start_proxies(work, network)
            run_checks(work)
        finally:
            for process in locals().get("processes", []):
                stop(process)
            network.close()
            stop(s3)
        if failures:
            raise SystemExit(f"{len(failures)} deploy check(s) failed: {failures}")
    print("Deploy smoke test: two proxies, two app hosts, worker, scheduler: all checks passed")


def host_env(work, network, number):
    """App host `number`'s environment: the shared services at the gateway's address, a
    media folder of its own (which must stay empty: files go to the bucket)."""
    gateway = network.gateway
    media = work / f"host-{number}-media"
    media.mkdir()
    HOST_MEDIA.append(media)
    purge = ",".join(f"http://{gateway}:{purge}" for _, _, purge in PROXY_PORTS)
    return {
        **ENV,
        "DATABASE_URL": f"postgres://postgres@{gateway}:{PG_PORT}/{DATABASE}",
        "REDIS_URL": f"redis://{gateway}:{REDIS_PORT}/12",
        "MEDIA_ROOT": str(media),
        "FRONTEND_CACHE_PURGE_URLS": purge,
        **bucket_env(f"http://{gateway}:{S3_PORT}"),
    }


def start_hosts(work, network):
    """On each host an app server and a scheduler; the worker on host 1."""
    processes = []
    for number, (host, address) in enumerate(network.hosts, start=1):
        env = host_env(work, network, number)
        inside_host = network.run_in(host, [])
        processes.append(
            start_gunicorn(
                env, work, APP_PORT, f"gunicorn-{number}", address=address, inside=inside_host
            )
        )
        processes.append(start_scheduler(env, work, f"scheduler-{number}", inside=inside_host))
        if number == 1:
            processes.append(start_worker(env, work, inside=inside_host))
    return processes


def start_proxies(work, network):
    """Two nginx proxies in front of both app hosts, each with its own page cache and a
    purge server the app hosts reach."""
    upstreams = [f"{address}:{APP_PORT}" for _, address in network.hosts]
    allowed = network.gateway.rsplit(".", 1)[0] + ".0/24"
    processes = []
    for number, (http_port, https_port, purge_port) in enumerate(PROXY_PORTS, start=1):
        folder = work if number == 1 else work / f"proxy-{number}"
        folder.mkdir(exist_ok=True)
        purge = (f"{network.gateway}:{purge_port}", allowed)
        processes.append(start_nginx(ENV, folder, upstreams, http_port, https_port, purge))
    return processes


def run_checks(work):
    for number in (0, 1):
        wait_for(f"{app(number)}/")
    for proxy in PROXIES:
        wait_for(f"{proxy}/")
    check_proxy()
    check_rate_limit_across_servers()
    editor = log_in_editor()
    check_publish_is_fresh_everywhere(editor)
    check_upload_served_by_the_other_host(editor)
    check_one_scheduler(work)
    check_last_place_race()
    check_login_lockout()
    check_outages(work)


# --- Inside Django (a child process with the production settings) -------------------------

ENV = None
DATABASE = None
PREPARED = {}  # what `inside("prepare")` made: {"draft": {...}, "race": {...}, "media": {...}}


def contact_messages():
    return sum(counted(DATABASE, "pages_contactmessage", "page_id").values())


def inside(action, *args):
    return run([PYTHON, __file__, "--inside", action, *args], env=ENV, capture=True).strip()


def inside_django(action, *args):
    import django  # noqa: PLC0415 - only in the child process

    django.setup()
    if action != "prepare":
        raise SystemExit(f"unknown action {action!r}")
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.core.files.base import ContentFile  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    from website.agenda.factories import add_date  # noqa: PLC0415
    from website.agenda.models import EventPage  # noqa: PLC0415
    from website.core.factories import ImageFactory  # noqa: PLC0415
    from website.core.models import CustomDocument  # noqa: PLC0415
    from website.library.factories import pdf_bytes  # noqa: PLC0415
    from website.library.models import PublicationPage  # noqa: PLC0415

    users = get_user_model().objects
    editor = users.create_superuser("rooktest", "rook@example.org", args[0])
    TOTPDevice.objects.create(user=editor, name="app", key=args[1], confirmed=True)
    users.create_superuser("slot", "slot@example.org", args[0])  # the lockout's target

    page = PublicationPage.objects.live().order_by("pk").first()
    page.title = f"Nieuwe titel {secrets.token_hex(3)}"
    page.save_revision()  # a draft, as an editor leaves it
    draft = {"id": page.pk, "url": page.url, "title": page.title}

    event = EventPage.objects.live().order_by("pk").first()
    event_date = add_date(event, days=30, registration_open=True, capacity=1)
    race = {"url": event_date.signup_url(), "date": event_date.pk}

    image = ImageFactory(file__width=600, file__height=400)
    report = pdf_bytes("Jaarverslag 2026 van het netwerk")
    document = CustomDocument.objects.create(
        title="Jaarverslag", file=ContentFile(report, name="jaarverslag.pdf")
    )
    media = {
        "original": image.file.url,
        "rendition": image.get_rendition("width-300").url,
        "document": {"url": document.url, "name": document.file.name, "bytes": report.hex()},
    }
    print(json.dumps({"draft": draft, "race": race, "media": media}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inside"]:
        inside_django(*sys.argv[2:])
    else:
        main()
