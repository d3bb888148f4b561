"""What the questions part of dialogue holds about a person, for the data download and account
deletion. Questions and supports stay when an account is deleted: the question is shown as from
a deleted account and its supports stay counted, so that what others supported and what the
officials answered does not change."""

from django.db.models import F

from cocreate.accounts.personal_data import eraser, exporter, on_name_change
from cocreate.dialogue.models import Question, QuestionAnswer, QuestionSupport
from cocreate.spaces.models import Space


@exporter("questions asked")
def export_questions(person) -> list[dict]:
    return [
        {
            "id": question.pk,
            "space": question.space.title,
            "question": question.title,
            "details": question.details,
            "status": question.status,
            "asked_at": question.created_at.isoformat(),
        }
        for question in Question.objects.filter(asker=person).select_related("space").order_by("created_at")
    ]


@exporter("questions supported")
def export_supports(person) -> list[dict]:
    return [
        {"question": s.question_id, "question_title": s.question.title, "supported_at": s.created_at.isoformat()}
        for s in QuestionSupport.objects.filter(person=person).select_related("question").order_by("created_at")
    ]


@exporter("answers given to questions")
def export_answers(person) -> list[dict]:
    return [
        {
            "question": a.question_id,
            "question_title": a.question.title,
            "answer": a.body,
            "video_url": a.video_url,
            "answered_at": a.answered_at.isoformat(),
        }
        for a in QuestionAnswer.objects.filter(answered_by=person).select_related("question").order_by("answered_at")
    ]


@eraser
def erase(person) -> None:
    # Nothing is removed (see above); the pages showing the person's name are rendered again.
    refresh_pages(person)


@on_name_change
def refresh_pages(person) -> None:
    space_ids = set(Question.objects.filter(asker=person).values_list("space_id", flat=True)) | set(
        QuestionAnswer.objects.filter(answered_by=person).values_list("question__space_id", flat=True)
    )
    if space_ids:
        Space.objects.filter(pk__in=space_ids).update(version=F("version") + 1)
