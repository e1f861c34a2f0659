from django.urls import path

from . import views

urlpatterns = [
    path("agenda/afmelden/<str:token>/", views.cancel, name="agenda_cancel"),
]
