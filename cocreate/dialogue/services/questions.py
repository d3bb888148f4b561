"""Every write about questions to officials. Each function checks the actor's permission with
`ensure_can`, validates (a ValidationError with a message per field, nothing changed), runs in
one transaction, locks what a limit is checked on, and tells askers and supporters after commit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person, PersonKind
from cocreate.algorithms.text import clean_text
from cocreate.dialogue.models import (
    Question,
    QuestionAnswer,
    QuestionStatus,
    QuestionSupport,
    RoundStatus,
    SelectionRound,
)
from cocreate.notifications.models import NotificationKind
from cocreate.spaces.models import Origin, Space, SpaceKind
from cocreate.spaces.permissions import ensure_can
from cocreate.spaces.services import log_action
from cocreate.web.text_fields import text_within, web_address

TITLE_MIN, TITLE_MAX = 10, 200
DETAILS_MAX = 5000
ANSWER_MIN, ANSWER_MAX = 20, 20000
TRANSCRIPT_MAX = 50000
REASON_MIN, REASON_MAX = 10, 2000
TOP_N_MAX = 100


def _tell_after_commit(kind: str, question_ids: list[int], actor: Person | None) -> None:
    from cocreate.dialogue.tasks.questions import tell_about_questions

    arguments = {"kind": kind, "question_ids": list(question_ids), "actor_id": actor.pk if actor else None}
    transaction.on_commit(lambda: tell_about_questions.enqueue(**arguments))


def _space_changed(space_id: int) -> None:
    """Every page showing the space's questions must be rendered again."""
    Space.objects.filter(pk=space_id).update(version=F("version") + 1)


def _ensure_dialogue(space: Space) -> None:
    if space.kind != SpaceKind.DIALOGUE:
        raise ValidationError(_("Questions to officials can only be asked in a dialogue space."))


def _locked(question: Question) -> Question:
    """The question as it is now, locked until the end of the transaction (its status may have
    changed since the caller loaded it); the caller's object is updated too."""
    fresh = Question.objects.select_for_update().get(pk=question.pk)
    for name in ("status", "supports_count", "selected_at", "answered_at", "declined_at", "hidden_at"):
        setattr(question, name, getattr(fresh, name))
    return question


# --- Asking and supporting ------------------------------------------------------------------


@transaction.atomic
def question_ask(
    *,
    person: Person,
    space: Space,
    title: str,
    details: str = "",
    origin: str = Origin.ONLINE,
    on_behalf_of_name: str = "",
    event_name: str = "",
) -> Question:
    """Ask a question to the officials of a dialogue space. With `origin` "event" or
    "on_behalf", a staff member enters a question for someone who took part offline:
    `on_behalf_of_name` becomes its asker (a person without an account), and the staff member
    is recorded as having entered it."""
    if origin not in Origin.values:
        raise ValidationError({"origin": _("Choose where this question came from.")})
    if origin == Origin.ONLINE:
        ensure_can(person, "ask_question", space)
    else:
        ensure_can(person, "ask_question_for_someone", space)
    _ensure_dialogue(space)
    errors: dict = {}
    title = text_within(
        title,
        field="title",
        errors=errors,
        minimum=TITLE_MIN,
        maximum=TITLE_MAX,
        too_short=_("Write your question in at least %(n)s characters.") % {"n": TITLE_MIN},
        too_long=_("Keep the question under %(n)s characters; add the rest as details.") % {"n": TITLE_MAX},
    )
    details = text_within(
        details,
        field="details",
        errors=errors,
        minimum=0,
        maximum=DETAILS_MAX,
        too_short="",
        too_long=_("Keep the details under %(n)s characters.") % {"n": DETAILS_MAX},
    )
    name = clean_text(on_behalf_of_name or "")
    if origin != Origin.ONLINE and not name:
        errors["on_behalf_of_name"] = _(
            "Enter the name of the person whose question this is, or “Anonymous” if they did not give one."
        )
    if errors:
        raise ValidationError(errors)

    if origin == Origin.ONLINE:
        asker, entered_by = person, None
    else:
        asker = Person.objects.create(kind=PersonKind.OFFLINE, display_name=name[:80])
        entered_by = person
    question = Question.objects.create(
        space=space,
        title=title,
        details=details,
        asker=asker,
        origin=origin,
        event_name=clean_text(event_name or "")[:200],
        entered_by=entered_by,
    )
    _space_changed(space.pk)
    if entered_by:
        log_action(actor=person, action="question_enter_for_someone", space=space, target=question, origin=origin)
    return question


