"""Counting a budget's ballots with `cocreate.algorithms`, and what the results page shows:
funded and not funded with the reason for each project, spend per district and category, the
share of voters who got at least one project they voted for, and the rule in plain words."""

from collections import defaultdict

import numpy as np
from django.utils.translation import gettext as _

from cocreate.algorithms.budget_counting import Election, Reason, VoteType, count
from cocreate.budgets.ballots import money
from cocreate.budgets.models import Ballot, BallotKind, Budget, CountingRule, Project, ProjectStatus

VOTE_TYPES = {
    BallotKind.APPROVAL: VoteType.APPROVAL,
    BallotKind.KNAPSACK: VoteType.APPROVAL,
    BallotKind.CUMULATIVE: VoteType.CUMULATIVE,
    BallotKind.RANKED: VoteType.ORDINAL,
}
ON_BALLOT = (ProjectStatus.FEASIBLE, ProjectStatus.FUNDED, ProjectStatus.NOT_FUNDED)


def tie_id(project: Project) -> str:
    """The id that breaks ties (first as a string wins): the Pabulib id for imported projects,
    so that a counted import gives the same result as the file."""
    return project.external_id or str(project.pk)


def election_of(budget: Budget) -> tuple[Election, list[Project], np.ndarray]:
    """The budget's projects and ballots as arrays. Also returns the projects (in the arrays'
    order) and, per ballot, its start in the entries."""
    projects = list(budget.projects.filter(status__in=ON_BALLOT, hidden_at__isnull=True).order_by("pk"))
    number = {p.pk: j for j, p in enumerate(projects)}
    starts, entries, points = [0], [], []
    for choices in Ballot.objects.filter(budget=budget).values_list("choices", flat=True).iterator(chunk_size=5000):
        for project_id, score in choices:
            if project_id in number:  # a project hidden after the vote is left out
                entries.append(number[project_id])
                points.append(score)
        starts.append(len(entries))
    vote_type = VOTE_TYPES[budget.ballot_kind]
    election = Election(
        project_ids=[tie_id(p) for p in projects],
        costs=np.array([float(p.final_cost) for p in projects], dtype=np.float64),
        budget=float(budget.amount),
        vote_type=vote_type,
        vote_starts=np.array(starts, dtype=np.int64),
        vote_projects=np.array(entries, dtype=np.int64),
        vote_points=np.array(points, dtype=np.float64) if vote_type == VoteType.CUMULATIVE else None,
    )
    return election, projects, election.vote_starts


def count_budget(budget: Budget) -> dict:
    """Count with the budget's rule; the result as stored in `Budget.results` (JSON)."""
    election, projects, starts = election_of(budget)
    outcome = count(election, budget.counting_rule)
    funded = set(outcome.selected.tolist())
    # Voters with at least one funded project among those they chose.
    voter_of_entry = np.repeat(np.arange(election.num_voters), np.diff(starts))
    chosen_funded = np.isin(election.vote_projects, sorted(funded))
    satisfied = int(np.unique(voter_of_entry[chosen_funded]).size)
    voters = int(election.num_voters)
    order = outcome.funding_order.tolist()
    return {
        "rule": str(outcome.rule),
        "voters": voters,
        "satisfied": satisfied,
        "spent": float(outcome.cost),
        "voter_budget": outcome.voter_budget,
        "increments": outcome.increments,
        "funded": [projects[j].pk for j in outcome.selected.tolist()],
        "projects": [
            {
                "id": p.pk,
                "cost": float(p.final_cost),
                "score": float(outcome.scores[j]),
                "supporters": int(outcome.supporters[j]),
                "reason": str(outcome.reasons[j]),
                "order": int(order[j]),
                "money_left": float(outcome.money_left[j]),
            }
            for j, p in enumerate(projects)
        ],
    }


