"""Reads about prototypes: lists in a fixed number of queries, hidden prototypes for moderators
only, the prototypes an idea led to, and the feedback summary per version."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import Prototype, Stage
from cocreate.challenges.selectors import prototypes as selectors
from cocreate.challenges.services import prototypes as services
from tests.challenges.prototypes_factories import lab, make_team, open_session
from tests.factories import IdeaFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _add_prototypes(the, count: int) -> None:
    for n in range(count):
        maker = PersonFactory()
        team = make_team(the.space, maker, name=f"Team {maker.pk}")
        services.prototype_submit(
            person=maker,
            space=the.space,
            title=f"Prototype number {n}",
            summary="A prototype made for the selector tests.",
            source_ideas=[the.idea, IdeaFactory(space=the.space)],
            team=team,
        )


def _queries(the, viewer) -> int:
    viewer = Person.objects.get(pk=viewer.pk)  # nothing remembered from an earlier call
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.prototype_page_rows(space=the.space, viewer=viewer)
        for row in rows:
            row.is_authored_by(viewer)
            [source.idea.title for source in row.sources.all()]
    return len(queries)


def test_the_list_runs_the_same_number_of_queries_for_2_and_10_prototypes():
    the = lab()
    viewer = PersonFactory()
    _add_prototypes(the, 1)
    two = _queries(the, viewer)
    _add_prototypes(the, 8)
    assert _queries(the, viewer) == two


def test_hidden_prototypes_are_listed_for_moderators_only():
    the = lab()
    Prototype.objects.filter(pk=the.prototype.pk).update(hidden_at=timezone.now())
    assert selectors.prototype_page_rows(space=the.space, viewer=PersonFactory()) == []
    assert [p.pk for p in selectors.prototype_page_rows(space=the.space, viewer=the.staff)] == [the.prototype.pk]


def test_the_list_filters_by_stage():
    the = lab()
    services.gate_decide(
        person=the.staff, prototype=the.prototype, to_stage=Stage.PILOT, evidence="Pilot agreed with the council."
    )
    _add_prototypes(the, 2)
    assert [p.pk for p in selectors.prototype_page_rows(space=the.space, viewer=None, stage="pilot")] == [
        the.prototype.pk
    ]
    assert len(selectors.prototype_page_rows(space=the.space, viewer=None, stage="concept")) == 2


def test_an_idea_knows_the_visible_prototypes_it_led_to():
    the = lab()
    _add_prototypes(the, 2)
    hidden = Prototype.objects.filter(title="Prototype number 1").get()
    Prototype.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    titles = [p.title for p in selectors.prototypes_from_idea(the.idea)]
    assert titles == ["Bulky waste by text", "Prototype number 0"]
    assert selectors.prototypes_from_idea(IdeaFactory(space=the.space)) == []


def test_feedback_is_summarised_per_version_newest_first():
    the = lab()
    first = open_session(the)
    services.feedback_give(person=the.supporter, session=first, tasks_done=[True, False, True], ease=4, would_use="yes")
    services.feedback_give(person=the.idea_author, session=first, tasks_done=[False] * 3, ease=2, would_use="no")
    services.version_add(person=the.maker, prototype=the.prototype, notes="Clearer wording.")
    second = open_session(the, tasks=["Book a collection"], open_to_everyone_in=timedelta(minutes=-1))
    services.feedback_give(person=PersonFactory(), session=second, tasks_done=[True], ease=5, would_use="yes")
    page = selectors.prototype_for_page(space=the.space, prototype_id=the.prototype.pk, viewer=None)
    summaries = selectors.feedback_summaries(prototype=page)
    assert [(version.number, summary.testers) for version, summary in summaries] == [(2, 1), (1, 2)]
    first_summary = summaries[1][1]
    assert [(t.task, t.done, t.tried) for t in first_summary.tasks] == [
        ("Find the booking page", 1, 2),
        ("Book a collection", 0, 2),
        ("Cancel it", 1, 2),
    ]
    assert first_summary.ease_mean == 3.0


def test_comments_come_with_each_task_answered():
    the = lab()
    session = open_session(the)
    services.feedback_give(
        person=the.supporter, session=session, tasks_done=[True, False, True], ease=4, would_use="yes", comments="Nice"
    )
    (row,) = selectors.feedback_comments(prototype=the.prototype)
    assert row.comments == "Nice"
    assert row.task_rows[1] == ("Book a collection", False)
