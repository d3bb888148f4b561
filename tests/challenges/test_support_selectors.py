"""Reads about support: the board by kind in four queries, matching suggestions that respect
places and earlier proposals, and the check-ins summary per month mark."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.challenges.models import CheckIn
from cocreate.challenges.selectors import support as selectors
from cocreate.challenges.services import support as services
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import SUPPORT_ACTIVITIES, kind, partner, prototype, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    space, staff = challenge_space(activities=SUPPORT_ACTIVITIES)
    helper, organisation = partner()
    return space, staff, helper, organisation


def _team_need(space, name, code="mentoring"):
    team, (lead, _m) = team_with_members(space, name=name)
    need = services.support_need_create(person=lead, team=team, kind=kind(code), description="Help us with a pilot.")
    return team, lead, need


def _offer(space, helper, organisation, code="mentoring", capacity=None):
    return services.support_offer_create(
        person=helper,
        space=space,
        kind=kind(code),
        description="Mentoring by staff.",
        organisation=organisation,
        capacity=capacity,
    )


def test_the_board_groups_by_kind_leaves_out_withdrawn_needs_and_empty_kinds(s, django_assert_num_queries):
    space, staff, helper, organisation = s
    _t, lead, withdrawn = _team_need(space, "A")
    services.support_need_withdraw(person=lead, need=withdrawn)
    _team_need(space, "B", "funding")
    _offer(space, helper, organisation, "mentoring")
    with django_assert_num_queries(4):
        board = selectors.support_board(space=space)
    by_kind = {group.kind.code: group for group in board["kinds"]}
    assert set(by_kind) == {"mentoring", "funding"}
    assert by_kind["mentoring"].needs == [] and len(by_kind["mentoring"].offers) == 1
    assert board["open_needs"] == 1 and board["open_offers"] == 1


def test_suggestions_skip_full_offers_and_pairs_already_proposed(s):
    space, staff, helper, organisation = s
    _ta, lead_a, need_a = _team_need(space, "A")
    _tb, _lb, need_b = _team_need(space, "B")
    offer = _offer(space, helper, organisation, capacity=1)
    page = selectors.matching_page(space=space)
    assert [(p.need.pk, p.offer.pk) for p in page["suggestions"]] == [(need_a.pk, offer.pk)]  # one place
    match = services.support_match_propose(person=staff, need=need_a, offer=offer)
    page = selectors.matching_page(space=space)
    assert [(p.need.pk, p.offer.pk) for p in page["suggestions"]] == [(need_b.pk, offer.pk)]
    services.support_match_answer(person=lead_a, match=match, agree=True)
    services.support_match_answer(person=helper, match=match, agree=True)
    assert selectors.matching_page(space=space)["suggestions"] == []  # the only place is taken


def test_a_partner_already_helping_a_team_is_suggested_with_that_reason(s):
    space, staff, helper, organisation = s
    team, lead, funding_need = _team_need(space, "A", "funding")
    funding = _offer(space, helper, organisation, "funding")
    match = services.support_match_propose(person=staff, need=funding_need, offer=funding)
    services.support_match_answer(person=lead, match=match, agree=True)
    services.support_match_answer(person=helper, match=match, agree=True)
    other_helper, other_organisation = partner()
    _offer(space, other_helper, other_organisation, "mentoring", capacity=5)
    mine = _offer(space, helper, organisation, "mentoring", capacity=1)
    services.support_need_create(person=lead, team=team, kind=kind("mentoring"), description="A mentor, please.")
    (pair,) = selectors.matching_page(space=space)["suggestions"]
    assert pair.offer.pk == mine.pk and pair.reason == "already_helping"


def test_the_check_ins_overview_counts_answers_per_month_mark_in_one_query(s, django_assert_num_queries):
    space, staff, _helper, _organisation = s
    team, (lead, _m) = team_with_members(space, name="A")
    proto = prototype(space, team)
    now = timezone.now()
    for months, alive in ((3, True), (6, False)):
        CheckIn.objects.create(
            prototype=proto, months=months, due_at=now, sent_at=now, answered_at=now, still_alive=alive
        )
    CheckIn.objects.create(prototype=proto, months=12, due_at=now + timedelta(days=90))
    with django_assert_num_queries(1):
        overview = selectors.check_ins_overview(space=space)
    summary = {row.months: (row.due, row.answered, row.alive) for row in overview["summary"]}
    assert summary == {3: (1, 1, 1), 6: (1, 1, 0), 12: (0, 0, 0)}


def test_own_check_ins_lists_those_sent_and_not_answered(s):
    space, _staff, _helper, _organisation = s
    team, (lead, _m) = team_with_members(space, name="A")
    proto = prototype(space, team)
    now = timezone.now()
    waiting = CheckIn.objects.create(prototype=proto, months=3, due_at=now, sent_at=now)
    CheckIn.objects.create(prototype=proto, months=6, due_at=now + timedelta(days=90))
    assert selectors.own_check_ins(person=lead, space=space) == [waiting]
