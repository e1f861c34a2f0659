from django.urls import path, re_path

from . import views

app_name = "newsletter"
TOKEN = r"(?P<token>[\w:-]{1,200})"  # noqa: S105 - the shape of a token, not a secret

urlpatterns = [
    path("aanmelden/", views.subscribe, name="subscribe"),
    path("aanmelden/verstuurd/", views.subscribe_sent, name="subscribe_sent"),
    re_path(rf"^bevestigen/{TOKEN}/$", views.confirm, name="confirm"),
    path("bevestigd/", views.confirmed, name="confirmed"),
    re_path(rf"^afmelden/{TOKEN}/$", views.unsubscribe, name="unsubscribe"),
    path("afgemeld/", views.unsubscribed, name="unsubscribed"),
]
