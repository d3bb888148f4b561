"""The teams API: list teams and read one (what it still needs), ask to join one; form a team,
invite by e-mail, answer invitations and requests, change roles, remove members, leave; the
"looking for a team" board. Refusals with the reason, bad input with the field."""

import pytest

from cocreate.accounts.models import Person
from cocreate.challenges.models import Challenge, TeamInvitation
from cocreate.challenges.services import teams as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.teams_factories import make_team, partner_rules, person_with, team_space
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    space, _staff = team_space()
    partner_rules(space)
    return space


def test_teams_are_public_with_members_and_what_they_still_need(visitor, space):
    team = make_team(space, person_with(expertise=["Digital technology"], display_name="Dev Dana"), pitch="Buses")
    listed = visitor.get(f"/spaces/{space.slug}/teams").json()
    assert [t["id"] for t in listed] == [team.pk]
    assert [m | {"id": None} for m in listed[0]["members"]] == [{"id": None, "name": "Dev Dana", "role": "lead"}]
    assert listed[0]["still_needs"] == ["a public-service provider"]
    one = visitor.get(f"/spaces/{space.slug}/teams/{team.pk}").json()
    assert one["pitch"] == "Buses" and one["url"].endswith(f"/spaces/{space.slug}/teams/{team.pk}/")
    assert visitor.get(f"/spaces/{space.slug}/teams/999999").status_code == 404


def test_the_team_list_runs_a_constant_number_of_queries(visitor, space):
    for n in range(2):
        make_team(space, name=f"Team {n}", members=[PersonFactory()], skills_wanted="Maps")
    path = f"/spaces/{space.slug}/teams"
    few = count_queries(lambda: visitor.get(path))
    for n in range(2, 10):
        make_team(space, name=f"Team {n}", members=[PersonFactory()], skills_wanted="Maps")
    assert count_queries(lambda: visitor.get(path)) == few


def test_asking_to_join_through_the_api(api_as, space):
    team = make_team(space)
    asker = PersonFactory()
    client = api_as(asker)
    response = client.post(f"/spaces/{space.slug}/teams/{team.pk}/join-requests", {"message": "I do maps"})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "pending" and response.json()["team"] == team.pk
    again = client.post(f"/spaces/{space.slug}/teams/{team.pk}/join-requests", {})
    assert_error(again, 422, "message")
    assert TeamInvitation.objects.get().message == "I do maps"


def test_visitors_must_sign_in_to_ask(visitor, space):
    team = make_team(space)
    assert visitor.post(f"/spaces/{space.slug}/teams/{team.pk}/join-requests", {}).status_code == 401


# --- Forming and running teams ------------------------------------------------------------------


def _team_path(team, rest=""):
    return f"/spaces/{team.space.slug}/teams/{team.pk}{rest}"


def test_forming_a_team_makes_you_its_lead(api_as, space):
    founder = person_with(expertise=["Digital technology"], display_name="Dev Dana")
    body = {"name": "Night owls", "pitch": "Night buses", "skills_wanted": ["Maps", "Design"]}
    response = api_as(founder).post(f"/spaces/{space.slug}/teams", body)
    assert response.status_code == 201, response.content
    team = response.json()
    assert team["members"][0]["name"] == "Dev Dana" and team["members"][0]["role"] == "lead"
    assert sorted(team["skills_wanted"]) == ["Design", "Maps"]
    assert team["still_needs"] == ["a public-service provider"]
    assert_error(api_as(PersonFactory()).post(f"/spaces/{space.slug}/teams", {"name": "Night Owls"}), 422, "name")
    assert_error(api_as(PersonFactory()).post(f"/spaces/{space.slug}/teams", {"name": "x"}), 422, "name")


def test_forming_a_team_is_refused_while_teams_are_not_forming(api_as, visitor):
    closed, _staff = team_space(activities=())
    assert_error(api_as(PersonFactory()).post(f"/spaces/{closed.slug}/teams", {"name": "Night owls"}), 403)
    assert visitor.post(f"/spaces/{closed.slug}/teams", {"name": "Night owls"}).status_code == 401


def test_leads_change_their_team(api_as, space):
    lead = PersonFactory()
    team = make_team(space, lead)
    response = api_as(lead).patch(_team_path(team), {"pitch": "Faster buses", "looking_for_members": False})
    assert response.status_code == 200, response.content
    assert response.json()["pitch"] == "Faster buses" and response.json()["looking_for_members"] is False
    assert response.json()["name"] == "Bus buddies"
    assert_error(api_as(PersonFactory()).patch(_team_path(team), {"pitch": "Mine"}), 403, detail="Only the team's")
    assert_error(api_as(lead).patch(_team_path(team), {"name": "B"}), 422, "name")


