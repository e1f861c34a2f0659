from django import template

from website.network.models import MemberDirectoryPage, MemberOrganisation

register = template.Library()


@register.inclusion_tag("network/includes/logo_strip.html", takes_context=True)
def member_logo_strip(context):
    organisations = (
        MemberOrganisation.objects.filter(show_logo_in_footer=True)
        .select_related("logo")
        .prefetch_related("logo__renditions")
    )
    # A member without a website of its own links to its card in the directory, so every
    # item in the strip is a link, not plain text among links.
    directory = MemberDirectoryPage.objects.live().public().first()
    directory_url = (directory.get_url(context.get("request")) if directory else "") or ""
    organisations = list(organisations)
    for organisation in organisations:
        card = f"{directory_url}#{organisation.anchor}" if directory_url else ""
        organisation.strip_url = organisation.website or card
    return {"organisations": organisations}
