"""The site in the visitors' languages (issue 33): Dutch at the root and unchanged, the key
pages in English, Arabic, Turkish, Polish and Ukrainian one click away, right-to-left
Arabic, the site's own words translated, a story's language kept, the sitemap and the
hreflang alternates, the seed's machine translations marked for review."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation

from website.articles.factories import ArticleIndexPageFactory, ArticlePageFactory
from website.core.errors import error_page_html
from website.initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from website.library.factories import LibraryIndexPageFactory, PublicationPageFactory
from website.pages.factories import StandardPageFactory
from website.pages.models import ContactMessage, ContactPage
from website.seed.translations import translate_page
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage, StorySubmission
from website.stories.tests.sharing import VALID
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["en", "ar", "tr", "pl", "uk"]
# The seed's key pages at their Dutch addresses, which must never change.
DUTCH_KEY_PAGES = [
    "/",
    "/wie-zijn-wij/",
    "/wat-mensen-overkomt/",
    "/wat-mensen-overkomt/deel-je-verhaal/",
    "/contact/",
    "/privacyverklaring/",
    "/toegankelijkheid/",
]
LOCALE_DIR = Path(settings.BASE_DIR) / "website" / "locale"


def language_switch(response):
    """{language code: (href, the link element)} of the header's language switch."""
    nav = find_one(response, "nav", class_="language-switch")
    return {link.get("lang"): (link.get("href"), link) for link in find_all(nav, "a")}


def html_attributes(response):
    tag = find_one(response, "html")
    return tag.get("lang"), tag.get("dir")


def test_dutch_addresses_stay_and_each_key_page_is_one_click_away_in_every_language(client, seeded):
    for path in DUTCH_KEY_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_attributes(response) == ("nl", "ltr")
        links = language_switch(response)
        assert list(links) == ["nl", *OTHER_LANGUAGES]
        assert links["nl"][1].get("aria-current") == "true"
        for code in OTHER_LANGUAGES:
            href, link = links[code]
            assert link.get("hreflang") == code
            assert href.startswith(f"/{code}/"), (path, href)
            translated = client.get(href)
            assert translated.status_code == 200, href
            expected_dir = "rtl" if code == "ar" else "ltr"
            assert html_attributes(translated) == (code, expected_dir), href
            # The way back leads to the same Dutch page, and the route stays a route.
            assert language_switch(translated)["nl"][0] == path
            assert href.endswith("deel-je-verhaal/") == path.endswith("deel-je-verhaal/")


def test_each_language_names_itself_and_a_page_without_translation_leads_home(client, seeded):
    links = language_switch(client.get("/agenda/"))
    names = {code: text(link) for code, (_href, link) in links.items()}
    assert names == {
        "nl": "Nederlands",
        "en": "English",
        "ar": "العربية",
        "tr": "Türkçe",
        "pl": "Polski",
        "uk": "Українська",
    }
    assert links["ar"][1].get("dir") == "rtl"
    assert {code: href for code, (href, _link) in links.items() if code != "nl"} == {
        code: f"/{code}/" for code in OTHER_LANGUAGES
    }


def test_translated_pages_name_their_alternates_and_dutch_only_pages_none(client, seeded):
    head = find_one(client.get("/en/who-are-we/"), "head")
    alternates = {
        link.get("hreflang"): link.get("href") for link in find_all(head, "link", rel="alternate")
    }
    assert alternates == {
        "nl": "http://testserver/wie-zijn-wij/",
        "en": "http://testserver/en/who-are-we/",
        "ar": "http://testserver/ar/who-are-we/",
        "tr": "http://testserver/tr/biz-kimiz/",
        "pl": "http://testserver/pl/kim-jestesmy/",
        "uk": "http://testserver/uk/who-are-we/",
        "x-default": "http://testserver/wie-zijn-wij/",
    }
    assert find_one(head, "meta", property="og:locale").get("content") == "en_GB"
    form = find_one(client.get("/ar/what-happens-to-people/deel-je-verhaal/"), "head")
    assert (
        find_one(form, "link", hreflang="x-default")
        .get("href")
        .endswith("/wat-mensen-overkomt/deel-je-verhaal/")
    )
    agenda = find_one(client.get("/agenda/"), "head")
    assert [
        link for link in find_all(agenda, "link", rel="alternate") if link.get("hreflang")
    ] == []


