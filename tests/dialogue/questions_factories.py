"""A dialogue space ready for questions, its people, and questions asked through the service."""

from datetime import timedelta

from django.utils import timezone

from cocreate.dialogue.models import Question
from cocreate.dialogue.services.questions import question_ask, question_support, questions_select, selection_round_open
from cocreate.spaces.models import Space
from tests import factories

QUESTION_ACTIVITIES = ["ask_question", "support_question"]


def dialogue_space(**fields) -> tuple[Space, object]:
    """A public dialogue space with a phase open now for asking and supporting, and a staff
    member of the organisation running it (an organiser of the space)."""
    organisation = factories.OrganisationFactory()
    staff = factories.PersonFactory()
    factories.MembershipFactory(person=staff, organisation=organisation, role="staff")
    space = factories.SpaceFactory(organisations=[organisation], kind="dialogue", **fields)
    factories.PhaseFactory(space=space, title="Ask and support", activities=list(QUESTION_ACTIVITIES))
    return Space.objects.get(pk=space.pk), staff


_counter = [0]


def ask(space: Space, person=None, title: str | None = None, details: str = "") -> Question:
    _counter[0] += 1
    return question_ask(
        person=person or factories.PersonFactory(),
        space=space,
        title=title or f"When will the bus lines to the north be restored? ({_counter[0]})",
        details=details,
    )


def supported(question: Question, times: int) -> Question:
    for _ in range(times):
        question_support(person=factories.PersonFactory(), question=question)
    question.refresh_from_db()
    return question


def selected(space: Space, staff, *questions: Question) -> list[Question]:
    selection_round = selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=10 + _counter[0])
    )
    _counter[0] += 1
    return questions_select(person=staff, selection_round=selection_round, question_ids=[q.pk for q in questions])
