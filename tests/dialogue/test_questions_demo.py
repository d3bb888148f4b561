"""The demo's “O Governador Responde”: realistic questions with supports, two past monthly rounds
answered (one on video with a transcript, one announcing a measure, one pointing to a space), a
question still waiting, one declined with its reason, the next round open; and its pages work."""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from cocreate.dialogue.models import Question, QuestionAnswer, QuestionStatus, RoundStatus, SelectionRound
from cocreate.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(capsys):
    call_command("demo", "--if-empty")
    capsys.readouterr()
    return Space.objects.get(title="O Governador Responde")


def test_the_governor_responds(space):
    from cocreate.demo.dialogue_questions import QUESTIONS

    # Other parts of the demo may ask more here (listening turns an emerging issue into a question).
    questions = Question.objects.filter(space=space, title__in=[spec[3] for spec in QUESTIONS])
    assert questions.count() == len(QUESTIONS) == 12
    assert questions.filter(status=QuestionStatus.ANSWERED).count() == 5
    assert questions.filter(status=QuestionStatus.SELECTED).count() == 1
    declined = questions.get(status=QuestionStatus.DECLINED)
    assert "Prefeitura de Santa Maria" in declined.decline_reason and declined.asker.kind == "offline"
    answers = QuestionAnswer.objects.filter(question__space=space)
    assert answers.exclude(video_url="").exclude(transcript="").count() == 2
    assert answers.exclude(measure_url="").count() == 1 and answers.filter(linked_space__isnull=False).count() == 1
    rounds = SelectionRound.objects.filter(space=space)
    assert rounds.filter(status=RoundStatus.CLOSED).count() == 2 and rounds.filter(status=RoundStatus.OPEN).count() == 1
    for question in questions:
        assert question.supports_count == question.supports.count()
        if question.answered_at:
            assert question.selected_at < question.answered_at


def test_its_pages_answer(client, space):
    answered = Question.objects.filter(space=space, status=QuestionStatus.ANSWERED).exclude(answer__video_url="")
    for address in (
        space.get_absolute_url(),
        reverse("dialogue:question_list", args=[space.slug]),
        reverse("dialogue:question_statistics", args=[space.slug]),
        answered.first().get_absolute_url(),
    ):
        assert client.get(address).status_code == 200, address


def test_it_loads_on_its_own_and_quickly(capsys):
    """Timed for information only (the aim is under 1 s; 0.5 s measured here): a timed assertion
    on a shared machine would fail for the wrong reasons."""
    from cocreate.accounts.models import Organisation, Person
    from cocreate.demo import content, dialogue_questions

    call_command("demo", "--if-empty")
    capsys.readouterr()
    people = {p["key"]: Person.objects.get(email=p["email"]) for p in content.PEOPLE}
    people.update({p["key"]: p["name"] for p in content.OFFLINE_PEOPLE})
    organisations = {org["key"]: Organisation.objects.get(name=org["name"]) for org in content.ORGANISATIONS}
    governor = Space.objects.get(title__startswith="O Governador Pergunta")
    Space.objects.filter(title="O Governador Responde").delete()
    started = time.perf_counter()
    space = dialogue_questions.load(people, organisations, {"governor": governor})
    print(f"O Governador Responde loaded in {time.perf_counter() - started:.2f} s")
    assert Question.objects.filter(space=space).count() == 12
    assert QuestionAnswer.objects.get(question__space=space, linked_space__isnull=False).linked_space == governor
