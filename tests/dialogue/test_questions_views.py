"""The question pages: the space page shows questions instead of ideas; people ask (with similar
questions suggested on preview and while typing), support and withdraw; staff open rounds, select,
answer with a video link and transcript, and decline; the answer-time page is public. Lists run a
constant number of queries; refusals and bad input say why and change nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.dialogue.models import Question, QuestionStatus, QuestionSupport, SelectionRound
from cocreate.dialogue.services.questions import question_answer
from tests import factories
from tests.challenges.page_queries import page_queries
from tests.dialogue.questions_factories import ask, dialogue_space, selected, supported

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return dialogue_space()


def url(name, space, *args):
    return reverse(f"dialogue:{name}", args=[space.slug, *args])


def text(response) -> str:
    return response.content.decode()


def test_the_space_page_shows_questions_not_ideas(client, setup):
    space, staff = setup
    top = supported(ask(space), 2)
    page = text(client.get(space.get_absolute_url()))
    assert "Questions to the officials" in page and top.title in page
    assert "Share an idea" not in page and "<h2>Ideas</h2>" not in page
    client.force_login(staff)
    assert url("question_rounds", space) in text(client.get(space.get_absolute_url()))


def test_question_pages_exist_only_in_dialogue_spaces(client):
    space = factories.open_space()
    assert client.get(url("question_list", space)).status_code == 404


def test_the_list_filters_and_sorts_and_says_when_a_value_makes_no_sense(client, setup):
    space, staff = setup
    low, high = supported(ask(space), 1), supported(ask(space), 2)
    declined = ask(space)
    from cocreate.dialogue.services.questions import question_decline

    question_decline(person=staff, question=declined, reason="Decided by the city council, not the state.")
    page = text(client.get(url("question_list", space)))
    assert page.index(high.title) < page.index(low.title)
    page = text(client.get(url("question_list", space) + "?status=declined"))
    assert declined.title in page and high.title not in page
    page = text(client.get(url("question_list", space) + "?status=nonsense&sort=loudest"))
    assert "There is no such status" in page and "cannot be sorted that way" in page and high.title in page


def test_the_list_and_space_pages_run_the_same_number_of_queries_at_2_and_10_questions(client, setup):
    space, staff = setup
    client.force_login(factories.PersonFactory())
    for _ in range(2):
        supported(ask(space), 1)
    few = page_queries(client, url("question_list", space)), page_queries(client, space.get_absolute_url())
    for i in range(8):
        question = ask(space)
        if i % 2:
            (question,) = selected(space, staff, question)
            question_answer(person=staff, question=question, body="The officials answer this in some detail.")
    assert Question.objects.count() == 10
    many = page_queries(client, url("question_list", space)), page_queries(client, space.get_absolute_url())
    assert many == few


def test_the_list_is_paginated(client, setup):
    space, _staff = setup
    for _ in range(21):
        ask(space)
    page = text(client.get(url("question_list", space)))
    assert "Page 1 of 2" in page
    assert "Page 2 of 2" in text(client.get(url("question_list", space) + "?page=2&sort=newest"))


def test_a_person_previews_sees_similar_questions_then_publishes(client, setup):
    space, _staff = setup
    existing = ask(space, title="When will the bus lines to Canoas run again?")
    client.force_login(factories.PersonFactory())
    data = {"title": "Bus lines to Canoas: when do they return?", "details": "", "preview": ""}
    page = text(client.post(url("question_ask", space), data))
    assert "Similar questions already asked" in page and existing.title in page
    assert Question.objects.count() == 1
    response = client.post(url("question_ask", space), {"title": data["title"], "details": "", "publish": ""})
    question = Question.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()


def test_similar_questions_appear_while_typing(client, setup):
    space, _staff = setup
    existing = ask(space, title="When will the bus lines to Canoas run again?")
    response = client.get(url("question_similar", space), {"title": "bus Canoas"}, HTTP_HX_REQUEST="true")
    assert existing.title in text(response)
    assert "Similar questions" not in text(client.get(url("question_similar", space), {"title": "zebra"}))


def test_a_question_too_short_is_shown_with_its_error_and_nothing_is_saved(client, setup):
    space, _staff = setup
    client.force_login(factories.PersonFactory())
    page = text(client.post(url("question_ask", space), {"title": "Why?", "details": "", "publish": ""}))
    assert "at least 10 characters" in page and "error-summary" in page
    assert not Question.objects.exists()


def test_staff_enter_a_question_for_someone_offline(client, setup):
    space, staff = setup
    client.force_login(staff)
    response = client.post(
        url("question_ask_for_someone", space),
        {
            "title": "Will the road to Canguçu be paved?",
            "details": "",
            "on_behalf_of_name": "Maria",
            "origin": "event",
            "event_name": "Pelotas meeting",
            "publish": "",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.asker.display_name == "Maria" and question.entered_by == staff


def test_a_visitor_is_asked_to_sign_in(client, setup):
    space, _staff = setup
    response = client.get(url("question_ask", space))
    assert response.status_code == 302 and "login" in response["Location"]


def test_support_and_withdraw_without_javascript_and_with_htmx(client, setup):
    space, _staff = setup
    question = ask(space)
    supporter = factories.PersonFactory()
    client.force_login(supporter)
    response = client.post(url("question_support", space, question.pk), {"action": "support"})
    assert response.status_code == 302
    response = client.post(url("question_support", space, question.pk), {"action": "support"}, HTTP_HX_REQUEST="true")
    assert "already supported" in text(response) and "You support this question." in text(response)
    question.refresh_from_db()
    assert question.supports_count == 1
    response = client.post(url("question_support", space, question.pk), {"action": "withdraw"}, HTTP_HX_REQUEST="true")
    assert "Support this question" in text(response)
    question.refresh_from_db()
    assert question.supports_count == 0 and not QuestionSupport.objects.exists()


def test_the_asker_is_told_why_they_cannot_support(client, setup):
    space, _staff = setup
    asker = factories.PersonFactory()
    question = ask(space, person=asker)
    client.force_login(asker)
    response = client.post(url("question_support", space, question.pk), {"action": "support"}, follow=True)
    assert "You asked this question" in text(response)
    question.refresh_from_db()
    assert question.supports_count == 0


def test_staff_open_a_round_and_select_questions(client, setup):
    space, staff = setup
    top = supported(ask(space), 3)
    other = ask(space)
    client.force_login(staff)
    day = timezone.localdate() + timedelta(days=7)
    response = client.post(url("question_rounds", space), {"selects_on": day.isoformat(), "top_n": 1})
    assert response.status_code == 302
    selection_round = SelectionRound.objects.get()
    page = text(client.get(url("question_round_select", space, selection_round.pk)))
    assert top.title in page and other.title in page
    response = client.post(url("question_round_select", space, selection_round.pk), {"questions": [other.pk]})
    assert response.status_code == 302
    other.refresh_from_db()
    top.refresh_from_db()
    assert other.status == QuestionStatus.SELECTED and top.status == QuestionStatus.OPEN
    page = text(client.get(url("question_rounds", space)))
    assert other.title in page  # waiting for an answer


def test_a_bad_round_is_refused_with_a_message(client, setup):
    space, staff = setup
    client.force_login(staff)
    yesterday = timezone.localdate() - timedelta(days=1)
    page = text(client.post(url("question_rounds", space), {"selects_on": yesterday.isoformat(), "top_n": 3}))
    assert "from today on" in page and not SelectionRound.objects.exists()


def test_someone_without_a_role_cannot_see_the_rounds(client, setup):
    space, _staff = setup
    client.force_login(factories.PersonFactory())
    response = client.get(url("question_rounds", space))
    assert response.status_code == 403 and "Only the organisers" in text(response)


def test_an_official_answers_and_the_citizen_reads_the_answer(client, setup):
    space, staff = setup
    (question,) = selected(space, staff, ask(space))
    client.force_login(staff)
    fields = {
        "body": "The new bus lines start on 1 March, every 15 minutes.",
        "video_url": "http://video.example/answer",
        "transcript": "Good evening. The new bus lines start on 1 March.",
        "measure_title": "",
        "measure_url": "",
        "linked_space": "",
    }
    page = text(client.post(url("question_answer", space, question.pk), fields))
    assert "must be secure" in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.SELECTED
    fields["video_url"] = "https://video.example/answer"
    response = client.post(url("question_answer", space, question.pk), fields)
    assert response.status_code == 302
    client.logout()
    page = text(client.get(question.get_absolute_url()))
    assert "The official answer" in page and "https://video.example/answer" in page
    assert "Read the transcript of the video" in page and "Good evening." in page


def test_staff_decline_and_the_reason_is_public(client, setup):
    space, staff = setup
    question = ask(space)
    client.force_login(staff)
    page = text(client.post(url("question_decline", space, question.pk), {"reason": "No."}))
    assert "why this question is declined" in page
    client.post(url("question_decline", space, question.pk), {"reason": "Decided by the city of Porto Alegre."})
    client.logout()
    page = text(client.get(question.get_absolute_url()))
    assert "Why this question was declined" in page and "Decided by the city of Porto Alegre." in page


def test_the_answer_time_page_is_public(client, setup):
    space, staff = setup
    (question,) = selected(space, staff, ask(space))
    page = text(client.get(url("question_statistics", space)))
    assert "Still waiting for an answer" in page and question.title in page


def test_an_id_no_question_could_have_is_not_found(client, setup):
    space, _staff = setup
    assert client.get(url("question_detail", space, 10**20)).status_code == 404
    assert client.get(url("question_detail", space, 999999)).status_code == 404


def test_the_asker_finds_the_answer_in_their_notifications(client, setup, django_capture_on_commit_callbacks):
    space, staff = setup
    asker = factories.PersonFactory()
    (question,) = selected(space, staff, ask(space, person=asker))
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(person=staff, question=question, body="The officials answer this in some detail.")
    client.force_login(asker)
    page = text(client.get(reverse("notifications:inbox")))
    assert f"“{question.title}” received an official answer." in page
    assert question.get_absolute_url() in page
