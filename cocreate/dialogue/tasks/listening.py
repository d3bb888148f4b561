"""Background and recurring work for listening, run by the task worker: reading the feeds that
are due, one feed on demand, and recomputing a space's emerging issues (after an import or a
fetch, and daily for every space with signals)."""

from django_tasks import task


@task()
def fetch_due_feeds() -> int:
    """Every few minutes (cocreate/web/schedule.py): read each feed whose interval has passed."""
    from cocreate.dialogue.services.listening import feeds_fetch_due

    return feeds_fetch_due()


@task()
def fetch_feed(*, source_id: int) -> int:
    """Read one feed now; returns the number of signals added."""
    from cocreate.dialogue.models import ListeningSource
    from cocreate.dialogue.services.listening import feed_fetch

    source = ListeningSource.objects.select_related("space").filter(pk=source_id).first()
    if source is None or not source.feed_url:
        return 0
    return feed_fetch(source=source).imported


@task()
def recompute_emerging_issues(*, space_id: int) -> int:
    from cocreate.dialogue.services.listening import emerging_issues_recompute
    from cocreate.spaces.models import Space

    space = Space.objects.filter(pk=space_id).first()
    return emerging_issues_recompute(space=space) if space else 0


@task()
def recompute_all_emerging_issues() -> int:
    """Daily: a day without signals changes the baselines too."""
    from cocreate.dialogue.models import Signal
    from cocreate.dialogue.services.listening import emerging_issues_recompute
    from cocreate.spaces.models import Space

    spaces = Space.objects.filter(pk__in=Signal.objects.values("space_id").distinct())
    return sum(emerging_issues_recompute(space=space) for space in spaces)
