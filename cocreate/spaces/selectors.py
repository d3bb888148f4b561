"""Reads about spaces: lists, one space with its phases, the moderation queue."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.prefetch import GenericPrefetch
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


def open_report_counts(*, spaces: list[Space]) -> dict[int, int]:
    counts = defaultdict(int)
    rows = (
        Report.objects.filter(space__in=spaces, outcome=ReportOutcome.OPEN)
        .values("space")
        .annotate(n=Count("pk"))
        .values_list("space", "n")
    )
    counts.update(dict(rows))
    return counts