@transaction.atomic
def question_support(*, person: Person, question: Question) -> tuple[QuestionSupport, bool]:
    """Record that `person` supports `question`. A second call returns the existing support (and
    False) instead of counting twice; the unique constraint decides between concurrent calls."""
    ensure_can(person, "support_question", question)
    _locked(question)  # selected meanwhile? Then it is no longer open for support.
    ensure_can(person, "support_question", question)
    if question.asker_id == person.pk:
        raise ValidationError(_("You asked this question: your support is already counted by asking it."))
    existing = QuestionSupport.objects.filter(question=question, person=person).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            support = QuestionSupport.objects.create(question=question, person=person)
    except IntegrityError:  # a concurrent request supported it first
        return QuestionSupport.objects.get(question=question, person=person), False
    Question.objects.filter(pk=question.pk).update(supports_count=F("supports_count") + 1)
    question.supports_count = Question.objects.values_list("supports_count", flat=True).get(pk=question.pk)
    _space_changed(question.space_id)
    return support, True


@transaction.atomic
def question_unsupport(*, person: Person, question: Question) -> bool:
    """Withdraw `person`'s support; True when there was one. Only while the question is open:
    once selected, the supports that selected it stay as they were."""
    ensure_can(person, "support_question", question)
    _locked(question)
    ensure_can(person, "support_question", question)
    deleted, _counts = QuestionSupport.objects.filter(question=question, person=person).delete()
    if not deleted:
        return False
    Question.objects.filter(pk=question.pk).update(supports_count=F("supports_count") - 1)
    question.supports_count = Question.objects.values_list("supports_count", flat=True).get(pk=question.pk)
    _space_changed(question.space_id)
    return True


# --- Selection rounds ----------------------------------------------------------------------


@transaction.atomic
def selection_round_open(*, person: Person, space: Space, selects_on: datetime.date, top_n: int = 5) -> SelectionRound:
    """Open a selection round: on `selects_on`, if staff have not chosen the questions by then,
    the `top_n` most supported open questions are selected."""
    ensure_can(person, "select_questions", space)
    _ensure_dialogue(space)
    errors: dict = {}
    if not isinstance(selects_on, datetime.date):
        errors["selects_on"] = _("Enter the selection date, e.g. 2026-12-01.")
    elif selects_on < timezone.localdate():
        errors["selects_on"] = _("Choose a selection date from today on.")
    elif SelectionRound.objects.filter(space=space, selects_on=selects_on).exists():
        errors["selects_on"] = _("There is already a selection round on this date.")
    if not isinstance(top_n, int) or isinstance(top_n, bool) or not 1 <= top_n <= TOP_N_MAX:
        errors["top_n"] = _("Choose between 1 and %(n)s questions.") % {"n": TOP_N_MAX}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            selection_round = SelectionRound.objects.create(
                space=space, selects_on=selects_on, top_n=top_n, created_by=person
            )
    except IntegrityError:  # opened by someone else at the same moment
        raise ValidationError({"selects_on": _("There is already a selection round on this date.")}) from None
    _space_changed(space.pk)
    return selection_round