def test_the_sitemap_lists_every_language_with_its_alternates(client, seeded):
    xml = fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in xml.findall("s:url", ns)
    }
    assert "http://testserver/agenda/" in entries
    assert entries["http://testserver/agenda/"] == {}  # Dutch only: no alternates
    about = entries["http://testserver/ar/who-are-we/"]
    assert about["nl"] == "http://testserver/wie-zijn-wij/"
    assert about["x-default"] == "http://testserver/wie-zijn-wij/"
    assert set(about) == {"nl", *OTHER_LANGUAGES, "x-default"}
    assert entries["http://testserver/wie-zijn-wij/"] == about


def dutch_chrome_texts(code):
    """The site's own Dutch sentences and labels (the .po msgids) that the language `code`
    writes differently ("Adres" is Turkish and Polish too), without placeholders."""
    catalog = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    return [
        entry.msgid
        for entry in catalog
        if entry.msgstr
        and entry.msgstr != entry.msgid
        and len(entry.msgid) > 4
        and not re.search(r"%\(|\{", entry.msgid)
    ]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_no_dutch_words_in_the_chrome_of_a_translated_page(client, seeded, code):
    """Header, menus, forms, buttons, footer: none of the site's own Dutch texts on a
    translated page (the content lists that are Dutch only are marked lang="nl")."""
    home = StoryIndexPage.objects.get(locale__language_code=code)
    for path in [f"/{code}/", home.url, home.url + "deel-je-verhaal/"]:
        shown = text_outside_dutch_parts(find_one(client.get(path), "html"))
        found = [dutch for dutch in dutch_chrome_texts(code) if dutch in shown]
        assert found == [], path


def text_outside_dutch_parts(element):
    """The text of `element`, without the parts marked lang="nl" (the language switch's
    "Nederlands", the lists of Dutch-only items) and without scripts."""
    if element.get("lang") == "nl" and element.tag != "html" or element.tag == "script":
        return " " + (element.tail or "")
    inner = "".join(text_outside_dutch_parts(child) for child in element)
    return " ".join(f"{element.text or ''} {inner} {element.tail or ''}".split()) + " "


def test_dutch_only_lists_say_so_in_the_visitors_language(client, seeded):
    english = client.get("/en/")
    notes = find_all(english, "p", class_="original-language-note")
    assert notes and all(text(note) == "This is only available in Dutch." for note in notes)
    marked = [ul for ul in find_all(english, "ul") if ul.get("lang") == "nl"]
    assert len(marked) >= len(notes)
    assert all(ul.get("dir") == "ltr" for ul in marked)
    assert find_all(client.get("/"), "p", class_="original-language-note") == []


def test_dates_are_written_the_way_each_language_writes_them(client, seeded):
    """A page's own date in its language's format; the Dutch items listed on a translated
    page keep Dutch dates, as the Dutch text around them."""
    dutch = StoryIndexPage.objects.get(locale__language_code="nl")
    story = StoryPageFactory(parent=dutch, title="Rondkomen", date=datetime.date(2026, 10, 1))
    for code in ["en", "pl", "uk"]:
        translate_page(dutch, code, {})
        translate_page(story, code, {})
    shown = {
        code: text(find_one(client.get(story.get_translation(code_locale(code)).url), "time"))
        for code in ["en", "pl", "uk"]
    }
    assert shown == {"en": "Oct. 1, 2026", "pl": "1 października 2026", "uk": "01 жовтня 2026 р."}
    assert text(find_one(client.get(story.url), "time")) == "1 oktober 2026"
    home_dates = [text(t) for t in find_all(client.get("/en/"), "time")]
    assert home_dates and all(re.search(r"\d+ [a-z]+ 20\d\d$", d) for d in home_dates)


def code_locale(code):
    return Locale.objects.get(language_code=code)


