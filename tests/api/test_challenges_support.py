"""The support API: needs and offers of a challenge, readable by anyone who can read the space,
in a constant number of queries."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from cocreate.challenges.models import CheckIn, SupportNeed
from cocreate.challenges.services import support as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import SUPPORT_ACTIVITIES, kind, partner, prototype, team_with_members

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


# --- Writes ------------------------------------------------------------------------------------


@pytest.fixture
def challenge():
    """A challenge open for support, with a team of two and a partner's member of staff."""
    space, staff = challenge_space(activities=SUPPORT_ACTIVITIES)
    team, (lead, member) = team_with_members(space)
    helper, organisation = partner()
    return SimpleNamespace(
        space=space, staff=staff, team=team, lead=lead, member=member, helper=helper, organisation=organisation
    )


def url(c, *parts) -> str:
    return "/".join([f"/spaces/{c.space.slug}/support", *map(str, parts)])


def need_of(c, code="funding"):
    return services.support_need_create(
        person=c.lead, team=c.team, kind=kind(code), description="Money for a pilot in two towns."
    )


def offer_of(c, code="funding", capacity=None):
    return services.support_offer_create(
        person=c.helper,
        space=c.space,
        kind=kind(code),
        description="Up to £5,000 for a pilot.",
        organisation=c.organisation,
        capacity=capacity,
    )


def test_partners_add_a_kind_of_support(api_as, visitor, participant, challenge):
    c = challenge
    added = api_as(c.helper).post(url(c, "kinds"), {"name": "Legal advice", "description": "Contracts, licences."})
    assert added.status_code == 201, added.content
    assert added.json()["name"] == "Legal advice" and added.json()["code"] == ""
    assert "Legal advice" in [k["name"] for k in visitor.get(url(c, "kinds")).json()]
    assert_error(api_as(c.staff).post(url(c, "kinds"), {"name": "legal advice"}), 422, "name", "already a kind")
    assert_error(api_as(c.staff).post(url(c, "kinds"), {"name": "IP"}), 422, "name", "at least 3 characters")
    assert_error(api_as(participant).post(url(c, "kinds"), {"name": "Legal advice"}), 403, detail="Only organisers")


def test_team_members_ask_for_support_and_withdraw_the_need(api_as, participant, visitor, challenge):
    c = challenge
    made = prototype(c.space, c.team)
    body = {
        "team": c.team.pk,
        "kind": kind("mentoring").pk,
        "description": "A mentor who ran a bus service.",
        "prototype": made.pk,
    }
    response = api_as(c.member).post(url(c, "needs"), body)
    assert response.status_code == 201, response.content
    need = response.json()
    assert need["team"] == c.team.pk and need["prototype"] == made.pk and need["kind"]["code"] == "mentoring"
    assert_error(api_as(participant).post(url(c, "needs"), body), 403, detail="Only members of the team")
    assert_error(api_as(c.member).post(url(c, "needs"), {**body, "description": "Help"}), 422, "description")
    assert_error(api_as(c.member).post(url(c, "needs"), {**body, "kind": 999999}), 422, "kind")
    assert_error(api_as(c.member).post(url(c, "needs"), {**body, "team": 999999}), 422, "team")
    assert_error(api_as(participant).delete(url(c, "needs", need["id"])), 403, detail="Only members of the team")
    assert api_as(c.lead).delete(url(c, "needs", need["id"])).status_code == 204
    assert SupportNeed.objects.get(pk=need["id"]).status == "withdrawn"
    assert visitor.get(url(c, "needs")).json()["count"] == 0
    assert_error(api_as(c.lead).delete(url(c, "needs", 999999)), 404)


