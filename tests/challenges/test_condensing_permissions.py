"""Condensing's activities × roles × the vote open or closed, through the one `can()`."""

import pytest
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import CondensedProposal
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.condensing_factories import condensed, idea, question
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "author", "organiser", "moderator", "evaluator"]
SIGNED_IN = ROLES[1:]

# activity: (roles allowed while the vote is open, roles allowed once it has closed)
CONDENSING_MATRIX = {
    "condense": (["organiser", "moderator"], ["organiser", "moderator"]),
    "vote_condensed": (SIGNED_IN, []),
    # Invitations follow the result, so they wait for the vote to close.
    "invite_co_design": ([], ["organiser"]),
}
TARGETS = {"condense": "proposal", "vote_condensed": "proposal", "invite_co_design": "space"}


@pytest.fixture
def cast(db):
    q = question()
    people = usual_people(q.space, q.staff)
    people["author"] = factories.PersonFactory()
    proposal = condensed(q, [idea(q, author=people["author"])])
    return q, proposal, people


@pytest.mark.parametrize("vote_open", [True, False], ids=["vote-open", "vote-closed"])
@pytest.mark.parametrize("activity", sorted(CONDENSING_MATRIX))
def test_condensing_matrix(cast, activity, vote_open):
    q, proposal, people = cast
    if not vote_open:
        close_phases(q.space)

    def target():
        if TARGETS[activity] == "space":
            return Space.objects.get(pk=q.space.pk)
        return CondensedProposal.objects.select_related("space").get(pk=proposal.pk)

    assert_allowed_exactly(activity, people, CONDENSING_MATRIX[activity][0 if vote_open else 1], target)


def test_a_withdrawn_proposal_cannot_be_voted_for(cast):
    _q, proposal, people = cast
    CondensedProposal.objects.filter(pk=proposal.pk).update(hidden_at=timezone.now())
    target = CondensedProposal.objects.select_related("space").get(pk=proposal.pk)
    decision = can(Person.objects.get(pk=people["participant"].pk), "vote_condensed", target)
    assert not decision and "withdrawn" in decision.reason


def test_vote_condensed_can_be_reserved_to_residents():
    from cocreate.spaces.registry import residency_activity_choices

    assert "vote_condensed" in dict(residency_activity_choices())