def test_a_story_from_the_english_form_is_answered_in_english_and_the_editors_told(
    client, seeded, editors_address, mailoutbox, commit
):
    english = StoryIndexPage.objects.get(locale__language_code="en")
    with commit():
        response = client.post(english.url + "deel-je-verhaal/", VALID)
    assert response.status_code == 302
    submission = StorySubmission.objects.get()
    assert submission.language == "en"
    # The draft waits below the Dutch stories page, where the editors review every story.
    assert submission.page.get_parent().specific.locale.language_code == "nl"
    receipt = next(mail for mail in mailoutbox if mail.to == [VALID["email"]])
    notice = next(mail for mail in mailoutbox if mail.to == [editors_address])
    assert receipt.subject == "We have received your story"
    assert "Thank you for sharing your story with us." in receipt.body
    assert "/en/what-happens-to-people/intrekken/" in receipt.body
    assert "(in het Engels)" in notice.body
    assert notice.subject == "Nieuw verhaal ingestuurd"
    thanks = client.get(response.headers["Location"])
    assert html_attributes(thanks) == ("en", "ltr")
    assert text(find_one(thanks, "h1")) == "Thank you for your story"


def test_form_errors_come_in_the_language_of_the_form(client, seeded):
    arabic = StoryIndexPage.objects.get(locale__language_code="ar")
    response = client.post(arabic.url + "deel-je-verhaal/", VALID | {"story": "", "email": "x@"})
    assert response.status_code == 200
    summary = text(find_one(response, "div", class_="error-summary"))
    assert "لم يُرسل النموذج بعد" in summary
    assert "اكتب قصتك في هذا المربع." in summary
    assert find_one(response, "input", name="shown_name").get("value") == "Marieke"  # kept


