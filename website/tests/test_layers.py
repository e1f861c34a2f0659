"""Templates follow the same layers as imports (import-linter's contract in pyproject.toml): an
app's template never includes, extends or loads the tags of an app above it. Python imports are
checked by `make lint`; this is the template side of the same rule."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

WEBSITE = Path(settings.BASE_DIR) / "website"
TAG_LIBRARIES = {
    path.stem: path.parent.parent.name for path in WEBSITE.glob("*/templatetags/*_tags.py")
}
USES = re.compile(r"""{%\s*(?:include|extends)\s+["']([a-z_]+)/|{%\s*load\s+([^%]+)%}""")


def layer_of_each_app():
    """{app name: layer number, 0 at the bottom}, from the 'layers' contract."""
    config = tomllib.loads((WEBSITE.parent / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    layers = {}
    for number, line in enumerate(reversed(contract["layers"])):
        for module in line.split("|"):
            layers[module.strip().removeprefix("website.")] = number
    return layers


def apps_used_by(template):
    for include, libraries in USES.findall(template.read_text()):
        if include:
            yield include
        for library in libraries.split():
            if library in TAG_LIBRARIES:
                yield TAG_LIBRARIES[library]


def test_no_template_reaches_an_app_above_its_own():
    layers = layer_of_each_app()
    upward = []
    for app, layer in layers.items():
        for template in (WEBSITE / app / "templates").rglob("*.html"):
            for used in apps_used_by(template):
                if layers.get(used, -1) > layer:
                    upward.append(f"{template.relative_to(WEBSITE)} uses {used}")
    assert upward == []


def test_the_check_sees_the_apps_and_their_tags():
    """The rule is not empty: every app is in a layer, and tag libraries are found."""
    layers = layer_of_each_app()
    apps = {path.parent.name for path in WEBSITE.glob("*/apps.py")}
    assert apps <= set(layers), apps - set(layers)
    assert TAG_LIBRARIES["network_tags"] == "network"
    footer_like = '{% load core_tags network_tags %}{% include "newsletter/x.html" %}'
    assert set(USES.findall(footer_like)) == {("", "core_tags network_tags "), ("newsletter", "")}
