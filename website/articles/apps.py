from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "website.articles"
    label = "articles"
    verbose_name = "Artikelen"
