"""Reads for the listening part of a dialogue space: the dashboard (emerging issues with their
charts, counts by category and area, points on a map), signal lists and the space page's
overview. Each runs a fixed number of queries whatever the number of signals: counting is done
by the database, grouped by category and day."""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from cocreate.dialogue.models import EmergingIssue, IssueStatus, ListeningSource, Signal
from cocreate.dialogue.services.listening import DAILY, WEEKLY, bin_days_for, daily_counts, series_from_counts
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can

DASHBOARD_ISSUES = 12
CHART_BINS_AFTER = 4
MAP_POINTS = 1500
TOP_ROWS = 12


@dataclass(frozen=True)
class SignalFilters:
    source_id: int | None = None
    category: str = ""
    area: str = ""
    since: date | None = None
    until: date | None = None

    def apply(self, signals: QuerySet) -> QuerySet:
        if self.source_id:
            signals = signals.filter(source_id=self.source_id)
        if self.category:
            signals = signals.filter(category=self.category)
        if self.area:
            signals = signals.filter(area=self.area)
        if self.since:
            signals = signals.filter(time__date__gte=self.since)
        if self.until:
            signals = signals.filter(time__date__lte=self.until)
        return signals


def signal_list(*, space: Space, filters: SignalFilters = SignalFilters()) -> QuerySet[Signal]:
    """The space's signals, newest first, with their source."""
    return filters.apply(Signal.objects.filter(space=space)).select_related("source").order_by("-time", "-pk")


def source_list(*, space: Space) -> list[ListeningSource]:
    return list(ListeningSource.objects.filter(space=space).order_by("name", "pk"))


def issue_list(*, space: Space, status: str = "") -> QuerySet[EmergingIssue]:
    """Emerging issues, highest score first; dismissed ones last."""
    issues = EmergingIssue.objects.filter(space=space).select_related("question", "challenge_space")
    if status:
        issues = issues.filter(status=status)
    return issues.order_by(_dismissed_last(), "-score", "pk")


def _dismissed_last():
    return Case(When(status=IssueStatus.DISMISSED, then=Value(1)), default=Value(0), output_field=IntegerField())


# --- charts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # the period, e.g. "2016-01-18"
    count: int
    in_issue: bool
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class IssueChart:
    """An issue's signals per period around it, against its baseline, drawn as SVG bars with a
    dashed line for the usual number; `bars` is also the table equivalent."""

    title: str
    description: str
    period: str
    bars: list[Bar]
    baseline_y: float
    baseline: float
    width: int
    height: int
    bar_width: float
    top: int


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 180, 24


def _chart(issue: EmergingIssue, counts: np.ndarray, starts: np.ndarray) -> IssueChart:
    top = max(int(counts.max()) if len(counts) else 0, int(np.ceil(issue.baseline_rate)), 1)
    n = max(len(counts), 1)
    slot = (CHART_WIDTH - CHART_PAD) / n
    usable = CHART_HEIGHT - CHART_PAD
    bars = []
    for i, (count, start) in enumerate(zip(counts.tolist(), starts, strict=True)):
        day = start.astype("datetime64[D]").astype(date)
        height = usable * count / top
        bars.append(
            Bar(
                label=day.isoformat(),
                count=int(count),
                in_issue=issue.starts_on <= day <= issue.ends_on,
                x=round(CHART_PAD + i * slot, 1),
                y=round(CHART_HEIGHT - CHART_PAD / 2 - height, 1),
                height=round(height, 1),
            )
        )
    weekly = issue.bin_days == 7
    values = {
        "category": issue.name,  # with its area, when the issue rose in one area
        "observed": issue.observed,
        "start": issue.starts_on.isoformat(),
        "end": issue.ends_on.isoformat(),
        "baseline": f"{issue.baseline_rate:.1f}",
        "peak": issue.peak_count,
    }
    if issue.baseline_rate < 0.05:
        description = (
            _(
                "%(observed)s signals in the weeks from %(start)s to %(end)s (highlighted), where almost none were "
                "usual (dashed line); the most in one week was %(peak)s."
            )
            if weekly
            else _(
                "%(observed)s signals on the days from %(start)s to %(end)s (highlighted), where almost none were "
                "usual (dashed line); the most in one day was %(peak)s."
            )
        )
    else:
        description = (
            _(
                "%(observed)s signals in the weeks from %(start)s to %(end)s (highlighted), where about %(baseline)s "
                "a week were usual (dashed line); the most in one week was %(peak)s."
            )
            if weekly
            else _(
                "%(observed)s signals on the days from %(start)s to %(end)s (highlighted), where about %(baseline)s "
                "a day were usual (dashed line); the most in one day was %(peak)s."
            )
        )
    return IssueChart(
        title=(_("Signals per week: %(category)s") if weekly else _("Signals per day: %(category)s")) % values,
        description=description % values,
        period=_("Week starting") if weekly else _("Day"),
        bars=bars,
        baseline=round(issue.baseline_rate, 2),
        baseline_y=round(CHART_HEIGHT - CHART_PAD / 2 - usable * issue.baseline_rate / top, 1),
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        bar_width=round(max(slot * 0.8, 1), 1),
        top=top,
    )


