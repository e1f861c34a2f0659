"""Measure the seeded site: response time, SQL queries and page weight per page.

Runs in-process against a throw-away SQLite database (or DATABASE_URL), so the numbers show
the application's own cost, without network or a reverse proxy. Usage: make bench
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from website.initiatives.models import InitiativeIndexPage, InitiativePage  # noqa: E402
from website.initiatives.municipalities import municipalities  # noqa: E402
from website.network.models import MemberOrganisation  # noqa: E402
from website.themes.models import ThemePage  # noqa: E402

PAGES = [
    "/",
    "/wie-zijn-wij/",
    "/wie-zijn-wij/organisaties/",
    "/agenda/archief/2014/",
    "/documenten/",
    "/documenten/verbeterpunten-schuldhulpverlening/",
    "/zoeken/?q=schulden",
    "/wat-mensen-overkomt/deel-je-verhaal/",
    "/achtergronden/genadebrood/",
    "/themas/schulden/",
    "/lokale-aanpak/",
    "/lokale-aanpak/?provincie=drenthe",
    "/lokale-aanpak/bench-initiatief-0/",
    "/bestaat-niet/",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
EXTRA_MEMBERS = int(os.environ.get("BENCH_EXTRA_MEMBERS", "50"))
INITIATIVES = int(os.environ.get("BENCH_INITIATIVES", "60"))


def prepare():
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_seed", stdout=open(os.devnull, "w"))  # noqa: SIM115

    # About fifty organisations, as in the real network.
    for number in range(EXTRA_MEMBERS):
        MemberOrganisation.objects.get_or_create(
            name=f"Bench-organisatie {number}", defaults={"kind": "maatschappelijk"}
        )
    add_initiatives()


def add_initiatives():
    """Local initiatives spread over the country, on the seed's themes."""

    overview = InitiativeIndexPage.objects.get()
    codes = list(municipalities())
    themes = list(ThemePage.objects.all())
    for number in range(INITIATIVES):
        slug = f"bench-initiatief-{number}"
        if overview.get_children().filter(slug=slug).exists():
            continue
        page = InitiativePage(
            title=f"Bench-initiatief {number}",
            slug=slug,
            municipality=codes[number * 7 % len(codes)],
            introduction="Buren helpen elkaar met geld en papieren.",
        )
        overview.add_child(instance=page)
        page.themes.add(*themes[number % len(themes) : number % len(themes) + 2])
        page.save_revision().publish()


def measure(client, path):
    client.get(path)  # warm up: renditions, template cache
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    timings.sort()
    return {
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "queries": len(queries),
        "html_kb": len(response.content) / 1024,
    }


def static_weight():
    files = [ROOT / "website/static/css/site.css", ROOT / "website/static/js/site.js"]
    return sum(path.stat().st_size for path in files) / 1024


def main():
    logging.getLogger("django.request").setLevel(logging.ERROR)
    prepare()
    client = Client(HTTP_HOST="localhost")
    print(f"database: {settings.DATABASES['default']['ENGINE']}, rounds: {ROUNDS}")
    print(
        f"{'page':32} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'HTML kB':>8}"
    )
    for path in PAGES:
        r = measure(client, path)
        print(
            f"{path:32} {r['status']:>6} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} "
            f"{r['queries']:>8} {r['html_kb']:>8.1f}"
        )
    print(f"CSS + JS (uncompressed): {static_weight():.1f} kB; web fonts: none")


if __name__ == "__main__":
    main()
