from cocreate.accounts.personal_data import eraser, exporter
from cocreate.notifications.models import Notification


@exporter("notifications")
def export_notifications(person) -> list[dict]:
    return [
        {"what": n.sentence(), "created": n.created_at.isoformat(), "read": n.read_at is not None}
        for n in Notification.objects.filter(recipient=person).select_related("actor", "idea", "comment")
    ]


@eraser
def erase(person) -> None:
    Notification.objects.filter(recipient=person).delete()
