"""The prototypes API: list a space's prototypes (stage filter, constant queries), read one with
its stage history and versions, and give feedback once per person in a test session."""

from datetime import timedelta

import pytest

from cocreate.challenges.models import Feedback, Stage
from cocreate.challenges.services import prototypes as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.prototypes_factories import lab, make_team, open_session
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_prototypes_of_a_space_are_listed_with_their_stage_and_ideas(visitor):
    the = lab()
    listed = visitor.get(f"/spaces/{the.space.slug}/prototypes").json()
    assert listed["count"] == 1
    (item,) = listed["items"]
    assert (item["id"], item["stage"], item["team"], item["source_ideas"]) == (
        the.prototype.pk,
        "concept",
        "Green Bins",
        [the.idea.pk],
    )
    assert item["url"].endswith(the.prototype.get_absolute_url())
    assert visitor.get(f"/spaces/{the.space.slug}/prototypes", {"stage": "pilot"}).json()["count"] == 0


def test_the_list_runs_a_constant_number_of_queries(visitor):
    the = lab()
    path = f"/spaces/{the.space.slug}/prototypes"
    few = count_queries(lambda: visitor.get(path))
    for _n in range(9):
        maker = PersonFactory()
        services.prototype_submit(
            person=maker,
            space=the.space,
            title=f"Prototype by {maker.pk}",
            summary="Another prototype for the query count.",
            source_ideas=[the.idea],
            team=make_team(the.space, maker, name=f"Team {maker.pk}"),
        )
    assert count_queries(lambda: visitor.get(path)) == few


def test_one_prototype_comes_with_its_stage_history_versions_and_sessions(visitor):
    the = lab()
    services.gate_decide(
        person=the.staff, prototype=the.prototype, to_stage=Stage.TESTED, evidence="Tested with 12 people."
    )
    services.version_add(person=the.maker, prototype=the.prototype, notes="Clearer buttons.")
    session = open_session(the)
    body = visitor.get(f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}").json()
    assert body["stage"] == "tested"
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["gate_decisions"][0]["evidence"] == "Tested with 12 people."
    assert body["test_sessions"][0]["id"] == session.pk and body["test_sessions"][0]["version"] == 2


def test_unknown_prototype_is_not_found(visitor):
    the = lab()
    assert visitor.get(f"/spaces/{the.space.slug}/prototypes/999999").status_code == 404


def test_invited_tester_gives_feedback_once(api_as):
    the = lab()
    session = open_session(the)
    tester = api_as(the.supporter)
    path = f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback"
    body = {"tasks_done": [True, False, True], "ease": 4, "would_use": "maybe", "comments": "Good start"}
    created = tester.post(path, body)
    assert created.status_code == 201, created.content
    assert created.json()["tasks_done"] == [True, False, True]
    assert_error(tester.post(path, body), 403, detail="already given feedback")
    assert Feedback.objects.count() == 1


def test_feedback_with_the_wrong_number_of_tasks_names_the_field(api_as):
    the = lab()
    session = open_session(the)
    response = api_as(the.supporter).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback",
        {"tasks_done": [True], "ease": 4, "would_use": "yes"},
    )
    assert_error(response, 422, field="tasks_done", detail="each of the 3 tasks")


def test_uninvited_person_is_told_until_when_the_session_is_for_invited_people(api_as):
    the = lab()
    session = open_session(the, open_to_everyone_in=timedelta(days=2))
    response = api_as(PersonFactory()).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback",
        {"tasks_done": [True] * 3, "ease": 4, "would_use": "yes"},
    )
    assert_error(response, 403, detail="This test session is open to invited people until")


def test_visitors_must_sign_in_to_give_feedback(visitor):
    the = lab()
    session = open_session(the)
    response = visitor.post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback",
        {"tasks_done": [True] * 3, "ease": 4, "would_use": "yes"},
    )
    assert response.status_code == 401
