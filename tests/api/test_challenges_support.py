"""The support API: needs and offers of a challenge, readable by anyone who can read the space,
in a constant number of queries."""

import pytest

from cocreate.challenges.services import support as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import SUPPORT_ACTIVITIES, kind, partner, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    space, staff = challenge_space(activities=SUPPORT_ACTIVITIES)
    helper, organisation = partner()

    def add(n):
        for _ in range(n):
            team, (lead, _m) = team_with_members(space, name=f"Team {space.teams.count()}")
            services.support_need_create(person=lead, team=team, kind=kind("funding"), description="Money for a pilot.")
            services.support_offer_create(
                person=helper,
                space=space,
                kind=kind("funding"),
                description="Up to £5,000.",
                organisation=organisation,
                capacity=2,
            )

    return space, organisation, add


def test_needs_and_offers_are_listed_with_their_kind(visitor, board):
    space, organisation, add = board
    add(1)
    needs = visitor.get(f"/spaces/{space.slug}/support/needs").json()
    assert needs["count"] == 1
    need = needs["items"][0]
    assert need["kind"]["code"] == "funding" and need["kind"]["name"] == "Funding" and need["status"] == "open"
    offers = visitor.get(f"/spaces/{space.slug}/support/offers").json()["items"]
    assert offers[0]["organisation"] == organisation.name and offers[0]["places_taken"] == 0
    assert offers[0]["capacity"] == 2 and offers[0]["closed"] is False


def test_needs_can_be_filtered_by_status(visitor, board):
    space, _organisation, add = board
    add(2)
    assert visitor.get(f"/spaces/{space.slug}/support/needs", {"status": "met"}).json()["count"] == 0
    assert_error(visitor.get(f"/spaces/{space.slug}/support/needs", {"status": "lost"}), 422, "status")


def test_the_lists_run_a_constant_number_of_queries(visitor, board):
    space, _organisation, add = board
    add(2)
    needs, offers = f"/spaces/{space.slug}/support/needs", f"/spaces/{space.slug}/support/offers"
    few = (count_queries(lambda: visitor.get(needs)), count_queries(lambda: visitor.get(offers)))
    add(8)
    assert (count_queries(lambda: visitor.get(needs)), count_queries(lambda: visitor.get(offers))) == few


def test_an_unknown_space_is_not_found(visitor, db):
    assert_error(visitor.get("/spaces/nowhere/support/needs"), 404)
