"""What recognition holds about a person: certificates and credits awarded to them, and their
prize shares. On account deletion the certificates and credits naming them go (they only mean
something with the name); prize shares stay, as the record of money paid."""

from django.db.models import F

from cocreate.accounts.personal_data import eraser, exporter
from cocreate.challenges.models import PrizeShare, Recognition
from cocreate.spaces.models import Space


@exporter("certificates and credits")
def export_recognitions(person) -> list[dict]:
    return [
        {
            "space": r.space.title,
            "kind": r.kind,
            "what they did": r.citation,
            "reference": str(r.reference),
            "awarded_at": r.awarded_at.isoformat(),
        }
        for r in Recognition.objects.filter(person=person).select_related("space")
    ]


@exporter("prize shares")
def export_prize_shares(person) -> list[dict]:
    return [
        {
            "space": share.prize.space.title,
            "prize": share.prize.title,
            "share": str(share.amount),
            "currency": share.prize.currency,
            "payment": share.payment_status,
            "paid_at": share.paid_at.isoformat() if share.paid_at else None,
        }
        for share in PrizeShare.objects.filter(person=person).select_related("prize__space")
    ]


@eraser
def erase(person) -> None:
    named = Recognition.objects.filter(person=person, organisation__isnull=True)
    spaces = set(named.values_list("space_id", flat=True))
    named.delete()
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
