"""Seed steps of the core app: the site's address and its settings (organisation, logo,
related campaigns)."""

from urllib.parse import urlsplit

from django.conf import settings as django_settings
from wagtail.models import Page, Site

from website.core.models import RelatedCampaign, SiteSettings


def default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def tree_root():
    return Page.get_first_root_node() or Page.add_root(title="Alle websites", slug="root")


def site_address(ctx):
    """Give the default site the public address, so canonical links, the sitemap and share
    links point to it. Only Wagtail's initial 'localhost:80' is replaced."""
    site = default_site()
    address = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
    if not site or not address.hostname or (site.hostname, site.port) != ("localhost", 80):
        return
    default_port = 443 if address.scheme == "https" else 80
    site.hostname = address.hostname
    site.port = address.port or default_port
    site.save()


def site_settings(ctx):
    site = default_site()
    if site is None:
        return
    organisation = ctx.config["organisation"]
    settings = SiteSettings.for_site(site)

    def fill_organisation():
        settings.organisation_name = organisation["name"]
        settings.short_name = organisation.get("short_name", "")
        settings.tagline = organisation.get("tagline", "")
        settings.email = organisation.get("email", "")
        if heading := organisation.get("address_heading"):
            settings.postal_address = "\n".join(ctx.document.paragraph_after(heading).lines)
        settings.save()
        return settings

    ctx.once("settings:organisation", fill_organisation)

    # The admin's dashboard and titles name the site by its Wagtail site name, else by its
    # host ("127.0.0.1"): give it the network's name (editors may change it under Sites).
    if not site.site_name:
        site.site_name = organisation.get("short_name") or organisation["name"]
        site.save(update_fields=["site_name"])

    # No logo files in the seed: the header shows the name in text until editors upload the
    # real logo (a made-up image would look like a fake logo).

    for order, campaign in enumerate(ctx.config.get("campaigns", [])):
        ctx.once(
            f"campaign:{campaign['name']}",
            lambda c=campaign, o=order: RelatedCampaign.objects.create(
                settings=settings,
                sort_order=o,
                name=c["name"],
                url=c.get("url", ""),
            ),
        )
