"""Measure the production stack under a crowd: `make bench`.

Starts, on this machine, what docs/deploy.md deploys: PostgreSQL (a fresh database), Redis
(a database of its own), gunicorn with 2 workers and production settings, and nginx with
deploy/nginx/site.conf (TLS with a throw-away certificate) in front, on the seeded site. Then,
with 50 concurrent connections (wrk), BENCH_SECONDS each:

- for the home page, a list (documents), a detail page (a publication), the agenda and a
  search: through the proxy (page-cache hits), straight to gunicorn (the page memory answers
  after the first render), the same HTML saved as a file and served by the same proxy (the
  ceiling), side by side; and straight to gunicorn with a query string that differs per
  request, so every request is rendered;
- per page type the SQL queries of one render (warm caches, page memory off), the bytes sent
  gzip- and brotli-compressed, and SWEEP_SECONDS straight to gunicorn;
- search under a crowd through the proxy: the popular queries in turn, and all-different
  queries (word pairs never asked before);
- an editor's upload of a 24 MP and a 108 MP phone photo, the worker making their renditions,
  and the first view of a new page with the 24 MP photo;
- Lighthouse (mobile) on every page type (scripts/lighthouse.py).

It also publishes a change and a setting and measures how long until anonymous visitors get
it, and the CPU an idle task worker uses. It checks the targets and exits 1 when one is
missed.

Needs root to install nginx, its brotli modules and wrk when they are missing (Debian). Run
alone: the figures are only comparable within one run.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import lighthouse
from stack import (
    PYTHON,
    ROOT,
    ensure_packages,
    fetch,
    run,
    run_queued_tasks,
    seeded_stack,
    stop,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/13")
APP_PORT, HTTP_PORT, HTTPS_PORT = 8701, 8780, 8743
PAGES = {
    "home": "/",
    "list (documents)": "/documenten/",
    "detail (publication)": "/documenten/verbeterpunten-schuldhulpverlening/",
    "agenda": "/agenda/",
    "search": "/zoeken/?q=schulden",
}
# Every public page type, for the query counts (one render each, warm cache).
QUERY_PAGES = {
    **PAGES,
    "standard page": "/wie-zijn-wij/",
    "member organisations": "/wie-zijn-wij/organisaties/",
    "agenda archive": "/agenda/archief/2014/",
    "event": None,  # found in the seeded site
    "story form": "/wat-mensen-overkomt/deel-je-verhaal/",
    "stories": "/wat-mensen-overkomt/",
    "articles": "/achtergronden/",
    "book review": "/achtergronden/genadebrood/",
    "themes": "/themas/",
    "theme": "/themas/schulden/",
    "initiatives": "/lokale-aanpak/",
    "initiative": "/lokale-aanpak/bench-initiatief-0/",
    "campaign": "/documenten/najaarsactie-2016/",
    "contact": "/contact/",
    "site overview": "/overzicht/",
    "feed (RSS)": "/documenten/feed/rss/",
    "not found": "/bestaat-niet/",
}


def main():
    ensure_packages(programs=("nginx", "wrk"), extra_packages=("wrk",))
    ports = (APP_PORT, HTTP_PORT, HTTPS_PORT)
    with seeded_stack("bench", REDIS, ports, prepare=lambda env: inside(env, "grow")) as (
        env,
        work,
    ):
        report(env, work)


# --- Measuring ---------------------------------------------------------------------------


def proxied(path):
    return f"https://localhost:{HTTPS_PORT}{path}"


def wrk(url, direct=False, script=None, seconds=SECONDS):
    """{rps, p50_ms, p99_ms, errors} for CONNECTIONS connections during `seconds`; `script`
    (a wrk Lua file) makes the requests' paths."""
    headers = ["-H", "Accept-Encoding: br, gzip"]
    if direct:  # as the proxy would send it, else production redirects to https
        headers += ["-H", "X-Forwarded-Proto: https", "-H", "Host: localhost"]
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    command += ["-s", str(script)] if script else []
    output = subprocess.run([*command, *headers, url], capture_output=True, text=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    socket = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(map(int, socket.groups()[:3])) if socket else 0
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors + (int(non_2xx[1]) if non_2xx else 0),
        "timeouts": int(socket[4]) if socket else 0,
    }


def save_static_copies(env):
    """Each page's HTML as a file under /static/bench/, served by the same proxy."""
    folder = Path(env["STATIC_ROOT"]) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for number, path in enumerate(PAGES.values()):
        status, _, body = fetch(proxied(path))
        assert status == 200, (path, status)
        (folder / f"{number}.html").write_bytes(body)
    return {name: f"/static/bench/{number}.html" for number, name in enumerate(PAGES)}


