"""Every write about support after the challenge: needs, offers, kinds of support, matches
agreed by both sides, and check-ins 3, 6 and 12 months later.

Matches: organisers propose a match between a team's need and a partner's offer; the team and
the partner each agree or decline; once both agree the match counts against the offer's
capacity (checked under a lock on the offer) and the need is "matched"; once the support has
been given (recorded by the organisers or the team) the match is "delivered" and the need "met".

Check-ins: counted from the end of the space's last phase, when the challenge is over and
support starts (one date for every team, so that "still alive at 6 months" compares like with
like). The daily job creates them for every challenge that has ended, and sends each one once.
"""

import calendar
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Membership, MembershipRole, Organisation, Person
from cocreate.algorithms.text import clean_text
from cocreate.challenges.activities.support import is_team_member, partner_organisation_ids, speaks_for_offer
from cocreate.challenges.models import (
    CheckIn,
    MatchStatus,
    NeedStatus,
    Prototype,
    Stage,
    SupportKind,
    SupportMatch,
    SupportNeed,
    SupportOffer,
    Team,
    TeamMember,
)
from cocreate.challenges.services.cached_pages import space_changed
from cocreate.challenges.tasks.support import tell_after_commit
from cocreate.notifications.models import NotificationKind
from cocreate.spaces.models import Phase, Space, SpaceKind
from cocreate.spaces.permissions import Refused, ensure_can, is_organiser, refuse
from cocreate.spaces.services import log_action
from cocreate.web.text_fields import text_within

CHECK_IN_MONTHS = (3, 6, 12)
# Check-ins more overdue than this when the scheduler first meets them (a challenge that ended
# long before check-ins existed) are not sent: a team would otherwise get all three at once.
# The organisers can still record answers for them.
SEND_WITHIN = timedelta(days=30)
# A match in these states uses one of the offer's places.
TAKES_A_PLACE = (MatchStatus.AGREED, MatchStatus.DELIVERED)


def _board_link(space: Space) -> str:
    return reverse("challenges:support_board", kwargs={"slug": space.slug})


def _team_member_ids(team_id: int) -> list[int]:
    return list(TeamMember.objects.filter(team_id=team_id).values_list("person_id", flat=True))


def _offer_people_ids(offer: SupportOffer) -> set[int]:
    ids = {offer.offered_by_id} if offer.offered_by_id else set()
    if offer.organisation_id:
        ids |= set(
            Membership.objects.filter(
                organisation_id=offer.organisation_id, role__in=[MembershipRole.ADMIN, MembershipRole.STAFF]
            ).values_list("person_id", flat=True)
        )
    return ids


def _text(value, field: str, errors: dict, *, minimum: int, maximum: int, what: str) -> str:
    return text_within(
        value,
        field=field,
        errors=errors,
        minimum=minimum,
        maximum=maximum,
        too_short=_("Describe %(what)s in at least %(n)s characters.") % {"what": what, "n": minimum},
        too_long=_("Keep this under %(n)s characters.") % {"n": maximum},
    )


def _kind_usable(kind: SupportKind, space: Space, errors: dict) -> None:
    if kind.space_id not in (None, space.pk):
        errors["kind"] = _("This kind of support belongs to another space. Choose one from the list.")


# --- Kinds of support ------------------------------------------------------------------------


