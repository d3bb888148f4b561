"""The opinion maps API: statements, votes and the map, with errors as JSON."""

import pytest

from cocreate.opinions import services
from cocreate.opinions.models import Moderation, StatementVote
from tests.api.api_client import assert_error
from tests.opinions.factories import opinion_space, seed, statement, voters_in_two_camps

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    space, staff = opinion_space()
    return space, staff, seed(space, staff, "Buses should run all night.", "Cycle lanes need kerbs.")


def test_visitor_lists_accepted_statements_only(visitor, setup):
    space, _staff, statements = setup
    statement(space, text="Waiting.", moderation=Moderation.AWAITING)
    response = visitor.get(f"/spaces/{space.slug}/statements")
    assert response.status_code == 200
    assert [s["text"] for s in response.json()["items"]] == [s.text for s in statements]


def test_moderator_lists_every_statement(api_as, setup):
    space, staff, _statements = setup
    statement(space, text="Waiting.", moderation=Moderation.AWAITING)
    assert api_as(staff).get(f"/spaces/{space.slug}/statements").json()["count"] == 3


def test_write_a_statement(api_as, participant, setup):
    space, _staff, _statements = setup
    response = api_as(participant).post(f"/spaces/{space.slug}/statements", {"text": "Parks should open at dawn."})
    assert response.status_code == 201
    assert response.json()["moderation"] == "awaiting"


def test_too_long_statement_is_refused_with_the_field(api_as, participant, setup):
    space, _staff, _statements = setup
    response = api_as(participant).post(f"/spaces/{space.slug}/statements", {"text": "z" * 141})
    assert_error(response, 422, field="text", detail="at most 140 characters")


def test_vote_and_change_it(api_as, participant, setup):
    _space, _staff, statements = setup
    api = api_as(participant)
    first = api.put(f"/statements/{statements[0].pk}/vote", {"choice": "agree"})
    assert first.status_code == 200 and first.json()["choice"] == "agree"
    second = api.put(f"/statements/{statements[0].pk}/vote", {"choice": "disagree"})
    assert second.json()["choice"] == "disagree"
    assert StatementVote.objects.get(person=participant).choice == -1


def test_wrong_choice_is_refused_with_the_field(api_as, participant, setup):
    _space, _staff, statements = setup
    assert_error(api_as(participant).put(f"/statements/{statements[0].pk}/vote", {"choice": "maybe"}), 422, "choice")
    assert not StatementVote.objects.exists()


def test_vote_on_moderated_out_statement_is_refused_with_the_reason(api_as, participant, setup):
    space, staff, statements = setup
    services.statement_moderate(person=staff, statement=statements[0], moderation="moderated_out")
    response = api_as(participant).put(f"/statements/{statements[0].pk}/vote", {"choice": "agree"})
    assert_error(response, 403, detail="taken this statement out")
    assert not StatementVote.objects.exists()


def test_visitor_cannot_vote(visitor, setup):
    _space, _staff, statements = setup
    assert visitor.put(f"/statements/{statements[0].pk}/vote", {"choice": "agree"}).status_code == 401


def test_moderation_by_staff_only(api_as, participant, setup):
    space, staff, _statements = setup
    waiting = statement(space, text="Waiting.", moderation=Moderation.AWAITING)
    refused = api_as(participant).post(f"/statements/{waiting.pk}/moderation", {"moderation": "accepted"})
    assert_error(refused, 403, detail="Only organisers and moderators")
    response = api_as(staff).post(f"/statements/{waiting.pk}/moderation", {"moderation": "accepted"})
    assert response.status_code == 200 and response.json()["moderation"] == "accepted"


def test_unknown_statement_is_not_found(api_as, participant):
    assert api_as(participant).put("/statements/424242/vote", {"choice": "agree"}).status_code == 404


def test_read_the_map_with_your_own_position(api_as):
    space, staff = opinion_space()
    statements = seed(space, staff, *[f"Statement number {n}." for n in range(8)])
    people = voters_in_two_camps(space, statements, per_camp=6)
    services.opinion_map_update(space=space)
    body = api_as(people[0]).get(f"/spaces/{space.slug}/opinion-map").json()
    assert [g["size"] for g in body["groups"]] == [6, 6]
    assert body["your_position"]["group"] in {"A", "B"}
    assert body["groups"][0]["representative"][0]["text"].startswith("Statement number")


def test_map_before_any_vote(visitor, setup):
    space, _staff, _statements = setup
    body = visitor.get(f"/spaces/{space.slug}/opinion-map").json()
    assert body["groups"] == [] and body["computed_at"] is None and body["your_position"] is None


def test_statement_list_runs_a_fixed_number_of_queries(visitor, setup):
    from tests.api.api_client import count_queries

    space, staff, _statements = setup
    path = f"/api/spaces/{space.slug}/statements"
    few = count_queries(lambda: visitor.client.get(path))
    seed(space, staff, *[f"Another statement {n}." for n in range(10)])
    assert count_queries(lambda: visitor.client.get(path)) == few
