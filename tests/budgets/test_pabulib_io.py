"""Pabulib files into a budget space and back out, counted the same as the file itself."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cocreate.algorithms.budget_counting import count
from cocreate.algorithms.pabulib import parse_pabulib, read_pabulib
from cocreate.budgets import services
from cocreate.budgets.models import Ballot, Project, VoterRecord
from cocreate.budgets.pabulib_io import budget_export_pabulib, budget_import_pabulib
from cocreate.budgets.results import tie_id
from tests.budgets.factories import budget_space
from tests.conftest import shared_data
from tests.factories import PersonFactory, change_phases

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def imported(name):
    space, staff = budget_space()
    change_phases(space, activities=["propose_project"])  # the vote is over
    pb = read_pabulib(shared_data("pabulib", name))
    return space, staff, pb, budget_import_pabulib(person=staff, space=space, pb=pb)


@pytest.mark.parametrize(
    ("name", "rule", "key"),
    [
        ("Netherlands_Assen_2024.pb", "mes-add1", "mes_add1"),
        ("Poland_Swiecie_2023.pb", "greedy", "greedy_cost_sat"),
        ("Poland_Wieliczka_2023_Green_Budget.pb", "mes-add1-no-stop", "mes_add1_noexhaustive_stop"),
    ],
)
def test_imported_budget_counts_as_the_reference(name, rule, key):
    reference = json.loads(shared_data("pabulib", "reference_outcomes.json").read_text())[name][key]
    space, staff, pb, budget = imported(name)
    assert Ballot.objects.filter(budget=budget).count() == pb.num_voters
    assert VoterRecord.objects.filter(budget=budget, channel="imported").count() == pb.num_voters
    budget.counting_rule = rule
    budget.save()
    results = services.budget_count(person=staff, budget=budget)
    funded = sorted(tie_id(p) for p in Project.objects.filter(pk__in=results["funded"]))
    assert funded == reference
    marked = Project.objects.filter(budget=budget, status="funded").values_list("external_id", flat=True)
    assert sorted(marked) == funded


def test_export_holds_pseudonymous_ballots_that_count_the_same():
    space, staff, pb, budget = imported("Netherlands_Assen_2024.pb")
    text = budget_export_pabulib(budget=budget)
    again = parse_pabulib(text)
    assert again.num_voters == pb.num_voters
    assert set(again.voter_ids) == {str(n) for n in range(1, pb.num_voters + 1)}
    assert not set(again.voter_columns) & {"age", "sex", "voting_method"}
    assert not set(again.voter_ids) & set(pb.voter_ids)
    for rule in ("greedy", "mes", "mes-add1"):
        assert count(again.election(), rule).selected_ids(again.project_ids) == count(pb.election(), rule).selected_ids(
            pb.project_ids
        )


SMALL = """META
key;value
description;Small test
num_projects;2
num_votes;3
budget;100
vote_type;approval
PROJECTS
project_id;cost;name
a;60;Benches
b;50;Trees
VOTES
voter_id;vote;age
1;a;30
2;a,b;41
3;b;52
"""


def test_staff_import_a_file_in_the_browser_and_anyone_downloads_the_export(client):
    space, staff = budget_space()
    client.force_login(staff)
    upload = SimpleUploadedFile("small.pb", SMALL.encode())
    response = client.post(reverse("budgets:import", kwargs={"slug": space.slug}), {"file": upload, "title": ""})
    assert response.status_code == 302
    budget = space.budgets.get()
    assert (budget.title, budget.amount, budget.projects.count(), budget.ballots.count()) == ("Small test", 100, 2, 3)
    assert budget.rules_frozen
    export = reverse("budgets:export", kwargs={"slug": space.slug, "budget_id": budget.pk})
    assert client.get(export).status_code == 404  # not before the results are published
    change_phases(space, activities=[])
    budget.refresh_from_db()
    services.budget_count(person=staff, budget=budget)
    client.logout()
    text = client.get(export).content.decode()
    again = parse_pabulib(text)
    assert again.num_voters == 3 and "age" not in again.voter_columns


def test_a_broken_file_is_refused_with_the_line_and_changes_nothing(client):
    space, staff = budget_space()
    client.force_login(staff)
    broken = SMALL.replace("a;60;Benches", "a;sixty;Benches")
    upload = SimpleUploadedFile("broken.pb", broken.encode())
    response = client.post(reverse("budgets:import", kwargs={"slug": space.slug}), {"file": upload})
    assert response.status_code == 400
    assert "line 10" in response.content.decode()
    assert not space.budgets.exists()


def test_citizens_cannot_import(client):
    space, _staff = budget_space()
    client.force_login(PersonFactory())
    upload = SimpleUploadedFile("small.pb", SMALL.encode())
    assert client.post(reverse("budgets:import", kwargs={"slug": space.slug}), {"file": upload}).status_code == 403
    assert not space.budgets.exists()
