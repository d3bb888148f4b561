"""Creating notifications, marking them read, and sending them grouped by e-mail."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from cocreate.accounts.models import EmailFrequency, Person
from cocreate.notifications.email import send_to_person
from cocreate.notifications.models import Notification, NotificationKind

logger = logging.getLogger(__name__)

# At most this many events are listed in one e-mail; the rest are on the notifications page.
EMAIL_LIST_LIMIT = 30


def notifications_create(
    *,
    kind: str,
    idea_id: int,
    actor_id: int | None,
    comment_id: int | None,
    details: dict,
    recipient_ids: list[int] | None,
    reply_to: list[int],
) -> int:
    """Tell the followers of an idea (or the given recipients) about one event. A reply to
    someone's comment reaches them as a reply, not also as a comment."""
    from cocreate.ideas.models import Follow

    if recipient_ids is None:
        recipient_ids = list(Follow.objects.filter(idea_id=idea_id).values_list("person_id", flat=True))
    followers, replied_to = set(recipient_ids), set(reply_to)
    followers, replied_to = _who_can_read(idea_id, followers), _who_can_read(idea_id, replied_to)
    reachable = set(
        Person.objects.filter(
            pk__in=followers | replied_to, kind="account", is_active=True, deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    common = {"actor_id": actor_id, "idea_id": idea_id, "comment_id": comment_id, "details": details}
    rows = [
        Notification(recipient_id=pk, kind=kind, **common)
        for pk in sorted((followers & reachable) - replied_to - {actor_id})
    ]
    rows += [
        Notification(recipient_id=pk, kind=NotificationKind.REPLIED, **common)
        for pk in sorted((replied_to & reachable) - {actor_id})
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def notifications_send(
    *,
    kind: str,
    recipient_ids: list[int] | set[int],
    title: str,
    link: str,
    actor_id: int | None = None,
    details: dict | None = None,
) -> int:
    """Tell these people about something that is not an idea or a project (an event, a team, a
    prototype…): `title` names it in the sentence, `link` is where the notification leads.
    Only people with an active account are told; the actor is not told of their own doing."""
    reachable = Person.objects.filter(
        pk__in=set(recipient_ids) - {actor_id}, kind="account", is_active=True, deleted_at__isnull=True
    ).values_list("pk", flat=True)
    rows = [
        Notification(
            recipient_id=pk, kind=kind, actor_id=actor_id, link=link, details={**(details or {}), "title": title}
        )
        for pk in sorted(reachable)
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _who_can_read(idea_id: int, person_ids: set[int]) -> set[int]:
    """Of these people, those who may still read the idea's space (a private space may have
    left some of them out since they followed)."""
    from cocreate.spaces.models import Space, Visibility
    from cocreate.spaces.permissions import may_read_space

    space = Space.objects.filter(ideas__pk=idea_id).first()
    if space is None or space.visibility == Visibility.PUBLIC or not person_ids:
        return person_ids
    people = Person.objects.filter(pk__in=person_ids)
    return {p.pk for p in people if may_read_space(p, space)}


def notifications_mark_read(*, person: Person, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def email_digests_send(*, frequency: str = EmailFrequency.GROUPED) -> int:
    """Send one e-mail per person with notifications not yet e-mailed; returns how many were
    sent. Each person's notifications are claimed first (`emailed_at` set in one UPDATE), so two
    workers running at once never send the same event twice."""
    pending = Notification.objects.filter(emailed_at__isnull=True)
    # Nobody to write to: mark as dealt with so they do not pile up.
    pending.filter(
        Q(recipient__email_frequency=EmailFrequency.NEVER)
        | Q(recipient__email__isnull=True)
        | Q(recipient__is_active=False)
    ).update(emailed_at=timezone.now())

    sent = 0
    recipient_ids = (
        pending.filter(recipient__email_frequency=frequency).values_list("recipient_id", flat=True).distinct()
    )
    for person in Person.objects.filter(pk__in=list(recipient_ids)):
        claim = timezone.now()
        with transaction.atomic():
            claimed = Notification.objects.filter(recipient=person, emailed_at__isnull=True).update(emailed_at=claim)
        if not claimed:
            continue
        notifications = list(
            Notification.objects.filter(recipient=person, emailed_at=claim)
            .select_related("actor", "idea__space", "comment", "project__space")
            .order_by("created_at")
        )
        try:
            with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
                send_to_person(
                    person,
                    template="notifications/email/digest",
                    context={
                        "notifications": notifications[:EMAIL_LIST_LIMIT],
                        "more": max(0, len(notifications) - EMAIL_LIST_LIMIT),
                    },
                )
            sent += 1
        except Exception:
            # Give the notifications back, so that the next run tries again.
            logger.exception("Could not send the notification e-mail to person %s", person.pk)
            Notification.objects.filter(recipient=person, emailed_at=claim).update(emailed_at=None)
    return sent
