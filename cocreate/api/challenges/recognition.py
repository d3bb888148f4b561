"""Recognition in a challenge: published prizes and public credits. Certificates stay with the
people who received them (anyone can check one by its reference on the site; the printable
certificate is a page of the site, not part of the API). The organisers award and withdraw
certificates and public credits, award prizes, split a prize among the team's members
(equally, or with amounts that add up to the prize) and record each share's payment."""

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.accounts.models import Organisation, Person
from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import PaymentStatus, Prize, PrizeShare, Recognition, RecognitionKind, Team
from cocreate.challenges.selectors import recognition as selectors
from cocreate.challenges.services import recognition as services
from cocreate.spaces.permissions import ensure_can

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


class RecognitionOut(Schema):
    id: int
    kind: RecognitionKind
    person: int | None = Field(description="id of the person recognised")
    person_name: str | None
    organisation: int | None = Field(description="id of the organisation thanked")
    organisation_name: str | None
    team: int | None
    citation: str
    reference: UUID = Field(description="anyone can check a certificate by this reference on the site")
    awarded_at: datetime

    @staticmethod
    def resolve_person(recognition: Recognition):
        return recognition.person_id

    @staticmethod
    def resolve_person_name(recognition: Recognition):
        return recognition.person.public_name if recognition.person else None

    @staticmethod
    def resolve_organisation(recognition: Recognition):
        return recognition.organisation_id

    @staticmethod
    def resolve_organisation_name(recognition: Recognition):
        return recognition.organisation.name if recognition.organisation else None

    @staticmethod
    def resolve_team(recognition: Recognition):
        return recognition.team_id


class ShareOut(Schema):
    id: int
    prize: int
    person: int
    person_name: str
    amount: Decimal
    payment_status: PaymentStatus
    paid_at: datetime | None
    recorded_at: datetime | None

    @staticmethod
    def resolve_prize(share: PrizeShare):
        return share.prize_id

    @staticmethod
    def resolve_person(share: PrizeShare):
        return share.person_id

    @staticmethod
    def resolve_person_name(share: PrizeShare):
        return share.person.public_name


class PrizeDetailOut(PrizeOut):
    team_id: int | None = Field(description="id of the winning team")
    shares: list[ShareOut] = Field(description="how the team's members share it; empty until it is split")

    @staticmethod
    def resolve_team_id(prize: Prize):
        return prize.team_id

    @staticmethod
    def resolve_shares(prize: Prize):
        return list(prize.shares.all())


class RecognitionIn(Schema):
    kind: RecognitionKind = Field(description="certificate (for a person) or public_credit (a person or organisation)")
    citation: Text = Field(max_length=5000, description="what they did; printed as it is")
    recipient: Id | None = Field(None, description="id of the person recognised (a member of a team here)")
    organisation: Id | None = Field(None, description="id of the organisation thanked (a public credit)")
    team: Id | None = Field(None, description="id of the team it is about (optional)")


class PrizeIn(Schema):
    title: Text = Field(max_length=300, description="the prize, e.g. “Best prototype for young people”")
    amount: Decimal = Field(ge=0, lt=10**10, decimal_places=2, description="in the currency below")
    currency: Text = Field("GBP", max_length=3, description="three-letter code: GBP, EUR, BRL…")
    team: Id = Field(description="id of the winning team")
    reason: Text = Field("", max_length=5000, description="why they won (optional)")


class ShareIn(Schema):
    person: Id = Field(description="id of a member of the winning team")
    amount: Decimal = Field(ge=0, lt=10**10, decimal_places=2)


class SplitIn(Schema):
    how: Literal["equal", "amounts"] = Field(
        "equal", description="equal: shared equally among the team's members; amounts: as given below"
    )
    amounts: list[ShareIn] = Field(
        default_factory=list,
        max_length=200,
        description="with how=amounts: each member's share, adding up to the prize",
    )


class PaymentIn(Schema):
    payment_status: PaymentStatus = Field(description="paid, declined (by the winner) or due (a correction)")


def _in_range(pk: int) -> int:
    if not 0 < pk < 2**62:
        raise Http404
    return pk


def _found(queryset, pk: int | None, field: str, message: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: message})
    return found


def _staff_space(request, slug: str):
    space = readable_space(request, slug)
    ensure_can(request.auth, "recognise", space)
    return space


def _recognitions(space):
    return Recognition.objects.filter(space=space).select_related("person", "organisation")


def _prize(space, prize_id: int) -> Prize:
    return selectors.prize_for_page(space=space, prize_id=_in_range(prize_id))


