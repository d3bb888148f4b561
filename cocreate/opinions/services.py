"""Writes for opinion maps: statements, their moderation, votes, and updating a space's map."""

from datetime import datetime

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.algorithms.opinion_groups import opinion_groups
from cocreate.opinions.models import (
    STATEMENT_MAX_LENGTH,
    Moderation,
    OpinionMap,
    Statement,
    StatementVote,
    VoteChoice,
)
from cocreate.spaces.models import Origin, Space
from cocreate.spaces.permissions import can, ensure_can

COUNTER = {VoteChoice.AGREE: "agrees_count", VoteChoice.DISAGREE: "disagrees_count", VoteChoice.PASS: "passes_count"}
GROUP_LABELS = "ABCDEFGHIJ"


def votes_per_update() -> int:
    """How many new votes trigger an update of a space's map (setting OPINION_MAP_VOTES_PER_UPDATE)."""
    return int(getattr(settings, "OPINION_MAP_VOTES_PER_UPDATE", 500))


# --- Statements ----------------------------------------------------------------------------


def _clean_text(space: Space, text: str, field: str = "text") -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({field: _("Write your statement: one short sentence people can agree or disagree with.")})
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {
                field: _(
                    "A statement can be at most %(limit)d characters long; yours has %(length)d. "
                    "Keep one idea per statement."
                )
                % {"limit": STATEMENT_MAX_LENGTH, "length": len(text)}
            }
        )
    if Statement.objects.filter(space=space, text__iexact=text).exists():
        raise ValidationError({field: _("This statement is already in the conversation: vote on it instead.")})
    return text


@transaction.atomic
def statement_write(*, person, space: Space, text: str) -> Statement:
    """A participant's statement. It waits for a moderator before people can vote on it, unless
    its author moderates this space."""
    ensure_can(person, "write_statement", space)
    text = _clean_text(space, text)
    trusted = bool(can(person, "moderate_statements", space))
    now = timezone.now()
    return Statement.objects.create(
        space=space,
        text=text,
        author=person,
        origin=Origin.ONLINE,
        moderation=Moderation.ACCEPTED if trusted else Moderation.AWAITING,
        moderated_at=now if trusted else None,
        moderated_by=person if trusted else None,
    )


@transaction.atomic
def statement_seed(*, person, space: Space, text: str, source_idea=None, source_comment=None) -> Statement:
    """A statement the organisers add to start the conversation, or take from an idea or a
    comment of the space (the link is kept). Accepted at once."""
    ensure_can(person, "seed_statements", space)
    for source in (source_idea, source_comment):
        if source is not None and source.space_id != space.pk:
            raise ValidationError(_("Only ideas and comments of this space can become its statements."))
    text = _clean_text(space, text)
    now = timezone.now()
    return Statement.objects.create(
        space=space,
        text=text,
        author=person,
        origin=Origin.ON_BEHALF if (source_idea or source_comment) else Origin.ONLINE,
        entered_by=person,
        is_seed=True,
        moderation=Moderation.ACCEPTED,
        moderated_at=now,
        moderated_by=person,
        source_idea=source_idea,
        source_comment=source_comment,
    )


@transaction.atomic
def statement_moderate(*, person, statement: Statement, moderation: str) -> Statement:
    """Accept a statement, or take it out of the conversation (its votes no longer count in the
    map, as on Pol.is), or put it back to wait."""
    ensure_can(person, "moderate_statements", statement)
    if moderation not in Moderation.values:
        raise ValidationError({"moderation": _("Choose accepted, awaiting or moderated out.")})
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.moderation != moderation:
        statement.moderation = moderation
        statement.moderated_at = timezone.now()
        statement.moderated_by = person
        statement.save(update_fields=["moderation", "moderated_at", "moderated_by", "updated_at"])
    return statement


def statements_recount(*, space: Space) -> None:
    """Count each statement's votes again from the votes (after an import or a bulk load)."""
    counts = Statement.objects.filter(space=space).annotate(
        agrees=Count("votes", filter=Q(votes__choice=1)),
        disagrees=Count("votes", filter=Q(votes__choice=-1)),
        passes=Count("votes", filter=Q(votes__choice=0)),
    )
    changed = []
    for statement in counts:
        if (statement.agrees_count, statement.disagrees_count, statement.passes_count) != (
            statement.agrees,
            statement.disagrees,
            statement.passes,
        ):
            statement.agrees_count = statement.agrees
            statement.disagrees_count = statement.disagrees
            statement.passes_count = statement.passes
            changed.append(statement)
    Statement.objects.bulk_update(changed, ["agrees_count", "disagrees_count", "passes_count"], batch_size=500)


