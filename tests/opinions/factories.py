"""Spaces with an opinion map for the tests: statements and votes made through the services."""

from datetime import timedelta

from django.utils import timezone

from cocreate.opinions import services
from cocreate.opinions.models import Moderation, Statement
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, PhaseFactory, SpaceFactory

OPINION_ACTIVITIES = ["write_statement", "vote_statement"]


def opinion_space(**fields):
    """A public space whose open phase lets people write and vote on statements, and its organiser."""
    organisation = OrganisationFactory()
    staff = PersonFactory()
    MembershipFactory(person=staff, organisation=organisation, role="staff")
    space = SpaceFactory(organisations=[organisation], **fields)
    PhaseFactory(
        space=space,
        title="Tell us what you think",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=30),
        activities=OPINION_ACTIVITIES,
    )
    return space, staff


def seed(space, staff, *texts) -> list[Statement]:
    return [services.statement_seed(person=staff, space=space, text=text) for text in texts]


def statement(space, text="Buses should run all night.", moderation=Moderation.ACCEPTED) -> Statement:
    return Statement.objects.create(space=space, text=text, moderation=moderation)


def voters_in_two_camps(space, statements, per_camp=10) -> list:
    """Two camps: the first agrees with the first half of the statements and disagrees with the
    rest; the second the other way round. Everyone votes on every statement."""
    people = []
    half = len(statements) // 2
    for camp in (0, 1):
        for _ in range(per_camp):
            person = PersonFactory()
            people.append(person)
            for j, s in enumerate(statements):
                agree = (j < half) == (camp == 0)
                services.statement_vote(person=person, statement=s, choice="agree" if agree else "disagree")
    return people
