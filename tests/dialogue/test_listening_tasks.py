"""Listening in the task worker: the recurring jobs are scheduled, due feeds are read, and the
issues are recomputed (after a fetch, and daily for every space with signals)."""

import pytest

from cocreate.dialogue.models import EmergingIssue, ListeningSource, Signal, SourceKind
from cocreate.dialogue.tasks import listening as tasks
from cocreate.web.schedule import RECURRING
from tests.dialogue.listening_factories import burst_signals, listening_space, write_json

pytestmark = pytest.mark.django_db

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Petitions</title><id>urn:petitions</id>
<updated>2024-02-15T10:00:00Z</updated>
{entries}
</feed>"""
ENTRY = """<entry><title>Clear the snow on {n} Main St</title><id>urn:petition:{n}</id>
<updated>2024-02-{day:02d}T10:00:00Z</updated><category term="Snow"/><summary>Please.</summary></entry>"""


def test_the_listening_jobs_are_scheduled():
    tasks_named = {job.task for job in RECURRING}
    assert "cocreate.dialogue.tasks.listening.fetch_due_feeds" in tasks_named
    assert "cocreate.dialogue.tasks.listening.recompute_all_emerging_issues" in tasks_named


def test_the_recurring_job_reads_a_due_atom_feed(tmp_path, feed_server, django_capture_on_commit_callbacks):
    space, staff, _org = listening_space()
    entries = "\n".join(ENTRY.format(n=n, day=1 + n % 28) for n in range(30))
    (tmp_path / "feed.atom").write_text(ATOM.format(entries=entries), encoding="utf-8")
    source = ListeningSource.objects.create(
        space=space, name="Petitions", kind=SourceKind.FEED, feed_url=f"{feed_server}/feed.atom"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.fetch_due_feeds.call() == 1
    assert Signal.objects.filter(source=source, category="Snow").count() == 30
    assert tasks.fetch_due_feeds.call() == 0


def test_fetching_one_feed_skips_a_source_that_is_gone():
    assert tasks.fetch_feed.call(source_id=987654) == 0


def test_the_daily_job_recomputes_every_space_with_signals(tmp_path):
    from cocreate.dialogue.services.listening import signals_import

    space, staff, _org = listening_space()
    signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    assert not EmergingIssue.objects.exists()  # the after-commit recomputation did not run inside the test
    assert tasks.recompute_all_emerging_issues.call() == 2  # "Snow" over the whole space and in Canton
    assert EmergingIssue.objects.filter(space=space, category="Snow").count() == 2
    assert tasks.recompute_emerging_issues.call(space_id=space.pk) == 2
