"""A competition from idea to prototype test and support, in a real browser: an organisation's
staff start it from the "ideas to prototypes" template and adapt it; a citizen shares an idea
and another supports it; staff run a workshop with a waiting list, check people in and record
what came out of it; a team forms, builds a prototype from the idea, has it tested by the idea's
author and is moved on at a gate; it enters, is judged and the results are published; after the
competition it asks for support, a partner offers it and staff match them. Every page visited
goes through axe-core.

One test per stage, each in its own phase: what the stages before it left behind (the challenge,
an idea, a team) is set up through the services, and time moves on with `open_phase`, which opens
one phase of the template and closes the others. Participants use `page`, staff `office`."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.accounts.models import Skill
from cocreate.challenges.models import (
    Challenge,
    CompositionRule,
    Event,
    Feedback,
    Prototype,
    Registration,
    RegistrationStatus,
    SupportMatch,
    Team,
)
from cocreate.challenges.services import setup as setup_services
from cocreate.challenges.services import teams as team_services
from cocreate.ideas.models import Idea
from cocreate.spaces.models import Space
from tests import factories
from tests.browser.challenge_steps import open_phase, staff_of, told

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser

COMPETITION = "From ideas to prototypes (competition)"
IDEAS, WORKSHOP, CAMP, TESTING, SUPPORT = (
    "Share your ideas",
    "Workshop: develop the ideas",
    "Innovation camp: build prototypes",
    "Test the prototypes with the public",
    "Support after the competition",
)
IDEA = "Book bulky waste collection by text message"


@pytest.fixture
def competition(council):
    """A competition started from its template (as on the start page, tested below), and its staff."""
    staff = staff_of(council, display_name="Sam Organiser")
    challenge = setup_services.challenge_start(
        person=staff,
        organisation=council,
        template="competition",
        title="Cleaner streets in Thanet",
        summary="Ideas, prototypes and support for cleaner streets.",
        starts_at=timezone.now() - timedelta(hours=1),
    )
    return Space.objects.get(pk=challenge.space_id), staff


def test_staff_start_a_competition_from_its_template_and_adapt_it(page, axe_check, sign_in, council):
    staff = staff_of(council)
    sign_in(page, staff)
    page.goto("/en/spaces/")
    axe_check(page, "the list of spaces")
    page.get_by_role("link", name="Start a challenge from a template").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a challenge")
    page.get_by_text("What each kind of challenge sets up").click()
    expect(page.locator("main")).to_contain_text(TESTING)
    axe_check(page, "the start page, with the templates open")
    page.get_by_label(COMPETITION).check()
    page.get_by_label("Run by").select_option(label=council.name)
    page.get_by_label("Title", exact=True).fill("Cleaner streets in Thanet")
    page.get_by_label("Summary").fill("Ideas, prototypes and support for cleaner streets.")
    page.get_by_role("button", name="Start the challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How the challenge is run")
    told(page, "The challenge is ready.")
    phases = page.get_by_role("list").filter(has=page.get_by_role("link", name=re.compile("Change the phase")))
    for title in (IDEAS, WORKSHOP, CAMP, TESTING, SUPPORT):
        expect(phases.get_by_role("link", name=f"Change the phase “{title}”")).to_be_visible()
    axe_check(page, "the challenge's settings")
    challenge = Challenge.objects.get(space__title="Cleaner streets in Thanet")
    assert challenge.template == "competition" and challenge.space.phases.count() == 5

    page.get_by_role("link", name=f"Change the phase “{TESTING}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the phase")
    expect(page.get_by_label("Title", exact=True)).to_have_value(TESTING)
    axe_check(page, "a phase of the challenge")
    page.go_back()
    axe_check(page, "the challenge's settings, back from the phase")

    page.get_by_label("Smallest team").fill("2")
    page.get_by_label("Largest team").fill("5")
    page.get_by_role("button", name="Save the settings").click()
    told(page, "The challenge's settings are saved.")
    expect(page.get_by_label("Largest team")).to_have_value("5")
    axe_check(page, "the settings after saving")
    challenge.refresh_from_db()
    assert (challenge.team_min_size, challenge.team_max_size) == (2, 5)

    page.get_by_role("link", name="Add a rule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a rule for teams")
    axe_check(page, "the form for a team rule")
    page.get_by_label("Who the team needs").fill("a designer")
    page.get_by_label("has the skill").check()
    page.get_by_label("Skill, field of expertise or kind of organisation").fill("Design")
    page.get_by_role("button", name="Add the rule").click()
    told(page, "The rule is added")
    expect(page.locator("main")).to_contain_text("At least 1 × a designer")
    axe_check(page, "the settings with the rule")
    assert challenge.composition_rules.get().value == "Design"

    page.locator("main").get_by_role("link", name="Cleaner streets in Thanet").first.click()
    expect(page.get_by_role("heading", name="The challenge", exact=True)).to_be_visible()
    axe_check(page, "the challenge's space page")


def test_an_idea_is_shared_and_supported_then_developed_at_a_workshop_with_a_waiting_list(
    page, office, axe_check, sign_in, sign_out, competition
):
    space, staff = competition
    ana = factories.PersonFactory(display_name="Ana Citizen")
    ben = factories.PersonFactory(display_name="Ben Neighbour")
    cleo = factories.PersonFactory(display_name="Cleo Latecomer")
    factories.IdeaFactory(space=space, title="Bulky waste collection booked online")
    open_phase(space, IDEAS)

    # A citizen shares an idea; the similar idea already shared is pointed out.
    sign_in(page, ana)
    page.goto(space.get_absolute_url())
    axe_check(page, "the competition's space page")
    page.locator("main").get_by_role("link", name="Share an idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share an idea")
    page.get_by_label("Title").press_sequentially(IDEA)
    expect(page.locator("#similar-ideas").get_by_role("link", name=re.compile("Bulky waste"))).to_be_visible()
    axe_check(page, "the idea form, with a similar idea")
    page.get_by_label("Describe your idea").fill("Text a number with what you throw away and get a collection day.")
    page.get_by_role("button", name="Preview and check for similar ideas").click()
    axe_check(page, "the idea preview")
    page.get_by_role("button", name="Publish your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    axe_check(page, "the new idea")
    idea = Idea.objects.get(space=space, title=IDEA)
    sign_out(page)

    # Another supports it.
    sign_in(page, ben)
    page.goto(idea.get_absolute_url())
    axe_check(page, "the idea, as a neighbour")
    page.locator("#support-box").get_by_role("button", name="Support this idea").click()
    expect(page.locator("#support-box").get_by_role("status")).to_have_text("Thank you for your support.")
    axe_check(page, "the idea after supporting it")
    assert Idea.objects.get(pk=idea.pk).supports_count == 1

    # The workshop phase: staff add the workshop, with two places.
    open_phase(space, WORKSHOP)
    sign_in(office, staff)
    office.goto(space.get_absolute_url())
    axe_check(office, "the space page, as staff")
    office.locator("main").get_by_role("link", name="Events", exact=True).click()
    axe_check(office, "the events")
    office.get_by_role("link", name="Create an event").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Create an event")
    axe_check(office, "the event form")
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    office.get_by_label("Workshop").check()
    office.get_by_label("Title", exact=True).fill("Workshop at Margate library")
    office.get_by_label("Time zone").fill("Europe/London")
    office.locator("#id_starts_at_0").fill(day)
    office.locator("#id_starts_at_1").fill("10:00")
    office.locator("#id_ends_at_0").fill(day)
    office.locator("#id_ends_at_1").fill("16:00")
    office.get_by_label("Place (optional for an online event)").fill("Margate library")
    office.get_by_label("Places (optional)").fill("2")
    office.get_by_role("button", name="Save the event").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Workshop at Margate library")
    told(office, "The event is saved.")
    expect(office.locator("main")).to_contain_text("2 places left of 2")
    axe_check(office, "the new event, as staff")
    event = Event.objects.get(space=space)

    # People register; the third gets the waiting list; a cancellation gives her the place.
    for person, button, message in (
        (ben, "Register", "You have a place."),
        (ana, "Register", "You have a place."),
        (cleo, "Join the waiting list", "you are on the waiting list"),
    ):
        if person is not ben:
            sign_out(page)
            sign_in(page, person)
        page.goto(event.get_absolute_url())
        axe_check(page, f"the event, as {person.display_name}")
        page.locator("main").get_by_role("link", name=button).click()
        axe_check(page, f"the registration form, as {person.display_name}")
        page.get_by_label("Access needs (optional)").fill("Step-free access, please.")
        page.locator("main").get_by_role("button", name=button).click()
        told(page, message)
        axe_check(page, f"the event after registering, as {person.display_name}")
    expect(page.locator("main")).to_contain_text("You are on the waiting list: number 1.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to your calendar (.ics file)").click()
    assert b"BEGIN:VEVENT" in Path(download.value.path()).read_bytes()
    assert b"Workshop at Margate library" in Path(download.value.path()).read_bytes()

    sign_out(page)
    sign_in(page, ben)
    page.goto(event.get_absolute_url())
    axe_check(page, "the event, to cancel a place")
    page.get_by_role("button", name="Cancel your place").click()
    told(page, "Your registration is cancelled.")
    axe_check(page, "the event after cancelling")
    assert Registration.objects.get(event=event, person=cleo).status == RegistrationStatus.CONFIRMED
    sign_out(page)
    sign_in(page, cleo)  # she is told
    page.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    axe_check(page, "the notifications of the person who got the place")
    page.locator("main").get_by_role("link", name=re.compile("Workshop at Margate library")).first.click()
    expect(page.locator("main")).to_contain_text("You have a place at this event.")
    axe_check(page, "the event, with the place that freed up")

    # At the door, staff check people in; afterwards they record an idea and notes from the event.
    office.reload()
    axe_check(office, "the event, as staff, on the day")
    office.get_by_role("link", name="Check people in").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Check-in")
    axe_check(office, "the check-in page")
    for person in (ana, cleo):
        office.get_by_role("button", name=f"Check in {person.display_name}").click()
        told(office, f"{person.display_name} is checked in.")
        axe_check(office, f"the check-in page after {person.display_name}")
    office.goto(event.get_absolute_url())
    axe_check(office, "the event after the check-in")
    office.get_by_role("link", name="What came out of this event").click()
    axe_check(office, "what came out of the event")
    office.get_by_role("link", name="Add an idea from the event").click()
    axe_check(office, "the form for an idea from the event")
    office.get_by_label("Title of the idea").fill("Collection days shown on the bins")
    office.get_by_label("The idea", exact=True).fill("A sticker on each bin with its next collection day.")
    office.get_by_label("Ana Citizen").check()
    office.get_by_label("Cleo Latecomer").check()
    office.get_by_role("button", name="Publish the idea").click()
    told(office, "The idea is published, credited to the people who had it.")
    expect(office.locator("main").get_by_role("link", name="Collection days shown on the bins")).to_be_visible()
    axe_check(office, "what came out of the event, with the idea")
    office.get_by_role("link", name="Add notes").click()
    axe_check(office, "the notes form")
    office.get_by_label("Title", exact=True).fill("Table 1: booking collections")
    office.get_by_label("Notes", exact=True).fill("People want to book by text, not by an app.")
    office.get_by_label("Ana Citizen").check()
    office.get_by_role("button", name="Save the notes").click()
    told(office, "The notes are saved.")
    expect(office.locator("main")).to_contain_text("Table 1: booking collections")
    axe_check(office, "what came out of the event, with the notes")
    captured = Idea.objects.get(space=space, title="Collection days shown on the bins")
    assert set(captured.author_people()) == {ana, cleo}


def local_input(moment) -> str:
    """A moment as a datetime-local input takes it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_team_forms_builds_a_prototype_from_the_idea_and_has_it_tested_by_the_ideas_author(
    page, office, axe_check, sign_in, sign_out, competition
):
    space, staff = competition
    ana = factories.PersonFactory(display_name="Ana Citizen")
    dev = factories.PersonFactory(display_name="Dev Lead")
    eve = factories.PersonFactory(display_name="Eve Designer")
    finn = factories.PersonFactory(display_name="Finn Coder")
    open_phase(space, IDEAS)
    idea = factories.IdeaFactory(space=space, author=ana, title=IDEA)
    open_phase(space, CAMP)
    # As staff set it up on the settings page (see the first test): teams of three, with a designer.
    Challenge.objects.filter(space=space).update(team_min_size=3)
    CompositionRule.objects.create(challenge=space.challenge, label="a designer", match="skill", value="Design")
    eve.skills.add(Skill.objects.get_or_create(name="Design")[0])

    # A team forms: its lead creates it, invites one person by e-mail; another asks to join.
    sign_in(page, dev)
    page.goto(space.get_absolute_url())
    axe_check(page, "the space page, at the innovation camp")
    page.locator("main").get_by_role("link", name="Teams", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teams")
    axe_check(page, "the teams")
    page.get_by_role("link", name="Form a team").click()
    axe_check(page, "the team form")
    page.get_by_label("Team name").fill("Bin Busters")
    page.get_by_label("What the team wants to do").fill("Turn the text-message idea into a working service.")
    page.get_by_role("button", name="Form the team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bin Busters")
    composition = page.locator("#composition")
    expect(composition).to_contain_text("This team still needs: a designer.")
    expect(composition).to_contain_text("This team needs at least 3 members to enter (it has 1")
    axe_check(page, "the new team")
    team = Team.objects.get(space=space, name="Bin Busters")
    team_url = reverse("challenges:teams_team", args=[space.slug, team.pk])
    page.get_by_role("link", name="Invite someone by e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone to the team")
    axe_check(page, "the invitation form")
    page.get_by_label("E-mail address of their account").fill(eve.email)
    page.get_by_role("button", name="Send the invitation").click()
    told(page, "The invitation is sent.")
    expect(page.locator("main")).to_contain_text("Eve Designer is invited as")
    axe_check(page, "the team with a pending invitation")
    sign_out(page)

    sign_in(page, eve)
    page.goto(team_url)
    axe_check(page, "the team, as the invited person")
    page.get_by_role("button", name="Accept and join").click()
    told(page, "Welcome to the team.")
    axe_check(page, "the team, after accepting")
    sign_out(page)

    sign_in(page, finn)
    page.goto(team_url)
    axe_check(page, "the team, as someone who wants to join")
    page.get_by_role("link", name="Ask to join this team").click()
    axe_check(page, "the request to join")
    page.get_by_label("Tell the team about yourself (optional)").fill("I write Python and know the council's API.")
    page.get_by_role("button", name="Send my request").click()
    told(page, "Your request is sent.")
    axe_check(page, "the team after asking to join")
    sign_out(page)

    sign_in(page, dev)
    page.goto(team_url)
    expect(page.locator("main")).to_contain_text("Finn Coder asks to join.")
    axe_check(page, "the team with a request to answer")
    page.get_by_role("button", name="Accept Finn Coder").click()
    told(page, "Finn Coder is now in the team.")
    members = page.locator("main li").filter(has=page.locator("strong"))
    for name in ("Dev Lead", "Eve Designer", "Finn Coder"):
        expect(members.filter(has_text=name)).to_have_count(1)
    expect(page.locator("#composition")).to_have_count(0)  # it has what it needs now
    axe_check(page, "the team's composition")

    # The team submits a prototype built from the idea.
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Prototypes", exact=True).click()
    axe_check(page, "the prototypes")
    page.get_by_role("link", name="Submit a prototype").click()
    axe_check(page, "the prototype form")
    page.get_by_label("Name of the prototype").fill("Text-a-Bin")
    page.get_by_label("What it is and who it is for").fill("Book a bulky waste collection by sending a text.")
    page.get_by_label(IDEA).check()
    page.get_by_label("Team").select_option(label="Bin Busters")
    page.get_by_label("At an event (a workshop, a camp, a hack day)").check()
    page.get_by_label("Name of the event (if made at one)").fill("Innovation camp, Margate")
    page.get_by_label("Link to try it (optional)").fill("https://example.org/text-a-bin")
    page.get_by_role("button", name="Submit the prototype").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Text-a-Bin")
    expect(page.get_by_role("link", name=IDEA)).to_be_visible()
    axe_check(page, "the new prototype")
    prototype = Prototype.objects.get(space=space, title="Text-a-Bin")
    assert prototype.team == team
    assert list(prototype.sources.values_list("idea", flat=True)) == [idea.pk]

    # Testing: staff run a session; the idea's author is invited first and gives feedback.
    open_phase(space, TESTING)
    sign_in(office, staff)
    office.goto(prototype.get_absolute_url())
    axe_check(office, "the prototype, as staff")
    office.get_by_role("link", name="Run a test session").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Run a test session")
    axe_check(office, "the test session form")
    office.get_by_label("Name of the session").fill("Testing at Ramsgate library")
    office.get_by_label("Tasks to try").fill("Book a collection of a sofa\nChange the collection day")
    office.get_by_label("Opens").fill(local_input(timezone.now() - timedelta(hours=1)))
    office.get_by_label("Closes").fill(local_input(timezone.now() + timedelta(days=7)))
    office.get_by_role("button", name="Create the test session").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Testing at Ramsgate library")
    axe_check(office, "the test session, as staff")

    sign_out(page)
    sign_in(page, ana)  # invited first, as the idea's author: she is told
    page.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    axe_check(page, "the notifications of the idea's author")
    page.locator("main").get_by_role("link", name=re.compile("Text-a-Bin")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testing at Ramsgate library")
    axe_check(page, "the test session, as a tester")
    page.get_by_label("Book a collection of a sofa").check()
    page.get_by_label("4 – easy").check()
    page.get_by_role("group", name="Would you use it?").get_by_label("Yes").check()
    page.get_by_label("Comments (optional)").fill("Easy, but I could not find how to change the day.")
    page.get_by_role("button", name="Send your feedback").click()
    told(page, "Thank you: your feedback is sent to the team.")
    axe_check(page, "the test session after giving feedback")
    feedback = Feedback.objects.get(session__prototype=prototype)
    assert (feedback.person, feedback.tasks_done, feedback.ease, feedback.would_use) == (ana, [True, False], 4, "yes")

    # The summary per version shows on the prototype page; staff record the gate decision.
    office.goto(prototype.get_absolute_url())
    summary = office.get_by_role("table", name=re.compile("Version 1: tasks managed by its 1 tester"))
    expect(summary.get_by_role("row", name=re.compile("Book a collection of a sofa"))).to_contain_text("1 / 1")
    axe_check(office, "the prototype with its feedback summary")
    office.get_by_role("link", name="Move it to another stage").click()
    axe_check(office, "the gate decision form")
    office.get_by_label("Tested with the public").check()
    office.get_by_label("Evidence", exact=True).fill("One tester managed to book; would use it.")
    office.get_by_role("button", name="Record the decision").click()
    told(office, "The decision is recorded")
    expect(office.locator("main")).to_contain_text("One tester managed to book; would use it.")
    axe_check(office, "the prototype after the gate decision")
    assert Prototype.objects.get(pk=prototype.pk).stage == "tested"


def test_a_team_enters_the_judges_score_it_and_the_results_are_published_with_reasons(
    page, office, axe_check, sign_in, sign_out, competition
):
    space, staff = competition
    dev = factories.PersonFactory(display_name="Dev Lead")
    judge = factories.PersonFactory(display_name="Jo Judge")
    open_phase(space, CAMP)
    team_services.team_create(person=dev, space=space, name="Bin Busters", pitch="Bulky waste by text.")
    open_phase(space, TESTING)

    # The team enters.
    sign_in(page, dev)
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Entries and judging").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entries and judging")
    axe_check(page, "the entries")
    page.get_by_role("link", name="Submit an entry").click()
    axe_check(page, "the entry form")
    page.get_by_label("Title", exact=True).fill("Text-a-Bin")
    page.get_by_label("What it does and for whom (optional)").fill("Residents book bulky waste by text.")
    page.get_by_label("Team").select_option(label="Bin Busters")
    page.get_by_label("Demo (optional)").fill("https://example.org/text-a-bin")
    page.get_by_role("button", name="Submit the entry").click()
    told(page, "Your entry is submitted.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Text-a-Bin")
    axe_check(page, "the entry")

    # Staff set up a rubric with a criterion and its levels, and assign a judge.
    sign_in(office, staff)
    office.goto(space.get_absolute_url())
    office.locator("main").get_by_role("link", name="Entries and judging").click()
    axe_check(office, "the entries, as staff")
    office.get_by_role("link", name="Add a rubric").click()
    axe_check(office, "the rubric form")
    office.get_by_label("Name", exact=True).fill("Final judging")
    office.get_by_label("Judges score each entry against the rubric").check()
    office.get_by_label("Lowest score").fill("1")
    office.get_by_label("Highest score").fill("3")
    office.get_by_label("Entries on the shortlist").fill("1")
    office.get_by_role("button", name="Save the rubric").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Final judging")
    axe_check(office, "the new rubric")
    office.get_by_role("link", name="Add a criterion").click()
    axe_check(office, "the criterion form")
    office.get_by_label("Criterion", exact=True).fill("Involves the people who use it")
    for score, meaning in ((1, "Not at all"), (2, "Somewhat"), (3, "Designed with them")):
        office.get_by_label(f"What a score of {score} means").fill(meaning)
    office.get_by_role("button", name="Add the criterion").click()
    expect(office.locator("main")).to_contain_text("Involves the people who use it")
    axe_check(office, "the rubric with its criterion")
    office.get_by_label("The judge's email address").fill(judge.email)
    office.get_by_role("button", name="Add this judge").click()
    expect(office.locator("main")).to_contain_text("Jo Judge")
    axe_check(office, "the rubric with its judge")

    # The judge declares no conflict of interest, then scores the entry.
    sign_out(page)
    sign_in(page, judge)
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Entries and judging").click()
    axe_check(page, "the entries, as a judge")
    page.get_by_role("link", name="Final judging").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Declare your conflicts of interest")
    axe_check(page, "the declaration of conflicts")
    page.get_by_role("button", name="Declare and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your judging: Final judging")
    axe_check(page, "the judge's dashboard")
    page.get_by_role("link", name="Score Text-a-Bin").click()
    axe_check(page, "the score form")
    page.get_by_label("3 – Designed with them").check()
    page.get_by_label("Comment on “Involves the people who use it” (optional)").fill("Tested with residents.")
    page.get_by_role("button", name="Save the scores").click()
    told(page, "Your scores for “Text-a-Bin” are saved.")
    expect(page.get_by_role("row", name=re.compile("Text-a-Bin"))).to_contain_text("Scored")
    axe_check(page, "the judge's dashboard after scoring")

    # Staff preview the results and publish them with a reason; everyone can read them.
    office.reload()
    office.get_by_role("link", name="Preview the results and publish them").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Results before publishing")
    axe_check(office, "the preview of the results")
    office.get_by_label("What the judges said overall (optional)").fill("A strong field, judged on one criterion.")
    office.get_by_label("Public reason for “Text-a-Bin”").fill("Built and tested with the residents who use it.")
    office.get_by_role("button", name="Publish the results").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Results: Final judging")
    axe_check(office, "the published results, as staff")

    sign_out(page)
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Entries and judging").click()
    axe_check(page, "the entries, as a visitor")
    page.locator("main").get_by_role("link", name="Final judging").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Final judging")
    main = page.locator("main")
    expect(main).to_contain_text("A strong field, judged on one criterion.")
    expect(main).to_contain_text("Built and tested with the residents who use it.")
    expect(main.get_by_role("link", name="Text-a-Bin")).to_be_visible()
    axe_check(page, "the published results, as a visitor")


def test_after_the_competition_a_partner_offers_the_support_a_team_needs_and_both_agree_to_the_match(
    page, office, axe_check, sign_in, sign_out, competition
):
    space, staff = competition
    dev = factories.PersonFactory(display_name="Dev Lead")
    trust = factories.OrganisationFactory(name="Kent Housing Trust", kind="housing")
    partner = staff_of(trust, display_name="Pat Partner")
    open_phase(space, CAMP)
    team = team_services.team_create(person=dev, space=space, name="Bin Busters")
    Prototype.objects.create(space=space, team=team, title="Text-a-Bin", summary="Bulky waste by text.")
    open_phase(space, SUPPORT)

    # The team says what it needs: a pilot site.
    sign_in(page, dev)
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Support after the challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support for teams")
    axe_check(page, "the support board")
    page.get_by_role("link", name="Ask for support for your team").click()
    axe_check(page, "the form to ask for support")
    page.get_by_label("A pilot site").check()
    page.get_by_label("What would help").fill("An estate where residents can book collections by text for six weeks.")
    page.get_by_label("For which prototype (optional)").select_option(label="Text-a-Bin")
    page.get_by_role("button", name="Ask for support").click()
    told(page, "Your need is on the support board.")
    axe_check(page, "the support board with the need")
    sign_out(page)

    # A partner, staff of another organisation, offers one.
    sign_in(page, partner)
    page.goto(reverse("challenges:support_board", args=[space.slug]))
    expect(page.locator("main")).to_contain_text("An estate where residents can book collections by text")
    axe_check(page, "the support board, as a partner")
    page.get_by_role("link", name="Offer support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offer support to teams")
    axe_check(page, "the form to offer support")
    page.get_by_label("A pilot site").check()
    page.get_by_label("What you offer").fill("Two of our estates in Margate, from March.")
    page.get_by_label("On behalf of").select_option(label="Kent Housing Trust")
    page.get_by_label("How many teams can you support? (optional)").fill("1")
    page.get_by_role("button", name="Offer support").click()
    told(page, "Thank you: your offer is on the support board.")
    axe_check(page, "the support board with the offer")

    # Staff match them; both sides agree.
    sign_in(office, staff)
    office.goto(reverse("challenges:support_board", args=[space.slug]))
    axe_check(office, "the support board, as staff")
    office.get_by_role("link", name="Match offers with needs").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Match offers with needs")
    axe_check(office, "the matching page")
    office.get_by_role("button", name=re.compile("Propose this match")).first.click()
    told(office, "The match is proposed")
    axe_check(office, "the matching page after proposing")

    page.reload()
    axe_check(page, "the support board, as the partner, with the match")
    page.get_by_role("button", name=re.compile("^Agree")).click()
    told(page, "You agreed. We are waiting for the other side.")
    axe_check(page, "the support board after the partner agrees")
    sign_out(page)
    sign_in(page, dev)
    page.goto(reverse("challenges:support_board", args=[space.slug]))
    axe_check(page, "the support board, as the team, with the match")
    page.get_by_role("button", name=re.compile("^Agree")).click()
    told(page, "Both sides agree: the support is matched.")
    axe_check(page, "the support board with the agreed match")
    match = SupportMatch.objects.get(need__team=team)
    assert match.status == "agreed" and match.offer.organisation == trust
