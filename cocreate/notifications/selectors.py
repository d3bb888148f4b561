from django.db import connection
from django.db.models import Q, QuerySet

from cocreate.notifications.models import Notification, NotificationKind


def unread_count(*, person) -> int:
    """Shown on every page a signed-in person sees: one plain query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM notifications_notification WHERE recipient_id = %s AND read_at IS NULL", [person.pk]
        )
        return cursor.fetchone()[0]


def inbox(*, person) -> QuerySet[Notification]:
    """The person's notifications about what they may still see: not about ideas or projects hidden since
    (except the notice that their own was hidden), nor about spaces they can no longer read."""
    from cocreate.spaces.models import Space

    visible = Space.objects.visible_to(person)
    return (
        Notification.objects.filter(recipient=person)
        .filter(Q(idea__hidden_at__isnull=True) | Q(kind=NotificationKind.HIDDEN))
        .filter(Q(project__isnull=True) | Q(project__hidden_at__isnull=True))
        # Those about an event, a team, a prototype… carry a link instead (notifications_send).
        .filter(Q(idea__space__in=visible) | Q(project__space__in=visible) | Q(idea=None, project=None))
        .select_related("actor", "idea__space", "comment__idea__space", "project__space")
    )
