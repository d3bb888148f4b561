"""Telling the people who follow a project what happened to it, after the write commits."""

from django.db import transaction


def tell_after_commit(kind: str, project, *, actor=None, recipient_ids: list[int] | None = None, **details) -> None:
    """Queue notifications for the project's followers (or the given people)."""
    from cocreate.budgets.tasks import notify_project_followers

    arguments = {
        "kind": kind,
        "project_id": project.pk,
        "actor_id": actor.pk if actor else None,
        "recipient_ids": recipient_ids,
        "details": details,
    }
    transaction.on_commit(lambda: notify_project_followers.enqueue(**arguments))
