from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "website.articles"
    label = "articles"
    verbose_name = "Artikelen"
    seed_steps = {450: "website.articles.seed.articles"}
