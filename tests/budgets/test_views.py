"""The participatory budget pages: each renders for the people it is for and refuses the others
with the reason; the vote goes choose → review → cast through plain forms; wrong input gets a
clear message and changes nothing; a voting code works once."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreate.budgets import services
from cocreate.budgets.models import (
    Ballot,
    Budget,
    ChangeSuggestion,
    Channel,
    DeliveryUpdate,
    Project,
    ProjectFollow,
    ProjectStatus,
    SuggestionStatus,
    VoterRecord,
    VotingCode,
)
from tests.budgets.factories import budget_space, make_budget, on_ballot, proposed, resident
from tests.factories import PersonFactory, change_phases, open_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def pb():
    """A budget space open for proposing, suggesting and voting; its staff; one budget."""
    space, staff = budget_space()
    budget = make_budget(space, staff)

    class Setup:
        pass

    setup = Setup()
    setup.space, setup.staff, setup.budget = space, staff, budget
    return setup


def url(name, pb, *args):
    return reverse(f"budgets:{name}", args=[pb.space.slug, *args])


def page(response) -> str:
    return response.content.decode()


def close_voting(space):
    """The phase (proposing, suggesting, voting) ended an hour ago."""
    change_phases(space, ends_at=timezone.now() - timedelta(hours=1))


# --- The space page --------------------------------------------------------------------------


def test_budget_space_page_lists_its_budgets_instead_of_ideas(client, pb):
    on_ballot(pb.budget, pb.staff, title="Lights for the football pitch")
    visitor = page(client.get(reverse("spaces:detail", args=[pb.space.slug])))
    assert "Whole city" in visitor and url("budget", pb, pb.budget.pk) in visitor
    assert "1 project on the ballot" in visitor and "100,000 EUR" in visitor
    assert "Share an idea" not in visitor and "Add a budget" not in visitor
    assert url("delivery", pb) in visitor
    client.force_login(pb.staff)
    assert "Add a budget" in page(client.get(reverse("spaces:detail", args=[pb.space.slug])))


def test_other_spaces_still_show_their_ideas(client, organisation):
    space = open_space(organisation)
    response = client.get(reverse("spaces:detail", args=[space.slug]))
    assert response.status_code == 200
    assert reverse("ideas:list", args=[space.slug]) in page(response) and "<h2>Budgets</h2>" not in page(response)


# --- Budgets ---------------------------------------------------------------------------------


def test_budget_page_shows_the_rules_projects_and_why_a_visitor_cannot_vote(client, pb):
    on_ballot(pb.budget, pb.staff, title="Lights for the football pitch", cost=25_000, district="North")
    proposed(pb.budget, title="A new library in the old school", category="Culture")
    response = client.get(url("budget", pb, pb.budget.pk))
    html = page(response)
    assert response.status_code == 200
    assert "100,000 EUR" in html and "Choose the projects you would like to see funded." in html
    assert "Lights for the football pitch" in html and "25,000 EUR" in html and "North" in html
    assert "A new library in the old school" in html and "Waiting for review" in html
    assert "Sign in to vote for projects." in html
    assert "Change the budget" not in html and "Count the votes" not in html


def test_budget_page_shows_staff_what_they_can_run(client, pb):
    client.force_login(pb.staff)
    html = page(client.get(url("budget", pb, pb.budget.pk)))
    for link in ("edit", "codes", "enter"):
        assert url(link, pb, pb.budget.pk) in html
    assert url("propose", pb, pb.budget.pk) + "?for=someone" in html
    assert "Count the votes" not in html  # voting is open
    close_voting(pb.space)
    html = page(client.get(url("budget", pb, pb.budget.pk)))
    assert "Count the votes" in html and url("count", pb, pb.budget.pk) in html
    assert url("enter", pb, pb.budget.pk) not in html
    assert "The time to vote for projects ended on" in html


def test_budget_page_filters_projects_by_district_category_and_status(client, pb):
    on_ballot(pb.budget, pb.staff, title="Lights for the football pitch", district="North", category="Sport")
    on_ballot(pb.budget, pb.staff, title="Trees along the river path", district="South", category="Nature")
    proposed(pb.budget, title="A new library in the old school", district="South")
    address = url("budget", pb, pb.budget.pk)
    html = page(client.get(address + "?district=South"))
    assert "Trees along the river path" in html and "A new library" in html and "Lights for" not in html
    html = page(client.get(address + "?district=South&status=feasible"))
    assert "Trees along the river path" in html and "A new library" not in html
    html = page(client.get(address + "?category=Sport"))
    assert "Lights for the football pitch" in html and "Trees along" not in html
    assert client.get(address + "?status=sleeping&district=²").status_code == 200


def test_budget_page_says_the_voter_has_voted_and_links_results_once_published(client, pb):
    project = on_ballot(pb.budget, pb.staff)
    voter = PersonFactory()
    services.ballot_cast(person=voter, budget=pb.budget, choices=[(project.pk, 1)])
    client.force_login(voter)
    html = page(client.get(url("budget", pb, pb.budget.pk)))
    assert "You have voted in this budget." in html and "See or change your ballot" in html
    assert url("results", pb, pb.budget.pk) not in html
    Budget.objects.filter(pk=pb.budget.pk).update(results_published_at="2030-01-01T00:00Z")
    assert url("results", pb, pb.budget.pk) in page(client.get(url("budget", pb, pb.budget.pk)))


def test_unknown_budget_or_a_budget_of_another_space_is_not_found(client, pb):
    other_space, other_staff = budget_space()
    elsewhere = make_budget(other_space, other_staff)
    assert client.get(url("budget", pb, elsewhere.pk)).status_code == 404
    assert client.get(url("budget", pb, 999999)).status_code == 404


def test_budget_page_runs_the_same_queries_for_3_or_30_projects(client, pb):
    voter = PersonFactory()
    client.force_login(voter)
    address = url("budget", pb, pb.budget.pk)

    def queries() -> int:
        client.get(address)  # caches of phases and spaces warmed as in real use
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    for n in range(3):
        on_ballot(pb.budget, pb.staff, title=f"Project number {n}", district=f"District {n % 4}")
    few = queries()
    for n in range(3, 30):
        on_ballot(pb.budget, pb.staff, title=f"Project number {n}", district=f"District {n % 4}")
    assert queries() == few


def test_only_organisers_add_or_change_budgets(client, pb, person):
    client.force_login(person)
    for address in (url("new", pb), url("edit", pb, pb.budget.pk)):
        response = client.get(address)
        assert response.status_code == 403
        assert "Only the organisers of this space can manage its budgets." in page(response)
    client.force_login(pb.staff)
    assert client.get(url("new", pb)).status_code == 200
    assert client.get(url("edit", pb, pb.budget.pk)).status_code == 200


def test_staff_add_a_budget_and_wrong_input_changes_nothing(client, pb):
    client.force_login(pb.staff)
    fields = {
        "title": "Health",
        "amount": "50000",
        "currency": "eur",
        "ballot_kind": "knapsack",
        "min_projects": "1",
        "min_spend_percent": "0",
        "points": "10",
        "counting_rule": "greedy",
    }
    wrong = client.post(url("new", pb), {**fields, "currency": "EU"})
    assert "There is a problem" in page(wrong) and "three-letter currency code" in page(wrong)
    assert Budget.objects.count() == 1
    response = client.post(url("new", pb), fields, follow=True)
    assert "The budget is saved." in page(response)
    budget = Budget.objects.get(title="Health")
    assert budget.currency == "EUR" and budget.ballot_kind == "knapsack"


def test_once_voting_started_the_budget_form_has_no_rule_fields(client, pb):
    project = on_ballot(pb.budget, pb.staff)
    services.ballot_cast(person=PersonFactory(), budget=pb.budget, choices=[(project.pk, 1)])
    client.force_login(pb.staff)
    html = page(client.get(url("edit", pb, pb.budget.pk)))
    assert "can no longer change" in html and 'name="ballot_kind"' not in html and 'name="title"' in html


# --- Projects --------------------------------------------------------------------------------


def test_a_citizen_proposes_a_project_and_mistakes_are_explained(client, pb, person):
    client.force_login(person)
    assert client.get(url("propose", pb, pb.budget.pk)).status_code == 200
    fields = {"title": "Benches by the river", "description": "Ten benches along the river path.", "cost": "8000"}
    wrong = client.post(url("propose", pb, pb.budget.pk), {**fields, "cost": "1000000"})
    assert "more than the whole budget" in page(wrong) and not Project.objects.exists()
    response = client.post(url("propose", pb, pb.budget.pk), fields, follow=True)
    assert "Your project is proposed." in page(response)
    project = Project.objects.get()
    assert project.proposed_by == person and project.status == ProjectStatus.PROPOSED


def test_proposing_is_refused_when_the_phase_is_closed(client, pb, person):
    change_phases(pb.space, activities=["vote"])
    client.force_login(person)
    response = client.get(url("propose", pb, pb.budget.pk))
    assert response.status_code == 403 and "propose projects" in page(response)


def test_staff_enter_a_project_for_someone_offline_and_citizens_cannot(client, pb, person):
    client.force_login(person)
    refused = client.get(url("propose", pb, pb.budget.pk) + "?for=someone")
    assert refused.status_code == 403 and "Only the organisers" in page(refused)
    client.force_login(pb.staff)
    form = page(client.get(url("propose", pb, pb.budget.pk) + "?for=someone"))
    assert 'name="on_behalf_of"' in form and "proposed it offline" in form
    client.post(
        url("propose", pb, pb.budget.pk) + "?for=someone",
        {
            "title": "A ramp at the health centre",
            "description": "A ramp for wheelchairs and prams.",
            "cost": "12000",
            "on_behalf_of": "Maria at the Restinga meeting",
            "event_name": "Restinga meeting",
        },
    )
    project = Project.objects.get()
    assert project.origin == "on_behalf" and project.entered_by == pb.staff and project.proposed_by is None
    assert project.proposer_name == "Maria at the Restinga meeting"
    html = page(client.get(project.get_absolute_url()))
    assert "Proposed by Maria at the Restinga meeting" in html and "Restinga meeting" in html


def test_project_page_shows_every_field_and_the_staff_estimate(client, pb):
    project = proposed(
        pb.budget,
        title="Lights for the football pitch",
        cost=30_000,
        benefits="Evening games for the young.",
        disruption="Two weeks of works.",
        schedule="Spring 2027",
        place_name="Restinga pitch",
        district="South",
        category="Sport",
    )
    services.project_review(
        person=pb.staff, project=project, feasible=True, cost_estimate="35000", note="Checked with the lighting team."
    )
    html = page(client.get(project.get_absolute_url()))
    for text in (
        "Evening games for the young.",
        "Two weeks of works.",
        "Spring 2027",
        "Restinga pitch",
        "South",
        "Sport",
        "35,000 EUR",
        "30,000 EUR",
        "Checked with the lighting team.",
        "On the ballot",
        "Sign in to follow projects.",
    ):
        assert text in html
    assert 'id="suggestions"' in html and "Sign in to suggest changes to projects." in html


def test_not_feasible_review_is_public_with_its_reason(client, pb):
    project = proposed(pb.budget)
    services.project_review(
        person=pb.staff, project=project, feasible=False, note="The land belongs to the state, not the city."
    )
    html = page(client.get(project.get_absolute_url()))
    assert "Not feasible" in html and "The land belongs to the state, not the city." in html


def test_review_page_is_for_staff_and_explains_a_missing_reason(client, pb, person):
    project = proposed(pb.budget)
    address = url("review", pb, project.pk)
    client.force_login(person)
    refused = client.get(address)
    assert refused.status_code == 403 and "Only organisers and evaluators can review projects." in page(refused)
    client.force_login(pb.staff)
    assert client.get(address).status_code == 200
    wrong = client.post(address, {"feasible": "no", "note": ""})
    assert "Explain in a sentence or two" in page(wrong)
    assert Project.objects.get().status == ProjectStatus.PROPOSED
    client.post(address, {"feasible": "yes", "cost_estimate": "9000", "note": ""})
    project.refresh_from_db()
    assert project.status == ProjectStatus.FEASIBLE and project.reviewed_cost == 9000


def test_project_page_shows_actions_to_the_right_people(client, pb, person):
    project = proposed(pb.budget, person=person)
    client.force_login(person)
    html = page(client.get(project.get_absolute_url()))
    assert "Withdraw your project" in html and url("review", pb, project.pk) not in html
    client.force_login(pb.staff)
    html = page(client.get(project.get_absolute_url()))
    assert url("review", pb, project.pk) in html and "Withdraw your project" not in html


def test_the_proposer_withdraws_and_no_one_else_can(client, pb, person, other_person):
    project = proposed(pb.budget, person=person)
    client.force_login(other_person)
    refused = client.post(url("withdraw", pb, project.pk))
    assert refused.status_code == 403 and "Only the person who proposed a project" in page(refused)
    client.force_login(person)
    client.post(url("withdraw", pb, project.pk))
    assert Project.objects.get().status == ProjectStatus.WITHDRAWN


def test_hidden_project_is_not_found_for_others(client, pb, person):
    project = proposed(pb.budget)
    Project.objects.filter(pk=project.pk).update(hidden_at="2030-01-01T00:00Z", hidden_reason="Spam")
    client.force_login(person)
    assert client.get(project.get_absolute_url()).status_code == 404
    assert "Hidden by a moderator" not in page(client.get(url("budget", pb, pb.budget.pk)))
    client.force_login(pb.staff)
    assert "A moderator has hidden this project." in page(client.get(project.get_absolute_url()))


def test_follow_and_stop_following(client, pb, person):
    project = on_ballot(pb.budget, pb.staff)
    client.force_login(person)
    assert "Follow this project" in page(client.get(project.get_absolute_url()))
    client.post(url("follow", pb, project.pk), {"action": "follow"})
    assert ProjectFollow.objects.filter(person=person, project=project).exists()
    html = page(client.get(project.get_absolute_url()))
    assert "Stop following" in html and 'value="unfollow"' in html
    client.post(url("follow", pb, project.pk), {"action": "unfollow"})
    assert not ProjectFollow.objects.filter(person=person, project=project).exists()


# --- Suggested changes -------------------------------------------------------------------------


def test_suggest_a_change_and_staff_decide_in_public(client, pb, person, other_person):
    project = on_ballot(pb.budget, pb.staff)
    client.force_login(person)
    empty = client.post(url("suggest", pb, project.pk), {"body": "short"})
    assert empty.status_code == 400 and "at least 10 characters" in page(empty)
    assert not ChangeSuggestion.objects.exists()
    client.post(url("suggest", pb, project.pk), {"body": "Put the lights on a timer to save energy."})
    suggestion = ChangeSuggestion.objects.get()
    html = page(client.get(project.get_absolute_url()))
    assert "Put the lights on a timer" in html and "Waiting for a decision" in html
    decide = url("decide", pb, project.pk, suggestion.pk)
    assert decide not in html

    client.force_login(other_person)
    refused = client.get(decide)
    assert refused.status_code == 403 and "Only organisers and evaluators can decide on this." in page(refused)

    client.force_login(pb.staff)
    assert decide in page(client.get(project.get_absolute_url()))
    assert client.get(decide).status_code == 200
    wrong = client.post(decide, {"accept": "no", "response": ""})
    assert "why the suggestion is declined" in page(wrong)
    assert ChangeSuggestion.objects.get().status == SuggestionStatus.OPEN
    client.post(decide, {"accept": "yes", "response": "Good idea: the timer is in the plan."})
    html = page(client.get(project.get_absolute_url()))
    assert "Accepted" in html and "Good idea: the timer is in the plan." in html and decide not in html
    assert client.get(decide).status_code == 403


def test_project_page_asks_no_query_per_suggestion(client, pb):
    project = on_ballot(pb.budget, pb.staff)
    client.force_login(pb.staff)

    def queries() -> int:
        client.get(project.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            client.get(project.get_absolute_url())
        return len(captured)

    services.suggestion_create(person=PersonFactory(), project=project, body="A first suggested change.")
    one = queries()
    for n in range(5):
        services.suggestion_create(person=PersonFactory(), project=project, body=f"Suggested change number {n}.")
    assert queries() == one


# --- Delivery ----------------------------------------------------------------------------------


@pytest.fixture
def funded(pb):
    project = on_ballot(pb.budget, pb.staff, title="Lights for the football pitch")
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.FUNDED)
    project.refresh_from_db()
    return project


def test_staff_post_a_delivery_update_with_a_photo(client, pb, funded, person, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    address = url("update", pb, funded.pk)
    client.force_login(person)
    refused = client.get(address)
    assert refused.status_code == 403
    assert "Only the organisers of this space can post delivery updates." in page(refused)
    client.force_login(pb.staff)
    assert client.get(address).status_code == 200
    wrong = client.post(address, {"stage": "under_way", "progress": "40", "body": "Short"})
    assert "Say in a sentence or two" in page(wrong) and not DeliveryUpdate.objects.exists()
    photo = SimpleUploadedFile("poles.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    client.post(
        address,
        {
            "stage": "under_way",
            "progress": "40",
            "milestone": "Poles installed",
            "body": "The poles are up; the lights come next month.",
            "attachment": photo,
            "attachment_caption": "Four new poles around the pitch",
        },
    )
    html = page(client.get(funded.get_absolute_url()))
    assert 'id="delivery"' in html and 'value="40"' in html and "Poles installed" in html
    assert 'alt="Four new poles around the pitch"' in html and "Under way" in html
    delivery = page(client.get(url("delivery", pb)))
    assert "Lights for the football pitch" in delivery and "The poles are up" in delivery


def test_delivery_updates_only_for_funded_projects(client, pb):
    project = on_ballot(pb.budget, pb.staff)
    client.force_login(pb.staff)
    html = page(client.get(project.get_absolute_url()))
    assert "Post a delivery update" not in html
    refused = client.get(url("update", pb, project.pk))
    assert refused.status_code == 403 and "Only funded projects have delivery updates." in page(refused)


def test_delivery_page_with_no_funded_project(client, pb):
    response = client.get(url("delivery", pb))
    assert response.status_code == 200 and "No project has been funded yet." in page(response)


# --- Voting ------------------------------------------------------------------------------------


def test_vote_needs_an_account(client, pb):
    response = client.get(url("vote", pb, pb.budget.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_choose_review_cast_then_change(client, pb, person):
    lights = on_ballot(pb.budget, pb.staff, title="Lights for the football pitch")
    trees = on_ballot(pb.budget, pb.staff, title="Trees along the river path")
    address = url("vote", pb, pb.budget.pk)
    client.force_login(person)

    choose = page(client.get(address))
    assert f'name="project-{lights.pk}"' in choose and f'name="project-{trees.pk}"' in choose
    assert 'value="review"' in choose and "Review my ballot" in choose

    review = client.post(address, {f"project-{lights.pk}": "1", "action": "review"})
    html = page(review)
    assert review.status_code == 200 and "Check your ballot" in html and "Cast my ballot" in html
    assert f'name="project-{lights.pk}" value="1"' in html and f'name="project-{trees.pk}"' not in html
    assert not Ballot.objects.exists() and not VoterRecord.objects.exists()

    cast = client.post(address, {f"project-{lights.pk}": "1", "action": "cast"}, follow=True)
    assert "Your ballot is cast." in page(cast)
    assert VoterRecord.objects.get().channel == Channel.ONLINE
    assert Ballot.objects.get().choices == [[lights.pk, 1]]

    again = page(client.get(address))
    assert "You have voted." in again and f'name="project-{lights.pk}" value="1" checked' in again

    change = client.post(address, {f"project-{lights.pk}": "1", "action": "change"})
    assert change.status_code == 200 and "Review my ballot" in page(change)
    client.post(address, {f"project-{trees.pk}": "1", "action": "review"})
    changed = client.post(address, {f"project-{trees.pk}": "1", "action": "cast"}, follow=True)
    assert "Your ballot is changed." in page(changed)
    assert VoterRecord.objects.count() == 1 and Ballot.objects.count() == 1
    assert Ballot.objects.get().choices == [[trees.pk, 1]]


def test_an_empty_ballot_is_explained_and_nothing_is_stored(client, pb, person):
    on_ballot(pb.budget, pb.staff)
    client.force_login(person)
    response = client.post(url("vote", pb, pb.budget.pk), {"action": "cast"})
    html = page(response)
    assert response.status_code == 400 and "There is a problem" in html and 'role="alert"' in html
    assert "Your ballot is empty" in html
    assert not Ballot.objects.exists() and not VoterRecord.objects.exists()


def test_ballot_over_the_budget_is_refused_with_the_amounts(client, pb, person):
    budget = make_budget(pb.space, pb.staff, title="Health", amount=100_000, ballot_kind="knapsack")
    first = on_ballot(budget, pb.staff, cost=60_000)
    second = on_ballot(budget, pb.staff, cost=60_000)
    address = reverse("budgets:vote", args=[pb.space.slug, budget.pk])
    client.force_login(person)
    assert "no more than the 100,000 EUR available" in page(client.get(address))
    response = client.post(address, {f"project-{first.pk}": "1", f"project-{second.pk}": "1", "action": "cast"})
    html = page(response)
    assert response.status_code == 400 and "120,000 EUR" in html and "Remove a project" in html
    assert f'name="project-{second.pk}" value="1" checked' in html  # the choices are kept
    assert not Ballot.objects.exists() and not VoterRecord.objects.exists()
    review = page(client.post(address, {f"project-{first.pk}": "1", "action": "review"}))
    assert "40,000 EUR" in review  # what would be left


def test_points_ballot_counts_points_and_refuses_too_many(client, pb, person):
    budget = make_budget(pb.space, pb.staff, title="Culture", ballot_kind="cumulative", points=10)
    first, second = on_ballot(budget, pb.staff), on_ballot(budget, pb.staff)
    address = reverse("budgets:vote", args=[pb.space.slug, budget.pk])
    client.force_login(person)
    choose = page(client.get(address))
    assert "Share out 10 points" in choose and f'type="number" class="input--short" id="project-{first.pk}"' in choose
    too_many = client.post(address, {f"project-{first.pk}": "7", f"project-{second.pk}": "5", "action": "review"})
    assert too_many.status_code == 400 and "You gave 12 points; you have 10 to share out." in page(too_many)
    not_a_number = client.post(address, {f"project-{first.pk}": "²", "action": "review"})
    assert not_a_number.status_code == 400 and "Enter whole numbers only." in page(not_a_number)
    review = page(client.post(address, {f"project-{first.pk}": "7", f"project-{second.pk}": "3", "action": "review"}))
    assert "10 of 10" in review and f'name="project-{first.pk}" value="7"' in review
    assert not Ballot.objects.exists()
    client.post(address, {f"project-{first.pk}": "7", f"project-{second.pk}": "3", "action": "cast"})
    assert Ballot.objects.get().choices == [[first.pk, 7], [second.pk, 3]]


def test_ranked_ballot_needs_ranks_without_gaps_and_keeps_the_order(client, pb, person):
    budget = make_budget(pb.space, pb.staff, title="Mobility", ballot_kind="ranked")
    first, second = on_ballot(budget, pb.staff), on_ballot(budget, pb.staff)
    address = reverse("budgets:vote", args=[pb.space.slug, budget.pk])
    client.force_login(person)
    gap = client.post(address, {f"project-{first.pk}": "1", f"project-{second.pk}": "3", "action": "review"})
    assert gap.status_code == 400 and "without gaps or repeats" in page(gap)
    client.post(address, {f"project-{first.pk}": "2", f"project-{second.pk}": "1", "action": "cast"})
    assert Ballot.objects.get().choices == [[second.pk, 1], [first.pk, 1]]
    again = page(client.get(address))
    assert f'name="project-{second.pk}" value="1"' in again and f'name="project-{first.pk}" value="2"' in again


def test_when_voting_is_closed_the_ballot_page_says_why_and_posting_is_refused(client, pb, person):
    project = on_ballot(pb.budget, pb.staff)
    close_voting(pb.space)
    client.force_login(person)
    response = client.get(url("vote", pb, pb.budget.pk))
    assert response.status_code == 200 and "The time to vote for projects ended on" in page(response)
    assert "Review my ballot" not in page(response)
    refused = client.post(url("vote", pb, pb.budget.pk), {f"project-{project.pk}": "1", "action": "cast"})
    assert refused.status_code == 403 and not Ballot.objects.exists()


def test_district_budget_refuses_people_from_elsewhere(client, pb, person):
    budget = make_budget(pb.space, pb.staff, title="North district", voters_district="North")
    on_ballot(budget, pb.staff)
    resident(pb.space, "R-1", person=person, district="South")
    client.force_login(person)
    html = page(client.get(reverse("budgets:vote", args=[pb.space.slug, budget.pk])))
    assert "Only residents of North can vote in this budget." in html and "Review my ballot" not in html
    assert "Verified residents of North" in page(client.get(budget.get_absolute_url()))


# --- Voting codes and ballots entered by staff --------------------------------------------------


def issue_codes(client, pb) -> list[dict]:
    response = client.post(url("codes", pb, pb.budget.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_codes_page_is_for_organisers_and_explains_the_codes_are_shown_once(client, pb, person):
    client.force_login(person)
    refused = client.get(url("codes", pb, pb.budget.pk))
    assert refused.status_code == 403 and "Only the organisers" in page(refused)
    assert client.post(url("codes", pb, pb.budget.pk)).status_code == 403
    assert not VotingCode.objects.exists()
    client.force_login(pb.staff)
    html = page(client.get(url("codes", pb, pb.budget.pk)))
    assert "shown only once" in html and "Issue codes and download them (CSV)" in html


def test_staff_enter_a_ballot_with_a_voting_code_once(client, pb, person):
    project = on_ballot(pb.budget, pb.staff)
    resident(pb.space, "A-100", district="North")
    resident(pb.space, "A-101", person=person, district="North")
    client.force_login(pb.staff)
    rows = issue_codes(client, pb)
    assert [row["reference"] for row in rows] == ["A-100", "A-101"]
    codes = {row["reference"]: row["voting_code"] for row in rows}
    assert "2" in page(client.get(url("codes", pb, pb.budget.pk)))
    again = client.post(url("codes", pb, pb.budget.pk), follow=True)
    assert "already has a voting code" in page(again) and VotingCode.objects.count() == 2

    enter = url("enter", pb, pb.budget.pk)
    form = page(client.get(enter))
    assert 'name="code"' in form and f'name="project-{project.pk}"' in form
    entered = client.post(enter, {"code": codes["A-101"].lower(), f"project-{project.pk}": "1"}, follow=True)
    assert "The ballot is entered and counted once." in page(entered)
    record = VoterRecord.objects.get()
    assert record.channel == Channel.CODE and record.entered_by == pb.staff and record.person == person
    assert Ballot.objects.get().choices == [[project.pk, 1]]

    second = client.post(enter, {"code": codes["A-101"], f"project-{project.pk}": "1"})
    assert second.status_code == 400 and "This voting code has already been used." in page(second)
    assert VoterRecord.objects.count() == 1 and Ballot.objects.count() == 1

    wrong = client.post(enter, {"code": "AAAAA-BBBBB", f"project-{project.pk}": "1"})
    assert wrong.status_code == 400 and "does not exist for this budget" in page(wrong)
    empty = client.post(enter, {"code": codes["A-100"]})
    assert empty.status_code == 400 and "Your ballot is empty" in page(empty)
    assert VoterRecord.objects.count() == 1 and not VotingCode.objects.get(resident__reference="A-100").used_at

    # The voter whose code was used sees why they cannot vote online as well.
    client.force_login(person)
    html = page(client.get(url("vote", pb, pb.budget.pk)))
    assert "A ballot was already entered for you at a meeting or on paper." in html
    assert "Review my ballot" not in html
    refused = client.post(url("vote", pb, pb.budget.pk), {f"project-{project.pk}": "1", "action": "cast"})
    assert refused.status_code == 403 and "already been entered for this voter" in page(refused)
    assert Ballot.objects.count() == 1


def test_paper_ballot_for_someone_who_voted_online_is_explained_on_the_form(client, pb, person):
    project = on_ballot(pb.budget, pb.staff)
    resident(pb.space, "B7", person=person)
    services.ballot_cast(person=person, budget=pb.budget, choices=[(project.pk, 1)])
    client.force_login(pb.staff)
    response = client.post(url("enter", pb, pb.budget.pk), {"reference": "b 7", f"project-{project.pk}": "1"})
    assert response.status_code == 400 and "already been cast for this voter" in page(response)
    assert Ballot.objects.count() == 1


def test_entering_ballots_is_for_staff_while_voting_is_open(client, pb, person):
    client.force_login(person)
    refused = client.get(url("enter", pb, pb.budget.pk))
    assert refused.status_code == 403 and "Only organisers and moderators" in page(refused)
    client.force_login(pb.staff)
    close_voting(pb.space)
    closed = client.get(url("enter", pb, pb.budget.pk))
    assert closed.status_code == 403 and "Voting is not open at the moment." in page(closed)


# --- Results -------------------------------------------------------------------------------------


def test_results_are_not_found_before_they_are_published(client, pb):
    assert client.get(url("results", pb, pb.budget.pk)).status_code == 404


def test_results_page_renders_when_published(client, pb):
    Budget.objects.filter(pk=pb.budget.pk).update(results_published_at="2030-01-01T00:00Z", results={})
    response = client.get(url("results", pb, pb.budget.pk))
    assert response.status_code == 200 and "Results of the vote" in page(response)


def _queries(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_results_and_delivery_pages_run_the_same_queries_for_few_or_many_projects(client, pb):
    def counted(n_projects):
        Project.objects.all().delete()
        Budget.objects.filter(pk=pb.budget.pk).update(results=None, results_published_at=None)
        projects = [on_ballot(pb.budget, pb.staff, title=f"Project number {n}", cost=1000) for n in range(n_projects)]
        for n in range(12):
            services.ballot_cast(person=PersonFactory(), budget=pb.budget, choices=[(projects[n % n_projects].pk, 1)])
        close_voting(pb.space)
        pb.budget.refresh_from_db()
        services.budget_count(person=pb.staff, budget=pb.budget)
        change_phases(pb.space, ends_at=timezone.now() + timedelta(days=3))  # open again for the next round
        results = _queries(client, url("results", pb, pb.budget.pk))
        delivery = _queries(client, reverse("budgets:delivery", args=[pb.space.slug]))
        return results, delivery

    assert counted(3) == counted(25)
