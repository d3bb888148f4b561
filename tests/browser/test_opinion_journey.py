"""Voting on statements and reading the opinion map, in a real browser: with htmx (the next
statement replaces the card) and without JavaScript (forms post, the page comes back)."""

import re

import pytest

from cocreate.opinions import services
from cocreate.opinions.models import Moderation, Statement, StatementVote
from tests.factories import PersonFactory
from tests.opinions.factories import opinion_space, seed, voters_in_two_camps

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [f"Statement number {n} about the town centre." for n in range(6)]


@pytest.fixture
def conversation(settings):
    settings.OPINION_MAP_VOTES_PER_UPDATE = 1  # every vote updates the map, so the voter appears on it
    space, staff = opinion_space()
    statements = seed(space, staff, *TEXTS)
    voters_in_two_camps(space, statements, per_camp=6)
    services.opinion_map_update(space=space)
    return space, statements


def test_vote_on_every_statement_then_find_yourself_on_the_map(page, axe_check, sign_in, conversation):
    space, statements = conversation
    person = PersonFactory()
    sign_in(page, person)
    page.goto(space.get_absolute_url())
    axe_check(page, "the space page with its opinion map section")
    page.locator("main").get_by_role("link", name="Vote on statements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote on statements")
    axe_check(page, "the voting page")

    card = page.locator("#vote-card")
    for n, statement in enumerate(statements):
        expect(card).to_contain_text(f"You have voted on {n} of {len(statements)} statements")
        expect(card.locator("blockquote")).to_have_text(statement.text)
        card.get_by_role("button", name="Agree" if n < 3 else "Disagree", exact=True).click()
        expect(card).to_contain_text("Your vote is recorded.")
        if n == 0:
            axe_check(page, "the voting page after a vote (card swapped by htmx)")
    expect(card).to_contain_text("You have voted on every statement")
    assert StatementVote.objects.filter(person=person).count() == len(statements)
    assert page.url.endswith(f"/spaces/{space.slug}/opinions/vote/")  # no page load: htmx swapped the card

    card.get_by_role("link", name="See where you stand on the opinion map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opinion map")
    expect(page.locator("svg title")).to_have_text("Opinion groups on the map")
    expect(page.locator("svg desc")).to_contain_text(re.compile(r"You are in group [AB]\."))
    expect(page.get_by_role("heading", name=re.compile(r"Group [AB]: 7 people – your group"))).to_be_visible()
    expect(page.get_by_role("heading", name="What most people agree on")).to_be_visible()
    axe_check(page, "the opinion map")


def test_write_a_statement_and_vote_without_javascript(page_without_javascript, axe_check, sign_in, conversation):
    page = page_without_javascript
    space, statements = conversation
    person = PersonFactory()
    sign_in(page, person)
    page.goto(f"/en/spaces/{space.slug}/opinions/vote/")
    axe_check(page, "the voting page without JavaScript")
    page.get_by_role("button", name="Pass / unsure").click()
    expect(page.get_by_role("status")).to_contain_text("Your vote is recorded.")
    expect(page.locator("#vote-card")).to_contain_text("You have voted on 1 of 6 statements")
    axe_check(page, "the voting page after a vote without JavaScript")

    page.get_by_role("link", name="Write a statement").click()
    axe_check(page, "the statement form")
    page.get_by_role("button", name="Add my statement").click()
    expect(page.locator(".error-summary")).to_contain_text("Write your statement")
    axe_check(page, "the statement form with an error")
    page.get_by_label("Your statement").fill("The market square needs more shade.")
    page.get_by_role("button", name="Add my statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote on statements")
    axe_check(page, "the voting page after writing a statement")
    assert Statement.objects.get(text="The market square needs more shade.").moderation == Moderation.AWAITING


def test_moderator_accepts_a_statement_and_turns_an_idea_into_one(page, axe_check, sign_in):
    from tests.factories import IdeaFactory, PhaseFactory

    space, staff = opinion_space()
    PhaseFactory(space=space, activities=["submit_idea"])
    idea = IdeaFactory(space=space, title="Shade trees on the market square")
    services.statement_write(person=PersonFactory(), space=space, text="The library should open on Sundays.")
    sign_in(page, staff)
    page.goto(space.get_absolute_url())
    axe_check(page, "the space page for an organiser")
    page.locator("main").get_by_role("link", name=re.compile("Moderate statements")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderate statements")
    axe_check(page, "the moderation page")
    page.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_role("status")).to_contain_text("The statement is now: Accepted.")
    axe_check(page, "the moderation page after accepting")
    assert Statement.objects.get(text="The library should open on Sundays.").moderation == Moderation.ACCEPTED

    page.get_by_role("link", name=re.compile("Turn into a statement")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Turn an idea into a statement")
    axe_check(page, "the page turning an idea into a statement")
    page.get_by_label("The statement").fill("The market square needs shade trees.")
    page.get_by_role("button", name="Add the statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderate statements")
    axe_check(page, "the moderation page after adding a statement")
    assert Statement.objects.get(text="The market square needs shade trees.").source_idea == idea
