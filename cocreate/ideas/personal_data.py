"""What the ideas app holds about a person, for the data download and account deletion."""

from django.db.models import F

from cocreate.accounts.personal_data import eraser, exporter, on_name_change
from cocreate.ideas.models import Comment, Follow, Idea, IdeaAuthor, OfficialAnswer, Support
from cocreate.spaces.models import Space


@exporter("ideas")
def export_ideas(person) -> list[dict]:
    return [
        {
            "id": a.idea_id,
            "space": a.idea.space.title,
            "title": a.idea.title,
            "description": a.idea.body,
            "lead_author": a.is_lead,
            "status": a.idea.status,
            "created": a.idea.created_at.isoformat(),
        }
        for a in IdeaAuthor.objects.filter(person=person).select_related("idea__space").order_by("idea__created_at")
    ]


@exporter("comments")
def export_comments(person) -> list[dict]:
    return [
        {
            "id": c.pk,
            "idea": c.idea_id,
            "idea_title": c.idea.title,
            "text": c.body,
            "created": c.created_at.isoformat(),
            "hidden_by_moderator": c.is_hidden,
        }
        for c in Comment.objects.filter(author=person).select_related("idea").order_by("created_at")
    ]


@exporter("supports")
def export_supports(person) -> list[dict]:
    return [
        {"idea": s.idea_id, "idea_title": s.idea.title, "created": s.created_at.isoformat()}
        for s in Support.objects.filter(person=person).select_related("idea").order_by("created_at")
    ]


@exporter("following")
def export_follows(person) -> list[dict]:
    return [
        {"idea": f.idea_id, "idea_title": f.idea.title, "since": f.created_at.isoformat()}
        for f in Follow.objects.filter(person=person).select_related("idea").order_by("created_at")
    ]


@eraser
def erase(person) -> None:
    # Following only mattered to the person. Ideas, comments and supports stay (shown as from
    # a deleted account), so that the discussion and the counts others rely on do not change.
    Follow.objects.filter(person=person).delete()


@on_name_change
def refresh_pages(person) -> None:
    idea_ids = (
        set(IdeaAuthor.objects.filter(person=person).values_list("idea_id", flat=True))
        | set(Comment.objects.filter(author=person).values_list("idea_id", flat=True))
        | set(OfficialAnswer.objects.filter(answered_by=person).values_list("idea_id", flat=True))
    )
    if idea_ids:
        Idea.objects.filter(pk__in=idea_ids).update(version=F("version") + 1)
        spaces = Idea.objects.filter(pk__in=idea_ids).values_list("space_id", flat=True).distinct()
        Space.objects.filter(pk__in=list(spaces)).update(version=F("version") + 1)
