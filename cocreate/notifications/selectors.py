from django.db import connection
from django.db.models import QuerySet

from cocreate.notifications.models import Notification


def unread_count(*, person) -> int:
    """Shown on every page a signed-in person sees: one plain query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM notifications_notification WHERE recipient_id = %s AND read_at IS NULL", [person.pk]
        )
        return cursor.fetchone()[0]


def inbox(*, person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).select_related("actor", "idea__space", "comment__idea__space")
