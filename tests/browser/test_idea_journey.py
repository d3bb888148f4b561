"""The journeys of someone taking part in a space, in a real browser with JavaScript (htmx)."""

import re

import pytest

from cocreate.ideas import services
from cocreate.ideas.models import Comment, Idea, Support
from tests import factories

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


def test_share_an_idea_and_see_the_similar_idea_while_typing_and_before_publishing(
    page, axe_check, sign_in, person, space, bus_idea
):
    sign_in(page, person)
    page.goto(space.get_absolute_url())
    axe_check(page, "the space page")
    page.locator("main").get_by_role("link", name="Share an idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share an idea")
    axe_check(page, "the idea form")

    page.get_by_label("Title").press_sequentially("Bus times at the village stop")
    similar = page.locator("#similar-ideas")
    expect(similar.get_by_role("link", name=re.compile("Live bus times at rural stops"))).to_be_visible()
    axe_check(page, "the idea form showing similar ideas")

    page.get_by_label("Describe your idea").fill("A screen at the stop that shows when the next bus really comes.")
    page.get_by_role("button", name="Preview and check for similar ideas").click()
    preview = page.get_by_role("region", name="Check your idea before you publish it")
    expect(preview).to_contain_text("Bus times at the village stop")
    similar_section = page.get_by_role("region", name="Similar ideas already shared")
    expect(similar_section.get_by_role("link", name="Live bus times at rural stops")).to_be_visible()
    axe_check(page, "the idea preview")

    page.get_by_role("button", name="Publish your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bus times at the village stop")
    expect(page.get_by_role("status")).to_contain_text("Your idea is published")
    axe_check(page, "the new idea's page")
    idea = Idea.objects.get(space=space, title="Bus times at the village stop")
    assert page.url.endswith(idea.get_absolute_url())
    assert list(idea.author_people()) == [person]


def test_support_an_idea_then_withdraw_the_support_in_place(page, axe_check, sign_in, person, bus_idea):
    sign_in(page, person)
    page.goto(bus_idea.get_absolute_url())
    axe_check(page, "the idea page")
    support_box = page.locator("#support-box")
    expect(support_box.locator(".support-count")).to_have_text("0")

    support_box.get_by_role("button", name="Support this idea").click()
    # The box is swapped in place by htmx: its announcement only exists in the fragment.
    expect(support_box.get_by_role("status")).to_have_text("Thank you for your support.")
    expect(support_box.locator(".support-count")).to_have_text("1")
    expect(support_box).to_contain_text("You support this idea.")
    axe_check(page, "the idea page after supporting")
    assert Support.objects.filter(idea=bus_idea, person=person).exists()

    support_box.get_by_role("button", name="Withdraw your support").click()
    expect(support_box.get_by_role("status")).to_have_text("Your support is withdrawn.")
    expect(support_box.locator(".support-count")).to_have_text("0")
    expect(support_box.get_by_role("button", name="Support this idea")).to_be_visible()
    axe_check(page, "the idea page after withdrawing the support")
    assert not Support.objects.filter(idea=bus_idea, person=person).exists()
    assert Idea.objects.get(pk=bus_idea.pk).supports_count == 0


def test_comment_on_an_idea_and_reply_to_a_comment(page, axe_check, sign_in, person, bus_idea):
    question = services.comment_create(
        person=factories.PersonFactory(display_name="Ben Okafor"), idea=bus_idea, body="Which stops do you mean?"
    )
    sign_in(page, person)
    page.goto(bus_idea.get_absolute_url())
    axe_check(page, "the idea page")

    page.get_by_label("Your comment").fill("The stops on the 42 route have no timetable at all.")
    page.get_by_role("button", name="Publish your comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is published.")
    expect(page.get_by_role("heading", name="2 comments")).to_be_visible()
    mine = Comment.objects.get(idea=bus_idea, author=person)
    expect(page.locator(f"#comment-{mine.pk}")).to_contain_text("no timetable at all")
    axe_check(page, "the idea page with the new comment")

    thread = page.locator(f"#comment-{question.pk}")
    thread.get_by_role("link", name="Reply to Ben Okafor").click()  # with htmx, the form opens under it
    reply = page.locator(f"#reply-to-{question.pk}")
    expect(reply.get_by_label("Your reply")).to_be_visible()
    assert page.url.endswith(f"{bus_idea.get_absolute_url()}") or "#" in page.url
    axe_check(page, "the idea page with a reply form open")
    reply.get_by_label("Your reply").fill("Those between Ashford and Tenterden.")
    reply.get_by_role("button", name="Publish your reply").click()

    expect(page.get_by_role("status")).to_contain_text("Your comment is published.")
    answer = Comment.objects.get(idea=bus_idea, parent=question)
    assert answer.author == person
    expect(page.locator(f"#comment-{question.pk} .comments #comment-{answer.pk}")).to_contain_text(
        "Those between Ashford and Tenterden."
    )
    expect(page.get_by_role("heading", name="3 comments")).to_be_visible()
    axe_check(page, "the idea page with the reply")
