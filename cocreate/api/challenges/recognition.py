"""Recognition in a challenge: published prizes and public credits. Certificates stay with the
people who received them (anyone can check one by its reference on the site)."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Router, Schema

from cocreate.api.auth import ANYONE
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import Prize, Recognition
from cocreate.challenges.selectors import recognition as selectors

router = Router(tags=["challenges: recognition"])


class PrizeOut(Schema):
    id: int
    title: str
    amount: Decimal
    currency: str
    team: str | None = Field(description="name of the winning team")
    reason: str
    awarded_at: datetime | None

    @staticmethod
    def resolve_team(prize: Prize):
        return prize.team.name if prize.team else None


class CreditOut(Schema):
    id: int
    thanked: str = Field(description="the organisation or person thanked")
    team: str | None
    citation: str
    awarded_at: datetime

    @staticmethod
    def resolve_thanked(credit: Recognition):
        return credit.organisation.name if credit.organisation else credit.person.public_name

    @staticmethod
    def resolve_team(credit: Recognition):
        return credit.team.name if credit.team else None


@router.get("/spaces/{slug}/prizes", response=list[PrizeOut], auth=ANYONE, summary="Prizes awarded in a challenge")
def list_prizes(request, slug: str):
    return selectors.published_prizes(space=readable_space(request, slug))


@router.get("/spaces/{slug}/credits", response=list[CreditOut], auth=ANYONE, summary="Public credits of a challenge")
def list_credits(request, slug: str):
    return selectors.public_credits(space=readable_space(request, slug))
