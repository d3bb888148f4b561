"""Challenges for the tests: a challenge space run by a public agency, with one phase open now
for the activities a test needs, and one of the agency's staff."""

from datetime import timedelta

from django.utils import timezone

from cocreate.accounts.models import Membership, Person
from cocreate.challenges.models import Challenge
from cocreate.spaces.models import Phase, Space
from tests.factories import OrganisationFactory, PersonFactory, SpaceFactory


def challenge_space(
    *, template: str = "competition", activities: tuple[str, ...] = (), **fields
) -> tuple[Space, Person]:
    """A public challenge space (with its Challenge) whose one phase, open now, enables
    `activities`; and a staff member of the organisation running it (an organiser)."""
    organisation = OrganisationFactory(kind="public_agency")
    space = SpaceFactory(kind="challenge", organisations=[organisation], **fields)
    Challenge.objects.update_or_create(space=space, defaults={"template": template})
    now = timezone.now()
    Phase.objects.create(
        space=space,
        title="Open now",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=30),
        activities=list(activities),
    )
    staff = PersonFactory()
    Membership.objects.create(person=staff, organisation=organisation, role="staff")
    return Space.objects.get(pk=space.pk), staff
