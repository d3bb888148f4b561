"""Background work for condensing: telling the authors of ideas that were included in a
condensed proposal, and the people invited to co-design."""

from django_tasks import task


@task()
def tell_authors_condensed(*, condensed_id: int, idea_ids: list[int], actor_id: int | None, link: str) -> int:
    """The authors of these ideas: "your idea is included in the condensed proposal X"."""
    from cocreate.challenges.models import CondensedProposal
    from cocreate.ideas.models import IdeaAuthor
    from cocreate.notifications.models import NotificationKind
    from cocreate.notifications.services import notifications_send

    condensed = CondensedProposal.objects.filter(pk=condensed_id).only("title").first()
    if condensed is None:
        return 0
    authors = set(IdeaAuthor.objects.filter(idea_id__in=idea_ids).values_list("person_id", flat=True))
    return notifications_send(
        kind=NotificationKind.CONDENSED,
        recipient_ids=authors,
        title=condensed.title,
        link=link,
        actor_id=actor_id,
        details={"condensed": condensed_id, "ideas": list(idea_ids)},
    )


@task()
def tell_co_design_invited(*, invitation_ids: list[int], actor_id: int | None) -> int:
    """Each invited person: "you are invited to co-design X", leading to their answer page."""
    from django.urls import reverse

    from cocreate.challenges.models import CoDesignInvitation
    from cocreate.notifications.models import NotificationKind
    from cocreate.notifications.services import notifications_send

    sent = 0
    for invitation in CoDesignInvitation.objects.filter(pk__in=invitation_ids).select_related("condensed__space"):
        link = reverse(
            "challenges:condensing_co_design_answer",
            kwargs={"slug": invitation.condensed.space.slug, "invitation_id": invitation.pk},
        )
        sent += notifications_send(
            kind=NotificationKind.CO_DESIGN,
            recipient_ids=[invitation.person_id],
            title=invitation.condensed.title,
            link=link,
            actor_id=actor_id,
            details={"condensed": invitation.condensed_id, "invitation": invitation.pk},
        )
    return sent
