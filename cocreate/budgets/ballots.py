"""What makes a ballot valid for a budget, and the keyed hashes that keep voters apart from
their ballots. No database writes here: `services.py` calls these inside its transactions."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.budgets.models import BallotKind, Budget

# Voting codes: no 0/O, 1/I/L, so they can be read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


@dataclass(frozen=True)
class BallotSummary:
    """A checked ballot: [project id, score] in the voter's order, and what it adds up to."""

    choices: list[list[int]]
    cost: Decimal
    points: int


def ballot_check(budget: Budget, projects: dict[int, object], raw: list[tuple[int, int]]) -> BallotSummary:
    """Check a ballot against the budget's rules. `projects` maps the ids of the projects on the
    ballot to the projects; `raw` is (project id, score) in the voter's order (score: 1 for a
    choice, the points given, or the rank). Raises ValidationError with a message a voter can
    act on; returns the ballot as it will be stored."""
    seen: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for project_id, score in raw:
        if project_id not in projects:
            raise ValidationError(
                _("One of the projects you chose is not on this ballot. Reload the page and choose again.")
            )
        if project_id in seen:
            raise ValidationError(_("A project appears twice on your ballot."))
        seen.add(project_id)
        if score < 0:
            raise ValidationError(_("Points cannot be negative."))
        if score == 0 and budget.ballot_kind == BallotKind.CUMULATIVE:
            continue  # a project left at 0 points is simply not chosen
        chosen.append((project_id, score))

    kind = budget.ballot_kind
    if kind == BallotKind.RANKED:
        # Ranks given as numbers 1, 2, 3…: store in rank order; ranks must be 1..n without gaps.
        ranks = sorted(score for _pid, score in chosen)
        if ranks != list(range(1, len(chosen) + 1)):
            raise ValidationError(_("Number your choices 1, 2, 3… in order of preference, without gaps or repeats."))
        chosen.sort(key=lambda pair: pair[1])
        choices = [[pid, 1] for pid, _rank in chosen]
    elif kind == BallotKind.CUMULATIVE:
        choices = [[pid, int(score)] for pid, score in chosen]
    else:
        choices = [[pid, 1] for pid, _score in chosen]

    count = len(choices)
    cost = sum((projects[pid].final_cost for pid, _s in choices), Decimal(0))
    points = sum(score for _pid, score in choices)
    if count == 0:
        raise ValidationError(_("Your ballot is empty: choose at least one project."))
    if count < budget.min_projects:
        raise ValidationError(
            ngettext("Choose at least %(n)s project.", "Choose at least %(n)s projects.", budget.min_projects)
            % {"n": budget.min_projects}
        )
    if budget.max_projects and count > budget.max_projects:
        raise ValidationError(
            ngettext(
                "Choose at most %(n)s project; you chose %(chosen)s.",
                "Choose at most %(n)s projects; you chose %(chosen)s.",
                budget.max_projects,
            )
            % {"n": budget.max_projects, "chosen": count}
        )
    if kind == BallotKind.KNAPSACK:
        if cost > budget.amount:
            raise ValidationError(
                _("Your choices cost %(cost)s, more than the %(amount)s available. Remove a project.")
                % {"cost": money(cost, budget.currency), "amount": money(budget.amount, budget.currency)}
            )
        floor = budget.amount * budget.min_spend_percent / 100
        if cost < floor:
            raise ValidationError(
                _("Choose projects worth at least %(floor)s (%(percent)s%% of the budget); yours come to %(cost)s.")
                % {
                    "floor": money(floor, budget.currency),
                    "percent": budget.min_spend_percent,
                    "cost": money(cost, budget.currency),
                }
            )
    if kind == BallotKind.CUMULATIVE and points > budget.points:
        raise ValidationError(
            _("You gave %(given)s points; you have %(points)s to share out.")
            % {"given": points, "points": budget.points}
        )
    return BallotSummary(choices=choices, cost=cost, points=points)


def money(amount, currency: str) -> str:
    value = Decimal(amount).quantize(Decimal(1)) if Decimal(amount) == int(amount) else Decimal(amount)
    return f"{value:,} {currency}"


def _keyed(*parts: object) -> str:
    message = ":".join(str(p) for p in parts).encode()
    key = hashlib.sha256(b"cocreate-ballots:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def change_key(budget_id: int, person_id: int) -> str:
    """What lets a voter find their own ballot again, and nobody else: without the site's
    secret it cannot be recomputed from the person's id."""
    return _keyed("change", budget_id, person_id)


def new_voting_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def code_hash(budget_id: int, code: str) -> str:
    return _keyed("code", budget_id, normalise_code(code))


def format_code(code: str) -> str:
    """ABCDE-FGHJK: easier to read out and type."""
    return f"{code[:5]}-{code[5:]}"
