"""Suggesting people for a team, and teams for a person, by what the team still needs.

A team needs the skills it asks for that no member has yet, and a member for each composition
rule it does not meet yet (see `team_composition`). A person helps as much as the needs they
cover: one point per missing skill they have, and `RULE_WEIGHT` per unmet rule they meet (a
rule blocks the team from entering, a skill is only wished for). People who cover nothing are
not suggested. Ties keep the input order (the callers pass the board oldest first, so people
waiting longest come first).

Pure Python, no Django.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from cocreate.algorithms.team_composition import Rule, Traits, meets, names

RULE_WEIGHT = 2


@dataclass(frozen=True)
class Needs:
    """What a team still needs: skills (normalised) no member has, rules it does not meet."""

    skills: frozenset[str] = field(default_factory=frozenset)
    rules: tuple[Rule, ...] = ()

    @classmethod
    def of(cls, *, skills_wanted=(), member_skills=(), unmet: Sequence[Rule] = ()) -> "Needs":
        return cls(names(skills_wanted) - names(member_skills), tuple(unmet))

    def __bool__(self) -> bool:
        return bool(self.skills or self.rules)


@dataclass(frozen=True)
class Match:
    """Candidate `index` covers these needs (skills by name, rules by label)."""

    index: int
    skills: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def score(self) -> int:
        return len(self.skills) + RULE_WEIGHT * len(self.rules)


def cover(needs: Needs, traits: Traits, index: int = 0) -> Match:
    return Match(
        index,
        tuple(sorted(needs.skills & traits.skills)),
        tuple(rule.label for rule in needs.rules if meets(rule, traits)),
    )


def _ranked(matches: list[Match], limit: int | None) -> list[Match]:
    useful = [m for m in matches if m.score > 0]
    useful.sort(key=lambda m: (-m.score, m.index))
    return useful if limit is None else useful[:limit]


def suggest_people(needs: Needs, candidates: Sequence[Traits], limit: int | None = None) -> list[Match]:
    """The candidates who cover some of the team's needs, most helpful first."""
    return _ranked([cover(needs, traits, index) for index, traits in enumerate(candidates)], limit)


def suggest_teams(teams: Sequence[Needs], person: Traits, limit: int | None = None) -> list[Match]:
    """The teams (by index) whose needs the person covers, those they would help most first."""
    return _ranked([cover(needs, person, index) for index, needs in enumerate(teams)], limit)