def issue_charts(*, space: Space, issues: list[EmergingIssue], source_id=None) -> dict[int, IssueChart]:
    """For each issue, its counts per period from a baseline window before it to a few periods
    after (over the whole space, or in the issue's area), in one query for the issues over the
    whole space and one for those in an area."""
    if not issues:
        return {}
    spans = {}
    for issue in issues:
        window = (WEEKLY if issue.bin_days == 7 else DAILY)["window"] + 2
        first = issue.starts_on - timedelta(days=issue.bin_days * window)
        last = issue.ends_on + timedelta(days=issue.bin_days * (CHART_BINS_AFTER + 1) - 1)
        spans[issue.pk] = (first, last)
    counts_by_group: dict[object, list] = {}
    for in_area in (False, True):
        chosen = [issue for issue in issues if bool(issue.area) == in_area]
        if not chosen:
            continue
        rows = daily_counts(
            space,
            categories={i.category for i in chosen},
            areas={i.area for i in chosen} if in_area else None,
            source_id=source_id,
            since=min(spans[i.pk][0] for i in chosen),
            until=max(spans[i.pk][1] for i in chosen),
        )
        for row in rows:
            group = (row[0], row[1]) if in_area else row[0]
            counts_by_group.setdefault(group, []).append(row[-2:])
    charts = {}
    for issue in issues:
        first, last = spans[issue.pk]
        # Bins aligned on the issue's own start, so that the highlighted bars are the burst's.
        offset = (issue.starts_on - first).days % issue.bin_days
        first = first + timedelta(days=offset)
        group = (issue.category, issue.area) if issue.area else issue.category
        mine = [("", day, n) for day, n in counts_by_group.get(group, ()) if day is not None and first <= day <= last]
        series = series_from_counts(mine, bin_days=issue.bin_days, first_day=first, last_day=last)
        counts = series.counts[0] if len(series.groups) else np.zeros(len(series.bin_starts), dtype=np.int64)
        charts[issue.pk] = _chart(issue, counts, series.bin_starts)
    return charts


def _rows_with_share(pairs: list[tuple[str, int]]) -> list[tuple[str, int, float]]:
    """Rows for the shared bar chart (templates/budgets/_bar_chart.html): label, count, percent of the largest."""
    top = max((n for _label, n in pairs), default=0) or 1
    return [(label, n, round(100 * n / top, 1)) for label, n in pairs]


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str


