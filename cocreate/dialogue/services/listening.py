"""Writes for the listening part of a dialogue space: sources, importing signals from files and
feeds, recomputing the emerging issues, and staff decisions on an issue (watch, dismiss, turn it
into a question or a challenge). Each function that a person calls checks their permission,
validates with a clear message and runs in one transaction; a file or feed that cannot be read
changes nothing but the source's "last problem"."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person
from cocreate.algorithms.bursts import count_signals, find_bursts
from cocreate.algorithms.text import clean_text
from cocreate.dialogue import signal_files
from cocreate.dialogue.models import EmergingIssue, IssueStatus, ListeningSource, Signal, SourceKind
from cocreate.dialogue.signal_feeds import FeedProblem, inside_address_message, is_inside_address, read_feed
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import ensure_can
from cocreate.spaces.services import log_action

FILE_FORMATS = ("311", "petitions", "json")
MAX_FILE_BYTES = 50 * 1024 * 1024
BATCH = 2000
# A series spanning half a year or more is read per week, shorter ones per day (bursts.py's
# advice on windows: four weeks of days, half a year of weeks).
WEEKLY_FROM_DAYS = 180
DAILY = {"window": 28, "guard": 2}
WEEKLY = {"window": 26, "guard": 1}
# Decisions that a recomputation keeps even when the burst is no longer found.
DECIDED = {IssueStatus.WATCHING, IssueStatus.DISMISSED, IssueStatus.QUESTION, IssueStatus.CHALLENGE}


@dataclass
class ImportReport:
    """What an import did: signals added, signals updated (already imported from this source),
    and the rows skipped, each with its line and why."""

    source: ListeningSource | None = None
    imported: int = 0
    updated: int = 0
    problems: list[signal_files.Problem] = field(default_factory=list)


# --- sources -------------------------------------------------------------------------------------


def _check_feed_url(feed_url: str) -> str:
    feed_url = (feed_url or "").strip()
    if not feed_url:
        raise ValidationError({"feed_url": _("Enter the feed's address, starting with https://.")})
    if not feed_url.lower().startswith(("http://", "https://")):
        raise ValidationError({"feed_url": _("A feed's address starts with http:// or https://.")})
    if len(feed_url) > 500:
        raise ValidationError({"feed_url": _("A feed's address has at most 500 characters.")})
    if is_inside_address(feed_url):
        # Only the address as written (no look-up here): reading the feed checks where a name leads.
        raise ValidationError({"feed_url": inside_address_message()})
    return feed_url


@transaction.atomic
def listening_source_add(
    *,
    person: Person,
    space: Space,
    name: str,
    kind: str = SourceKind.FILE,
    feed_url: str = "",
    fetch_every_hours: int = 6,
) -> ListeningSource:
    """Add a source of signals to the space: a stream of uploaded files, or a feed that the task
    worker reads every `fetch_every_hours` hours (the first time within minutes)."""
    ensure_can(person, "manage_listening", space)
    name = clean_text(name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the source a name, e.g. “Baltimore 311”.")})
    if len(name) > 120:
        raise ValidationError({"name": _("A source's name has at most 120 characters.")})
    if kind not in SourceKind.values:
        raise ValidationError({"kind": _("Choose a file upload or a feed.")})
    if kind == SourceKind.FEED:
        feed_url = _check_feed_url(feed_url)
    else:
        feed_url = ""
    if not 1 <= int(fetch_every_hours or 0) <= 24 * 7:
        raise ValidationError({"fetch_every_hours": _("Fetch a feed between every hour and once a week (168).")})
    if ListeningSource.objects.filter(space=space, name=name).exists():
        raise ValidationError({"name": _("This space already has a source called “%(name)s”.") % {"name": name}})
    source = ListeningSource.objects.create(
        space=space,
        name=name,
        kind=kind,
        feed_url=feed_url,
        fetch_every_hours=fetch_every_hours,
        created_by=person,
    )
    log_action(actor=person, action="listening_source_add", space=space, target=source, name=name)
    return source


@transaction.atomic
def listening_source_remove(*, person: Person, source: ListeningSource) -> None:
    """Remove a source with its signals; the emerging issues are recomputed afterwards."""
    ensure_can(person, "manage_listening", source.space)
    space = source.space
    log_action(actor=person, action="listening_source_remove", space=space, name=source.name)
    source.delete()
    _recompute_after_commit(space.pk)


# --- importing files -----------------------------------------------------------------------------


def _read(file, file_format: str, source_name: str):
    if file_format == "311":
        return signal_files.read_service_requests_csv(file, source_name=source_name)
    if file_format == "petitions":
        return signal_files.read_petitions_csv(file, source_name=source_name)
    return signal_files.read_signals_json(file, source_name=source_name)


def guess_format(file_name: str, first_line: str) -> str:
    """The format of a file from its name and first line: JSON, a petitions export or 311."""
    if file_name.lower().endswith((".json", ".jsonl", ".ndjson")) or first_line.lstrip().startswith(("[", "{")):
        return "json"
    if "ServiceRequestNum" in first_line:
        return "311"
    return "petitions"


def _first_line(file) -> str:
    if isinstance(file, str | bytes) or hasattr(file, "__fspath__"):
        with open(file, "rb") as handle:
            head = handle.read(2000)
    else:
        position = file.tell() if hasattr(file, "tell") else 0
        head = file.read(2000)
        file.seek(position)
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    return head.lstrip("\ufeff").split("\n", 1)[0]


def _fallback_id(signal: signal_files.Signal) -> str:
    """An id for a signal the file gave none: the same content gives the same id, so importing
    the file again does not duplicate it."""
    key = "\x1f".join([signal.time.isoformat() if signal.time else "", signal.category, signal.place, signal.text])
    return "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def _category(signal: signal_files.Signal, file_format: str) -> str:
    # A petition's tags are "Civil Rights & Equality,Economy & Jobs": the first tag is its
    # category, so that petitions on one subject are counted together.
    category = signal.category.split(",")[0].strip() if file_format == "petitions" else signal.category.strip()
    return category[:200]


def _as_row(signal: signal_files.Signal, *, space: Space, source: ListeningSource, file_format: str, now) -> Signal:
    extra = signal.extra or {}
    area = extra.get("Neighborhood") or extra.get("area") or extra.get("neighbourhood") or ""
    link = extra.get("url") or extra.get("link") or ""
    link = link if isinstance(link, str) and link.startswith(("http://", "https://")) and len(link) <= 500 else ""
    return Signal(
        space=space,
        source=source,
        external_id=(signal.external_id or _fallback_id(signal))[:255],
        time=signal.time,
        place=signal.place[:300],
        area=str(area)[:200],
        latitude=signal.latitude,
        longitude=signal.longitude,
        category=_category(signal, file_format),
        text=signal.text,
        link=link,
        raised_by_agency=signal.raised_by_agency,
        imported_at=now,
    )


UPDATED_FIELDS = [
    "time",
    "place",
    "area",
    "latitude",
    "longitude",
    "category",
    "text",
    "link",
    "raised_by_agency",
    "imported_at",
]


COMPARED_FIELDS = [name for name in UPDATED_FIELDS if name != "imported_at"]


def _store(rows: list[Signal], *, source: ListeningSource, progress=None) -> tuple[int, int]:
    """Insert new signals and refresh those this source already has (same external id), in
    batches. Returns (imported, updated): updated counts every signal found again, but only
    those whose content changed are written. A changed signal is replaced (deleted and inserted
    again in the same transaction): nothing refers to a signal's row, and a bulk insert is many
    times faster than a bulk update of thousands of rows."""
    latest: dict[str, Signal] = {}
    for row in rows:
        latest[row.external_id] = row  # an id twice in one file: the later row wins
    ids = list(latest)
    existing: dict[str, tuple] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for pk, external_id, *values in Signal.objects.filter(source=source, external_id__in=chunk).values_list(
            "pk", "external_id", *COMPARED_FIELDS
        ):
            existing[external_id] = (pk, values)
    new = [row for external_id, row in latest.items() if external_id not in existing]
    changed_pks = []
    for external_id, (pk, values) in existing.items():
        row = latest[external_id]
        if [getattr(row, name) for name in COMPARED_FIELDS] != values:
            changed_pks.append(pk)
            new.append(row)
    for start in range(0, len(changed_pks), BATCH):
        Signal.objects.filter(pk__in=changed_pks[start : start + BATCH]).delete()
    batches = range(0, len(new), BATCH)
    for start in progress(batches, what="signals") if progress else batches:
        Signal.objects.bulk_create(new[start : start + BATCH], batch_size=BATCH)
    return len(latest) - len(existing), len(existing)


def signals_import(
    *,
    person: Person,
    space: Space,
    file,
    file_format: str = "",
    source_name: str = "",
    progress=None,
) -> ImportReport:
    """Import the signals of a CSV or JSON file into the space, under the source called
    `source_name` (created as a file source when the space has none of that name). A signal
    already imported from that source (same id) is updated, not duplicated. Rows that cannot be
    read are skipped and listed in the report with their line; a file that cannot be read at
    all changes nothing and raises a ValidationError saying why."""
    ensure_can(person, "manage_listening", space)
    return _import(
        space=space, file=file, file_format=file_format, source_name=source_name, actor=person, progress=progress
    )


def signals_import_by_operator(
    *, space: Space, file, file_format: str = "", source_name: str = "", progress=None
) -> ImportReport:
    """The same import run from the command line (`cocreate import signals`), by whoever runs the
    server: there is no person to check."""
    return _import(
        space=space, file=file, file_format=file_format, source_name=source_name, actor=None, progress=progress
    )


def _import(*, space, file, file_format, source_name, actor, progress) -> ImportReport:
    if file_format and file_format not in FILE_FORMATS:
        raise ValidationError({"file_format": _("Choose the file's format: 311, petitions or JSON.")})
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is larger than 50 MB: split it into smaller files.")})
    file_name = str(getattr(file, "name", "") or file)
    try:
        file_format = file_format or guess_format(file_name, _first_line(file))
    except OSError as error:
        raise ValidationError({"file": _("The file cannot be read: %(error)s.") % {"error": error}}) from error
    source_name = (
        clean_text(source_name or "").strip()[:120]
        or {
            "311": "Service requests",
            "petitions": "Petitions",
            "json": "Uploaded signals",
        }[file_format]
    )
    try:
        signals, problems = _read(file, file_format, source_name)
    except signal_files.SignalFileError as error:
        raise ValidationError({"file": str(error)}) from error
    if not signals:
        raise ValidationError(
            {
                "file": _("No signal could be read from this file (%(count)s problem(s)): nothing was imported.")
                % {"count": len(problems)}
            }
        )
    with transaction.atomic():
        source = ListeningSource.objects.select_for_update().filter(space=space, name=source_name).first()
        if source is None:
            source = ListeningSource.objects.create(
                space=space, name=source_name, kind=SourceKind.FILE, created_by=actor
            )
        elif source.kind != SourceKind.FILE:
            raise ValidationError(
                {
                    "source_name": _("“%(name)s” is a feed: import the file under another source.")
                    % {"name": source_name}
                }
            )
        now = timezone.now()
        rows = [_as_row(s, space=space, source=source, file_format=file_format, now=now) for s in signals]
        imported, updated = _store(rows, source=source, progress=progress)
        ListeningSource.objects.filter(pk=source.pk).update(
            signals_count=Signal.objects.filter(source=source).count(),
            last_fetched_at=now,
            last_problem="",
            last_problem_at=None,
        )
        log_action(
            actor=actor,
            action="signals_import",
            space=space,
            target=source,
            imported=imported,
            updated=updated,
            skipped=len(problems),
        )
        _recompute_after_commit(space.pk)
    source.refresh_from_db()
    return ImportReport(source=source, imported=imported, updated=updated, problems=problems)


# --- feeds ---------------------------------------------------------------------------------------


def feed_fetch(*, source: ListeningSource) -> ImportReport:
    """Read a feed source now (the task worker calls this): each entry becomes a signal, or
    updates the one with the same id. A feed that cannot be read records the problem on the
    source and changes nothing else."""
    now = timezone.now()
    try:
        signals = read_feed(source.feed_url)
    except FeedProblem as problem:
        ListeningSource.objects.filter(pk=source.pk).update(
            last_fetched_at=now, last_problem=str(problem), last_problem_at=now
        )
        source.refresh_from_db()
        return ImportReport(source=source, problems=[signal_files.Problem(0, str(problem))])
    with transaction.atomic():
        rows = [_as_row(s, space=source.space, source=source, file_format="feed", now=now) for s in signals]
        imported, updated = _store(rows, source=source)
        ListeningSource.objects.filter(pk=source.pk).update(
            last_fetched_at=now,
            last_problem="",
            last_problem_at=None,
            signals_count=Signal.objects.filter(source=source).count(),
        )
        if imported or updated:
            _recompute_after_commit(source.space_id)
    source.refresh_from_db()
    return ImportReport(source=source, imported=imported, updated=updated)


def feeds_fetch_due(now=None) -> int:
    """Fetch every feed source whose interval has passed; returns how many were read."""
    now = now or timezone.now()
    fetched = 0
    for source in ListeningSource.objects.filter(kind=SourceKind.FEED).select_related("space"):
        if source.is_due(now):
            feed_fetch(source=source)
            fetched += 1
    return fetched


@transaction.atomic
def feed_fetch_now(*, person: Person, source: ListeningSource) -> None:
    """Staff ask for a feed to be read now rather than at its next turn."""
    ensure_can(person, "manage_listening", source.space)
    if source.kind != SourceKind.FEED:
        raise ValidationError(_("Only a feed can be fetched; upload a new file to update this source."))
    from cocreate.dialogue.tasks.listening import fetch_feed

    transaction.on_commit(lambda: fetch_feed.enqueue(source_id=source.pk))


# --- emerging issues -----------------------------------------------------------------------------


def _space_changed(space_id: int) -> None:
    """Pages showing the space (its page shows the issues acted on) must be rendered again."""
    Space.objects.filter(pk=space_id).update(version=F("version") + 1)


def _recompute_after_commit(space_id: int) -> None:
    from cocreate.dialogue.tasks.listening import recompute_emerging_issues

    transaction.on_commit(lambda: recompute_emerging_issues.enqueue(space_id=space_id))


def bin_days_for(first: date, last: date) -> int:
    """Days per period: a week when the signals span half a year or more, otherwise a day."""
    return 7 if (last - first).days >= WEEKLY_FROM_DAYS else 1


def daily_counts(space: Space, *, categories=None, areas=None, source_id=None, since=None, until=None):
    """(category, day, number of signals) for the dated signals of a space, counted by the database;
    as when looking for emerging issues, those the agency raised itself are left out.
    With `areas`, only the signals of those areas, counted per area: (category, area, day, n)."""
    signals = Signal.objects.filter(space=space, time__isnull=False, raised_by_agency=False).exclude(category="")
    if categories is not None:
        signals = signals.filter(category__in=categories)
    if areas is not None:
        signals = signals.filter(area__in=areas)
    if source_id:
        signals = signals.filter(source_id=source_id)
    if since:
        signals = signals.filter(time__date__gte=since)
    if until:
        signals = signals.filter(time__date__lte=until)
    grouped = ("category", "area", "day") if areas is not None else ("category", "day")
    return list(signals.annotate(day=TruncDate("time")).values_list(*grouped).annotate(n=Count("id")).order_by())


def series_from_counts(rows, *, bin_days: int, first_day=None, last_day=None):
    """The per-group CountSeries of bursts.py from (group, day, n) rows; a group is a category, or
    a (category, area) pair for the series of one area."""
    rows = [r for r in rows if r[1] is not None]
    days = np.repeat(np.array([r[1] for r in rows], dtype="datetime64[D]"), [r[2] for r in rows])
    groups = [r[0] for r in rows for _ in range(r[2])]
    return count_signals(days, groups, bin_days=bin_days, first_day=first_day, last_day=last_day)


def _day(value) -> date:
    return value.astype("datetime64[D]").astype(date) if isinstance(value, np.datetime64) else value


def category_and_area(group) -> tuple[str, str]:
    """A burst's group as (category, area): a category alone stands for the whole space (area "")."""
    return group if isinstance(group, tuple) else (group, "")


