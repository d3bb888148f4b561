"""Ideas as a source of similar-item suggestions (`cocreate.spaces.similarity`): the open and
answered ideas of a space, visible, not merged or withdrawn; the title counts twice."""

from cocreate.ideas.models import Idea, IdeaStatus
from cocreate.spaces import similarity

SOURCE = "ideas"
# Only the start of a long description is compared: it says what the idea is about.
BODY_CHARACTERS = 1500
NOT_SUGGESTED = (IdeaStatus.MERGED, IdeaStatus.WITHDRAWN)


def idea_text(title: str, body: str) -> str:
    return f"{title}\n{title}\n{body[:BODY_CHARACTERS]}"


def _suggestible(space_id: int):
    return Idea.objects.filter(space_id=space_id, hidden_at__isnull=True).exclude(status__in=NOT_SUGGESTED)


def suggestible_idea_count(space_id: int) -> int:
    return _suggestible(space_id).count()


def suggestible_idea_rows(space_id: int, ids=None):
    ideas = _suggestible(space_id)
    if ids is not None:
        ideas = ideas.filter(pk__in=list(ids))
    for pk, title, body in ideas.values_list("pk", "title", "body").order_by("pk").iterator(chunk_size=5000):
        yield pk, idea_text(title, body)


def ideas_changed(space_id: int, ids) -> None:
    """Tell the indexes that these ideas changed with `QuerySet.update()` (status, visibility)."""
    similarity.changed(SOURCE, space_id, ids)


similarity.register_source(SOURCE, model=Idea, rows=suggestible_idea_rows, count=suggestible_idea_count)
