import pytest

from website.network.models import ChairTerm, MemberOrganisation


@pytest.fixture(autouse=True)
def without_seeded_network(db):
    """These tests count organisations and chair terms: start without the seeded ones."""
    MemberOrganisation.objects.all().delete()
    ChairTerm.objects.all().delete()
