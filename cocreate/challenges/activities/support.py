"""Support after the challenge: teams ask, partners offer, organisers match, both sides agree,
and months later the team says whether the prototype is still alive. Targets: a team (asking),
a support need (withdrawing), the space or an offer (offering), a match, a check-in.

Partners are people who are staff or administrators of an organisation (any organisation: a
funder, a university, a company); they offer support on their organisation's behalf."""

import rules
from django.utils.translation import gettext_lazy

from cocreate.accounts.models import Membership, MembershipRole
from cocreate.challenges.models import NeedStatus, SupportMatch, SupportNeed, SupportOffer, Team
from cocreate.spaces.permissions import is_organiser, signed_in
from cocreate.spaces.registry import Activity, Check, register


def team_ids_of(person) -> frozenset[int]:
    """The teams this person belongs to (any role), asked once per person object."""
    if not signed_in(person):
        return frozenset()
    memo = person.__dict__
    if "_cocreate_team_ids" not in memo:
        from cocreate.challenges.models import TeamMember

        memo["_cocreate_team_ids"] = frozenset(
            TeamMember.objects.filter(person=person).values_list("team_id", flat=True)
        )
    return memo["_cocreate_team_ids"]


def partner_organisation_ids(person) -> frozenset[int]:
    """Organisations this person may offer support for: those where they are staff or admin."""
    if not signed_in(person):
        return frozenset()
    memo = person.__dict__
    if "_cocreate_partner_orgs" not in memo:
        memo["_cocreate_partner_orgs"] = frozenset(
            Membership.objects.filter(person=person, role__in=[MembershipRole.ADMIN, MembershipRole.STAFF]).values_list(
                "organisation_id", flat=True
            )
        )
    return memo["_cocreate_partner_orgs"]


def _team_id(target) -> int | None:
    if isinstance(target, Team):
        return target.pk
    if isinstance(target, SupportNeed):
        return target.team_id
    if isinstance(target, SupportMatch):
        return target.need.team_id
    prototype = getattr(target, "prototype", None)  # a check-in
    return prototype.team_id if prototype is not None else None


@rules.predicate
def is_team_member(person, target) -> bool:
    team_id = _team_id(target)
    return team_id is not None and team_id in team_ids_of(person)


def speaks_for_offer(person, offer: SupportOffer) -> bool:
    """The person who made the offer, or staff of the organisation making it."""
    if not signed_in(person):
        return False
    if offer.offered_by_id == person.pk:
        return True
    return offer.organisation_id is not None and offer.organisation_id in partner_organisation_ids(person)


@rules.predicate
def is_partner(person, target) -> bool:
    """For an offer: speaks for it. Otherwise: staff or admin of some organisation."""
    if isinstance(target, SupportOffer):
        return speaks_for_offer(person, target)
    if isinstance(target, SupportMatch):
        return speaks_for_offer(person, target.offer)
    return bool(partner_organisation_ids(person))


@rules.predicate
def need_still_open(person, need) -> bool:
    return not isinstance(need, SupportNeed) or need.status in (NeedStatus.OPEN, NeedStatus.MATCHED)


@rules.predicate
def offer_still_open(person, offer) -> bool:
    return not isinstance(offer, SupportOffer) or offer.closed_at is None


register(
    Activity(
        name="ask_for_support",
        label=gettext_lazy("ask for support for your team"),
        description=gettext_lazy("Teams say what support they need after the challenge"),
        who=(
            Check(
                is_team_member,
                gettext_lazy("Only members of the team can ask for support for it. Join the team first."),
            ),
        ),
        when=(Check(need_still_open, gettext_lazy("This need was already met or withdrawn.")),),
    )
)

register(
    Activity(
        name="offer_support",
        label=gettext_lazy("offer support to teams"),
        description=gettext_lazy("Partners offer support to teams (mentoring, funding, a pilot site…)"),
        who=(
            Check(
                is_organiser | is_partner,
                gettext_lazy(
                    "Support is offered on behalf of an organisation: only its staff and administrators, "
                    "or the organisers of this space, can do this."
                ),
            ),
        ),
        when=(Check(offer_still_open, gettext_lazy("This offer is already closed.")),),
    )
)

register(
    Activity(
        name="add_support_kind",
        label=gettext_lazy("add a kind of support"),
        phased=False,
        who=(
            Check(
                is_organiser | is_partner,
                gettext_lazy("Only organisers and partners' staff can add kinds of support."),
            ),
        ),
    )
)


@rules.predicate
def is_match_side(person, target) -> bool:
    return isinstance(target, SupportMatch) and (is_team_member(person, target) or is_partner(person, target))


register(
    Activity(
        name="match_support",
        label=gettext_lazy("match support offers with teams' needs"),
        phased=False,
        who=(
            Check(
                is_organiser | is_match_side,
                gettext_lazy(
                    "Only the organisers can match offers with needs; the team and the partner answer the match."
                ),
            ),
        ),
    )
)

register(
    Activity(
        name="answer_check_in",
        label=gettext_lazy("answer check-ins on prototypes"),
        phased=False,
        who=(
            Check(
                is_organiser | is_team_member,
                gettext_lazy("Only the prototype's team (or the organisers, for an answer given by phone) can answer."),
            ),
        ),
    )
)
