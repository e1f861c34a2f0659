"""Structured data (schema.org) built from the site settings; one place for metadata."""

import re

POSTCODE_LINE = re.compile(r"^(?P<postcode>\d{4}\s?[A-Z]{2})\s+(?P<city>.+)$")


def postal_address(lines):
    """schema.org PostalAddress from address lines, the Dutch way: postcode + city last."""
    if not lines:
        return None
    address = {"@type": "PostalAddress", "addressCountry": "NL"}
    match = POSTCODE_LINE.match(lines[-1])
    if match:
        address.update(postalCode=match["postcode"], addressLocality=match["city"])
        lines = lines[:-1]
    if lines:
        address["streetAddress"] = ", ".join(lines)
    return address


def organisation_data(site_settings, home_url, logo_url=None, members=()):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "url": home_url,
    }
    if site_settings.short_name:
        data["alternateName"] = site_settings.short_name
    if site_settings.tagline:
        data["slogan"] = site_settings.tagline
    if logo_url:
        data["logo"] = logo_url
    if site_settings.email:
        data["email"] = site_settings.email
    if address := postal_address(site_settings.address_lines):
        data["address"] = address
    if same_as := [account.url for account in site_settings.social_accounts.all()]:
        data["sameAs"] = same_as
    if members:
        data["member"] = [
            {
                "@type": "Organization",
                "name": member.name,
                **({"url": member.website} if member.website else {}),
            }
            for member in members
        ]
    return data
