"""Pabulib files in and out of a budget space: import a `.pb` file's projects and pseudonymous
ballots as a new budget; export a budget as `.pb` holding pseudonymous ballots only (voters
numbered in a random order, no attributes: those appear only as aggregates on the results page).
"""

import uuid
from decimal import Decimal

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person
from cocreate.algorithms.pabulib import PabulibFile
from cocreate.algorithms.pabulib import write_pabulib as write_text
from cocreate.budgets.models import (
    Ballot,
    BallotKind,
    Budget,
    Channel,
    CountingRule,
    Project,
    ProjectStatus,
    VoterRecord,
)
from cocreate.budgets.results import ON_BALLOT, VOTE_TYPES, tie_id
from cocreate.spaces.models import Origin, Space, SpaceKind
from cocreate.spaces.permissions import ensure_can
from cocreate.spaces.services import log_action

BALLOT_KINDS = {
    "approval": BallotKind.APPROVAL,
    "choose-1": BallotKind.APPROVAL,
    "cumulative": BallotKind.CUMULATIVE,
    "scoring": BallotKind.CUMULATIVE,
    "ordinal": BallotKind.RANKED,
}
# The file's own rule, where it is one of ours; otherwise Equal Shares completed by add1.
RULES = {"greedy": CountingRule.GREEDY, "equalshares": CountingRule.MES, "equalshares/add1": CountingRule.MES_ADD1}
# Voter columns kept on ballots for aggregate figures only.
VOTER_ATTRIBUTES = ("age", "sex", "district", "neighborhood")
BATCH = 2000


def _int_meta(meta: dict, key: str, default: int | None) -> int | None:
    try:
        return int(float(meta[key]))
    except (KeyError, ValueError):
        return default


@transaction.atomic
def budget_import_pabulib(*, person: Person, space: Space, pb: PabulibFile, title: str = "") -> Budget:
    """Add the file as a new budget of `space`: its projects (on the ballot) and its ballots,
    counted once each (re-importing the same file into the same budget is refused)."""
    ensure_can(person, "manage_budget", space)
    if space.kind != SpaceKind.BUDGET:
        raise ValidationError(_("Budgets can be added only to participatory budget spaces."))
    meta = pb.meta
    kind = BALLOT_KINDS.get(pb.vote_type)
    if kind is None:
        raise ValidationError(_("This file's kind of ballot (%(kind)s) is not supported.") % {"kind": pb.vote_type})
    place = " ".join(filter(None, [meta.get("unit", ""), meta.get("subunit", ""), meta.get("instance", "")]))
    title = title or place or meta.get("description", "")
    points = _int_meta(meta, "max_sum_points", None)
    if kind == BallotKind.CUMULATIVE and points is None and pb.vote_points is not None and len(pb.vote_points):
        sums = np.add.reduceat(pb.vote_points, pb.vote_starts[:-1]) if pb.num_voters else [0]
        points = int(max(sums))
    max_projects = _int_meta(meta, "max_length", None)
    min_projects = _int_meta(meta, "min_length", 1) or 0
    budget = Budget.objects.create(
        space=space,
        title=(title or _("Imported budget"))[:200],
        description=meta.get("description", "")[:2000],
        amount=Decimal(str(pb.budget)).quantize(Decimal("0.01")),
        currency=(meta.get("currency") or "EUR")[:3].upper(),
        ballot_kind=kind,
        min_projects=min_projects,
        max_projects=max_projects if max_projects and max_projects >= max(min_projects, 1) else None,
        points=min(points or 10, 32767),
        counting_rule=RULES.get(meta.get("rule", ""), CountingRule.MES_ADD1),
        rules_frozen_at=timezone.now() if pb.num_voters else None,
        position=space.budgets.count(),
    )
    projects = []
    for project_id, cost, fields in zip(pb.project_ids, pb.costs.tolist(), pb.project_fields, strict=True):
        name = fields.get("name") or _("Project %(id)s") % {"id": project_id}
        projects.append(
            Project(
                space=space,
                budget=budget,
                external_id=project_id,
                title=name[:150],
                description=fields.get("description") or name,
                cost=Decimal(str(cost)).quantize(Decimal("0.01")) if cost > 0 else Decimal("0.01"),
                category=(fields.get("categories") or fields.get("category") or "")[:80],
                district=(fields.get("district") or "")[:120],
                place_name=(fields.get("address") or "")[:200],
                origin=Origin.ON_BEHALF,
                entered_by=person,
                status=ProjectStatus.FEASIBLE,
            )
        )
    Project.objects.bulk_create(projects, batch_size=BATCH)
    by_external = dict(Project.objects.filter(budget=budget).values_list("external_id", "pk"))
    number_to_pk = [by_external[project_id] for project_id in pb.project_ids]
    starts, entries = pb.vote_starts.tolist(), pb.vote_projects.tolist()
    scores = pb.vote_points.tolist() if pb.vote_points is not None else None
    attributes = {k: v for k, v in pb.voter_columns.items() if k in VOTER_ATTRIBUTES}
    records, ballots = [], []
    for voter, voter_id in enumerate(pb.voter_ids):
        start, end = starts[voter], starts[voter + 1]
        choices = [
            [number_to_pk[entries[k]], (int(scores[k]) if scores[k] == int(scores[k]) else scores[k]) if scores else 1]
            for k in range(start, end)
        ]
        records.append(VoterRecord(budget=budget, channel=Channel.IMPORTED, external_id=voter_id, entered_by=person))
        ballots.append(
            Ballot(
                id=uuid.uuid4(),
                budget=budget,
                choices=choices,
                attributes={k: column[voter] for k, column in attributes.items() if column[voter]},
            )
        )
        if len(records) >= BATCH:
            VoterRecord.objects.bulk_create(records)
            Ballot.objects.bulk_create(ballots)
            records, ballots = [], []
    VoterRecord.objects.bulk_create(records)
    Ballot.objects.bulk_create(ballots)
    log_action(actor=person, action="budget_import_pabulib", space=space, target=budget, voters=pb.num_voters)
    Space.objects.filter(pk=space.pk).update(version=F("version") + 1)
    return budget


