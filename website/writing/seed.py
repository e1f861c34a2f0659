"""Seed step: the difficult words of `[[jargon]]` in the seed, each added once."""

from .models import JargonTerm


def jargon(ctx):
    for spec in ctx.config.get("jargon", []):
        ctx.once(
            f"jargon:{spec['term']}",
            lambda spec=spec: JargonTerm.objects.get_or_create(
                term=spec["term"], defaults={"alternative": spec["alternative"]}
            )[0],
        )
