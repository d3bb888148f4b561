"""How long officials take to answer the questions people ask them. No Django.

Given each question's moments (asked, selected for an answer, answered), `answer_times` says how
many were answered, the median and 90th percentile of the days from selection to answer and
from asking to answer, the share of selected questions answered within 30 days of their
selection, and which selected questions are still waiting and for how long.

Percentiles interpolate linearly between the two nearest ranks, as NumPy's default
(`numpy.percentile(..., method="linear")`) and spreadsheets' PERCENTILE do.

"Answered within 30 days" counts only questions whose 30 days are over, or which were answered:
a question selected a week ago and not yet answered is neither a success nor a failure yet.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

SECONDS_PER_DAY = 86400.0
ANSWER_DEADLINE_DAYS = 30


@dataclass(frozen=True)
class QuestionMoments:
    """One question's moments. `selected_at` is None for a question never selected; a question
    answered without a recorded selection counts from its asking only."""

    key: int
    asked_at: datetime
    selected_at: datetime | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True)
class Waiting:
    key: int
    days: float


@dataclass(frozen=True)
class AnswerTimes:
    answered: int
    median_days_to_answer: float | None  # from selection to answer
    p90_days_to_answer: float | None
    median_days_from_asking: float | None  # from asking to answer
    p90_days_from_asking: float | None
    # Of the selected questions whose first 30 days are over (or which were answered), the
    # share answered within 30 days of their selection; None when there is none yet.
    share_within_deadline: float | None
    # Selected and not answered, the longest wait first.
    waiting: tuple[Waiting, ...]

    @property
    def waiting_count(self) -> int:
        return len(self.waiting)

    @property
    def longest_wait_days(self) -> float | None:
        return self.waiting[0].days if self.waiting else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The `q`-th percentile (0 ≤ q ≤ 100) of `values`, interpolated linearly; None if empty."""
    if not 0 <= q <= 100:
        raise ValueError(f"A percentile is between 0 and 100, not {q}.")
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * q / 100
    below, above = math.floor(position), math.ceil(position)
    if below == above:
        return float(ordered[below])
    weight = position - below
    return ordered[below] * (1 - weight) + ordered[above] * weight


def _days(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / SECONDS_PER_DAY)


def answer_times(questions: Sequence[QuestionMoments], *, now: datetime) -> AnswerTimes:
    """The answer-time statistics of these questions, as of `now`."""
    from_selection: list[float] = []
    from_asking: list[float] = []
    waiting: list[Waiting] = []
    decided = within = 0
    for q in questions:
        if q.answered_at is not None:
            from_asking.append(_days(q.asked_at, q.answered_at))
            if q.selected_at is not None:
                days = _days(q.selected_at, q.answered_at)
                from_selection.append(days)
                decided += 1
                within += days <= ANSWER_DEADLINE_DAYS
        elif q.selected_at is not None:
            days = _days(q.selected_at, now)
            waiting.append(Waiting(q.key, days))
            if days > ANSWER_DEADLINE_DAYS:
                decided += 1
    waiting.sort(key=lambda w: (-w.days, w.key))
    return AnswerTimes(
        answered=len(from_asking),
        median_days_to_answer=percentile(from_selection, 50),
        p90_days_to_answer=percentile(from_selection, 90),
        median_days_from_asking=percentile(from_asking, 50),
        p90_days_from_asking=percentile(from_asking, 90),
        share_within_deadline=within / decided if decided else None,
        waiting=tuple(waiting),
    )
