"""Questions to officials in a dialogue space: people ask and support questions; organisers open
selection rounds and select questions (or the most supported are selected on the round's date);
an official answers a selected question (text, optionally a video link with its transcript, a
measure, a space), or staff decline it with a public reason; and how quickly answers come."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.dialogue.models import Question, QuestionStatus, RoundStatus, SelectionRound
from cocreate.dialogue.selectors import questions as selectors
from cocreate.dialogue.services import questions as services
from cocreate.spaces.models import Origin, Space, SpaceKind
from cocreate.spaces.permissions import ensure_can

router = Router(tags=["questions to officials"])


class QuestionAnswerOut(Schema):
    body: str
    video_url: str = Field(description="https address of the video answer, or empty")
    transcript: str = Field(description="what is said in the video, or empty")
    measure_title: str
    measure_url: str
    linked_space: str | None = Field(description="slug of the space the answer points to, if any")
    answered_by: str | None = Field(description="public name of the official")
    answered_at: datetime

    @staticmethod
    def resolve_linked_space(answer):
        return answer.linked_space.slug if answer.linked_space_id else None

    @staticmethod
    def resolve_answered_by(answer):
        return answer.answered_by.public_name if answer.answered_by_id else None


class AskedQuestionOut(Schema):
    id: int
    title: str
    details: str
    status: QuestionStatus
    asked_by: str = Field(description="public name of the asker (“Deleted account” once erased)")
    origin: Origin
    supports: int
    supported_by_you: bool = Field(description="false for visitors")
    created_at: datetime
    selected_at: datetime | None
    answered_at: datetime | None
    decline_reason: str = Field(description="why it was declined (public), or empty")
    answer: QuestionAnswerOut | None

    @staticmethod
    def resolve_asked_by(question: Question):
        return question.asker.public_name

    @staticmethod
    def resolve_supports(question: Question):
        return question.supports_count

    @staticmethod
    def resolve_supported_by_you(question: Question):
        return bool(getattr(question, "supported", False))

    @staticmethod
    def resolve_answer(question: Question):
        return getattr(question, "answer", None) if question.status == QuestionStatus.ANSWERED else None


class SimilarQuestionOut(Schema):
    id: int
    title: str
    status: QuestionStatus
    supports: int

    @staticmethod
    def resolve_supports(question: Question):
        return question.supports_count


class AskQuestionIn(Schema):
    title: Text = Field(max_length=1000, description="the question, 10 to 200 characters")
    details: Text = Field("", max_length=10000, description="optional details, up to 5000 characters")
    origin: Origin = Field(Origin.ONLINE, description="online, or event / on_behalf for staff entering it")
    on_behalf_of_name: Text = Field(
        "", max_length=200, description="for event / on_behalf: the name of the person who asked"
    )
    event_name: Text = Field("", max_length=200, description="where it was collected (optional)")


class QuestionSupportOut(Schema):
    question: int
    supports: int
    created: bool = Field(description="false when you already supported it (nothing counted twice)")


class SelectionRoundOut(Schema):
    id: int
    selects_on: date
    top_n: int = Field(description="how many are selected on the date if staff have not chosen")
    status: RoundStatus
    closed_at: datetime | None
    selected: int = Field(description="questions selected in this round")

    @staticmethod
    def resolve_selected(selection_round: SelectionRound):
        return getattr(selection_round, "selected_count", 0)


class SelectionRoundIn(Schema):
    selects_on: date = Field(description="the selection date, today or later (YYYY-MM-DD)")
    top_n: int = Field(5, ge=1, le=100, description="how many to select on that date if you have not chosen")


class QuestionSelectionIn(Schema):
    questions: list[Id] = Field(max_length=200, description="ids of the open questions to select")


class QuestionAnswerIn(Schema):
    body: Text = Field(max_length=40000, description="the answer, at least 20 characters")
    video_url: Text = Field("", max_length=1000, description="optional video link, https only")
    transcript: Text = Field("", max_length=100000, description="what is said in the video (with a video link)")
    measure_title: Text = Field("", max_length=1000, description="a measure announced (with its web address)")
    measure_url: Text = Field("", max_length=1000, description="where to read about the measure")
    linked_space: Text | None = Field(None, max_length=200, description="slug of a space people can join next")


class QuestionDeclineIn(Schema):
    reason: Text = Field(max_length=5000, description="why it is declined, shown publicly")


class WaitingQuestionOut(Schema):
    id: int
    title: str
    selected_at: datetime
    days_waiting: float


class AnswerTimesOut(Schema):
    asked: int
    answered: int
    declined: int
    median_days_to_answer: float | None = Field(description="from selection to answer")
    p90_days_to_answer: float | None = Field(description="90th percentile, from selection to answer")
    median_days_from_asking: float | None
    p90_days_from_asking: float | None
    share_answered_within_30_days: float | None = Field(
        description="of the selected questions whose 30 days are over or which were answered"
    )
    waiting: list[WaitingQuestionOut] = Field(description="selected and not yet answered, the longest wait first")


def _dialogue_space(request, slug: str) -> Space:
    space = readable_space(request, slug)
    if space.kind != SpaceKind.DIALOGUE:
        raise Http404
    return space


def _in_range(pk: int) -> int:
    """An id no row could have is simply not found."""
    if not 0 < pk < 2**62:
        raise Http404
    return pk


def _question(request, space: Space, question_id: int) -> Question:
    return selectors.question_detail(space=space, question_id=_in_range(question_id), viewer=request.auth)


@router.get(
    "/spaces/{slug}/questions",
    response=list[AskedQuestionOut],
    auth=ANYONE,
    summary="Questions asked in a dialogue space",
)
@paginate(Pages)
def list_questions(
    request, slug: str, status: QuestionStatus | None = None, sort: selectors.QuestionSort = "most_supported"
):
    space = _dialogue_space(request, slug)
    return selectors.question_list(space=space, viewer=request.auth, status=status or "", sort=sort)


@router.post("/spaces/{slug}/questions", response={201: AskedQuestionOut}, auth=SIGNED_IN, summary="Ask a question")
def ask_question(request, slug: str, payload: AskQuestionIn):
    space = _dialogue_space(request, slug)
    question = services.question_ask(person=request.auth, space=space, **payload.dict())
    return Status(201, _question(request, space, question.pk))


@router.get(
    "/spaces/{slug}/similar-questions",
    response=list[SimilarQuestionOut],
    auth=ANYONE,
    summary="Questions like this text (while someone types theirs)",
)
def similar_questions(request, slug: str, text: Text = ""):
    space = _dialogue_space(request, slug)
    return selectors.similar_questions(space=space, text=text[:500])


@router.get("/spaces/{slug}/questions/{question_id}", response=AskedQuestionOut, auth=ANYONE, summary="One question")
def get_question(request, slug: str, question_id: int):
    return _question(request, _dialogue_space(request, slug), question_id)


@router.post(
    "/spaces/{slug}/questions/{question_id}/supports",
    response={201: QuestionSupportOut, 200: QuestionSupportOut},
    auth=SIGNED_IN,
    summary="Support a question (once; a second call changes nothing)",
)
def support_question(request, slug: str, question_id: int):
    question = _question(request, _dialogue_space(request, slug), question_id)
    _support, created = services.question_support(person=request.auth, question=question)
    return Status(
        201 if created else 200, {"question": question.pk, "supports": question.supports_count, "created": created}
    )


@router.delete(
    "/spaces/{slug}/questions/{question_id}/supports",
    response={204: None},
    auth=SIGNED_IN,
    summary="Withdraw your support (while the question is open)",
)
def unsupport_question(request, slug: str, question_id: int):
    question = _question(request, _dialogue_space(request, slug), question_id)
    services.question_unsupport(person=request.auth, question=question)
    return Status(204, None)


@router.get(
    "/spaces/{slug}/selection-rounds",
    response=list[SelectionRoundOut],
    auth=ANYONE,
    summary="Selection rounds, latest date first",
)
def list_selection_rounds(request, slug: str):
    return selectors.selection_round_list(space=_dialogue_space(request, slug))


@router.post(
    "/spaces/{slug}/selection-rounds",
    response={201: SelectionRoundOut},
    auth=SIGNED_IN,
    summary="Open a selection round (organisers)",
)
def open_selection_round(request, slug: str, payload: SelectionRoundIn):
    space = _dialogue_space(request, slug)
    selection_round = services.selection_round_open(
        person=request.auth, space=space, selects_on=payload.selects_on, top_n=payload.top_n
    )
    return Status(201, selection_round)


@router.post(
    "/spaces/{slug}/selection-rounds/{round_id}/selection",
    response=list[AskedQuestionOut],
    auth=SIGNED_IN,
    summary="Select these open questions in the round, which closes it (organisers)",
)
def select_questions(request, slug: str, round_id: int, payload: QuestionSelectionIn):
    space = _dialogue_space(request, slug)
    ensure_can(request.auth, "select_questions", space)
    selection_round = SelectionRound.objects.filter(space=space, pk=_in_range(round_id)).first()
    if selection_round is None:
        raise Http404
    chosen = services.questions_select(
        person=request.auth, selection_round=selection_round, question_ids=payload.questions
    )
    ids = [q.pk for q in chosen]
    return list(selectors.question_list(space=space, viewer=request.auth).filter(pk__in=ids))


@router.post(
    "/spaces/{slug}/questions/{question_id}/answer",
    response={201: AskedQuestionOut},
    auth=SIGNED_IN,
    summary="Answer a selected question (organisers)",
)
def answer_question(request, slug: str, question_id: int, payload: QuestionAnswerIn):
    space = _dialogue_space(request, slug)
    question = _question(request, space, question_id)
    ensure_can(request.auth, "answer_question", question)
    linked_space = None
    if payload.linked_space:
        linked_space = Space.objects.visible_to(request.auth).filter(slug=payload.linked_space).first()
        if linked_space is None:
            raise ValidationError({"linked_space": _("There is no space with this address that you can read.")})
    data = payload.dict(exclude={"linked_space"})
    services.question_answer(person=request.auth, question=question, linked_space=linked_space, **data)
    return Status(201, _question(request, space, question.pk))


@router.post(
    "/spaces/{slug}/questions/{question_id}/decline",
    response=AskedQuestionOut,
    auth=SIGNED_IN,
    summary="Decline a question with a reason shown publicly (organisers)",
)
def decline_question(request, slug: str, question_id: int, payload: QuestionDeclineIn):
    space = _dialogue_space(request, slug)
    question = _question(request, space, question_id)
    services.question_decline(person=request.auth, question=question, reason=payload.reason)
    return _question(request, space, question.pk)


@router.get(
    "/spaces/{slug}/answer-times",
    response=AnswerTimesOut,
    auth=ANYONE,
    summary="How quickly the officials answer: medians, 90th percentiles, the 30-day share, who is waiting",
)
def answer_times(request, slug: str):
    statistics = selectors.answer_statistics(space=_dialogue_space(request, slug))
    times = statistics.times
    return {
        "asked": statistics.asked,
        "answered": times.answered,
        "declined": statistics.declined,
        "median_days_to_answer": times.median_days_to_answer,
        "p90_days_to_answer": times.p90_days_to_answer,
        "median_days_from_asking": times.median_days_from_asking,
        "p90_days_from_asking": times.p90_days_from_asking,
        "share_answered_within_30_days": times.share_within_deadline,
        "waiting": [
            {"id": q.pk, "title": q.title, "selected_at": q.selected_at, "days_waiting": q.days_waiting}
            for q in statistics.waiting
        ],
    }
