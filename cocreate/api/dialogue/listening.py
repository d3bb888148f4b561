"""The listening API, for a space's organisers: its sources, its signals (paginated, filtered),
its emerging issues, and staff decisions on an issue (watch, dismiss, turn it into a question or
a challenge). Files are imported on the site or with `cocreate import signals`."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.accounts.models import Organisation
from cocreate.api.auth import SIGNED_IN
from cocreate.api.inputs import Moment, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import ChallengeTemplate
from cocreate.dialogue.models import EmergingIssue, IssueStatus, SourceKind
from cocreate.dialogue.selectors import listening as selectors
from cocreate.dialogue.services import listening as services
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import ensure_can

router = Router(tags=["listening"])


class SourceOut(Schema):
    id: int
    name: str
    kind: SourceKind
    feed_url: str
    fetch_every_hours: int
    signals_count: int
    last_fetched_at: datetime | None
    last_problem: str


class SourceIn(Schema):
    name: Text = Field(max_length=120)
    kind: SourceKind = SourceKind.FEED
    feed_url: Text = Field("", max_length=500, description="the RSS or Atom feed's address, for a feed")
    fetch_every_hours: int = Field(6, ge=1, le=168)


class SignalOut(Schema):
    id: int
    source: int = Field(description="id of its source")
    external_id: str = Field(description="its id in the source")
    time: datetime | None
    place: str
    area: str
    latitude: float | None
    longitude: float | None
    category: str
    text: str
    link: str
    raised_by_agency: bool = Field(
        description="created by the agency's own staff or systems, not the public: left out of emerging issues"
    )

    @staticmethod
    def resolve_source(signal):
        return signal.source_id


class IssueOut(Schema):
    id: int
    category: str
    area: str
    days_per_period: int = Field(description="1 when counted per day, 7 per week")
    starts_on: date
    ends_on: date = Field(description="the start of its last period")
    peak_on: date
    peak_count: int
    observed: int = Field(description="signals over the issue's periods")
    expected: float = Field(description="signals usual over as many periods")
    score: float = Field(description="−log10 of the chance of so many signals at the usual rate")
    status: IssueStatus
    question: int | None = Field(description="id of the question raised from it")
    challenge_space: str | None = Field(description="slug of the challenge space raised from it")

    @staticmethod
    def resolve_days_per_period(issue):
        return issue.bin_days

    @staticmethod
    def resolve_question(issue):
        return issue.question_id

    @staticmethod
    def resolve_challenge_space(issue):
        return issue.challenge_space.slug if issue.challenge_space_id else None


class DecisionIn(Schema):
    status: IssueStatus = Field(description="new, watching or dismissed")


class QuestionIn(Schema):
    dialogue_space: Text = Field(max_length=120, description="slug of the dialogue space to ask it in")
    title: Text = Field(max_length=200)
    details: Text = Field("", max_length=5000, description="default: a summary of the issue")


class QuestionCreatedOut(Schema):
    id: int
    space: str
    title: str
    url: str

    @staticmethod
    def resolve_space(question):
        return question.space.slug

    @staticmethod
    def resolve_url(question, context):
        return context["request"].build_absolute_uri(question.get_absolute_url())


class ChallengeIn(Schema):
    organisation: Text = Field(max_length=200, description="slug of the organisation running it (you are its staff)")
    template: ChallengeTemplate
    title: Text = Field(max_length=200)
    starts_at: Moment


class ChallengeCreatedOut(Schema):
    slug: str
    title: str


def _listening_space(request, slug: str, activity: str = "listen") -> Space:
    space = readable_space(request, slug)
    ensure_can(request.auth, activity, space)
    return space


def _issue(space: Space, issue_id: int) -> EmergingIssue:
    issue = selectors.issue_for_page(space=space, issue_id=issue_id)
    if issue is None:
        raise Http404
    return issue


@router.get("/spaces/{slug}/listening/sources", response=list[SourceOut], auth=SIGNED_IN, summary="Sources (staff)")
def list_sources(request, slug: str):
    return selectors.source_list(space=_listening_space(request, slug))


@router.post(
    "/spaces/{slug}/listening/sources", response={201: SourceOut}, auth=SIGNED_IN, summary="Add a feed (staff)"
)
def add_source(request, slug: str, payload: SourceIn):
    space = _listening_space(request, slug, "manage_listening")
    return Status(201, services.listening_source_add(person=request.auth, space=space, **payload.dict()))


@router.get(
    "/spaces/{slug}/listening/signals", response=list[SignalOut], auth=SIGNED_IN, summary="Signals, newest first"
)
@paginate(Pages)
def list_signals(
    request,
    slug: str,
    source: int | None = None,
    category: str = "",
    since: date | None = None,
    until: date | None = None,
):
    space = _listening_space(request, slug)
    filters = selectors.SignalFilters(source_id=source, category=category[:200], since=since, until=until)
    return selectors.signal_list(space=space, filters=filters)


@router.get(
    "/spaces/{slug}/listening/issues",
    response=list[IssueOut],
    auth=SIGNED_IN,
    summary="Emerging issues, strongest first",
)
def list_issues(request, slug: str, status: IssueStatus | None = None):
    return list(selectors.issue_list(space=_listening_space(request, slug), status=status or ""))


@router.post(
    "/spaces/{slug}/listening/issues/{issue_id}/status",
    response=IssueOut,
    auth=SIGNED_IN,
    summary="Watch, dismiss, or mark an issue as new again (staff)",
)
def decide_issue(request, slug: str, issue_id: int, payload: DecisionIn):
    space = _listening_space(request, slug, "manage_listening")
    services.emerging_issue_decide(person=request.auth, issue=_issue(space, issue_id), status=payload.status)
    return _issue(space, issue_id)


@router.post(
    "/spaces/{slug}/listening/issues/{issue_id}/question",
    response={201: QuestionCreatedOut},
    auth=SIGNED_IN,
    summary="Turn an issue into a question in a dialogue space (staff)",
)
def issue_to_question(request, slug: str, issue_id: int, payload: QuestionIn):
    space = _listening_space(request, slug, "manage_listening")
    data = payload.dict()
    dialogue_space = Space.objects.filter(slug=data.pop("dialogue_space")).first()
    if dialogue_space is None:
        raise ValidationError({"dialogue_space": _("No space has this slug: give the slug of a dialogue space.")})
    question = services.emerging_issue_to_question(
        person=request.auth, issue=_issue(space, issue_id), dialogue_space=dialogue_space, **data
    )
    return Status(201, question)


@router.post(
    "/spaces/{slug}/listening/issues/{issue_id}/challenge",
    response={201: ChallengeCreatedOut},
    auth=SIGNED_IN,
    summary="Turn an issue into a challenge started from a template (staff)",
)
def issue_to_challenge(request, slug: str, issue_id: int, payload: ChallengeIn):
    space = _listening_space(request, slug, "manage_listening")
    data = payload.dict()
    organisation = Organisation.objects.filter(slug=data.pop("organisation")).first()
    if organisation is None:
        raise ValidationError({"organisation": _("No organisation has this slug: use a registered organisation's.")})
    challenge_space = services.emerging_issue_to_challenge(
        person=request.auth, issue=_issue(space, issue_id), organisation=organisation, **data
    )
    return Status(201, challenge_space)
