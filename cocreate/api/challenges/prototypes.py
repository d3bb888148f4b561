"""Prototypes: the list of a space's prototypes, one prototype with its stage, history and
versions, and giving feedback in a test session. Testers' comments are not published here:
the feedback summary is figures only, as on the public page."""

from datetime import datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import Prototype, Stage, WouldUse
from cocreate.challenges.selectors import prototypes as selectors
from cocreate.challenges.services import prototypes as services

router = Router(tags=["prototypes"])


class PrototypeOut(Schema):
    id: int
    title: str
    summary: str
    stage: Stage
    team: str | None = Field(description="name of the team that made it, if any")
    source_ideas: list[int] = Field(description="ids of the ideas it came from")
    url: str

    @staticmethod
    def resolve_team(prototype: Prototype):
        return prototype.team.name if prototype.team_id else None

    @staticmethod
    def resolve_source_ideas(prototype: Prototype):
        return [source.idea_id for source in prototype.sources.all()]

    @staticmethod
    def resolve_url(prototype: Prototype, context):
        return context["request"].build_absolute_uri(prototype.get_absolute_url())


class VersionOut(Schema):
    number: int
    notes: str
    link: str
    created_at: datetime


class GateDecisionOut(Schema):
    from_stage: Stage
    to_stage: Stage
    evidence: str
    evidence_link: str
    decided_at: datetime


class TestSessionOut(Schema):
    id: int
    title: str
    version: int = Field(description="number of the version tested")
    tasks: list[str]
    starts_at: datetime
    ends_at: datetime
    open_to_everyone_at: datetime | None = Field(description="before this, only invited people give feedback")

    @staticmethod
    def resolve_version(session):
        return session.version.number


class PrototypeDetailOut(PrototypeOut):
    versions: list[VersionOut]
    gate_decisions: list[GateDecisionOut] = Field(description="the stage's history, oldest first")
    test_sessions: list[TestSessionOut]

    @staticmethod
    def resolve_versions(prototype: Prototype):
        return list(prototype.versions.all())

    @staticmethod
    def resolve_gate_decisions(prototype: Prototype):
        return list(prototype.gate_decisions.all())

    @staticmethod
    def resolve_test_sessions(prototype: Prototype):
        return list(prototype.test_sessions.all())


class FeedbackIn(Schema):
    tasks_done: list[bool] = Field(max_length=20, description="one per task of the session, in its order")
    ease: int = Field(ge=1, le=5, description="1 very hard – 5 very easy")
    would_use: WouldUse
    comments: Text = Field("", max_length=5000, description="read by the team and the organisers only")


class FeedbackOut(Schema):
    id: int
    session: int
    tasks_done: list[bool]
    ease: int
    would_use: WouldUse
    comments: str

    @staticmethod
    def resolve_session(feedback):
        return feedback.session_id


class _Sharing:
    """Hands out a page of prototypes with the loaded space (no query per prototype)."""

    def __init__(self, queryset, space):
        self.queryset, self.space = queryset, space

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        prototypes = list(self.queryset[window])
        selectors.share_space(prototypes, self.space)
        return prototypes


@router.get("/spaces/{slug}/prototypes", response=list[PrototypeOut], auth=ANYONE, summary="Prototypes of a space")
@paginate(Pages)
def list_prototypes(request, slug: str, stage: Stage | None = None):
    space = readable_space(request, slug)
    return _Sharing(selectors.prototype_list(space=space, viewer=request.auth, stage=stage or ""), space)


@router.get("/spaces/{slug}/prototypes/{prototype_id}", response=PrototypeDetailOut, auth=ANYONE)
def get_prototype(request, slug: str, prototype_id: int):
    return selectors.prototype_for_page(
        space=readable_space(request, slug), prototype_id=prototype_id, viewer=request.auth
    )


@router.post(
    "/spaces/{slug}/prototypes/tests/{session_id}/feedback",
    response={201: FeedbackOut},
    auth=SIGNED_IN,
    summary="Give your feedback in a test session (once per person)",
)
def give_feedback(request, slug: str, session_id: int, payload: FeedbackIn):
    session = selectors.session_for_page(
        space=readable_space(request, slug), session_id=session_id, viewer=request.auth
    )
    feedback = services.feedback_give(person=request.auth, session=session, **payload.dict())
    return Status(201, feedback)
