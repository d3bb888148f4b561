"""Support after the challenge: needs, offers, kinds, two-sided matches within an offer's
capacity, and check-ins scheduled and sent once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocreate.challenges.models import CheckIn, MatchStatus, NeedStatus, SupportKind, SupportMatch
from cocreate.challenges.services import support as services
from cocreate.challenges.tasks.support import send_due_check_ins
from cocreate.notifications.models import Notification, NotificationKind
from cocreate.spaces.models import Phase, Space
from cocreate.spaces.permissions import Refused
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import SUPPORT_ACTIVITIES, kind, partner, prototype, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    space, staff = challenge_space(activities=SUPPORT_ACTIVITIES)
    team, (lead, member) = team_with_members(space)
    helper, organisation = partner()

    class Setup:
        pass

    s = Setup()
    s.space, s.staff, s.team, s.lead, s.member, s.partner, s.organisation = (
        space,
        staff,
        team,
        lead,
        member,
        helper,
        organisation,
    )
    return s


def _need(s, code="mentoring", team=None, person=None):
    return services.support_need_create(
        person=person or s.lead, team=team or s.team, kind=kind(code), description="Someone who has run a pilot."
    )


def _offer(s, code="mentoring", capacity=None):
    return services.support_offer_create(
        person=s.partner,
        space=s.space,
        kind=kind(code),
        description="Two hours a month with our service designers.",
        organisation=s.organisation,
        capacity=capacity,
    )


def _agree(s, match):
    services.support_match_answer(person=s.lead, match=match, agree=True)
    return services.support_match_answer(person=s.partner, match=match, agree=True)


def test_a_team_member_asks_for_support_and_it_bumps_the_space_version(setup):
    version = Space.objects.get(pk=setup.space.pk).version
    need = _need(setup)
    assert need.status == NeedStatus.OPEN and need.created_by == setup.lead
    assert Space.objects.get(pk=setup.space.pk).version == version + 1


def test_someone_outside_the_team_cannot_ask_for_it(setup):
    with pytest.raises(Refused, match="Only members of the team"):
        _need(setup, person=setup.partner)


def test_a_need_needs_a_description(setup):
    with pytest.raises(ValidationError) as error:
        services.support_need_create(person=setup.lead, team=setup.team, kind=kind(), description="help")
    assert "description" in error.value.message_dict


def test_withdrawing_a_need_declines_its_pending_matches(setup):
    need, offer = _need(setup), _offer(setup)
    match = services.support_match_propose(person=setup.staff, need=need, offer=offer)
    services.support_need_withdraw(person=setup.member, need=need)
    match.refresh_from_db()
    need.refresh_from_db()
    assert need.status == NeedStatus.WITHDRAWN
    assert match.status == MatchStatus.DECLINED and match.declined_by == "team"


def test_a_partner_offers_only_for_an_organisation_they_work_for(setup):
    _other_person, other_organisation = partner()
    with pytest.raises(ValidationError) as error:
        services.support_offer_create(
            person=setup.partner,
            space=setup.space,
            kind=kind(),
            description="Mentoring by our staff.",
            organisation=other_organisation,
        )
    assert "organisation" in error.value.message_dict


def test_someone_with_no_organisation_cannot_offer(setup):
    with pytest.raises(Refused, match="on behalf of an organisation"):
        services.support_offer_create(
            person=setup.member, space=setup.space, kind=kind(), description="I could help out."
        )


def test_organisers_may_offer_without_an_organisation(setup):
    offer = services.support_offer_create(
        person=setup.staff, space=setup.space, kind=kind("premises"), description="A room at the town hall."
    )
    assert offer.organisation is None


def test_a_kind_of_support_is_added_once_per_space_with_a_clear_message(setup):
    services.support_kind_add(person=setup.partner, space=setup.space, name="Legal advice")
    with pytest.raises(ValidationError, match="already a kind of support"):
        services.support_kind_add(person=setup.staff, space=setup.space, name="legal  ADVICE")
    with pytest.raises(ValidationError, match="already a kind of support"):
        services.support_kind_add(person=setup.staff, space=setup.space, name="Mentoring")


def test_the_same_kind_name_may_exist_in_another_space(setup):
    other, other_staff = challenge_space()
    services.support_kind_add(person=setup.staff, space=setup.space, name="Legal advice")
    services.support_kind_add(person=other_staff, space=other, name="Legal advice")
    assert SupportKind.objects.filter(name="Legal advice").count() == 2


def test_team_members_cannot_add_kinds(setup):
    with pytest.raises(Refused, match="Only organisers and partners"):
        services.support_kind_add(person=setup.member, space=setup.space, name="Legal advice")


def test_a_match_counts_once_both_sides_agree_and_the_need_follows(setup, django_capture_on_commit_callbacks):
    need, offer = _need(setup), _offer(setup)
    with django_capture_on_commit_callbacks(execute=True):
        match = services.support_match_propose(person=setup.staff, need=need, offer=offer)
    told = set(Notification.objects.filter(kind=NotificationKind.SUPPORT).values_list("recipient_id", flat=True))
    assert told == {setup.lead.pk, setup.member.pk, setup.partner.pk}
    match = services.support_match_answer(person=setup.lead, match=match, agree=True)
    assert match.status == MatchStatus.PROPOSED and match.team_agreed_at
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN
    match = services.support_match_answer(person=setup.partner, match=match, agree=True)
    need.refresh_from_db()
    assert match.status == MatchStatus.AGREED and need.status == NeedStatus.MATCHED
    services.support_match_deliver(person=setup.member, match=match)
    need.refresh_from_db()
    match.refresh_from_db()
    assert match.status == MatchStatus.DELIVERED and need.status == NeedStatus.MET


def test_only_organisers_propose_matches(setup):
    need, offer = _need(setup), _offer(setup)
    with pytest.raises(Refused):
        services.support_match_propose(person=setup.partner, need=need, offer=offer)


def test_an_offer_matches_only_a_need_of_the_same_kind(setup):
    need, offer = _need(setup, "funding"), _offer(setup, "mentoring")
    with pytest.raises(ValidationError, match="same kind"):
        services.support_match_propose(person=setup.staff, need=need, offer=offer)


def test_the_same_pair_is_proposed_once(setup):
    need, offer = _need(setup), _offer(setup)
    services.support_match_propose(person=setup.staff, need=need, offer=offer)
    with pytest.raises(ValidationError, match="already proposed"):
        services.support_match_propose(person=setup.staff, need=need, offer=offer)


def test_an_offer_is_never_agreed_with_more_teams_than_its_capacity(setup):
    offer = _offer(setup, capacity=1)
    other_team, (other_lead, _m) = team_with_members(setup.space, name="Library lab")
    first = services.support_match_propose(person=setup.staff, need=_need(setup), offer=offer)
    second_need = _need(setup, team=other_team, person=other_lead)
    second = services.support_match_propose(person=setup.staff, need=second_need, offer=offer)
    _agree(setup, first)
    services.support_match_answer(person=other_lead, match=second, agree=True)
    with pytest.raises(ValidationError, match="This offer is full"):
        services.support_match_answer(person=setup.partner, match=second, agree=True)
    assert SupportMatch.objects.filter(offer=offer, status=MatchStatus.AGREED).count() == 1
    with pytest.raises(ValidationError, match="This offer is full"):
        services.support_match_propose(
            person=setup.staff, need=_need(setup, team=other_team, person=other_lead), offer=offer
        )


def test_a_declined_match_stays_declined(setup):
    match = services.support_match_propose(person=setup.staff, need=_need(setup), offer=_offer(setup))
    match = services.support_match_answer(person=setup.partner, match=match, agree=False)
    assert match.status == MatchStatus.DECLINED and match.declined_by == "partner"
    with pytest.raises(ValidationError, match="already been answered"):
        services.support_match_answer(person=setup.lead, match=match, agree=True)


def test_an_organiser_cannot_answer_for_a_side(setup):
    match = services.support_match_propose(person=setup.staff, need=_need(setup), offer=_offer(setup))
    with pytest.raises(Refused, match="Only the team and the partner"):
        services.support_match_answer(person=setup.staff, match=match, agree=True)


def test_a_match_is_delivered_only_once_agreed(setup):
    match = services.support_match_propose(person=setup.staff, need=_need(setup), offer=_offer(setup))
    with pytest.raises(ValidationError, match="both sides agreed"):
        services.support_match_deliver(person=setup.staff, match=match)


def test_the_partner_cannot_mark_support_delivered(setup):
    match = _agree(setup, services.support_match_propose(person=setup.staff, need=_need(setup), offer=_offer(setup)))
    with pytest.raises(Refused, match="organisers or the team"):
        services.support_match_deliver(person=setup.partner, match=match)


def test_closing_an_offer_declines_proposals_and_refuses_new_ones(setup):
    offer = _offer(setup)
    match = services.support_match_propose(person=setup.staff, need=_need(setup), offer=offer)
    services.support_offer_close(person=setup.partner, offer=offer)
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    offer.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.support_match_propose(person=setup.staff, need=_need(setup, "mentoring"), offer=offer)


# --- Check-ins -------------------------------------------------------------------------------


def _end_challenge(space, ended_at):
    """The competition ends at `ended_at`: the phase in which teams ask for support starts then."""
    Phase.objects.filter(space=space).update(starts_at=ended_at, ends_at=ended_at + timedelta(days=400))
    Space.objects.get(pk=space.pk).touch()


def test_add_months_keeps_the_day_or_takes_the_months_last():
    moment = datetime(2025, 11, 30, 12, tzinfo=UTC)
    assert services.add_months(moment, 3) == datetime(2026, 2, 28, 12, tzinfo=UTC)
    assert services.add_months(moment, 12) == datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_check_ins_are_scheduled_at_3_6_and_12_months_for_prototypes_with_a_team(setup):
    ended = timezone.now() - timedelta(days=1)
    _end_challenge(setup.space, ended)
    with_team = prototype(setup.space, setup.team)
    prototype(setup.space, None, title="Orphan")
    assert services.check_ins_schedule(space=setup.space, person=setup.staff) == 3
    assert services.check_ins_schedule(space=setup.space, person=setup.staff) == 0
    rows = list(CheckIn.objects.order_by("months"))
    assert [(r.prototype_id, r.months) for r in rows] == [(with_team.pk, 3), (with_team.pk, 6), (with_team.pk, 12)]
    assert rows[0].due_at == services.add_months(ended, 3)


def test_the_daily_job_sends_each_due_check_in_once(setup, django_capture_on_commit_callbacks):
    _end_challenge(setup.space, timezone.now() - timedelta(days=100))
    proto = prototype(setup.space, setup.team)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_check_ins.call() == 1  # the 3-month one is due; 6 and 12 are not
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_check_ins.call() == 0
    notes = Notification.objects.filter(kind=NotificationKind.CHECK_IN)
    assert sorted(notes.values_list("recipient_id", flat=True)) == sorted([setup.lead.pk, setup.member.pk])
    assert CheckIn.objects.filter(prototype=proto).count() == 3
    assert CheckIn.objects.filter(prototype=proto, sent_at__isnull=False).get().months == 3


def test_the_daily_job_leaves_challenges_still_running_alone(setup):
    _end_challenge(setup.space, timezone.now() + timedelta(days=10))
    prototype(setup.space, setup.team)
    assert send_due_check_ins.call() == 0
    assert not CheckIn.objects.exists()


def test_the_team_answers_a_check_in_and_staff_can_record_a_phone_answer(setup):
    _end_challenge(setup.space, timezone.now() - timedelta(days=100))
    prototype(setup.space, setup.team)
    services.check_ins_schedule(space=setup.space)
    check_in = CheckIn.objects.get(months=3)
    answered = services.check_in_answer(
        person=setup.member, check_in=check_in, still_alive=True, stage="pilot", notes="Piloting in Margate."
    )
    assert answered.still_alive and answered.stage == "pilot" and answered.answered_by == setup.member
    answered = services.check_in_answer(person=setup.staff, check_in=check_in, still_alive=False)
    assert answered.still_alive is False and answered.answered_by == setup.staff
    with pytest.raises(Refused):
        services.check_in_answer(person=setup.partner, check_in=check_in, still_alive=True)


def test_a_check_in_answer_refuses_an_unknown_stage(setup):
    _end_challenge(setup.space, timezone.now() - timedelta(days=100))
    prototype(setup.space, setup.team)
    services.check_ins_schedule(space=setup.space)
    with pytest.raises(ValidationError) as error:
        services.check_in_answer(person=setup.lead, check_in=CheckIn.objects.first(), still_alive=True, stage="moon")
    assert "stage" in error.value.message_dict


def test_a_persons_needs_offers_and_check_in_answers_are_in_their_data_download(setup):
    from cocreate.accounts.personal_data import export_sections

    _need(setup)
    _offer(setup)
    _end_challenge(setup.space, timezone.now() - timedelta(days=100))
    prototype(setup.space, setup.team)
    services.check_ins_schedule(space=setup.space)
    services.check_in_answer(person=setup.lead, check_in=CheckIn.objects.first(), still_alive=True)
    sections = export_sections()
    assert sections["support needs"](setup.lead)[0]["kind"] == "Mentoring"
    assert sections["support offers"](setup.partner)[0]["organisation"] == setup.organisation.name
    assert sections["check-in answers"](setup.lead)[0]["still alive"] is True
    assert sections["support needs"](setup.partner) == []


def test_check_ins_long_overdue_are_not_sent_all_at_once(setup):
    _end_challenge(setup.space, timezone.now() - timedelta(days=380))  # 3 and 6 months long past
    prototype(setup.space, setup.team)
    assert send_due_check_ins.call() == 1
    assert CheckIn.objects.get(sent_at__isnull=False).months == 12


def test_the_check_in_job_is_scheduled_daily():
    from django.utils.module_loading import import_string

    from cocreate.web.schedule import RECURRING

    (job,) = [job for job in RECURRING if job.task.endswith("support.send_due_check_ins")]
    assert job.cron == "0 9 * * *"
    assert import_string(job.task) is send_due_check_ins


def test_the_seven_built_in_kinds_come_back_after_the_database_is_emptied(db):
    from django.core.management.sql import emit_post_migrate_signal

    SupportKind.objects.filter(space=None).delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # as `flush` does
    assert sorted(SupportKind.objects.filter(space=None).values_list("code", flat=True)) == sorted(
        ["mentoring", "funding", "premises", "data_access", "pilot_site", "procurement", "publicity"]
    )
