"""`make screenshots`: full-page PNGs of every public page type at 360×800 and 1280×900.

Builds a throw-away seeded site (SQLite, files in a temp folder) plus the showcase content
the seed lacks (a story, an initiative, an upcoming date: website.testing.showcase), serves it with
Django's development server, and asks core.samples which pages to open. The PNGs land in
`screenshots/` (ignored by git), named `<width>-<sample>.png`, for people to look at.
Usage: python scripts/screenshots.py [--out DIR] [--only NAME-PART]
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWPORTS = [(360, 800), (1280, 900)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 - our own manage.py


def wait_for(url, server, seconds=60):
    for _ in range(seconds * 4):
        if server.poll() is not None:
            raise SystemExit("the development server stopped early")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"{url} did not answer")


def samples(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 - settings come from the environment set just above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from wagtail.models import Site  # noqa: PLC0415

    from website.core.samples import page_samples  # noqa: PLC0415
    from website.testing.showcase import add_showcase  # noqa: PLC0415

    site = Site.objects.get(is_default_site=True)
    samples = page_samples(site) + add_showcase(site)
    # No task worker runs here: build the search index now, so search results show.
    call_command("update_index", verbosity=0)
    return samples


def shoot(base_url, pages, out):
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this tool needs it

    from website.testing.chromium import CHROMIUM_ARGS, chromium_path  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width, height in VIEWPORTS:
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="nl-NL"
            )
            page = context.new_page()
            for name, path in pages:
                page.goto(base_url + path, wait_until="networkidle")
                target = out / f"{width}-{name}.png"
                page.screenshot(path=target, full_page=True)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", help="only samples whose name contains this")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)

    workdir = Path(tempfile.mkdtemp(prefix="screenshots-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_DEBUG": "0",  # the site's own error pages, as visitors see them
    }
    server = None
    try:
        manage("migrate", "--no-input", "--verbosity", "0", env=env)
        manage("load_seed", env=env)
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--insecure",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://127.0.0.1:{port}"
        wait_for(base_url + "/", server)
        pages = [s for s in samples(env) if not options.only or options.only in s[0]]
        shoot(base_url, pages, options.out)
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
