"""Background work for teams, run by the task worker."""

from django_tasks import task


@task()
def tell_about_team(*, kind: str, recipient_ids: list[int], title: str, link: str, actor_id: int | None) -> int:
    """In-app notifications (e-mailed in the next digest) about an invitation, a request to
    join, or an answer to one."""
    from cocreate.notifications.services import notifications_send

    return notifications_send(kind=kind, recipient_ids=recipient_ids, title=title, link=link, actor_id=actor_id)
