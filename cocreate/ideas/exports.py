"""Open data: a space's ideas and comments, as CSV or JSON, with nothing that identifies a person
(no names, no e-mail addresses, no account ids; only the public text, dates and counts)."""

from django.http import HttpResponse

from cocreate.ideas.selectors import comments_for_export, ideas_for_export
from cocreate.spaces.models import Space
from cocreate.web.exports import export_response

IDEA_COLUMNS = [
    "id",
    "title",
    "description",
    "themes",
    "status",
    "origin",
    "place",
    "created",
    "supports",
    "imported_supports",
    "comments",
    "merged_into",
]
COMMENT_COLUMNS = ["id", "idea_id", "parent_id", "text", "origin", "created"]


def idea_rows(space: Space):
    for idea in ideas_for_export(space=space).iterator(chunk_size=1000):
        yield {
            "id": idea.pk,
            "title": idea.title,
            "description": idea.body,
            "themes": "; ".join(t.name for t in idea.themes.all()),
            "status": idea.status,
            "origin": idea.origin,
            "place": idea.place_name,
            "created": idea.created_at.isoformat(),
            "supports": idea.supports_count,
            "imported_supports": idea.imported_supports_count,
            "comments": idea.comments_count,
            "merged_into": idea.merged_into_id,
        }


def comment_rows(space: Space):
    for c in comments_for_export(space=space).iterator(chunk_size=2000):
        yield {
            "id": c.pk,
            "idea_id": c.idea_id,
            "parent_id": c.parent_id,
            "text": c.body,
            "origin": c.origin,
            "created": c.created_at.isoformat(),
        }


def response(*, space: Space, what: str, fmt: str) -> HttpResponse:
    rows = idea_rows(space) if what == "ideas" else comment_rows(space)
    columns = IDEA_COLUMNS if what == "ideas" else COMMENT_COLUMNS
    return export_response(rows=rows, columns=columns, name=f"{space.slug}-{what}", fmt=fmt)