def test_partners_offer_support_and_close_the_offer(api_as, participant, challenge):
    c = challenge
    body = {
        "kind": kind("funding").pk,
        "description": "Up to £5,000 for a pilot.",
        "organisation": c.organisation.pk,
        "capacity": 3,
    }
    response = api_as(c.helper).post(url(c, "offers"), body)
    assert response.status_code == 201, response.content
    offer = response.json()
    assert offer["organisation"] == c.organisation.name and offer["capacity"] == 3 and offer["places_taken"] == 0
    assert_error(api_as(participant).post(url(c, "offers"), body), 403, detail="Support is offered on behalf")
    assert_error(api_as(c.helper).post(url(c, "offers"), {**body, "capacity": 0}), 422, "capacity")
    assert_error(api_as(c.helper).post(url(c, "offers"), {**body, "organisation": None}), 422, "organisation")
    assert_error(api_as(c.lead).post(url(c, "offers", offer["id"], "close")), 403)
    closed = api_as(c.helper).post(url(c, "offers", offer["id"], "close"))
    assert closed.status_code == 200 and closed.json()["closed"] is True
    assert_error(api_as(c.helper).post(url(c, "offers", offer["id"], "close")), 403, detail="already closed")


def test_organisers_propose_a_match_both_sides_agree_and_it_is_delivered(api_as, participant, visitor, challenge):
    c = challenge
    need, offer = need_of(c), offer_of(c, capacity=1)
    proposal = {"need": need.pk, "offer": offer.pk, "notes": "They fit well."}
    assert_error(api_as(participant).post(url(c, "matches"), proposal), 403, detail="Only the organisers can match")
    assert_error(api_as(c.staff).post(url(c, "matches"), {**proposal, "need": 999999}), 422, "need")
    response = api_as(c.staff).post(url(c, "matches"), proposal)
    assert response.status_code == 201, response.content
    match = response.json()
    assert match["status"] == "proposed" and match["team"] == c.team.pk and match["kind"]["code"] == "funding"
    assert_error(api_as(c.staff).post(url(c, "matches"), proposal), 422, None, "already proposed")
    answer = url(c, "matches", match["id"], "answer")
    assert_error(api_as(participant).post(answer, {"agree": True}), 403)
    assert_error(api_as(c.lead).post(answer, {"agree": "maybe"}), 422, "agree")
    assert_error(api_as(c.lead).post(answer, {"agree": True, "side": "judge"}), 422, "side")
    assert api_as(c.lead).post(answer, {"agree": True}).json()["team_agreed"] is True
    agreed = api_as(c.helper).post(answer, {"agree": True}).json()
    assert agreed["status"] == "agreed" and agreed["partner_agreed"] is True
    assert_error(api_as(c.helper).post(url(c, "matches", match["id"], "delivery"), {}), 403, detail="Only the organ")
    delivered = api_as(c.member).post(url(c, "matches", match["id"], "delivery"), {"notes": "Paid in May."})
    assert delivered.status_code == 200 and delivered.json()["status"] == "delivered"
    assert SupportNeed.objects.get(pk=need.pk).status == "met"
    assert visitor.get(url(c, "matches"), {"status": "delivered"}).json()["count"] == 1
    assert_error(api_as(c.member).post(url(c, "matches", match["id"], "delivery"), {}), 422, None, "Only a match")


def test_a_side_can_decline_a_match(api_as, challenge):
    c = challenge
    match = services.support_match_propose(person=c.staff, need=need_of(c), offer=offer_of(c))
    declined = api_as(c.helper).post(url(c, "matches", match.pk, "answer"), {"agree": False})
    assert declined.json()["status"] == "declined" and declined.json()["declined_by"] == "partner"


