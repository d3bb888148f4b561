"""A participatory budget from proposal to delivery, in a real browser: a resident proposes a
project; staff review it (and turn another down, with the reason); the resident votes in their
district, reviews and changes the ballot, and changes it again after casting; the vote closes;
staff count it; the results explain themselves; staff post a delivery update, which the
resident, following their proposal, is told about."""

import base64
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.budgets import services
from cocreate.budgets.models import Ballot, DeliveryUpdate, Project, ProjectStatus, VoterRecord
from tests import factories
from tests.budgets.factories import budget_space, make_budget, on_ballot, proposed, resident
from tests.factories import change_phases

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser

LIGHTS = "Lights for the Restinga football pitch"
RAMP = "Ramp at the health centre"
ROOF = "New roof for the community hall"
TRAM = "A tram line to the city centre"
NOT_FEASIBLE = "A tram line costs far more than this budget, and the state decides on trams."
# The smallest PNG there is: one transparent pixel.
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def restinga(db):
    """A budget space open for proposing and voting, where only verified residents vote; its
    Restinga budget (100,000 EUR, choose projects within the budget, most votes first) with two
    projects already on the ballot and one waiting for review; one of its staff."""
    space, staff = budget_space()
    space.residency_required_for = ["vote"]
    space.save()
    budget = make_budget(
        space, staff, title="Restinga", voters_district="Restinga", ballot_kind="knapsack", counting_rule="greedy"
    )
    on_ballot(budget, staff, title=RAMP, cost=30_000, district="Restinga", category="Health")
    on_ballot(budget, staff, title=ROOF, cost=50_000, district="Restinga", category="Culture")
    proposed(budget, title=TRAM, cost=90_000)
    return space, staff, budget


def expect_told(page, message: str) -> None:
    """The page announces `message` (the budget page has another status: its count of projects)."""
    expect(page.get_by_role("status").filter(has_text=message)).to_be_visible()


def neighbour_votes(budget, reference: str, *titles: str) -> None:
    """Another verified resident of Restinga casts a ballot (as if online, elsewhere)."""
    neighbour = factories.PersonFactory()
    resident(budget.space, reference, neighbour, district="Restinga")
    projects = Project.objects.filter(budget=budget, title__in=titles)
    services.ballot_cast(person=neighbour, budget=budget, choices=[(p.pk, 1) for p in projects])


