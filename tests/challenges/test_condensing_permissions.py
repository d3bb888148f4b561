"""Condensing's activities × roles × the vote open or closed, through the one `can()`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import CondensedProposal
from cocreate.spaces.models import Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.condensing_factories import condensed, idea, question

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
    organisation = q.space.organisations.get()
    people = {"visitor": AnonymousUser(), "organiser": q.staff}
    for role in ("participant", "author", "moderator", "evaluator"):
        people[role] = factories.PersonFactory()
    factories.MembershipFactory(person=people["moderator"], organisation=organisation, role="moderator")
    SpaceRole.objects.create(space=q.space, person=people["evaluator"], role="evaluator")
    proposal = condensed(q, [idea(q, author=people["author"])])
    return q, proposal, people


@pytest.mark.parametrize("vote_open", [True, False], ids=["vote-open", "vote-closed"])
@pytest.mark.parametrize("activity", sorted(CONDENSING_MATRIX))
def test_condensing_matrix(cast, activity, vote_open):
    q, proposal, people = cast
    if not vote_open:
        factories.change_phases(
            q.space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    when_open, when_closed = CONDENSING_MATRIX[activity]
    allowed = set(when_open if vote_open else when_closed)
    for role, person in people.items():
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        if TARGETS[activity] == "space":
            target = Space.objects.get(pk=q.space.pk)
        else:
            target = CondensedProposal.objects.select_related("space").get(pk=proposal.pk)
        decision = can(fresh, activity, target)
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"


def test_a_withdrawn_proposal_cannot_be_voted_for(cast):
    _q, proposal, people = cast
    CondensedProposal.objects.filter(pk=proposal.pk).update(hidden_at=timezone.now())
    target = CondensedProposal.objects.select_related("space").get(pk=proposal.pk)
    decision = can(Person.objects.get(pk=people["participant"].pk), "vote_condensed", target)
    assert not decision and "withdrawn" in decision.reason


def test_vote_condensed_can_be_reserved_to_residents():
    from cocreate.spaces.registry import residency_activity_choices

    assert "vote_condensed" in dict(residency_activity_choices())
