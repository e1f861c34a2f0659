import datetime

import factory
import wagtail_factories

from website.core.factories import ImageFactory

from .models import ChairTerm, MemberDirectoryPage, MemberOrganisation


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    short_name = factory.Sequence(lambda n: f"Org{n}")
    kind = MemberOrganisation.Kind.TRADE_UNION
    level = MemberOrganisation.Level.NATIONAL
    website = factory.LazyAttribute(lambda o: f"https://{o.short_name.lower()}.example")
    description = "Werkt aan een leefbaar inkomen voor iedereen."
    logo = factory.SubFactory(ImageFactory)

    class Meta:
        model = MemberOrganisation


class ChairTermFactory(factory.django.DjangoModelFactory):
    person_name = factory.Sequence(lambda n: f"Voorzitter {n}")
    role = "bestuurslid"
    organisation = factory.SubFactory(MemberOrganisationFactory)
    start_date = datetime.date(2018, 1, 1)
    end_date = datetime.date(2019, 12, 31)

    class Meta:
        model = ChairTerm


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Aangesloten organisaties"
    introduction = "Deze organisaties werken samen."

    class Meta:
        model = MemberDirectoryPage
