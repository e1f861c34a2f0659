"""The names of the kinds of pages visitors see in search (the filter and each result), as
Django translation ids: the names are the models' Dutch `verbose_name`s, `search_kind`s and
the publication kinds, which the admin shows in Dutch; here they are marked for
`makemessages` so `kind_label` can say them in the visitor's language."""

from django.utils.translation import gettext, gettext_noop

KIND_NAMES = [
    # The filter (plural)
    gettext_noop("Activiteiten"),
    gettext_noop("Artikelen"),
    gettext_noop("Boekbesprekingen"),
    gettext_noop("Campagnes"),
    gettext_noop("Formulieren"),
    gettext_noop("Lokale initiatieven"),
    gettext_noop("Nieuwsbrieven"),
    gettext_noop("Overige pagina's"),
    gettext_noop("Overleggen bewindspersoon"),
    gettext_noop("Publicaties"),
    gettext_noop("Thema's"),
    gettext_noop("Verhalen"),
    # Each result (singular)
    gettext_noop("Activiteit"),
    gettext_noop("Artikel"),
    gettext_noop("Boekbespreking"),
    gettext_noop("Campagne"),
    gettext_noop("Formulier"),
    gettext_noop("Lokaal initiatief"),
    gettext_noop("Nieuwsbrief"),
    gettext_noop("Overleg bewindspersoon"),
    gettext_noop("Pagina"),
    gettext_noop("Publicatie"),
    gettext_noop("Thema"),
    gettext_noop("Verhaal"),
    gettext_noop("Kamerbrief"),
    gettext_noop("Manifest"),
    gettext_noop("Verbetervoorstellen"),
    gettext_noop("Projectplan"),
    gettext_noop("Werkprogramma"),
    gettext_noop("Voorstellenbrief"),
    gettext_noop("Verslag"),
    gettext_noop("Reactie"),
    gettext_noop("Essay"),
    gettext_noop("Rapport"),
    gettext_noop("Brief"),
    gettext_noop("Anders"),
]


def kind_label(name):
    """`name` (a kind's Dutch name) in the active language; unknown names as they are."""
    return gettext(str(name))