def explain_rule(budget: Budget) -> str:
    """How the budget's votes are counted, in words a voter understands."""
    rule = budget.counting_rule
    if rule == CountingRule.GREEDY:
        return _(
            "Projects are funded in order of the votes they received. When the next project costs more than "
            "the money left, it is skipped and the next one that fits is funded."
        )
    text = _(
        "The Method of Equal Shares: the budget is divided equally between the voters, and each project "
        "is paid for by the people who voted for it, sharing its cost. Projects are funded one by one, "
        "choosing each time the one its voters can pay for with the smallest share each. A large group of "
        "voters gets a large share of the budget, but a smaller group also gets its fair share."
    )
    if rule == CountingRule.MES_ADD1:
        text += " " + _(
            "If money is left over, every voter's share is raised a little at a time and the count is run "
            "again, until no more projects fit or the budget would be overspent."
        )
    elif rule == CountingRule.MES_ADD1_NO_STOP:
        text += " " + _(
            "If money is left over, every voter's share is raised a little at a time and the count is run "
            "again, as long as the budget is not overspent."
        )
    return text


def _reason_text(row: dict, budget: Budget) -> str:
    reason, currency = row["reason"], budget.currency
    if reason == Reason.FUNDED:
        if budget.counting_rule == CountingRule.GREEDY:
            if not row["supporters"]:
                return _("Funded: no ballot chose it, but it fitted in the money left after every project voted for.")
            return _("Funded: it had more votes than the projects after it, and it fitted in the money left.")
        return _("Funded: its voters' shares together covered its cost.")
    if reason == Reason.FUNDED_WITH_MONEY_LEFT:
        return _("Funded with the money left over, in order of votes.")
    if reason == Reason.NO_SUPPORT:
        return _("Not funded: no ballot chose it.")
    if reason == Reason.DID_NOT_FIT:
        return _("Not funded: when its turn came, it cost more than the money left (%(left)s).") % {
            "left": money(round(row["money_left"]), currency)
        }
    return _(
        "Not funded: the people who voted for it had spent most of their shares on projects they also chose; "
        "together they had %(left)s left of the %(cost)s it costs."
    ) % {"left": money(round(row["money_left"]), currency), "cost": money(row["cost"], currency)}


def _chart(title: str, rows: dict, total: float, currency: str) -> dict:
    items = sorted(rows.items(), key=lambda item: (-item[1], item[0]))
    return {
        "title": title,
        "rows": [
            (label, money(round(amount), currency), round(100 * amount / total) if total else 0)
            for label, amount in items
        ],
    }


def results_page(budget: Budget) -> dict:
    """What the results page shows, from the stored count."""
    from cocreate.budgets.selectors import ballot_aggregates, turnout

    results = budget.results or {}
    rows = {row["id"]: row for row in results.get("projects", [])}
    projects = Project.objects.filter(pk__in=list(rows)).select_related("budget")
    funded, not_funded = [], []
    by_district, by_category = defaultdict(float), defaultdict(float)
    for project in projects:
        project.budget = budget
        project.space = budget.space
        row = rows[project.pk]
        item = {
            "project": project,
            "cost": money(row["cost"], budget.currency),
            "score": round(row["score"], 2) if row["score"] % 1 else int(row["score"]),
            "supporters": row["supporters"],
            "reason": _reason_text(row, budget),
            "order": row["order"],
        }
        if row["order"] >= 0:
            funded.append(item)
            by_district[project.district or _("Whole area")] += row["cost"]
            by_category[project.category or _("No category")] += row["cost"]
        else:
            not_funded.append(item)
    funded.sort(key=lambda item: item["order"])
    not_funded.sort(key=lambda item: (-item["supporters"], item["project"].title))
    spent = results.get("spent", 0.0)
    voters = results.get("voters", 0)
    charts = [
        _chart(_("Money for funded projects, by district"), by_district, spent, budget.currency),
        _chart(_("Money for funded projects, by category"), by_category, spent, budget.currency),
    ]
    aggregates = [
        (attribute, ballot_aggregates(budget=budget, attribute=attribute)) for attribute in ("district", "age", "sex")
    ]
    return {
        "funded": funded,
        "not_funded": not_funded,
        "charts": [c for c in charts if c["rows"]],
        "spent": money(round(spent), budget.currency),
        "left": money(round(float(budget.amount) - spent), budget.currency),
        "voters": voters,
        "satisfied_share": round(100 * results.get("satisfied", 0) / voters) if voters else 0,
        "turnout": turnout(budget=budget),
        "aggregates": [(attribute, rows) for attribute, rows in aggregates if rows],
        "rule_explained": explain_rule(budget),
    }
