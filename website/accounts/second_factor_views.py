"""The second factor's pages: set-up with a QR code, the recovery codes shown once, the code
asked at login, the person's own management page and a Beheerder's reset for someone else."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.utils import get_user_display_name

from website.core.addresses import request_site
from website.core.models import SiteSettings

from . import lockout, notices
from . import second_factor as factor
from .models import SignInEvent

CODES_SESSION_KEY = "account_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        error_messages={"required": "Vul de code in."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


def next_page(request):
    """Where to go after the code: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Scan the QR code (or type the key), then type the app's code to show it works."""
    user = request.user
    if factor.has_second_factor(user) and not user.is_verified():
        verify_first = reverse("account_second_factor_verify")
        return redirect(f"{verify_first}?next={reverse('account_second_factor_setup')}")
    device = factor.unconfirmed_device(user)
    form = CodeForm(request.POST or None)
    form.fields["code"].widget.attrs["inputmode"] = "numeric"
    if request.method == "POST" and form.is_valid():
        codes = factor.confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            request.session[CODES_SESSION_KEY] = codes
            notices.second_factor_changed(request, user, "aangezet")
            return redirect(f"{reverse('account_second_factor_codes')}?next={next_page(request)}")
        form.add_error(
            "code",
            "Deze code klopt niet. Kijk of de tijd op je telefoon goed staat, en typ de code "
            "die de app nu laat zien.",
        )
    issuer = SiteSettings.network_name(request_site(request)) or request.get_host()
    uri = factor.otpauth_uri(device, issuer)
    context = {
        "form": form,
        "qr_svg": factor.qr_svg(uri),
        "key": factor.key_text(device),
        "required": factor.required_for(user),
        "again": factor.has_second_factor(user),
        "next": next_page(request),
    }
    return render(request, "accounts/second_factor_setup.html", context)


@never_cache
def codes(request):
    """The new recovery codes, once: they are not stored where they can be shown again."""
    shown = request.session.pop(CODES_SESSION_KEY, None)
    if not shown:
        return redirect("account_second_factor")
    return render(
        request, "accounts/recovery_codes.html", {"codes": shown, "next": next_page(request)}
    )


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The code after the password. Wrong codes count like wrong passwords (lockout):
    someone who has the password cannot try codes for long."""
    user = request.user
    if not factor.has_second_factor(user):
        return redirect(next_page(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = user.get_username()
        if lockout.refuses(request, username):
            return locked_out(request, username)
        if factor.verify(request, form.cleaned_data["code"]) is not None:
            return redirect(next_page(request))
        lockout.record(request, SignInEvent.Kind.SECOND_FACTOR_FAILED, username, user=user)
        if lockout.after_failure(request, username, record_failure=False):
            return locked_out(request, username)
        form.add_error(
            "code",
            "Deze code klopt niet of is al gebruikt. Typ de code die de app nu laat zien, "
            "of een herstelcode die je nog niet hebt gebruikt.",
        )
    return render(
        request, "accounts/second_factor_verify.html", {"form": form, "next": next_page(request)}
    )


def locked_out(request, username):
    """Too many wrong codes: logged out, with the lockout's message on the login page."""
    lockout.record(request, SignInEvent.Kind.REFUSED, username)
    logout(request)
    messages.error(request, lockout.locked_message())
    return redirect("wagtailadmin_login")


@never_cache
def manage(request):
    """The person's own second factor: on or off, recovery codes left, new codes, a new
    phone. Changing it needs this session to have entered a code."""
    user = request.user
    if request.method == "POST":
        if not user.is_verified():
            raise PermissionDenied
        if request.POST.get("action") == "new-codes":
            request.session[CODES_SESSION_KEY] = factor.new_recovery_codes(user)
            notices.second_factor_changed(
                request, user, "veranderd: er zijn nieuwe herstelcodes gemaakt"
            )
            return redirect("account_second_factor_codes")
        if request.POST.get("action") == "new-app":
            factor.reset(user)
            notices.second_factor_changed(
                request, user, "weggehaald om een nieuwe telefoon in te stellen"
            )
            return redirect("account_second_factor_setup")
    context = {
        "active": factor.has_second_factor(user),
        "required": factor.required_for(user),
        "codes_left": factor.recovery_codes_left(user),
    }
    return render(request, "accounts/second_factor_manage.html", context)


@never_cache
def reset_for(request, user_id):
    """A Beheerder takes away someone's second factor (a lost phone); they set up a new one
    at their next login. The person gets a mail saying who did it."""
    if not factor.may_reset_for_others(request.user):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        factor.reset(person)
        who = get_user_display_name(request.user)
        notices.second_factor_changed(request, person, f"weggehaald door {who}")
        name = get_user_display_name(person)
        messages.success(
            request,
            f"De tweestapsverificatie van {name} is weggehaald. Bij de volgende keer "
            f"inloggen stelt {name} een nieuwe in.",
        )
        return redirect("wagtailusers_users:index")
    context = {"person": person, "active": factor.has_second_factor(person)}
    return render(request, "accounts/second_factor_reset.html", context)
