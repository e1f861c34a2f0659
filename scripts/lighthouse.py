"""Lighthouse on every public page type, on a phone: `make lighthouse` (and the last part of
`make bench`).

Starts the production stack as `make bench` does (a fresh PostgreSQL database with the seed,
Redis, gunicorn with production settings, nginx with deploy/nginx/site.conf and TLS), lets
the task worker do what the seed queued (search index, renditions), and runs Lighthouse
(LIGHTHOUSE_VERSION from the npm registry, on Debian's Chromium; mobile: a mid-range phone
on slow 4G, simulated) on one sample page of each page type and route (core.samples). It
prints a table of the four category scores, the layout shift (CLS), the largest contentful
paint and the failing audits, and exits 1 unless every score is 100 and every CLS 0.

Each page is asked for once before it is measured, as a visitor before would have: the proxy
holds it, as it holds any page someone looked at in the last seconds.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from stack import (
    PYTHON,
    ROOT,
    ensure_packages,
    fetch,
    run,
    run_queued_tasks,
    seeded_stack,
)

LIGHTHOUSE_VERSION = "12.8.2"  # 13 needs Node 22; Debian 12 has Node 20
LIGHTHOUSE = ROOT / ".cache/lighthouse/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --ignore-certificate-errors"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
NOINDEX = b'<meta name="robots" content="noindex">'
REDIS = os.environ.get("LIGHTHOUSE_REDIS", "redis://127.0.0.1:6379/12")
APP_PORT, HTTP_PORT, HTTPS_PORT = 8711, 8781, 8744


def ensure_lighthouse():
    """Lighthouse from the npm registry into .cache/lighthouse (once)."""
    if not LIGHTHOUSE.exists():
        run(
            [
                "npm", "install", "--silent", "--no-audit", "--no-fund",
                "--prefix", str(LIGHTHOUSE.parents[2]), f"lighthouse@{LIGHTHOUSE_VERSION}",
            ]
        )  # fmt: skip


def audit(url, noindex=False, attempts=3):
    """{category: score 0–100, "cls": float, "lcp_ms": float, "failing": [audit ids]} for
    one page, Lighthouse's mobile defaults (simulated slow 4G and a 4× slower CPU). A run
    Lighthouse itself gives up on (its "NO_NAVSTART": no trace recorded) is tried again."""
    for attempt in range(attempts):
        try:
            return _audit(url, noindex)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    return None


def seo_without_crawlability(result):
    """The SEO score without the audit "is-crawlable", for a page that asks search engines
    not to index it on purpose (search results, a form's "sent" page): Lighthouse counts that
    request against the page."""
    refs = [r for r in result["categories"]["seo"]["auditRefs"] if r["id"] != "is-crawlable"]
    weights = sum(r["weight"] for r in refs)
    scored = sum(r["weight"] * (result["audits"][r["id"]]["score"] or 0) for r in refs)
    return round(100 * scored / weights)


def _audit(url, noindex):
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        subprocess.run(  # noqa: S603 - our own arguments
            [
                str(LIGHTHOUSE), url, "--output=json", f"--output-path={output.name}",
                "--quiet", f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            timeout=180,
        )  # fmt: skip
        result = json.loads(Path(output.name).read_text())
    audits = result["audits"]
    scores = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    if noindex:
        scores["seo"] = seo_without_crawlability(result)
    failing = sorted(
        f"{ref['id']} ({audits[ref['id']].get('displayValue') or audits[ref['id']]['score']})"
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref.get("weight")
        and (audits[ref["id"]]["score"] or 0) < 1
        and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
        and not (noindex and ref["id"] == "is-crawlable")
    )
    return {
        **scores,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "failing": failing,
    }


def report(base_url, samples):
    """Audit each (name, path) under `base_url`, print the table; True when every score is
    100 and every CLS 0."""
    ensure_lighthouse()
    print("\nLighthouse", LIGHTHOUSE_VERSION, "(mobile: simulated slow 4G, 4× CPU slowdown)\n")
    print(
        "| page | performance | accessibility | best practices | SEO | CLS | LCP ms | below 100 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    passed = True
    for name, path in samples:
        _, _, body = fetch(base_url + path)  # a visitor before: the proxy holds the page
        noindex = NOINDEX in body
        result = audit(base_url + path, noindex)
        good = all(result[c] == 100 for c in CATEGORIES) and result["cls"] == 0
        passed &= good
        print(
            f"| {name} ({path}) | {result['performance']} | {result['accessibility']} "
            f"| {result['best-practices']} | {result['seo']}{'*' if noindex else ''} "
            f"| {result['cls']:.3f} "
            f"| {result['lcp_ms']:,.0f} | {', '.join(result['failing']) or '–'} |",
            flush=True,
        )
    print("\n* noindex on purpose: SEO without the audit is-crawlable")
    mark = "✓" if passed else "✗"
    print(f"\n  {mark} Lighthouse 100 in all four categories and CLS 0 on every page type")
    return passed


def samples(env):
    """[(name, path)]: one sample of each page type and route (core.samples), without the
    extra standard pages (`sample_every_page`) that only differ in content, and without the
    404 page (Lighthouse refuses to measure a 404; axe and the Nu checker test it)."""
    output = run([str(PYTHON), __file__, "--samples"], env=env, capture=True)
    return [tuple(sample) for sample in json.loads(output.splitlines()[-1])]


def print_samples():
    """In a child process with the site's settings: `samples()`'s list as JSON."""
    import django  # noqa: PLC0415 - only in the child process

    django.setup()
    from wagtail.models import Site  # noqa: PLC0415

    from website.core.samples import page_samples, public_page_models  # noqa: PLC0415

    every = [
        f"{model._meta.model_name}-"
        for model in public_page_models()
        if getattr(model, "sample_every_page", False)
    ]
    seen, chosen = set(), []
    for name, path in page_samples(Site.objects.get(is_default_site=True)):
        kind = next((prefix for prefix in every if name.startswith(prefix)), name)
        if kind not in seen and not name.endswith("not-found"):
            seen.add(kind)
            chosen.append((name, path))
    print(json.dumps(chosen))


def main():
    ensure_packages(programs=("nginx",))
    ensure_lighthouse()
    ports = (APP_PORT, HTTP_PORT, HTTPS_PORT)
    with seeded_stack("lighthouse", REDIS, ports, prepare=run_queued_tasks) as (env, _work):
        passed = report(f"https://localhost:{HTTPS_PORT}", samples(env))
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--samples"]:
        print_samples()
    else:
        main()