# --- Votes ---------------------------------------------------------------------------------


def _choice(choice) -> int:
    if isinstance(choice, str):
        names = {"agree": VoteChoice.AGREE, "disagree": VoteChoice.DISAGREE, "pass": VoteChoice.PASS}
        if choice in names:
            return int(names[choice])
        try:
            choice = int(choice)
        except ValueError:
            choice = None
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose agree, disagree or pass.")})
    return int(choice)


@transaction.atomic
def statement_vote(*, person, statement: Statement, choice) -> StatementVote:
    """Record `person`'s vote on `statement`: agree, disagree or pass. One vote per person per
    statement: voting again replaces the earlier vote (and the counters move with it)."""
    ensure_can(person, "vote_statement", statement)
    value = _choice(choice)
    now = timezone.now()
    vote = StatementVote.objects.select_for_update().filter(statement=statement, person=person).first()
    if vote is None:
        try:
            with transaction.atomic():
                vote = StatementVote.objects.create(
                    space_id=statement.space_id, statement=statement, person=person, choice=value, voted_at=now
                )
        except IntegrityError:  # the same person voting twice at once: the other request won
            vote = StatementVote.objects.select_for_update().get(statement=statement, person=person)
        else:
            Statement.objects.filter(pk=statement.pk).update(**{COUNTER[value]: F(COUNTER[value]) + 1})
            _after_vote(statement.space_id)
            return vote
    if vote.choice != value:
        Statement.objects.filter(pk=statement.pk).update(
            **{COUNTER[vote.choice]: F(COUNTER[vote.choice]) - 1, COUNTER[value]: F(COUNTER[value]) + 1}
        )
        vote.choice, vote.voted_at = value, now
        vote.save(update_fields=["choice", "voted_at"])
        _after_vote(statement.space_id)
    return vote


def _after_vote(space_id: int) -> None:
    from cocreate.opinions.tasks import update_opinion_map

    transaction.on_commit(
        lambda: update_opinion_map.enqueue(space_id=space_id, when_new_votes=votes_per_update()), robust=True
    )


# --- The map -------------------------------------------------------------------------------


def new_votes_since_update(space: Space, counted_until: datetime | None) -> int:
    votes = StatementVote.objects.filter(space=space)
    if counted_until is not None:
        votes = votes.filter(voted_at__gt=counted_until)
    return votes.count()


def opinion_map_update(*, space: Space, when_new_votes: int = 1, seed: int = 0) -> OpinionMap | None:
    """Compute the space's opinion map from all its votes, in time order, with an update every
    `votes_per_update()` votes (as Pol.is' poller updates as votes arrive), when at least
    `when_new_votes` votes arrived since the last computation (0: in any case). Returns the map,
    or None when it was not due. Run by the task worker; only one computation per space at a time."""
    # Created apart, so that SQLite's write lock is not held while the map is computed.
    try:
        with transaction.atomic():
            OpinionMap.objects.get_or_create(space=space)
    except IntegrityError:  # created meanwhile by another worker
        pass
    with transaction.atomic():
        opinion_map = OpinionMap.objects.select_for_update().get(space=space)
        due = (
            when_new_votes <= 0
            or opinion_map.computed_at is None
            or new_votes_since_update(space, opinion_map.counted_until) >= when_new_votes
        )
        if not due:
            return None
        _compute(opinion_map, space, seed)
        return opinion_map