def _select(selection_round: SelectionRound, questions: list[Question], actor: Person | None) -> list[Question]:
    now = timezone.now()
    ids = [q.pk for q in questions]
    Question.objects.filter(pk__in=ids).update(
        status=QuestionStatus.SELECTED, selected_at=now, selection_round=selection_round
    )
    for question in questions:
        question.status, question.selected_at, question.selection_round = QuestionStatus.SELECTED, now, selection_round
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        status=RoundStatus.CLOSED, closed_at=now, closed_by=actor
    )
    selection_round.status, selection_round.closed_at, selection_round.closed_by = RoundStatus.CLOSED, now, actor
    _space_changed(selection_round.space_id)
    if ids:
        _tell_after_commit(NotificationKind.QUESTION_SELECTED, ids, actor)
    return questions


def _lock_round(selection_round: SelectionRound) -> None:
    fresh = SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
    selection_round.status = fresh.status
    if not fresh.is_open:
        raise ValidationError(_("The questions of this round have already been selected."))


@transaction.atomic
def questions_select(*, person: Person, selection_round: SelectionRound, question_ids) -> list[Question]:
    """Staff select these open questions in the round, which closes it; askers and supporters
    are told."""
    ensure_can(person, "select_questions", selection_round.space)
    _lock_round(selection_round)
    try:
        wanted = {int(pk) for pk in question_ids}
    except (TypeError, ValueError):
        raise ValidationError({"questions": _("Choose questions from the list.")}) from None
    if not wanted:
        raise ValidationError({"questions": _("Choose at least one question to select.")})
    if any(not 0 < pk < 2**62 for pk in wanted):
        raise ValidationError({"questions": _("Choose questions from the list.")})
    questions = list(
        Question.objects.select_for_update()
        .filter(space_id=selection_round.space_id, pk__in=wanted)
        .order_by("-supports_count", "created_at", "pk")
    )
    if len(questions) != len(wanted):
        raise ValidationError({"questions": _("Choose questions from the list of this space.")})
    not_open = [q.title for q in questions if not q.is_open]
    if not_open:
        raise ValidationError(
            {"questions": _("Only open questions can be selected; not: %(titles)s.") % {"titles": "; ".join(not_open)}}
        )
    log_action(actor=person, action="questions_select", space=selection_round.space, target=selection_round)
    return _select(selection_round, questions, person)


def top_open_questions(space_id: int, limit: int):
    """The open, visible questions of a space, most supported first (oldest first among equals)."""
    return Question.objects.filter(space_id=space_id, status=QuestionStatus.OPEN, hidden_at__isnull=True).order_by(
        "-supports_count", "created_at", "pk"
    )[:limit]


