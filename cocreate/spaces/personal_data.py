from cocreate.accounts.personal_data import eraser, exporter
from cocreate.spaces.models import Report, Resident, SpaceRole


@exporter("reports")
def export_reports(person) -> list[dict]:
    return [
        {"reason": r.reason, "details": r.details, "created": r.created_at.isoformat(), "outcome": r.outcome}
        for r in Report.objects.filter(reporter=person).order_by("created_at")
    ]


@exporter("roles_in_spaces")
def export_roles(person) -> list[dict]:
    return [
        {"space": r.space.title, "role": r.role}
        for r in SpaceRole.objects.filter(person=person).select_related("space")
    ]


@exporter("residency")
def export_residency(person) -> list[dict]:
    return [
        {
            "space": r.space.title,
            "reference": r.reference,
            "verified": r.verified_at.isoformat() if r.verified_at else None,
        }
        for r in Resident.objects.filter(person=person).select_related("space")
    ]


@eraser
def erase(person) -> None:
    Report.objects.filter(reporter=person).update(details="")
