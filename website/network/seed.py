"""Seed steps of the network app: member organisations, chair terms, member directory."""

from website.seed.context import SeedContext

from .models import ChairTerm, MemberDirectoryPage, MemberOrganisation


def members(ctx: SeedContext):
    for config in ctx.config.get("members", []):
        ctx.once(f"member:{config['name']}", lambda config=config: create_member(ctx, config))


def create_member(ctx, config):
    organisation, _ = MemberOrganisation.objects.get_or_create(
        name=config["name"],
        defaults={
            "short_name": config.get("short_name", ""),
            "kind": config["kind"],
            "level": config.get("level", MemberOrganisation.Level.NATIONAL),
            "website": config.get("website", ""),
            "description": config.get("description", ""),
        },
    )
    # No logo: the seed has no logo files, and an organisation is shown by its name until
    # editors upload its real logo.
    return organisation


def chair_terms(ctx: SeedContext):
    for config in ctx.config.get("chair_terms", []):
        key = f"chair:{config['person_name']}:{config.get('start_date', '')}"
        ctx.once(
            key,
            lambda config=config: ChairTerm.objects.create(
                person_name=config["person_name"],
                role=config.get("role", ""),
                organisation=MemberOrganisation.objects.filter(
                    name=config.get("organisation", "")
                ).first(),
                start_date=config.get("start_date"),
                end_date=config.get("end_date"),
            ),
        )


def member_directory(ctx: SeedContext):
    config = ctx.config.get("member_directory")
    parent = ctx.page(config.get("parent", "home")) if config else None
    if parent is None:
        return
    page = ctx.child_page(
        "page:member_directory",
        parent,
        config["slug"],
        lambda: MemberDirectoryPage(
            title=config["title"], introduction=config.get("introduction", ""), show_in_menus=True
        ),
    )
    ctx.remember("member_directory", page)
