"""Inviting a contributor: an account without a password and a mail with a link to choose
one. The link is Django's password-reset token with its own salt and lifetime
(CONTRIBUTOR_INVITATION_DAYS); it stops working once a password is chosen."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from website.core.addresses import site_address
from website.core.models import SiteSettings
from website.mail.outbox import queue_templated_email

from .models import Contributor
from .roles import CONTRIBUTORS


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token (bound to the password hash and last login, so used once),
    valid for CONTRIBUTOR_INVITATION_DAYS instead of PASSWORD_RESET_TIMEOUT."""

    key_salt = "website.contributors.invitations.InvitationTokenGenerator"

    @staticmethod
    def lifetime_seconds():
        return settings.CONTRIBUTOR_INVITATION_DAYS * 24 * 3600

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - timestamp > self.lifetime_seconds():
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user, site):
    """The absolute address of `user`'s personal link to choose a password, on `site` (a
    Wagtail Site: the admin is served on the site's own address)."""
    path = reverse(
        "contributor_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    return site_address(site, path)


@transaction.atomic
def invite(*, email, first_name, last_name, organisation, invited_by, site):
    """Make an account for a contributor of `organisation` (username = the address in
    lower case, no password yet, group Bijdrager) and queue the invitation mail. Returns
    the Contributor. The caller checks that no account has this address."""
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email, first_name=first_name, last_name=last_name
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    contributor = Contributor.objects.create(
        user=user, organisation=organisation, invited_by=invited_by
    )
    send_invitation(contributor, site)
    return contributor


def send_invitation(contributor, site):
    """Queue (again) the mail with a fresh link on `site`; earlier links keep their own
    expiry."""
    user = contributor.user
    context = {
        "contributor": contributor,
        "site_name": SiteSettings.network_name(site) or site.hostname,
        "url": invitation_url(user, site),
        "days": settings.CONTRIBUTOR_INVITATION_DAYS,
        "username": user.get_username(),
        "inviter": contributor.invited_by.get_full_name() if contributor.invited_by else "",
    }
    queue_templated_email(
        user.email, "contributors/mail/invitation", context, regarding=contributor
    )
    contributor.invited_at = timezone.now()
    contributor.save(update_fields=["invited_at"])


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a password, then you are logged in to the admin."""

    template_name = "contributors/admin/accept_invitation.html"
    token_generator = invitation_tokens
    reset_url_token = "wachtwoord-kiezen"  # noqa: S105 - a URL part, not a password
    post_reset_login = True
    post_reset_login_backend = "website.contributors.backends.CaseInsensitiveModelBackend"
    success_url = reverse_lazy("wagtailadmin_home")

    def form_valid(self, form):
        # The login that follows is the account's first: no "new browser" alarm for it
        # (accounts.notices.new_browser_login); the browser becomes known all the same.
        self.request.first_login_of_new_account = True
        response = super().form_valid(form)
        Contributor.objects.filter(user=form.user, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        return response
