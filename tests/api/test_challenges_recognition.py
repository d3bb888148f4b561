"""The recognition API: published prizes and public credits, never certificates."""

from types import SimpleNamespace

import pytest

from cocreate.challenges.models import Prize, PrizeShare, Recognition, SupportOffer
from cocreate.challenges.services import recognition as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import kind, partner, team_with_members

pytestmark = pytest.mark.django_db


def test_prizes_and_credits_are_public_certificates_are_not(visitor):
    space, staff = challenge_space()
    team, people = team_with_members(space)
    _person, organisation = partner()
    services.prize_award(person=staff, space=space, title="Best prototype", amount="750.50", team=team)
    Prize.objects.create(space=space, title="Not announced", amount=10, team=team)
    services.recognition_award(
        person=staff, space=space, kind="public_credit", citation="Lent us a pilot site.", organisation=organisation
    )
    services.recognition_award(
        person=staff, space=space, kind="certificate", citation="Built the prototype.", recipient=people[0]
    )
    prizes = visitor.get(f"/spaces/{space.slug}/prizes").json()
    assert [(p["title"], p["amount"], p["team"]) for p in prizes] == [("Best prototype", "750.50", team.name)]
    credits = visitor.get(f"/spaces/{space.slug}/credits").json()
    assert [(c["thanked"], c["citation"]) for c in credits] == [(organisation.name, "Lent us a pilot site.")]


def test_the_lists_run_a_constant_number_of_queries(visitor):
    space, staff = challenge_space()

    def add(n):
        for _ in range(n):
            team, people = team_with_members(space, name=f"Team {space.teams.count()}")
            services.prize_award(person=staff, space=space, title="A prize", amount="10", team=team)
            services.recognition_award(
                person=staff,
                space=space,
                kind="public_credit",
                citation="Thank you all.",
                recipient=people[0],
                team=team,
            )

    add(2)
    paths = (f"/spaces/{space.slug}/prizes", f"/spaces/{space.slug}/credits")
    few = [count_queries(lambda p=p: visitor.get(p)) for p in paths]
    add(8)
    assert [count_queries(lambda p=p: visitor.get(p)) for p in paths] == few


# --- Writes (organisers) -----------------------------------------------------------------------


@pytest.fixture
def challenge():
    space, staff = challenge_space()
    team, people = team_with_members(space, members=3)
    _helper, organisation = partner()
    return SimpleNamespace(space=space, staff=staff, team=team, people=people, organisation=organisation)


def url(c, *parts) -> str:
    return "/".join([f"/spaces/{c.space.slug}", *map(str, parts)])


