"""Reads for the questions part of a dialogue space. Every function runs a fixed number of
queries whatever the number of rows."""

from dataclasses import dataclass
from typing import Literal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from cocreate.algorithms.answer_times import AnswerTimes, QuestionMoments, answer_times
from cocreate.dialogue.models import Question, QuestionStatus, QuestionSupport, RoundStatus, SelectionRound
from cocreate.spaces import similarity
from cocreate.spaces.models import Space, SpaceKind
from cocreate.spaces.permissions import can, signed_in

PAGE_SIZE = 20

QUESTION_SORTS = {
    "most_supported": ("-supports_count", "created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "recently_answered": ("-answered_at", "-pk"),
}
QuestionSort = Literal["most_supported", "newest", "recently_answered"]
# What staff see to choose from when selecting: the most supported open questions.
CANDIDATES_SHOWN = 50


# --- Similar questions ("ask before you ask") ------------------------------------------------


def suggestible_question_rows(space_id: int, ids=None):
    """(id, text) of the visible questions of a space (answered ones too: the answer may be what
    the person is looking for); the title counts twice."""
    questions = Question.objects.filter(space_id=space_id, hidden_at__isnull=True)
    if ids is not None:
        questions = questions.filter(pk__in=list(ids))
    return [
        (pk, f"{title} {title} {details}") for pk, title, details in questions.values_list("pk", "title", "details")
    ]


def suggestible_question_count(space_id: int) -> int:
    return Question.objects.filter(space_id=space_id, hidden_at__isnull=True).count()


similarity.register_source(
    "questions", model=Question, rows=suggestible_question_rows, count=suggestible_question_count
)


def similar_questions(*, space: Space, text: str, exclude_id: int | None = None, limit: int = 5) -> list[Question]:
    """The questions of the space most like `text` (a question being typed), best first."""
    ids = similarity.similar_ids(source="questions", space_id=space.pk, text=text, limit=limit, exclude_id=exclude_id)
    if not ids:
        return []
    found = {
        q.pk: q
        for q in Question.objects.filter(pk__in=ids, space=space, hidden_at__isnull=True).only(
            "pk", "title", "status", "supports_count", "space_id"
        )
    }
    questions = [found[pk] for pk in ids if pk in found]
    for question in questions:
        question.space = space
    return questions


# --- Lists and pages -----------------------------------------------------------------------


def _with_viewer(questions: QuerySet, viewer) -> QuerySet:
    if not signed_in(viewer):
        return questions.annotate(supported=Value(False))
    return questions.annotate(supported=Exists(QuestionSupport.objects.filter(question=OuterRef("pk"), person=viewer)))


def question_list(*, space: Space, viewer, status: str = "", sort: str = "most_supported") -> QuerySet[Question]:
    """The visible questions of a space, filtered by status and sorted, with whether the viewer
    supports each. Unknown status or sort values are ignored (the view says so)."""
    questions = Question.objects.visible().filter(space=space).select_related("asker", "answer")
    if status in QuestionStatus.values:
        questions = questions.filter(status=status)
    if sort == "recently_answered":
        questions = questions.filter(status=QuestionStatus.ANSWERED)
    questions = _with_viewer(questions, viewer)
    return questions.order_by(*QUESTION_SORTS.get(sort, QUESTION_SORTS["most_supported"]))


def question_detail(*, space: Space, question_id: int, viewer) -> Question:
    """One question of the space with its answer, or 404 (also when the viewer may not see it)."""
    questions = _with_viewer(
        Question.objects.filter(space=space, pk=question_id).select_related(
            "asker", "entered_by", "selection_round", "answer", "answer__answered_by", "answer__linked_space"
        ),
        viewer,
    )
    question = questions.first()
    if question is None:
        raise Http404
    question.space = space
    if not can(viewer, "view", question):
        raise Http404
    return question


def selection_round_list(*, space: Space) -> list[SelectionRound]:
    """The rounds of a space, latest date first, each with how many questions it selected."""
    return list(SelectionRound.objects.filter(space=space).annotate(selected_count=Count("questions")))


def open_selection_round(*, space: Space) -> SelectionRound | None:
    return SelectionRound.objects.filter(space=space, status=RoundStatus.OPEN).order_by("selects_on").first()


def selection_candidates(*, space: Space, limit: int = CANDIDATES_SHOWN) -> list[Question]:
    """The most supported open questions, for staff choosing which to select."""
    questions = (
        Question.objects.visible()
        .filter(space=space, status=QuestionStatus.OPEN)
        .select_related("asker")
        .order_by(*QUESTION_SORTS["most_supported"])[:limit]
    )
    return list(questions)


def questions_to_answer(*, space: Space) -> list[Question]:
    """Selected questions not yet answered, the longest waiting first."""
    return list(
        Question.objects.visible()
        .filter(space=space, status=QuestionStatus.SELECTED)
        .select_related("asker", "selection_round")
        .order_by("selected_at", "pk")
    )


def questions_asked_by(*, person) -> QuerySet[Question]:
    return Question.objects.filter(asker=person).select_related("space").order_by("-created_at")


def questions_for_export(*, space: Space) -> QuerySet[Question]:
    """Open data: the questions of the space the public list shows (hidden ones left out), oldest
    first, with their answers and the spaces the answers point to, in one query. Only the public
    fields are read: nothing about the asker, the staff who entered, selected, answered or
    declined a question, or its supporters."""
    return (
        Question.objects.visible()
        .filter(space=space)
        .select_related("answer", "answer__linked_space")
        .only(
            "pk",
            "title",
            "details",
            "status",
            "origin",
            "event_name",
            "created_at",
            "supports_count",
            "selected_at",
            "answered_at",
            "declined_at",
            "decline_reason",
            "answer__body",
            "answer__video_url",
            "answer__transcript",
            "answer__measure_title",
            "answer__measure_url",
            "answer__linked_space__slug",
            "answer__linked_space__visibility",
        )
        .order_by("pk")
    )


# --- Answer times --------------------------------------------------------------------------


@dataclass
class AnswerStatistics:
    times: AnswerTimes
    # The questions still waiting, with `days_waiting`, the longest wait first.
    waiting: list[Question]
    asked: int
    declined: int


def answer_statistics(*, space: Space, now=None) -> AnswerStatistics:
    """How quickly the officials of a space answer (see `cocreate.algorithms.answer_times`)."""
    now = now or timezone.now()
    rows = list(
        Question.objects.visible()
        .filter(space=space)
        .filter(Q(selected_at__isnull=False) | Q(answered_at__isnull=False))
        .exclude(status=QuestionStatus.DECLINED)
        .values_list("pk", "created_at", "selected_at", "answered_at")
    )
    times = answer_times([QuestionMoments(*row) for row in rows], now=now)
    counts = (
        Question.objects.visible()
        .filter(space=space)
        .aggregate(asked=Count("pk"), declined=Count("pk", filter=Q(status=QuestionStatus.DECLINED)))
    )
    waiting_ids = [w.key for w in times.waiting]
    found = {q.pk: q for q in Question.objects.filter(pk__in=waiting_ids).select_related("selection_round")}
    waiting = []
    for w in times.waiting:
        question = found[w.key]
        question.days_waiting, question.whole_days_waiting = w.days, int(w.days)
        question.space = space
        waiting.append(question)
    return AnswerStatistics(times=times, waiting=waiting, asked=counts["asked"], declined=counts["declined"])


# --- The space page ------------------------------------------------------------------------

OVERVIEW_TOP = 5
OVERVIEW_ANSWERS = 3


def question_overview(*, space, viewer):
    """What the space page shows about the questions asked in a dialogue space, or None."""
    if space.kind != SpaceKind.DIALOGUE:
        return None
    visible = Question.objects.visible().filter(space=space)
    top = list(
        visible.filter(status=QuestionStatus.OPEN)
        .select_related("asker")
        .order_by(*QUESTION_SORTS["most_supported"])[:OVERVIEW_TOP]
    )
    answered = list(
        visible.filter(status=QuestionStatus.ANSWERED)
        .select_related("answer")
        .order_by(*QUESTION_SORTS["recently_answered"])[:OVERVIEW_ANSWERS]
    )
    for question in [*top, *answered]:
        question.space = space
    counts = visible.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in QuestionStatus.values},
    )
    return {
        "top": top,
        "answered": answered,
        "counts": counts,
        "open_round": open_selection_round(space=space),
        "can_ask": can(viewer, "ask_question", space),
        "can_select": can(viewer, "select_questions", space),
    }
