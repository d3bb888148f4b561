"""Teams: forming, inviting, asking to join and answering, roles, leaving; the challenge's rules
(one team per person, team sizes, composition) with a clear message; notifications."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cocreate.challenges.models import InvitationStatus, Team, TeamInvitation, TeamMember, TeamSeeker
from cocreate.challenges.services import teams as services
from cocreate.notifications.models import Notification, NotificationKind
from tests.challenges.teams_factories import make_team, partner_rules, person_with, team_space
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return team_space()[0]


def test_the_founder_leads_the_new_team_and_leaves_the_board(space):
    founder = PersonFactory()
    services.seeker_add(person=founder, space=space, note="Designer")
    team = services.team_create(
        person=founder, space=space, name="Safer streets", pitch="Lights", skills_wanted="Design, design, Python"
    )
    assert TeamMember.objects.get(team=team).role == "lead"
    assert sorted(s.name for s in team.skills_wanted.all()) == ["Design", "Python"]
    assert not TeamSeeker.objects.filter(person=founder).exists()


def test_a_second_team_with_the_same_name_is_refused(space):
    make_team(space, name="Safer streets")
    with pytest.raises(ValidationError) as error:
        services.team_create(person=PersonFactory(), space=space, name="safer STREETS")
    assert "already a team called" in error.value.message_dict["name"][0]


def test_forming_a_team_waits_for_the_phase(space):
    change_phases(space, starts_at=timezone.now() + timedelta(days=3), ends_at=timezone.now() + timedelta(days=9))
    with pytest.raises(PermissionDenied) as refused:
        services.team_create(person=PersonFactory(), space=space, name="Too early")
    assert "from" in str(refused.value)


def test_an_invitation_accepted_adds_the_member_and_tells_the_lead(space, django_capture_on_commit_callbacks):
    lead, guest = PersonFactory(), PersonFactory()
    team = make_team(space, lead)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.team_invite(person=lead, team=team, invitee=guest, message="Join us")
    notice = Notification.objects.get(recipient=guest, kind=NotificationKind.TEAM_INVITATION)
    assert notice.link == f"/en/spaces/{space.slug}/teams/{team.pk}/" and notice.details["title"] == team.name
    with django_capture_on_commit_callbacks(execute=True):
        member = services.invitation_answer(person=guest, invitation=invitation, accept=True)
    assert member.role == "member"
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert Notification.objects.filter(recipient=lead, kind=NotificationKind.TEAM_ANSWER).exists()


def test_only_the_person_invited_answers_an_invitation(space):
    lead = PersonFactory()
    team = make_team(space, lead)
    invitation = services.team_invite(person=lead, team=team, invitee=PersonFactory())
    with pytest.raises(PermissionDenied):
        services.invitation_answer(person=PersonFactory(), invitation=invitation, accept=True)


def test_a_request_to_join_is_answered_by_the_lead_and_the_requester_is_told(space, django_capture_on_commit_callbacks):
    lead, asker = PersonFactory(), PersonFactory()
    team = make_team(space, lead)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.team_request_join(person=asker, team=team, message="I do maps")
    assert Notification.objects.filter(recipient=lead, kind=NotificationKind.TEAM_INVITATION).exists()
    with pytest.raises(PermissionDenied):
        services.invitation_answer(person=asker, invitation=request, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_answer(person=lead, invitation=request, accept=False)
    assert not TeamMember.objects.filter(team=team, person=asker).exists()
    assert Notification.objects.filter(recipient=asker, kind=NotificationKind.TEAM_ANSWER).exists()


def test_asking_twice_is_refused_with_a_message(space):
    team = make_team(space)
    asker = PersonFactory()
    services.team_request_join(person=asker, team=team)
    with pytest.raises(ValidationError) as error:
        services.team_request_join(person=asker, team=team)
    assert "already asked" in str(error.value)


def test_a_team_closed_to_members_refuses_requests(space):
    lead = PersonFactory()
    team = make_team(space, lead)
    services.team_update(person=lead, team=team, looking_for_members=False)
    with pytest.raises(ValidationError) as error:
        services.team_request_join(person=PersonFactory(), team=team)
    assert "not taking new members" in str(error.value)


def test_one_team_per_person_is_enforced_and_mentors_are_exempt(space):
    person = PersonFactory()
    make_team(space, name="First", members=[person])
    lead = PersonFactory()
    second = make_team(space, lead, name="Second")
    invitation = services.team_invite(person=lead, team=second, invitee=person)
    with pytest.raises(ValidationError) as error:
        services.invitation_answer(person=person, invitation=invitation, accept=True)
    assert "already in the team “First”" in str(error.value)
    assert TeamInvitation.objects.get(pk=invitation.pk).status == InvitationStatus.PENDING
    as_mentor = services.team_invite(person=lead, team=second, invitee=PersonFactory())
    mentor = make_team(space, name="Third").members.get().person
    mentoring = services.team_invite(person=lead, team=second, invitee=mentor, role="mentor")
    assert services.invitation_answer(person=mentor, invitation=mentoring, accept=True).role == "mentor"
    assert as_mentor.status == InvitationStatus.PENDING


def test_several_teams_are_allowed_when_the_challenge_says_so():
    space, _staff = team_space(one_team_per_person=False)
    person = PersonFactory()
    make_team(space, name="First", members=[person])
    make_team(space, name="Second", members=[person])
    assert TeamMember.objects.filter(person=person).count() == 2


def test_a_full_team_refuses_another_member_but_not_a_mentor():
    space, _staff = team_space(team_max_size=2)
    lead = PersonFactory()
    team = make_team(space, lead, members=[PersonFactory()])
    invitation = services.team_invite(person=lead, team=team, invitee=PersonFactory())
    with pytest.raises(ValidationError) as error:
        services.invitation_answer(person=invitation.person, invitation=invitation, accept=True)
    assert "is full: teams have at most 2 members" in str(error.value)
    mentor = services.team_invite(person=lead, team=team, invitee=PersonFactory(), role="mentor")
    services.invitation_answer(person=mentor.person, invitation=mentor, accept=True)
    assert team.members.count() == 3


def test_joining_withdraws_the_persons_other_invitations(space):
    person = PersonFactory()
    lead_a, lead_b = PersonFactory(), PersonFactory()
    a, b = make_team(space, lead_a, name="Team A"), make_team(space, lead_b, name="Team B")
    first = services.team_invite(person=lead_a, team=a, invitee=person)
    second = services.team_invite(person=lead_b, team=b, invitee=person)
    services.invitation_answer(person=person, invitation=first, accept=True)
    assert TeamInvitation.objects.get(pk=second.pk).status == InvitationStatus.WITHDRAWN


def test_the_only_lead_hands_over_before_leaving(space):
    lead, member = PersonFactory(), PersonFactory()
    team = make_team(space, lead, members=[member])
    with pytest.raises(ValidationError) as error:
        services.team_leave(person=lead, team=team)
    assert "only lead" in str(error.value)
    services.team_member_role_change(person=lead, member=TeamMember.objects.get(person=member), role="lead")
    services.team_leave(person=lead, team=team)
    assert list(team.members.values_list("person_id", flat=True)) == [member.pk]


def test_the_last_lead_cannot_be_demoted(space):
    lead = PersonFactory()
    team = make_team(space, lead)
    with pytest.raises(ValidationError) as error:
        services.team_member_role_change(person=lead, member=team.members.get(), role="member")
    assert "needs a lead" in str(error.value)


def test_the_last_member_leaving_disbands_the_team(space):
    lead = PersonFactory()
    team = make_team(space, lead)
    pending = services.team_request_join(person=PersonFactory(), team=team)
    assert services.team_leave(person=lead, team=team) == []
    team.refresh_from_db()
    assert team.disbanded_at is not None
    assert TeamInvitation.objects.get(pk=pending.pk).status == InvitationStatus.WITHDRAWN


def test_leaving_reports_the_rules_the_team_then_misses(space):
    partner_rules(space)
    developer = person_with(expertise=["Digital technology"])
    nurse = person_with(organisation_kind="public_agency")
    team = make_team(space, developer, members=[nurse])
    assert services.team_composition_problems(team) == []
    problems = services.team_leave(person=nurse, team=team)
    assert [p.label for p in problems] == ["a public-service provider"]


def test_composition_is_enforced_for_entries_with_who_is_missing(space):
    partner_rules(space)
    team = make_team(space, person_with(expertise=["digital technology"]))
    with pytest.raises(ValidationError) as error:
        services.ensure_team_composition(team)
    assert "This team still needs: a public-service provider." in error.value.message_dict["team"][0]
    nurse = person_with(organisation_kind="public_agency")
    make_team_member = services.team_invite(person=team.members.get().person, team=team, invitee=nurse)
    services.invitation_answer(person=nurse, invitation=make_team_member, accept=True)
    services.ensure_team_composition(team)


def test_a_team_smaller_than_the_smallest_size_cannot_enter():
    space, _staff = team_space(team_min_size=2)
    lead = PersonFactory()
    team = make_team(space, lead)
    with pytest.raises(ValidationError) as error:
        services.ensure_team_composition(team, field="prototype")
    assert "at least 2 members to enter (it has 1" in error.value.message_dict["prototype"][0]
    make_team_member = services.team_invite(person=lead, team=team, invitee=PersonFactory())
    services.invitation_answer(person=make_team_member.person, invitation=make_team_member, accept=True)
    services.ensure_team_composition(team)


def test_mentors_do_not_count_for_composition_rules(space):
    partner_rules(space)
    lead = person_with(expertise=["Digital technology"])
    team = make_team(space, lead)
    mentor = person_with(organisation_kind="public_agency")
    invitation = services.team_invite(person=lead, team=team, invitee=mentor, role="mentor")
    services.invitation_answer(person=mentor, invitation=invitation, accept=True)
    assert [p.label for p in services.team_composition_problems(team)] == ["a public-service provider"]


def test_organisers_may_run_a_team_and_remove_members():
    space, staff = team_space()
    lead, member = PersonFactory(), PersonFactory()
    make_team(space, lead, members=[member])
    services.team_member_remove(person=staff, member=TeamMember.objects.get(person=member))
    assert not TeamMember.objects.filter(person=member).exists()
    with pytest.raises(PermissionDenied):
        services.team_member_remove(person=PersonFactory(), member=TeamMember.objects.get(person=lead))


def test_a_request_can_be_withdrawn_by_its_sender_only(space):
    team = make_team(space)
    asker = PersonFactory()
    request = services.team_request_join(person=asker, team=team)
    with pytest.raises(PermissionDenied):
        services.invitation_withdraw(person=PersonFactory(), invitation=request)
    services.invitation_withdraw(person=asker, invitation=request)
    with pytest.raises(ValidationError):
        services.invitation_answer(person=team.members.get().person, invitation=request, accept=True)


def test_the_board_keeps_one_entry_per_person(space):
    person = PersonFactory()
    services.seeker_add(person=person, space=space, note="first")
    services.seeker_add(person=person, space=space, note="second")
    assert list(TeamSeeker.objects.values_list("note", flat=True)) == ["second"]
    services.seeker_remove(person=person, space=space)
    with pytest.raises(ValidationError):
        services.seeker_remove(person=person, space=space)


def test_team_writes_bump_the_space_version(space):
    before = type(space).objects.get(pk=space.pk).version
    make_team(space)
    assert type(space).objects.get(pk=space.pk).version > before
    assert Team.objects.count() == 1


def test_a_persons_teams_invitations_and_board_entry_are_in_their_download_and_erased(space):
    from cocreate.accounts.personal_data import erasers, export_sections

    person = PersonFactory()
    make_team(space, name="Mine", members=[person])
    other = make_team(space, name="Other")
    services.team_request_join(person=PersonFactory(), team=other)
    invitation = services.team_invite(person=other.members.get().person, team=other, invitee=person, role="mentor")
    services.seeker_add(person=person, space=space, note="Also mentoring")
    sections = export_sections()
    assert [m["team"] for m in sections["team memberships"](person)] == ["Mine"]
    assert sections["team invitations and requests to join"](person)[0]["status"] == "pending"
    assert sections["looking for a team"](person)[0]["note"] == "Also mentoring"
    for erase in erasers():
        erase(person)
    assert not TeamSeeker.objects.filter(person=person).exists()
    assert TeamInvitation.objects.get(pk=invitation.pk).status == InvitationStatus.WITHDRAWN
