"""Reads for judging, each page in a fixed number of queries; and the computed results (the
arithmetic itself is in `cocreate.algorithms.judging`)."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.algorithms import judging as arithmetic
from cocreate.challenges.activities.judging import judge_standing
from cocreate.challenges.models import (
    Comparison,
    Criterion,
    Entry,
    EntryResult,
    Judge,
    JudgingMode,
    Rubric,
    Score,
)
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import roles_in

# Scores are shown, and so compared for ties, to two decimals.
DECIMALS = 2


# --- Entries -------------------------------------------------------------------------------


def entry_list(*, space: Space, include_withdrawn: bool = False) -> list[Entry]:
    entries = Entry.objects.filter(space=space).select_related("team", "submitted_by", "prototype")
    if not include_withdrawn:
        entries = entries.filter(withdrawn_at__isnull=True)
    entries = list(entries)
    for entry in entries:
        entry.space = space
    return entries


def entry_for_page(*, space: Space, entry_id: int) -> Entry:
    entry = Entry.objects.filter(space=space, pk=entry_id).select_related("team", "submitted_by", "prototype").first()
    if entry is None:
        raise Http404
    entry.space = space
    return entry


def identity_hidden(*, viewer, space: Space) -> bool:
    """Blind review: a judge of a blind rubric still being judged does not see who is behind
    the entries (their team and who submitted them), on any page or in the API. Organisers do."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if "organiser" in roles_in(viewer, space):
        return False
    return Judge.objects.filter(
        person=viewer, rubric__space=space, rubric__blind=True, rubric__published_at__isnull=True
    ).exists()


# --- Rubrics -------------------------------------------------------------------------------


def rubric_list(*, space: Space) -> list[Rubric]:
    rubrics = list(Rubric.objects.filter(space=space))
    for rubric in rubrics:
        rubric.space = space
    return rubrics


def rubric_for_page(*, space: Space, rubric_id: int) -> Rubric:
    rubric = (
        Rubric.objects.filter(space=space, pk=rubric_id)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.prefetch_related("levels")))
        .first()
    )
    if rubric is None:
        raise Http404
    rubric.space = space
    return rubric


def judge_list(*, rubric: Rubric) -> list[Judge]:
    return list(
        Judge.objects.filter(rubric=rubric)
        .select_related("person")
        .annotate(
            conflict_count=Count("conflicts", distinct=True), entries_scored=Count("scores__entry", distinct=True)
        )
    )


@dataclass
class DashboardRow:
    entry: Entry
    conflicted: bool
    scored: int  # criteria scored
    done: bool


def judge_dashboard(*, rubric: Rubric, person) -> list[DashboardRow]:
    """The entries a judge has to score, with how far they got on each."""
    judge, conflicted = judge_standing(person, rubric)
    entries = entry_list(space=rubric.space)
    criteria = len(rubric.criteria.all())
    scored = Counter()
    if judge is not None:
        scored = Counter(Score.objects.filter(judge=judge).values_list("entry_id", flat=True))
    return [
        DashboardRow(e, e.pk in conflicted, scored[e.pk], criteria > 0 and scored[e.pk] >= criteria) for e in entries
    ]


def own_scores(*, rubric: Rubric, person, entry: Entry) -> dict[int, Score]:
    judge = judge_standing(person, rubric)[0]
    if judge is None:
        return {}
    return {s.criterion_id: s for s in Score.objects.filter(judge=judge, entry=entry)}


@dataclass
class PairProgress:
    pair: tuple[Entry, Entry] | None
    done: int
    possible: int


def pair_next(*, rubric: Rubric, person) -> PairProgress:
    """The next two entries to show a judge: among the pairs they may compare and have not yet,
    the pair compared least by all judges (see `arithmetic.next_pair`)."""
    judge, conflicted = judge_standing(person, rubric)
    entries = {e.pk: e for e in entry_list(space=rubric.space) if e.pk not in conflicted}
    rows = list(Comparison.objects.filter(judge__rubric=rubric).values_list("judge_id", "first_id", "second_id"))
    pair_counts, entry_counts, mine = Counter(), Counter(), set()
    for judge_id, first, second in rows:
        pair_counts[(first, second)] += 1
        entry_counts[first] += 1
        entry_counts[second] += 1
        if judge is not None and judge_id == judge.pk:
            mine.add((first, second))
    possible = list(combinations(sorted(entries), 2))
    candidates = [pair for pair in possible if pair not in mine]
    chosen = arithmetic.next_pair(candidates, pair_counts, entry_counts)
    done = sum(1 for pair in possible if pair in mine)
    return PairProgress((entries[chosen[0]], entries[chosen[1]]) if chosen else None, done, len(possible))


# --- Results -------------------------------------------------------------------------------


@dataclass
class MarkRow:
    judge: Judge
    raw: float
    normalised: float
    evened_out: bool
    counted: bool


