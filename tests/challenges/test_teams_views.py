"""The teams pages: the list (constant queries), a team's page for visitors, members and leads,
forming, asking to join, inviting, answering, roles, leaving with a warning, and the board."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreate.challenges.models import InvitationStatus, Team, TeamInvitation, TeamMember, TeamSeeker
from cocreate.challenges.services import teams as services
from tests.challenges.teams_factories import make_team, partner_rules, person_with, team_space
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def url(name, space, **kwargs):
    return reverse(f"challenges:{name}", kwargs={"slug": space.slug, **kwargs})


@pytest.fixture
def space():
    return team_space()[0]


def test_the_team_list_runs_a_constant_number_of_queries(client, space, django_assert_num_queries):
    partner_rules(space)
    for n in range(2):
        make_team(space, name=f"Team {n}", members=[PersonFactory()], skills_wanted="Design")
    client.get(url("teams_list", space))
    # versions, challenge + rules, teams, members, skills wanted, 3 × members' traits
    with django_assert_num_queries(9):
        assert client.get(url("teams_list", space)).status_code == 200
    for n in range(2, 10):
        make_team(space, name=f"Team {n}", members=[PersonFactory()], skills_wanted="Design")
    with django_assert_num_queries(9):
        response = client.get(url("teams_list", space))
    assert response.text.count("Still needs:") == 10


def test_forming_a_team_from_the_page(client, space):
    founder = PersonFactory()
    client.force_login(founder)
    assert "Form a team" in client.get(url("teams_list", space)).text
    response = client.post(url("teams_new", space), {"name": "Bus buddies", "skills_wanted": "Maps, Design"})
    team = Team.objects.get()
    assert response.status_code == 302 and response.url == url("teams_team", space, team_id=team.pk)
    page = client.get(response.url)
    assert "Run the team" in page.text and "Maps" in page.text


def test_a_name_already_taken_is_shown_on_the_form(client, space):
    make_team(space, name="Bus buddies")
    client.force_login(PersonFactory())
    response = client.post(url("teams_new", space), {"name": "Bus Buddies"})
    assert response.status_code == 200 and "already a team called" in response.text


def test_visitors_see_the_team_and_are_asked_to_sign_in_to_join(client, space):
    team = make_team(space, pitch="Buses that wait")
    page = client.get(url("teams_team", space, team_id=team.pk))
    assert page.status_code == 200 and "Buses that wait" in page.text
    assert "Sign in to join a team" in page.text and "Run the team" not in page.text


def test_asking_to_join_then_the_lead_accepts(client, space):
    lead, asker = PersonFactory(), PersonFactory()
    team = make_team(space, lead)
    client.force_login(asker)
    client.post(url("teams_join", space, team_id=team.pk), {"message": "I know the bus routes"})
    request = TeamInvitation.objects.get()
    assert "You asked to join this team" in client.get(url("teams_team", space, team_id=team.pk)).text
    client.force_login(lead)
    page = client.get(url("teams_team", space, team_id=team.pk))
    assert "I know the bus routes" in page.text
    client.post(url("teams_answer", space, invitation_id=request.pk), {"answer": "accept"})
    assert TeamMember.objects.filter(team=team, person=asker).exists()


def test_inviting_by_e_mail_and_accepting(client, space):
    lead, guest = PersonFactory(), PersonFactory()
    team = make_team(space, lead)
    client.force_login(lead)
    response = client.post(
        url("teams_invite", space, team_id=team.pk), {"email": "nobody@example.org", "role": "member"}
    )
    assert "No account uses this address" in response.text
    client.post(url("teams_invite", space, team_id=team.pk), {"email": guest.email.upper(), "role": "mentor"})
    invitation = TeamInvitation.objects.get()
    client.force_login(guest)
    assert "The team “Bus buddies” invites you" in client.get(url("teams_list", space)).text
    client.post(url("teams_answer", space, invitation_id=invitation.pk), {"answer": "accept"})
    assert TeamMember.objects.get(person=guest).role == "mentor"


def test_a_refused_join_shows_the_reason(client):
    space, _staff = team_space(team_max_size=1)
    lead = PersonFactory()
    team = make_team(space, lead)
    invitation = services.team_invite(person=lead, team=team, invitee=PersonFactory())
    client.force_login(invitation.person)
    response = client.post(url("teams_answer", space, invitation_id=invitation.pk), {"answer": "accept"}, follow=True)
    assert "is full" in response.text
    assert TeamInvitation.objects.get().status == InvitationStatus.PENDING


def test_leads_see_suggestions_from_the_board_and_invite_them(client, space):
    partner_rules(space)
    lead = person_with(expertise=["Digital technology"])
    team = make_team(space, lead, skills_wanted="User research")
    nurse = person_with(organisation_kind="public_agency", display_name="Nurse Nia")
    researcher = person_with(skills=["user research"], display_name="Researcher Rae")
    services.seeker_add(person=PersonFactory(display_name="Unrelated Uma"), space=space)
    services.seeker_add(person=researcher, space=space)
    services.seeker_add(person=nurse, space=space, note="I run the clinic")
    client.force_login(lead)
    page = client.get(url("teams_team", space, team_id=team.pk)).text
    assert "This team still needs: a public-service provider." in page
    assert page.index("Nurse Nia") < page.index("Researcher Rae") and "Unrelated Uma" not in page
    seeker = TeamSeeker.objects.get(person=nurse)
    client.post(url("teams_invite_seeker", space, team_id=team.pk, seeker_id=seeker.pk))
    assert TeamInvitation.objects.get().person == nurse


def test_leaving_warns_of_what_the_team_will_lack(client, space):
    partner_rules(space)
    developer = person_with(expertise=["Digital technology"])
    nurse = person_with(organisation_kind="public_agency")
    team = make_team(space, developer, members=[nurse])
    client.force_login(nurse)
    page = client.get(url("teams_leave", space, team_id=team.pk))
    assert "Without you: This team still needs: a public-service provider." in page.text
    response = client.post(url("teams_leave", space, team_id=team.pk))
    assert response.status_code == 302 and not TeamMember.objects.filter(person=nurse).exists()


def test_leads_change_roles_and_remove_members(client, space):
    lead, member = PersonFactory(), PersonFactory()
    team = make_team(space, lead, members=[member])
    membership = TeamMember.objects.get(person=member)
    client.force_login(lead)
    client.post(url("teams_role", space, team_id=team.pk, member_id=membership.pk), {"role": "lead"})
    assert TeamMember.objects.get(pk=membership.pk).role == "lead"
    client.post(url("teams_remove", space, team_id=team.pk, member_id=membership.pk))
    assert not TeamMember.objects.filter(pk=membership.pk).exists()
    client.force_login(PersonFactory())
    assert client.get(url("teams_edit", space, team_id=team.pk)).status_code == 403


def test_the_board_adds_and_removes_oneself_and_shows_teams_wanting_ones_skills(client, space):
    make_team(space, name="Mappers", skills_wanted="Maps")
    make_team(space, name="Bakers", skills_wanted="Baking")
    person = person_with(skills=["maps"], display_name="Map Max")
    client.force_login(person)
    client.post(url("teams_board", space), {"note": "I draw maps"})
    page = client.get(url("teams_board", space)).text
    assert "I draw maps" in page and "Teams that want your skills" in page
    assert "Mappers" in page and "Bakers" not in page
    client.post(url("teams_board", space), {"action": "remove"})
    assert not TeamSeeker.objects.exists()


def test_the_board_runs_a_constant_number_of_queries(client, space, django_assert_num_queries):
    for _ in range(2):
        services.seeker_add(person=person_with(skills=["maps"]), space=space)
    client.get(url("teams_board", space))
    with django_assert_num_queries(6):
        client.get(url("teams_board", space))
    for _ in range(8):
        services.seeker_add(person=person_with(skills=["maps"], expertise=["transport"]), space=space)
    with django_assert_num_queries(6):
        response = client.get(url("teams_board", space))
    assert "10 people" in response.text


def test_the_only_lead_is_asked_to_hand_over_before_leaving(client, space):
    lead = PersonFactory()
    team = make_team(space, lead, members=[PersonFactory()])
    client.force_login(lead)
    page = client.get(url("teams_leave", space, team_id=team.pk)).text
    assert "make another member lead before you leave" in page and "Leave the team</button>" not in page
    response = client.post(url("teams_leave", space, team_id=team.pk), follow=True)
    assert "only lead" in response.text and TeamMember.objects.filter(person=lead).exists()


def test_the_team_page_runs_a_constant_number_of_queries(client, space, django_assert_num_queries):
    partner_rules(space)
    lead = PersonFactory()
    team = make_team(space, lead, members=[PersonFactory()], skills_wanted="Design")
    services.seeker_add(person=person_with(skills=["design"]), space=space)
    client.force_login(lead)
    page = url("teams_team", space, team_id=team.pk)
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for _ in range(8):
        newcomer = person_with(skills=["x"], organisation_kind="charity")
        invitation = services.team_invite(person=lead, team=team, invitee=newcomer)
        services.invitation_answer(person=newcomer, invitation=invitation, accept=True)
        services.seeker_add(person=person_with(skills=["design"]), space=space)
        services.team_request_join(person=PersonFactory(), team=team)
    with django_assert_num_queries(len(few)):
        response = client.get(page)
    assert response.text.count("asks to join") == 8 and response.text.count("Invite to the team") == 9