def selection_rounds_close_due(*, today: datetime.date | None = None) -> int:
    """Close every open round whose date has passed (or is today) by selecting its `top_n`
    most supported open questions; returns how many rounds were closed. Each round in its own
    transaction, locked, so two workers never select twice."""
    today = today or timezone.localdate()
    closed = 0
    for round_id in SelectionRound.objects.filter(status=RoundStatus.OPEN, selects_on__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            selection_round = SelectionRound.objects.select_for_update().filter(pk=round_id).first()
            if selection_round is None or not selection_round.is_open:
                continue
            questions = list(top_open_questions(selection_round.space_id, selection_round.top_n).select_for_update())
            _select(selection_round, questions, None)
            log_action(
                actor=None, action="questions_select_automatically", space=selection_round.space, target=selection_round
            )
            closed += 1
    return closed


# --- Answering and declining ---------------------------------------------------------------


@transaction.atomic
def question_answer(
    *,
    person: Person,
    question: Question,
    body: str,
    video_url: str = "",
    transcript: str = "",
    measure_title: str = "",
    measure_url: str = "",
    linked_space: Space | None = None,
) -> QuestionAnswer:
    """An official answers a selected question: text, optionally a video link (https only) with
    its transcript, and a link to a measure (title and web address) or to a space."""
    ensure_can(person, "answer_question", question)
    _locked(question)
    ensure_can(person, "answer_question", question)  # its status as it is now
    errors: dict = {}
    body = text_within(
        body,
        field="body",
        errors=errors,
        minimum=ANSWER_MIN,
        maximum=ANSWER_MAX,
        too_short=_("Write an answer of at least %(n)s characters.") % {"n": ANSWER_MIN},
        too_long=_("Keep the answer under %(n)s characters.") % {"n": ANSWER_MAX},
    )
    video_url = web_address(
        video_url,
        field="video_url",
        errors=errors,
        invalid=_("Enter the video's full web address starting with https://, e.g. https://www.youtube.com/watch?v=…"),
    )
    if video_url and "video_url" not in errors and not video_url.lower().startswith("https://"):
        errors["video_url"] = _("The video link must be secure: start it with https://")
    transcript = text_within(
        transcript,
        field="transcript",
        errors=errors,
        minimum=0,
        maximum=TRANSCRIPT_MAX,
        too_short="",
        too_long=_("Keep the transcript under %(n)s characters.") % {"n": TRANSCRIPT_MAX},
    )
    if transcript and not video_url and "video_url" not in errors:
        errors["transcript"] = _("A transcript goes with a video: add the video link, or put the text in the answer.")
    measure_title = clean_text(measure_title or "")
    measure_url = web_address(measure_url, field="measure_url", errors=errors)
    if len(measure_title) > 200:
        errors["measure_title"] = _("Keep the measure's title under %(n)s characters.") % {"n": 200}
    if measure_url and not measure_title:
        errors["measure_title"] = _("Name the measure the web address leads to.")
    if measure_title and not measure_url and "measure_url" not in errors:
        errors["measure_url"] = _("Give the web address where people can read about the measure.")
    if linked_space is not None and not isinstance(linked_space, Space):
        errors["linked_space"] = _("Choose a space from the list.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    answer = QuestionAnswer.objects.create(
        question=question,
        body=body,
        video_url=video_url,
        transcript=transcript,
        measure_title=measure_title,
        measure_url=measure_url,
        linked_space=linked_space,
        answered_by=person,
        answered_at=now,
    )
    Question.objects.filter(pk=question.pk).update(status=QuestionStatus.ANSWERED, answered_at=now)
    question.status, question.answered_at = QuestionStatus.ANSWERED, now
    _space_changed(question.space_id)
    _tell_after_commit(NotificationKind.QUESTION_ANSWERED, [question.pk], person)
    return answer


@transaction.atomic
def question_decline(*, person: Person, question: Question, reason: str) -> Question:
    """Staff decline a question (open or selected) with a reason shown publicly on its page."""
    ensure_can(person, "decline_question", question)
    _locked(question)
    ensure_can(person, "decline_question", question)
    errors: dict = {}
    reason = text_within(
        reason,
        field="reason",
        errors=errors,
        minimum=REASON_MIN,
        maximum=REASON_MAX,
        too_short=_("Say in at least %(n)s characters why this question is declined: it is shown publicly.")
        % {"n": REASON_MIN},
        too_long=_("Keep the reason under %(n)s characters.") % {"n": REASON_MAX},
    )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        status=QuestionStatus.DECLINED, decline_reason=reason, declined_at=now, declined_by=person
    )
    question.status, question.decline_reason, question.declined_at = QuestionStatus.DECLINED, reason, now
    question.declined_by = person
    _space_changed(question.space_id)
    _tell_after_commit(NotificationKind.QUESTION_DECLINED, [question.pk], person)
    return question


# --- Counters ------------------------------------------------------------------------------


def questions_recount(*, space: Space | None = None) -> int:
    """Rebuild the stored support counters of questions from the supports (for `cocreate
    recount`). Returns how many were wrong."""
    questions = Question.objects.all() if space is None else Question.objects.filter(space=space)
    counted = (
        QuestionSupport.objects.filter(question=OuterRef("pk")).order_by().values("question").annotate(n=Count("pk"))
    )
    rows = questions.annotate(real=Coalesce(Subquery(counted.values("n")), 0)).values_list(
        "pk", "space_id", "supports_count", "real"
    )
    fixed, spaces = 0, set()
    for pk, space_id, stored, real in rows.iterator():
        if stored != real:
            Question.objects.filter(pk=pk).update(supports_count=real)
            fixed += 1
            spaces.add(space_id)
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
    return fixed
