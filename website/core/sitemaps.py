"""`/sitemap.xml` for every language: Wagtail's sitemap lists the pages below the site's
root page only, which is the Dutch home page; translations live below the home page's
translations. Each address carries its language versions as `xhtml:link rel="alternate"`
(hreflang, and x-default for the original), which Django's sitemap template writes."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        below_a_home = Q()
        for home in homes:
            below_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(below_a_home)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        versions = self.language_versions()
        for url_info in urls:
            found = versions.get(url_info["location"])
            if found and len(found) > 1:
                url_info["alternates"] = [
                    {"lang_code": code, "location": location} for code, location in found.items()
                ] + [{"lang_code": "x-default", "location": found.get(settings.LANGUAGE_CODE)}]
                if settings.LANGUAGE_CODE not in found:
                    url_info["alternates"].pop()
        return urls

    def language_versions(self):
        """{absolute URL: {language code: absolute URL of that language's version}} for
        every page in the sitemap, from the pages already listed (no query per page)."""
        if not hasattr(self, "_versions"):
            groups = {}
            located = []
            for item in self.paginator.object_list:
                location = item.get_full_url(self.request)
                groups.setdefault(item.translation_key, {})[item.locale.language_code] = location
                located.append((location, item.translation_key))
            self._versions = {location: groups[key] for location, key in located}
        return self._versions
