"""The activity registry: what people can do in a space, each activity's rule declared once.

An app declares its activities in its `activities.py` (imported from its AppConfig.ready) with
`register(Activity(...))`. Phases list activity names; `cocreate.spaces.permissions.can` reads
the declaration to answer "may this person do this here now?".

A rule is a sequence of `Check`s, each a `rules` predicate over (person, target) and the reason
shown when it fails. Checks under `who` are about the person (roles, authorship); checks under
`when` are about the target's state (an idea that was merged cannot be supported).
"""

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.utils.functional import Promise

Reason = str | Promise | Callable[[object, object], str]


@dataclass(frozen=True)
class Check:
    test: rules.Predicate
    reason: Reason


@dataclass(frozen=True)
class Activity:
    name: str
    # A verb phrase completing "Sign in to …" / "You can … from 3 May": "support ideas".
    label: str | Promise
    # Only while an open phase of the space lists this activity.
    phased: bool = True
    # Visitors who have not signed in may do it (reading, mostly).
    anonymous: bool = False
    # What the target is: a space or something inside one ("space"), an organisation, the site.
    scope: str = "space"
    who: tuple[Check, ...] = ()
    when: tuple[Check, ...] = ()
    # A space may reserve it to verified residents (Space.residency_required_for).
    residents_only_possible: bool = False
    # Shown to staff choosing what a phase enables; unphased activities are not offered.
    description: str | Promise = ""


_registry: dict[str, Activity] = {}


def register(activity: Activity) -> Activity:
    """Add an activity; registering the same name twice is a programming error."""
    if activity.name in _registry and _registry[activity.name] != activity:
        raise ValueError(f"Activity {activity.name!r} is already registered.")
    _registry[activity.name] = activity
    rules.set_perm(f"cocreate.{activity.name}", _as_django_permission(activity.name))
    return activity


def get(name: str) -> Activity:
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"No activity called {name!r}; registered: {sorted(_registry)}") from None


def all_activities() -> list[Activity]:
    return list(_registry.values())


def phase_activity_choices() -> list[tuple[str, str]]:
    """(name, label) of the activities a phase can enable, for forms."""
    return [(a.name, a.description or a.label) for a in _registry.values() if a.phased]


def residency_activity_choices() -> list[tuple[str, str]]:
    return [(a.name, a.description or a.label) for a in _registry.values() if a.residents_only_possible]


def _as_django_permission(name: str) -> rules.Predicate:
    """`person.has_perm("cocreate.support", idea)` gives the same answer as `can()`."""

    @rules.predicate(name=f"can_{name}")
    def allowed(person, target=None) -> bool:
        from cocreate.spaces.permissions import can

        return bool(can(person, name, target))

    return allowed


# --- Contributions that can be reported and moderated ---------------------------------------
# Each app names its kinds of contribution (as they appear in URLs: "idea", "comment") and the
# queryset that loads them with what the moderation queue shows, so that the queue runs a
# fixed number of queries.
_moderated: dict[str, tuple] = {}


def register_moderated(kind: str, model, queryset: Callable) -> None:
    _moderated[kind] = (model, queryset)


def moderated_querysets() -> list:
    return [make() for _model, make in _moderated.values()]


def moderated_content(kind: str, pk: int):
    """The contribution of that kind and id, or None."""
    if kind not in _moderated:
        return None
    _model, make = _moderated[kind]
    return make().filter(pk=pk).first()
