"""Seed step of the network app: member organisations, chair terms, member directory."""

from website.core.seed.context import SeedContext

from .models import ChairTerm, MemberDirectoryPage, MemberOrganisation


def members(ctx: SeedContext):
    for config in ctx.config.get("members", []):
        organisation, created = MemberOrganisation.objects.get_or_create(
            name=config["name"],
            defaults={
                "short_name": config.get("short_name", ""),
                "kind": config["kind"],
                "level": config.get("level", MemberOrganisation.Level.NATIONAL),
                "website": config.get("website", ""),
                "description": config.get("description", ""),
            },
        )
        if created:
            ctx.created.append(f"organisatie {organisation.name}")
        if organisation.logo_id is None:
            organisation.logo = ctx.placeholder_logo(
                f"Logo {organisation.name}", organisation.display_name
            )
            organisation.save(update_fields=["logo"])


def chair_terms(ctx: SeedContext):
    for config in ctx.config.get("chair_terms", []):
        organisation = MemberOrganisation.objects.filter(
            name=config.get("organisation", "")
        ).first()
        _, created = ChairTerm.objects.get_or_create(
            person_name=config["person_name"],
            start_date=config.get("start_date"),
            defaults={
                "role": config.get("role", ""),
                "organisation": organisation,
                "end_date": config.get("end_date"),
            },
        )
        if created:
            ctx.created.append(f"voorzitterschap {config['person_name']}")


def member_directory(ctx: SeedContext):
    config = ctx.config.get("member_directory")
    if not config:
        return
    existing = MemberDirectoryPage.objects.first()
    if existing:
        ctx.remember("member_directory", existing)
        return
    page = ctx.child_page(
        ctx.page(config.get("parent", "home")),
        config["slug"],
        lambda: MemberDirectoryPage(
            title=config["title"], introduction=config.get("introduction", ""), show_in_menus=True
        ),
    )
    ctx.remember("member_directory", page)