def compressed_sizes(path):
    """{encoding: bytes sent} for identity, gzip and brotli through the proxy."""
    sizes = {}
    for encoding in ("identity", "gzip", "br"):
        _, headers, body = fetch(proxied(path), {"Accept-Encoding": encoding})
        sent = headers.get("Content-Encoding", "identity")
        sizes[encoding] = len(body) if sent == encoding else None
    return sizes


def time_until_visible(env, change, path, marker):
    """Seconds from a change (made by `manage.py` in another process, as an editor's
    publish is) until an anonymous visitor through the proxy gets `marker` on `path`. The
    page is asked for every 0.1 s throughout, so the proxy holds a fresh copy of the old
    page when the change lands: this is the worst case a crowd sees."""
    command = [str(PYTHON), __file__, "--inside", change, marker]
    changing = subprocess.Popen(command, cwd=ROOT, env=env)
    while changing.poll() is None:
        fetch(proxied(path), {"Accept-Encoding": "identity"})
        time.sleep(0.1)
    changed = time.monotonic()
    while time.monotonic() - changed < 30:
        _, _, body = fetch(proxied(path), {"Accept-Encoding": "identity"})
        if marker.encode() in body:
            return time.monotonic() - changed
        time.sleep(0.1)
    return float("inf")


def idle_worker_cpu(env, seconds=20):
    """Percent of one core the task worker uses while there is nothing to do."""
    # First the tasks the seed and the changes above queued (search index and the like).
    run_queued_tasks(env)
    worker = subprocess.Popen(
        [str(PYTHON), "manage.py", "run_worker", *WORKER_OPTIONS],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(15)  # start-up: Django and the first look at the queue
        before = cpu_seconds(worker.pid)
        time.sleep(seconds)
        return 100 * (cpu_seconds(worker.pid) - before) / seconds
    finally:
        stop(worker)


# Words people search for on a network's site after the news (the seed's subjects).
POPULAR_QUERIES = [
    "schulden", "armoede", "toeslagen", "voedselbank", "bijstand", "energie", "huur",
    "kinderen", "minimumloon", "participatiewet", "zorg", "werk", "wonen", "gezin",
    "schuldhulpverlening", "belasting", "studie", "ouderen", "uitkering", "kosten",
]  # fmt: skip
# Words to make different queries of: each request of the run asks a pair not asked before.
QUERY_WORDS = [
    *POPULAR_QUERIES, "gemeente", "kamerbrief", "minister", "rapport", "inkomen", "honger",
    "jongeren", "pensioen", "aow", "vakbond", "kerk", "humanisten", "alliantie", "actie",
    "petitie", "brief", "verhaal", "initiatief", "lokale", "aanpak", "beleid", "geld",
    "betalen", "rekening", "incasso", "deurwaarder", "beslag", "boete", "regels", "hulp",
]  # fmt: skip


def lua_list(words):
    return "{" + ", ".join(f'"{word}"' for word in words) + "}"


def search_scripts(work):
    """wrk scripts: the popular queries in turn, and queries that are all different (word
    pairs, each thread its own half of them)."""
    popular = work / "popular.lua"
    popular.write_text(
        f"local words = {lua_list(POPULAR_QUERIES)}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        '  return wrk.format("GET", "/zoeken/?q=" .. words[n % #words + 1])\n'
        "end\n"
    )
    different = work / "different.lua"
    different.write_text(
        f"local words = {lua_list(QUERY_WORDS)}\n"
        "local threads = 0\n"
        "setup = function(thread)\n"
        "  thread:set('first', threads * 100000)\n"
        "  threads = threads + 1\n"
        "end\n"
        "local n = nil\n"
        "request = function()\n"
        "  n = (n or first) + 1\n"
        "  local a = words[n % #words + 1]\n"
        "  local b = words[math.floor(n / #words) % #words + 1]\n"
        "  local page = math.floor(n / (#words * #words)) % 3 + 1\n"
        '  return wrk.format("GET", "/zoeken/?q=" .. a .. "+" .. b .. "&pagina=" .. page)\n'
        "end\n"
    )
    return popular, different


def search_under_a_crowd(work):
    """{name: wrk result} for search through the proxy: the popular queries in turn (the
    page cache serves each after its first), and all-different queries (each reaches
    gunicorn)."""
    popular, different = search_scripts(work)
    for word in POPULAR_QUERIES:  # a crowd asked each before
        fetch(proxied(f"/zoeken/?q={word}"))
    return {
        "search, popular queries (proxy)": wrk(proxied("/"), script=popular),
        "search, all-different queries (proxy)": wrk(proxied("/"), script=different),
    }


SWEEP_SECONDS = 4


def every_page_type_straight(queries):
    """{page type: wrk result} straight to gunicorn for every page type of the query table
    (a page the proxy does not hold: the page memory answers after the first render, except
    pages that differ per visitor, such as a form with its CSRF token)."""
    results = {}
    for name, result in queries.items():
        url = f"http://127.0.0.1:{APP_PORT}{result['path']}"
        fetch(url, {"X-Forwarded-Proto": "https", "Host": "localhost"})
        results[name] = wrk(url, direct=True, seconds=SWEEP_SECONDS)
        time.sleep(1)
    return results


def rendered_each_time(work):
    """{page: wrk result} straight to gunicorn with a query string that differs per request
    (`?r=N`, which no page reads): every request rendered, past the page memory too."""
    script = work / "each-time.lua"
    script.write_text(
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local sep = string.find(wrk.path, '?') and '&' or '?'\n"
        "  return wrk.format(nil, wrk.path .. sep .. 'r=' .. n)\n"
        "end\n"
    )
    results = {}
    for name, path in PAGES.items():
        results[name] = wrk(f"http://127.0.0.1:{APP_PORT}{path}", direct=True, script=script)
        time.sleep(3)
    return results


def upload_and_first_view(env):
    """Seconds for an editor's upload of a 24 MP phone photo and of the largest image the
    limits allow (a 108 MP phone photo), for the worker to make their renditions, and for the
    first visitor's view (through the proxy) of a new page with the 24 MP photo."""
    run_queued_tasks(env)  # what the seed queued first: the worker's time is the photos'
    uploads = json.loads(inside(env, "upload", capture=True).splitlines()[-1])
    began = time.monotonic()
    run_queued_tasks(env)
    worker = time.monotonic() - began
    path = inside(env, "page-with-image", str(uploads["24 MP"]["id"]), capture=True)
    path = path.strip().splitlines()[-1]
    began = time.monotonic()
    status, _, body = fetch(proxied(path))
    first_view = time.monotonic() - began
    assert status == 200 and b"<picture" in body, (path, status)
    return {
        "upload 24 MP": uploads["24 MP"]["seconds"],
        "upload 108 MP": uploads["108 MP"]["seconds"],
        "worker: renditions of both": worker,
        "first view, page with the 24 MP photo": first_view,
    }


def worker_options():
    """The worker's options as docs/deploy.md gives them (the systemd unit)."""
    unit = (ROOT / "deploy/systemd/website-worker.service").read_text()
    command = re.search(r"^ExecStart=.*run_worker(.*)$", unit, re.M)
    return command[1].split() if command else []


WORKER_OPTIONS = worker_options()


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


SECTIONS = ("pages", "types", "changes", "search", "images", "lighthouse")


def report(env, work):
    """Run the sections named in BENCH_ONLY (comma-separated; all by default), print their
    tables, then the targets; exit 1 when one is missed."""
    print(f"\nmake bench, {time.strftime('%Y-%m-%d %H:%M')}, {machine()}")
    print(f"{CONNECTIONS} connections, {SECONDS} s per run, gunicorn 2 sync workers\n")
    chosen = os.environ.get("BENCH_ONLY", ",".join(SECTIONS)).split(",")
    sections = {
        "pages": pages_section,
        "types": page_types_section,
        "changes": changes_section,
        "search": search_section,
        "images": images_section,
        "lighthouse": lighthouse_section,
    }
    checks = []
    for name in SECTIONS:
        if name in chosen:
            checks += sections[name](env, work)
    print("\nTargets:")
    for label, passed in checks:
        print(f"  {'✓' if passed else '✗'} {label}")
    if not all(passed for _, passed in checks):
        sys.exit(1)


def pages_section(env, work):
    static = save_static_copies(env)
    for path in PAGES.values():  # fill the page cache
        fetch(proxied(path))
    hits, static_files, straight = {}, {}, {}
    for name, path in PAGES.items():
        fetch(proxied(path))  # in the page cache again
        hits[name] = wrk(proxied(path))
        static_files[name] = wrk(proxied(static[name]))
    for name, path in PAGES.items():
        straight[name] = wrk(f"http://127.0.0.1:{APP_PORT}{path}", direct=True)
        time.sleep(3)  # gunicorn answers what is still queued before the next run
    print(
        "| page | proxy (cache hits) req/s | p50 / p99 ms | gunicorn (no proxy) req/s "
        "| p50 / p99 ms | static file req/s | p50 / p99 ms | hits / static | errors + timeouts |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    checks = []
    for name in PAGES:
        hit, app, static_file = hits[name], straight[name], static_files[name]
        problems = sum(r["errors"] + r["timeouts"] for r in (hit, app, static_file))
        print(
            f"| {name} | {hit['rps']:,.0f} | {hit['p50']:.1f} / {hit['p99']:.1f} "
            f"| {app['rps']:,.0f} | {app['p50']:.0f} / {app['p99']:.0f} "
            f"| {static_file['rps']:,.0f} | {static_file['p50']:.1f} / {static_file['p99']:.1f} "
            f"| {hit['rps'] / static_file['rps']:.0%} | {problems} |"
        )
        checks += [
            (
                f"{name}: cache hits ≥ 50 % of the static file",
                hit["rps"] >= 0.5 * static_file["rps"],
            ),
            (f"{name}: 0 errors and 0 timeouts", not problems),
            (f"{name}: p99 < 1 s (proxy and gunicorn)", max(hit["p99"], app["p99"]) < 1000),
        ]

    rendered = rendered_each_time(work)
    print("\n| page, rendered for every request (no proxy, no page memory) | req/s | p50 / p99 |")
    print("|---|---:|---:|")
    for name, result in rendered.items():
        print(f"| {name} | {result['rps']:,.0f} | {result['p50']:.0f} / {result['p99']:.0f} |")
    return checks


def page_types_section(env, work):
    queries = json.loads(inside(env, "queries", capture=True))
    straight = every_page_type_straight(queries)
    print(
        "\n| page type | status | SQL queries (render) | HTML bytes | gzip | brotli "
        f"| straight to gunicorn req/s ({SWEEP_SECONDS} s) | p99 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in queries.items():
        sizes = compressed_sizes(result["path"])
        app = straight[name]
        print(
            f"| {name} ({result['path']}) | {result['status']} | {result['queries']} "
            f"| {sizes['identity'] or '–'} | {sizes['gzip'] or '–'} | {sizes['br'] or '–'} "
            f"| {app['rps']:,.0f} | {app['p99']:.0f} |"
        )
    return [
        (f"{name}: straight to gunicorn ≥ 200 req/s", result["rps"] >= 200)
        for name, result in straight.items()
    ]


def changes_section(env, work):
    publish = time_until_visible(
        env, "publish", PAGES["detail (publication)"], f"Bijgewerkt {secrets.token_hex(3)}"
    )
    setting = time_until_visible(
        env, "setting", PAGES["list (documents)"], f"Kern {secrets.token_hex(3)}"
    )
    idle = idle_worker_cpu(env)
    print(f"\nA page published (another process) is served through the proxy after {publish:.1f} s")
    print(f"A changed site setting (the tagline, on every page) after {setting:.1f} s")
    print(f"Idle task worker ({' '.join(WORKER_OPTIONS) or 'defaults'}): {idle:.2f} % of one core")
    return [
        ("published page served within 10 s", publish <= 10),
        ("changed setting served within 10 s", setting <= 10),
    ]


def search_section(env, work):
    searches = search_under_a_crowd(work)
    print("\n| search | req/s | p50 / p99 ms | errors + timeouts |")
    print("|---|---:|---:|---:|")
    for name, result in searches.items():
        print(
            f"| {name} | {result['rps']:,.0f} | {result['p50']:.0f} / {result['p99']:.0f} "
            f"| {result['errors'] + result['timeouts']} |"
        )
    popular = searches["search, popular queries (proxy)"]
    different = searches["search, all-different queries (proxy)"]
    return [
        ("search, popular queries: ≥ 200 req/s", popular["rps"] >= 200),
        (
            "search, popular queries: 0 timeouts, p99 < 1 s",
            not popular["timeouts"] and popular["p99"] < 1000,
        ),
        ("search, all-different queries: ≥ 60 req/s", different["rps"] >= 60),
    ]


def images_section(env, work):
    images = upload_and_first_view(env)
    print("\n| new images | seconds |")
    print("|---|---:|")
    for name, seconds in images.items():
        print(f"| {name} | {seconds:.2f} |")
    uploads = max(images["upload 24 MP"], images["upload 108 MP"])
    return [
        ("uploads (24 and 108 MP) each < 5 s", uploads < 5),
        (
            "first view of a page with a new 24 MP photo < 1 s",
            images["first view, page with the 24 MP photo"] < 1,
        ),
    ]


def lighthouse_section(env, work):
    passed = lighthouse.report(proxied(""), lighthouse.samples(env))
    return [("Lighthouse 100 in four categories and CLS 0 on every page type", passed)]


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    system = os.uname()
    return f"{os.cpu_count()} cores ({cpu[1] if cpu else '?'}), {system.sysname} {system.release}"


# --- Inside Django (a child process with the production settings) -------------------------


def inside(env, action, *args, capture=False):
    return run([str(PYTHON), __file__, "--inside", action, *args], env=env, capture=capture)


def inside_django(action, *args):
    import django  # noqa: PLC0415 - only in the child process

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    if action == "grow":
        grow_site()
    elif action == "queries":
        from django.test import override_settings  # noqa: PLC0415

        override_settings(PAGE_MEMORY=False).enable()  # count the rendering's queries
        client = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
        results = {}
        for name, path in QUERY_PAGES.items():
            path = path or event_path()
            client.get(path)  # warm: renditions, fragments
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            results[name] = {"path": path, "status": response.status_code, "queries": len(queries)}
        print(json.dumps(results))
    elif action == "upload":
        print(json.dumps(upload_photos()))
    elif action == "page-with-image":
        print(page_with_image(int(args[0])))
    elif action == "publish":
        from wagtail.models import Page  # noqa: PLC0415

        page = Page.objects.get(url_path__endswith="/verbeterpunten-schuldhulpverlening/").specific
        page.title = f"{page.title} {args[0]}"
        page.save_revision().publish()
    elif action == "setting":
        from website.core.models import SiteSettings  # noqa: PLC0415

        settings = SiteSettings.objects.get()
        settings.tagline = args[0]
        settings.save()


def upload_photos():
    """{name: {"id", "seconds"}}: photos uploaded through the admin's upload view, as an
    editor's browser posts them (Django's test client, production settings)."""
    import io  # noqa: PLC0415

    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415
    from django.test import Client, override_settings  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    # The editor logged in with both factors: what the admin asks of the upload is measured,
    # not the way to the second-factor page (force_login knows no second factor).
    override_settings(TWO_FACTOR_REQUIRED=False).enable()
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
    client.force_login(editor)
    results = {}
    for name, size in (("24 MP", (6000, 4000)), ("108 MP", (12000, 9000))):
        grain = Image.effect_noise((size[0] // 8, size[1] // 8), 30).convert("L").resize(size)
        light = Image.linear_gradient("L").resize(size)
        photo = io.BytesIO()
        Image.merge("RGB", (light, grain, light.rotate(90).resize(size))).save(
            photo, "JPEG", quality=85
        )
        began = time.monotonic()
        answer = client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile(f"foto-{name.replace(' ', '')}.jpg", photo.getvalue())},
        ).json()
        results[name] = {"id": answer["image_id"], "seconds": time.monotonic() - began}
    return results


def page_with_image(image_id):
    """A new article with the image as its lead image, published; its path."""
    from website.articles.models import ArticleIndexPage, ArticlePage  # noqa: PLC0415

    page = ArticlePage(
        title=f"Bench-foto {image_id}",
        introduction="Een nieuwe foto van een actie.",
        author="Redactie",
        date=time.strftime("%Y-%m-%d"),
        image_id=image_id,
        image_alt="Mensen met borden bij het ministerie",
    )
    ArticleIndexPage.objects.first().add_child(instance=page)
    page.save_revision().publish()
    return page.url


def event_path():
    from website.agenda.models import EventPage  # noqa: PLC0415

    return EventPage.objects.live().first().url


def grow_site(members=50, initiatives=60):
    """About fifty member organisations, as in the real network, and local initiatives
    spread over the country on the seed's themes."""
    from website.initiatives.models import InitiativeIndexPage, InitiativePage  # noqa: PLC0415
    from website.initiatives.municipalities import municipalities  # noqa: PLC0415
    from website.network.models import MemberOrganisation  # noqa: PLC0415
    from website.themes.models import ThemePage  # noqa: PLC0415

    for number in range(members):
        MemberOrganisation.objects.get_or_create(
            name=f"Bench-organisatie {number}", defaults={"kind": "maatschappelijk"}
        )
    overview = InitiativeIndexPage.objects.get()
    codes = list(municipalities())
    themes = list(ThemePage.objects.all())
    for number in range(initiatives):
        page = InitiativePage(
            title=f"Bench-initiatief {number}",
            slug=f"bench-initiatief-{number}",
            municipality=codes[number * 7 % len(codes)],
            introduction="Buren helpen elkaar met geld en papieren.",
        )
        overview.add_child(instance=page)
        page.themes.add(*themes[number % len(themes) : number % len(themes) + 2])
        page.save_revision().publish()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inside"]:
        inside_django(*sys.argv[2:])
    else:
        main()
