"""Reads about a challenge's set-up."""

import pytest
from django.http import Http404

from cocreate.challenges.selectors.setup import challenge_of, dataset_for_page, dataset_list
from cocreate.challenges.services import setup as services
from tests.challenges.factories import challenge_space
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_a_space_that_is_not_a_challenge_has_no_challenge():
    with pytest.raises(Http404):
        challenge_of(space=SpaceFactory(kind="budget"))


def test_datasets_are_listed_by_title_and_found_only_in_their_challenge():
    space, staff = challenge_space(template="hackathon")
    other, other_staff = challenge_space(template="hackathon")
    challenge, elsewhere = challenge_of(space=space), challenge_of(space=other)
    for title in ("Trees", "Bus stops"):
        services.dataset_add(person=staff, challenge=challenge, title=title, licence="OGL", url="https://x.example.org")
    foreign = services.dataset_add(
        person=other_staff, challenge=elsewhere, title="Parks", licence="OGL", url="https://x.example.org"
    )
    assert [d.title for d in dataset_list(challenge=challenge)] == ["Bus stops", "Trees"]
    with pytest.raises(Http404):
        dataset_for_page(challenge=challenge, dataset_id=foreign.pk)
