"""Support after a challenge: what teams need and what partners offer, with where each stands.
Teams ask for support, partners offer it and add kinds of support, organisers propose matches
that the team and the partner each answer, the support given is recorded, and 3, 6 and 12
months later each team answers whether its prototype is still alive."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.accounts.models import Organisation
from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
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
)
from cocreate.challenges.selectors import support as selectors
from cocreate.challenges.services import support as services
from cocreate.spaces.permissions import ensure_can

router = Router(tags=["challenges: support"])


class KindOut(Schema):
    id: int
    code: str = Field(description="for the kinds every space has: mentoring, funding, premises, data_access, …")
    name: str = Field(description="in the reader's language for the built-in kinds")

    @staticmethod
    def resolve_name(kind: SupportKind):
        return str(kind)


class NeedOut(Schema):
    id: int
    team: int
    team_name: str
    prototype: int | None
    kind: KindOut
    description: str
    status: NeedStatus
    created_at: datetime

    @staticmethod
    def resolve_team(need: SupportNeed):
        return need.team_id

    @staticmethod
    def resolve_team_name(need: SupportNeed):
        return need.team.name

    @staticmethod
    def resolve_prototype(need: SupportNeed):
        return need.prototype_id


class OfferOut(Schema):
    id: int
    kind: KindOut
    organisation: str | None = Field(description="name of the organisation offering; null when the organisers offer")
    description: str
    capacity: int | None = Field(description="how many teams it can support; null for no limit")
    places_taken: int = Field(description="matches agreed or delivered")
    closed: bool

    @staticmethod
    def resolve_organisation(offer: SupportOffer):
        return offer.organisation.name if offer.organisation else None

    @staticmethod
    def resolve_closed(offer: SupportOffer):
        return offer.closed_at is not None


@router.get("/spaces/{slug}/support/needs", response=list[NeedOut], auth=ANYONE, summary="Support teams need")
@paginate(Pages)
def list_support_needs(request, slug: str, status: NeedStatus | None = None):
    needs = selectors.support_needs(space=readable_space(request, slug))
    return needs.filter(status=status) if status else needs


@router.get("/spaces/{slug}/support/offers", response=list[OfferOut], auth=ANYONE, summary="Support partners offer")
@paginate(Pages)
def list_support_offers(request, slug: str):
    return selectors.support_offers(space=readable_space(request, slug))


class MatchOut(Schema):
    id: int
    need: int
    team: int
    team_name: str
    offer: int
    organisation: str | None = Field(description="name of the organisation offering; null when the organisers offer")
    kind: KindOut = Field(description="the kind of support")
    status: MatchStatus
    team_agreed: bool
    partner_agreed: bool
    declined_by: str = Field(description="team or partner, when declined")
    notes: str
    delivered_at: datetime | None

    @staticmethod
    def resolve_need(match: SupportMatch):
        return match.need_id

    @staticmethod
    def resolve_team(match: SupportMatch):
        return match.need.team_id

    @staticmethod
    def resolve_team_name(match: SupportMatch):
        return match.need.team.name

    @staticmethod
    def resolve_offer(match: SupportMatch):
        return match.offer_id

    @staticmethod
    def resolve_organisation(match: SupportMatch):
        return match.offer.organisation.name if match.offer.organisation else None

    @staticmethod
    def resolve_kind(match: SupportMatch):
        return match.offer.kind

    @staticmethod
    def resolve_team_agreed(match: SupportMatch):
        return match.team_agreed_at is not None

    @staticmethod
    def resolve_partner_agreed(match: SupportMatch):
        return match.partner_agreed_at is not None


class CheckInOut(Schema):
    id: int
    prototype: int
    prototype_title: str
    team: int | None
    team_name: str | None
    months: int = Field(description="3, 6 or 12 months after the challenge")
    due_at: datetime
    sent_at: datetime | None = Field(description="when the team was asked")
    answered_at: datetime | None
    still_alive: bool | None
    stage: str = Field(description="the prototype's stage now, as the team says (empty if not given)")
    notes: str

    @staticmethod
    def resolve_prototype(check_in: CheckIn):
        return check_in.prototype_id

    @staticmethod
    def resolve_prototype_title(check_in: CheckIn):
        return check_in.prototype.title

    @staticmethod
    def resolve_team(check_in: CheckIn):
        return check_in.prototype.team_id

    @staticmethod
    def resolve_team_name(check_in: CheckIn):
        return check_in.prototype.team.name if check_in.prototype.team else None


# A stage of a prototype, or "" for none given.
StageOrNone = Literal[("", *Stage.values)]


class KindIn(Schema):
    name: Text = Field(max_length=200, description="the kind of support, e.g. “Legal advice”")
    description: Text = Field("", max_length=1000, description="what it covers (optional)")


class NeedIn(Schema):
    team: Id = Field(description="id of your team asking")
    kind: Id = Field(description="id of the kind of support (see …/support/kinds)")
    description: Text = Field(max_length=5000, description="what would help")
    prototype: Id | None = Field(None, description="id of your team's prototype it is for (optional)")


class OfferIn(Schema):
    kind: Id = Field(description="id of the kind of support (see …/support/kinds)")
    description: Text = Field(max_length=5000, description="what you offer")
    organisation: Id | None = Field(
        None, description="id of the organisation making the offer; organisers may leave it out to offer themselves"
    )
    capacity: int | None = Field(None, ge=1, le=1000, description="how many teams it can support; null for no limit")


class MatchIn(Schema):
    need: Id = Field(description="id of the team's need")
    offer: Id = Field(description="id of the partner's offer, of the same kind")
    notes: Text = Field("", max_length=3000, description="notes for the team and the partner (optional)")


class MatchAnswerIn(Schema):
    agree: bool = Field(description="true to agree to the match, false to decline it")
    side: Literal["team", "partner", ""] = Field(
        "", description="the side you answer for, when you are both in the team and with the partner"
    )


class DeliveryIn(Schema):
    notes: Text = Field("", max_length=3000, description="what was given (optional)")


class CheckInAnswerIn(Schema):
    still_alive: bool = Field(description="is the prototype still alive?")
    stage: StageOrNone = Field("", description="its stage now (optional): " + ", ".join(Stage.values))
    notes: Text = Field("", max_length=5000, description="what happened since (optional)")


class ScheduledOut(Schema):
    created: int = Field(description="how many check-ins were added (those already there are kept)")


def _found(queryset, pk: int, field: str, message: str):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: message})
    return found


def _kind(space, pk: int) -> SupportKind:
    kinds = SupportKind.objects.filter(Q(space__isnull=True) | Q(space=space))
    return _found(kinds, pk, "kind", _("Choose a kind of support from the list of this space."))


def _in_range(pk: int) -> int:
    """An id no row could have is simply not found."""
    if not 0 < pk < 2**62:
        raise Http404
    return pk


def _match(space, match_id: int) -> SupportMatch:
    return selectors.match_for_page(space=space, match_id=_in_range(match_id))


@router.get("/spaces/{slug}/support/kinds", response=list[KindOut], auth=ANYONE, summary="Kinds of support")
def list_support_kinds(request, slug: str):
    return selectors.support_kinds(space=readable_space(request, slug))


@router.post(
    "/spaces/{slug}/support/kinds",
    response={201: KindOut},
    auth=SIGNED_IN,
    summary="Add a kind of support to this space (partners and organisers)",
)
def add_support_kind(request, slug: str, payload: KindIn):
    space = readable_space(request, slug)
    kind = services.support_kind_add(
        person=request.auth, space=space, name=payload.name, description=payload.description
    )
    return Status(201, kind)


@router.post(
    "/spaces/{slug}/support/needs",
    response={201: NeedOut},
    auth=SIGNED_IN,
    summary="Ask for support for your team (team members)",
)
def create_support_need(request, slug: str, payload: NeedIn):
    space = readable_space(request, slug)
    team = _found(Team.objects.filter(space=space), payload.team, "team", _("Choose a team of this challenge."))
    prototype = None
    if payload.prototype is not None:
        prototypes = Prototype.objects.filter(space=space)
        prototype = _found(prototypes, payload.prototype, "prototype", _("Choose one of your team's prototypes."))
    need = services.support_need_create(
        person=request.auth,
        team=team,
        kind=_kind(space, payload.kind),
        description=payload.description,
        prototype=prototype,
    )
    return Status(201, selectors.need_for_page(space=space, need_id=need.pk))


@router.delete(
    "/spaces/{slug}/support/needs/{need_id}",
    response={204: None},
    auth=SIGNED_IN,
    summary="Withdraw your team's need: it leaves the board, and matches not yet delivered lapse",
)
def withdraw_support_need(request, slug: str, need_id: int):
    space = readable_space(request, slug)
    need = selectors.need_for_page(space=space, need_id=_in_range(need_id))
    services.support_need_withdraw(person=request.auth, need=need)
    return Status(204, None)


@router.post(
    "/spaces/{slug}/support/offers",
    response={201: OfferOut},
    auth=SIGNED_IN,
    summary="Offer support for your organisation (partners; organisers may offer for the space)",
)
def create_support_offer(request, slug: str, payload: OfferIn):
    space = readable_space(request, slug)
    ensure_can(request.auth, "offer_support", space)  # refused before the organisation is looked up
    organisation = None
    if payload.organisation is not None:
        organisation = _found(
            Organisation.objects.all(),
            payload.organisation,
            "organisation",
            _("You can offer support only for an organisation where you are staff or an administrator."),
        )
    offer = services.support_offer_create(
        person=request.auth,
        space=space,
        kind=_kind(space, payload.kind),
        description=payload.description,
        organisation=organisation,
        capacity=payload.capacity,
    )
    return Status(201, selectors.offer_for_page(space=space, offer_id=offer.pk))


@router.post(
    "/spaces/{slug}/support/offers/{offer_id}/close",
    response=OfferOut,
    auth=SIGNED_IN,
    summary="Close an offer to new matches (the partner who made it, or the organisers)",
)
def close_support_offer(request, slug: str, offer_id: int):
    space = readable_space(request, slug)
    offer = selectors.offer_for_page(space=space, offer_id=_in_range(offer_id))
    services.support_offer_close(person=request.auth, offer=offer)
    return selectors.offer_for_page(space=space, offer_id=_in_range(offer_id))


@router.get("/spaces/{slug}/support/matches", response=list[MatchOut], auth=ANYONE, summary="Matches so far")
@paginate(Pages)
def list_support_matches(request, slug: str, status: MatchStatus | None = None):
    space = readable_space(request, slug)
    matches = (
        SupportMatch.objects.filter(offer__space=space)
        .select_related("need__team", "offer__kind", "offer__organisation")
        .order_by("created_at", "pk")
    )
    return matches.filter(status=status) if status else matches


@router.post(
    "/spaces/{slug}/support/matches",
    response={201: MatchOut},
    auth=SIGNED_IN,
    summary="Propose that an offer meets a need (organisers); the team and the partner are asked",
)
def propose_support_match(request, slug: str, payload: MatchIn):
    space = readable_space(request, slug)
    ensure_can(request.auth, "match_support", space)
    need = _found(
        SupportNeed.objects.filter(team__space=space), payload.need, "need", _("Choose a need of this challenge.")
    )
    offer = _found(SupportOffer.objects.filter(space=space), payload.offer, "offer", _("Choose an offer here."))
    match = services.support_match_propose(person=request.auth, need=need, offer=offer, notes=payload.notes)
    return Status(201, _match(space, match.pk))


@router.post(
    "/spaces/{slug}/support/matches/{match_id}/answer",
    response=MatchOut,
    auth=SIGNED_IN,
    summary="Agree to or decline a proposed match, for your team or for the partner offering",
)
def answer_support_match(request, slug: str, match_id: int, payload: MatchAnswerIn):
    space = readable_space(request, slug)
    services.support_match_answer(
        person=request.auth, match=_match(space, match_id), agree=payload.agree, side=payload.side
    )
    return _match(space, match_id)


@router.post(
    "/spaces/{slug}/support/matches/{match_id}/delivery",
    response=MatchOut,
    auth=SIGNED_IN,
    summary="Record that the support was given (organisers or the team); the need is then met",
)
def deliver_support_match(request, slug: str, match_id: int, payload: DeliveryIn):
    space = readable_space(request, slug)
    services.support_match_deliver(person=request.auth, match=_match(space, match_id), notes=payload.notes)
    return _match(space, match_id)


@router.get(
    "/spaces/{slug}/support/check-ins",
    response=list[CheckInOut],
    auth=SIGNED_IN,
    summary="Every check-in of the challenge with its answer (organisers)",
)
@paginate(Pages)
def list_check_ins(request, slug: str):
    space = readable_space(request, slug)
    ensure_can(request.auth, "match_support", space)
    return (
        CheckIn.objects.filter(prototype__space=space)
        .select_related("prototype__team")
        .order_by("months", "prototype__title", "pk")
    )


@router.post(
    "/spaces/{slug}/support/check-ins",
    response={201: ScheduledOut},
    auth=SIGNED_IN,
    summary="Schedule the 3, 6 and 12-month check-ins of every team's prototype now (organisers)",
)
def schedule_check_ins(request, slug: str):
    space = readable_space(request, slug)
    return Status(201, {"created": services.check_ins_schedule(space=space, person=request.auth)})


@router.get(
    "/spaces/{slug}/support/check-ins/mine",
    response=list[CheckInOut],
    auth=SIGNED_IN,
    summary="Check-ins waiting for an answer from your teams",
)
def own_check_ins(request, slug: str):
    space = readable_space(request, slug)
    check_ins = selectors.own_check_ins(person=request.auth, space=space)
    ids = [c.pk for c in check_ins]
    return CheckIn.objects.filter(pk__in=ids).select_related("prototype__team").order_by("due_at", "pk")


@router.put(
    "/spaces/{slug}/support/check-ins/{check_in_id}/answer",
    response=CheckInOut,
    auth=SIGNED_IN,
    summary="Answer a check-in (the prototype's team; organisers record an answer given by phone)",
)
def answer_check_in(request, slug: str, check_in_id: int, payload: CheckInAnswerIn):
    space = readable_space(request, slug)
    check_in = selectors.check_in_for_page(space=space, check_in_id=_in_range(check_in_id))
    ensure_can(request.auth, "answer_check_in", check_in)
    services.check_in_answer(
        person=request.auth,
        check_in=check_in,
        still_alive=payload.still_alive,
        stage=payload.stage,
        notes=payload.notes,
    )
    return selectors.check_in_for_page(space=space, check_in_id=_in_range(check_in_id))
