"""The budgets API: read budgets, projects and results; cast and change one's own ballot; and
never learn who voted for what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.budgets import services
from tests.api.api_client import count_queries
from tests.budgets.factories import budget_space, make_budget, on_ballot
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


@pytest.fixture
def election():
    space, staff = budget_space()
    budget = make_budget(space, staff, max_projects=2)
    projects = [on_ballot(budget, staff, title=f"Project number {n}") for n in range(3)]
    return space, staff, budget, projects


def test_budgets_and_projects_are_public(visitor, election):
    space, _staff, budget, projects = election
    listed = visitor.get(f"/spaces/{space.slug}/budgets").json()
    assert [b["id"] for b in listed] == [budget.pk]
    assert listed[0]["counting_rule"] == "mes-add1" and "Equal Shares" in listed[0]["counting_rule_explained"]
    page = visitor.get(f"/spaces/{space.slug}/budgets/{budget.pk}/projects").json()
    assert {p["id"] for p in page["items"]} == {p.pk for p in projects}


def test_project_list_runs_a_constant_number_of_queries(visitor, election):
    space, staff, budget, _projects = election
    path = f"/spaces/{space.slug}/budgets/{budget.pk}/projects"
    few = count_queries(lambda: visitor.get(path))
    for n in range(10):
        on_ballot(budget, staff, title=f"Another project {n}")
    assert count_queries(lambda: visitor.get(path)) == few


def test_cast_then_change_own_ballot(api_as, election):
    space, _staff, budget, projects = election
    voter = api_as(PersonFactory())
    path = f"/spaces/{space.slug}/budgets/{budget.pk}/ballot"
    assert voter.get(path).status_code == 404
    first = voter.put(path, {"choices": [{"project": projects[0].pk}]})
    assert first.status_code == 201, first.content
    changed = voter.put(path, {"choices": [{"project": projects[1].pk}, {"project": projects[2].pk}]})
    assert changed.status_code == 200
    assert voter.get(path).json()["choices"] == [[projects[1].pk, 1], [projects[2].pk, 1]]


def test_invalid_ballot_is_refused_with_a_message_and_changes_nothing(api_as, election):
    space, _staff, budget, projects = election
    voter = api_as(PersonFactory())
    path = f"/spaces/{space.slug}/budgets/{budget.pk}/ballot"
    response = voter.put(path, {"choices": [{"project": p.pk} for p in projects]})
    assert response.status_code in (400, 422)
    assert "at most 2" in response.json()["detail"]
    assert voter.get(path).status_code == 404


def test_nobody_reads_someone_elses_ballot(api_as, election):
    space, staff, budget, projects = election
    path = f"/spaces/{space.slug}/budgets/{budget.pk}/ballot"
    api_as(PersonFactory()).put(path, {"choices": [{"project": projects[0].pk}]})
    assert api_as(staff).get(path).status_code == 404
    assert api_as(PersonFactory()).get(path).status_code == 404


def test_voting_closed_is_a_refusal_with_the_reason(api_as, election):
    space, _staff, budget, projects = election
    change_phases(space, ends_at=timezone.now() - timedelta(hours=1))
    response = api_as(PersonFactory()).put(
        f"/spaces/{space.slug}/budgets/{budget.pk}/ballot", {"choices": [{"project": projects[0].pk}]}
    )
    assert response.status_code == 403
    assert "ended" in response.json()["detail"]


def test_results_are_totals_only(visitor, api_as, election):
    space, staff, budget, projects = election
    path = f"/spaces/{space.slug}/budgets/{budget.pk}/results"
    assert visitor.get(path).status_code == 404  # not counted yet
    for choice in (0, 0, 1):
        api_as(PersonFactory()).put(
            f"/spaces/{space.slug}/budgets/{budget.pk}/ballot", {"choices": [{"project": projects[choice].pk}]}
        )
    change_phases(space, ends_at=timezone.now() - timedelta(hours=1))
    budget.refresh_from_db()
    services.budget_count(person=staff, budget=budget)
    results = visitor.get(path).json()
    assert results["voters"] == 3
    assert {row["project"]: row["supporters"] for row in results["projects"]} == {
        projects[0].pk: 2,
        projects[1].pk: 1,
        projects[2].pk: 0,
    }
    text = str(results)
    assert "person" not in text and "voter_id" not in text
