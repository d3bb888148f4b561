"""What testers said about one version of a prototype, in figures. No Django.

Each response says which of the session's tasks the tester managed, how easy it was (1 very hard
to 5 very easy) and whether they would use it (yes, maybe, no). A version may be tested in several
sessions with different task lists: tasks are matched by their text, in the order first seen, and
a task's completion rate is over the testers who were asked to try it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

EASE_LEVELS = (1, 2, 3, 4, 5)
WOULD_USE = ("yes", "maybe", "no")


@dataclass(frozen=True)
class Response:
    # (task, managed it) for each task of the tester's session, in the session's order.
    tasks: tuple[tuple[str, bool], ...]
    ease: int
    would_use: str


@dataclass(frozen=True)
class TaskRate:
    task: str
    tried: int
    done: int

    @property
    def rate(self) -> float:
        return self.done / self.tried if self.tried else 0.0


@dataclass(frozen=True)
class Summary:
    testers: int
    tasks: tuple[TaskRate, ...] = ()
    ease_mean: float | None = None
    ease_median: float | None = None
    # Testers per ease level 1..5 (every level present, zero when nobody chose it).
    ease_counts: dict[int, int] = field(default_factory=dict)
    # Testers per answer to "would you use it?" (yes, maybe, no; every answer present).
    would_use_counts: dict[str, int] = field(default_factory=dict)

    def would_use_share(self, answer: str) -> float:
        return self.would_use_counts.get(answer, 0) / self.testers if self.testers else 0.0

    @property
    def would_use_shares(self) -> dict[str, float]:
        return {answer: self.would_use_share(answer) for answer in WOULD_USE}


def feedback_summary(responses: Sequence[Response]) -> Summary:
    """Counts of testers, each task's completion rate, ease mean/median/distribution and the
    shares of yes/maybe/no to "would you use it?". Ease outside 1–5 and unknown answers are
    refused (ValueError): the database already forbids them, so seeing one is a bug."""
    ease_counts = dict.fromkeys(EASE_LEVELS, 0)
    would_use_counts = dict.fromkeys(WOULD_USE, 0)
    tried: dict[str, int] = {}
    done: dict[str, int] = {}
    eases: list[int] = []
    for response in responses:
        if response.ease not in ease_counts:
            raise ValueError(f"ease must be 1 to 5, not {response.ease!r}")
        if response.would_use not in would_use_counts:
            raise ValueError(f"would_use must be one of {WOULD_USE}, not {response.would_use!r}")
        ease_counts[response.ease] += 1
        would_use_counts[response.would_use] += 1
        eases.append(response.ease)
        for task, managed in dict(response.tasks).items():
            tried[task] = tried.get(task, 0) + 1
            done[task] = done.get(task, 0) + bool(managed)
    if not eases:
        return Summary(testers=0, ease_counts=ease_counts, would_use_counts=would_use_counts)
    return Summary(
        testers=len(eases),
        tasks=tuple(TaskRate(task, tried[task], done[task]) for task in tried),
        ease_mean=sum(eases) / len(eases),
        ease_median=float(median(eases)),
        ease_counts=ease_counts,
        would_use_counts=would_use_counts,
    )
