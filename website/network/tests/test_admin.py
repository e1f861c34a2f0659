"""Member organisations in the admin: every change is a revision editors can look back on."""

import pytest

from website.network.factories import MemberOrganisationFactory
from website.testing.utils import find_one, text

pytestmark = pytest.mark.django_db


def edit_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "logo": organisation.logo_id or "",
        "kind": organisation.kind,
        "level": organisation.level,
        "website": organisation.website,
        "description": organisation.description,
        "show_logo_in_footer": "on",
    }
    return data | changes


def test_each_save_in_the_admin_is_a_revision_in_the_history(admin_client):
    organisation = MemberOrganisationFactory(name="FNV", short_name="FNV")
    edit_url = f"/admin/snippets/network/memberorganisation/edit/{organisation.pk}/"
    response = admin_client.post(edit_url, edit_data(organisation, description="Eerste tekst"))
    assert response.status_code == 302
    admin_client.post(edit_url, edit_data(organisation, description="Tweede tekst"))

    organisation.refresh_from_db()
    assert organisation.description == "Tweede tekst"
    contents = [r.content["description"] for r in organisation.revisions.order_by("created_at")]
    assert contents == ["Eerste tekst", "Tweede tekst"]
    history = admin_client.get(
        f"/admin/snippets/network/memberorganisation/history/{organisation.pk}/"
    )
    assert history.status_code == 200
    log = text(find_one(history, "main"))
    assert "2 logboekvermeldingen" in log
    assert "Vergelijk met huidige versie" in log  # editors can compare and go back

    organisation.delete()  # its revisions go with it
    assert not organisation.revisions.exists()