@transaction.atomic
def support_kind_add(*, person: Person, space: Space, name: str, description: str = "") -> SupportKind:
    """A partner or an organiser adds a kind of support to this space ("Legal advice")."""
    ensure_can(person, "add_support_kind", space)
    errors: dict = {}
    name = " ".join(clean_text(name).split())
    description = clean_text(description)
    if len(name) < 3:
        errors["name"] = _("Name the kind of support in at least 3 characters, e.g. “Legal advice”.")
    elif len(name) > 80:
        errors["name"] = _("Keep the name under 80 characters.")
    if len(description) > 300:
        errors["description"] = _("Keep the description under 300 characters.")
    if errors:
        raise ValidationError(errors)
    existing = [
        kind
        for kind in SupportKind.objects.filter(Q(space=space) | Q(space__isnull=True))
        if str(kind).casefold() == name.casefold() or kind.name.casefold() == name.casefold()
    ]
    if existing:
        raise ValidationError(
            {"name": _("“%(name)s” is already a kind of support here: choose it from the list.") % {"name": name}}
        )
    try:
        with transaction.atomic():
            kind = SupportKind.objects.create(space=space, name=name, description=description, added_by=person)
    except IntegrityError:  # added by someone else at the same moment
        raise ValidationError(
            {"name": _("“%(name)s” is already a kind of support here: choose it from the list.") % {"name": name}}
        ) from None
    log_action(actor=person, action="support_kind_add", space=space, target=kind)
    space_changed(space.pk)
    return kind


# --- Needs -----------------------------------------------------------------------------------


@transaction.atomic
def support_need_create(
    *, person: Person, team: Team, kind: SupportKind, description: str, prototype: Prototype | None = None
) -> SupportNeed:
    """A team member says what support the team needs."""
    ensure_can(person, "ask_for_support", team)
    errors: dict = {}
    if team.disbanded_at:
        raise ValidationError(_("This team has been disbanded: it can no longer ask for support."))
    _kind_usable(kind, team.space, errors)
    description = _text(description, "description", errors, minimum=10, maximum=3000, what=_("what would help"))
    if prototype is not None and prototype.team_id != team.pk:
        errors["prototype"] = _("Choose one of your team's prototypes.")
    if errors:
        raise ValidationError(errors)
    need = SupportNeed.objects.create(
        team=team, kind=kind, description=description, prototype=prototype, created_by=person
    )
    space_changed(team.space_id)
    return need


@transaction.atomic
def support_need_withdraw(*, person: Person, need: SupportNeed) -> SupportNeed:
    need = SupportNeed.objects.select_for_update().select_related("team__space").get(pk=need.pk)
    ensure_can(person, "ask_for_support", need)
    need.status = NeedStatus.WITHDRAWN
    need.save(update_fields=["status"])
    # Matches not yet delivered lapse with the need.
    SupportMatch.objects.filter(need=need, status__in=[MatchStatus.PROPOSED, MatchStatus.AGREED]).update(
        status=MatchStatus.DECLINED, declined_by="team", updated_at=timezone.now()
    )
    space_changed(need.team.space_id)
    return need


# --- Offers ----------------------------------------------------------------------------------


@transaction.atomic
def support_offer_create(
    *,
    person: Person,
    space: Space,
    kind: SupportKind,
    description: str,
    organisation: Organisation | None = None,
    capacity: int | None = None,
) -> SupportOffer:
    """A partner offers support on behalf of their organisation (organisers may offer for the
    space itself, without an organisation)."""
    ensure_can(person, "offer_support", space)
    errors: dict = {}
    if space.kind != SpaceKind.CHALLENGE:
        raise ValidationError(_("Support can be offered only in challenge spaces."))
    _kind_usable(kind, space, errors)
    description = _text(description, "description", errors, minimum=10, maximum=3000, what=_("what you offer"))
    organiser = is_organiser(person, space)
    if organisation is None and not organiser:
        errors["organisation"] = _("Choose the organisation making the offer.")
    elif (
        organisation is not None
        and organisation.pk not in partner_organisation_ids(person)
        and not (person.is_superuser)
    ):
        errors["organisation"] = _(
            "You can offer support only for an organisation where you are staff or an administrator."
        )
    if capacity is not None and not 1 <= int(capacity) <= 1000:
        errors["capacity"] = _("Enter how many teams you can support, between 1 and 1000, or leave it empty.")
    if errors:
        raise ValidationError(errors)
    offer = SupportOffer.objects.create(
        space=space,
        kind=kind,
        organisation=organisation,
        offered_by=person,
        description=description,
        capacity=capacity,
    )
    log_action(actor=person, action="support_offer_create", space=space, target=offer)
    space_changed(space.pk)
    return offer


