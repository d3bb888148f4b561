"""Teams, partners and prototypes for the support and recognition tests."""

from cocreate.accounts.models import Membership
from cocreate.challenges.models import Prototype, SupportKind, Team, TeamMember
from cocreate.challenges.models.support import built_in_support_kinds
from tests.factories import OrganisationFactory, PersonFactory

SUPPORT_ACTIVITIES = ("ask_for_support", "offer_support")


def team_with_members(space, name="Bus buddies", members=2, mentor=False, **person_fields) -> tuple[Team, list]:
    """A team of `members` people (the first is its lead), and a mentor if asked for."""
    team = Team.objects.create(space=space, name=name)
    people = []
    for i in range(members):
        person = PersonFactory(**person_fields)
        TeamMember.objects.create(team=team, person=person, role="lead" if i == 0 else "member")
        people.append(person)
    if mentor:
        person = PersonFactory()
        TeamMember.objects.create(team=team, person=person, role="mentor")
        people.append(person)
    return team, people


def partner(kind="funder"):
    """A member of staff of a partner organisation (not running the space) and the organisation."""
    organisation = OrganisationFactory(kind=kind) if kind else OrganisationFactory()
    person = PersonFactory()
    Membership.objects.create(person=person, organisation=organisation, role="staff")
    return person, organisation


def prototype(space, team, title="Bus buddy app") -> Prototype:
    return Prototype.objects.create(space=space, team=team, title=title, summary="An app pairing riders.")


def kind(code="mentoring") -> SupportKind:
    return built_in_support_kinds()[code]
