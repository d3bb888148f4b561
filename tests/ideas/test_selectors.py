"""Reads: filters, sorts, search, and a constant number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreate.ideas import selectors, services
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import IdeaFilters
from tests import factories

pytestmark = pytest.mark.django_db


def _grow(space, n, supporter=None):
    theme = factories.theme(space, f"Theme {space.pk}-{n}")
    for i in range(n):
        idea = factories.IdeaFactory(
            space=space, title=f"Cleaner streets number {i}", themes=[theme], co_author_emails=[]
        )
        services.comment_create(person=factories.PersonFactory(), idea=idea, body="Yes")
        if supporter:
            services.idea_support(person=supporter, idea=idea)


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
def test_idea_list_page_runs_a_constant_number_of_queries(client, space, person, signed_in):
    if signed_in:
        client.force_login(person)
    url = reverse("ideas:list", args=[space.slug])
    _grow(space, 3, supporter=person)
    client.get(url)  # warm-up: first-request work (sessions, content types) is not the page's
    small = _queries(lambda: client.get(url + "?sort=most_supported"))
    _grow(space, 25, supporter=person)
    large = _queries(lambda: client.get(url + "?sort=most_supported&page=2"))
    assert small == large, f"{small} queries for 3 ideas, {large} for 28"


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
def test_idea_page_runs_a_constant_number_of_queries(client, space, person, signed_in):
    if signed_in:
        client.force_login(person)
    idea = factories.IdeaFactory(space=space)
    url = reverse("ideas:detail", args=[space.slug, idea.pk])
    client.get(url)
    parent = services.comment_create(person=person, idea=idea, body="First")
    small = _queries(lambda: client.get(url))
    for n in range(20):
        services.comment_create(person=factories.PersonFactory(), idea=idea, body=f"Reply {n}", parent=parent)
        services.idea_support(person=factories.PersonFactory(), idea=idea)
    large = _queries(lambda: client.get(url))
    assert small == large


def test_space_list_runs_a_constant_number_of_queries(client, person):
    client.force_login(person)
    factories.open_space()
    client.get(reverse("spaces:index"))
    small = _queries(lambda: client.get(reverse("spaces:index")))
    for _ in range(10):
        factories.open_space()
    assert _queries(lambda: client.get(reverse("spaces:index"))) == small


def test_moderation_queue_runs_a_constant_number_of_queries(client, space, organiser):
    from cocreate.spaces.services import contribution_report

    client.force_login(organiser)
    url = reverse("spaces:moderation", args=[space.slug])

    def report_some(n):
        for _ in range(n):
            idea = factories.IdeaFactory(space=space)
            comment = services.comment_create(person=factories.PersonFactory(), idea=idea, body="Buy cheap loans")
            comment.space = space
            contribution_report(person=factories.PersonFactory(), content=comment, reason="spam")
            contribution_report(person=factories.PersonFactory(), content=idea, reason="off_topic")

    report_some(1)
    client.get(url)
    small = _queries(lambda: client.get(url))
    report_some(8)
    assert _queries(lambda: client.get(url)) == small


def test_hidden_merged_and_withdrawn_ideas_are_left_out_by_default(space, organiser, person):
    kept = factories.IdeaFactory(space=space, title="Kept idea about parks")
    merged = factories.IdeaFactory(space=space, title="Merged idea about parks")
    withdrawn = factories.IdeaFactory(space=space, title="Withdrawn idea about parks", author=person)
    services.ideas_merge(person=organiser, target=kept, sources=[merged])
    services.idea_withdraw(person=person, idea=withdrawn)
    assert list(selectors.idea_list(space=space, viewer=None)) == [kept]
    merged_only = selectors.idea_list(space=space, viewer=None, filters=IdeaFilters(status="merged"))
    assert list(merged_only) == [merged]


def test_search_ignores_accents_and_case_and_matches_word_starts(space):
    found = factories.IdeaFactory(space=space, title="Participación ciudadana en los barrios")
    factories.IdeaFactory(space=space, title="Something else entirely")
    assert list(selectors.idea_list(space=space, viewer=None, filters=IdeaFilters(search="PARTICIPACION barr"))) == [
        found
    ]


def test_search_with_punctuation_only_does_not_fail(space):
    factories.IdeaFactory(space=space)
    assert selectors.idea_list(space=space, viewer=None, filters=IdeaFilters(search='"*() OR AND -')).count() >= 0


def test_relevance_puts_the_best_match_first(space):
    weak = factories.IdeaFactory(space=space, title="Trees in town", body="Plant trees, and maybe a bench.")
    strong = factories.IdeaFactory(space=space, title="Benches, benches, benches", body="More benches: bench bench.")
    ranked = list(selectors.idea_list(space=space, viewer=None, filters=IdeaFilters(search="bench", sort="relevance")))
    assert ranked[:2] == [strong, weak]


def test_random_order_is_stable_for_a_seed_and_changes_with_it(space):
    for i in range(12):
        factories.IdeaFactory(space=space, title=f"Idea about streets {i}")

    def order(seed):
        ideas = selectors.idea_list(space=space, viewer=None, filters=IdeaFilters(sort="random", seed=seed))
        return [i.pk for i in ideas]

    assert order(42) == order(42)
    assert order(42) != order(43)
    assert sorted(order(42)) == sorted(Idea.objects.values_list("pk", flat=True))


def test_sorts_by_supports_including_imported_ones(space):
    few = factories.IdeaFactory(space=space)
    imported = factories.IdeaFactory(space=space)
    Idea.objects.filter(pk=imported.pk).update(imported_supports_count=50)
    supported = factories.IdeaFactory(space=space)
    for _ in range(3):
        services.idea_support(person=factories.PersonFactory(), idea=supported)
    ranked = list(selectors.idea_list(space=space, viewer=None, filters=IdeaFilters(sort="most_supported")))
    assert ranked == [imported, supported, few]


def test_similar_ideas_share_words_with_the_typed_title(space):
    bus = factories.IdeaFactory(space=space, title="Live bus times at rural stops")
    factories.IdeaFactory(space=space, title="Community fridge in Margate")
    assert selectors.similar_ideas(space=space, text="bus timetable at the stop") == [bus]
    assert selectors.similar_ideas(space=space, text="to") == []


def test_viewer_sees_what_they_supported(space, person):
    idea = factories.IdeaFactory(space=space)
    services.idea_support(person=person, idea=idea)
    listed = selectors.idea_list(space=space, viewer=person).get(pk=idea.pk)
    assert listed.supported and listed.following is False


def test_similar_ideas_leave_out_merged_and_withdrawn_ones(space, organiser):
    kept = factories.IdeaFactory(space=space, title="Live bus times at rural stops")
    merged = factories.IdeaFactory(space=space, title="Bus times at village stops")
    services.ideas_merge(person=organiser, target=kept, sources=[merged])
    assert selectors.similar_ideas(space=space, text="bus times stops") == [kept]
