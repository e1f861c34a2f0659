from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "website.search"
    label = "site_search"
    verbose_name = "Zoeken"
