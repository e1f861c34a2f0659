"""What search engines and social networks read from an article's head: its own canonical
(each page of a list too), og:type article with its time, and schema.org Article/Review."""

import datetime
import io
import json
from urllib.parse import urlsplit

import pytest
from PIL import Image

from website.articles.factories import ArticleIndexPageFactory, ArticlePageFactory
from website.articles.models import BookReviewPage
from website.core.factories import ImageFactory
from website.testing.utils import find_all, find_one

pytestmark = pytest.mark.django_db


def head_meta(response):
    head = find_one(response, "head")
    meta = {
        m.get("property"): m.get("content") for m in find_all(head, "meta") if m.get("property")
    }
    canonical = find_one(head, "link", rel="canonical").get("href")
    scripts = [s.text for s in find_all(head, "script") if s.get("type") == "application/ld+json"]
    return meta, canonical, [json.loads(script) for script in scripts]


def test_an_article_is_shared_as_an_article_and_described_for_search_engines(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index,
        title="Werkende armen",
        date=datetime.date(2016, 3, 1),
        author="Hub Crijns",
        image=ImageFactory(),
        image_alt="Een foto",
    )
    meta, canonical, (data,) = head_meta(client.get(article.url))
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2016-03-01"
    assert canonical == article.full_url
    assert data["@type"] == "Article"
    assert (data["headline"], data["datePublished"]) == ("Werkende armen", "2016-03-01")
    assert data["author"] == {"@type": "Person", "name": "Hub Crijns"}
    assert data["image"].startswith("http://testserver/media/images/")


def test_a_book_review_is_a_review_of_a_book(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    review = BookReviewPage(
        title="Over armoede", slug="over-armoede", date=datetime.date(2017, 5, 2),
        book_title="Schaarste", book_author="Sendhil Mullainathan", isbn="9789047006923",
    )  # fmt: skip
    index.add_child(instance=review)
    _meta, _canonical, (data,) = head_meta(client.get(review.url))
    assert data["@type"] == "Review"
    assert data["itemReviewed"] == {
        "@type": "Book",
        "name": "Schaarste",
        "author": {"@type": "Person", "name": "Sendhil Mullainathan"},
        "isbn": "9789047006923",
    }


def test_each_page_of_a_list_is_its_own_canonical(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    for n in range(index.per_page + 1):
        ArticlePageFactory(parent=index, title=f"Artikel {n}")
    _meta, canonical, _data = head_meta(client.get(index.url, {"pagina": 2, "x": "y"}))
    assert canonical == index.full_url + "?pagina=2"
    _meta, canonical, _data = head_meta(client.get(index.url, {"pagina": 1}))
    assert canonical == index.full_url
    # A number past the end shows the last page: that page's address, not a new one.
    _meta, canonical, _data = head_meta(client.get(index.url, {"pagina": 99}))
    assert canonical == index.full_url + "?pagina=2"


def png_size(client, url):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).size


def test_shared_links_show_the_page_image_or_a_large_picture_of_the_network(client, home_page):
    """The networks ask for at least 200×200; the site's logo (329×96) was too small."""
    index = ArticleIndexPageFactory(parent=home_page)
    with_image = ArticlePageFactory(
        parent=index,
        image=ImageFactory(file__width=1600, file__height=900),
        image_alt="Mensen bij de bank",
    )
    meta, _canonical, _data = head_meta(client.get(with_image.url))
    assert "/media/images/" in meta["og:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "675")
    assert meta["og:image:alt"] == "Mensen bij de bank"

    # An image under the networks' minimum is not shared: the network's picture is.
    small = ArticlePageFactory(parent=index, image=ImageFactory(), image_alt="Klein")
    assert head_meta(client.get(small.url))[0]["og:image"].endswith("/deelafbeelding.png")

    meta, _canonical, (organisation,) = head_meta(client.get(home_page.url))
    assert meta["og:image"].endswith("/deelafbeelding.png")
    assert png_size(client, meta["og:image"]) == (1200, 630)
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert png_size(client, organisation["logo"]) == (512, 512)  # Google: at least 112×112
