"""Porto Alegre's participatory budget in the demo: a whole 2026 cycle with results and delivery
updates, and the 2027 cycle open for proposals."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cocreate.accounts.models import Person
from cocreate.algorithms.budget_counting import count
from cocreate.budgets.models import (
    Ballot,
    ChangeSuggestion,
    DeliveryUpdate,
    Project,
    ProjectStatus,
    SuggestionStatus,
    VoterRecord,
)
from cocreate.budgets.results import election_of
from cocreate.demo import budgets as budget_demo
from cocreate.demo import content
from cocreate.notifications.models import Notification
from cocreate.spaces.models import Origin, Resident, Space
from cocreate.spaces.permissions import can

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (it takes seconds) and committed as `cocreate demo`
    commits it, so that the notifications queued after the commit are made too. Each test
    runs in a transaction rolled back on top of it; the tables are emptied at the end."""
    output = io.StringIO()
    with django_db_blocker.unblock():
        call_command("demo", stdout=output)
    yield output.getvalue()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo(loaded, db):
    return loaded


def _space(spec: dict) -> Space:
    return Space.objects.get(title=spec["title"])


def test_the_2026_cycle_is_complete(demo):
    space = _space(budget_demo.CYCLE_2026)
    assert space.kind == "budget" and space.content_language == "pt-br"
    assert space.residency_required_for == ["vote"]
    budgets = list(space.budgets.all())
    assert [b.title for b in budgets] == [b["title"] for b in budget_demo.CYCLE_2026["budgets"]]
    states = [phase.state() for phase in space.phase_list()]
    assert states == ["closed"] * 4 + ["open"], "the vote is over and delivery is under way"
    assert Resident.objects.filter(space=space).count() > 500
    assert Resident.objects.filter(space=space, verified_at__isnull=False).count() == 5
    for budget in budgets:
        assert budget.currency == "BRL" and budget.results_published_at and budget.rules_frozen_at
        statuses = set(budget.projects.values_list("status", flat=True))
        assert {ProjectStatus.FUNDED, ProjectStatus.NOT_FUNDED} <= statuses, budget.title
        assert ProjectStatus.FEASIBLE not in statuses and ProjectStatus.PROPOSED not in statuses
        assert budget.ballots.count() == budget.voter_records.count() == budget.results["voters"]
        channels = set(budget.voter_records.values_list("channel", flat=True))
        assert channels == {"online", "code", "paper"}, budget.title
        assert budget.results["spent"] <= float(budget.amount)
    assert Ballot.objects.filter(budget__space=space).count() > 300
    assert not Ballot.objects.filter(budget__space=space, change_key__isnull=False).exists(), "ballots sealed"
    # Reviews, suggested changes and proposals made at the assemblies.
    projects = Project.objects.filter(space=space)
    not_feasible = projects.filter(status=ProjectStatus.NOT_FEASIBLE)
    assert not_feasible.count() == 2 and all(len(p.review_note) > 50 for p in not_feasible)
    assert projects.filter(reviewed_cost__isnull=False).count() >= 3
    assert projects.filter(origin=Origin.ON_BEHALF).exclude(event_name="").exists()
    assert projects.filter(origin=Origin.ONLINE, proposed_by__isnull=False).exists()
    decided = set(ChangeSuggestion.objects.filter(space=space).values_list("status", flat=True))
    assert decided == {SuggestionStatus.ACCEPTED, SuggestionStatus.DECLINED}
    assert projects.get(title__startswith="Praça com brinquedos").cost == 295_000, "the accepted change applied"
    # Delivery: every funded project has news, and only funded projects do.
    funded = projects.filter(status=ProjectStatus.FUNDED)
    assert funded.count() >= 10
    assert (
        DeliveryUpdate.objects.filter(project__space=space).exclude(project__status=ProjectStatus.FUNDED).count() == 0
    )
    assert all(p.updates.exists() for p in funded)
    assert funded.filter(delivery_stage="delivered", progress=100).exists()
    assert funded.filter(delivery_stage="under_way").exists()
    # The story's own delivery updates are for projects the count funds (it is seeded).
    with_updates = [p["title"] for b in budget_demo.CYCLE_2026["budgets"] for p in b["projects"] if p.get("delivery")]
    assert set(with_updates) <= set(funded.values_list("title", flat=True))
    assert all(p.followers_count == p.follows.count() for p in projects), "counters match the rows"
    told = Notification.objects.filter(project__space=space)
    assert {"project_reviewed", "suggestion_decided", "project_funded", "delivery_update"} <= set(
        told.values_list("kind", flat=True)
    )
    assert sum(p.followers_count for p in projects) >= 20


