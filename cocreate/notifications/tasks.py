"""Background work for notifications, run by the task worker (`cocreate worker`)."""

from django_tasks import task

from cocreate.notifications import services


@task()
def notify(
    *,
    kind: str,
    idea_id: int,
    actor_id: int | None = None,
    comment_id: int | None = None,
    details: dict | None = None,
    recipient_ids: list[int] | None = None,
    reply_to: list[int] | None = None,
) -> int:
    """Create the in-app notifications for one event; e-mail follows in the next digest."""
    return services.notifications_create(
        kind=kind,
        idea_id=idea_id,
        actor_id=actor_id,
        comment_id=comment_id,
        details=details or {},
        recipient_ids=recipient_ids,
        reply_to=reply_to or [],
    )


@task()
def send_email_digests(*, frequency: str = "grouped") -> int:
    """Send each person one e-mail grouping what happened since the last one."""
    return services.email_digests_send(frequency=frequency)