def _map(points: list[tuple[float, float, str, str]]) -> dict | None:
    """Signals with a position as points on an SVG (equirectangular, scaled to their extent)."""
    if len(points) < 2:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    if north - south < 1e-9 or east - west < 1e-9:
        return None
    width, pad = 480, 10
    scale_y = np.cos(np.radians((north + south) / 2))
    height = int(round(width * (north - south) / ((east - west) * scale_y))) if scale_y else width
    height = max(min(height, 640), 160)
    drawn = [
        MapPoint(
            x=round(pad + (lon - west) / (east - west) * (width - 2 * pad), 1),
            y=round(pad + (north - lat) / (north - south) * (height - 2 * pad), 1),
            label=f"{category} — {place}" if place else category,
        )
        for lat, lon, category, place in points
    ]
    return {"points": drawn, "width": width, "height": height, "count": len(drawn)}


# --- the dashboard -------------------------------------------------------------------------------


def _filtered_issues(issues: QuerySet, filters: SignalFilters) -> QuerySet:
    if filters.since:
        issues = issues.filter(ends_on__gte=filters.since)
    if filters.until:
        issues = issues.filter(starts_on__lte=filters.until)
    if filters.category:
        issues = issues.filter(category=filters.category)
    if filters.area:
        issues = issues.filter(area=filters.area)
    if filters.source_id:
        issues = issues.filter(category__in=Signal.objects.filter(source_id=filters.source_id).values("category"))
    return issues


def _overlaps(issue: EmergingIssue, other: EmergingIssue) -> bool:
    return issue.bin_days == other.bin_days and issue.starts_on <= other.ends_on and other.starts_on <= issue.ends_on


def _dashboard_issues(*, space: Space, filters: SignalFilters) -> tuple[list[EmergingIssue], list[EmergingIssue]]:
    """The strongest issues over the whole space, each with `area_issues`: the issues of its
    category in one area over an overlapping period (where it rose); and the strongest issues in
    one area not listed under one of those (mostly: their category did not rise over the whole
    space at that time), so that every issue found shows once. Three queries."""
    issues = _filtered_issues(issue_list(space=space), filters)
    everywhere = list(issues.filter(area="")[:DASHBOARD_ISSUES])
    for issue in everywhere:
        issue.area_issues = []
    if everywhere:
        in_areas = issues.exclude(area="").filter(
            category__in={i.category for i in everywhere},
            starts_on__lte=max(i.ends_on for i in everywhere),
            ends_on__gte=min(i.starts_on for i in everywhere),
        )
        for area_issue in in_areas:
            for issue in everywhere:
                if issue.category == area_issue.category and _overlaps(issue, area_issue):
                    issue.area_issues.append(area_issue)
    shown = {area_issue.pk for issue in everywhere for area_issue in issue.area_issues}
    in_one_area = list(issues.exclude(area="").exclude(pk__in=shown)[:DASHBOARD_ISSUES])
    return everywhere, in_one_area


def listening_dashboard(*, space: Space, filters: SignalFilters = SignalFilters()) -> dict:
    """Everything the listening dashboard shows, in a fixed number of queries."""
    signals = filters.apply(Signal.objects.filter(space=space))
    totals = signals.aggregate(
        count=Count("id"),
        placed=Count("id", filter=Q(latitude__isnull=False)),
        by_agency=Count("id", filter=Q(raised_by_agency=True)),
    )
    span = signals.exclude(time__isnull=True).order_by("time").values_list("time", flat=True)
    first = span.first()
    last = signals.exclude(time__isnull=True).order_by("-time").values_list("time", flat=True).first()
    by_category = list(
        signals.exclude(category="")
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by("-n", "category")[:TOP_ROWS]
    )
    by_area = list(
        signals.exclude(area="").values_list("area").annotate(n=Count("id")).order_by("-n", "area")[:TOP_ROWS]
    )
    points = list(
        signals.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-time", "-pk")
        .values_list("latitude", "longitude", "category", "area")[:MAP_POINTS]
    )
    everywhere, in_one_area = _dashboard_issues(space=space, filters=filters)
    charts = issue_charts(space=space, issues=everywhere + in_one_area, source_id=filters.source_id)
    return {
        "sources": source_list(space=space),
        "signals_count": totals["count"],
        "placed_count": totals["placed"],
        "by_agency_count": totals["by_agency"],
        "first": first,
        "last": last,
        "bin_days": bin_days_for(first.date(), last.date()) if first and last else 1,
        "issues": [(issue, charts[issue.pk]) for issue in everywhere],
        "area_issues": [(issue, charts[issue.pk]) for issue in in_one_area],
        "by_category": {
            "title": _("Signals by category"),
            "label_heading": _("Category"),
            "rows": _rows_with_share([(c, n) for c, n in by_category]),
        },
        "by_area": {
            "title": _("Signals by area"),
            "label_heading": _("Area"),
            "rows": _rows_with_share([(a, n) for a, n in by_area]),
        },
        "map": _map(points),
    }


