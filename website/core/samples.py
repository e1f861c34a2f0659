"""One example address per kind of public page, for the screenshot tool (`make
screenshots`) and the HTML checker test: every page type that has a live page on the site,
the extra views some page types serve (routes), search results, the newsletter sign-up and
the not-found page."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, get_page_models

from .languages import text_direction
from .models import BasePage

#: Searched for on the search results sample: a word the seed content contains.
SAMPLE_QUERY = "armoede"


def public_page_models():
    """Every concrete page type visitors can see, in a stable order (app, model)."""
    models = [m for m in get_page_models() if issubclass(m, BasePage) and not m._meta.abstract]
    return sorted(models, key=lambda m: (m._meta.app_label, m._meta.model_name))


def page_samples(site):
    """[(name, path)]: for each public page type the first live page of that exact type on
    `site` (by tree order; every live page of a type with `sample_every_page = True`, such as
    the standard pages whose content differs most), then each route the type lists in
    `sample_routes` ({name: path relative to the page}), then search results, the site
    overview and a 404. Types
    without a live page are left out. Paths are site-relative ("/agenda/archief/")."""
    samples = []
    for model in public_page_models():
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .exact_type(model)
            .order_by("path")
        )
        if not getattr(model, "sample_every_page", False):
            pages = pages[:1]
        for page in pages:
            path = page.relative_url(site)
            samples.append((f"{model._meta.model_name}-{page.slug}", path))
            for name, route in getattr(model, "sample_routes", {}).items():
                samples.append((name, path + route))
    samples.append(("search", f"{reverse('search')}?q={SAMPLE_QUERY}"))
    samples.append(("site-overview", reverse("site_overview")))
    samples.append(("newsletter-subscribe", reverse("newsletter:subscribe")))
    samples.append(("newsletter-sent", reverse("newsletter:subscribe_sent")))
    samples.append(("not-found", "/deze-pagina-bestaat-niet/"))
    return samples + language_samples(site)


def language_samples(site):
    """[(name, path)] for every other language the site has a home page in: its home page;
    for the first of them also the routes of its pages (the story form); for a right-to-left
    language, whose layout differs most, every page type, its routes, search results and a
    404. (Each sample costs every browser and markup check its time.)"""
    samples = []
    homes = (
        Page.objects.live()
        .filter(translation_key=site.root_page.translation_key)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .order_by("path")
    )
    for position, home in enumerate(homes):
        code = home.locale.language_code
        full = text_direction(code) == "rtl"
        seen = set()
        for page in Page.objects.live().public().descendant_of(home, inclusive=True).specific():
            model = type(page)
            if model in seen or not isinstance(page, BasePage):
                continue
            seen.add(model)
            path = page.relative_url(site)
            if page.pk == home.pk or full:
                samples.append((f"{code}-{model._meta.model_name}", path))
            if full or position == 0:
                for name, route in getattr(model, "sample_routes", {}).items():
                    samples.append((f"{code}-{name}", path + route))
        if full:
            with translation.override(code):
                samples.append((f"{code}-search", f"{reverse('search')}?q={SAMPLE_QUERY}"))
            samples.append((f"{code}-not-found", f"/{code}/deze-pagina-bestaat-niet/"))
    return samples
