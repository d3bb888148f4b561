"""Background work for prototypes: telling people about stage changes and test invitations."""

from django_tasks import task


@task()
def tell_stage_changed(*, prototype_id: int, actor_id: int | None) -> int:
    """A prototype moved to a new stage: tell its team and the followers of its source ideas."""
    from cocreate.challenges.models import Prototype, TeamMember
    from cocreate.ideas.models import Follow
    from cocreate.notifications.models import NotificationKind
    from cocreate.notifications.services import notifications_send
    from cocreate.spaces.permissions import may_read_space

    prototype = Prototype.objects.select_related("space").filter(pk=prototype_id).first()
    if prototype is None:
        return 0
    idea_ids = list(prototype.sources.values_list("idea_id", flat=True))
    recipients = set(Follow.objects.filter(idea_id__in=idea_ids).values_list("person_id", flat=True))
    if prototype.team_id:
        recipients |= set(TeamMember.objects.filter(team_id=prototype.team_id).values_list("person_id", flat=True))
    elif prototype.created_by_id:
        recipients.add(prototype.created_by_id)
    if not prototype.space.is_public():
        from cocreate.accounts.models import Person

        recipients = {p.pk for p in Person.objects.filter(pk__in=recipients) if may_read_space(p, prototype.space)}
    return notifications_send(
        kind=NotificationKind.STAGE_CHANGED,
        recipient_ids=recipients,
        title=prototype.title,
        link=prototype.get_absolute_url(),
        actor_id=actor_id,
        details={"stage": prototype.stage},
    )


@task()
def tell_test_invitations(*, session_id: int, person_ids: list[int], actor_id: int | None) -> int:
    """People were invited to a test session: tell each of them."""
    from cocreate.challenges.models import TestSession
    from cocreate.notifications.models import NotificationKind
    from cocreate.notifications.services import notifications_send

    session = TestSession.objects.select_related("prototype__space").filter(pk=session_id).first()
    if session is None:
        return 0
    return notifications_send(
        kind=NotificationKind.TEST_INVITATION,
        recipient_ids=person_ids,
        title=session.prototype.title,
        link=session.get_absolute_url(),
        actor_id=actor_id,
        details={"session": session.title},
    )
