"""Reads for participatory budgets, each page in a fixed number of queries."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from cocreate.budgets.models import (
    Ballot,
    Budget,
    ChangeSuggestion,
    DeliveryUpdate,
    Project,
    ProjectFollow,
    ProjectStatus,
    VoterRecord,
)
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can, roles_in

ON_BALLOT = (ProjectStatus.FEASIBLE, ProjectStatus.FUNDED, ProjectStatus.NOT_FUNDED)
# Aggregates about voters are shown only for groups at least this large.
MIN_GROUP = 10


def budget_list(*, space: Space) -> list[Budget]:
    return list(
        Budget.objects.filter(space=space).annotate(
            projects_on_ballot=Count("projects", filter=Q(projects__status__in=ON_BALLOT)),
            projects_proposed=Count("projects", filter=~Q(projects__status=ProjectStatus.WITHDRAWN)),
        )
    )


def budget_for_page(*, space: Space, budget_id: int) -> Budget:
    budget = Budget.objects.filter(space=space, pk=budget_id).first()
    if budget is None:
        raise Http404
    budget.space = space
    return budget


def project_list(*, budget: Budget, viewer, status: str = "", district: str = "", category: str = "") -> QuerySet:
    """Projects of a budget as the viewer may see them: hidden ones only for moderators, and
    proposals awaiting review for everyone (they are public from the start)."""
    projects = Project.objects.filter(budget=budget).select_related("proposed_by").order_by("title", "pk")
    if "moderator" not in roles_in(viewer, budget.space):
        projects = projects.filter(hidden_at__isnull=True)
    if status:
        projects = projects.filter(status=status)
    if district:
        projects = projects.filter(district=district)
    if category:
        projects = projects.filter(category=category)
    return projects


def project_filters(*, budget: Budget) -> dict:
    rows = Project.objects.filter(budget=budget, hidden_at__isnull=True).values_list("district", "category")
    return {
        "districts": sorted({d for d, _c in rows if d}),
        "categories": sorted({c for _d, c in rows if c}),
    }


def project_for_page(*, space: Space, project_id: int, viewer) -> Project:
    project = (
        Project.objects.filter(space=space, pk=project_id)
        .select_related("budget", "proposed_by", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "suggestions",
                queryset=ChangeSuggestion.objects.filter(hidden_at__isnull=True).select_related("author"),
            ),
            Prefetch("updates", queryset=DeliveryUpdate.objects.select_related("author")),
        )
        .first()
    )
    if project is None or not can(viewer, "view", project):
        raise Http404
    project.space = project.budget.space = space
    return project


def is_following(*, person, project: Project) -> bool:
    return person.is_authenticated and ProjectFollow.objects.filter(person=person, project=project).exists()


def turnout(*, budget: Budget) -> dict:
    """How many voted, by channel: never who chose what."""
    by_channel = dict(
        VoterRecord.objects.filter(budget=budget).values_list("channel").annotate(n=Count("pk")).order_by()
    )
    return {"total": sum(by_channel.values()), "by_channel": by_channel}


def ballot_aggregates(*, budget: Budget, attribute: str) -> list[tuple[str, int]]:
    """Ballots per value of a voter attribute (district, age group…), leaving out groups of
    fewer than MIN_GROUP ballots (they are summed into one "other" row when that row is big
    enough itself, and dropped otherwise)."""
    counts = Counter(
        str(value)
        for value in Ballot.objects.filter(budget=budget).values_list(f"attributes__{attribute}", flat=True)
        if value not in (None, "")
    )
    shown = sorted((value, n) for value, n in counts.items() if n >= MIN_GROUP)
    small = sum(n for n in counts.values() if n < MIN_GROUP)
    if small >= MIN_GROUP:
        shown.append(("other", small))
    return shown


AGE_GROUPS = ((18, "under 18"), (30, "18–29"), (45, "30–44"), (65, "45–64"))


def age_group(value) -> str:
    """Ages are shown in groups, never one by one."""
    try:
        age = int(float(str(value)))
    except ValueError:
        return str(value)
    for limit, name in AGE_GROUPS:
        if age < limit:
            return name
    return "65+"


def delivery_list(*, space: Space) -> list[Project]:
    """Funded projects with their latest update, for the delivery page."""
    return list(
        Project.objects.filter(space=space, status=ProjectStatus.FUNDED, hidden_at__isnull=True)
        .select_related("budget")
        .prefetch_related(Prefetch("updates", queryset=DeliveryUpdate.objects.order_by("-created_at", "-pk")))
        .order_by("budget__position", "title")
    )