def test_not_found_and_outage_pages_speak_the_language_of_the_address(client, seeded):
    response = client.get("/uk/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert html_attributes(response) == ("uk", "ltr")
    assert text(find_one(response, "h1")) == "Цієї сторінки не існує (більше)"
    with translation.override("ar"):
        outage = error_page_html(503)
    page = find_one(outage, "html")
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    assert text(find_one(outage, "h1")) == "الموقع غير متاح الآن"
    home = [a for a in find_all(outage, "a") if text(a) == "إلى الصفحة الرئيسية"]
    assert [a.get("href") for a in home] == ["/ar/"]


def test_the_seed_translates_the_key_pages_once_as_machine_translations(seeded):
    translated = Page.objects.exclude(locale__language_code="nl")
    assert translated.count() == 6 * len(OTHER_LANGUAGES)
    assert not translated.filter(live=False).exists()
    machine = StringTranslation.objects.filter(translation_type="machine")
    assert machine.count() > 5 * 60
    before = (translated.count(), machine.count())
    call_command("load_seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (translated.count(), machine.count()) == before
    privacy = Page.objects.get(locale__language_code="tr", slug="gizlilik").specific
    headings = [block.value["text"] for block in privacy.body if block.block_type == "heading"]
    assert headings[0] == "Neyi saklıyoruz ve neden?"
    items = [b for b in privacy.body if b.block_type == "list"][0].value["items"]
    assert items[0].startswith("Bir toplantıya kayıt")


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_text_of_the_site_is_translated_and_flagged_as_machine_made(code):
    catalog = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    placeholders = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    # Wagtail's English workflow mails to the editors, in Dutch only: not for visitors.
    for entry in catalog:
        if entry.msgid.startswith(("The ", "You can view")) or entry.obsolete:
            continue
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(forms), entry.msgid
        assert "fuzzy" not in entry.flags, entry.msgid
        assert "machine-translated" in entry.flags, entry.msgid
        for form in forms:
            assert set(placeholders.findall(form)) == set(placeholders.findall(entry.msgid))
            # Used in attributes too: no straight double quote unless the Dutch has one.
            assert '"' not in form or '"' in entry.msgid, form
    compiled = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
    assert compiled.stat().st_mtime >= (compiled.with_suffix(".po")).stat().st_mtime - 1


def test_the_stylesheets_use_logical_properties_so_arabic_is_mirrored():
    """Right-to-left pages are mirrored by the same CSS: margins, paddings, borders and
    positions by start and end, never by left and right."""
    physical = re.compile(
        r"(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)"
    )
    for css in (Path(settings.BASE_DIR) / "website" / "static" / "css").glob("*.css"):
        assert physical.findall(css.read_text()) == [], css.name


def test_a_message_from_the_arabic_contact_page_reaches_the_editors_in_dutch(
    client, seeded, editors_address, mailoutbox, commit
):
    arabic = ContactPage.objects.get(locale__language_code="ar")
    form = client.get(arabic.url)
    labels = [text(label) for label in find_all(form, "label")]
    assert "اسمك" in labels and "رسالتك" in labels
    data = {"je_naam": "سارة", "je_e_mailadres": "sara@example.org", "je_bericht": "مرحبا"}
    with commit():
        response = client.post(arabic.url, data)
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.form_data["je_naam"] == "سارة"  # the same field names in every language
    notice = next(mail for mail in mailoutbox if mail.to == [editors_address])
    assert "via de contactpagina in het Arabisch" in notice.body
    assert "Naam: سارة" in notice.body  # the Dutch label
    assert notice.subject == "Bericht via het contactformulier"


def test_a_translated_story_list_shows_the_dutch_stories_marked_as_dutch(client, seeded):
    dutch = StoryIndexPage.objects.get(locale__language_code="nl")
    StoryPageFactory(parent=dutch, title="Rondkomen in Zwolle")
    english = client.get(StoryIndexPage.objects.get(locale__language_code="en").url)
    assert "Rondkomen in Zwolle" in english.text
    note = find_one(english, "p", class_="original-language-note")
    assert text(note) == "This is only available in Dutch."
    cards = [ul for ul in find_all(english, "ul", class_="card-list")]
    assert [(ul.get("lang"), ul.get("dir")) for ul in cards] == [("nl", "ltr")]
    dutch_list = client.get(dutch.url)
    assert find_all(dutch_list, "p", class_="original-language-note") == []
    assert [ul.get("lang") for ul in find_all(dutch_list, "ul", class_="card-list")] == [None]


@pytest.mark.database
def test_search_finds_pages_in_the_visitors_language_and_dutch_but_never_other_languages(
    client, seeded
):
    home = Page.objects.get(depth=2, locale__language_code="nl")
    dutch = StandardPageFactory(parent=home, title="Huurtoeslag uitgelegd", slug="huurtoeslag")
    dutch.save_revision().publish()
    catalog = {"Huurtoeslag uitgelegd": "Rent benefit explained", "huurtoeslag": "rent-benefit"}
    translate_page(dutch, "en", catalog)
    translate_page(dutch, "pl", catalog | {"Huurtoeslag uitgelegd": "Dodatek mieszkaniowy"})

    def titles(path):
        return [text(title) for title in find_all(client.get(path), "h2", class_="card__title")]

    assert titles("/zoeken/?q=huurtoeslag") == ["Huurtoeslag uitgelegd"]
    assert titles("/zoeken/?q=explained") == []  # a Dutch visitor: no English pages
    assert titles("/en/zoeken/?q=explained") == ["Rent benefit explained"]
    assert titles("/en/zoeken/?q=huurtoeslag") == ["Huurtoeslag uitgelegd"]  # Dutch too
    assert titles("/en/zoeken/?q=dodatek") == []  # not the Polish ones
    marks = {
        text(find_one(li, "h2")): li.get("lang")
        for query in ["huurtoeslag", "explained"]
        for li in find_all(client.get(f"/en/zoeken/?q={query}"), "li", class_="search-result")
    }
    assert marks == {"Huurtoeslag uitgelegd": "nl", "Rent benefit explained": None}


def test_the_smaller_pieces_of_a_translated_site(client, seeded):
    # A 404 leads each language to its home page, not to the same missing address.
    missing = client.get("/en/agenda/")
    assert missing.status_code == 404
    assert {code: href for code, (href, _link) in language_switch(missing).items()} == {
        "nl": "/",
        **{code: f"/{code}/" for code in OTHER_LANGUAGES},
    }
    # The overview of the site in the visitor's language, its home first.
    overview = client.get("/ar/overzicht/")
    links = [link.get("href") for link in find_all(find_one(overview, "main"), "a")]
    assert links[:2] == ["/ar/", "/ar/who-are-we/"]
    # The translated home page's title is its own, without the Dutch tagline.
    title = text(find_one(client.get("/en/"), "title"))
    assert title == "Alliance for Social Justice | For a society without poverty"
    # The newsletter is Dutch, and a translated page says so before anyone signs up.
    assert "The newsletter is in Dutch." in client.get("/en/").text
    assert "De nieuwsbrief is in het Nederlands." not in client.get("/").text
    # Typed text keeps its own direction in every form.
    form = client.get(
        StoryIndexPage.objects.get(locale__language_code="ar").url + "deel-je-verhaal/"
    )
    assert {field.get("dir") for field in find_all(form, "textarea")} == {"auto"}
    # "Read aloud" says "Pause" and "Continue" in the page's language while it reads.
    reader = find_one(client.get("/en/who-are-we/"), "div", class_="read-aloud")
    assert (reader.get("data-label-speaking"), reader.get("data-label-paused")) == (
        "Pause",
        "Continue",
    )
    # Robots skip the search pages of every language.
    robots = client.get("/robots.txt").text.splitlines()
    assert {f"Disallow: /{code}/zoeken/" for code in OTHER_LANGUAGES} <= set(robots)


def test_a_sign_up_from_an_english_page_is_confirmed_in_english(client, seeded, mailoutbox, commit):
    with commit():
        response = client.post("/en/nieuwsbrief/aanmelden/", {"email": "reader@example.org"})
    assert response.status_code == 302
    confirm = mailoutbox[-1]
    assert confirm.subject.startswith("Confirm your sign-up for the newsletter of ")
    assert "The newsletter is in Dutch." in confirm.body
    link = re.search(r"http://testserver(/en/nieuwsbrief/bevestigen/\S+/)", confirm.body)[1]
    assert html_attributes(client.get(link)) == ("en", "ltr")
    with commit():
        client.post(link)
    welcome = mailoutbox[-1]
    assert welcome.subject.startswith("You are signed up for the newsletter of ")
    assert "/en/nieuwsbrief/afmelden/" in welcome.body


def test_the_header_names_the_organisation_in_the_visitors_language(client, seeded):
    brand = find_one(client.get("/uk/"), "span", class_="site-brand__text")
    assert brand.get("lang") is None
    assert "Альянс за соціальну справедливість" in text(brand)
    assert "За суспільство без бідності" in text(brand)
    dutch = find_one(client.get("/"), "span", class_="site-brand__text")
    assert "Voor een samenleving zonder armoede" in text(dutch)


@pytest.mark.parametrize("kind", ["articles", "documents", "initiatives"])
def test_a_translated_list_without_items_of_its_own_shows_the_dutch_ones_marked(
    client, home_page, kind
):
    """Never an empty page: a translated list shows the Dutch items, says they are in
    Dutch and marks them lang="nl" (their dates in Dutch)."""
    index_factory, item_factory = {
        "articles": (ArticleIndexPageFactory, ArticlePageFactory),
        "documents": (LibraryIndexPageFactory, PublicationPageFactory),
        "initiatives": (InitiativeIndexPageFactory, InitiativePageFactory),
    }[kind]
    index = index_factory(parent=home_page, title="Lijst")
    item_factory(parent=index, title="Een Nederlands item")
    english, _ = translate_page(index, "en", {"Lijst": "List"})
    main = find_one(client.get(english.url), "main")
    assert "This is only available in Dutch." in text(main)
    (marked,) = [ul for ul in find_all(main, "ul") if ul.get("lang") == "nl"]
    assert "Een Nederlands item" in text(marked)
    dutch = find_one(client.get(index.url), "main")
    assert "Een Nederlands item" in text(dutch)
    assert find_all(dutch, "p", class_="original-language-note") == []