@dataclass
class ResultRow:
    entry: Entry
    score: float
    rank: int | None
    tied_with: list[Entry]
    shortlisted: bool
    explanation: str
    marks: list[MarkRow] = field(default_factory=list)
    trimmed: bool = False
    wins: float = 0.0
    comparisons: int = 0

    @property
    def tied(self) -> bool:
        return bool(self.tied_with)

    @property
    def shown_score(self) -> str:
        return "" if math.isnan(self.score) else f"{self.score:.{DECIMALS}f}"


@dataclass
class Results:
    rubric: Rubric
    rows: list[ResultRow]
    judges: list[Judge]
    criteria: list[Criterion]


def results_compute(*, rubric: Rubric) -> Results:
    """The ranking as it stands: per entry its score, rank, ties and the reason in words.
    Withdrawn entries are left out."""
    criteria = list(Criterion.objects.filter(rubric=rubric))
    judges = list(Judge.objects.filter(rubric=rubric).select_related("person"))
    entries = list(Entry.objects.filter(space_id=rubric.space_id, withdrawn_at__isnull=True))
    if rubric.mode == JudgingMode.PAIRWISE:
        rows = _pairwise_rows(rubric, entries)
    else:
        rows = _score_rows(rubric, entries, judges, criteria)
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.entry.title.casefold(), r.entry.pk))
    return Results(rubric, rows, judges, criteria)


def _ranks(rows: list[ResultRow], rubric: Rubric) -> None:
    """Ranks on scores rounded as shown (equal when shown equal), ties and the shortlist."""
    shown = [round(r.score, DECIMALS) if not math.isnan(r.score) else float("nan") for r in rows]
    ranks = arithmetic.competition_ranks(shown)
    for row, rank in zip(rows, ranks, strict=True):
        row.rank = rank
        row.tied_with = [
            o.entry for o, r in zip(rows, ranks, strict=True) if o is not row and r is not None and r == rank
        ]
        row.shortlisted = rank is not None and rank <= rubric.shortlist_size


def _names(entries: list[Entry]) -> str:
    return ", ".join(f"“{e.title}”" for e in entries)


def _score_rows(rubric, entries, judges, criteria) -> list[ResultRow]:
    weights = {c.pk: float(c.weight) for c in criteria}
    judge_index = {j.pk: i for i, j in enumerate(judges)}
    entry_index = {e.pk: i for i, e in enumerate(entries)}
    sheets: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for judge_id, entry_id, criterion_id, value in Score.objects.filter(
        judge__rubric=rubric, entry__in=entries
    ).values_list("judge_id", "entry_id", "criterion_id", "value"):
        sheets[(judge_id, entry_id)][criterion_id] = value
    marks = np.full((len(judges), len(entries)), np.nan)
    for (judge_id, entry_id), sheet in sheets.items():
        if weights and set(sheet) >= set(weights):  # only complete score sheets count
            order = list(weights)
            marks[judge_index[judge_id], entry_index[entry_id]] = arithmetic.weighted_total(
                [sheet[c] for c in order], [weights[c] for c in order]
            )
    outcomes = arithmetic.judge_scores(
        marks, normalise_marks=rubric.normalise, min_scores=rubric.min_scores_to_normalise, trim=rubric.trim
    )
    rows = [
        ResultRow(
            entry=entries[o.entry],
            score=o.score,
            rank=None,
            tied_with=[],
            shortlisted=False,
            explanation="",
            marks=[MarkRow(judges[m.judge], m.raw, m.normalised, m.evened_out, m.counted) for m in o.marks],
            trimmed=o.trimmed,
        )
        for o in outcomes
    ]
    _ranks(rows, rubric)
    for row in rows:
        row.explanation = _score_explanation(row, rubric)
    return rows


def _score_explanation(row: ResultRow, rubric: Rubric) -> str:
    if not row.marks:
        return _("Not judged yet.")
    evened = rubric.normalise and any(m.evened_out for m in row.marks)
    counted = sum(1 for m in row.marks if m.counted)
    parts = []
    if row.tied_with:
        if evened:
            parts.append(
                _("Tied on %(score)s with %(others)s, once strict and generous judges are evened out.")
                % {"score": row.shown_score, "others": _names(row.tied_with)}
            )
        else:
            parts.append(
                _("Tied on %(score)s with %(others)s.") % {"score": row.shown_score, "others": _names(row.tied_with)}
            )
    else:
        parts.append(_("Score %(score)s.") % {"score": row.shown_score})
    parts.append(
        ngettext(
            "The mark of %(n)s judge counted",
            "The average of %(n)s judges' marks",
            counted,
        )
        % {"n": counted}
        + (
            ngettext(
                ", after leaving out the highest and the lowest mark",
                ", after leaving out the %(trim)s highest and the %(trim)s lowest marks",
                rubric.trim,
            )
            % {"trim": rubric.trim}
            if row.trimmed
            else ""
        )
        + "."
    )
    if evened:
        parts.append(_("Marks were evened out between strict and generous judges."))
    return " ".join(parts)


