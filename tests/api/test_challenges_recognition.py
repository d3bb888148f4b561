"""The recognition API: published prizes and public credits, never certificates."""

import pytest

from cocreate.challenges.models import Prize
from cocreate.challenges.services import recognition as services
from tests.api.api_client import count_queries
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import partner, team_with_members

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