def test_equal_shares_funds_what_counting_the_most_votes_would_not(demo):
    space = _space(budget_demo.CYCLE_2026)
    differs = []
    for budget in space.budgets.all():
        election, projects, _starts = election_of(budget)
        greedy = {projects[j].pk for j in count(election, "greedy").selected.tolist()}
        assert greedy, budget.title
        if greedy != set(budget.results["funded"]):
            differs.append(budget.title)
    assert "Região Restinga" in differs, "the minority's crèche is funded by Equal Shares only"
    creche = Project.objects.get(space=space, title__startswith="Ampliação da EMEI")
    quadra = Project.objects.get(space=space, title__startswith="Cobertura e reforma da quadra")
    results = {row["id"]: row for row in creche.budget.results["projects"]}
    assert creche.status == ProjectStatus.FUNDED and quadra.status == ProjectStatus.NOT_FUNDED
    assert results[quadra.pk]["supporters"] > results[creche.pk]["supporters"]


def test_the_demo_residents_voted_and_secrecy_holds(demo):
    space = _space(budget_demo.CYCLE_2026)
    for key, votes in budget_demo.CYCLE_2026["online_votes"].items():
        person = Person.objects.get(email=next(p["email"] for p in content.PEOPLE if p["key"] == key))
        records = VoterRecord.objects.filter(budget__space=space, person=person)
        assert records.count() == len(votes) and set(records.values_list("channel", flat=True)) == {"online"}
    # Ballots entered by staff name no one: the record says who voted, the ballot what was chosen.
    assert VoterRecord.objects.filter(budget__space=space, channel="paper", entered_by__isnull=False).exists()


def test_the_2027_cycle_is_open_for_proposals(demo):
    space = _space(budget_demo.CYCLE_2027)
    assert [phase.state() for phase in space.phase_list()] == ["open", "upcoming", "upcoming", "upcoming"]
    assert space.budgets.count() == 4
    waiting = Project.objects.filter(space=space, status=ProjectStatus.PROPOSED)
    assert waiting.count() == len(budget_demo.CYCLE_2027["projects"])
    assert ChangeSuggestion.objects.filter(space=space, status=SuggestionStatus.OPEN).exists()
    visitor = Person.objects.create_user("visitor@example.org", "a password for a visitor")
    budget = space.budgets.first()
    assert can(visitor, "propose_project", budget)
    assert not can(visitor, "vote", budget)


def test_the_budget_pages_show_the_cycle(client, demo):
    space = _space(budget_demo.CYCLE_2026)
    budget = space.budgets.get(title="Região Restinga")
    page = client.get(reverse("spaces:detail", args=[space.slug])).content.decode()
    assert "Região Restinga" in page and "Temática: Saúde e Assistência Social" in page
    results = client.get(reverse("budgets:results", args=[space.slug, budget.pk]))
    assert results.status_code == 200 and "Ampliação da EMEI Pequeno Príncipe" in results.content.decode()
    delivery = client.get(reverse("budgets:delivery", args=[space.slug]))
    assert delivery.status_code == 200 and "Pavimentação das ruas do Núcleo Esperança" in delivery.content.decode()
    project = Project.objects.get(space=space, title__startswith="Pavimentação das ruas")
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Drenagem concluída" in page and "bloquete" in page
    staff = next(p for p in content.PEOPLE if p["key"] == "claudia")
    assert staff["email"] in demo
    client.post(reverse("account_login"), {"login": staff["email"], "password": content.PASSWORD})
    later = _space(budget_demo.CYCLE_2027)
    waiting = Project.objects.filter(space=later).first()
    assert client.get(reverse("budgets:review", args=[later.slug, waiting.pk])).status_code == 200
