"""Reads about teams: a space's teams with their members and what each still needs, one team,
pending invitations and requests, the "looking for a team" board and its suggestions. Each runs
a fixed number of queries whatever the number of teams, members or people on the board."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cocreate.accounts.models import Membership, Person
from cocreate.algorithms.team_composition import Rule, Shortfall, Traits, unmet_rules
from cocreate.algorithms.team_suggestions import Match, Needs, suggest_people, suggest_teams
from cocreate.challenges.models import (
    Challenge,
    InvitationStatus,
    Team,
    TeamInvitation,
    TeamMember,
    TeamRole,
    TeamSeeker,
)
from cocreate.spaces.models import Space

SUGGESTIONS_SHOWN = 10


def traits_of(person_ids: Iterable[int]) -> dict[int, Traits]:
    """Each person's skills, fields of expertise and kinds of organisations (three queries)."""
    ids = set(person_ids)
    skills, expertise, kinds = defaultdict(set), defaultdict(set), defaultdict(set)
    if ids:
        for pk, name in Person.skills.through.objects.filter(person_id__in=ids).values_list("person_id", "skill__name"):
            skills[pk].add(name)
        for pk, name in Person.expertise.through.objects.filter(person_id__in=ids).values_list(
            "person_id", "fieldofexpertise__name"
        ):
            expertise[pk].add(name)
        for pk, kind in Membership.objects.filter(person_id__in=ids).values_list("person_id", "organisation__kind"):
            kinds[pk].add(kind)
    return {pk: Traits.of(skills=skills[pk], expertise=expertise[pk], organisation_kinds=kinds[pk]) for pk in ids}


def rules_of(challenge: Challenge) -> list[Rule]:
    return [Rule(r.label, r.minimum, r.match, r.value) for r in challenge.composition_rules.all()]


def counted_members(team: Team) -> list[TeamMember]:
    """Members counted for sizes and composition rules: everyone but mentors."""
    return [m for m in team.members.all() if m.role != TeamRole.MENTOR]


def shortfalls(team: Team, rules: list[Rule], traits: dict[int, Traits]) -> list[Shortfall]:
    return unmet_rules(rules, [traits.get(m.person_id, Traits()) for m in counted_members(team)])


def needs_of(team: Team, rules: list[Rule], traits: dict[int, Traits]) -> Needs:
    """Skills wanted that no member has yet, and the rules the team does not meet yet."""
    member_skills = set().union(*[traits.get(m.person_id, Traits()).skills for m in team.members.all()])
    unmet = [rules[s.index] for s in shortfalls(team, rules, traits)]
    return Needs.of(skills_wanted=[s.name for s in team.skills_wanted.all()], member_skills=member_skills, unmet=unmet)


def _teams(space: Space) -> QuerySet[Team]:
    return Team.objects.filter(space=space).prefetch_related(
        Prefetch("members", queryset=TeamMember.objects.select_related("person").order_by("joined_at", "pk")),
        "skills_wanted",
    )


def team_list(*, space: Space, challenge: Challenge, include_disbanded: bool = False) -> list[Team]:
    """The space's teams, each with its members, the skills it wants and `shortfalls` (the
    composition rules it does not meet yet)."""
    teams = _teams(space)
    if not include_disbanded:
        teams = teams.filter(disbanded_at__isnull=True)
    teams = list(teams.order_by("name", "pk"))
    rules = rules_of(challenge)
    traits = traits_of(m.person_id for t in teams for m in t.members.all()) if rules else {}
    for team in teams:
        team.space = space
        team.shortfalls = shortfalls(team, rules, traits) if rules else []
    return teams


def team_for_page(*, space: Space, challenge: Challenge, team_id: int) -> Team:
    team = _teams(space).filter(pk=team_id).first()
    if team is None:
        raise Http404
    team.space = space
    rules = rules_of(challenge)
    traits = traits_of(m.person_id for m in team.members.all())
    team.shortfalls = shortfalls(team, rules, traits)
    team.needs = needs_of(team, rules, traits)
    return team


def lost_without(*, team: Team, challenge: Challenge, person) -> list[Shortfall]:
    """The composition rules the team (from `team_for_page`) meets now and would no longer meet
    without `person`: what a member is warned of before leaving."""
    rules = rules_of(challenge)
    if not rules:
        return []
    remaining = [m for m in counted_members(team) if m.person_id != person.pk]
    traits = traits_of(m.person_id for m in remaining)
    unmet_now = {s.index for s in team.shortfalls}
    after = unmet_rules(rules, [traits[m.person_id] for m in remaining])
    return [s for s in after if s.index not in unmet_now]


