"""The similarity indexes kept per (source, space) in process memory (cocreate.spaces.similarity):
built lazily, told of changes through the cache, rebuilt when they cannot know what changed."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreate.ideas import services as idea_services
from cocreate.ideas.models import Idea
from cocreate.spaces import similarity
from cocreate.spaces.services import contribution_hide
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_indexes():
    similarity.forget_indexes()
    yield
    similarity.forget_indexes()


def similar(space, text, **kwargs):
    return similarity.similar_ids(source="ideas", space_id=space.pk, text=text, **kwargs)


def queries(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


def test_ideas_are_registered_and_suggested_best_first(space):
    bus = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    factories.IdeaFactory(space=space, title="A bench in the square")
    late = factories.IdeaFactory(space=space, title="Sunday bus timetable")
    assert similar(space, "buses on Sundays") == [bus.pk, late.pk]
    assert similar(space, "buses on Sundays", exclude_id=bus.pk) == [late.pk]
    assert similar(space, "buses on Sundays", limit=1) == [bus.pk]
    assert similar(space, "xy") == []


def test_an_unknown_source_is_a_clear_error(space):
    with pytest.raises(LookupError, match="No similarity source named 'nothing'"):
        similarity.similar_ids(source="nothing", space_id=space.pk, text="buses")


def test_an_up_to_date_index_answers_without_any_query(space):
    factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    built, _ = queries(lambda: similar(space, "buses"))
    assert built == 2  # how many rows there are (a large space is built in the background), then the rows
    again, found = queries(lambda: similar(space, "buses"))
    assert again == 0 and len(found) == 1


def test_each_space_has_its_own_index(space, organisation):
    other = factories.open_space(organisation)
    factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    elsewhere = factories.IdeaFactory(space=other, title="Later buses on Sunday evenings")
    assert similar(other, "buses") == [elsewhere.pk]


def test_new_and_edited_ideas_are_caught_up_with_one_query(space, person):
    first = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings", author=person)
    similar(space, "buses")
    second = factories.IdeaFactory(space=space, title="More buses to the hospital")
    count, found = queries(lambda: similar(space, "buses"))
    assert count == 1 and set(found) == {first.pk, second.pk}
    idea_services.idea_update(
        person=person, idea=first, title="Lights in the park", body="Lamps along the paths of the park."
    )
    assert similar(space, "buses") == [second.pk]
    assert similar(space, "lamps park") == [first.pk]


def test_withdrawn_merged_and_hidden_ideas_leave_the_index(space, person, moderator):
    withdrawn = factories.IdeaFactory(space=space, title="Later buses on Sunday", author=person)
    merged = factories.IdeaFactory(space=space, title="Later buses on Sundays please")
    hidden = factories.IdeaFactory(space=space, title="Buses later on Sunday nights")
    target = factories.IdeaFactory(space=space, title="Evening buses on Sundays")
    assert len(similar(space, "Sunday buses")) == 4
    idea_services.idea_withdraw(person=person, idea=withdrawn)
    idea_services.ideas_merge(person=moderator, target=target, sources=[merged])
    contribution_hide(person=moderator, content=hidden, reason="Spam")
    assert similar(space, "Sunday buses") == [target.pk]


def test_another_process_catches_up_from_the_changes_told_through_the_cache(space):
    idea = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    entry = similarity._indexes[("ideas", space.pk)]
    # Another process changes the text with QuerySet.update() and tells the indexes.
    Idea.objects.filter(pk=idea.pk).update(title="Benches in the square")
    similarity.changed("ideas", space.pk, [idea.pk])
    assert similar(space, "benches square") == [idea.pk]
    assert similarity._indexes[("ideas", space.pk)] is entry  # brought up to date, not rebuilt


def test_a_change_nobody_told_is_not_seen_until_the_index_is_rebuilt(space, monkeypatch):
    idea = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    Idea.objects.filter(pk=idea.pk).update(title="Benches in the square")
    assert similar(space, "benches square") == []
    monkeypatch.setattr(similarity, "MAX_AGE", 0)
    assert similar(space, "benches square") == [idea.pk]


def test_a_large_space_is_rebuilt_in_the_background_while_the_old_index_answers(space, monkeypatch):
    idea = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    old = similarity._indexes[("ideas", space.pk)]
    waiting = []
    monkeypatch.setattr(similarity, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(similarity, "_in_background", waiting.append)
    monkeypatch.setattr(similarity, "MAX_AGE", 0)
    Idea.objects.filter(pk=idea.pk).update(title="Benches in the square")
    assert similar(space, "benches square") == []  # the old index answers at once
    assert similar(space, "buses") == [idea.pk]
    assert len(waiting) == 1  # one rebuild at a time, however many ask meanwhile
    monkeypatch.setattr(similarity.db.connections, "close_all", lambda: None)  # the test's own connection
    waiting[0]()
    assert similarity._indexes[("ideas", space.pk)] is not old
    monkeypatch.setattr(similarity, "MAX_AGE", 3600)
    assert similar(space, "benches square") == [idea.pk]
    assert similarity._rebuilding == set()


def test_suggestions_do_not_wait_for_a_large_space_s_first_build_but_moderators_lists_do(space, monkeypatch):
    first = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    second = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings, please")
    waiting = []
    monkeypatch.setattr(similarity, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(similarity, "_in_background", waiting.append)
    monkeypatch.setattr(similarity.db.connections, "close_all", lambda: None)
    assert similar(space, "buses") == []  # no hint yet: the index is being built
    assert len(waiting) == 1
    waiting[0]()
    assert sorted(similar(space, "buses")) == sorted([first.pk, second.pk])
    similarity.forget_indexes()
    groups = similarity.near_duplicate_groups(source="ideas", space_id=space.pk)
    assert [sorted(g) for g in groups] == [sorted([first.pk, second.pk])]  # built there and then


@pytest.mark.django_db(transaction=True)
def test_the_background_rebuild_runs_in_a_thread_of_its_own(monkeypatch):
    space = factories.open_space()
    idea = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    monkeypatch.setattr(similarity, "BACKGROUND_FROM", 1)
    threads = []
    real = similarity._in_background

    def in_background(work):
        real(work)
        threads.extend(t for t in threading.enumerate() if t.name == "similarity-rebuild")

    monkeypatch.setattr(similarity, "_in_background", in_background)
    Idea.objects.filter(pk=idea.pk).update(title="Benches in the square")
    cache.clear()  # nobody can say what changed
    similar(space, "benches square")
    for thread in threads:
        thread.join(timeout=30)
    assert similar(space, "benches square") == [idea.pk]


def test_a_cleared_cache_makes_every_process_rebuild(space):
    idea = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    Idea.objects.filter(pk=idea.pk).update(title="Benches in the square")
    cache.clear()
    assert similar(space, "benches square") == [idea.pk]


def test_missing_change_records_make_the_index_rebuild(space):
    first = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    entry = similarity._indexes[("ideas", space.pk)]
    Idea.objects.filter(pk=first.pk).update(title="Benches in the square")
    similarity.changed("ideas", space.pk, [first.pk])
    cache.delete(f"similarity:ideas:{space.pk}:{entry.generation + 1}")
    assert similar(space, "benches square") == [first.pk]
    assert similarity._indexes[("ideas", space.pk)] is not entry


def test_changes_are_told_again_when_the_transaction_commits(space, django_capture_on_commit_callbacks):
    idea = factories.IdeaFactory(space=space, title="Later buses on Sunday evenings")
    similar(space, "buses")
    before = cache.get(f"similarity:ideas:{space.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        similarity.changed("ideas", space.pk, [idea.pk])
    assert cache.get(f"similarity:ideas:{space.pk}") == before + 2


def test_near_duplicate_groups_are_computed_once_per_change(space):
    a = factories.IdeaFactory(space=space, title="Open the libraries on Sunday afternoons")
    b = factories.IdeaFactory(space=space, title="Libraries open on Sunday afternoons")
    factories.IdeaFactory(space=space, title="Repair the potholes on Station Road")
    assert similarity.near_duplicate_groups(source="ideas", space_id=space.pk) == [[a.pk, b.pk]]
    assert similarity.near_duplicate_groups(source="ideas", space_id=space.pk, hidden=[frozenset({a.pk, b.pk})]) == []
    count, _ = queries(lambda: similarity.near_duplicate_groups(source="ideas", space_id=space.pk))
    assert count == 0


def test_themes_are_kept_for_a_while_after_a_change(space, monkeypatch):
    for title in ("Carril bici en Alcalá", "Más carriles bici", "Carril bici al colegio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Para ir en bici seguros por la ciudad.")
    for title in ("Árboles en la plaza", "Más árboles con sombra", "Sombra de árboles en el patio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Plantar árboles que den sombra en verano.")
    found = similarity.space_themes(source="ideas", space_id=space.pk, max_themes=2)
    assert len(found) == 2 and any("árboles" in theme.words for theme in found)
    factories.IdeaFactory(space=space, title="Bibliotecas abiertas", body="Abrir las bibliotecas los domingos.")
    count, again = queries(lambda: similarity.space_themes(source="ideas", space_id=space.pk, max_themes=2))
    assert again == found and count == 0  # the themes of a moment ago
    monkeypatch.setattr(similarity, "THEMES_MAX_AGE", 0)
    count, _ = queries(lambda: similarity.space_themes(source="ideas", space_id=space.pk, max_themes=2))
    assert count == 2  # counted, then recomputed from the rows


def test_themes_of_a_large_space_are_computed_by_the_task_worker(
    space, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(similarity, "THEMES_IN_REQUEST", 3)
    for title in ("Carril bici en Alcalá", "Más carriles bici", "Carril bici al colegio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Para ir en bici seguros por la ciudad.")
    for title in ("Árboles en la plaza", "Más árboles con sombra", "Sombra de árboles en el patio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Plantar árboles que den sombra en verano.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert similarity.space_themes(source="ideas", space_id=space.pk, max_themes=2) == []  # not yet
        assert similarity.space_themes(source="ideas", space_id=space.pk, max_themes=2) == []  # asked once
    assert len(callbacks) == 1
    callbacks[0]()  # the task (run at once by the test task backend)
    similarity.forget_indexes()  # another process: reads them from the shared cache
    count, found = queries(lambda: similarity.space_themes(source="ideas", space_id=space.pk, max_themes=2))
    assert count == 0 and len(found) == 2 and sum(theme.size for theme in found) == 12
