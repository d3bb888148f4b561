"""Which condensed proposals are invited to co-design: the top few of each sub-theme by votes.

Ties are broken, in this order, by
1. more votes;
2. more supports given to its original ideas (the public backed the ideas it gathers);
3. the earlier proposal (lower id): it was condensed first, and the order never changes later.
The same order ranks the results page, so what people read there is what staff invite.
No Django import: plain tuples in, plain ids out."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    id: int
    theme: int | None
    votes: int
    original_supports: int


def rank_key(candidate: Candidate) -> tuple[int, int, int]:
    return (-candidate.votes, -candidate.original_supports, candidate.id)


def ranked_by_theme(candidates: Iterable[Candidate]) -> dict[int | None, list[Candidate]]:
    """Each sub-theme's proposals, best first."""
    groups: dict[int | None, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.theme, []).append(candidate)
    return {theme: sorted(group, key=rank_key) for theme, group in groups.items()}


def top_per_theme(candidates: Iterable[Candidate], places: int) -> list[int]:
    """Ids of the first `places` proposals of each sub-theme (all of them if fewer), leaving
    out proposals nobody voted for: an invitation rewards a choice the public made."""
    chosen: list[int] = []
    for group in ranked_by_theme(candidates).values():
        chosen.extend(c.id for c in group[: max(places, 0)] if c.votes > 0)
    return chosen
