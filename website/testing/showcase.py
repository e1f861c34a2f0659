"""Content the seed does not have (it names no stories, initiatives or upcoming dates), made
shaped like real content, so screenshots and the HTML checker see every page type filled:
a published story, a local initiative, an upcoming Alliantiedag with sign-up and an article
(the seed's only plain article waits as a draft for its images) a form with every kind
of field (the seed's example form is a draft) and a manifesto with its endorsements (the
seed's manifestos wait for their text)."""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone
from wagtail.rich_text import RichText

from website.agenda.factories import EventPageFactory, add_date
from website.agenda.models import AgendaIndexPage
from website.agenda.registration import cancel_url, register
from website.articles.factories import ArticlePageFactory
from website.articles.models import ArticleIndexPage
from website.core.private_links import new_token
from website.endorsements.models import Endorsement
from website.initiatives.factories import InitiativePageFactory
from website.initiatives.models import InitiativeIndexPage
from website.library.factories import PublicationPageFactory
from website.library.models import LibraryIndexPage
from website.participation.factories import make_form_page
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage
from website.stories.submissions import submit_story

STORY = (
    "Ik werk drie dagen in de week in de thuiszorg. Toch kom ik aan het eind van de maand "
    "vaak tekort. Als de energierekening komt, schuif ik andere rekeningen door.\r\n\r\n"
    "Vorig jaar durfde ik voor het eerst hulp te vragen bij de schuldhulp van de gemeente. "
    "Dat was moeilijk, maar ik ben blij dat ik het deed. Nu weet ik weer waar ik sta."
)


def add_showcase(site):
    """Add the showcase pages to `site` (the seeded site). Returns [(name, path)] of pages
    and routes the seed's page types alone do not show."""
    root = site.root_page
    stories = StoryIndexPage.objects.descendant_of(root).first()
    story = StoryPageFactory(
        parent=stories,
        title="Werken en toch tekortkomen",
        shown_name="Marieke",
        place="",
        date=datetime.date(2026, 10, 12),
        introduction="Marieke werkt in de thuiszorg en komt toch vaak niet rond.",
        body=[
            ("paragraph", RichText(f"<p>{part.strip()}</p>")) for part in STORY.split("\r\n\r\n")
        ],
    )
    overview = InitiativeIndexPage.objects.descendant_of(root).first()
    initiative = InitiativePageFactory(
        parent=overview,
        title="Buurtkamer De Brink",
        website="",
        introduction="Elke dinsdag helpen vrijwilligers buren met brieven van instanties.",
    )
    agenda = AgendaIndexPage.objects.descendant_of(root).first()
    event = EventPageFactory(
        parent=agenda,
        title="Alliantiedag Beilen",
        kind="alliantiedag",
        introduction="Een dag over schulden en werkende armen, met workshops en ontmoeting.",
    )
    event_date = add_date(
        event,
        days=(datetime.date(timezone.localdate().year + 1, 3, 12) - timezone.localdate()).days,
        start_time=datetime.time(10, 0),
        end_time=datetime.time(16, 0),
        venue_name="Dorpshuis De Brink",
        street_address="Brink 3",
        postcode="9411 AB",
        city="Beilen",
        province="drenthe",
        registration_open=True,
        capacity=60,
    )
    backgrounds = ArticleIndexPage.objects.descendant_of(root).order_by("path").first()
    article = ArticlePageFactory(
        parent=backgrounds,
        title="Werkend en toch arm",
        date=datetime.date(2016, 3, 1),
        author="Redactie Sociale Alliantie",
        introduction="Steeds meer mensen met een baan komen niet rond. Wat zijn de oorzaken?",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Een baan is niet altijd genoeg om rond te komen. Vooral mensen met "
                    "een flexibel contract of weinig uren lopen risico.</p>"
                ),
            )
        ],
    )
    form = make_form_page(site.root_page.specific)
    library = LibraryIndexPage.objects.descendant_of(root).first()
    manifesto = PublicationPageFactory(
        parent=library,
        title="Manifest: een bestaansminimum voor iedereen",
        kind="manifest",
        endorsements_open=True,
        body=[("paragraph", RichText("<p>Iedereen moet rond kunnen komen.</p>"))],
    )
    Endorsement.objects.create(
        page=manifesto,
        name="Fatma Yılmaz",
        organisation="Humanitas Rotterdam",
        email="fatma@example.org",
        status=Endorsement.Status.CONFIRMED,
        approved=True,
    )
    return [
        *personal_link_pages(event_date, stories, manifesto, site),
        ("articlepage-showcase", article.url),
        ("formpage-showcase", form.url),
        ("publicationpage-endorsed", manifesto.url),
        ("endorse-form", manifesto.url + "steun/"),
        ("endorse-names", manifesto.url + "steun/namen/"),
        ("endorse-sent", manifesto.url + "steun/verstuurd/"),
        ("storypage-showcase", story.url),
        ("initiativepage-showcase", initiative.url),
        ("eventpage-upcoming", event.url),
        ("signup-form", event_date.signup_url()),
    ]


def personal_link_pages(event_date, stories, manifesto, site):
    """[(name, path)] of the pages personal links open (core/personal_link_page.html), each
    state: asking to confirm, done, and a link that leads nowhere (a 404: "-not-found")."""
    _registration, cancel_token = register(event_date, name="Kees", email="kees@example.org")
    _submission, withdraw_token = submit_story(
        stories,
        {"story": STORY, "name_choice": "anoniem", "shown_name": "", "email": "m@example.org",
         "consent_website": True},
        site,
    )  # fmt: skip
    confirm_token, confirm_hash = new_token()
    endorsement_token, endorsement_hash = new_token()
    Endorsement.objects.create(
        page=manifesto, name="Sanne de Vries", email="sanne@example.org", place="Zwolle",
        confirm_token_hash=confirm_hash,
    )  # fmt: skip
    Endorsement.objects.create(
        page=manifesto, name="Jan Bakker", email="jan@example.org",
        status=Endorsement.Status.CONFIRMED, withdraw_token_hash=endorsement_hash,
    )  # fmt: skip
    agenda, made_up = event_date.page.get_parent().specific, new_token()[0]
    return [
        ("cancel-confirm", urlsplit(cancel_url(event_date, cancel_token)).path),
        ("cancel-done", agenda.url + "afmelden/klaar/"),
        ("cancel-not-found", agenda.url + f"afmelden/{made_up}/"),
        ("story-withdraw-confirm", stories.url + f"intrekken/{withdraw_token}/"),
        ("story-withdraw-done", stories.url + "intrekken/klaar/"),
        ("story-withdraw-not-found", stories.url + f"intrekken/{made_up}/"),
        ("endorse-confirm", manifesto.url + f"steun/bevestigen/{confirm_token}/"),
        ("endorse-confirmed", manifesto.url + "steun/bevestigd/"),
        ("endorse-withdraw", manifesto.url + f"steun/intrekken/{endorsement_token}/"),
        ("endorse-withdraw-not-found", manifesto.url + f"steun/intrekken/{made_up}/"),
    ]
