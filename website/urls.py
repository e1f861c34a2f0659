from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from website.accounts.views import UnlockView, security_txt
from website.contributors.invitations import InvitationAcceptView
from website.core import views as core_views
from website.core.sitemaps import TranslatedSitemap
from website.operations.health import health_check

handler404 = "website.core.views.page_not_found"
handler500 = "website.core.views.server_error"

urlpatterns = [
    # The invitation link is used before the contributor can log in.
    path(
        "admin/uitnodiging/<uidb64>/<token>/",
        InvitationAcceptView.as_view(),
        name="contributor_invitation",
    ),
    # The mailed link that lets a locked account's owner in (website.accounts.lockout).
    path("admin/weer-inloggen/<str:token>/", UnlockView.as_view(), name="account_unlock"),
    path("admin/", include(wagtailadmin_urls)),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("documenten-bestand/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", health_check, name="health_check"),
    path("deelafbeelding.png", core_views.share_image, name="share_image"),
    path("logo-vierkant.png", core_views.square_logo, name="square_logo"),
    path("favicon.ico", core_views.favicon),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?!documents/).*)$",
            core_views.serve_media,
        )
    ]

# What visitors read, in every language: Dutch at the root (no existing address changes),
# the others under /en/, /ar/, … (settings.LANGUAGES; core.middleware.PathLocaleMiddleware).
urlpatterns += i18n_patterns(
    path("overzicht/", core_views.site_overview, name="site_overview"),
    path("nieuwsbrief/", include("website.newsletter.urls")),
    path("", include("website.search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
