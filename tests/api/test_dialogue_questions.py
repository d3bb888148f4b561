"""The questions API: listing and reading questions, asking, supporting once and withdrawing,
rounds and selection, answering with a video link, declining, and the answer times. Refusals and
bad input are JSON errors with the field they are about; lists run a constant number of queries."""

from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from cocreate.accounts.services import api_token_create
from cocreate.dialogue.models import Question, QuestionStatus
from cocreate.dialogue.services.questions import selection_round_open
from cocreate.wsgi import application
from tests import factories
from tests.api.api_client import assert_error, count_queries
from tests.api.test_schema import connection_kept_open  # noqa: F401
from tests.dialogue.questions_factories import ask, dialogue_space, selected, supported

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return dialogue_space()


def test_questions_are_listed_most_supported_first_and_filtered(visitor, setup):
    space, staff = setup
    low, high = supported(ask(space), 1), supported(ask(space), 2)
    body = visitor.get(f"/spaces/{space.slug}/questions").json()
    assert [q["id"] for q in body["items"]] == [high.pk, low.pk]
    assert body["items"][0]["supports"] == 2 and body["items"][0]["supported_by_you"] is False
    assert visitor.get(f"/spaces/{space.slug}/questions", {"status": "answered"}).json()["count"] == 0
    assert_error(visitor.get(f"/spaces/{space.slug}/questions", {"status": "lost"}), 422, "status")
    assert_error(visitor.get(f"/spaces/{space.slug}/questions", {"sort": "loudest"}), 422, "sort")


def test_the_list_runs_a_constant_number_of_queries(visitor, setup):
    space, staff = setup
    for _ in range(2):
        ask(space)
    few = count_queries(lambda: visitor.get(f"/spaces/{space.slug}/questions"))
    for _ in range(8):
        ask(space)
    (question,) = selected(space, staff, ask(space))
    assert count_queries(lambda: visitor.get(f"/spaces/{space.slug}/questions")) == few


def test_a_person_asks_and_another_supports_once(api_as, setup):
    space, _staff = setup
    asker, supporter = factories.PersonFactory(), factories.PersonFactory()
    response = api_as(asker).post(f"/spaces/{space.slug}/questions", {"title": "When do the buses return to Canoas?"})
    assert response.status_code == 201
    question_id = response.json()["id"]
    client = api_as(supporter)
    first = client.post(f"/spaces/{space.slug}/questions/{question_id}/supports")
    second = client.post(f"/spaces/{space.slug}/questions/{question_id}/supports")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {"question": question_id, "supports": 1, "created": False}
    assert client.get(f"/spaces/{space.slug}/questions/{question_id}").json()["supported_by_you"] is True
    assert client.delete(f"/spaces/{space.slug}/questions/{question_id}/supports").status_code == 204
    assert Question.objects.get(pk=question_id).supports_count == 0


def test_bad_questions_are_refused_with_their_field(api_as, visitor, setup):
    space, _staff = setup
    client = api_as(factories.PersonFactory())
    assert_error(client.post(f"/spaces/{space.slug}/questions", {"title": "Why?"}), 422, "title")
    assert_error(client.post(f"/spaces/{space.slug}/questions", {}), 422, "title")
    assert_error(
        client.post(f"/spaces/{space.slug}/questions", {"title": "Why are the queues so long?", "origin": "fax"}),
        422,
        "origin",
    )
    assert_error(
        client.post(f"/spaces/{space.slug}/questions", {"title": "Why are the queues so long?", "origin": "on_behalf"}),
        403,
        None,
        "Only organisers and moderators",
    )
    assert visitor.post(f"/spaces/{space.slug}/questions", {"title": "Why are the queues so long?"}).status_code == 401
    assert not Question.objects.exists()


def test_a_space_of_another_kind_has_no_questions(visitor):
    space = factories.open_space()
    assert visitor.get(f"/spaces/{space.slug}/questions").status_code == 404
    dialogue, _ = dialogue_space()
    assert visitor.get(f"/spaces/{dialogue.slug}/questions/{2**63}").status_code == 404