def test_inviting_by_email_and_the_invited_person_accepts(api_as, space):
    lead, invitee = PersonFactory(), PersonFactory(email="ann@example.org", display_name="Ann")
    team = make_team(space, lead)
    response = api_as(lead).post(_team_path(team, "/invitations"), {"email": "ANN@example.org", "message": "Join!"})
    assert response.status_code == 201, response.content
    assert response.json()["person"] == "Ann" and response.json()["direction"] == "invitation"
    assert [i["id"] for i in api_as(lead).get(_team_path(team, "/invitations")).json()] == [response.json()["id"]]
    mine = api_as(invitee).get(f"/spaces/{space.slug}/team-invitations").json()
    assert [i["team_name"] for i in mine] == ["Bus buddies"]
    answered = api_as(invitee).post(f"/spaces/{space.slug}/team-invitations/{mine[0]['id']}/answer", {"accept": True})
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    assert "Ann" in [m["name"] for m in api_as(invitee).get(_team_path(team)).json()["members"]]


def test_inviting_is_for_leads_and_checks_the_address(api_as, space):
    lead, member = PersonFactory(), PersonFactory(email="bob@example.org")
    team = make_team(space, lead, members=[member])
    refused = api_as(member).post(_team_path(team, "/invitations"), {"email": "x@example.org"})
    assert_error(refused, 403, detail="Only the team's leads")
    assert_error(api_as(member).get(_team_path(team, "/invitations")), 403)
    assert_error(api_as(lead).post(_team_path(team, "/invitations"), {"email": "nobody@example.org"}), 422, "email")
    assert_error(api_as(lead).post(_team_path(team, "/invitations"), {"email": "bob@example.org"}), 422, "email")
    assert_error(api_as(lead).post(_team_path(team, "/invitations"), {"email": "b", "role": "boss"}), 422, "role")


def test_leads_answer_requests_and_only_the_invited_answer_invitations(api_as, space):
    lead, asker, stranger = PersonFactory(), PersonFactory(), PersonFactory(email="c@example.org")
    team = make_team(space, lead)
    request_id = api_as(asker).post(_team_path(team, "/join-requests"), {}).json()["id"]
    answer = f"/spaces/{space.slug}/team-invitations/{request_id}/answer"
    assert_error(api_as(asker).post(answer, {"accept": True}), 403, detail="Only the team's leads")
    assert_error(api_as(lead).post(answer, {}), 422, "accept")
    declined = api_as(lead).post(answer, {"accept": False})
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    invitation_id = api_as(lead).post(_team_path(team, "/invitations"), {"email": "c@example.org"}).json()["id"]
    other_answer = f"/spaces/{space.slug}/team-invitations/{invitation_id}/answer"
    assert_error(api_as(asker).post(other_answer, {"accept": True}), 403, detail="Only the person invited")
    assert api_as(stranger).delete(f"/spaces/{space.slug}/team-invitations/{invitation_id}").status_code == 403
    assert api_as(lead).delete(f"/spaces/{space.slug}/team-invitations/{invitation_id}").status_code == 204
    assert_error(api_as(lead).delete(f"/spaces/{space.slug}/team-invitations/{invitation_id}"), 422)
    assert api_as(lead).delete(f"/spaces/{space.slug}/team-invitations/999999").status_code == 404


def _member_id(client, team, name):
    return next(m["id"] for m in client.get(_team_path(team)).json()["members"] if m["name"] == name)


def test_leads_change_roles_and_remove_members(api_as, space):
    lead, member = PersonFactory(display_name="Lee"), PersonFactory(display_name="Mo")
    team = make_team(space, lead, members=[member])
    api = api_as(lead)
    mo, lee = _member_id(api, team, "Mo"), _member_id(api, team, "Lee")
    assert_error(api_as(member).patch(_team_path(team, f"/members/{lee}"), {"role": "member"}), 403)
    assert_error(api.patch(_team_path(team, f"/members/{lee}"), {"role": "member"}), 422, "role")
    assert_error(api.patch(_team_path(team, f"/members/{mo}"), {"role": "boss"}), 422, "role")
    changed = api.patch(_team_path(team, f"/members/{mo}"), {"role": "mentor"})
    assert changed.status_code == 200 and changed.json() == {"id": mo, "name": "Mo", "role": "mentor"}
    assert_error(api_as(member).delete(_team_path(team, f"/members/{lee}")), 403)
    assert_error(api.delete(_team_path(team, f"/members/{lee}")), 422, detail="Leave this team")
    removed = api.delete(_team_path(team, f"/members/{mo}"))
    assert removed.status_code == 200
    assert removed.json() == {"team_now_lacks": ["a digital specialist", "a public-service provider"]}
    assert api.delete(_team_path(team, f"/members/{mo}")).status_code == 404


