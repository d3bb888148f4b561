"""Reads about spaces: lists, one space with its phases, the moderation queue."""

import copy
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from cocreate.spaces import registry
from cocreate.spaces.models import Phase, Report, ReportOutcome, Resident, Space, SpaceRole
from cocreate.spaces.permissions import may_read_space


def space_list(*, viewer, kind: str = "") -> QuerySet[Space]:
    """Spaces the viewer may read, with their phases and organisations (top-level first)."""
    spaces = Space.objects.visible_to(viewer)
    if kind:
        spaces = spaces.filter(kind=kind)
    return (
        spaces.prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("starts_at", "pk")), "organisations")
        .select_related("parent")
        .order_by("parent_id", "-created_at")
    )


def space_detail(*, slug: str, viewer) -> Space:
    space = (
        Space.objects.select_related("parent")
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("starts_at", "pk")), "organisations", "children"
        )
        .filter(slug=slug)
        .first()
    )
    if space is None or not may_read_space(viewer, space):
        raise Http404
    return space


def space_for_page(*, slug: str, viewer) -> Space:
    """A space for a page about something in it, with its current version: one plain query.
    The space itself (and its phases) come from memory kept per settings version, which every
    change to the space bumps; each request gets its own copy to carry its version."""
    row = space_versions(slug=slug)
    if row is None:
        raise Http404
    space = copy.copy(_space_at(row[0], row[2]))
    space.version, space.visibility = row[1], row[3]
    if not may_read_space(viewer, space):
        raise Http404
    return space


@lru_cache(maxsize=1024)
def _space_at(space_id: int, settings_version: int) -> Space:
    return Space.objects.get(pk=space_id)


def space_versions(*, slug: str) -> tuple[int, int, int, str] | None:
    """(id, version, settings_version, visibility) of a space: the cache key of its pages.
    Raw SQL because it runs on every visitor's request, where building an ORM query would cost
    more than the cached page it guards."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, version, settings_version, visibility FROM spaces_space WHERE slug = %s", [slug])
        return cursor.fetchone()


def space_roles(*, space: Space) -> QuerySet[SpaceRole]:
    return SpaceRole.objects.filter(space=space).select_related("person").order_by("role", "person__display_name")


def residents_summary(*, space: Space) -> dict:
    counts = Resident.objects.filter(space=space).aggregate(
        listed=Count("pk"), verified=Count("pk", filter=Q(verified_at__isnull=False))
    )
    return counts


@dataclass
class ReportedContent:
    content: object
    reports: list[Report] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return sorted({r.get_reason_display() for r in self.reports})


def moderation_queue(*, space: Space) -> list[ReportedContent]:
    """Contributions with open reports, most reported first, each with its reports."""
    reports = list(
        Report.objects.filter(space=space, outcome=ReportOutcome.OPEN)
        .select_related("reporter", "content_type")
        .prefetch_related(GenericPrefetch("content", registry.moderated_querysets()))
        .order_by("created_at")
    )
    grouped: dict[tuple, ReportedContent] = {}
    for report in reports:
        key = (report.content_type_id, report.object_id)
        if report.content is None:
            continue
        grouped.setdefault(key, ReportedContent(report.content)).reports.append(report)
    return sorted(grouped.values(), key=lambda item: (-len(item.reports), item.reports[0].created_at))
