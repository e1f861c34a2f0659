from django import template

from website.network.models import MemberOrganisation

register = template.Library()


@register.inclusion_tag("network/includes/logo_strip.html")
def member_logo_strip():
    organisations = (
        MemberOrganisation.objects.filter(show_logo_in_footer=True)
        .select_related("logo")
        .prefetch_related("logo__renditions")
    )
    return {"organisations": organisations}
