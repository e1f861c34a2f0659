import datetime

import factory
import wagtail_factories

from .models import ArticleIndexPage, ArticlePage, BookReviewPage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Achtergronden"
    slug = "achtergronden"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    date = datetime.date(2016, 1, 1)
    author = "Redactie"
    introduction = "Over armoede."

    class Meta:
        model = ArticlePage


class BookReviewPageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"Boek {n}")
    book_title = "Genadebrood"
    book_author = "Gijsbert van Es"

    class Meta:
        model = BookReviewPage
