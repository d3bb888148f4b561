"""What the prototypes part of a challenge holds about a person: the prototypes they submitted
and the feedback they gave. On account deletion their feedback stays counted in the figures,
but its comments are erased and nothing links it to them any more."""

from django.db.models import F

from cocreate.accounts.personal_data import eraser, exporter, on_name_change
from cocreate.challenges.models import Feedback, Prototype, TestInvitation
from cocreate.spaces.models import Space


@exporter("prototypes created")
def export_prototypes(person) -> list[dict]:
    return [
        {
            "space": p.space.title,
            "title": p.title,
            "summary": p.summary,
            "stage": p.stage,
            "team": p.team.name if p.team else "",
            "created_at": p.created_at.isoformat(),
        }
        for p in Prototype.objects.filter(created_by=person).select_related("space", "team")
    ]


@exporter("feedback given")
def export_feedback(person) -> list[dict]:
    return [
        {
            "prototype": f.session.prototype.title,
            "test_session": f.session.title,
            "version": f.session.version.number,
            "tasks": [
                {"task": task, "managed": done} for task, done in zip(f.session.tasks, f.tasks_done, strict=False)
            ],
            "ease": f.ease,
            "would_use": f.would_use,
            "comments": f.comments,
            "created_at": f.created_at.isoformat(),
        }
        for f in Feedback.objects.filter(person=person).select_related("session__prototype", "session__version")
    ]


@eraser
def erase(person) -> None:
    Feedback.objects.filter(person=person).update(person=None, comments="")
    TestInvitation.objects.filter(person=person).delete()


@on_name_change
def refresh_pages(person) -> None:
    spaces = set(Prototype.objects.filter(created_by=person).values_list("space_id", flat=True))
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
