"""Background work for support after the challenge: notifications about needs, offers and
matches, and the daily job that schedules check-ins and sends the ones that are due."""

from django.db import transaction
from django_tasks import task


@task()
def tell_about_support(*, kind: str, recipient_ids: list[int], title: str, link: str, actor_id: int | None) -> int:
    """In-app notifications (e-mailed in the next digest) about support, a check-in or a recognition."""
    from cocreate.notifications.services import notifications_send

    return notifications_send(kind=kind, recipient_ids=recipient_ids, title=title, link=link, actor_id=actor_id)


def tell_after_commit(*, kind: str, recipient_ids, title: str, link: str, actor=None) -> None:
    arguments = {
        "kind": str(kind),
        "recipient_ids": sorted(set(recipient_ids)),
        "title": str(title),
        "link": link,
        "actor_id": actor.pk if getattr(actor, "pk", None) else None,
    }
    if arguments["recipient_ids"]:
        transaction.on_commit(lambda: tell_about_support.enqueue(**arguments))


@task()
def send_due_check_ins() -> int:
    """Daily: schedule the check-ins of challenges that have ended, then tell each team whose
    check-in is due, once (each check-in is claimed by setting `sent_at` before telling).
    Running it twice sends nothing twice. Returns how many check-ins were sent."""
    from cocreate.challenges.services.support import check_ins_schedule_ended, check_ins_send_due

    check_ins_schedule_ended()
    return check_ins_send_due()