def test_propose_review_vote_count_and_deliver_a_project(
    page, office, axe_check, sign_in, restinga, settings, tmp_path
):
    """The resident uses `page`, staff `office`: two browsers, each signed in once."""
    settings.MEDIA_ROOT = tmp_path  # the photo of the delivery update
    space, staff, budget = restinga
    voter = factories.PersonFactory(display_name="Ana Restinga")
    resident(space, "R-001", voter, district="Restinga")

    # A resident proposes a project.
    sign_in(page, voter)
    page.goto(space.get_absolute_url())
    axe_check(page, "the budget space page")
    page.locator("main").get_by_role("link", name="Restinga", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restinga")
    axe_check(page, "the budget page")
    page.get_by_role("link", name="Propose a project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a project")
    axe_check(page, "the project form")
    page.get_by_label("Title").fill(LIGHTS)
    page.get_by_label("What the project is").fill("Floodlights so that the teams can train after work in winter.")
    page.get_by_label("Estimated cost").fill("40000")
    page.get_by_label("Benefits").fill("Two youth teams and the women's team can train all year.")
    page.get_by_label("District (optional)").fill("Restinga")
    page.get_by_label("Category (optional)").fill("Sport")
    page.get_by_role("button", name="Propose the project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LIGHTS)
    expect_told(page, "Your project is proposed.")
    expect(page.locator("main")).to_contain_text("Waiting for review")
    axe_check(page, "the new project's page")
    lights = Project.objects.get(budget=budget, title=LIGHTS)
    assert lights.proposed_by == voter and lights.status == ProjectStatus.PROPOSED

    # Staff review it as feasible with their own estimate, and turn another project down.
    sign_in(office, staff)
    office.goto(lights.get_absolute_url())
    axe_check(office, "the project page, as staff")
    office.get_by_role("link", name="Review this project").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Review this project")
    axe_check(office, "the review form")
    office.get_by_role("group", name="Decision").get_by_label("Feasible: put it on the ballot").check()
    office.get_by_label("Cost estimated by staff (optional)").fill("45000")
    office.get_by_label("Public note").fill("The poles need deeper foundations than planned.")
    office.get_by_role("button", name="Publish the review").click()
    expect_told(office, "The review is published.")
    review = office.get_by_role("region", name="Staff review")
    expect(review).to_contain_text("Staff found that this project is feasible and put it on the ballot.")
    expect(review).to_contain_text("deeper foundations")
    expect(office.locator("main")).to_contain_text("Estimated by staff; this is the cost on the ballot.")
    expect(office.locator("main")).to_contain_text("The person who proposed it estimated 40,000 EUR.")
    axe_check(office, "the reviewed project")

    office.get_by_role("link", name="Restinga – ").click()
    axe_check(office, "the budget page, as staff")
    office.get_by_role("link", name=TRAM).click()
    expect(office.get_by_role("heading", level=1)).to_have_text(TRAM)
    axe_check(office, "the project waiting for review")
    office.get_by_role("link", name="Review this project").click()
    axe_check(office, "the review form for the tram")
    office.get_by_role("group", name="Decision").get_by_label("Not feasible").check()
    office.get_by_role("button", name="Publish the review").click()  # without the reason: refused
    expect(office.get_by_role("alert")).to_contain_text("Explain in a sentence or two why the project is not feasible")
    axe_check(office, "the review form with an error")
    office.get_by_label("Public note").fill(NOT_FEASIBLE)
    office.get_by_role("button", name="Publish the review").click()
    review = office.get_by_role("region", name="Staff review")
    expect(review).to_contain_text("Staff found that this project is not feasible, so it is not on the ballot.")
    expect(review).to_contain_text(NOT_FEASIBLE)
    axe_check(office, "the project found not feasible")

    # Two neighbours vote.
    neighbour_votes(budget, "R-002", LIGHTS, ROOF)
    neighbour_votes(budget, "R-003", RAMP)

    # The resident chooses, reviews, changes the choices, reviews again and casts the ballot.
    page.goto(budget.get_absolute_url())
    axe_check(page, "the budget page, as a resident")
    expect(page.locator("main")).to_contain_text("Verified residents of Restinga")
    page.locator("main").get_by_role("link", name="Vote", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballot")
    axe_check(page, "the ballot")
    ballot = page.get_by_role("group", name="Projects on the ballot")
    expect(ballot.get_by_role("checkbox")).to_have_count(3)  # not the tram
    ballot.get_by_role("checkbox", name=LIGHTS).check()
    ballot.get_by_role("checkbox", name=RAMP).check()
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your ballot")
    choices = page.get_by_role("table", name="Your choices")
    expect(choices.get_by_role("rowheader")).to_have_text([LIGHTS, RAMP, "Total"])
    expect(choices.locator("tfoot")).to_contain_text("75,000 EUR")
    expect(page.locator("main")).to_contain_text("Out of 100,000 EUR, 25,000 EUR would be left over.")
    axe_check(page, "the ballot to check")
    assert not VoterRecord.objects.filter(person=voter).exists()

    page.get_by_role("button", name="Change my choices").click()
    ballot = page.get_by_role("group", name="Projects on the ballot")
    expect(ballot.get_by_role("checkbox", name=LIGHTS)).to_be_checked()
    expect(ballot.get_by_role("checkbox", name=RAMP)).to_be_checked()
    axe_check(page, "the ballot, back to change it")
    ballot.get_by_role("checkbox", name=RAMP).uncheck()
    ballot.get_by_role("checkbox", name=ROOF).check()
    page.get_by_role("button", name="Review my ballot").click()
    choices = page.get_by_role("table", name="Your choices")
    expect(choices.get_by_role("rowheader")).to_have_text([LIGHTS, ROOF, "Total"])
    expect(choices.locator("tfoot")).to_contain_text("95,000 EUR")
    expect(page.locator("main")).to_contain_text("Out of 100,000 EUR, 5,000 EUR would be left over.")
    axe_check(page, "the changed ballot to check")
    page.get_by_role("button", name="Cast my ballot").click()
    expect_told(page, "Your ballot is cast. You can change it until voting closes.")
    expect(page.locator("main")).to_contain_text("You have voted in this budget.")
    axe_check(page, "the budget page after voting")

    # …and changes it after casting: still one ballot, one record that the resident voted.
    page.get_by_role("link", name="See or change your ballot").click()
    expect(page.locator("main")).to_contain_text("You have voted. You can change your ballot until voting closes")
    ballot = page.get_by_role("group", name="Projects on the ballot")
    expect(ballot.get_by_role("checkbox", name=ROOF)).to_be_checked()
    axe_check(page, "the cast ballot, to change")
    ballot.get_by_role("checkbox", name=ROOF).uncheck()
    ballot.get_by_role("checkbox", name=RAMP).check()
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.locator("main")).to_contain_text("Casting this ballot replaces the one you cast before.")
    axe_check(page, "the new choices to check")
    page.get_by_role("button", name="Cast my ballot").click()
    expect_told(page, "Your ballot is changed.")
    axe_check(page, "the budget page after changing the ballot")
    assert VoterRecord.objects.filter(budget=budget, person=voter).count() == 1
    assert VoterRecord.objects.filter(budget=budget).count() == Ballot.objects.filter(budget=budget).count() == 3
    ramp = Project.objects.get(budget=budget, title=RAMP)
    own = services.own_ballot(person=voter, budget=budget)
    assert own.choices == [[lights.pk, 1], [ramp.pk, 1]]

    # The vote closes; staff count it.
    change_phases(space, ends_at=timezone.now() - timedelta(hours=1))
    office.goto(budget.get_absolute_url())
    axe_check(office, "the budget page after the vote, as staff")
    office.get_by_role("button", name="Count the votes").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Results of the vote")
    expect_told(office, "The votes are counted and the results are published.")
    main = office.locator("main")
    expect(main).to_contain_text("100,000 EUR to spend. 3 people voted.")
    expect(main).to_contain_text("How the votes were counted: Most votes first (greedy)")
    expect(main).to_contain_text("Projects are funded in order of the votes they received.")
    funded = office.get_by_role("table", name="Funded projects", exact=True)
    expect(funded.get_by_role("rowheader")).to_have_count(2)
    for title in (LIGHTS, RAMP):
        expect(funded.get_by_role("row", name=title)).to_contain_text("Funded: it had more votes")
    not_funded = office.get_by_role("table", name="Projects not funded")
    expect(not_funded.get_by_role("row", name=ROOF)).to_contain_text(
        "Not funded: when its turn came, it cost more than the money left (25,000 EUR)."
    )
    expect(main).to_contain_text(re.compile(r"Spent on funded projects\s*75,000 EUR\s*Left over\s*25,000 EUR"))
    by_district = office.get_by_role("table", name="Money for funded projects, by district")
    expect(by_district.get_by_role("row", name="Restinga")).to_contain_text("100%")
    by_category = office.get_by_role("table", name="Money for funded projects, by category")
    expect(by_category.get_by_role("row", name="Sport")).to_contain_text("45,000 EUR")
    expect(by_category.get_by_role("row", name="Health")).to_contain_text("30,000 EUR")
    axe_check(office, "the results")
    assert Project.objects.get(pk=lights.pk).status == ProjectStatus.FUNDED

    # Staff post a delivery update, with a photo.
    funded.get_by_role("link", name=LIGHTS).click()
    expect(office.get_by_role("heading", level=1)).to_have_text(LIGHTS)
    axe_check(office, "the funded project, as staff")
    office.get_by_role("link", name="Post a delivery update").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Post a delivery update")
    axe_check(office, "the delivery update form")
    office.get_by_label("Stage").select_option(label="Under way")
    office.get_by_label("Progress (per cent)").fill("40")
    office.get_by_label("Milestone reached (optional)").fill("Poles installed")
    office.get_by_label("What has happened").fill("The four poles are up; the lights come next month.")
    office.get_by_label("Photo or document (optional)").set_input_files(
        files=[{"name": "poles.png", "mimeType": "image/png", "buffer": PIXEL_PNG}]
    )
    office.get_by_label("What it shows (optional)").fill("Four new poles around the pitch")
    office.get_by_role("button", name="Publish the update").click()
    expect_told(office, "The update is published and followers are told.")
    delivery = office.get_by_role("region", name="Delivery")
    expect(delivery).to_contain_text("Under way")
    expect(delivery.get_by_role("progressbar", name="Progress")).to_have_attribute("value", "40")
    expect(delivery.get_by_role("heading", level=4)).to_contain_text("Poles installed")
    expect(delivery).to_contain_text("The four poles are up")
    photo = delivery.get_by_role("img", name="Four new poles around the pitch")
    photo.scroll_into_view_if_needed()
    expect(photo).to_have_js_property("naturalWidth", 1)  # the photo is served back
    axe_check(office, "the project with its delivery update")
    update = DeliveryUpdate.objects.get(project=lights)
    assert (update.stage, update.progress, update.milestone) == ("under_way", 40, "Poles installed")

    # The resident, who follows their proposal, sees the results and is told: reviewed, funded, news.
    page.reload()
    axe_check(page, "the budget page after the count, as a resident")
    expect(page.locator("main").get_by_role("link", name="Vote", exact=True)).to_have_count(0)
    page.get_by_role("link", name="See the results of the vote").click()
    expect(page.get_by_role("table", name="Funded projects", exact=True)).to_contain_text(LIGHTS)
    axe_check(page, "the results, as a resident")
    page.get_by_role("banner").get_by_role("link", name=re.compile(r"^Notifications \(\s*3 unread\)$")).click()
    main = page.locator("main")
    expect(main).to_contain_text(f"“{LIGHTS}” was reviewed and will be on the ballot.")
    expect(main).to_contain_text(f"“{LIGHTS}” won funding in the vote.")
    expect(main).to_contain_text(f"News on the delivery of “{LIGHTS}”.")
    axe_check(page, "the resident's notifications")
    main.get_by_role("link", name=f"News on the delivery of “{LIGHTS}”.").click()
    expect(page.get_by_role("region", name="Delivery")).to_contain_text("Milestone reached: Poles installed")
    axe_check(page, "the funded project, as its proposer")


def test_a_resident_of_another_district_is_told_why_they_cannot_vote(page, axe_check, sign_in, restinga):
    space, _staff, budget = restinga
    outsider = factories.PersonFactory()
    resident(space, "C-001", outsider, district="Centro")
    sign_in(page, outsider)
    page.goto(budget.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text("Only residents of Restinga can vote in this budget.")
    expect(main.get_by_role("link", name="Vote", exact=True)).to_have_count(0)
    axe_check(page, "the budget page, as a resident of another district")
    page.goto(reverse("budgets:vote", args=[space.slug, budget.pk]))
    expect(main).to_contain_text("Only residents of Restinga can vote in this budget.")
    expect(page.get_by_role("button", name="Review my ballot")).to_have_count(0)
    axe_check(page, "the ballot, as a resident of another district")