def issue_for_page(*, space: Space, issue_id: int) -> EmergingIssue | None:
    return (
        EmergingIssue.objects.filter(space=space, pk=issue_id)
        .select_related("space", "question", "question__space", "challenge_space", "decided_by")
        .first()
    )


def issue_signals(*, issue: EmergingIssue, limit: int = 20) -> list[Signal]:
    """Examples of the signals inside the issue's period (in its area, for an issue in one area),
    newest first."""
    signals = Signal.objects.filter(
        space_id=issue.space_id,
        category=issue.category,
        time__date__gte=issue.starts_on,
        time__date__lt=issue.ends_before,
    )
    if issue.area:
        signals = signals.filter(area=issue.area)
    return list(signals.select_related("source").order_by("-time", "-pk")[:limit])


def related_issues(*, issue: EmergingIssue) -> list[EmergingIssue]:
    """For an issue over the whole space, the issues of its category in one area over an
    overlapping period (where it rose); for an issue in one area, the issue over the whole space
    it is part of, if its category rose everywhere too. One query."""
    related = EmergingIssue.objects.filter(
        space_id=issue.space_id,
        category=issue.category,
        bin_days=issue.bin_days,
        starts_on__lte=issue.ends_on,
        ends_on__gte=issue.starts_on,
    )
    related = related.filter(area="") if issue.area else related.exclude(area="")
    return list(related.order_by(_dismissed_last(), "-score", "pk"))


def issues_raised_for(*, question=None, space: Space | None = None) -> list[EmergingIssue]:
    """The emerging issues a question or a challenge space was raised from (for their pages)."""
    issues = EmergingIssue.objects.select_related("space")
    if question is not None:
        issues = issues.filter(question=question)
    elif space is not None:
        issues = issues.filter(challenge_space=space)
    else:
        return []
    return list(issues.order_by("pk"))


def listening_overview(*, space, viewer):
    """What the space page shows about listening, or None when the space has no signals.
    Everyone sees how many signals are listened to and the issues staff turned into a question
    or a challenge; staff also see how many new issues wait for a decision, with a link."""
    counts = Signal.objects.filter(space=space).aggregate(n=Count("id"), sources=Count("source", distinct=True))
    if not counts["n"]:
        return None
    # Counted as the dashboard lists them: an area issue whose category rose over the whole space
    # at the same time is a line under that issue, not an issue of its own.
    whole_space = EmergingIssue.objects.filter(
        space=OuterRef("space"),
        area="",
        category=OuterRef("category"),
        bin_days=OuterRef("bin_days"),
        starts_on__lte=OuterRef("ends_on"),
        ends_on__gte=OuterRef("starts_on"),
    )
    issues = list(
        EmergingIssue.objects.filter(space=space)
        .filter(Q(area="") | ~Exists(whole_space))
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_status = {row["status"]: row["n"] for row in issues}
    acted = list(
        EmergingIssue.objects.filter(space=space, status__in=[IssueStatus.QUESTION, IssueStatus.CHALLENGE])
        .select_related("question", "question__space", "challenge_space")
        .order_by("-decided_at", "pk")[:5]
    )
    return {
        "signals_count": counts["n"],
        "sources_count": counts["sources"],
        "acted": acted,
        "may_listen": bool(can(viewer, "listen", space)),
        "new_count": by_status.get(IssueStatus.NEW, 0),
        "watching_count": by_status.get(IssueStatus.WATCHING, 0),
    }
