"""What events hold about a person, for the data download and account deletion: their
registrations (with the access needs they gave, while still held: they are deleted after the
event) and the events they were checked in at."""

from django.utils import timezone

from cocreate.accounts.personal_data import eraser, exporter
from cocreate.challenges.models import Attendance, Registration, RegistrationStatus


@exporter("event registrations")
def export_registrations(person) -> list[dict]:
    return [
        {
            "space": r.event.space.title,
            "event": r.event.title,
            "starts_at": r.event.starts_at.isoformat(),
            "status": r.status,
            "registered_at": r.registered_at.isoformat(),
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "access_needs": r.access_needs,
            "entered_by_staff": r.entered_by_id is not None,
        }
        for r in Registration.objects.filter(person=person).select_related("event__space")
    ]


@exporter("event attendances")
def export_attendances(person) -> list[dict]:
    return [
        {"space": a.event.space.title, "event": a.event.title, "checked_in_at": a.checked_in_at.isoformat()}
        for a in Attendance.objects.filter(person=person).select_related("event__space")
    ]


@eraser
def erase(person) -> None:
    # Access needs go at once; places still to come are freed (the waiting list is not moved
    # on here: the organisers see the cancelled row and can register the next person).
    Registration.objects.filter(person=person).exclude(access_needs="").update(access_needs="")
    Registration.objects.filter(person=person, event__ends_at__gt=timezone.now()).exclude(
        status=RegistrationStatus.CANCELLED
    ).update(status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now())
