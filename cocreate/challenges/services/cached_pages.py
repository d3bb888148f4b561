"""Pages are cached by the version of what they show (a space, an idea): every write that
changes a public page bumps that version in the same transaction, so the next visitor sees
the change. One place for it, used by every part of a challenge."""

from django.db.models import F

from cocreate.ideas.models import Idea
from cocreate.spaces.models import Space


def space_changed(space_id: int) -> None:
    """Pages showing the space (its lists, its challenge pages) must be rendered again."""
    Space.objects.filter(pk=space_id).update(version=F("version") + 1)


def ideas_changed(idea_ids) -> None:
    """The ideas' own pages say what came of them (a prototype, a condensed proposal), so they
    must be rendered again."""
    idea_ids = list(idea_ids)
    if idea_ids:
        Idea.objects.filter(pk__in=idea_ids).update(version=F("version") + 1)