def _pairwise_rows(rubric, entries) -> list[ResultRow]:
    index = {e.pk: i for i, e in enumerate(entries)}
    outcomes = []
    for first, second, winner in Comparison.objects.filter(
        judge__rubric=rubric, first__in=entries, second__in=entries
    ).values_list("first_id", "second_id", "winner_id"):
        result = arithmetic.TIE if winner is None else (1.0 if winner == first else 0.0)
        outcomes.append((index[first], index[second], result))
    strengths = arithmetic.bradley_terry(len(entries), outcomes)
    rows = []
    for i, entry in enumerate(entries):
        compared = int(strengths.comparisons[i])
        rows.append(
            ResultRow(
                entry=entry,
                score=float(strengths.scores[i]) if compared else float("nan"),
                rank=None,
                tied_with=[],
                shortlisted=False,
                explanation="",
                wins=float(strengths.wins[i]),
                comparisons=compared,
            )
        )
    _ranks(rows, rubric)
    for row in rows:
        if not row.comparisons:
            row.explanation = _("Not compared yet.")
            continue
        wins = f"{row.wins:g}"
        text = _(
            "Found better in %(wins)s of %(n)s comparisons (“about the same” counts as half). Strength %(score)s."
        ) % {"wins": wins, "n": row.comparisons, "score": row.shown_score}
        if row.tied_with:
            text = (
                _("Tied on strength %(score)s with %(others)s.")
                % {
                    "score": row.shown_score,
                    "others": _names(row.tied_with),
                }
                + " "
                + text
            )
        row.explanation = text
    return rows


def published_results(*, rubric: Rubric) -> list[EntryResult]:
    results = list(EntryResult.objects.filter(rubric=rubric).select_related("entry"))
    for result in results:
        result.entry.space = rubric.space
    return results


# --- Exports -------------------------------------------------------------------------------


def judges_table(*, rubric: Rubric) -> tuple[list[str], list[list]]:
    """One row per judge and entry (scores: each criterion, the weighted mark and the evened-out
    mark; pairwise: one row per comparison)."""
    results = results_compute(rubric=rubric)
    if rubric.mode == JudgingMode.PAIRWISE:
        header = ["judge", "first entry", "second entry", "better", "compared at"]
        rows = []
        for c in (
            Comparison.objects.filter(judge__rubric=rubric)
            .select_related("judge__person", "first", "second")
            .order_by("judge_id", "first_id", "second_id")
        ):
            better = "about the same" if c.winner_id is None else ("first" if c.winner_id == c.first_id else "second")
            rows.append([str(c.judge.person), c.first.title, c.second.title, better, c.compared_at.isoformat()])
        return header, rows
    criteria = results.criteria
    header = ["judge", "entry", *[c.name for c in criteria], "weighted mark", "evened-out mark", "counted"]
    values = defaultdict(dict)
    for judge_id, entry_id, criterion_id, value in Score.objects.filter(judge__rubric=rubric).values_list(
        "judge_id", "entry_id", "criterion_id", "value"
    ):
        values[(judge_id, entry_id)][criterion_id] = value
    rows = []
    for judge in results.judges:
        for row in results.rows:
            mark = next((m for m in row.marks if m.judge.pk == judge.pk), None)
            sheet = values.get((judge.pk, row.entry.pk))
            if mark is None and not sheet:
                continue
            rows.append(
                [
                    str(judge.person),
                    row.entry.title,
                    *[(sheet or {}).get(c.pk, "") for c in criteria],
                    f"{mark.raw:.4f}" if mark else "",
                    f"{mark.normalised:.4f}" if mark else "",
                    ("yes" if mark.counted else "left out") if mark else "incomplete",
                ]
            )
    return header, rows


def entries_table(*, rubric: Rubric) -> tuple[list[str], list[list]]:
    """One row per entry: rank, score, ties, shortlist and the explanation."""
    results = results_compute(rubric=rubric)
    header = ["rank", "entry", "team", "score", "tied", "shortlisted", "judges counted", "judges left out", "reason"]
    teams = {e.pk: e.team.name for e in Entry.objects.filter(space_id=rubric.space_id).select_related("team") if e.team}
    rows = []
    for row in results.rows:
        rows.append(
            [
                row.rank or "",
                row.entry.title,
                teams.get(row.entry.pk, ""),
                row.shown_score,
                "yes" if row.tied else "no",
                "yes" if row.shortlisted else "no",
                "; ".join(str(m.judge.person) for m in row.marks if m.counted)
                if row.marks
                else (row.comparisons if rubric.mode == JudgingMode.PAIRWISE else ""),
                "; ".join(str(m.judge.person) for m in row.marks if not m.counted),
                row.explanation,
            ]
        )
    return header, rows
