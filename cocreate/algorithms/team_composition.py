"""Which of a challenge's team composition rules a team does not meet yet.

A rule says "at least `minimum` members who …": have a skill, have a field of expertise, or
belong to an organisation of a given kind (e.g. "at least one public-service provider":
members of a public agency). Names are compared without regard to case or surrounding spaces,
as people type them. A member counts for every rule they meet: a developer who works for the
council is both a digital specialist and a public-service provider.

Pure Python, no Django: the callers turn members' profiles into `Traits`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SKILL = "skill"
EXPERTISE = "expertise"
ORGANISATION_KIND = "organisation_kind"
MATCHES = (SKILL, EXPERTISE, ORGANISATION_KIND)


def normalised(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(normalised(v) for v in values if str(v).strip())


@dataclass(frozen=True)
class Traits:
    """What counts about one person: their skills, fields of expertise, and the kinds of the
    organisations they are members of (each normalised with `normalised`)."""

    skills: frozenset[str] = field(default_factory=frozenset)
    expertise: frozenset[str] = field(default_factory=frozenset)
    organisation_kinds: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *, skills=(), expertise=(), organisation_kinds=()) -> "Traits":
        return cls(names(skills), names(expertise), names(organisation_kinds))


@dataclass(frozen=True)
class Rule:
    label: str
    minimum: int
    match: str
    value: str

    def __post_init__(self):
        if self.match not in MATCHES:
            raise ValueError(f"Unknown match {self.match!r}; expected one of {MATCHES}")
        if self.minimum < 1:
            raise ValueError("A rule asks for at least one member.")


@dataclass(frozen=True)
class Shortfall:
    """A rule the team does not meet: it has `found` members who count and needs `minimum`."""

    index: int
    label: str
    minimum: int
    found: int

    @property
    def missing(self) -> int:
        return self.minimum - self.found


def meets(rule: Rule, traits: Traits) -> bool:
    wanted = normalised(rule.value)
    if rule.match == SKILL:
        return wanted in traits.skills
    if rule.match == EXPERTISE:
        return wanted in traits.expertise
    return wanted in traits.organisation_kinds


def unmet_rules(rules: Sequence[Rule], members: Sequence[Traits]) -> list[Shortfall]:
    """The rules (in their order) that fewer than their minimum of `members` meet."""
    shortfalls = []
    for index, rule in enumerate(rules):
        found = sum(1 for member in members if meets(rule, member))
        if found < rule.minimum:
            shortfalls.append(Shortfall(index, rule.label, rule.minimum, found))
    return shortfalls
