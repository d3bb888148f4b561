"""Reads for opinion maps: what the space page shows, the next statement to vote on, the map
with its text equivalent, and the moderators' list. Each runs a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q

from cocreate.opinions.models import Moderation, OpinionMap, Statement, StatementVote
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import Decision, can, signed_in, unwrapped


@dataclass
class OpinionOverview:
    statements: int
    awaiting: int
    votes_by_viewer: int
    opinion_map: OpinionMap | None
    may_vote: Decision
    may_write: Decision
    may_seed: bool
    may_moderate: bool


def _map_of(space: Space) -> OpinionMap | None:
    return OpinionMap.objects.filter(space=space).defer("positions").first()


def opinion_overview(*, space, viewer):
    """What the space page shows about the space's opinion map, or None when it has none and the
    viewer cannot start one."""
    viewer = unwrapped(viewer)
    may_seed = bool(can(viewer, "seed_statements", space))
    counts = Statement.objects.filter(space=space).aggregate(
        accepted=Count("pk", filter=Q(moderation=Moderation.ACCEPTED, hidden_at__isnull=True)),
        awaiting=Count("pk", filter=Q(moderation=Moderation.AWAITING)),
    )
    if not counts["accepted"] and not may_seed:
        return None
    voted = (
        StatementVote.objects.filter(space=space, person=viewer, statement__moderation=Moderation.ACCEPTED).count()
        if signed_in(viewer)
        else 0
    )
    return OpinionOverview(
        statements=counts["accepted"],
        awaiting=counts["awaiting"],
        votes_by_viewer=voted,
        opinion_map=_map_of(space),
        may_vote=can(viewer, "vote_statement", space),
        may_write=can(viewer, "write_statement", space),
        may_seed=may_seed,
        may_moderate=bool(can(viewer, "moderate_statements", space)),
    )


@dataclass
class NextStatement:
    statement: Statement | None
    voted: int  # accepted statements the viewer has voted on
    total: int  # accepted statements
    current_vote: int | None = None  # when the viewer asked for a statement they voted on

    @property
    def remaining(self) -> int:
        return self.total - self.voted


def next_statement(*, space: Space, viewer, statement_id: int | None = None) -> NextStatement:
    """The statement to show the viewer on the voting page: the one asked for, or among those
    they have not voted on yet the one with the fewest votes (so that new statements are seen),
    then the oldest. Four queries."""
    viewer = unwrapped(viewer)
    accepted = Statement.objects.accepted().filter(space=space)
    if signed_in(viewer):
        mine = StatementVote.objects.filter(statement=OuterRef("pk"), person=viewer)
        accepted = accepted.annotate(voted=Exists(mine))
        voted = StatementVote.objects.filter(
            space=space, person=viewer, statement__moderation=Moderation.ACCEPTED, statement__hidden_at__isnull=True
        )
        counts = {"total": accepted.count(), "voted": voted.count()}
        unvoted = accepted.filter(voted=False)
    else:
        counts = {"total": accepted.count(), "voted": 0}
        unvoted = accepted
    current_vote = None
    statement = None
    if statement_id is not None:
        statement = Statement.objects.accepted().filter(space=space, pk=statement_id).select_related("space").first()
        if statement is not None and signed_in(viewer):
            current_vote = (
                StatementVote.objects.filter(statement=statement, person=viewer)
                .values_list("choice", flat=True)
                .first()
            )
    if statement is None:
        statement = (
            unvoted.select_related("space")
            .alias(votes_so_far=F("agrees_count") + F("disagrees_count") + F("passes_count"))
            .order_by("votes_so_far", "pk")
            .first()
        )
    return NextStatement(statement=statement, voted=counts["voted"], total=counts["total"], current_vote=current_vote)


@dataclass
class StatementShown:
    """A statement as the map's text equivalent shows it, with the shares of votes."""

    statement: Statement
    direction: str
    agree: int
    disagree: int
    agree_out: int | None = None
    disagree_out: int | None = None