def _compute(opinion_map: OpinionMap, space: Space, seed: int) -> None:
    statements = list(Statement.objects.filter(space=space).order_by("pk").values_list("pk", "moderation", "hidden_at"))
    column = {pk: j for j, (pk, _moderation, _hidden) in enumerate(statements)}
    moderated_out = np.array(
        [moderation == Moderation.MODERATED_OUT or hidden is not None for _pk, moderation, hidden in statements], bool
    )
    rows = list(
        StatementVote.objects.filter(space=space)
        .order_by("voted_at", "pk")
        .values_list("person_id", "statement_id", "choice", "voted_at")
    )
    if not rows:
        _save(
            opinion_map,
            rows=rows,
            placed=0,
            statements=int((~moderated_out).sum()),
            k=0,
            updates=0,
            groups=[],
            consensus=[],
            positions={},
        )
        return
    people: dict[int, int] = {}  # person id → row, in the order people first voted
    for person_id, _s, _c, _t in rows:
        people.setdefault(person_id, len(people))
    who = np.fromiter((people[r[0]] for r in rows), np.int64, len(rows))
    what = np.fromiter((column[r[1]] for r in rows), np.int64, len(rows))
    value = np.fromiter((r[2] for r in rows), np.int64, len(rows))
    result = opinion_groups(
        who,
        what,
        value,
        num_participants=len(people),
        num_statements=len(statements),
        moderated_out=moderated_out,
        vote_time=np.arange(len(rows)),  # already in time order
        seed=seed,
        replay=True,
        votes_per_update=votes_per_update(),
    )
    statement_ids = [pk for pk, _m, _h in statements]
    person_ids = list(people)
    placed = result.group >= 0
    points = _scaled(result.position, placed)

    matrix = np.full((len(people), len(statements)), np.nan)
    matrix[who, what] = value
    groups = []
    for g in range(result.k):
        members = result.group == g
        centre = points[members].mean(axis=0) if members.any() else np.array([50.0, 50.0])
        spread = float(np.sqrt(((points[members] - centre) ** 2).sum(axis=1).mean())) if members.any() else 0.0
        others = placed & ~members
        groups.append(
            {
                "label": GROUP_LABELS[g],
                "size": int(members.sum()),
                "x": round(float(centre[0]), 2),
                "y": round(float(centre[1]), 2),
                "radius": round(max(6.0, min(spread * 1.3, 30.0)), 2),
                "representative": [
                    {
                        "statement": statement_ids[s.statement],
                        "direction": s.direction,
                        "score": round(float(s.score), 4),
                        **_shares(matrix[members, s.statement], "in"),
                        **_shares(matrix[others, s.statement], "out"),
                    }
                    for s in result.representative[g]
                ],
            }
        )
    consensus = [
        {
            "statement": statement_ids[s.statement],
            "direction": s.direction,
            "score": round(float(s.score), 4),
            **_shares(matrix[placed, s.statement], "all"),
        }
        for s in result.consensus
    ]
    positions = {
        str(person_ids[i]): [round(float(points[i, 0]), 2), round(float(points[i, 1]), 2), int(result.group[i])]
        for i in np.flatnonzero(~np.isnan(points[:, 0]))
    }
    _save(
        opinion_map,
        rows=rows,
        placed=int(placed.sum()),
        statements=int((~moderated_out).sum()),
        k=result.k,
        updates=result.updates,
        groups=groups,
        consensus=consensus,
        positions=positions,
    )


def _save(opinion_map: OpinionMap, *, rows, placed, statements, k, updates, groups, consensus, positions) -> None:
    opinion_map.computed_at = timezone.now()
    opinion_map.counted_until = rows[-1][3] if rows else None
    opinion_map.votes_counted = len(rows)
    opinion_map.participants_counted = placed
    opinion_map.statements_counted = statements
    opinion_map.k = k
    opinion_map.updates = updates
    opinion_map.votes_per_update = votes_per_update()
    opinion_map.groups = groups
    opinion_map.consensus = consensus
    opinion_map.positions = positions
    opinion_map.save()


def _shares(votes: np.ndarray, suffix: str) -> dict:
    """Of the people who voted on the statement, the percentage who agreed and who disagreed."""
    seen = votes[~np.isnan(votes)]
    total = len(seen)
    agree = round(100 * float((seen == 1).sum()) / total) if total else 0
    disagree = round(100 * float((seen == -1).sum()) / total) if total else 0
    return {f"agree_{suffix}": agree, f"disagree_{suffix}": disagree, f"voters_{suffix}": total}


def _scaled(position: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """Positions fitted into a 100 × 100 square (with a margin), the same scale on both axes so
    that distances on the map mean the same in every direction."""
    points = np.array(position, dtype=float).reshape(-1, 2) if len(position) else np.zeros((0, 2))
    known = ~np.isnan(points[:, 0]) if len(points) else np.zeros(0, bool)
    reference = points[known & placed] if (known & placed).any() else points[known]
    if not len(reference):
        return points
    low, high = reference.min(axis=0), reference.max(axis=0)
    span = float(max(high[0] - low[0], high[1] - low[1])) or 1.0
    middle = (low + high) / 2
    return np.clip(50 + (points - middle) * (80 / span), 2, 98)


def spaces_with_new_votes() -> list[int]:
    """Spaces whose map misses votes cast since its last computation (or has none yet)."""
    newest = dict(
        StatementVote.objects.values("space_id").annotate(newest=Max("voted_at")).values_list("space_id", "newest")
    )
    counted = dict(OpinionMap.objects.filter(space_id__in=newest).values_list("space_id", "counted_until"))
    return sorted(pk for pk, latest in newest.items() if counted.get(pk) is None or latest > counted[pk])
