"""Events for the tests: a challenge space with its organiser, and events made through the
service (so that times, versions and logs are what real use produces)."""

from datetime import timedelta

from django.utils import timezone

from cocreate.challenges.models import Event
from cocreate.challenges.services import events as services
from tests.challenges.factories import challenge_space


def event_space(**fields):
    """(space, organiser) of a public challenge space; no phase lists the event activities."""
    return challenge_space(**fields)


def make_event(space, organiser, *, days: float = 7, hours: float = 3, **fields) -> Event:
    """An event starting `days` from now (negative: in the past), lasting `hours`."""
    starts = timezone.now() + timedelta(days=days)
    values = {
        "kind": "workshop",
        "title": "Workshop on the bus routes",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
        "time_zone": "Europe/London",
        "place_name": "Maidstone library",
    }
    values.update(fields)
    return services.event_create(person=organiser, space=space, **values)


def fresh(event: Event) -> Event:
    return Event.objects.select_related("space").get(pk=event.pk)
