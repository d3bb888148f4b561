"""Prototypes: the list of a space's prototypes, one prototype with its stage, history and
versions, and giving feedback in a test session. Testers' comments are not published here:
the feedback summary is figures only, as on the public page."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Moment, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import (
    Event,
    InvitedBecause,
    Prototype,
    PrototypeVersion,
    Stage,
    Team,
    TestInvitation,
    TestSession,
    WouldUse,
)
from cocreate.challenges.selectors import prototypes as selectors
from cocreate.challenges.services import prototypes as services
from cocreate.spaces.models import Origin
from cocreate.spaces.permissions import ensure_can

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


# --- Writes: prototypes, versions, gate decisions, test sessions, paper feedback ----------------


def _prototype(request, slug: str, prototype_id: int) -> Prototype:
    return selectors.prototype_for_page(
        space=readable_space(request, slug), prototype_id=prototype_id, viewer=request.auth
    )


def _session(request, slug: str, session_id: int) -> TestSession:
    return selectors.session_for_page(space=readable_space(request, slug), session_id=session_id, viewer=request.auth)


class PrototypeIn(Schema):
    title: Text = Field(max_length=150, description="the prototype's name")
    summary: Text = Field(max_length=5000, description="what it is and who it is for")
    source_ideas: list[Id] = Field(default_factory=list, max_length=100, description="ids of the ideas it came from")
    team: Id | None = Field(None, description="your team's id, to submit it for your team")
    origin: Origin = Field(Origin.ONLINE, description="made online, or at an event")
    event_name: Text = Field("", max_length=200, description="the event where it was made, if made at one")
    link: Text = Field("", max_length=500, description="web address of the first version, if any")


class PrototypePatch(Schema):
    """Send only what changes."""

    title: Text | None = Field(None, max_length=150)
    summary: Text | None = Field(None, max_length=5000)
    source_ideas: list[Id] | None = Field(None, max_length=100, description="replaces the list of ideas")


class VersionIn(Schema):
    notes: Text = Field(max_length=5000, description="what changed in this version")
    link: Text = Field("", max_length=500, description="web address where it can be tried (files: on the web page)")


class GateIn(Schema):
    to_stage: Stage = Field(description="the stage it moves to (forward, or retired)")
    evidence: Text = Field(max_length=5000, description="what the tests, pilot or figures showed")
    evidence_link: Text = Field("", max_length=500, description="web address of a longer report")


class TestSessionIn(Schema):
    title: Text = Field(max_length=200)
    tasks: list[Annotated[Text, Field(max_length=200)]] = Field(max_length=20, description="what testers try, in order")
    starts_at: Moment
    ends_at: Moment
    version: int | None = Field(
        None, ge=1, le=100_000, description="number of the version to test; the latest if empty"
    )
    instructions: Text = Field("", max_length=5000)
    open_to_everyone_at: Moment | None = Field(None, description="before this, only invited people give feedback")
    event: Id | None = Field(None, description="id of the challenge's event where it is tested, if any")
    invite_emails: list[Annotated[Text, Field(max_length=254)]] = Field(
        default_factory=list, max_length=200, description="e-mail addresses of more people to invite"
    )


class TestInviteIn(Schema):
    invite_emails: list[Annotated[Text, Field(max_length=254)]] = Field(
        max_length=200, description="e-mail addresses of people with an account"
    )


class InvitedOut(Schema):
    invited: int = Field(description="how many people were newly invited (the others already were)")


class TestInvitationOut(Schema):
    name: str = Field(description="the person's public name")
    reason: InvitedBecause
    invited_at: datetime

    @staticmethod
    def resolve_name(invitation):
        return invitation.person.public_name


class PaperFeedbackIn(FeedbackIn):
    tester_name: Text = Field("", max_length=80, description="the tester's name, if they gave it")


class TaskRateOut(Schema):
    task: str
    tried: int
    done: int
    rate: float


class VersionSummaryOut(Schema):
    version: int = Field(description="number of the version")
    testers: int
    tasks: list[TaskRateOut]
    ease_mean: float | None
    ease_median: float | None
    ease_counts: dict[str, int] = Field(description="testers per ease level, 1 to 5")
    would_use_counts: dict[str, int] = Field(description="testers per answer: yes, maybe, no")


class FeedbackRowOut(FeedbackOut):
    version: int = Field(description="number of the version tested")
    entered_from_paper: bool

    @staticmethod
    def resolve_version(feedback):
        return feedback.session.version.number

    @staticmethod
    def resolve_entered_from_paper(feedback):
        return feedback.entered_by_id is not None


class FeedbackSummaryOut(Schema):
    versions: list[VersionSummaryOut] = Field(description="one per tested version, newest first")
    feedback: list[FeedbackRowOut] = Field(description="each tester's feedback with comments")


@router.post("/spaces/{slug}/prototypes", response={201: PrototypeOut}, auth=SIGNED_IN, summary="Submit a prototype")
def submit_prototype(request, slug: str, payload: PrototypeIn):
    space = readable_space(request, slug)
    team = None
    if payload.team is not None:
        team = Team.objects.filter(space=space, pk=payload.team).first()
        if team is None:
            raise ValidationError({"team": _("Choose one of the teams of this challenge.")})
    fields = payload.dict(exclude={"team"})
    prototype = services.prototype_submit(person=request.auth, space=space, team=team, **fields)
    return Status(201, _prototype(request, slug, prototype.pk))


@router.patch("/spaces/{slug}/prototypes/{prototype_id}", response=PrototypeDetailOut, auth=SIGNED_IN)
def update_prototype(request, slug: str, prototype_id: int, payload: PrototypePatch):
    """Change the name, the description or the ideas it came from (its team or the organisers)."""
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.auth, "edit_prototype", prototype)
    services.prototype_update(
        person=request.auth,
        prototype=prototype,
        title=prototype.title if payload.title is None else payload.title,
        summary=prototype.summary if payload.summary is None else payload.summary,
        source_ideas=payload.source_ideas,
    )
    return _prototype(request, slug, prototype_id)


@router.post(
    "/spaces/{slug}/prototypes/{prototype_id}/versions",
    response={201: VersionOut},
    auth=SIGNED_IN,
    summary="Add a version (files are uploaded on the web page)",
)
def add_version(request, slug: str, prototype_id: int, payload: VersionIn):
    prototype = _prototype(request, slug, prototype_id)
    return Status(201, services.version_add(person=request.auth, prototype=prototype, **payload.dict()))


@router.post(
    "/spaces/{slug}/prototypes/{prototype_id}/stage",
    response={201: GateDecisionOut},
    auth=SIGNED_IN,
    summary="Move a prototype to another stage, on evidence (organisers and evaluators)",
)
def decide_gate(request, slug: str, prototype_id: int, payload: GateIn):
    prototype = _prototype(request, slug, prototype_id)
    return Status(201, services.gate_decide(person=request.auth, prototype=prototype, **payload.dict()))


@router.post(
    "/spaces/{slug}/prototypes/{prototype_id}/tests",
    response={201: TestSessionOut},
    auth=SIGNED_IN,
    summary="Open a test session (the authors and supporters of its ideas are invited)",
)
def create_test_session(request, slug: str, prototype_id: int, payload: TestSessionIn):
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.auth, "run_test_session", prototype)
    fields = payload.dict(exclude={"version", "event"})
    version = event = None
    if payload.version is not None:
        version = PrototypeVersion.objects.filter(prototype=prototype, number=payload.version).first()
        if version is None:
            raise ValidationError({"version": _("Choose one of this prototype's versions.")})
    if payload.event is not None:
        event = Event.objects.filter(space=prototype.space, pk=payload.event).first()
        if event is None:
            raise ValidationError({"event": _("Choose one of this challenge's events.")})
    session = services.test_session_create(
        person=request.auth, prototype=prototype, version=version, event=event, **fields
    )
    return Status(201, session)


@router.get(
    "/spaces/{slug}/prototypes/tests/{session_id}/invitations",
    response=list[TestInvitationOut],
    auth=SIGNED_IN,
    summary="Who is invited to a test session (its team and the organisers)",
)
@paginate(Pages)
def list_invitations(request, slug: str, session_id: int):
    session = _session(request, slug, session_id)
    ensure_can(request.auth, "run_test_session", session.prototype)
    return TestInvitation.objects.filter(session=session).select_related("person").order_by("invited_at", "pk")


@router.post(
    "/spaces/{slug}/prototypes/tests/{session_id}/invitations",
    response={201: InvitedOut},
    auth=SIGNED_IN,
    summary="Invite people to a test session by e-mail address",
)
def invite_testers(request, slug: str, session_id: int, payload: TestInviteIn):
    session = _session(request, slug, session_id)
    new = services.test_session_invite(person=request.auth, session=session, invite_emails=payload.invite_emails)
    return Status(201, {"invited": len(new)})


@router.post(
    "/spaces/{slug}/prototypes/tests/{session_id}/paper-feedback",
    response={201: FeedbackOut},
    auth=SIGNED_IN,
    summary="Enter feedback given on paper or in person (the team and the organisers)",
)
def enter_paper_feedback(request, slug: str, session_id: int, payload: PaperFeedbackIn):
    session = _session(request, slug, session_id)
    return Status(201, services.feedback_enter(person=request.auth, session=session, **payload.dict()))


@router.get(
    "/spaces/{slug}/prototypes/{prototype_id}/feedback",
    response=FeedbackSummaryOut,
    auth=SIGNED_IN,
    summary="Feedback per version with testers' comments (the team and the organisers)",
)
def feedback_summary(request, slug: str, prototype_id: int):
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.auth, "run_test_session", prototype)
    versions = [
        {
            "version": version.number,
            "testers": summary.testers,
            "tasks": [
                {"task": t.task, "tried": t.tried, "done": t.done, "rate": round(t.rate, 4)} for t in summary.tasks
            ],
            "ease_mean": summary.ease_mean,
            "ease_median": summary.ease_median,
            "ease_counts": {str(level): n for level, n in summary.ease_counts.items()},
            "would_use_counts": summary.would_use_counts,
        }
        for version, summary in selectors.feedback_summaries(prototype=prototype)
    ]
    return {"versions": versions, "feedback": selectors.feedback_comments(prototype=prototype)}
