"""schema.org JSON-LD for articles (Article) and book reviews (Review of a Book), so search
engines show the headline, date, author and image (Google's Article and Review snippet
guidelines name these properties)."""

from website.core.addresses import site_address
from website.core.models import SiteSettings
from website.core.templatetags.core_tags import ld_json


def article_data(page, request, image_url=None):
    """A dict for `page` (an ArticlePage or BookReviewPage); `image_url` absolute or None."""
    site_settings = SiteSettings.for_request(request)
    publisher = {"@type": "Organization", "name": site_settings.organisation_name}
    author = (
        {"@type": "Person", "name": page.author}
        if page.author
        else {"@type": "Organization", "name": site_settings.organisation_name}
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "url": page.get_full_url(request),
        "datePublished": page.date.isoformat(),
        "author": author,
        "publisher": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.introduction:
        data["description"] = page.introduction
    if image_url:
        data["image"] = image_url
    book = getattr(page, "book_title", None)
    if book:
        data["@type"] = "Review"
        data["name"] = page.title
        data["itemReviewed"] = book_data(page)
    return data


def book_data(page):
    book = {"@type": "Book", "name": page.book_title}
    if page.book_author:
        book["author"] = {"@type": "Person", "name": page.book_author}
    if page.isbn:
        book["isbn"] = page.isbn
    if page.page_count:
        book["numberOfPages"] = page.page_count
    if page.publisher:
        book["publisher"] = {"@type": "Organization", "name": page.publisher}
    return book


def article_json_ld(page, request):
    image_url = None
    if page.image_id and not page.image.is_svg():
        rendition = page.image.get_rendition("max-1200x1200")
        image_url = site_address(page.get_site(), rendition.url)
    return ld_json(article_data(page, request, image_url))
