"""The second factor in a real browser (Chromium): an editor sets it up by typing the key
shown on the page into "an app" (a computed TOTP code), keeps the recovery codes, and logs
in again with one of them."""

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "een-lang-wachtwoord-voor-de-test"


def app_code(key_text):
    """What an authenticator app shows for the key as the page writes it ("ABCD EFGH …")."""
    key = key_text.replace(" ", "")
    return f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"


def test_an_editor_sets_up_the_second_factor_and_logs_in_with_a_recovery_code(
    live_server, open_browser, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    user = get_user_model().objects.create_user(
        "redacteur", "r@example.org", PASSWORD, first_name="Sanne"
    )
    user.groups.add(Group.objects.get(name="Redactie"))

    browser = open_browser(live_server.url, width=360)
    browser.log_in("redacteur", PASSWORD)
    page = browser.page
    expect(page.locator(".second-factor__qr svg")).to_be_visible()
    # The long word carries soft hyphens, to break there on a phone and nowhere else.
    assert page.locator("h1").text_content().replace("\u00ad", "") == (
        "Tweestapsverificatie instellen"
    )
    expect(page.locator(".second-factor__qr svg")).to_be_visible()
    assert browser.axe_violations() == []
    key = page.locator(".second-factor__key code").inner_text()
    page.fill("input[name=code]", app_code(key))
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_have_text("Je herstelcodes")
    codes = page.locator(".second-factor__codes code").all_inner_texts()
    assert len(codes) == 10
    assert browser.axe_violations() == []
    page.click("text=Ik heb ze bewaard, verder")
    expect(page).to_have_url(f"{live_server.url}/admin/")

    # Another browser: the password, then a recovery code instead of the app's code.
    other = open_browser(live_server.url, width=1280)
    other.log_in("redacteur", PASSWORD)
    expect(other.page.locator("h1")).to_have_text("Code uit je app")
    assert other.axe_violations() == []
    other.page.fill("input[name=code]", codes[3])
    other.page.click("button[type=submit]")
    expect(other.page).to_have_url(f"{live_server.url}/admin/")
