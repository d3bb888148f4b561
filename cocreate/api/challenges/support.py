"""Support after a challenge: what teams need and what partners offer, with where each stands."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import NeedStatus, SupportKind, SupportNeed, SupportOffer
from cocreate.challenges.selectors import support as selectors

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
