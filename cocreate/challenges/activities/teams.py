"""Teams: forming one, joining one (asking to join, or accepting an invitation), running one,
leaving one, and the "looking for a team" board.

Targets: a space for `form_team` and `look_for_team`; a team for the others.
`look_for_team` is not phased: people may put themselves on the board (or take themselves off)
whenever they like; the board only helps while teams are forming, and team leads see it then.
"""

import rules
from django.utils.translation import gettext_lazy as _

from cocreate.spaces.permissions import is_organiser, signed_in
from cocreate.spaces.registry import Activity, Check, register


def team_roles(person, team) -> set[str]:
    """The person's roles in the team ("lead", "member", "mentor"), from its members as loaded
    (prefetched on list pages: no query per team)."""
    if not signed_in(person) or not hasattr(team, "members"):
        return set()
    return {m.role for m in team.members.all() if m.person_id == person.pk}


@rules.predicate
def is_team_lead(person, team) -> bool:
    return "lead" in team_roles(person, team)


@rules.predicate
def is_team_member(person, team) -> bool:
    return bool(team_roles(person, team))


@rules.predicate
def is_active_team(person, team) -> bool:
    return getattr(team, "disbanded_at", None) is None


register(
    Activity(
        name="form_team",
        label=_("form a team"),
        description=_("Form teams"),
    )
)

register(
    Activity(
        name="join_team",
        label=_("join a team"),
        description=_("Join teams (ask to join, or accept an invitation)"),
        when=(Check(is_active_team, _("This team has disbanded.")),),
    )
)

register(
    Activity(
        name="manage_team",
        label=_("run this team"),
        phased=False,
        who=(Check(is_team_lead | is_organiser, _("Only the team's leads and the organisers can do this.")),),
        when=(Check(is_active_team, _("This team has disbanded.")),),
    )
)

register(
    Activity(
        name="leave_team",
        label=_("leave this team"),
        phased=False,
        who=(Check(is_team_member, _("You are not a member of this team.")),),
    )
)

register(
    Activity(
        name="look_for_team",
        label=_("say you are looking for a team"),
        phased=False,
    )
)
