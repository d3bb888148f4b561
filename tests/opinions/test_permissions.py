"""Opinion map activities × roles × the phase open or closed, through the one `can()`."""

import pytest

from cocreate.opinions import services
from cocreate.opinions.models import Moderation, Statement
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
from tests.opinions.factories import opinion_space

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "author"]
SIGNED_IN = ["participant", "organiser", "moderator", "evaluator", "author"]

# activity: (roles allowed while the phase is open, roles allowed once it has closed)
OPINIONS_MATRIX = {
    "write_statement": (SIGNED_IN, []),
    "vote_statement": (SIGNED_IN, []),  # its author too: writing a statement is not voting on it
    "moderate_statements": (["organiser", "moderator"], ["organiser", "moderator"]),
    "seed_statements": (["organiser", "moderator"], ["organiser", "moderator"]),
}
# What each activity is asked about: the space, or the author's accepted statement (as the services do).
STATEMENT_TARGETED = {"vote_statement", "moderate_statements"}


@pytest.fixture
def cast():
    space, staff = opinion_space()
    space = Space.objects.get(pk=space.pk)
    author = factories.PersonFactory()
    people = {**usual_people(space, staff), "author": author}
    written = services.statement_write(person=author, space=space, text="The night buses should run every hour.")
    services.statement_moderate(person=staff, statement=written, moderation=Moderation.ACCEPTED)
    return space, written.pk, people


def _target(activity: str, space, statement_id: int):
    if activity in STATEMENT_TARGETED:
        return Statement.objects.select_related("space").get(pk=statement_id)
    return Space.objects.get(pk=space.pk)


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(OPINIONS_MATRIX))
def test_opinions_matrix(cast, activity, phase_open):
    space, statement_id, people = cast
    if not phase_open:
        close_phases(space)
    assert set(people) == set(ROLES)
    allowed = OPINIONS_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: _target(activity, space, statement_id))


@pytest.mark.parametrize("moderation", [Moderation.AWAITING, Moderation.MODERATED_OUT])
def test_a_statement_not_accepted_cannot_be_voted_on_by_anyone(cast, moderation):
    space, statement_id, people = cast
    Statement.objects.filter(pk=statement_id).update(moderation=moderation)
    for role, person in people.items():
        decision = can(person, "vote_statement", _target("vote_statement", space, statement_id))
        assert not decision and decision.reason, role
    assert can(people["moderator"], "moderate_statements", _target("moderate_statements", space, statement_id))
