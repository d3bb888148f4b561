"""The condensing API: condensed proposals with the ids of their originals; vote (POST) and
withdraw (DELETE) with the same rules and messages as the pages."""

import pytest

from cocreate.challenges.models import CondensedProposal
from tests.api.api_client import assert_error, count_queries
from tests.challenges.condensing_factories import condensed, idea, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def q():
    return question()


def path(q, *parts) -> str:
    return "/".join([f"/spaces/{q.space.slug}/condensed-proposals", *map(str, parts)])


def test_condensed_proposals_list_their_originals(visitor, q):
    first, second = idea(q), idea(q)
    clinics = condensed(q, [first, second])
    [listed] = visitor.get(path(q)).json()
    assert listed["id"] == clinics.pk and listed["theme_name"] == "Health" and listed["theme"] == q.health.pk
    assert sorted(listed["originals"]) == sorted([first.pk, second.pk])
    assert listed["votes_count"] == 0 and listed["voted"] is False
    assert listed["url"].endswith(f"/proposals/{clinics.pk}/")


def test_the_list_runs_a_constant_number_of_queries(visitor, q):
    for n in range(2):
        condensed(q, [idea(q)], title=f"Proposal number {n}")
    few = count_queries(lambda: visitor.get(path(q)))
    for n in range(8):
        condensed(q, [idea(q), idea(q)], title=f"Another proposal {n}", theme=q.education)
    assert count_queries(lambda: visitor.get(path(q))) == few


def test_vote_then_withdraw(api_as, participant, q):
    clinics = condensed(q, [idea(q)])
    api = api_as(participant)
    response = api.post(path(q, clinics.pk, "vote"))
    assert response.status_code == 201
    assert response.json() == {"condensed_proposal": clinics.pk, "voted": True, "votes_count": 1}
    again = api.post(path(q, clinics.pk, "vote"))
    assert again.status_code == 200 and again.json()["votes_count"] == 1
    assert api.get(path(q)).json()[0]["voted"] is True
    withdrawn = api.delete(path(q, clinics.pk, "vote"))
    assert withdrawn.status_code == 200 and withdrawn.json()["votes_count"] == 0
    assert CondensedProposal.objects.get(pk=clinics.pk).votes_count == 0


def test_the_limit_per_sub_theme_gives_its_message(api_as, participant, q):
    clinics, doctors = condensed(q, [idea(q)]), condensed(q, [idea(q)], title="More doctors")
    api = api_as(participant)
    api.post(path(q, clinics.pk, "vote"))
    assert_error(
        api.post(path(q, doctors.pk, "vote")),
        422,
        detail="You have already chosen 1 proposal in Health; withdraw that vote to choose this one.",
    )


def test_visitors_sign_in_to_vote_and_unknown_proposals_are_not_found(visitor, api_as, participant, q):
    clinics = condensed(q, [idea(q)])
    assert visitor.post(path(q, clinics.pk, "vote")).status_code == 401
    assert api_as(participant).post(path(q, 999999, "vote")).status_code == 404