def test_organisers_list_and_schedule_check_ins_and_teams_answer(api_as, participant, challenge):
    c = challenge
    made = prototype(c.space, c.team)
    assert_error(api_as(participant).post(url(c, "check-ins")), 403, detail="Only the organisers")
    scheduled = api_as(c.staff).post(url(c, "check-ins"))
    assert scheduled.status_code == 201 and scheduled.json() == {"created": 3}
    listed = api_as(c.staff).get(url(c, "check-ins")).json()
    assert listed["count"] == 3 and [i["months"] for i in listed["items"]] == [3, 6, 12]
    assert listed["items"][0]["prototype"] == made.pk and listed["items"][0]["team_name"] == c.team.name
    assert_error(api_as(c.lead).get(url(c, "check-ins")), 403, detail="Only the organisers")
    CheckIn.objects.filter(months=3).update(sent_at=timezone.now())
    [waiting] = api_as(c.member).get(url(c, "check-ins", "mine")).json()
    assert waiting["months"] == 3 and waiting["answered_at"] is None
    answer = url(c, "check-ins", waiting["id"], "answer")
    assert_error(api_as(participant).put(answer, {"still_alive": True}), 403, detail="Only the prototype's team")
    assert_error(api_as(c.member).put(answer, {"still_alive": True, "stage": "dormant"}), 422, "stage")
    assert_error(api_as(c.member).put(answer, {}), 422, "still_alive")
    answered = api_as(c.member).put(answer, {"still_alive": True, "stage": "pilot", "notes": "Two towns use it."})
    assert answered.status_code == 200, answered.content
    assert answered.json()["still_alive"] is True and answered.json()["stage"] == "pilot"
    assert api_as(c.member).get(url(c, "check-ins", "mine")).json() == []
    assert_error(api_as(c.member).put(url(c, "check-ins", 999999, "answer"), {"still_alive": True}), 404)


def test_the_matches_and_check_ins_lists_run_a_constant_number_of_queries(api_as, visitor, challenge):
    c = challenge

    def add(n):
        for _i in range(n):
            team, (lead, _member) = team_with_members(c.space, name=f"Team {c.space.teams.count()}")
            prototype(c.space, team, title=f"Prototype {team.pk}")
            need = services.support_need_create(
                person=lead, team=team, kind=kind("funding"), description="Money for a pilot."
            )
            services.support_match_propose(person=c.staff, need=need, offer=offer_of(c))
        services.check_ins_schedule(space=c.space, person=c.staff)

    add(2)
    staff = api_as(c.staff)
    staff.get(url(c, "check-ins"))  # the key's first use is recorded once
    few = (count_queries(lambda: visitor.get(url(c, "matches"))), count_queries(lambda: staff.get(url(c, "check-ins"))))
    add(8)
    many = (
        count_queries(lambda: visitor.get(url(c, "matches"))),
        count_queries(lambda: staff.get(url(c, "check-ins"))),
    )
    assert many == few


def test_support_end_to_end_through_the_api(api_as, visitor, challenge):
    """A team asks, a partner offers, the organisers match, both agree, the support is given, and
    the team answers its 3-month check-in: the API only."""
    c = challenge
    prototype(c.space, c.team)
    legal = api_as(c.helper).post(url(c, "kinds"), {"name": "Legal advice"}).json()
    need = (
        api_as(c.lead)
        .post(url(c, "needs"), {"team": c.team.pk, "kind": legal["id"], "description": "Help with the data licence."})
        .json()
    )
    offer = (
        api_as(c.helper)
        .post(
            url(c, "offers"),
            {"kind": legal["id"], "description": "Two days of a lawyer's time.", "organisation": c.organisation.pk},
        )
        .json()
    )
    match = api_as(c.staff).post(url(c, "matches"), {"need": need["id"], "offer": offer["id"]}).json()
    api_as(c.lead).post(url(c, "matches", match["id"], "answer"), {"agree": True})
    api_as(c.helper).post(url(c, "matches", match["id"], "answer"), {"agree": True})
    api_as(c.staff).post(url(c, "matches", match["id"], "delivery"), {"notes": "Licence signed."})
    assert visitor.get(url(c, "needs"), {"status": "met"}).json()["items"][0]["id"] == need["id"]
    assert visitor.get(url(c, "offers")).json()["items"][0]["places_taken"] == 1
    api_as(c.staff).post(url(c, "check-ins"))
    first = api_as(c.staff).get(url(c, "check-ins")).json()["items"][0]
    api_as(c.lead).put(url(c, "check-ins", first["id"], "answer"), {"still_alive": False, "notes": "We stopped."})
    assert api_as(c.staff).get(url(c, "check-ins")).json()["items"][0]["still_alive"] is False
