"""Notices to a person about their own account (website.accounts.notices)."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_save
from django.dispatch import receiver

from . import notices
from .middleware import LAST_SEEN_KEY


@receiver(user_logged_in, dispatch_uid="accounts_last_seen")
def start_the_idle_clock(sender, request, user, **kwargs):
    """The login counts as use (middleware.IdleSessionAndKnownBrowserMiddleware)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())


@receiver(user_logged_in, dispatch_uid="accounts_new_browser")
def mail_a_login_from_a_new_browser(sender, request, user, **kwargs):
    # A login without a request that reached a server (the test client's force_login, a
    # script) came from no browser.
    if request is not None and "SERVER_NAME" in request.META:
        notices.new_browser_login(request, user)


@receiver(pre_save, dispatch_uid="accounts_password_changed")
def mail_a_changed_password(sender, instance, **kwargs):
    """A saved account whose password hash changed: a reset, a change in the account page,
    a Beheerder's change. Not an account's first password (an invitation accepted)."""
    if sender is not get_user_model() or instance.pk is None:
        return
    before = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True)
    old = before.first()
    if old and not old.startswith("!") and old != instance.password:
        notices.password_changed(instance)
