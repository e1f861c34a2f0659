"""A second factor for the admin: a code from an authenticator app (TOTP, RFC 6238, through
django-otp's TOTPDevice) and ten one-time recovery codes (django-otp's StaticDevice).

Who needs one (`required_for`): with TWO_FACTOR_REQUIRED (production) everyone with access
to the admin except people whose only role is Bijdrager, to whom it is offered. Whoever has
set one up is asked for a code at every login, required or not (SecondFactorMiddleware).
"""

import re
import urllib.parse
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from website.contributors.roles import ADMINISTRATORS, is_contributor

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"


def required_for(user):
    """True when `user` may not use the admin without a second factor: TWO_FACTOR_REQUIRED
    is on and they have more than the Bijdrager role."""
    if not settings.TWO_FACTOR_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    return not is_contributor(user)


def has_second_factor(user):
    """True when `user` set up an authenticator app (a confirmed TOTP device)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def may_reset_for_others(user):
    """Only a Beheerder (or a superuser) resets someone else's second factor."""
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def unconfirmed_device(user):
    """The TOTP device being set up for `user` (made on first use, kept while the person
    scans it, so a reload shows the same key)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def key_text(device):
    """The device's secret as the app asks it when typed: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def otpauth_uri(device, issuer):
    """The otpauth:// address the QR code holds (Google Authenticator's Key Uri Format):
    `issuer` (the site's name) and the user name label the entry in the app."""
    label = urllib.parse.quote(f"{issuer}:{device.user.get_username()}")
    query = urllib.parse.urlencode(
        {
            "secret": b32encode(device.bin_key).decode().rstrip("="),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        },
        quote_via=urllib.parse.quote,
    )
    return f"otpauth://totp/{label}?{query}"


def qr_svg(uri):
    """The QR code of `uri` as inline SVG markup (segno), dark on white with a quiet zone."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=4, dark="#1a1a1a", light="#fff", omitsize=True
    )


def confirm(request, device, code):
    """Turn on the app `device` when `code` (as typed) is its current code: it becomes the
    person's one app, this session counts as verified, and ten new recovery codes are made.
    Returns the recovery codes, or None when the code was wrong."""
    if not device.verify_token(digits_of(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user):
    """Ten fresh one-time codes for `user`, replacing any earlier ones; as shown: "abcd-efgh"."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    tokens = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return [f"{token[:4]}-{token[4:]}" for token in tokens]


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, code):
    """Log this session's second factor in when `code` (as typed: spaces, a dash, capitals
    allowed) is the app's current code or an unused recovery code, which is then used up.
    Returns the device that accepted it, or None."""
    user = request.user
    if digits_of(code).isdigit() and len(digits_of(code)) == 6:
        candidates, token = TOTPDevice.objects.filter(user=user, confirmed=True), digits_of(code)
    else:
        candidates, token = StaticDevice.objects.filter(user=user), recovery_code_of(code)
    with transaction.atomic():
        for device in candidates.select_for_update():
            if device.verify_token(token):
                otp_login(request, device)
                return device
    return None


def reset(user):
    """Remove every second factor of `user` (a lost phone): they set one up again at their
    next login where it is required."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def digits_of(code):
    return re.sub(r"[\s-]", "", code or "")


def recovery_code_of(code):
    return re.sub(r"[\s-]", "", code or "").lower()