def budget_export_pabulib(*, budget: Budget) -> str:
    """The budget as a Pabulib file: projects on the ballot, and pseudonymous ballots (numbered
    1…n in the random order of their ids; no voter attributes)."""
    projects = list(budget.projects.filter(status__in=ON_BALLOT, hidden_at__isnull=True).order_by("pk"))
    number = {p.pk: j for j, p in enumerate(projects)}
    starts, entries, points = [0], [], []
    ballots = Ballot.objects.filter(budget=budget).order_by("id").values_list("choices", flat=True)
    for choices in ballots.iterator(chunk_size=5000):
        for project_id, score in choices:
            if project_id in number:
                entries.append(number[project_id])
                points.append(score)
        starts.append(len(entries))
    vote_type = {"approval": "approval", "cumulative": "cumulative", "ordinal": "ordinal"}[
        str(VOTE_TYPES[budget.ballot_kind])
    ]
    funded = set((budget.results or {}).get("funded", [])) if budget.results_published_at else set()
    meta = {
        "description": budget.title,
        "unit": budget.space.title,
        "num_projects": str(len(projects)),
        "num_votes": str(len(starts) - 1),
        "budget": _plain(budget.amount),
        "vote_type": vote_type,
        "rule": {"greedy": "greedy", "mes": "equalshares", "mes-add1": "equalshares/add1"}.get(
            budget.counting_rule, budget.counting_rule
        ),
        "currency": budget.currency,
    }
    if budget.min_projects:
        meta["min_length"] = str(budget.min_projects)
    if budget.max_projects:
        meta["max_length"] = str(budget.max_projects)
    if budget.ballot_kind == BallotKind.CUMULATIVE:
        meta["max_sum_points"] = str(budget.points)
    columns = ["name", "category", "district", "selected"]
    pb = PabulibFile(
        meta=meta,
        project_ids=[tie_id(p) for p in projects],
        costs=np.array([float(p.final_cost) for p in projects], dtype=np.float64),
        project_columns=columns,
        project_fields=[
            {
                "name": p.title,
                "category": p.category,
                "district": p.district,
                "selected": "1" if p.pk in funded else "0",
            }
            for p in projects
        ],
        voter_ids=[str(n) for n in range(1, len(starts))],
        vote_starts=np.array(starts, dtype=np.int64),
        vote_projects=np.array(entries, dtype=np.int64),
        vote_points=np.array(points, dtype=np.float64) if vote_type == "cumulative" else None,
    )
    return write_text(pb)


def _plain(amount) -> str:
    value = Decimal(amount)
    return str(int(value)) if value == value.to_integral_value() else str(value)
