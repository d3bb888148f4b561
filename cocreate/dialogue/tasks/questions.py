"""Background work for questions to officials, run by the task worker."""

from django_tasks import task


@task()
def tell_about_questions(*, kind: str, question_ids: list[int], actor_id: int | None) -> int:
    """Tell the askers and supporters of these questions that they were selected, answered or
    declined (in-app, e-mailed in the next digest). One notification per person and question."""
    from cocreate.dialogue.models import Question, QuestionSupport
    from cocreate.notifications.services import notifications_send

    told = 0
    supporters: dict[int, set[int]] = {}
    for question_id, person_id in QuestionSupport.objects.filter(question_id__in=question_ids).values_list(
        "question_id", "person_id"
    ):
        supporters.setdefault(question_id, set()).add(person_id)
    for question in Question.objects.filter(pk__in=question_ids).select_related("space"):
        told += notifications_send(
            kind=kind,
            recipient_ids={question.asker_id, *supporters.get(question.pk, set())},
            title=question.title,
            link=question.get_absolute_url(),
            actor_id=actor_id,
        )
    return told


@task()
def close_due_selection_rounds() -> int:
    """Select the most supported open questions in every round whose date has passed and that
    staff have not closed themselves (run daily by the scheduler)."""
    from cocreate.dialogue.services.questions import selection_rounds_close_due

    return selection_rounds_close_due()
