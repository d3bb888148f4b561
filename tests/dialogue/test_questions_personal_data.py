"""What a person can download about their questions, supports and answers; and account deletion,
after which their questions stay, shown as from a deleted account, with their supports counted."""

import pytest

from cocreate.accounts.personal_data import export_sections
from cocreate.accounts.services import person_delete
from cocreate.dialogue.models import Question
from cocreate.dialogue.services.questions import question_answer, question_support
from tests import factories
from tests.dialogue.questions_factories import ask, dialogue_space, selected

pytestmark = pytest.mark.django_db


def test_the_download_holds_questions_supports_and_answers():
    space, staff = dialogue_space()
    person = factories.PersonFactory()
    mine = ask(space, person=person, title="When do the buses return to Canoas?")
    other = ask(space)
    question_support(person=person, question=other)
    (other,) = selected(space, staff, other)
    question_answer(person=staff, question=other, body="They return on 1 March, every 15 minutes.")
    sections = export_sections()
    (asked,) = sections["questions asked"](person)
    assert asked["question"] == mine.title and asked["space"] == space.title
    (supported,) = sections["questions supported"](person)
    assert supported["question"] == other.pk
    (answer,) = sections["answers given to questions"](staff)
    assert answer["answer"].startswith("They return")


def test_a_deleted_accounts_question_stays_shown_as_from_a_deleted_account(client):
    space, _staff = dialogue_space()
    person = factories.PersonFactory(display_name="Ana Souza")
    question = ask(space, person=person, title="When do the buses return to Canoas?")
    supporter = factories.PersonFactory()
    question_support(person=supporter, question=question)
    person_delete(person=supporter, actor=supporter)
    person_delete(person=person, actor=person)
    question.refresh_from_db()
    assert Question.objects.filter(pk=question.pk).exists() and question.supports_count == 1
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Deleted account" in page and "Ana Souza" not in page
