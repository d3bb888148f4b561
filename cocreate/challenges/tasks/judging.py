"""Background work for judging: telling entrants that the results are published."""

from django_tasks import task


@task()
def tell_results_published(*, recipient_ids: list[int], title: str, link: str, actor_id: int | None) -> int:
    """The people behind the ranked entries (their submitters and team members) hear that the
    results of the rubric called `title` are published at `link`."""
    from cocreate.notifications.models import NotificationKind
    from cocreate.notifications.services import notifications_send

    return notifications_send(
        kind=NotificationKind.RESULTS_PUBLISHED, recipient_ids=recipient_ids, title=title, link=link, actor_id=actor_id
    )