@router.get(
    "/spaces/{slug}/recognitions",
    response=list[RecognitionOut],
    auth=SIGNED_IN,
    summary="Every certificate and public credit awarded here (organisers)",
)
@paginate(Pages)
def list_recognitions(request, slug: str):
    return _recognitions(_staff_space(request, slug)).order_by("-awarded_at", "-pk")


@router.post(
    "/spaces/{slug}/recognitions",
    response={201: RecognitionOut},
    auth=SIGNED_IN,
    summary="Award a certificate or a public credit (organisers)",
)
def award_recognition(request, slug: str, payload: RecognitionIn):
    space = _staff_space(request, slug)
    people = Person.objects.filter(team_memberships__team__space=space).distinct()
    organisations = Organisation.objects.filter(Q(support_offers__space=space) | Q(spaces=space)).distinct()
    recognition = services.recognition_award(
        person=request.auth,
        space=space,
        kind=payload.kind,
        citation=payload.citation,
        recipient=_found(people, payload.recipient, "recipient", _("Choose a member of a team of this challenge.")),
        organisation=_found(
            organisations,
            payload.organisation,
            "organisation",
            _("Choose an organisation running this challenge or offering support in it."),
        ),
        team=_found(Team.objects.filter(space=space), payload.team, "team", _("Choose a team of this challenge.")),
    )
    return Status(201, _recognitions(space).get(pk=recognition.pk))


@router.delete(
    "/spaces/{slug}/recognitions/{recognition_id}",
    response={204: None},
    auth=SIGNED_IN,
    summary="Withdraw a recognition given by mistake (organisers); its reference no longer checks out",
)
def withdraw_recognition(request, slug: str, recognition_id: int):
    space = readable_space(request, slug)
    recognition = Recognition.objects.filter(space=space, pk=_in_range(recognition_id)).first()
    if recognition is None:
        raise Http404
    recognition.space = space
    services.recognition_withdraw(person=request.auth, recognition=recognition)
    return Status(204, None)


@router.post(
    "/spaces/{slug}/prizes",
    response={201: PrizeDetailOut},
    auth=SIGNED_IN,
    summary="Award a prize to a team (organisers); it is published at once",
)
def award_prize(request, slug: str, payload: PrizeIn):
    space = _staff_space(request, slug)
    teams = Team.objects.filter(space=space, disbanded_at__isnull=True)
    prize = services.prize_award(
        person=request.auth,
        space=space,
        title=payload.title,
        amount=payload.amount,
        currency=payload.currency,
        team=_found(teams, payload.team, "team", _("Choose a team of this challenge.")),
        reason=payload.reason,
    )
    return Status(201, _prize(space, prize.pk))


@router.get(
    "/spaces/{slug}/prizes/{prize_id}",
    response=PrizeDetailOut,
    auth=SIGNED_IN,
    summary="A prize with its shares and their payments (organisers)",
)
def get_prize(request, slug: str, prize_id: int):
    return _prize(_staff_space(request, slug), prize_id)


@router.put(
    "/spaces/{slug}/prizes/{prize_id}/split",
    response=PrizeDetailOut,
    auth=SIGNED_IN,
    summary="Share a prize among the team's members, equally or with amounts adding up to it (organisers)",
)
def split_prize(request, slug: str, prize_id: int, payload: SplitIn):
    space = _staff_space(request, slug)
    prize = _prize(space, prize_id)
    amounts = None
    if payload.how == "amounts":
        if not payload.amounts:
            raise ValidationError({"amounts": _("Give each member's share, or choose to share it equally.")})
        amounts = {}
        for share in payload.amounts:
            if share.person in amounts:
                raise ValidationError({"amounts": _("Give each member's share once.")})
            amounts[share.person] = share.amount
    services.prize_split(person=request.auth, prize=prize, amounts=amounts)
    return _prize(space, prize_id)


@router.put(
    "/spaces/{slug}/prize-shares/{share_id}/payment",
    response=ShareOut,
    auth=SIGNED_IN,
    summary="Record that a share was paid, declined by the winner, or is due again (organisers)",
)
def record_share_payment(request, slug: str, share_id: int, payload: PaymentIn):
    space = _staff_space(request, slug)
    share = selectors.share_for_page(space=space, share_id=_in_range(share_id))
    share = services.prize_share_record_payment(person=request.auth, share=share, status=payload.payment_status)
    return PrizeShare.objects.select_related("person").get(pk=share.pk)
