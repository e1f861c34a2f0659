from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's general pages: the home page, standard pages and the contact page. They
    sit above the content apps, because their bodies and context draw on them (the chair
    block and member organisations of the network)."""

    name = "website.pages"
    label = "pages"
    verbose_name = "Pagina's"
    seed_steps = {
        100: "website.pages.seed.home_page",
        300: "website.pages.seed.content_pages",
        490: "website.pages.seed.contact_page",
        900: "website.pages.seed.privacy_page",
        910: "website.pages.seed.accessibility_page",
        950: "website.pages.seed.key_page_translations",
    }
    personal_data = "website.pages.personal_data"
