"""What support after the challenge holds about a person: the needs they wrote for their team,
the offers they made, and the check-ins they answered (or recorded for a team)."""

from cocreate.accounts.personal_data import exporter
from cocreate.challenges.models import CheckIn, SupportNeed, SupportOffer


@exporter("support needs")
def export_needs(person) -> list[dict]:
    return [
        {
            "space": need.team.space.title,
            "team": need.team.name,
            "kind": str(need.kind),
            "what would help": need.description,
            "status": need.status,
            "created_at": need.created_at.isoformat(),
        }
        for need in SupportNeed.objects.filter(created_by=person).select_related("team__space", "kind")
    ]


@exporter("support offers")
def export_offers(person) -> list[dict]:
    return [
        {
            "space": offer.space.title,
            "kind": str(offer.kind),
            "organisation": offer.organisation.name if offer.organisation else None,
            "what we offer": offer.description,
            "capacity": offer.capacity,
            "closed_at": offer.closed_at.isoformat() if offer.closed_at else None,
            "created_at": offer.created_at.isoformat(),
        }
        for offer in SupportOffer.objects.filter(offered_by=person).select_related("space", "kind", "organisation")
    ]


@exporter("check-in answers")
def export_check_ins(person) -> list[dict]:
    return [
        {
            "prototype": check_in.prototype.title,
            "months": check_in.months,
            "still alive": check_in.still_alive,
            "stage": check_in.stage,
            "what happened since": check_in.notes,
            "answered_at": check_in.answered_at.isoformat() if check_in.answered_at else None,
        }
        for check_in in CheckIn.objects.filter(answered_by=person).select_related("prototype")
    ]