@transaction.atomic
def support_offer_close(*, person: Person, offer: SupportOffer) -> SupportOffer:
    """No new matches for this offer; matches already agreed stay."""
    offer = SupportOffer.objects.select_for_update().select_related("space").get(pk=offer.pk)
    ensure_can(person, "offer_support", offer)
    if not (speaks_for_offer(person, offer) or is_organiser(person, offer)):
        raise Refused(refuse(_("Only the partner who made this offer, or the organisers, can close it.")))
    offer.closed_at = timezone.now()
    offer.save(update_fields=["closed_at"])
    SupportMatch.objects.filter(offer=offer, status=MatchStatus.PROPOSED).update(
        status=MatchStatus.DECLINED, declined_by="partner", updated_at=timezone.now()
    )
    log_action(actor=person, action="support_offer_close", space=offer.space, target=offer)
    space_changed(offer.space_id)
    return offer


def places_taken(offer: SupportOffer) -> int:
    return SupportMatch.objects.filter(offer=offer, status__in=TAKES_A_PLACE).count()


def _ensure_place(offer: SupportOffer) -> None:
    """Call with the offer locked."""
    if offer.capacity is not None and places_taken(offer) >= offer.capacity:
        raise ValidationError(
            _(
                "This offer is full: %(n)s teams already have it. Ask the partner whether they can take one "
                "more, or choose another offer."
            )
            % {"n": offer.capacity}
        )


# --- Matches ---------------------------------------------------------------------------------


@transaction.atomic
def support_match_propose(*, person: Person, need: SupportNeed, offer: SupportOffer, notes: str = "") -> SupportMatch:
    """Organisers propose that this offer meets this need; the team and the partner are asked."""
    offer = SupportOffer.objects.select_for_update().select_related("space", "kind").get(pk=offer.pk)
    ensure_can(person, "match_support", offer.space)
    need = SupportNeed.objects.select_related("team", "kind").get(pk=need.pk)
    if need.team.space_id != offer.space_id:
        raise ValidationError(_("This need and this offer are in different spaces."))
    if need.status not in (NeedStatus.OPEN, NeedStatus.MATCHED):
        raise ValidationError(_("This need was already met or withdrawn: there is nothing to match."))
    if offer.closed_at:
        raise ValidationError(_("This offer is closed: choose another one."))
    if need.kind_id != offer.kind_id:
        raise ValidationError(
            _("The team needs “%(need)s” but this offer is “%(offer)s”: choose an offer of the same kind.")
            % {"need": need.kind, "offer": offer.kind}
        )
    _ensure_place(offer)
    if SupportMatch.objects.filter(need=need, offer=offer).exists():
        raise ValidationError(_("This offer was already proposed for this need."))
    match = SupportMatch.objects.create(need=need, offer=offer, proposed_by=person, notes=clean_text(notes)[:3000])
    log_action(actor=person, action="support_match_propose", space=offer.space, target=match)
    space_changed(offer.space_id)
    tell_after_commit(
        kind=NotificationKind.SUPPORT,
        recipient_ids=set(_team_member_ids(need.team_id)) | _offer_people_ids(offer),
        title=_("%(kind)s for %(team)s") % {"kind": offer.kind, "team": need.team.name},
        link=_board_link(offer.space),
        actor=person,
    )
    return match


def match_sides(person, match: SupportMatch) -> set[str]:
    """Which sides of the match the person speaks for: "team", "partner" (or both, or none)."""
    sides: set[str] = set()
    if is_team_member(person, match):
        sides.add("team")
    if speaks_for_offer(person, match.offer):
        sides.add("partner")
    return sides


def awaits_answer_from(person, match: SupportMatch) -> bool:
    """Whether the match waits for this person's side to answer (no query: roles are memoised)."""
    if match.status != MatchStatus.PROPOSED:
        return False
    answered = {"team": match.team_agreed_at, "partner": match.partner_agreed_at}
    return any(answered[side] is None for side in match_sides(person, match))


