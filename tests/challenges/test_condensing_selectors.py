"""Reads for condensing: grouping by sub-theme with the viewer's votes, hidden originals left
out, the mark on an idea, the ranking, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocreate.challenges.models import CondensedProposal
from cocreate.challenges.selectors import condensing as selectors
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import IdeaFilters
from cocreate.spaces.models import Space
from tests.challenges.condensing_factories import condensed, idea, question, voter
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_groups_by_sub_theme_with_the_viewers_choices():
    q = question()
    clinics = condensed(q, [idea(q)], title="Better clinics")
    condensed(q, [idea(q)], title="More doctors")
    condensed(q, [idea(q)], title="Open schools", theme=q.education)
    person = voter(q, [clinics])
    groups = selectors.condensed_by_theme(space=q.space, viewer=person)
    assert [g.name for g in groups] == ["Education", "Health"]
    health = groups[1]
    assert [p.title for p in health.proposals] == ["Better clinics", "More doctors"]
    assert health.chosen == ["Better clinics"] and health.full
    assert health.limit_reason == "You have already chosen 1 proposal in Health; withdraw that vote to choose this one."
    assert not groups[0].full and groups[0].limit_reason == ""
    assert [p.voted for p in health.proposals] == [True, False]
    visitor_groups = selectors.condensed_by_theme(space=q.space, viewer=None)
    assert not any(p.voted for g in visitor_groups for p in g.proposals)


def test_withdrawn_proposals_and_hidden_originals_are_left_out():
    q = question()
    shown, hidden = idea(q), idea(q)
    clinics = condensed(q, [shown, hidden])
    withdrawn = condensed(q, [idea(q)], title="Withdrawn proposal")
    Idea.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    CondensedProposal.objects.filter(pk=withdrawn.pk).update(hidden_at=timezone.now())
    [group] = selectors.condensed_by_theme(space=q.space, viewer=None)
    assert [p.pk for p in group.proposals] == [clinics.pk]
    assert [s.idea_id for s in group.proposals[0].sources.all()] == [shown.pk]


def test_condensed_for_idea_names_the_visible_proposals_including_it():
    q = question()
    original = idea(q)
    first = condensed(q, [original], title="Better clinics")
    second = condensed(q, [original], title="Clinics at night")
    CondensedProposal.objects.filter(pk=second.pk).update(hidden_at=timezone.now())
    assert [p.pk for p in selectors.condensed_for_idea(original)] == [first.pk]
    assert selectors.condensed_for_idea(idea(q)) == []


def test_results_rank_by_votes_then_supports_of_the_originals():
    q = question(co_design_places=1)
    less = condensed(q, [idea(q, supporters=1)], title="Fewer supports")
    more = condensed(q, [idea(q, supporters=2)], title="More supports")
    most_votes = condensed(q, [idea(q)], title="Most votes")
    nobody = condensed(q, [idea(q)], title="Nobody voted", theme=q.education)
    voter(q, [less])
    voter(q, [more])
    voter(q, [most_votes])
    voter(q, [most_votes])
    groups = {g.name: g for g in selectors.results_by_theme(space=q.space)}
    health = groups["Health"].proposals
    assert [p.pk for p in health] == [most_votes.pk, more.pk, less.pk]
    assert [p.invited_place for p in health] == [True, False, False]
    assert [(p.pk, p.invited_place) for p in groups["Education"].proposals] == [(nobody.pk, False)]


def test_workbench_marks_ideas_already_included_and_can_leave_them_out():
    q = question()
    included, free = idea(q, title="Clinic at night"), idea(q, title="Clinic at weekends")
    condensed(q, [included])
    page = selectors.workbench_page(space=q.space, filters=IdeaFilters(search="clinic"))
    marks = {i.pk: [s.condensed.title for s in i.condensed_sources.all()] for i in page.object_list}
    assert marks == {included.pk: ["Better clinics"], free.pk: []}
    page = selectors.workbench_page(space=q.space, filters=IdeaFilters(), not_included=True)
    assert [i.pk for i in page.object_list] == [free.pk]


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_reads_run_a_constant_number_of_queries(django_assert_num_queries):
    q = question()
    person = PersonFactory()

    def grow(rows):
        while CondensedProposal.objects.filter(space=q.space).count() < rows:
            n = CondensedProposal.objects.count()
            condensed(q, [idea(q), idea(q)], title=f"Proposal number {n}", theme=q.health if n % 2 else q.education)
        return Space.objects.get(pk=q.space.pk)

    def reads(space):
        groups = selectors.condensed_by_theme(space=space, viewer=person)
        for group in groups:
            for proposal in group.proposals:
                [s.idea.get_absolute_url() for s in proposal.sources.all()]
        selectors.results_by_theme(space=space)
        page = selectors.workbench_page(space=space, filters=IdeaFilters())
        for i in page.object_list:
            [s.condensed.title for s in i.condensed_sources.all()]

    space = grow(2)
    reads(space)
    small = _count(lambda: reads(space))
    space = grow(10)
    reads(space)
    with django_assert_num_queries(small):
        reads(space)
