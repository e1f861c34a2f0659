"""Background articles and news, with a book-review variant."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.search import index

from website.articles.structured_data import article_json_ld
from website.core.blocks import body_blocks
from website.core.feeds import FeedRoutesMixin
from website.core.models import BasePage, ImageWithAltMixin
from website.network.models import ContributedMixin
from website.themes.models import themes_field, themes_panel


class ArticleIndexPage(FeedRoutesMixin, BasePage):
    """A list of articles ("Achtergronden", "Nieuws"), newest first, with RSS and Atom."""

    hide_when_empty = True  # core.navigation: out of the menus while it lists nothing

    per_page = 12
    parent_page_types = ["pages.HomePage", "articles.ArticleIndexPage"]
    subpage_types = ["articles.ArticlePage", "articles.BookReviewPage", "articles.ArticleIndexPage"]

    class Meta:
        verbose_name = "Overzicht artikelen"
        verbose_name_plural = "Overzichten artikelen"

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self.items_from())
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")
        )

    def feed_items(self):
        return self.articles()

    @path("")
    def index_view(self, request):
        listing = Paginator(self.articles(), self.per_page).get_page(request.GET.get("pagina") or 1)
        return self.render(request, context_overrides={"listing": listing})


class ArticlePage(ContributedMixin, ImageWithAltMixin, BasePage):
    date = models.DateField("Datum", default=timezone.localdate)  # today, unless changed
    author = models.CharField("Auteur", max_length=120, blank=True)
    body = StreamField(body_blocks(), blank=True, verbose_name="Tekst")
    themes = themes_field()

    content_panels = [
        *BasePage.content_panels,
        *ContributedMixin.contributed_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        *ImageWithAltMixin.image_panels,
        FieldPanel("body"),
        themes_panel(),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("author"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Artikel"
        verbose_name_plural = "Artikelen"

    og_type = "article"  # OpenGraph: shared as an article, with its published time

    @property
    def search_date(self):
        return self.date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["article_json_ld"] = article_json_ld(self, request)
        return context


class BookReviewPage(ArticlePage):
    book_title = models.CharField("Titel van het boek", max_length=250)
    book_author = models.CharField("Schrijver", max_length=200)
    publisher = models.CharField("Uitgever", max_length=200, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    page_count = models.PositiveIntegerField("Aantal bladzijden", null=True, blank=True)
    price = models.DecimalField(
        "Prijs (euro)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    order_url = models.URLField("Bestellen via", blank=True)

    content_panels = [
        *ArticlePage.content_panels[:-2],
        MultiFieldPanel(
            [
                FieldPanel("book_title"),
                FieldRowPanel([FieldPanel("book_author"), FieldPanel("publisher")]),
                FieldRowPanel([FieldPanel("isbn"), FieldPanel("page_count"), FieldPanel("price")]),
                FieldPanel("order_url"),
            ],
            heading="Het boek",
        ),
        *ArticlePage.content_panels[-2:],
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("book_title"),
        index.SearchField("book_author"),
    ]
    template = "articles/book_review_page.html"

    class Meta:
        verbose_name = "Boekbespreking"
        verbose_name_plural = "Boekbesprekingen"

    @property
    def search_kind(self):
        return "Boekbespreking"