def test_organisers_award_a_certificate_and_withdraw_it(api_as, participant, challenge):
    c = challenge
    body = {
        "kind": "certificate",
        "citation": "Built the prototype's map.",
        "recipient": c.people[1].pk,
        "team": c.team.pk,
    }
    response = api_as(c.staff).post(url(c, "recognitions"), body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["kind"] == "certificate" and made["person"] == c.people[1].pk and made["team"] == c.team.pk
    assert Recognition.objects.get(pk=made["id"]).reference.hex == made["reference"].replace("-", "")
    assert_error(
        api_as(participant).post(url(c, "recognitions"), body), 403, detail="Only the organisers of this space"
    )
    assert_error(api_as(c.staff).post(url(c, "recognitions"), {**body, "citation": "Thanks"}), 422, "citation")
    assert_error(api_as(c.staff).post(url(c, "recognitions"), {**body, "recipient": None}), 422, "recipient")
    assert_error(api_as(c.staff).post(url(c, "recognitions"), {**body, "recipient": participant.pk}), 422, "recipient")
    assert_error(api_as(c.staff).post(url(c, "recognitions"), {**body, "kind": "medal"}), 422, "kind")
    listed = api_as(c.staff).get(url(c, "recognitions")).json()
    assert listed["count"] == 1 and listed["items"][0]["person_name"] == c.people[1].public_name
    assert_error(api_as(participant).get(url(c, "recognitions")), 403, detail="Only the organisers")
    assert_error(api_as(participant).delete(url(c, "recognitions", made["id"])), 403, detail="Only the organisers")
    assert api_as(c.staff).delete(url(c, "recognitions", made["id"])).status_code == 204
    assert not Recognition.objects.exists()
    assert_error(api_as(c.staff).delete(url(c, "recognitions", made["id"])), 404)


def test_organisers_thank_a_partner_with_a_public_credit(api_as, visitor, challenge):
    c = challenge
    SupportOffer.objects.create(space=c.space, kind=kind("funding"), organisation=c.organisation, description="Money")
    body = {"kind": "public_credit", "citation": "Lent us a pilot site.", "organisation": c.organisation.pk}
    assert api_as(c.staff).post(url(c, "recognitions"), body).status_code == 201
    assert visitor.get(url(c, "credits")).json()[0]["thanked"] == c.organisation.name
    assert_error(api_as(c.staff).post(url(c, "recognitions"), {**body, "organisation": 999999}), 422, "organisation")


def test_organisers_award_a_prize_and_split_it_equally(api_as, participant, visitor, challenge):
    c = challenge
    body = {"title": "Best prototype", "amount": "100.00", "currency": "EUR", "team": c.team.pk, "reason": "Clear."}
    response = api_as(c.staff).post(url(c, "prizes"), body)
    assert response.status_code == 201, response.content
    prize = response.json()
    assert prize["amount"] == "100.00" and prize["currency"] == "EUR" and prize["team_id"] == c.team.pk
    assert prize["shares"] == [] and prize["awarded_at"]
    assert visitor.get(url(c, "prizes")).json()[0]["title"] == "Best prototype"
    assert_error(api_as(participant).post(url(c, "prizes"), body), 403, detail="Only the organisers")
    assert_error(api_as(c.staff).post(url(c, "prizes"), {**body, "amount": "-1"}), 422, "amount")
    assert_error(api_as(c.staff).post(url(c, "prizes"), {**body, "currency": "E1"}), 422, "currency")
    assert_error(api_as(c.staff).post(url(c, "prizes"), {**body, "team": 999999}), 422, "team")
    split = api_as(c.staff).put(url(c, "prizes", prize["id"], "split"), {"how": "equal"})
    assert split.status_code == 200, split.content
    assert [s["amount"] for s in split.json()["shares"]] == ["33.34", "33.33", "33.33"]
    assert_error(api_as(participant).put(url(c, "prizes", prize["id"], "split"), {}), 403, detail="Only the organ")
    assert_error(api_as(participant).get(url(c, "prizes", prize["id"])), 403, detail="Only the organisers")
    assert_error(api_as(c.staff).get(url(c, "prizes", 999999)), 404)


def test_a_split_with_amounts_must_add_up_to_the_prize(api_as, challenge):
    c = challenge
    prize = services.prize_award(person=c.staff, space=c.space, title="Best prototype", amount="100", team=c.team)
    split = url(c, "prizes", prize.pk, "split")
    first, second, third = (p.pk for p in c.people)
    amounts = [{"person": first, "amount": "50"}, {"person": second, "amount": "30"}]
    assert_error(api_as(c.staff).put(split, {"how": "amounts", "amounts": amounts}), 422, "amounts", "still to share")
    assert_error(api_as(c.staff).put(split, {"how": "amounts"}), 422, "amounts")
    assert_error(api_as(c.staff).put(split, {"how": "halves"}), 422, "how")
    assert_error(
        api_as(c.staff).put(split, {"how": "amounts", "amounts": [{"person": first, "amount": "1.234"}]}),
        422,
        "amounts.0.amount",
    )
    amounts.append({"person": third, "amount": "20"})
    done = api_as(c.staff).put(split, {"how": "amounts", "amounts": amounts})
    assert done.status_code == 200, done.content
    assert {(s["person"], s["amount"]) for s in done.json()["shares"]} == {
        (first, "50.00"),
        (second, "30.00"),
        (third, "20.00"),
    }


def test_organisers_record_each_share_payment(api_as, participant, challenge):
    c = challenge
    prize = services.prize_award(person=c.staff, space=c.space, title="Best prototype", amount="90", team=c.team)
    share = services.prize_split(person=c.staff, prize=prize)[0]
    payment = url(c, "prize-shares", share.pk, "payment")
    assert_error(api_as(participant).put(payment, {"payment_status": "paid"}), 403, detail="Only the organisers")
    assert_error(api_as(c.staff).put(payment, {"payment_status": "sent"}), 422, "payment_status")
    paid = api_as(c.staff).put(payment, {"payment_status": "paid"})
    assert paid.status_code == 200, paid.content
    assert paid.json()["payment_status"] == "paid" and paid.json()["paid_at"] and paid.json()["amount"] == "30.00"
    assert PrizeShare.objects.get(pk=share.pk).recorded_by == c.staff
    assert_error(api_as(c.staff).put(url(c, "prize-shares", 999999, "payment"), {"payment_status": "paid"}), 404)
    assert_error(api_as(c.staff).put(url(c, "prizes", prize.pk, "split"), {"how": "equal"}), 422, None, "already paid")


def test_the_recognitions_list_runs_a_constant_number_of_queries(api_as, challenge):
    c = challenge
    staff = api_as(c.staff)

    def add(n):
        for _i in range(n):
            team, people = team_with_members(c.space, name=f"Team {c.space.teams.count()}")
            services.recognition_award(
                person=c.staff, space=c.space, kind="certificate", citation="Built the prototype.", recipient=people[0]
            )

    add(2)
    staff.get(url(c, "recognitions"))  # the key's first use is recorded once
    few = count_queries(lambda: staff.get(url(c, "recognitions")))
    add(8)
    assert count_queries(lambda: staff.get(url(c, "recognitions"))) == few


def test_recognition_end_to_end_through_the_api(api_as, visitor, challenge):
    """Organisers award a prize, split it, pay the shares and thank a member: the API only."""
    c = challenge
    staff = api_as(c.staff)
    prize = staff.post(url(c, "prizes"), {"title": "Best prototype", "amount": "1000", "team": c.team.pk}).json()
    amounts = [{"person": p.pk, "amount": a} for p, a in zip(c.people, ("500", "250", "250"), strict=True)]
    shares = staff.put(url(c, "prizes", prize["id"], "split"), {"how": "amounts", "amounts": amounts}).json()["shares"]
    for share in shares:
        staff.put(url(c, "prize-shares", share["id"], "payment"), {"payment_status": "paid"})
    statuses = {s["payment_status"] for s in staff.get(url(c, "prizes", prize["id"])).json()["shares"]}
    assert statuses == {"paid"}
    staff.post(
        url(c, "recognitions"),
        {"kind": "public_credit", "citation": "Led the pilot with care.", "recipient": c.people[0].pk},
    )
    assert [p["title"] for p in visitor.get(url(c, "prizes")).json()] == ["Best prototype"]
    assert visitor.get(url(c, "credits")).json()[0]["thanked"] == c.people[0].public_name
