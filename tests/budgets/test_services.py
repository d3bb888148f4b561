"""Budgets, projects, suggestions, ballots and voting codes through the services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cocreate.budgets import ballots, services
from cocreate.budgets.models import Ballot, ProjectStatus, SuggestionStatus, VoterRecord, VotingCode
from cocreate.spaces.models import Space
from tests.budgets.factories import budget_space, make_budget, on_ballot, resident
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


# --- Budgets -------------------------------------------------------------------------------


def test_budget_needs_a_name_and_a_positive_amount():
    space, staff = budget_space()
    with pytest.raises(ValidationError) as error:
        services.budget_create(person=staff, space=space, title="", amount="-5")
    assert set(error.value.message_dict) == {"title", "amount"}
    assert not space.budgets.exists()


def test_only_organisers_create_budgets():
    space, _staff = budget_space()
    with pytest.raises(PermissionDenied):
        make_budget(space, PersonFactory())


def test_budgets_only_in_budget_spaces():
    space, staff = budget_space()
    Space.objects.filter(pk=space.pk).update(kind="challenge")
    space.refresh_from_db()
    with pytest.raises(ValidationError):
        make_budget(space, staff)


def test_rules_freeze_with_the_first_ballot():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    services.budget_update(person=staff, budget=budget, counting_rule="greedy")
    services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(project.pk, 1)])
    budget.refresh_from_db()
    assert budget.rules_frozen
    with pytest.raises(PermissionDenied, match="can no longer change"):
        services.budget_update(person=staff, budget=budget, counting_rule="mes")
    # The name and description can still change.
    services.budget_update(person=staff, budget=budget, title="All of the city")
    budget.refresh_from_db()
    assert (budget.title, budget.counting_rule) == ("All of the city", "greedy")


# --- Projects ------------------------------------------------------------------------------


def test_not_feasible_needs_a_public_reason():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = services.project_propose(
        person=PersonFactory(),
        budget=budget,
        title="A new bridge",
        description="Across the river to the park.",
        cost=500,
    )
    with pytest.raises(ValidationError) as error:
        services.project_review(person=staff, project=project, feasible=False, note="")
    assert "note" in error.value.message_dict
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED
    services.project_review(person=staff, project=project, feasible=False, note="The land belongs to the state.")
    project.refresh_from_db()
    assert project.status == ProjectStatus.NOT_FEASIBLE


def test_staff_estimate_replaces_the_proposers_cost():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff, cost=5000)
    services.project_review(person=staff, project=project, feasible=True, cost_estimate="7500")
    project.refresh_from_db()
    assert project.final_cost == Decimal("7500.00")


def test_citizens_cannot_review():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    with pytest.raises(PermissionDenied):
        services.project_review(person=PersonFactory(), project=project, feasible=False, note="I do not like it.")


def test_project_cost_above_the_budget_is_refused():
    space, staff = budget_space()
    budget = make_budget(space, staff, amount=1000)
    with pytest.raises(ValidationError) as error:
        services.project_propose(
            person=PersonFactory(), budget=budget, title="A new stadium", description="A very big project.", cost=5000
        )
    assert "cost" in error.value.message_dict


def test_declining_a_suggestion_needs_a_reason_and_tells_its_author(django_capture_on_commit_callbacks):
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    author = PersonFactory()
    suggestion = services.suggestion_create(person=author, project=project, body="Put the benches in the shade.")
    with pytest.raises(ValidationError):
        services.suggestion_decide(person=staff, suggestion=suggestion, accept=False, response="")
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_decide(
            person=staff, suggestion=suggestion, accept=False, response="The shade is on private land."
        )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert author.notifications.filter(kind="suggestion_decided").count() == 1


# --- Ballots -------------------------------------------------------------------------------


def test_ballot_is_kept_apart_from_the_voter():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    a, b = on_ballot(budget, staff), on_ballot(budget, staff)
    voter = PersonFactory()
    ballot, created = services.ballot_cast(person=voter, budget=budget, choices=[(a.pk, 1), (b.pk, 1)])
    assert created
    record = VoterRecord.objects.get(budget=budget)
    assert record.person == voter and record.channel == "online"
    field_names = {f.name for f in Ballot._meta.get_fields()}
    assert not field_names & {"person", "created_at", "voter", "resident"}
    assert ballot.change_key == ballots.change_key(budget.pk, voter.pk)


def test_changing_a_ballot_keeps_one_ballot():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    a, b = on_ballot(budget, staff), on_ballot(budget, staff)
    voter = PersonFactory()
    services.ballot_cast(person=voter, budget=budget, choices=[(a.pk, 1)])
    ballot, created = services.ballot_cast(person=voter, budget=budget, choices=[(b.pk, 1)])
    assert not created
    assert Ballot.objects.filter(budget=budget).count() == 1
    assert VoterRecord.objects.filter(budget=budget).count() == 1
    assert Ballot.objects.get().choices == [[b.pk, 1]]


def test_ballot_rules_by_kind():
    space, staff = budget_space()
    budget = make_budget(space, staff, ballot_kind="knapsack", amount=20_000, min_spend_percent=50, max_projects=2)
    a, b, c = (on_ballot(budget, staff, cost=cost) for cost in (5_000, 12_000, 9_000))
    voter = PersonFactory()
    for choices, message in (
        ([(a.pk, 1)], "at least"),
        ([(b.pk, 1), (c.pk, 1)], "more than"),
        ([(a.pk, 1), (b.pk, 1), (c.pk, 1)], "at most 2"),
        ([(a.pk, 1), (a.pk, 1)], "twice"),
        ([(999_999, 1)], "not on this ballot"),
        ([], "empty"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.ballot_cast(person=voter, budget=budget, choices=choices)
    assert not Ballot.objects.exists() and not VoterRecord.objects.exists()
    services.ballot_cast(person=voter, budget=budget, choices=[(a.pk, 1), (b.pk, 1)])


def test_cumulative_ballot_shares_out_points():
    space, staff = budget_space()
    budget = make_budget(space, staff, ballot_kind="cumulative", points=5)
    a, b = on_ballot(budget, staff), on_ballot(budget, staff)
    with pytest.raises(ValidationError, match="5 to share out"):
        services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(a.pk, 4), (b.pk, 2)])
    ballot, _ = services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(a.pk, 3), (b.pk, 0)])
    assert ballot.choices == [[a.pk, 3]]


def test_ranked_ballot_is_stored_in_order_of_preference():
    space, staff = budget_space()
    budget = make_budget(space, staff, ballot_kind="ranked")
    a, b, c = on_ballot(budget, staff), on_ballot(budget, staff), on_ballot(budget, staff)
    with pytest.raises(ValidationError, match="without gaps"):
        services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(a.pk, 1), (b.pk, 3)])
    ballot, _ = services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(a.pk, 2), (b.pk, 3), (c.pk, 1)])
    assert [pid for pid, _s in ballot.choices] == [c.pk, a.pk, b.pk]


def test_projects_not_on_the_ballot_cannot_be_chosen():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    waiting = services.project_propose(
        person=PersonFactory(), budget=budget, title="Not reviewed yet", description="Still waiting for staff.", cost=10
    )
    with pytest.raises(ValidationError, match="not on this ballot"):
        services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(waiting.pk, 1)])


def test_no_voting_outside_the_vote_phase():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    change_phases(space, activities=["propose_project"])
    with pytest.raises(PermissionDenied):
        services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(project.pk, 1)])


def test_district_budget_only_for_its_residents():
    space, staff = budget_space()
    budget = make_budget(space, staff, voters_district="Restinga")
    project = on_ballot(budget, staff)
    outsider, insider = PersonFactory(), PersonFactory()
    resident(space, "A1", person=outsider, district="Centro")
    resident(space, "A2", person=insider, district="restinga")
    with pytest.raises(PermissionDenied, match="Only residents of Restinga"):
        services.ballot_cast(person=outsider, budget=budget, choices=[(project.pk, 1)])
    with pytest.raises(PermissionDenied, match="verified residents"):
        services.ballot_cast(person=PersonFactory(), budget=budget, choices=[(project.pk, 1)])
    services.ballot_cast(person=insider, budget=budget, choices=[(project.pk, 1)])
    assert Ballot.objects.get().attributes == {"district": "restinga"}


# --- Ballots entered by staff --------------------------------------------------------------


def test_voting_code_is_used_once_and_logs_who_entered_it():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    entry = resident(space, "R100")
    [(issued_to, code)] = services.voting_codes_issue(person=staff, budget=budget)
    assert issued_to == entry
    assert not VotingCode.objects.filter(code_hash__icontains=code.replace("-", "")).exists()  # only a hash is kept
    services.ballot_enter(person=staff, budget=budget, choices=[(project.pk, 1)], code=code.lower())
    record = VoterRecord.objects.get()
    assert (record.channel, record.entered_by, record.resident) == ("code", staff, entry)
    assert VotingCode.objects.get().used_by == staff
    with pytest.raises(ValidationError, match="already been used"):
        services.ballot_enter(person=staff, budget=budget, choices=[(project.pk, 1)], code=code)
    assert Ballot.objects.count() == 1
    # Codes are issued once per resident.
    assert services.voting_codes_issue(person=staff, budget=budget) == []


def test_wrong_code_is_refused_and_changes_nothing():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    with pytest.raises(ValidationError, match="does not exist"):
        services.ballot_enter(person=staff, budget=budget, choices=[(project.pk, 1)], code="AAAAA-BBBBB")
    assert not Ballot.objects.exists()
    budget.refresh_from_db()
    assert not budget.rules_frozen


def test_one_ballot_per_resident_across_channels():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    voter = PersonFactory()
    resident(space, "R7", person=voter)
    services.ballot_cast(person=voter, budget=budget, choices=[(project.pk, 1)])
    with pytest.raises(PermissionDenied, match="one ballot"):
        services.ballot_enter(person=staff, budget=budget, choices=[(project.pk, 1)], reference="r 7")
    # And the other way round: paper first, then online.
    other = PersonFactory()
    resident(space, "R8", person=other)
    services.ballot_enter(person=staff, budget=budget, choices=[(project.pk, 1)], reference="R8")
    with pytest.raises(PermissionDenied, match="at a meeting or on paper"):
        services.ballot_cast(person=other, budget=budget, choices=[(project.pk, 1)])
    assert Ballot.objects.count() == 2


def test_paper_ballot_for_another_district_is_refused():
    space, staff = budget_space()
    budget = make_budget(space, staff, voters_district="Centro")
    project = on_ballot(budget, staff)
    resident(space, "P1", district="Norte")
    with pytest.raises(ValidationError, match="cannot vote in this budget"):
        services.ballot_enter(person=staff, budget=budget, choices=[(project.pk, 1)], reference="P1")


def test_citizens_cannot_enter_ballots():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    resident(space, "Z1")
    with pytest.raises(PermissionDenied):
        services.ballot_enter(person=PersonFactory(), budget=budget, choices=[(project.pk, 1)], reference="Z1")


def test_change_keys_are_erased_when_the_vote_closes():
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    voter = PersonFactory()
    services.ballot_cast(person=voter, budget=budget, choices=[(project.pk, 1)])
    assert services.ballots_seal() == 0  # still open
    change_phases(space, ends_at=timezone.now() - timedelta(minutes=1))
    assert services.ballots_seal() == 1
    assert Ballot.objects.get().change_key is None
    assert services.own_ballot(person=voter, budget=budget) is None


def test_delivery_update_only_for_funded_projects(django_capture_on_commit_callbacks):
    space, staff = budget_space()
    budget = make_budget(space, staff)
    project = on_ballot(budget, staff)
    with pytest.raises(PermissionDenied, match="funded"):
        services.delivery_update_post(person=staff, project=project, stage="under_way", progress=10, body="Work began.")
    project.status = ProjectStatus.FUNDED
    project.save()
    follower = PersonFactory()
    services.project_follow(person=follower, project=project)
    with pytest.raises(ValidationError) as error:
        services.delivery_update_post(person=staff, project=project, stage="nonsense", progress=140, body="")
    assert set(error.value.message_dict) == {"stage", "progress", "body"}
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_update_post(
            person=staff,
            project=project,
            stage="under_way",
            progress=40,
            body="The foundations are laid.",
            milestone="Start",
        )
    project.refresh_from_db()
    assert (project.progress, project.delivery_stage) == (40, "under_way")
    assert follower.notifications.filter(kind="delivery_update", project=project).count() == 1
