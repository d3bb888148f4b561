"""Someone reports a comment; a moderator hides it with a reason; its author is told why."""

import re

import pytest

from cocreate.ideas import services
from cocreate.ideas.models import Comment
from tests import factories

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser

REASON = "Advertising is not allowed here (rule 2 of the space)."


def test_reported_comment_is_hidden_by_a_moderator_and_its_author_is_told(
    page, axe_check, sign_in, sign_out, person, moderator, space, bus_idea
):
    commenter = factories.PersonFactory(display_name="Watch Seller")
    comment = services.comment_create(person=commenter, idea=bus_idea, body="Buy cheap watches at example.com!")

    # Someone reports it.
    sign_in(page, person)
    page.goto(bus_idea.get_absolute_url())
    axe_check(page, "the idea page")
    page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report this comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report to the moderators")
    axe_check(page, "the report page")
    page.get_by_role("group", name="What is wrong with it?").get_by_label("Spam or advertising").check()
    page.get_by_label("Anything the moderators should know (optional)").fill("Same message on three ideas.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you. The moderators will look at it.")
    axe_check(page, "the idea page after reporting")
    sign_out(page)

    # A moderator of the organisation running the space hides it.
    sign_in(page, moderator)
    page.goto(f"/en/spaces/{space.slug}/moderation/")
    axe_check(page, "the moderation queue")
    item = page.locator("main li.card").filter(has=page.get_by_role("heading", name=f"Comment on “{bus_idea.title}”"))
    expect(item).to_contain_text("1 report")
    expect(item).to_contain_text("Spam or advertising")
    expect(item).to_contain_text("Same message on three ideas.")
    item.get_by_role("link", name="Hide it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hide a contribution")
    axe_check(page, "the hide page")
    page.get_by_label("Why are you hiding it?").fill(REASON)
    page.locator("main").get_by_role("button", name="Hide it").click()
    expect(page.get_by_role("status")).to_contain_text("It is hidden, and its author is told why.")
    expect(page.locator("main")).to_contain_text("Nothing is waiting for a moderator.")
    axe_check(page, "the moderation queue after hiding")

    page.goto(bus_idea.get_absolute_url())
    shown = page.locator(f"#comment-{comment.pk}")
    expect(shown).to_contain_text(f"A moderator hid this comment. Reason: {REASON}")
    expect(shown.get_by_text("Buy cheap watches at example.com!")).to_be_hidden()  # behind "See what it said"
    axe_check(page, "the idea page with the hidden comment, as a moderator")
    sign_out(page)
    hidden = Comment.objects.get(pk=comment.pk)
    assert hidden.is_hidden and hidden.hidden_reason == REASON and hidden.hidden_by == moderator

    # Its author sees the reason in their notifications.
    sign_in(page, commenter)
    # The count is an inline block, so the name reads "Notifications ( 1 unread)".
    page.get_by_role("banner").get_by_role("link", name=re.compile(r"^Notifications \(\s*1 unread\)$")).click()
    expect(page.locator("main")).to_contain_text(
        f"A moderator hid your comment on “{bus_idea.title}”. Reason: {REASON}"
    )
    axe_check(page, "the author's notifications")
    page.goto(bus_idea.get_absolute_url())
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(f"A moderator hid this comment. Reason: {REASON}")
    axe_check(page, "the idea page with the hidden comment, as its author")
