"""Participatory budgets: budgets, projects, your own ballot, results. Nothing here says who
voted for what: results are totals, and the ballot endpoints only ever show the caller's own."""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.budgets import selectors, services
from cocreate.budgets.models import BallotKind, Budget, CountingRule, DeliveryStage, Project, ProjectStatus
from cocreate.budgets.results import explain_rule

router = Router(tags=["budgets"])


class BudgetOut(Schema):
    id: int
    space: str = Field(description="slug of its space")
    title: str
    description: str
    amount: Decimal
    currency: str
    voters_district: str = Field(description="only residents of this district vote in it; empty for everyone")
    ballot_kind: BallotKind
    min_projects: int
    max_projects: int | None
    min_spend_percent: int
    points: int
    counting_rule: CountingRule
    counting_rule_explained: str
    rules_frozen: bool = Field(description="true once the first ballot is cast")
    results_published_at: datetime | None

    @staticmethod
    def resolve_space(budget: Budget):
        return budget.space.slug

    @staticmethod
    def resolve_counting_rule_explained(budget: Budget):
        return explain_rule(budget)


class ProjectOut(Schema):
    id: int
    budget: int
    title: str
    description: str
    cost: Decimal = Field(description="the cost on the ballot: staff's estimate when there is one")
    proposed_cost: Decimal
    benefits: str
    disruption: str
    schedule: str
    place_name: str
    category: str
    district: str
    status: ProjectStatus
    review_note: str
    delivery_stage: DeliveryStage
    progress: int
    url: str

    @staticmethod
    def resolve_budget(project: Project):
        return project.budget_id

    @staticmethod
    def resolve_cost(project: Project):
        return project.final_cost

    @staticmethod
    def resolve_proposed_cost(project: Project):
        return project.cost

    @staticmethod
    def resolve_url(project: Project, context):
        return context["request"].build_absolute_uri(project.get_absolute_url())


class ChoiceIn(Schema):
    project: Id
    score: int = Field(1, ge=0, le=1000, description="1 to choose; the points given; or the rank (1 = first)")


class BallotIn(Schema):
    choices: list[ChoiceIn] = Field(max_length=500)


class BallotOut(Schema):
    budget: int
    choices: list[list[int]] = Field(description="[project id, score] in your order (ranked: order of preference)")
    changeable: bool = Field(description="you can change it until the vote closes")


class ProjectResultOut(Schema):
    project: int
    cost: float
    score: float = Field(description="total score: ballots choosing it, points given, or Borda score")
    supporters: int = Field(description="ballots that chose it")
    funded: bool
    reason: str = Field(description="funded, funded-with-money-left, did-not-fit, supporters-ran-out, no-support")


class ResultsOut(Schema):
    budget: int
    rule: CountingRule
    voters: int
    spent: float
    satisfied_voters: int = Field(description="voters with at least one funded project they voted for")
    projects: list[ProjectResultOut]


def _budget(request, slug: str, budget_id: int) -> Budget:
    return selectors.budget_for_page(space=readable_space(request, slug), budget_id=budget_id)


@router.get("/spaces/{slug}/budgets", response=list[BudgetOut], auth=ANYONE, summary="Budgets of a space")
def list_budgets(request, slug: str):
    space = readable_space(request, slug)
    budgets = selectors.budget_list(space=space)
    for budget in budgets:
        budget.space = space
    return budgets


@router.get("/spaces/{slug}/budgets/{budget_id}", response=BudgetOut, auth=ANYONE)
def get_budget(request, slug: str, budget_id: int):
    return _budget(request, slug, budget_id)


@router.get("/spaces/{slug}/budgets/{budget_id}/projects", response=list[ProjectOut], auth=ANYONE)
@paginate(Pages)
def list_projects(request, slug: str, budget_id: int, status: ProjectStatus | None = None):
    budget = _budget(request, slug, budget_id)
    projects = selectors.project_list(budget=budget, viewer=request.auth, status=status or "")
    return _Sharing(projects, budget)


class _Sharing:
    """Hands out the projects with the already-loaded budget and space (no query per project)."""

    def __init__(self, queryset, budget):
        self.queryset, self.budget = queryset, budget

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        projects = list(self.queryset[window])
        for project in projects:
            project.budget, project.space = self.budget, self.budget.space
        return projects


@router.get("/spaces/{slug}/budgets/{budget_id}/ballot", response=BallotOut, auth=SIGNED_IN, summary="Your own ballot")
def get_own_ballot(request, slug: str, budget_id: int):
    budget = _budget(request, slug, budget_id)
    ballot = services.own_ballot(person=request.auth, budget=budget)
    if ballot is None:
        raise Http404
    return {"budget": budget.pk, "choices": ballot.choices, "changeable": True}


@router.put(
    "/spaces/{slug}/budgets/{budget_id}/ballot",
    response={200: BallotOut, 201: BallotOut},
    auth=SIGNED_IN,
    summary="Cast your ballot (201), or change it until the vote closes (200)",
)
def cast_ballot(request, slug: str, budget_id: int, payload: BallotIn):
    budget = _budget(request, slug, budget_id)
    choices = [(c.project, c.score) for c in payload.choices]
    ballot, created = services.ballot_cast(person=request.auth, budget=budget, choices=choices)
    return Status(201 if created else 200, {"budget": budget.pk, "choices": ballot.choices, "changeable": True})


@router.get("/spaces/{slug}/budgets/{budget_id}/results", response=ResultsOut, auth=ANYONE)
def get_results(request, slug: str, budget_id: int):
    budget = _budget(request, slug, budget_id)
    if not budget.results_published_at:
        raise Http404
    results = budget.results
    funded = set(results["funded"])
    return {
        "budget": budget.pk,
        "rule": results["rule"] if results["rule"] in CountingRule.values else budget.counting_rule,
        "voters": results["voters"],
        "spent": results["spent"],
        "satisfied_voters": results["satisfied"],
        "projects": [
            {
                "project": row["id"],
                "cost": row["cost"],
                "score": row["score"],
                "supporters": row["supporters"],
                "funded": row["id"] in funded,
                "reason": row["reason"],
            }
            for row in results["projects"]
        ],
    }
