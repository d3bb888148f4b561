"""The teams API: list teams and read one (what it still needs), ask to join one."""

import pytest

from cocreate.challenges.models import TeamInvitation
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
    assert listed[0]["members"] == [{"name": "Dev Dana", "role": "lead"}]
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
