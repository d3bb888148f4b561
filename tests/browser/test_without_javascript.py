"""The site works without JavaScript: every action is a form that posts and redirects."""

import pytest

from cocreate.ideas.models import Idea, Support

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


def test_support_an_idea_then_withdraw_it_without_javascript(
    page_without_javascript, axe_check, sign_in, person, bus_idea
):
    page = page_without_javascript
    sign_in(page, person)
    page.goto(bus_idea.get_absolute_url())
    axe_check(page, "the idea page")
    support_box = page.locator("#support-box")
    expect(support_box.locator(".support-count")).to_have_text("0")

    with page.expect_navigation():
        support_box.get_by_role("button", name="Support this idea").click()
    # A full page came back: the message is the page's notice, not the fragment's announcement.
    expect(page.locator("main > .notice")).to_have_text("Thank you for your support.")
    expect(support_box.locator(".support-count")).to_have_text("1")
    expect(support_box).to_contain_text("You support this idea.")
    axe_check(page, "the idea page after supporting")
    assert Support.objects.filter(idea=bus_idea, person=person).exists()

    with page.expect_navigation():
        support_box.get_by_role("button", name="Withdraw your support").click()
    expect(page.locator("main > .notice")).to_have_text("Your support is withdrawn.")
    expect(support_box.locator(".support-count")).to_have_text("0")
    expect(support_box.get_by_role("button", name="Support this idea")).to_be_visible()
    axe_check(page, "the idea page after withdrawing the support")
    assert Idea.objects.get(pk=bus_idea.pk).supports_count == 0