@transaction.atomic
def support_match_answer(*, person: Person, match: SupportMatch, agree: bool, side: str = "") -> SupportMatch:
    """The team or the partner agrees to (or declines) a proposed match. When both have agreed,
    the match takes one of the offer's places (checked under a lock) and the need is matched."""
    # The offer first: its lock serialises the answers that could take its last place.
    offer = SupportOffer.objects.select_for_update().get(pk=match.offer_id)
    match = (
        SupportMatch.objects.select_for_update()
        .select_related("need__team", "offer__space", "offer__kind")
        .get(pk=match.pk)
    )
    ensure_can(person, "match_support", match)
    sides = match_sides(person, match)
    if side:
        sides &= {side}
    if not sides:
        raise Refused(refuse(_("Only the team and the partner making the offer can answer this match.")))
    if len(sides) > 1:
        raise ValidationError(_("You are both in the team and with the partner: say which side you answer for."))
    side = sides.pop()
    if match.status != MatchStatus.PROPOSED:
        raise ValidationError(
            _("This match has already been answered (%(status)s).") % {"status": match.get_status_display()}
        )
    now = timezone.now()
    if not agree:
        match.status, match.declined_by = MatchStatus.DECLINED, side
    else:
        setattr(match, "team_agreed_at" if side == "team" else "partner_agreed_at", now)
        if match.team_agreed_at and match.partner_agreed_at:
            _ensure_place(offer)
            match.status = MatchStatus.AGREED
            SupportNeed.objects.filter(pk=match.need_id, status=NeedStatus.OPEN).update(status=NeedStatus.MATCHED)
    match.save()
    log_action(
        actor=person, action="support_match_answer", space=match.offer.space, target=match, side=side, agree=agree
    )
    space_changed(match.offer.space_id)
    other = _offer_people_ids(match.offer) if side == "team" else set(_team_member_ids(match.need.team_id))
    tell_after_commit(
        kind=NotificationKind.SUPPORT,
        recipient_ids=other,
        title=_("%(kind)s for %(team)s") % {"kind": match.offer.kind, "team": match.need.team.name},
        link=_board_link(match.offer.space),
        actor=person,
    )
    return match


@transaction.atomic
def support_match_deliver(*, person: Person, match: SupportMatch, notes: str = "") -> SupportMatch:
    """The support was given: recorded by the organisers or the team. The need is then met."""
    match = SupportMatch.objects.select_for_update().select_related("need__team", "offer__space").get(pk=match.pk)
    ensure_can(person, "match_support", match)
    if not (is_organiser(person, match) or is_team_member(person, match)):
        raise Refused(refuse(_("Only the organisers or the team can record that the support was given.")))
    if match.status != MatchStatus.AGREED:
        raise ValidationError(_("Only a match both sides agreed to can be marked as delivered."))
    match.status, match.delivered_at = MatchStatus.DELIVERED, timezone.now()
    if notes:
        match.notes = clean_text(f"{match.notes}\n\n{notes}")[:3000]
    match.save()
    SupportNeed.objects.filter(pk=match.need_id).update(status=NeedStatus.MET)
    log_action(actor=person, action="support_match_deliver", space=match.offer.space, target=match)
    space_changed(match.offer.space_id)
    return match


