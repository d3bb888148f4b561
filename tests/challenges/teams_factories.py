"""Helpers for the teams and set-up tests: people with skills, expertise and organisations;
a team formed through the service; a team space open for forming and joining teams."""

from cocreate.accounts.models import FieldOfExpertise, Membership, Skill
from cocreate.challenges.models import Challenge, CompositionRule
from cocreate.challenges.services import teams as services
from tests.challenges.factories import challenge_space
from tests.factories import OrganisationFactory, PersonFactory

TEAM_ACTIVITIES = ("form_team", "join_team")


def team_space(*, activities=TEAM_ACTIVITIES, **settings):
    """A challenge space open for forming and joining teams, and its staff member; `settings`
    change the challenge (team_max_size=3, one_team_per_person=False…)."""
    space, staff = challenge_space(template="partnered", activities=activities)
    if settings:
        Challenge.objects.filter(space=space).update(**settings)
    return space, staff


def person_with(*, skills=(), expertise=(), organisation_kind: str | None = None, **fields):
    person = PersonFactory(**fields)
    person.skills.set([Skill.objects.get_or_create(name=name)[0] for name in skills])
    person.expertise.set([FieldOfExpertise.objects.get_or_create(name=name)[0] for name in expertise])
    if organisation_kind:
        Membership.objects.create(person=person, organisation=OrganisationFactory(kind=organisation_kind))
    return person


def make_team(space, lead=None, *, name="Bus buddies", members=(), **fields):
    """A team formed by `lead` (a new person by default) with `members` added as members."""
    lead = lead or PersonFactory()
    team = services.team_create(person=lead, space=space, name=name, **fields)
    for member in members:
        invitation = services.team_invite(person=lead, team=team, invitee=member)
        services.invitation_answer(person=member, invitation=invitation, accept=True)
    return team


def partner_rules(space):
    """Reboot Britain's rules: a digital specialist and a public-service provider."""
    challenge = Challenge.objects.get(space=space)
    CompositionRule.objects.create(
        challenge=challenge, label="a digital specialist", match="expertise", value="Digital technology"
    )
    CompositionRule.objects.create(
        challenge=challenge, label="a public-service provider", match="organisation_kind", value="public_agency"
    )
    return challenge