def test_leaving_says_what_the_team_then_lacks(api_as, space):
    lead = person_with(expertise=["Digital technology"])
    provider = person_with(organisation_kind="public_agency")
    team = make_team(space, lead, members=[provider])
    assert_error(api_as(PersonFactory()).delete(_team_path(team, "/membership")), 403, detail="not a member")
    assert_error(api_as(lead).delete(_team_path(team, "/membership")), 422, detail="only lead")
    left = api_as(provider).delete(_team_path(team, "/membership"))
    assert left.status_code == 200 and left.json() == {"team_now_lacks": ["a public-service provider"]}


def test_the_board_add_change_list_and_remove(api_as, visitor, space):
    seeker = person_with(skills=["Maps"], display_name="Sam")
    api = api_as(seeker)
    added = api.put(f"/spaces/{space.slug}/board/me", {"note": "I draw maps"})
    assert added.status_code == 201 and added.json()["skills"] == ["Maps"]
    changed = api.put(f"/spaces/{space.slug}/board/me", {"note": "I draw bus maps"})
    assert changed.status_code == 200 and changed.json()["note"] == "I draw bus maps"
    listed = visitor.get(f"/spaces/{space.slug}/board").json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == "Sam"
    assert api.delete(f"/spaces/{space.slug}/board/me").status_code == 204
    assert_error(api.delete(f"/spaces/{space.slug}/board/me"), 422, detail="not on the board")
    assert_error(api.put(f"/spaces/{space.slug}/board/me", {"note": "a\u0000b"}), 422, "note")
    assert visitor.put(f"/spaces/{space.slug}/board/me", {}).status_code == 401


def test_the_board_runs_a_constant_number_of_queries(visitor, space):
    for _ in range(2):
        services.seeker_add(person=person_with(skills=["Maps"], expertise=["Transport"]), space=space)
    path = f"/spaces/{space.slug}/board"
    few = count_queries(lambda: visitor.get(path))
    for _ in range(8):
        services.seeker_add(person=person_with(skills=["Maps"], expertise=["Transport"]), space=space)
    assert count_queries(lambda: visitor.get(path)) == few


def test_teams_end_to_end_through_the_api(api_as, space):
    """Staff set the rules; people form a team, find each other on the board, join, and the
    team meets the rules; then someone leaves and the team is told what it lacks."""
    challenge = Challenge.objects.get(space=space)
    staff = next(p for p in Person.objects.filter(memberships__organisation__spaces=space))
    api_as(staff).patch(f"/spaces/{space.slug}/challenge", {"team_max_size": 3})
    dana = person_with(expertise=["Digital technology"], display_name="Dana")
    pat = person_with(organisation_kind="public_agency", display_name="Pat", email="pat@example.org")
    team = api_as(dana).post(f"/spaces/{space.slug}/teams", {"name": "Night owls"}).json()
    assert team["still_needs"] == ["a public-service provider"]
    api_as(pat).put(f"/spaces/{space.slug}/board/me", {"note": "I run the bus service"})
    board = api_as(dana).get(f"/spaces/{space.slug}/board").json()["items"]
    assert [s["name"] for s in board] == ["Pat"]
    invitation = api_as(dana).post(f"/spaces/{space.slug}/teams/{team['id']}/invitations", {"email": "pat@example.org"})
    api_as(pat).post(f"/spaces/{space.slug}/team-invitations/{invitation.json()['id']}/answer", {"accept": True})
    now = api_as(pat).get(f"/spaces/{space.slug}/teams/{team['id']}").json()
    assert now["still_needs"] == [] and api_as(pat).get(f"/spaces/{space.slug}/board").json()["count"] == 0
    left = api_as(pat).delete(f"/spaces/{space.slug}/teams/{team['id']}/membership").json()
    assert left == {"team_now_lacks": ["a public-service provider"]}
    assert challenge.team_max_size is None  # the object read before; the API changed the row
    assert Challenge.objects.get(space=space).team_max_size == 3