# --- Check-ins -------------------------------------------------------------------------------


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later (the month's last day when it is shorter)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


SUPPORT_ACTIVITIES = ("ask_for_support", "offer_support")


def check_in_reference(space: Space) -> datetime | None:
    """When the competition ended and the months after it began: the start of the first phase
    in which teams ask for support (a competition's support phase lasts months, and the
    check-ins fall inside it); without such a phase, the end of the last phase. None without
    phases."""
    phases = list(Phase.objects.filter(space=space).order_by("starts_at", "pk"))
    support = [p.starts_at for p in phases if set(p.activities or ()) & set(SUPPORT_ACTIVITIES)]
    if support:
        return support[0]
    return max((p.ends_at for p in phases), default=None)


@transaction.atomic
def check_ins_schedule(*, space: Space, person: Person | None = None, reference: datetime | None = None) -> int:
    """Create the 3, 6 and 12-month check-ins of every prototype with a team in this space
    (those already there are kept). `person` is checked when someone asks for it from a page;
    the scheduler passes none. Returns how many were created."""
    if person is not None:
        ensure_can(person, "match_support", space)
    reference = reference or check_in_reference(space)
    if reference is None:
        return 0
    prototypes = Prototype.objects.filter(space=space, team__isnull=False, hidden_at__isnull=True).exclude(
        stage=Stage.RETIRED
    )
    rows = [
        CheckIn(prototype_id=pk, months=months, due_at=add_months(reference, months))
        for pk in prototypes.values_list("pk", flat=True)
        for months in CHECK_IN_MONTHS
    ]
    before = CheckIn.objects.filter(prototype__space=space).count()
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)
    return CheckIn.objects.filter(prototype__space=space).count() - before


def check_ins_schedule_ended(now: datetime | None = None) -> int:
    """For the scheduler: check-ins for every challenge space whose last phase has ended."""
    now = now or timezone.now()
    created = 0
    for space in Space.objects.filter(kind=SpaceKind.CHALLENGE, phases__isnull=False).distinct():
        reference = check_in_reference(space)
        if reference is not None and reference <= now:
            created += check_ins_schedule(space=space, reference=reference)
    return created


def check_ins_send_due(now: datetime | None = None) -> int:
    """Tell each team whose check-in is due, once: a check-in is claimed (sent_at set by a
    conditional UPDATE) before its notification is queued, so a second run finds nothing."""
    now = now or timezone.now()
    due = CheckIn.objects.filter(
        due_at__lte=now, due_at__gt=now - SEND_WITHIN, sent_at__isnull=True, answered_at__isnull=True
    ).select_related("prototype__space")
    sent = 0
    for check_in in due:
        with transaction.atomic():
            claimed = CheckIn.objects.filter(pk=check_in.pk, sent_at__isnull=True).update(sent_at=now)
            if not claimed or check_in.prototype.team_id is None:
                continue
            sent += 1
            tell_after_commit(
                kind=NotificationKind.CHECK_IN,
                recipient_ids=_team_member_ids(check_in.prototype.team_id),
                title=check_in.prototype.title,
                link=reverse(
                    "challenges:support_check_in",
                    kwargs={"slug": check_in.prototype.space.slug, "check_in_id": check_in.pk},
                ),
            )
    return sent


@transaction.atomic
def check_in_answer(
    *, person: Person, check_in: CheckIn, still_alive: bool, stage: str = "", notes: str = ""
) -> CheckIn:
    """The team answers (or an organiser records an answer given by phone). Answering again
    corrects the answer."""
    check_in = CheckIn.objects.select_for_update().select_related("prototype__space").get(pk=check_in.pk)
    ensure_can(person, "answer_check_in", check_in)
    errors: dict = {}
    if still_alive is None:
        errors["still_alive"] = _("Say whether the prototype is still alive.")
    if stage and stage not in Stage.values:
        errors["stage"] = _("Choose one of the stages offered.")
    notes = clean_text(notes)
    if len(notes) > 5000:
        errors["notes"] = _("Keep this under 5,000 characters.")
    if errors:
        raise ValidationError(errors)
    check_in.still_alive, check_in.stage, check_in.notes = bool(still_alive), stage, notes
    check_in.answered_at, check_in.answered_by = timezone.now(), person
    check_in.save()
    if not is_team_member(person, check_in):
        log_action(actor=person, action="check_in_answer_recorded", space=check_in.prototype.space, target=check_in)
    space_changed(check_in.prototype.space_id)
    return check_in
