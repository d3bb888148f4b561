"""Reads about recognition: the recognition that fits each motivation, suggestions for team
members, published prizes only, and certificates found by reference."""

import pytest
from django.http import Http404

from cocreate.challenges.models import Prize
from cocreate.challenges.selectors import recognition as selectors
from cocreate.challenges.services import recognition as services
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import team_with_members

pytestmark = pytest.mark.django_db


def test_fitting_recognition_follows_motivations():
    assert selectors.fitting_recognition(["portfolio"]) == ["certificate"]
    assert selectors.fitting_recognition(["community_impact", "portfolio"]) == ["certificate", "public_credit"]
    assert selectors.fitting_recognition(["spin_out", "commercial_viability"]) == []


def test_suggestions_list_each_member_with_what_fits_and_what_they_already_have(django_assert_num_queries):
    space, staff = challenge_space()
    _team, (student,) = team_with_members(space, members=1, motivations=["portfolio"])
    _team2, (neighbour,) = team_with_members(space, name="Street team", members=1, motivations=["community_impact"])
    services.recognition_award(
        person=staff, space=space, kind="certificate", citation="Built the prototype.", recipient=student
    )
    with django_assert_num_queries(2):
        rows = {row.member.person_id: row for row in selectors.recognition_suggestions(space=space)}
    assert rows[student.pk].kinds == ["certificate"] and rows[student.pk].already == {"certificate"}
    assert rows[neighbour.pk].kinds == ["public_credit"] and rows[neighbour.pk].already == set()


def test_only_awarded_prizes_are_published():
    space, staff = challenge_space()
    team, _people = team_with_members(space)
    services.prize_award(person=staff, space=space, title="Best prototype", amount="100", team=team)
    Prize.objects.create(space=space, title="Not yet", amount=50, team=team)
    assert [p.title for p in selectors.published_prizes(space=space)] == ["Best prototype"]


def test_a_reference_that_is_not_one_is_not_found():
    space, _staff = challenge_space()
    with pytest.raises(Http404):
        selectors.recognition_by_reference(space=space, reference="nonsense")
