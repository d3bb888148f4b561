"""A team never grows past the challenge's largest size, and a person never joins two teams
when the challenge allows one, however many accept at the same moment: joins lock the
challenge's row."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from cocreate.challenges.models import TeamMember
from cocreate.challenges.services import teams as services
from tests.budgets.test_concurrency import _at_once
from tests.challenges.teams_factories import make_team, team_space
from tests.factories import PersonFactory

# On SQLite one writer runs at a time by design; this runs on PostgreSQL (as the budgets' test).
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.mark.django_db(transaction=True)
def test_people_accepting_the_last_place_at_once_fill_it_once():
    space, _staff = team_space(team_max_size=2)
    lead = PersonFactory()
    team = make_team(space, lead)
    invitations = [services.team_invite(person=lead, team=team, invitee=PersonFactory()) for _ in range(4)]
    outcomes = _at_once(
        [
            lambda i=invitation: services.invitation_answer(person=i.person, invitation=i, accept=True)
            for invitation in invitations
        ]
    )
    assert all(not isinstance(o, Exception) or isinstance(o, ValidationError) for o in outcomes), outcomes
    assert TeamMember.objects.filter(team=team).count() == 2


@pytest.mark.django_db(transaction=True)
def test_one_person_accepting_two_teams_at_once_joins_one():
    space, _staff = team_space()
    person = PersonFactory()
    leads = [PersonFactory(), PersonFactory()]
    teams = [make_team(space, lead, name=f"Team {n}") for n, lead in enumerate(leads)]
    invitations = [
        services.team_invite(person=lead, team=t, invitee=person) for lead, t in zip(leads, teams, strict=False)
    ]
    _at_once([lambda i=i: services.invitation_answer(person=person, invitation=i, accept=True) for i in invitations])
    assert TeamMember.objects.filter(person=person).count() == 1


if not ON_POSTGRESQL:  # not a skip: on SQLite the tests do not exist
    del test_people_accepting_the_last_place_at_once_fill_it_once
    del test_one_person_accepting_two_teams_at_once_joins_one
