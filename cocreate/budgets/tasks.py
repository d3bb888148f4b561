"""Background work for participatory budgets, run by the task worker."""

from django_tasks import task


@task()
def notify_project_followers(
    *, kind: str, project_id: int, actor_id: int | None, recipient_ids: list[int] | None, details: dict
) -> int:
    """In-app notifications (e-mailed in the next digest) for the followers of a project."""
    from cocreate.accounts.models import Person
    from cocreate.budgets.models import Project, ProjectFollow
    from cocreate.notifications.models import Notification
    from cocreate.spaces.permissions import may_read_space

    project = Project.objects.select_related("space").filter(pk=project_id).first()
    if project is None:
        return 0
    if recipient_ids is None:
        recipient_ids = list(ProjectFollow.objects.filter(project_id=project_id).values_list("person_id", flat=True))
    people = Person.objects.filter(
        pk__in=set(recipient_ids) - {actor_id}, kind="account", is_active=True, deleted_at__isnull=True
    )
    rows = [
        Notification(recipient=person, kind=kind, actor_id=actor_id, project_id=project_id, details=details)
        for person in people
        if project.space.is_public() or may_read_space(person, project.space)
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@task()
def seal_closed_ballots() -> int:
    """Erase the keys that let voters change their ballots once a vote has closed."""
    from cocreate.budgets.services import ballots_seal

    return ballots_seal()
