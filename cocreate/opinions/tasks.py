"""Background work for opinion maps: updating a space's map as votes arrive."""

from django_tasks import task


@task()
def update_opinion_map(*, space_id: int, when_new_votes: int = 1) -> bool:
    """Enqueued after each vote: recompute the space's map once `when_new_votes` votes arrived
    since its last computation (cheap to ask: one count). True when the map was recomputed."""
    from cocreate.opinions.services import opinion_map_update
    from cocreate.spaces.models import Space

    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        return False
    return opinion_map_update(space=space, when_new_votes=when_new_votes) is not None


@task()
def update_due_opinion_maps() -> int:
    """The recurring job: every few minutes, bring up to date the map of every space that had
    votes since its last computation, however few. Returns how many maps were recomputed."""
    from cocreate.opinions.services import opinion_map_update, spaces_with_new_votes
    from cocreate.spaces.models import Space

    updated = 0
    for space in Space.objects.filter(pk__in=spaces_with_new_votes()):
        updated += opinion_map_update(space=space) is not None
    return updated
