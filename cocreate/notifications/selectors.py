from django.db.models import QuerySet

from cocreate.notifications.models import Notification


def unread_count(*, person) -> int:
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def inbox(*, person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).select_related("actor", "idea__space", "comment__idea__space")
