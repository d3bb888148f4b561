"""The opinion maps API: the statements of a space (list, write, moderate), votes on them (cast
or change), and the space's computed opinion map (groups, positions, representative and
consensus statements). Voters are never named: the map gives each group's size and the
caller's own position only."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.opinions import selectors, services
from cocreate.opinions.models import Moderation, OpinionMap, Statement, StatementVote
from cocreate.spaces.permissions import signed_in, unwrapped

router = Router(tags=["opinion maps"])

CHOICE_NAMES = {1: "agree", -1: "disagree", 0: "pass"}


class StatementOut(Schema):
    id: int
    text: str
    moderation: Moderation = Field(description="accepted (open for votes), awaiting (a moderator) or moderated_out")
    seed: bool = Field(description="added by the organisers to start the conversation")
    agrees: int
    disagrees: int
    passes: int
    source_idea: int | None = Field(description="id of the idea it was taken from, if any")
    source_comment: int | None = Field(description="id of the comment it was taken from, if any")
    created_at: datetime

    @staticmethod
    def resolve_seed(statement: Statement):
        return statement.is_seed

    @staticmethod
    def resolve_agrees(statement: Statement):
        return statement.agrees_count

    @staticmethod
    def resolve_disagrees(statement: Statement):
        return statement.disagrees_count

    @staticmethod
    def resolve_passes(statement: Statement):
        return statement.passes_count

    @staticmethod
    def resolve_source_idea(statement: Statement):
        return statement.source_idea_id

    @staticmethod
    def resolve_source_comment(statement: Statement):
        return statement.source_comment_id


class StatementIn(Schema):
    text: Text = Field(max_length=1000, description="one short sentence, at most 140 characters")


class ModerationIn(Schema):
    moderation: Moderation = Field(description="accepted, awaiting or moderated_out")


class StatementVoteIn(Schema):
    choice: Literal["agree", "disagree", "pass"]


class StatementVoteOut(Schema):
    statement: int
    choice: str = Field(description="agree, disagree or pass")
    voted_at: datetime

    @staticmethod
    def resolve_statement(vote: StatementVote):
        return vote.statement_id

    @staticmethod
    def resolve_choice(vote: StatementVote):
        return CHOICE_NAMES[vote.choice]


class MapStatementOut(Schema):
    statement: int
    text: str
    direction: str = Field(description="agree or disagree")
    agree: int = Field(description="% of the group (or of everyone, for consensus) who agreed")
    disagree: int
    agree_others: int | None = Field(None, description="% of everyone else who agreed (representative statements)")
    disagree_others: int | None = None


class GroupOut(Schema):
    label: str
    size: int
    x: float = Field(description="centre on the map, 0 to 100")
    y: float
    representative: list[MapStatementOut]


class PositionOut(Schema):
    x: float
    y: float
    group: str = Field(description="the group's label; empty when not in a group yet")


class OpinionMapOut(Schema):
    computed_at: datetime | None
    votes_counted: int
    participants_placed: int
    statements_counted: int
    votes_per_update: int
    groups: list[GroupOut]
    consensus: list[MapStatementOut]
    your_position: PositionOut | None = Field(description="where the caller stands, when signed in and placed")


def _statement(request, statement_id: int) -> Statement:
    if not 0 < statement_id < 2**62:
        raise Http404
    statement = Statement.objects.select_related("space").filter(pk=statement_id).first()
    if statement is None:
        raise Http404
    # A statement not open for votes is refused by the service with its reason ("taken out of
    # the conversation"); its text is never returned to someone who may not read it.
    statement.space = readable_space(request, statement.space.slug)
    return statement


@router.get("/spaces/{slug}/statements", response=list[StatementOut], auth=ANYONE, summary="Statements of a space")
@paginate(Pages)
def list_statements(request, slug: str):
    """Accepted statements; moderators also get those waiting and those moderated out."""
    return selectors.statement_list(space=readable_space(request, slug), viewer=request.auth)


@router.post(
    "/spaces/{slug}/statements",
    response={201: StatementOut},
    auth=SIGNED_IN,
    summary="Write a statement (it waits for a moderator unless you moderate this space)",
)
def write_statement(request, slug: str, payload: StatementIn):
    space = readable_space(request, slug)
    return Status(201, services.statement_write(person=request.auth, space=space, text=payload.text))


@router.post(
    "/statements/{statement_id}/moderation",
    response=StatementOut,
    auth=SIGNED_IN,
    summary="Accept a statement or take it out of the conversation (moderators)",
)
def moderate_statement(request, statement_id: int, payload: ModerationIn):
    statement = _statement(request, statement_id)
    return services.statement_moderate(person=request.auth, statement=statement, moderation=payload.moderation)


@router.put(
    "/statements/{statement_id}/vote",
    response=StatementVoteOut,
    auth=SIGNED_IN,
    summary="Vote agree, disagree or pass on a statement; voting again replaces your vote",
)
def cast_vote(request, statement_id: int, payload: StatementVoteIn):
    statement = _statement(request, statement_id)
    return services.statement_vote(person=request.auth, statement=statement, choice=payload.choice)


@router.get(
    "/spaces/{slug}/opinion-map",
    response=OpinionMapOut,
    auth=ANYONE,
    summary="The opinion map of a space: groups, what each thinks more than others, what most agree on",
)
def read_opinion_map(request, slug: str):
    space = readable_space(request, slug)
    page = selectors.opinion_map_page(space=space, viewer=request.auth)
    opinion_map = page.opinion_map or OpinionMap(space=space)

    def shown(s) -> dict:
        return {
            "statement": s.statement.pk,
            "text": s.statement.text,
            "direction": s.direction,
            "agree": s.agree,
            "disagree": s.disagree,
            "agree_others": s.agree_out,
            "disagree_others": s.disagree_out,
        }

    position = page.viewer_position if signed_in(unwrapped(request.auth)) else None
    return {
        "computed_at": opinion_map.computed_at,
        "votes_counted": opinion_map.votes_counted,
        "participants_placed": opinion_map.participants_counted,
        "statements_counted": opinion_map.statements_counted,
        "votes_per_update": opinion_map.votes_per_update,
        "groups": [
            {
                "label": g.label,
                "size": g.size,
                "x": g.x,
                "y": g.y,
                "representative": [shown(s) for s in g.representative],
            }
            for g in page.groups
        ],
        "consensus": [shown(s) for s in page.consensus],
        "your_position": {"x": position.x, "y": position.y, "group": position.group} if position else None,
    }
