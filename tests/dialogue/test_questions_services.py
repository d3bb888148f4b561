"""Questions to officials: asking, supporting once, selecting in rounds (by staff or on the
date), answering with a video link and transcript, declining with a reason; every refusal says
why and changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from cocreate.dialogue.models import Question, QuestionAnswer, QuestionStatus, QuestionSupport, SelectionRound
from cocreate.dialogue.services import questions as services
from cocreate.notifications.models import Notification, NotificationKind
from cocreate.spaces.models import Origin
from cocreate.spaces.permissions import Refused
from tests import factories
from tests.dialogue.questions_factories import ask, dialogue_space, selected, supported

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    space, staff = dialogue_space()
    return space, staff


def test_a_person_asks_a_question(setup):
    space, _staff = setup
    person = factories.PersonFactory()
    question = services.question_ask(
        person=person, space=space, title="  Why are the hospital queues so long?  ", details="In Pelotas."
    )
    assert question.title == "Why are the hospital queues so long?"
    assert question.asker == person and question.status == QuestionStatus.OPEN
    assert question.origin == Origin.ONLINE and question.entered_by is None


def test_staff_enter_a_question_for_someone_offline(setup):
    space, staff = setup
    question = services.question_ask(
        person=staff,
        space=space,
        title="Will the road to Canguçu be paved?",
        origin=Origin.EVENT,
        on_behalf_of_name="Maria at the Pelotas meeting",
        event_name="Pelotas public meeting",
    )
    assert question.asker.kind == "offline" and question.asker.display_name == "Maria at the Pelotas meeting"
    assert question.entered_by == staff and question.origin == Origin.EVENT


def test_someone_without_a_role_cannot_enter_a_question_for_someone(setup):
    space, _staff = setup
    with pytest.raises(Refused, match="Only organisers and moderators"):
        services.question_ask(
            person=factories.PersonFactory(),
            space=space,
            title="Will the road to Canguçu be paved?",
            origin=Origin.ON_BEHALF,
            on_behalf_of_name="Maria",
        )
    assert not Question.objects.exists()


def test_entering_for_someone_needs_their_name(setup):
    space, staff = setup
    with pytest.raises(ValidationError) as error:
        services.question_ask(
            person=staff, space=space, title="Will the road to Canguçu be paved?", origin=Origin.ON_BEHALF
        )
    assert "on_behalf_of_name" in error.value.message_dict
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("title", "details", "field"),
    [("Why?", "", "title"), ("x" * 201, "", "title"), ("Why are the queues so long?", "d" * 5001, "details")],
)
def test_a_question_too_short_or_too_long_is_refused(setup, title, details, field):
    space, _staff = setup
    with pytest.raises(ValidationError) as error:
        services.question_ask(person=factories.PersonFactory(), space=space, title=title, details=details)
    assert field in error.value.message_dict
    assert not Question.objects.exists()


def test_an_unknown_origin_is_refused(setup):
    space, staff = setup
    with pytest.raises(ValidationError, match="where this question came from"):
        services.question_ask(person=staff, space=space, title="Why are the queues so long?", origin="fax")


def test_asking_outside_a_phase_is_refused_with_the_date(setup):
    space, _staff = setup
    factories.change_phases(
        space, starts_at=timezone.now() + timedelta(days=3), ends_at=timezone.now() + timedelta(days=9)
    )
    space.refresh_from_db()
    with pytest.raises(Refused, match="You can ask questions from"):
        services.question_ask(person=factories.PersonFactory(), space=space, title="Why are the queues so long?")


def test_questions_are_only_asked_in_a_dialogue_space():
    space = factories.open_space()
    factories.change_phases(space, activities=["ask_question"])
    space.refresh_from_db()
    with pytest.raises(ValidationError, match="dialogue space"):
        services.question_ask(person=factories.PersonFactory(), space=space, title="Why are the queues so long?")


def test_a_visitor_must_sign_in_to_ask(setup):
    from django.contrib.auth.models import AnonymousUser

    space, _staff = setup
    with pytest.raises(Refused, match="Sign in to ask questions"):
        services.question_ask(person=AnonymousUser(), space=space, title="Why are the queues so long?")


def test_second_support_by_the_same_person_is_counted_once(setup):
    space, _staff = setup
    question = ask(space)
    supporter = factories.PersonFactory()
    _support, created = services.question_support(person=supporter, question=question)
    _again, created_again = services.question_support(person=supporter, question=question)
    question.refresh_from_db()
    assert (created, created_again) == (True, False)
    assert question.supports_count == 1 == QuestionSupport.objects.filter(question=question).count()


def test_a_support_is_withdrawn_and_the_count_follows(setup):
    space, _staff = setup
    question = supported(ask(space), 2)
    supporter = QuestionSupport.objects.filter(question=question).first().person
    assert services.question_unsupport(person=supporter, question=question) is True
    assert services.question_unsupport(person=supporter, question=question) is False
    question.refresh_from_db()
    assert question.supports_count == 1


def test_the_asker_cannot_support_their_own_question(setup):
    space, _staff = setup
    asker = factories.PersonFactory()
    question = ask(space, person=asker)
    with pytest.raises(ValidationError, match="You asked this question"):
        services.question_support(person=asker, question=question)
    question.refresh_from_db()
    assert question.supports_count == 0


def test_a_selected_question_can_no_longer_be_supported(setup):
    space, staff = setup
    (question,) = selected(space, staff, ask(space))
    with pytest.raises(Refused, match="no longer open for support"):
        services.question_support(person=factories.PersonFactory(), question=question)


def test_staff_select_questions_and_askers_and_supporters_are_told(setup, django_capture_on_commit_callbacks):
    space, staff = setup
    asker = factories.PersonFactory()
    question = supported(ask(space, person=asker), 2)
    other = ask(space)
    selection_round = services.selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=7), top_n=3
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.questions_select(person=staff, selection_round=selection_round, question_ids=[question.pk])
    question.refresh_from_db()
    other.refresh_from_db()
    selection_round.refresh_from_db()
    assert question.status == QuestionStatus.SELECTED and question.selection_round == selection_round
    assert question.selected_at is not None
    assert other.status == QuestionStatus.OPEN
    assert not selection_round.is_open and selection_round.closed_by == staff
    told = set(Notification.objects.filter(kind=NotificationKind.QUESTION_SELECTED).values_list("recipient", flat=True))
    supporters = set(QuestionSupport.objects.filter(question=question).values_list("person", flat=True))
    assert told == {asker.pk} | supporters
    assert "was selected" in Notification.objects.filter(recipient=asker).get().sentence()


def test_a_closed_round_cannot_select_again(setup):
    space, staff = setup
    question, other = ask(space), ask(space)
    selection_round = services.selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=7)
    )
    services.questions_select(person=staff, selection_round=selection_round, question_ids=[question.pk])
    with pytest.raises(ValidationError, match="already been selected"):
        services.questions_select(person=staff, selection_round=selection_round, question_ids=[other.pk])
    other.refresh_from_db()
    assert other.status == QuestionStatus.OPEN


def test_selecting_needs_open_questions_of_the_space(setup):
    space, staff = setup
    elsewhere, _ = dialogue_space()
    foreign = ask(elsewhere)
    selection_round = services.selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=7)
    )
    for ids, message in (([], "at least one"), ([foreign.pk], "list of this space"), (["x"], "from the list")):
        with pytest.raises(ValidationError, match=message):
            services.questions_select(person=staff, selection_round=selection_round, question_ids=ids)
    selection_round.refresh_from_db()
    assert selection_round.is_open


def test_only_organisers_select(setup):
    space, staff = setup
    selection_round = services.selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=7)
    )
    with pytest.raises(Refused, match="Only the organisers"):
        services.questions_select(
            person=factories.PersonFactory(), selection_round=selection_round, question_ids=[ask(space).pk]
        )
    with pytest.raises(Refused, match="Only the organisers"):
        services.selection_round_open(
            person=factories.PersonFactory(), space=space, selects_on=timezone.localdate() + timedelta(days=8)
        )


def test_a_round_needs_a_future_date_once_and_a_sensible_number(setup):
    space, staff = setup
    day = timezone.localdate() + timedelta(days=7)
    services.selection_round_open(person=staff, space=space, selects_on=day)
    for selects_on, top_n, field in (
        (day, 5, "selects_on"),
        (timezone.localdate() - timedelta(days=1), 5, "selects_on"),
        ("tomorrow", 5, "selects_on"),
        (day + timedelta(days=1), 0, "top_n"),
        (day + timedelta(days=1), 101, "top_n"),
    ):
        with pytest.raises(ValidationError) as error:
            services.selection_round_open(person=staff, space=space, selects_on=selects_on, top_n=top_n)
        assert field in error.value.message_dict
    assert SelectionRound.objects.count() == 1


def test_the_job_selects_the_most_supported_when_staff_have_not_chosen(setup, django_capture_on_commit_callbacks):
    space, staff = setup
    low, high, middle = supported(ask(space), 1), supported(ask(space), 5), supported(ask(space), 3)
    selection_round = services.selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=1), top_n=2
    )
    assert services.selection_rounds_close_due() == 0  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert services.selection_rounds_close_due(today=timezone.localdate() + timedelta(days=1)) == 1
    assert set(Question.objects.filter(status=QuestionStatus.SELECTED)) == {high, middle}
    low.refresh_from_db()
    assert low.status == QuestionStatus.OPEN
    selection_round.refresh_from_db()
    assert not selection_round.is_open and selection_round.closed_by is None
    assert Notification.objects.filter(kind=NotificationKind.QUESTION_SELECTED).count() == 1 + 5 + 1 + 3
    # Run again (a second worker): nothing more is selected.
    assert services.selection_rounds_close_due(today=timezone.localdate() + timedelta(days=1)) == 0


def test_the_scheduled_task_closes_due_rounds(setup):
    from cocreate.dialogue.tasks.questions import close_due_selection_rounds
    from cocreate.web.schedule import RECURRING

    space, staff = setup
    question = supported(ask(space), 1)
    selection_round = services.selection_round_open(person=staff, space=space, selects_on=timezone.localdate())
    assert any(job.task == "cocreate.dialogue.tasks.questions.close_due_selection_rounds" for job in RECURRING)
    close_due_selection_rounds.enqueue()
    question.refresh_from_db()
    selection_round.refresh_from_db()
    assert question.status == QuestionStatus.SELECTED and not selection_round.is_open


def test_an_official_answers_with_a_video_and_transcript(setup, django_capture_on_commit_callbacks):
    space, staff = setup
    asker = factories.PersonFactory()
    (question,) = selected(space, staff, ask(space, person=asker))
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.question_answer(
            person=staff,
            question=question,
            body="The new bus lines start running on 1 March, with buses every 15 minutes.",
            video_url="https://www.youtube.com/watch?v=abc123",
            transcript="Good evening. The new bus lines start on 1 March.",
            measure_title="Decree 55.123 on public transport",
            measure_url="https://www.estado.rs.gov.br/decreto-55123",
        )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answered_at is not None
    assert answer.video_url == "https://www.youtube.com/watch?v=abc123" and answer.answered_by == staff
    notice = Notification.objects.get(recipient=asker, kind=NotificationKind.QUESTION_ANSWERED)
    assert notice.link == question.get_absolute_url()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"video_url": "http://www.youtube.com/watch?v=abc"}, "video_url"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
        ({"video_url": "not a link"}, "video_url"),
        ({"transcript": "Good evening."}, "transcript"),
        ({"measure_url": "https://rs.gov.br/m"}, "measure_title"),
        ({"measure_title": "Decree 55.123"}, "measure_url"),
        ({"body": "Soon."}, "body"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_changes(setup, fields, field):
    space, staff = setup
    (question,) = selected(space, staff, ask(space))
    arguments = {"body": "The new bus lines start running on 1 March.", **fields}
    with pytest.raises(ValidationError) as error:
        services.question_answer(person=staff, question=question, **arguments)
    assert field in error.value.message_dict
    question.refresh_from_db()
    assert question.status == QuestionStatus.SELECTED and not QuestionAnswer.objects.exists()


def test_only_a_selected_question_is_answered(setup):
    space, staff = setup
    question = ask(space)
    with pytest.raises(Refused, match="Only selected questions are answered"):
        services.question_answer(person=staff, question=question, body="The new bus lines start on 1 March.")
    (question,) = selected(space, staff, question)
    services.question_answer(person=staff, question=question, body="The new bus lines start on 1 March.")
    with pytest.raises(Refused, match="cannot be answered"):
        services.question_answer(person=staff, question=question, body="Again: the new bus lines start soon.")
    assert QuestionAnswer.objects.count() == 1


def test_an_answer_may_link_to_a_space(setup):
    space, staff = setup
    (question,) = selected(space, staff, ask(space))
    other_space = factories.open_space()
    answer = services.question_answer(
        person=staff, question=question, body="Propose your ideas in the new challenge.", linked_space=other_space
    )
    assert answer.linked_space == other_space


def test_staff_decline_with_a_public_reason(setup, django_capture_on_commit_callbacks):
    space, staff = setup
    asker = factories.PersonFactory()
    question = ask(space, person=asker)
    with pytest.raises(ValidationError, match="why this question is declined"):
        services.question_decline(person=staff, question=question, reason="No.")
    with pytest.raises(Refused, match="Only the organisers"):
        services.question_decline(person=asker, question=question, reason="I changed my mind about it.")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_decline(
            person=staff, question=question, reason="This is decided by the city of Porto Alegre, not the state."
        )
    question.refresh_from_db()
    assert question.status == QuestionStatus.DECLINED and "Porto Alegre" in question.decline_reason
    assert Notification.objects.filter(recipient=asker, kind=NotificationKind.QUESTION_DECLINED).exists()
    with pytest.raises(Refused, match="already been answered or declined"):
        services.question_decline(person=staff, question=question, reason="Declined twice for the same reason.")


def test_the_recount_rebuilds_wrong_support_counters(setup):
    space, _staff = setup
    question, other = supported(ask(space), 3), supported(ask(space), 1)
    Question.objects.filter(pk=question.pk).update(supports_count=40)
    assert services.questions_recount(space=space) == 1
    question.refresh_from_db()
    other.refresh_from_db()
    assert (question.supports_count, other.supports_count) == (3, 1)
    assert services.questions_recount() == 0
    Question.objects.filter(pk=other.pk).update(supports_count=0)
    out = StringIO()
    call_command("recount", space=space.slug, stdout=out)
    assert "1 question(s) had a wrong support counter" in out.getvalue()
    other.refresh_from_db()
    assert other.supports_count == 1
