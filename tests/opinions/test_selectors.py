"""Reads for opinion maps run a fixed number of queries, whatever the number of statements,
votes and groups."""

import pytest

from cocreate.opinions import selectors, services
from cocreate.opinions.models import Moderation
from tests.factories import PersonFactory
from tests.opinions.factories import opinion_space, seed, statement, voters_in_two_camps

pytestmark = pytest.mark.django_db


def test_overview_is_none_for_a_space_without_statements_for_a_participant():
    space, staff = opinion_space()
    assert selectors.opinion_overview(space=space, viewer=PersonFactory()) is None
    assert selectors.opinion_overview(space=space, viewer=staff) is not None  # staff can start a map


def test_overview_counts(django_assert_num_queries):
    space, staff = opinion_space()
    statements = seed(space, staff, "One.", "Two.", "Three.")
    statement(space, text="Waiting.", moderation=Moderation.AWAITING)
    voter = PersonFactory()
    services.statement_vote(person=voter, statement=statements[0], choice="agree")
    voter = type(voter).objects.get(pk=voter.pk)
    selectors.opinion_overview(space=space, viewer=voter)  # roles are remembered on the person
    with django_assert_num_queries(3):
        overview = selectors.opinion_overview(space=space, viewer=voter)
    assert (overview.statements, overview.awaiting, overview.votes_by_viewer) == (3, 1, 1)
    assert overview.may_vote and not overview.may_moderate


def test_next_statement_prefers_the_least_voted_and_skips_what_you_voted():
    space, staff = opinion_space()
    first, second, third = seed(space, staff, "One.", "Two.", "Three.")
    services.statement_vote(person=PersonFactory(), statement=first, choice="agree")
    services.statement_vote(person=PersonFactory(), statement=second, choice="agree")
    me = PersonFactory()
    assert selectors.next_statement(space=space, viewer=me).statement == third
    services.statement_vote(person=me, statement=third, choice="pass")
    shown = selectors.next_statement(space=space, viewer=me)
    assert shown.statement == first and (shown.voted, shown.total, shown.remaining) == (1, 3, 2)


def test_next_statement_never_shows_a_statement_not_accepted():
    space, _staff = opinion_space()
    waiting = statement(space, text="Waiting.", moderation=Moderation.AWAITING)
    shown = selectors.next_statement(space=space, viewer=PersonFactory(), statement_id=waiting.pk)
    assert shown.statement is None and shown.total == 0


@pytest.mark.parametrize("statements", [3, 12])
def test_next_statement_runs_four_queries(django_assert_num_queries, statements):
    space, staff = opinion_space()
    made = seed(space, staff, *[f"Statement {n}." for n in range(statements)])
    me = PersonFactory()
    services.statement_vote(person=me, statement=made[0], choice="agree")
    with django_assert_num_queries(4):
        selectors.next_statement(space=space, viewer=me, statement_id=made[0].pk)


@pytest.mark.parametrize("per_camp", [4, 12])
def test_map_page_runs_two_queries(django_assert_num_queries, per_camp):
    space, staff = opinion_space()
    statements = seed(space, staff, *[f"Statement {n}." for n in range(per_camp)])
    people = voters_in_two_camps(space, statements, per_camp=per_camp)
    services.opinion_map_update(space=space)
    with django_assert_num_queries(2):
        page = selectors.opinion_map_page(space=space, viewer=people[0])
    assert len(page.groups) == 2 and page.viewer_position.group in {"A", "B"}


def test_moderation_list_puts_waiting_first_in_one_query(django_assert_num_queries):
    space, staff = opinion_space()
    seed(space, staff, "One.", "Two.")
    statement(space, text="Waiting.", moderation=Moderation.AWAITING)
    with django_assert_num_queries(1):
        listed = selectors.statements_for_moderation(space=space)
    assert listed[0].text == "Waiting." and len(listed) == 3
