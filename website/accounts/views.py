"""Pages at the admin's door that work before logging in: the unlock link, security.txt."""

from datetime import UTC, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from website.core.addresses import request_site
from website.core.models import SiteSettings

from . import lockout
from .models import SignInEvent


class UnlockView(View):
    """The mailed link. Opening it shows a button, and only the button uses the link: mail
    scanners open links in mails, and would use a one-time link up before its owner does."""

    template_name = "accounts/unlock.html"

    def get(self, request, token):
        return render(request, self.template_name, {"token": token})

    def post(self, request, token):
        user = lockout.use_unlock_link(token)
        if user is None:
            return render(request, self.template_name, {"token": token, "used": True}, status=410)
        lockout.record(request, SignInEvent.Kind.UNLOCKED, user.get_username(), user=user)
        messages.success(request, "Je kunt nu inloggen in deze browser.")
        response = redirect("wagtailadmin_login")
        response.set_cookie(
            lockout.UNLOCK_COOKIE,
            lockout.unlock_cookie(user),
            max_age=lockout.UNLOCK_COOKIE_SECONDS,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response


# RFC 9116 §2.5.5: the expiry should lie less than a year ahead; the file is made on each
# request, so it moves on by itself and never runs out.
SECURITY_TXT_DAYS = 180


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a security problem, from the
    site settings (the security address, else the public one). 404 while the settings have
    neither: the file must name a contact, and the editors' own address is not public."""
    site = request_site(request)
    site_settings = SiteSettings.for_site(site)
    contact = site_settings.security_email or site_settings.email
    if not contact:
        raise Http404("No address for security reports in the site settings")
    expires = (timezone.now() + timedelta(days=SECURITY_TXT_DAYS)).astimezone(UTC)
    lines = [
        f"Contact: mailto:{contact}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {site.root_url.rstrip('/')}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
