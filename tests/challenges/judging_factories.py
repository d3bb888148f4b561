"""Judging for the tests: a challenge open for entries and judging, teams with entries, rubrics
with criteria, judges who declared their conflicts."""

from cocreate.challenges.models import JudgingMode, Team, TeamMember
from cocreate.challenges.services import judging as services
from tests.challenges.factories import challenge_space
from tests.factories import PersonFactory

OPEN = ("submit_entry", "judge")


def judging_space(*, template: str = "competition", activities=OPEN, **fields):
    """A challenge whose one open phase enables entries and judging; and its organiser."""
    return challenge_space(template=template, activities=activities, **fields)


def team(space, *members, name=None):
    """A team of `members` (the first leads it)."""
    team = Team.objects.create(space=space, name=name or f"Team {Team.objects.count() + 1}")
    for i, person in enumerate(members):
        TeamMember.objects.create(team=team, person=person, role="lead" if i == 0 else "member")
    return team


def entry(space, *, person=None, title=None, team=None, **fields):
    person = person or PersonFactory()
    return services.entry_submit(
        person=person, space=space, title=title or f"Entry by {person.pk}", team=team, **fields
    )


def rubric(staff, space, *, criteria=(("Impact", 2), ("Feasibility", 1)), **fields):
    """A rubric scored 1–5 with the given (name, weight) criteria, each level described."""
    fields.setdefault("title", "Final judging")
    made = services.rubric_create(person=staff, space=space, **fields)
    if made.mode == JudgingMode.SCORES:
        for name, weight in criteria:
            services.criterion_add(
                person=staff,
                rubric=made,
                name=name,
                weight=weight,
                levels={s: f"{name} level {s}" for s in made.scale()},
            )
    return made


def judge(staff, rubric, person=None, *, conflicts=None, declare=True):
    """An assigned judge (a new person unless given) who declared `conflicts` (none by default)."""
    person = person or PersonFactory()
    services.judge_assign(person=staff, rubric=rubric, judge_person=person)
    if declare:
        services.conflicts_declare(person=person, rubric=rubric, conflicts=conflicts or {})
    return person


def score_all(person, rubric, entry, value):
    """The same score for every criterion."""
    return services.score_record(
        person=person, rubric=rubric, entry=entry, values={c.pk: value for c in rubric.criteria.all()}
    )
