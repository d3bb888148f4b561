"""One answer to "may this person do this here now?" for views, the API and templates.

    decision = can(person, "support", idea)
    if not decision:
        show(decision.reason)          # "Supporting opens on 3 May", "Sign in to support ideas."

Permission = the person's role × the activities open in the space's current phases × (verified
residency where the space asks for it) × the target's own state. Each activity's rule lives in
its app's `activities.py`; this module only applies them in a fixed order.
"""

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

from cocreate.accounts.models import Membership, MembershipRole, Organisation
from cocreate.spaces import registry
from cocreate.spaces.models import Resident, Space, SpaceRoleName
from cocreate.web import plain_rows

# What a membership of an organisation running a space gives in that space.
ORGANISATION_ROLES = {
    MembershipRole.ADMIN: {"organiser", "moderator", "evaluator", "member"},
    MembershipRole.STAFF: {"organiser", "moderator", "evaluator", "member"},
    MembershipRole.MODERATOR: {"moderator", "member"},
    MembershipRole.EVALUATOR: {"evaluator", "member"},
    MembershipRole.MEMBER: {"member"},
}
# Roles granted in the space itself; an organiser may also moderate and evaluate.
SPACE_ROLES = {
    SpaceRoleName.ORGANISER: {"organiser", "moderator", "evaluator", "member"},
    SpaceRoleName.MODERATOR: {"moderator", "member"},
    SpaceRoleName.EVALUATOR: {"evaluator", "member"},
    SpaceRoleName.PARTICIPANT: {"member"},
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    # Where the person can go to change the answer (sign in, verify residency), if anywhere.
    next_url: str = ""
    next_label: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def __str__(self) -> str:
        return self.reason


ALLOWED = Decision(True)


class Refused(PermissionDenied):
    """Raised by services; carries the reason shown to the person."""

    def __init__(self, decision: Decision):
        super().__init__(decision.reason)
        self.decision = decision

    @property
    def reason(self) -> str:
        return self.decision.reason


def refuse(reason: str, next_url: str = "", next_label: str = "") -> Decision:
    return Decision(False, str(reason), next_url, str(next_label))


# --- Who the person is in a space ----------------------------------------------------------


def signed_in(person) -> bool:
    return bool(person is not None and person.is_authenticated and person.is_active and not person.deleted_at)


def unwrapped(person):
    """The person behind `request.user`'s lazy proxy: every attribute read through the proxy
    costs a call, and deciding on a page reads dozens (so this one reads none through it)."""
    if isinstance(person, LazyObject):
        if object.__getattribute__(person, "_wrapped") is empty:
            person._setup()
        return object.__getattribute__(person, "_wrapped")
    return person


def space_of(target) -> Space | None:
    if isinstance(target, Space):
        return target
    return getattr(target, "space", None)


def roles_in(person, space: Space) -> frozenset[str]:
    """Effective roles of `person` in `space` (and in its parent programme), asked once per
    person object and space: lists that call `can` per row cost no extra query."""
    if not signed_in(person) or space is None:
        return frozenset()
    memo = person.__dict__.setdefault("_cocreate_roles", {})
    if space.pk in memo:
        return memo[space.pk]
    if person.is_superuser:
        roles = {"organiser", "moderator", "evaluator", "member"}
    else:
        # One plain query for both sources of roles: it runs on most signed-in requests.
        parent = space.parent_id or space.pk
        rows = plain_rows.fetchall(
            "SELECT 'space', role FROM spaces_spacerole WHERE person_id = %s AND space_id IN (%s, %s)"
            " UNION ALL SELECT 'organisation', m.role FROM accounts_membership m"
            " JOIN spaces_space_organisations o ON o.organisation_id = m.organisation_id"
            " WHERE m.person_id = %s AND o.space_id IN (%s, %s)",
            [person.pk, space.pk, parent, person.pk, space.pk, parent],
        )
        roles = set()
        for source, role in rows:
            roles |= (SPACE_ROLES if source == "space" else ORGANISATION_ROLES)[role]
    memo[space.pk] = frozenset(roles)
    return memo[space.pk]


def is_verified_resident(person, space: Space) -> bool:
    if not signed_in(person):
        return False
    memo = person.__dict__.setdefault("_cocreate_residency", {})
    if space.pk not in memo:
        memo[space.pk] = Resident.objects.filter(space=space, person=person, verified_at__isnull=False).exists()
    return memo[space.pk]


def organisation_roles(person, organisation: Organisation) -> frozenset[str]:
    if not signed_in(person):
        return frozenset()
    memo = person.__dict__.setdefault("_cocreate_org_roles", {})
    if organisation.pk not in memo:
        memo[organisation.pk] = frozenset(
            Membership.objects.filter(person=person, organisation=organisation).values_list("role", flat=True)
        )
    return memo[organisation.pk]


@rules.predicate
def is_organiser(person, target) -> bool:
    return "organiser" in roles_in(person, space_of(target))


@rules.predicate
def is_moderator(person, target) -> bool:
    return "moderator" in roles_in(person, space_of(target))


@rules.predicate
def is_evaluator(person, target) -> bool:
    return "evaluator" in roles_in(person, space_of(target))


@rules.predicate
def is_author(person, target) -> bool:
    return signed_in(person) and hasattr(target, "is_authored_by") and target.is_authored_by(person)


@rules.predicate
def is_visible_content(person, target) -> bool:
    return not getattr(target, "is_hidden", False)


@rules.predicate
def runs_organisation(person, organisation) -> bool:
    """Staff and administrators of an organisation act for it (e.g. open a space)."""
    if signed_in(person) and person.is_superuser:
        return True
    return bool(organisation_roles(person, organisation) & {MembershipRole.ADMIN, MembershipRole.STAFF})


def may_read_space(person, space: Space) -> bool:
    if space.is_public():
        return True
    return "member" in roles_in(person, space)


# --- The decision --------------------------------------------------------------------------


def can(person, activity: str, target) -> Decision:
    """May `person` do `activity` on `target` (a space, something in a space, or an
    organisation) now? The refusal's reason is meant to be shown as it is."""
    act = registry.get(activity)
    person = unwrapped(person)
    person = person if signed_in(person) else None

    if act.scope == "space":
        space = space_of(target)
        if space is None:
            raise ValueError(f"{activity!r} needs a space or something inside one, not {target!r}")
        if not may_read_space(person, space):
            return refuse(_("This space is private. Ask its organisers for an invitation."))

    # Time first: telling a visitor to sign in for something closed to everyone would mislead.
    if act.phased:
        decision = _phase_decision(act, space)
        if not decision:
            return decision

    if person is None and not act.anonymous:
        return refuse(
            _("Sign in to %(activity)s.") % {"activity": act.label},
            reverse("account_login"),
            _("Sign in"),
        )

    for check in act.who:
        if not check.test(person, target):
            return refuse(_reason(check, person, target))

    if act.scope == "space" and act.name in space.residency_required_for:
        if not is_verified_resident(person, space):
            return _residency_refusal(act, space)

    for check in act.when:
        if not check.test(person, target):
            return refuse(_reason(check, person, target))
    return ALLOWED


def standing(person, target) -> tuple:
    """Everything `can()` looks at about `person` when deciding on `target`, besides the time and
    the target's own state: whether they are signed in, their roles in the space, whether they
    wrote the target, and their verified residency where the space asks for it. Two people with
    the same standing get the same answers, so they can share a page rendered for one of them."""
    if not signed_in(person):
        return ("visitor",)
    space = space_of(target)
    resident = is_verified_resident(person, space) if space.residency_required_for else None
    return ("person", tuple(sorted(roles_in(person, space))), bool(is_author(person, target)), resident)


def ensure_can(person, activity: str, target) -> None:
    """For services: raise `Refused` (a PermissionDenied) with the reason when not allowed."""
    decision = can(person, activity, target)
    if not decision:
        raise Refused(decision)


def open_activities(space: Space, now=None) -> set[str]:
    now = now or timezone.now()
    names: set[str] = set()
    for phase in space.phase_list():
        if phase.is_open(now):
            names.update(phase.activities)
    return names


def _phase_decision(act: registry.Activity, space: Space) -> Decision:
    now = timezone.now()
    phases = [p for p in space.phase_list() if act.name in p.activities]
    if any(p.is_open(now) for p in phases):
        return ALLOWED
    upcoming = [p for p in phases if p.starts_at > now]
    if upcoming:
        starts = min(p.starts_at for p in upcoming)
        return refuse(
            _("You can %(activity)s from %(date)s.")
            % {"activity": act.label, "date": date_format(timezone.localtime(starts), "DATE_FORMAT")}
        )
    if phases:
        ended = max(p.ends_at for p in phases)
        return refuse(
            _("The time to %(activity)s ended on %(date)s.")
            % {"activity": act.label, "date": date_format(timezone.localtime(ended), "DATE_FORMAT")}
        )
    return refuse(_("You cannot %(activity)s in this space at the moment.") % {"activity": act.label})


def _residency_refusal(act: registry.Activity, space: Space) -> Decision:
    url = reverse("spaces:residency", kwargs={"slug": space.slug})
    if space.residency_area:
        reason = _("Only verified residents of %(area)s can %(activity)s.") % {
            "area": space.residency_area,
            "activity": act.label,
        }
    else:
        reason = _("Only verified residents can %(activity)s.") % {"activity": act.label}
    return refuse(reason, url, _("Verify that you live here"))


def _reason(check: registry.Check, person, target) -> str:
    return str(check.reason(person, target) if callable(check.reason) else check.reason)
