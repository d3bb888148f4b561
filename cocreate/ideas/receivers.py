"""Moderation of ideas and comments: keep counters and caches right, tell the authors."""

from django.db import transaction
from django.dispatch import receiver

from cocreate.ideas.models import Comment, Idea
from cocreate.ideas.services import on_contribution_moderated
from cocreate.notifications.models import NotificationKind
from cocreate.notifications.tasks import notify
from cocreate.spaces.signals import contribution_hidden, contribution_restored


@receiver(contribution_hidden, sender=Idea)
@receiver(contribution_hidden, sender=Comment)
def hidden(sender, content, moderator, **kwargs):
    on_contribution_moderated(content, hidden=True)
    idea = content.idea if isinstance(content, Comment) else content
    arguments = {
        "kind": NotificationKind.HIDDEN,
        "idea_id": idea.pk,
        "comment_id": content.pk if isinstance(content, Comment) else None,
        "actor_id": moderator.pk,
        "recipient_ids": [p.pk for p in content.author_people() if p.kind == "account"],
        "details": {"reason": content.hidden_reason},
    }
    transaction.on_commit(lambda: notify.enqueue(**arguments))


@receiver(contribution_restored, sender=Idea)
@receiver(contribution_restored, sender=Comment)
def restored(sender, content, moderator, **kwargs):
    on_contribution_moderated(content, hidden=False)
