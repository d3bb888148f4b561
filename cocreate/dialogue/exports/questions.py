"""Open data: the public questions of a dialogue space and their answers, as CSV or JSON, with
nothing that identifies a person: no asker (nor the name given for someone who asked offline),
no staff who entered, selected, answered or declined a question, no supporters, no account ids;
only what the question pages show without a name: the text, the dates, the counts."""

from collections.abc import Callable, Iterator

from django.http import HttpResponse

from cocreate.dialogue.models import QuestionStatus
from cocreate.dialogue.selectors.questions import questions_for_export
from cocreate.spaces.models import Origin, Space, Visibility
from cocreate.web.exports import export_response

QUESTION_COLUMNS = [
    "id",
    "title",
    "details",
    "status",
    "origin",
    "event",
    "asked",
    "supports",
    "selected",
    "answered",
    "answer",
    "video_address",
    "transcript",
    "measure",
    "measure_address",
    "linked_space_address",
    "declined",
    "decline_reason",
]


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def question_rows(space: Space, *, full_address: Callable[[str], str]) -> Iterator[dict]:
    """One row per public question; `full_address` turns a path of the site into a web address
    (the linked space's), as `request.build_absolute_uri` does."""
    for question in questions_for_export(space=space).iterator(chunk_size=1000):
        # As the question page: the answer once answered, the reason once declined.
        answer = getattr(question, "answer", None) if question.status == QuestionStatus.ANSWERED else None
        declined = question.status == QuestionStatus.DECLINED
        yield {
            "id": question.pk,
            "title": question.title,
            "details": question.details,
            "status": question.status,
            "origin": question.origin,
            "event": question.event_name if question.origin != Origin.ONLINE else "",
            "asked": _moment(question.created_at),
            "supports": question.supports_count,
            "selected": _moment(question.selected_at),
            "answered": _moment(question.answered_at) if answer else None,
            "answer": answer.body if answer else "",
            "video_address": answer.video_url if answer else "",
            "transcript": answer.transcript if answer and answer.video_url else "",
            "measure": answer.measure_title if answer else "",
            "measure_address": answer.measure_url if answer and answer.measure_title else "",
            "linked_space_address": (
                full_address(answer.linked_space.get_absolute_url())
                if answer and answer.linked_space and answer.linked_space.visibility == Visibility.PUBLIC
                else ""  # a private space's address is not spread further
            ),
            "declined": _moment(question.declined_at) if declined else None,
            "decline_reason": question.decline_reason if declined else "",
        }


def response(*, space: Space, fmt: str, full_address: Callable[[str], str]) -> HttpResponse:
    rows = question_rows(space, full_address=full_address)
    return export_response(rows=rows, columns=QUESTION_COLUMNS, name=f"{space.slug}-questions", fmt=fmt)