def test_organisers_open_a_round_select_answer_and_decline(api_as, visitor, setup):
    space, staff = setup
    client = api_as(staff)
    top, other = supported(ask(space), 3), ask(space)
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(f"/spaces/{space.slug}/selection-rounds", {"selects_on": day, "top_n": 2})
    assert response.status_code == 201 and response.json()["status"] == "open"
    round_id = response.json()["id"]
    assert_error(client.post(f"/spaces/{space.slug}/selection-rounds", {"selects_on": day}), 422, "selects_on")
    response = client.post(f"/spaces/{space.slug}/selection-rounds/{round_id}/selection", {"questions": [top.pk]})
    assert response.status_code == 200 and [q["status"] for q in response.json()] == ["selected"]
    assert visitor.get(f"/spaces/{space.slug}/selection-rounds").json()[0]["selected"] == 1

    answer = {"body": "The buses return on 1 March, every 15 minutes.", "video_url": "http://video.example/a"}
    assert_error(client.post(f"/spaces/{space.slug}/questions/{top.pk}/answer", answer), 422, "video_url")
    assert Question.objects.get(pk=top.pk).status == QuestionStatus.SELECTED
    answer |= {"video_url": "https://video.example/a", "transcript": "Good evening.", "linked_space": "nowhere"}
    assert_error(client.post(f"/spaces/{space.slug}/questions/{top.pk}/answer", answer), 422, "linked_space")
    answer["linked_space"] = space.slug
    response = client.post(f"/spaces/{space.slug}/questions/{top.pk}/answer", answer)
    assert response.status_code == 201
    read = visitor.get(f"/spaces/{space.slug}/questions/{top.pk}").json()
    assert read["status"] == "answered" and read["answer"]["video_url"] == "https://video.example/a"
    assert read["answer"]["transcript"] == "Good evening." and read["answer"]["linked_space"] == space.slug

    assert_error(client.post(f"/spaces/{space.slug}/questions/{other.pk}/decline", {"reason": "No."}), 422, "reason")
    response = client.post(f"/spaces/{space.slug}/questions/{other.pk}/decline", {"reason": "Decided by the city."})
    assert response.status_code == 200 and response.json()["decline_reason"] == "Decided by the city."


def test_people_without_a_role_cannot_select_answer_or_decline(api_as, setup):
    space, staff = setup
    client = api_as(factories.PersonFactory())
    (question,) = selected(space, staff, ask(space))
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert_error(client.post(f"/spaces/{space.slug}/selection-rounds", {"selects_on": day}), 403)
    assert_error(
        client.post(f"/spaces/{space.slug}/questions/{question.pk}/answer", {"body": "An answer long enough here."}),
        403,
        None,
        "Only the organisers",
    )
    assert_error(client.post(f"/spaces/{space.slug}/questions/{question.pk}/decline", {"reason": "Not ours."}), 403)


def test_answer_times_and_similar_questions(visitor, setup):
    space, staff = setup
    buses = ask(space, title="When will the bus lines to Canoas run again?")
    selected(space, staff, buses)
    body = visitor.get(f"/spaces/{space.slug}/answer-times").json()
    assert body["asked"] == 1 and body["answered"] == 0 and [w["id"] for w in body["waiting"]] == [buses.pk]
    assert body["median_days_to_answer"] is None
    similar = visitor.get(f"/spaces/{space.slug}/similar-questions", {"text": "bus lines Canoas"}).json()
    assert [q["id"] for q in similar] == [buses.pk]


# --- Property test: no server error on the questions operations, against a dialogue space ---------

questions_schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex="questions|selection-rounds|answer-times"
)
KNOWN: dict = {}


@pytest.fixture
def dialogue_demo(connection_kept_open):  # noqa: F811
    space, staff = dialogue_space(slug="dialogue")
    question = supported(ask(space), 1)
    (chosen,) = selected(space, staff, ask(space))
    selection_round = selection_round_open(
        person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=40)
    )
    _token, key = api_token_create(person=staff, name="Schemathesis")
    KNOWN.update(slug=["dialogue"], question_id=[question.pk, chosen.pk], round_id=[selection_round.pk], key=key)
    yield KNOWN
    KNOWN.clear()


@questions_schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Mostly the dialogue space, its questions and its open round; sometimes made-up values."""
    if not path_parameters:
        return st.just(path_parameters)
    return st.fixed_dictionaries(
        {
            name: st.sampled_from([*KNOWN.get(name, []), value, *KNOWN.get(name, [])])
            for name, value in path_parameters.items()
        }
    )


@questions_schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_request_about_questions_gets_a_server_error(case, dialogue_demo):
    response = case.call(headers={"Authorization": f"Bearer {dialogue_demo['key']}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
