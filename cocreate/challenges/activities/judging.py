"""What people can do in judging. Targets: the space (submit an entry, manage judging), an entry
(withdraw it), a rubric (judge: the dashboard, pairwise comparisons) or an entry as judged
under one rubric (`JudgedEntry`: score it)."""

from dataclasses import dataclass

import rules
from django.utils.translation import gettext_lazy

from cocreate.spaces.permissions import is_author, is_organiser, signed_in
from cocreate.spaces.registry import Activity, Check, register


@dataclass(frozen=True)
class JudgedEntry:
    """An entry as judged under one rubric: what `can(person, "judge", …)` is asked about."""

    rubric: object
    entry: object

    @property
    def space(self):
        return self.rubric.space


def _rubric(target):
    return target.rubric if isinstance(target, JudgedEntry) else target


def judge_standing(person, rubric) -> tuple:
    """(the person's Judge row for this rubric or None, ids of the entries they declared a
    conflict with); asked once per person object and rubric."""
    if not signed_in(person):
        return None, frozenset()
    memo = person.__dict__.setdefault("_cocreate_judge", {})
    if rubric.pk not in memo:
        from cocreate.challenges.models import Judge

        judge = Judge.objects.filter(rubric=rubric, person=person).prefetch_related("conflicts").first()
        conflicted = frozenset(c.entry_id for c in judge.conflicts.all()) if judge else frozenset()
        memo[rubric.pk] = (judge, conflicted)
    return memo[rubric.pk]


def forget_judge_standing(person, rubric) -> None:
    """After a change to the person's assignment or conflicts."""
    getattr(person, "__dict__", {}).get("_cocreate_judge", {}).pop(rubric.pk, None)


@rules.predicate
def is_assigned_judge(person, target) -> bool:
    return judge_standing(person, _rubric(target))[0] is not None


@rules.predicate
def has_declared_conflicts(person, target) -> bool:
    judge = judge_standing(person, _rubric(target))[0]
    return judge is not None and judge.declared_at is not None


@rules.predicate
def results_not_published(person, target) -> bool:
    return _rubric(target).published_at is None


@rules.predicate
def not_conflicted(person, target) -> bool:
    if not isinstance(target, JudgedEntry):
        return True
    return target.entry.pk not in judge_standing(person, target.rubric)[1]


@rules.predicate
def entry_in_competition(person, target) -> bool:
    entry = target.entry if isinstance(target, JudgedEntry) else target
    return getattr(entry, "withdrawn_at", None) is None


register(
    Activity(
        name="submit_entry",
        label=gettext_lazy("submit entries for judging"),
        description=gettext_lazy("Submit entries for judging (with code and demo links)"),
    )
)

register(
    Activity(
        name="withdraw_entry",
        label=gettext_lazy("withdraw this entry"),
        phased=False,
        who=(
            Check(
                is_author,
                gettext_lazy("Only the person who submitted an entry, or a member of its team, can withdraw it."),
            ),
        ),
        when=(Check(entry_in_competition, gettext_lazy("This entry has already been withdrawn.")),),
    )
)

register(
    Activity(
        name="manage_judging",
        label=gettext_lazy("manage judging"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can manage judging.")),),
    )
)

register(
    Activity(
        name="judge",
        label=gettext_lazy("judge entries"),
        description=gettext_lazy("Judge entries (score them or compare them two at a time)"),
        who=(
            Check(is_assigned_judge, gettext_lazy("Only the judges the organisers assigned can judge these entries.")),
            Check(
                has_declared_conflicts,
                gettext_lazy(
                    "Declare your conflicts of interest first (or that you have none), then you can judge entries."
                ),
            ),
        ),
        when=(
            Check(results_not_published, gettext_lazy("The results are published: judging has closed.")),
            Check(
                not_conflicted,
                gettext_lazy("You declared a conflict of interest with this entry, so you do not judge it."),
            ),
            Check(entry_in_competition, gettext_lazy("This entry was withdrawn: it is no longer judged.")),
        ),
    )
)
