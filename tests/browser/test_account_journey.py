"""Creating an account in a real browser: sign up, confirm the e-mail address, be signed in."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from cocreate.accounts.models import Person

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


def test_sign_up_confirm_the_email_address_and_be_signed_in(page, axe_check):
    page.goto("/en/")
    axe_check(page, "the home page")
    page.get_by_role("link", name="Create an account").click()
    axe_check(page, "the sign-up page")

    page.get_by_label("Email", exact=True).fill("ana@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-new-password")
    page.get_by_label("Password (again)").fill("a-long-new-password")
    page.get_by_label("Name shown to others").fill("Ana  Lima")
    page.locator("main").get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("verify", re.I))
    axe_check(page, "the 'verify your e-mail address' page")
    expect(page.get_by_role("link", name="Sign out")).to_have_count(0)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link, message.body
    page.goto(urlsplit(link.group(0)).path)
    axe_check(page, "the confirm e-mail page")
    page.locator("main").get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    axe_check(page, "the page after confirming")
    page.get_by_role("link", name="Your account").click()
    expect(page.locator("main")).to_contain_text("Ana Lima")
    axe_check(page, "the account page")

    person = Person.objects.get(email="ana@example.org")
    assert person.display_name == "Ana Lima"
    assert EmailAddress.objects.get(user=person, email="ana@example.org").verified