def _bursts(space: Space) -> tuple[int, list]:
    """The bursts in the space's signals, strongest first, and the days per period used. Each
    category is looked at over the whole space (group: the category) and, for the signals that
    have an area, in each area against that area's own baseline (group: (category, area)), so
    that one neighbourhood reporting far more than its usual shows even when the whole space's
    count does not rise. Each source's groups are counted from that source's first signal:
    before a source was imported its categories were not silent, just not listened to, and a
    baseline of zeros there would make its first weeks look like a burst. Signals the agency
    raised itself (a crew's round) are left out: an issue is something the public raises."""
    rows = list(
        Signal.objects.filter(space=space, time__isnull=False, raised_by_agency=False)
        .exclude(category="")
        .annotate(day=TruncDate("time"))
        .values_list("source_id", "category", "area", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [row for row in rows if row[3] is not None]
    if not rows:
        return 1, []
    first_all, last = min(r[3] for r in rows), max(r[3] for r in rows)
    bin_days = bin_days_for(first_all, last)
    by_source: dict[int, list] = {}
    for source_id, category, area, day, n in rows:
        source_rows = by_source.setdefault(source_id, [])
        source_rows.append((category, day, n))  # the whole space: summed over the areas by count_signals
        if area:
            source_rows.append(((category, area), day, n))
    strongest: dict[tuple, object] = {}
    for source_rows in by_source.values():
        first = min(r[1] for r in source_rows)
        first = first_all + timedelta(days=(first - first_all).days // bin_days * bin_days)  # the space's bins
        series = series_from_counts(source_rows, bin_days=bin_days, first_day=first, last_day=last)
        for burst in find_bursts(series, **(WEEKLY if bin_days == 7 else DAILY)):
            key = (burst.group, _day(burst.start))
            if key not in strongest or strongest[key].score < burst.score:
                strongest[key] = burst  # the same group in two sources: the stronger burst
    return bin_days, sorted(strongest.values(), key=lambda b: (-b.score, category_and_area(b.group), _day(b.start)))


@transaction.atomic
def emerging_issues_recompute(*, space: Space) -> int:
    """Find the space's emerging issues again from its signals (after an import, a feed fetch,
    and daily), over the whole space and in each area. A burst that matches an existing issue
    (same category, same area, same days per period, overlapping period) updates it and keeps the
    staff's decision; issues nobody decided on that are no longer found are removed; decided
    ones stay. Returns the number of issues found (over the whole space and in areas)."""
    Space.objects.select_for_update().filter(pk=space.pk).first()  # one recomputation per space at a time
    bin_days, bursts = _bursts(space)
    kept_ids: set[int] = set()
    existing: dict[tuple[str, str], list[EmergingIssue]] = {}
    for issue in EmergingIssue.objects.filter(space=space, bin_days=bin_days):
        existing.setdefault((issue.category, issue.area), []).append(issue)
    now = timezone.now()
    for burst in bursts:
        category, area = category_and_area(burst.group)
        start, end, peak = _day(burst.start), _day(burst.end), _day(burst.peak)
        values = {
            "ends_on": end,
            "peak_on": peak,
            "peak_count": burst.peak_count,
            "observed": burst.observed,
            "expected": burst.expected,
            "baseline_rate": burst.baseline_rate,
            "score": burst.score,
            "computed_at": now,
        }
        match = next(
            (
                issue
                for issue in existing.get((category, area), ())
                if issue.pk not in kept_ids and issue.starts_on <= end and start <= issue.ends_on
            ),
            None,
        )
        if match is None:
            match = EmergingIssue.objects.filter(
                space=space, category=category, area=area, bin_days=bin_days, starts_on=start
            ).first()
        if match is not None:
            for name, value in values.items():
                setattr(match, name, value)
            match.starts_on = start
            match.save()
        else:
            match = EmergingIssue.objects.create(
                space=space, category=category, area=area, bin_days=bin_days, starts_on=start, **values
            )
        kept_ids.add(match.pk)
    EmergingIssue.objects.filter(space=space, status=IssueStatus.NEW).exclude(pk__in=kept_ids).delete()
    _space_changed(space.pk)
    return len(bursts)


@transaction.atomic
def emerging_issue_decide(*, person: Person, issue: EmergingIssue, status: str) -> EmergingIssue:
    """Staff say what they make of an issue: watch it, dismiss it, or put it back to new."""
    ensure_can(person, "manage_listening", issue.space)
    if status not in {IssueStatus.NEW, IssueStatus.WATCHING, IssueStatus.DISMISSED}:
        raise ValidationError({"status": _("Choose to watch the issue, dismiss it or mark it as new again.")})
    issue = EmergingIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status in {IssueStatus.QUESTION, IssueStatus.CHALLENGE}:
        raise ValidationError(_("This issue has already been turned into a question or a challenge."))
    issue.status = status
    issue.decided_by, issue.decided_at = person, timezone.now()
    issue.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(actor=person, action=f"emerging_issue_{status}", space=issue.space, target=issue)
    _space_changed(issue.space_id)
    return issue


def _lock_undecided(issue: EmergingIssue) -> EmergingIssue:
    locked = EmergingIssue.objects.select_for_update().select_related("space").get(pk=issue.pk)
    if locked.status in {IssueStatus.QUESTION, IssueStatus.CHALLENGE}:
        raise ValidationError(_("This issue has already been turned into a question or a challenge."))
    return locked


def issue_summary(issue: EmergingIssue) -> str:
    """A neutral description of the issue, used as the details of what is created from it."""
    values = {
        "category": issue.name,  # with its area, when the issue rose in one area
        "observed": issue.observed,
        "start": issue.starts_on.isoformat(),
        "end": (issue.ends_before - timedelta(days=1)).isoformat(),
        "expected": f"{issue.expected:.1f}",
    }
    if issue.expected < 0.1:
        return (
            _(
                "Raised from the emerging issue “%(category)s”: %(observed)s signals between %(start)s and %(end)s, "
                "where almost none were usual."
            )
            % values
        )
    return (
        _(
            "Raised from the emerging issue “%(category)s”: %(observed)s signals between %(start)s and %(end)s, "
            "where about %(expected)s were usual."
        )
        % values
    )


@transaction.atomic
def emerging_issue_to_question(
    *, person: Person, issue: EmergingIssue, dialogue_space: Space, title: str, details: str = ""
):
    """Turn the issue into a question asked in a dialogue space (by the staff member, on behalf
    of the people who sent the signals), keeping the link both ways."""
    ensure_can(person, "manage_listening", issue.space)
    from cocreate.dialogue.services.questions import question_ask
    from cocreate.spaces.models import Origin, SpaceKind

    if dialogue_space is None or dialogue_space.kind != SpaceKind.DIALOGUE:
        raise ValidationError({"dialogue_space": _("Choose a dialogue space where the question will be asked.")})
    issue = _lock_undecided(issue)
    # The question's page says where it comes from, whatever staff wrote as details.
    summary = issue_summary(issue)
    details = (details or "").strip()
    details = summary if not details else details if summary in details else f"{details}\n\n{summary}"
    question = question_ask(
        person=person,
        space=dialogue_space,
        title=title,
        details=details,
        origin=Origin.ON_BEHALF,
        on_behalf_of_name=_("Signals received by %(space)s") % {"space": issue.space.title},
    )
    issue.status, issue.question = IssueStatus.QUESTION, question
    issue.decided_by, issue.decided_at = person, timezone.now()
    issue.save(update_fields=["status", "question", "decided_by", "decided_at"])
    log_action(actor=person, action="emerging_issue_to_question", space=issue.space, target=issue, question=question.pk)
    _space_changed(issue.space_id)
    return question


@transaction.atomic
def emerging_issue_to_challenge(
    *,
    person: Person,
    issue: EmergingIssue,
    organisation,
    template: str,
    title: str,
    starts_at: datetime,
    summary: str = "",
) -> Space:
    """Turn the issue into a challenge space started from a template, keeping the link both ways."""
    ensure_can(person, "manage_listening", issue.space)
    from cocreate.challenges.services.setup import challenge_start

    issue = _lock_undecided(issue)
    summary = (summary or "").strip() or issue_summary(issue)[:300]
    challenge = challenge_start(
        person=person,
        organisation=organisation,
        template=template,
        title=title,
        summary=summary,
        starts_at=starts_at,
        description=issue_summary(issue),
    )
    issue.status, issue.challenge_space = IssueStatus.CHALLENGE, challenge.space
    issue.decided_by, issue.decided_at = person, timezone.now()
    issue.save(update_fields=["status", "challenge_space", "decided_by", "decided_at"])
    log_action(
        actor=person,
        action="emerging_issue_to_challenge",
        space=issue.space,
        target=issue,
        challenge_space=challenge.space.pk,
    )
    _space_changed(issue.space_id)
    return challenge.space
