"""The support pages: the board shows needs and offers by kind and the matches, in a constant
number of queries; teams ask, partners offer, organisers match from suggestions, both sides
answer; check-ins are answered and summed up for the organisers. Refusals say why."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreate.challenges.models import CheckIn, MatchStatus, NeedStatus, SupportKind, SupportMatch, SupportNeed
from cocreate.challenges.services import support as services
from tests.challenges.factories import challenge_space
from tests.challenges.page_queries import page_queries
from tests.challenges.support_factories import SUPPORT_ACTIVITIES, kind, partner, prototype, team_with_members
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    space, staff = challenge_space(activities=SUPPORT_ACTIVITIES)
    team, (lead, member) = team_with_members(space)
    helper, organisation = partner()

    class Setup:
        pass

    setup = Setup()
    setup.space, setup.staff, setup.team, setup.lead, setup.member = space, staff, team, lead, member
    setup.partner, setup.organisation = helper, organisation
    return setup


def url(name, s, *args):
    return reverse(f"challenges:{name}", args=[s.space.slug, *args])


def text(response) -> str:
    return response.content.decode()


def _need(s, team=None, person=None, code="mentoring"):
    return services.support_need_create(
        person=person or s.lead, team=team or s.team, kind=kind(code), description="Someone who has run a pilot."
    )


def _offer(s, code="mentoring", capacity=None):
    return services.support_offer_create(
        person=s.partner,
        space=s.space,
        kind=kind(code),
        description="Two hours a month with our designers.",
        organisation=s.organisation,
        capacity=capacity,
    )


def test_the_board_shows_needs_and_offers_by_kind_and_the_matches(client, s):
    need, offer = _need(s), _offer(s)
    services.support_match_propose(person=s.staff, need=need, offer=offer)
    response = client.get(url("support_board", s))
    assert response.status_code == 200
    body = text(response)
    assert "Mentoring" in body and s.team.name in body and s.organisation.name in body
    assert "Someone who has run a pilot." in body and "Proposed" in body


def test_the_board_runs_the_same_queries_for_2_or_10_rows(client, s, django_assert_num_queries):
    client.force_login(s.lead)
    address = url("support_board", s)

    def add(n):
        for i in range(n):
            team, (lead, _m) = team_with_members(s.space, name=f"Team {SupportNeed.objects.count()}-{i}")
            need = _need(s, team=team, person=lead, code=["mentoring", "funding"][i % 2])
            offer = _offer(s, code=["mentoring", "funding"][i % 2], capacity=3)
            services.support_match_propose(person=s.staff, need=need, offer=offer)

    add(2)
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    two = len(captured)  # read now: the next request empties the log
    add(8)
    client.get(address)
    with django_assert_num_queries(two):
        assert client.get(address).status_code == 200


def test_a_team_member_asks_for_support_through_the_form(client, s):
    client.force_login(s.member)
    assert client.get(url("support_need_new", s)).status_code == 200
    response = client.post(
        url("support_need_new", s),
        {"team": s.team.pk, "kind": kind("pilot_site").pk, "description": "A library to run our pilot in."},
    )
    assert response.status_code == 302
    assert SupportNeed.objects.get().kind.code == "pilot_site"


def test_the_need_form_shows_the_service_message_on_its_field(client, s):
    client.force_login(s.member)
    response = client.post(url("support_need_new", s), {"team": s.team.pk, "kind": kind().pk, "description": "help"})
    assert response.status_code == 200 and "There is a problem" in text(response)
    assert "at least 10 characters" in text(response)


def test_someone_without_a_team_is_told_to_join_one(client, s):
    client.force_login(PersonFactory())
    response = client.get(url("support_need_new", s))
    assert response.status_code == 403 and "Join or create a team first" in text(response)


def test_a_partner_offers_support_through_the_form(client, s):
    client.force_login(s.partner)
    assert client.get(url("support_offer_new", s)).status_code == 200
    response = client.post(
        url("support_offer_new", s),
        {
            "kind": kind("funding").pk,
            "description": "Up to £5,000 for a pilot.",
            "organisation": s.organisation.pk,
            "capacity": 2,
        },
    )
    assert response.status_code == 302
    assert s.space.support_offers.get().capacity == 2


def test_a_participant_cannot_offer_and_is_told_why(client, s):
    client.force_login(PersonFactory())
    response = client.get(url("support_offer_new", s))
    assert response.status_code == 403 and "on behalf of an organisation" in text(response)


def test_adding_a_kind_twice_says_it_is_already_there(client, s):
    client.force_login(s.partner)
    assert client.post(url("support_kind_new", s), {"name": "Legal advice"}).status_code == 302
    response = client.post(url("support_kind_new", s), {"name": "legal advice"})
    assert response.status_code == 200 and "already a kind of support here" in text(response)
    assert SupportKind.objects.filter(space=s.space).count() == 1


def test_organisers_propose_a_suggested_match_and_both_sides_agree(client, s):
    need, offer = _need(s), _offer(s)
    client.force_login(s.staff)
    page = client.get(url("support_matching", s))
    assert page.status_code == 200 and "Same kind, with places left" in text(page)
    assert f"{s.team.name}: Mentoring" in text(page) and f"{s.organisation.name}: Mentoring" in text(page)
    assert client.post(url("support_matching", s), {"need": need.pk, "offer": offer.pk}).status_code == 302
    match = SupportMatch.objects.get()
    client.force_login(s.lead)
    client.post(url("support_match_answer", s, match.pk), {"answer": "agree"})
    client.force_login(s.partner)
    client.post(url("support_match_answer", s, match.pk), {"answer": "agree"})
    match.refresh_from_db()
    assert match.status == MatchStatus.AGREED
    client.force_login(s.member)
    client.post(url("support_match_deliver", s, match.pk))
    need.refresh_from_db()
    assert need.status == NeedStatus.MET


def test_the_matching_page_is_for_organisers(client, s):
    client.force_login(s.partner)
    response = client.get(url("support_matching", s))
    assert response.status_code == 403 and "Only the organisers can match" in text(response)


def test_a_team_member_withdraws_a_need_from_the_board(client, s):
    need = _need(s)
    client.force_login(s.member)
    assert "We no longer need this" in text(client.get(url("support_board", s)))
    client.post(url("support_need_withdraw", s, need.pk))
    need.refresh_from_db()
    assert need.status == NeedStatus.WITHDRAWN


def _ended(s, days=200):
    from cocreate.spaces.models import Phase, Space

    ended = timezone.now() - timedelta(days=days)
    Phase.objects.filter(space=s.space).update(starts_at=ended - timedelta(days=30), ends_at=ended)
    Space.objects.get(pk=s.space.pk).touch()


def test_the_check_ins_overview_sums_up_who_is_still_alive(client, s):
    _ended(s)
    alive = prototype(s.space, s.team, title="Alive")
    other_team, (other_lead, _m) = team_with_members(s.space, name="Library lab")
    stopped = prototype(s.space, other_team, title="Stopped")
    services.check_ins_schedule(space=s.space)
    services.check_ins_send_due()
    services.check_in_answer(person=s.lead, check_in=CheckIn.objects.get(prototype=alive, months=6), still_alive=True)
    services.check_in_answer(
        person=other_lead, check_in=CheckIn.objects.get(prototype=stopped, months=6), still_alive=False
    )
    client.force_login(s.staff)
    response = client.get(url("support_check_ins", s))
    assert response.status_code == 200
    assert "still alive: 1 of 2" in text(response)


def test_a_team_member_answers_a_check_in_from_its_page(client, s):
    _ended(s)
    prototype(s.space, s.team)
    services.check_ins_schedule(space=s.space)
    check_in = CheckIn.objects.get(months=3)
    client.force_login(s.member)
    assert client.get(url("support_check_in", s, check_in.pk)).status_code == 200
    response = client.post(
        url("support_check_in", s, check_in.pk), {"still_alive": "yes", "stage": "pilot", "notes": "Going well."}
    )
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert check_in.still_alive and check_in.stage == "pilot"


def test_someone_else_cannot_answer_a_check_in(client, s):
    _ended(s)
    prototype(s.space, s.team)
    services.check_ins_schedule(space=s.space)
    client.force_login(s.partner)
    response = client.get(url("support_check_in", s, CheckIn.objects.first().pk))
    assert response.status_code == 403 and "Only the prototype" in text(response)


def test_organisers_schedule_check_ins_from_the_overview(client, s):
    _ended(s)
    prototype(s.space, s.team)
    client.force_login(s.staff)
    assert client.post(url("support_check_ins", s)).status_code == 302
    assert CheckIn.objects.count() == 3


def test_the_board_offers_each_person_what_they_can_do(client, s):
    client.force_login(s.member)
    assert "Ask for support for your team" in text(client.get(url("support_board", s)))
    client.force_login(s.partner)
    body = text(client.get(url("support_board", s)))
    assert "Offer support" in body and "Ask for support for your team" not in body
    client.force_login(s.staff)
    assert "Match offers with needs" in text(client.get(url("support_board", s)))


def test_once_the_phase_has_closed_asking_says_when_it_ended(client, s):
    from tests.factories import change_phases

    change_phases(s.space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2))
    client.force_login(s.member)
    response = client.get(url("support_need_new", s))
    assert response.status_code == 403 and "ended on" in text(response)


def test_the_board_asks_each_side_to_answer_once_and_only_the_team_marks_delivery(client, s):
    match = services.support_match_propose(person=s.staff, need=_need(s), offer=_offer(s))
    client.force_login(s.lead)
    assert "Agree<span" in text(client.get(url("support_board", s)))
    services.support_match_answer(person=s.lead, match=match, agree=True)
    assert "Agree<span" not in text(client.get(url("support_board", s)))
    client.force_login(s.partner)
    assert "Agree<span" in text(client.get(url("support_board", s)))
    services.support_match_answer(person=s.partner, match=match, agree=True)
    assert "The support was given" not in text(client.get(url("support_board", s)))
    client.force_login(s.member)
    assert "The support was given" in text(client.get(url("support_board", s)))


def test_adding_a_kind_returns_to_the_page_it_came_from_but_never_to_another_site(client, s):
    client.force_login(s.staff)
    back = url("support_need_new", s)
    response = client.post(url("support_kind_new", s) + f"?next={back}", {"name": "Legal advice"})
    assert response["Location"] == back
    response = client.post(url("support_kind_new", s) + "?next=//evil.example/", {"name": "Translation"})
    assert response["Location"] == url("support_board", s)


def test_the_matching_and_check_ins_pages_run_the_same_queries_for_2_or_10_teams(client, s):
    client.force_login(s.staff)
    pages = [url("support_matching", s), url("support_check_ins", s)]

    def add(n):
        for i in range(n):
            team, (lead, _member) = team_with_members(s.space, name=f"Team {SupportNeed.objects.count()}-{i}")
            _need(s, team=team, person=lead, code=["mentoring", "funding"][i % 2])
            _offer(s, code=["mentoring", "funding"][i % 2], capacity=3)
            CheckIn.objects.create(
                prototype=prototype(s.space, team, title=f"App of {team.name}"), months=3, due_at=timezone.now()
            )

    add(2)
    few = [page_queries(client, address) for address in pages]
    add(8)
    assert [page_queries(client, address) for address in pages] == few
