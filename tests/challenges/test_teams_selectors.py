"""Reads about teams: what each team still needs, suggestions from the board, teams wanting a
person's skills; each in a constant number of queries."""

import pytest

from cocreate.challenges.models import Challenge
from cocreate.challenges.selectors import teams as selectors
from cocreate.challenges.selectors.setup import challenge_of
from cocreate.challenges.services import teams as services
from cocreate.spaces.models import Space
from tests.challenges.teams_factories import make_team, partner_rules, person_with, team_space
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    space, _staff = team_space()
    partner_rules(space)
    return Space.objects.get(pk=space.pk)


def test_a_team_needs_the_skills_no_member_has_and_its_unmet_rules(space):
    lead = person_with(skills=["Python"], expertise=["Digital technology"])
    team = make_team(space, lead, skills_wanted="python, Design")
    challenge = challenge_of(space=space)
    loaded = selectors.team_for_page(space=space, challenge=challenge, team_id=team.pk)
    assert loaded.needs.skills == {"design"}
    assert [r.label for r in loaded.needs.rules] == ["a public-service provider"]
    assert [s.label for s in loaded.shortfalls] == ["a public-service provider"]


def test_suggestions_leave_out_people_already_in_a_team(space):
    team = make_team(space, person_with(expertise=["Digital technology"]))
    taken = person_with(organisation_kind="public_agency")
    make_team(space, name="Other team", members=[taken])
    services.seeker_add(person=taken, space=space)  # still on the board by mistake
    free = person_with(organisation_kind="public_agency")
    services.seeker_add(person=free, space=space)
    challenge = challenge_of(space=space)
    loaded = selectors.team_for_page(space=space, challenge=challenge, team_id=team.pk)
    assert [s.seeker.person for s in selectors.suggested_people(team=loaded, challenge=challenge)] == [free]
    Challenge.objects.filter(space=space).update(one_team_per_person=False)
    challenge = challenge_of(space=space)
    suggested = [s.seeker.person for s in selectors.suggested_people(team=loaded, challenge=challenge)]
    assert suggested == [taken, free]


def test_suggestions_run_a_constant_number_of_queries(space, django_assert_num_queries):
    team = make_team(space, person_with(expertise=["Digital technology"]), skills_wanted="Design")
    challenge = challenge_of(space=space)
    loaded = selectors.team_for_page(space=space, challenge=challenge, team_id=team.pk)
    for _ in range(2):
        services.seeker_add(person=person_with(skills=["design"], organisation_kind="public_agency"), space=space)
    # board (3), people in teams, traits (3)
    with django_assert_num_queries(7):
        assert len(selectors.suggested_people(team=loaded, challenge=challenge)) == 2
    for _ in range(8):
        services.seeker_add(person=person_with(skills=["design"]), space=space)
    with django_assert_num_queries(7):
        assert len(selectors.suggested_people(team=loaded, challenge=challenge)) == 10


def test_teams_wanting_a_person_leave_out_closed_teams_and_their_own(space):
    lead = PersonFactory()
    closed = make_team(space, lead, name="Closed", skills_wanted="Maps")
    services.team_update(person=lead, team=closed, looking_for_members=False)
    make_team(space, name="Open", skills_wanted="Maps")
    person = person_with(skills=["maps"])
    own = make_team(space, person, name="Own", skills_wanted="Maps")
    challenge = challenge_of(space=space)
    wanting = selectors.teams_wanting(person=person, space=space, challenge=challenge)
    assert [w.team.name for w in wanting] == ["Open"]
    assert own.pk not in [w.team.pk for w in wanting]


def test_the_team_page_reads_in_a_constant_number_of_queries(space, django_assert_num_queries):
    lead = PersonFactory()
    team = make_team(space, lead, members=[PersonFactory()])
    challenge = challenge_of(space=space)
    # team, members, skills wanted, traits (3)
    with django_assert_num_queries(6):
        selectors.team_for_page(space=space, challenge=challenge, team_id=team.pk)
    services.team_update(person=lead, team=team, skills_wanted="a, b, c")
    for _ in range(8):
        newcomer = person_with(skills=["x"], expertise=["y"], organisation_kind="charity")
        invitation = services.team_invite(person=lead, team=team, invitee=newcomer)
        services.invitation_answer(person=newcomer, invitation=invitation, accept=True)
    with django_assert_num_queries(6):
        loaded = selectors.team_for_page(space=space, challenge=challenge, team_id=team.pk)
    assert len(loaded.members.all()) == 10