@dataclass
class GroupShown:
    label: str
    size: int
    x: float
    y: float
    radius: float
    representative: list[StatementShown] = field(default_factory=list)


@dataclass
class ViewerPoint:
    x: float
    y: float
    group: str  # the group's label, "" when the viewer is on the map but in no group yet

    @property
    def label_y(self) -> float:
        # Below the dot, where the group's own label (at its centre) is least likely to be.
        return self.y + 5 if self.y < 92 else self.y - 3


@dataclass
class OpinionMapPage:
    opinion_map: OpinionMap | None
    groups: list[GroupShown]
    consensus: list[StatementShown]
    viewer_position: ViewerPoint | None
    statements: int


def opinion_map_page(*, space: Space, viewer) -> OpinionMapPage:
    """The computed map of a space with the statements it names, and where the viewer stands.
    Two queries, whatever the number of groups and statements."""
    viewer = unwrapped(viewer)
    opinion_map = OpinionMap.objects.filter(space=space).first()
    if opinion_map is None or opinion_map.computed_at is None:
        return OpinionMapPage(opinion_map, [], [], None, 0)
    wanted = {r["statement"] for g in opinion_map.groups for r in g["representative"]}
    wanted |= {c["statement"] for c in opinion_map.consensus}
    texts = Statement.objects.in_bulk(wanted) if wanted else {}

    def shown(row, suffix_in: str) -> StatementShown | None:
        statement = texts.get(row["statement"])
        if statement is None:
            return None
        return StatementShown(
            statement=statement,
            direction=row["direction"],
            agree=row[f"agree_{suffix_in}"],
            disagree=row[f"disagree_{suffix_in}"],
            agree_out=row.get("agree_out"),
            disagree_out=row.get("disagree_out"),
        )

    groups = [
        GroupShown(
            label=g["label"],
            size=g["size"],
            x=g["x"],
            y=g["y"],
            radius=g["radius"],
            representative=[s for s in (shown(r, "in") for r in g["representative"]) if s],
        )
        for g in opinion_map.groups
    ]
    consensus = [s for s in (shown(c, "all") for c in opinion_map.consensus) if s]
    position = None
    if signed_in(viewer):
        point = opinion_map.positions.get(str(viewer.pk))
        if point:
            x, y, g = point
            position = ViewerPoint(x, y, groups[g].label if 0 <= g < len(groups) else "")
    return OpinionMapPage(opinion_map, groups, consensus, position, opinion_map.statements_counted)


def statements_for_moderation(*, space: Space, state: str = "") -> list[Statement]:
    """Every statement of the space for its moderators, those waiting first. One query."""
    statements = Statement.objects.filter(space=space).select_related("author", "source_idea", "source_comment")
    if state in Moderation.values:
        statements = statements.filter(moderation=state)
    order = {Moderation.AWAITING: 0, Moderation.ACCEPTED: 1, Moderation.MODERATED_OUT: 2}
    return sorted(statements.order_by("-created_at", "-pk"), key=lambda s: order[s.moderation])


def statement_list(*, space: Space, viewer):
    """The statements people can see, oldest first: accepted ones, plus for moderators every
    other one. A queryset, for the API to page through."""
    statements = Statement.objects.filter(space=space)
    if not can(viewer, "moderate_statements", space):
        statements = statements.accepted()
    return statements.order_by("pk")


def ideas_to_turn_into_statements(*, space: Space, limit: int = 10) -> list:
    """The most supported visible ideas of the space that no statement was taken from yet, for
    the moderators to turn into statements. One query."""
    from cocreate.ideas.models import Idea

    taken = Statement.objects.filter(source_idea=OuterRef("pk"))
    ideas = (
        Idea.objects.visible()
        .filter(space=space, merged_into__isnull=True)
        .annotate(taken=Exists(taken))
        .filter(taken=False)
        .alias(support_total=F("supports_count") + F("imported_supports_count"))
        .order_by("-support_total", "-pk")
    )
    return list(ideas[:limit])
