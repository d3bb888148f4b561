"""Background work for events, run by the task worker."""

from django_tasks import task


@task()
def tell_about_event(*, kind: str, event_id: int, recipient_ids: list[int], actor_id: int | None = None) -> int:
    """In-app notifications (e-mailed in the next digest) about an event: a place confirmed
    (EVENT_PLACE) or the event changed or cancelled (EVENT_CHANGED)."""
    from django.conf import settings
    from django.utils import translation

    from cocreate.challenges.models import Event
    from cocreate.notifications.services import notifications_send

    event = Event.objects.select_related("space").filter(pk=event_id).first()
    if event is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        link = event.get_absolute_url()
    return notifications_send(kind=kind, recipient_ids=recipient_ids, title=event.title, link=link, actor_id=actor_id)


@task()
def delete_access_needs() -> int:
    """Delete the access needs given for events that have ended."""
    from cocreate.challenges.services.events import access_needs_delete

    return access_needs_delete()
