"""Reads about support after the challenge, each page in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from cocreate.accounts.models import MembershipRole, Organisation
from cocreate.algorithms.support_matching import NeedRow, OfferRow, suggest_matches
from cocreate.challenges.models import (
    CheckIn,
    NeedStatus,
    SupportKind,
    SupportMatch,
    SupportNeed,
    SupportOffer,
)
from cocreate.challenges.services.support import CHECK_IN_MONTHS, TAKES_A_PLACE
from cocreate.spaces.models import Space


def support_kinds(*, space: Space) -> list[SupportKind]:
    """The kinds offered everywhere and those added to this space."""
    return list(SupportKind.objects.filter(Q(space__isnull=True) | Q(space=space)))


def _offers(space: Space):
    return (
        SupportOffer.objects.filter(space=space)
        .select_related("kind", "organisation", "offered_by")
        .annotate(places_taken=Count("matches", filter=Q(matches__status__in=TAKES_A_PLACE)))
    )


def _needs(space: Space):
    return SupportNeed.objects.filter(team__space=space).select_related("team", "kind", "prototype")


def _matches(space: Space):
    return SupportMatch.objects.filter(offer__space=space).select_related(
        "need__team", "need__kind", "offer__kind", "offer__organisation"
    )


@dataclass
class KindOnBoard:
    kind: SupportKind
    needs: list = field(default_factory=list)
    offers: list = field(default_factory=list)


def support_board(*, space: Space) -> dict:
    """Needs and offers of a space by kind (kinds with neither left out), and the matches.
    Four queries whatever the number of rows."""
    kinds = {kind.pk: KindOnBoard(kind) for kind in support_kinds(space=space)}
    needs = list(_needs(space).exclude(status=NeedStatus.WITHDRAWN))
    offers = list(_offers(space))
    matches = list(_matches(space))
    for row in needs + offers + matches:
        _share_space(row, space)
    for need in needs:
        kinds[need.kind_id].needs.append(need)
    for offer in offers:
        kinds[offer.kind_id].offers.append(offer)
    return {
        "kinds": [k for k in kinds.values() if k.needs or k.offers],
        "matches": matches,
        "open_needs": sum(1 for n in needs if n.status == NeedStatus.OPEN),
        "open_offers": sum(1 for o in offers if o.closed_at is None),
    }


def _share_space(row, space: Space) -> None:
    """Rows handed to `can()` find their space without a query."""
    if isinstance(row, SupportNeed):
        row.team.space = space
    elif isinstance(row, SupportOffer):
        row.space = space
    elif isinstance(row, SupportMatch):
        row.offer.space = space
        row.need.team.space = space


def support_needs(*, space: Space):
    return _needs(space).exclude(status=NeedStatus.WITHDRAWN).order_by("created_at", "pk")


def support_offers(*, space: Space):
    return _offers(space).order_by("created_at", "pk")


def need_for_page(*, space: Space, need_id: int) -> SupportNeed:
    need = _needs(space).filter(pk=need_id).first()
    if need is None:
        raise Http404
    need.team.space = space
    return need


def offer_for_page(*, space: Space, offer_id: int) -> SupportOffer:
    offer = _offers(space).filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    offer.space = space
    return offer


def match_for_page(*, space: Space, match_id: int) -> SupportMatch:
    match = _matches(space).filter(pk=match_id).first()
    if match is None:
        raise Http404
    _share_space(match, space)
    return match


def partner_organisations(*, person) -> list[Organisation]:
    """Organisations the person may offer support for."""
    if not getattr(person, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            memberships__person=person, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.STAFF]
        )
        .distinct()
        .order_by("name")
    )


@dataclass
class SuggestedPair:
    need: SupportNeed
    offer: SupportOffer
    reason: str


def matching_page(*, space: Space) -> dict:
    """What the organisers' matching page shows: open needs, open offers with their places
    left, suggested pairs with the reason, and the matches so far."""
    needs = [n for n in _needs(space).filter(status__in=[NeedStatus.OPEN])]
    offers = [o for o in _offers(space).filter(closed_at__isnull=True)]
    matches = list(_matches(space))
    for row in needs + offers + matches:
        _share_space(row, space)
    helping = {
        (m.offer.organisation_id, m.need.team_id)
        for m in matches
        if m.status in TAKES_A_PLACE and m.offer.organisation_id
    }
    paired = {(m.need_id, m.offer_id) for m in matches}
    suggestions = suggest_matches(
        [NeedRow(n.pk, n.team_id, n.kind_id) for n in needs],
        [
            OfferRow(o.pk, o.kind_id, o.organisation_id, None if o.capacity is None else o.capacity - o.places_taken)
            for o in offers
        ],
        helping=helping,
        already_paired=paired,
    )
    need_by_id, offer_by_id = {n.pk: n for n in needs}, {o.pk: o for o in offers}
    return {
        "needs": needs,
        "offers": offers,
        "matches": matches,
        "suggestions": [SuggestedPair(need_by_id[s.need_id], offer_by_id[s.offer_id], s.reason) for s in suggestions],
    }


def check_in_for_page(*, space: Space, check_in_id: int) -> CheckIn:
    check_in = (
        CheckIn.objects.filter(prototype__space=space, pk=check_in_id)
        .select_related("prototype__team", "answered_by")
        .first()
    )
    if check_in is None:
        raise Http404
    check_in.prototype.space = space
    return check_in


@dataclass
class MonthSummary:
    months: int
    due: int = 0
    answered: int = 0
    alive: int = 0


def check_ins_overview(*, space: Space) -> dict:
    """Every check-in of the space with its prototype and team, and per month mark how many
    of those due were answered and how many prototypes were still alive. One query."""
    check_ins = list(
        CheckIn.objects.filter(prototype__space=space)
        .select_related("prototype__team", "answered_by")
        .order_by("months", "prototype__title", "pk")
    )
    summary = {months: MonthSummary(months) for months in CHECK_IN_MONTHS}
    for check_in in check_ins:
        check_in.prototype.space = space
        row = summary.setdefault(check_in.months, MonthSummary(check_in.months))
        if check_in.sent_at or check_in.answered_at:
            row.due += 1
        if check_in.answered_at:
            row.answered += 1
            row.alive += bool(check_in.still_alive)
    return {"check_ins": check_ins, "summary": list(summary.values())}


def own_check_ins(*, person, space: Space) -> list[CheckIn]:
    """Check-ins waiting for an answer from the person's teams."""
    if not getattr(person, "is_authenticated", False):
        return []
    return list(
        CheckIn.objects.filter(
            prototype__space=space,
            prototype__team__members__person=person,
            sent_at__isnull=False,
            answered_at__isnull=True,
        )
        .select_related("prototype")
        .distinct()
    )
