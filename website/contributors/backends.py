"""Logging in with the user name in any case: contributors' user names are their e-mail
addresses in lower case, and people type addresses as they see them ("Anna@Voorbeeld.nl")."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class CaseInsensitiveModelBackend(ModelBackend):
    """Django's ModelBackend, after finding the one account whose user name equals the typed
    one apart from case and surrounding spaces. Two accounts that differ only in case keep
    exact matching (then the typed name must be exact)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username:
            typed = username.strip()
            matches = list(
                get_user_model()
                ._default_manager.filter(username__iexact=typed)
                .values_list("username", flat=True)[:2]
            )
            username = matches[0] if len(matches) == 1 else typed
        return super().authenticate(request, username=username, password=password, **kwargs)