def pending_for_team(*, team: Team) -> list[TeamInvitation]:
    """Invitations the team sent and requests to join it, still waiting for an answer."""
    pending = list(
        TeamInvitation.objects.filter(team=team, status=InvitationStatus.PENDING)
        .select_related("person")
        .order_by("created_at", "pk")
    )
    for invitation in pending:
        invitation.team = team
    return pending


def pending_for_person(*, person, space: Space) -> list[TeamInvitation]:
    """The person's invitations and requests still waiting for an answer in this space."""
    if person is None or not person.is_authenticated:
        return []
    pending = list(
        TeamInvitation.objects.filter(team__space=space, person=person, status=InvitationStatus.PENDING)
        .select_related("team")
        .order_by("created_at", "pk")
    )
    for invitation in pending:
        invitation.team.space = space
    return pending


def teams_joined(*, person, space: Space) -> list[Team]:
    """The space's active teams the person is a member of: those they may submit an entry or
    ask for support for."""
    if not getattr(person, "is_authenticated", False):
        return []
    return list(Team.objects.filter(space=space, members__person=person, disbanded_at__isnull=True).distinct())


def teams_of(*, person, space: Space) -> list[TeamMember]:
    """The person's memberships of the space's active teams."""
    if person is None or not person.is_authenticated:
        return []
    return list(
        TeamMember.objects.filter(person=person, team__space=space, team__disbanded_at__isnull=True).select_related(
            "team"
        )
    )


def board(*, space: Space) -> list[TeamSeeker]:
    """The people looking for a team, those waiting longest first, with their skills."""
    seekers = list(
        TeamSeeker.objects.filter(space=space, person__is_active=True, person__deleted_at__isnull=True)
        .select_related("person")
        .prefetch_related("person__skills", "person__expertise")
        .order_by("created_at", "pk")
    )
    for seeker in seekers:
        seeker.space = space
    return seekers


def on_board(*, person, space: Space) -> TeamSeeker | None:
    if person is None or not person.is_authenticated:
        return None
    return TeamSeeker.objects.filter(space=space, person=person).first()


@dataclass
class Suggestion:
    seeker: TeamSeeker
    match: Match


@dataclass
class WantingTeam:
    team: Team
    match: Match


def _in_teams(space: Space) -> set[int]:
    """People already in one of the space's active teams as lead or member."""
    return set(
        TeamMember.objects.filter(team__space=space, team__disbanded_at__isnull=True)
        .exclude(role=TeamRole.MENTOR)
        .values_list("person_id", flat=True)
    )


def suggested_people(*, team: Team, challenge: Challenge, limit: int = SUGGESTIONS_SHOWN) -> list[Suggestion]:
    """People on the board whose skills complement the team's: the skills it wants that no
    member has, and the composition rules it does not meet (`team` from `team_for_page`)."""
    if not team.needs:
        return []
    seekers = board(space=team.space)
    members = {m.person_id for m in team.members.all()}
    taken = _in_teams(team.space) if challenge.one_team_per_person else set()
    seekers = [s for s in seekers if s.person_id not in members and s.person_id not in taken]
    traits = traits_of(s.person_id for s in seekers)
    ranked = suggest_people(team.needs, [traits[s.person_id] for s in seekers], limit)
    return [Suggestion(seekers[m.index], m) for m in ranked]


def teams_wanting(*, person, space: Space, challenge: Challenge, limit: int = SUGGESTIONS_SHOWN) -> list[WantingTeam]:
    """Teams open to new members whose needs the person's skills would meet, best fit first."""
    if person is None or not person.is_authenticated:
        return []
    teams = [
        t
        for t in team_list(space=space, challenge=challenge)
        if t.looking_for_members and person.pk not in {m.person_id for m in t.members.all()}
    ]
    rules = rules_of(challenge)
    traits = traits_of([person.pk, *(m.person_id for t in teams for m in t.members.all())])
    ranked = suggest_teams([needs_of(t, rules, traits) for t in teams], traits[person.pk], limit)
    return [WantingTeam(teams[m.index], m) for m in ranked]
