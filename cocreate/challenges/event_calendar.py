"""Events as iCalendar (RFC 5545), for calendar programs: one file per event, and a feed per
space with its upcoming and recent events.

The online link of an event is "shown only to people registered", so it is written only in the
file a person with a confirmed place downloads for themselves; the public file and the space's
feed (which calendar programs fetch without signing in, and which anyone may share) never hold
it. Each event keeps its UID; SEQUENCE is the event's version, so a calendar replaces its copy
when the event changes, and a cancelled event says STATUS:CANCELLED."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from cocreate.challenges.models import Event

PRODUCT = "-//Cocreate//Events//EN"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "cocreate"
    return f"event-{event.pk}@{host}"


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _location(event: Event, with_online_url: bool) -> str:
    parts = [event.place_name, " ".join(event.address.split())]
    if with_online_url and event.online_url:
        parts.append(event.online_url)
    elif event.online_url and not (event.place_name or event.address):
        parts.append("Online")
    return ", ".join(p for p in parts if p)


def _component(event: Event, *, with_online_url: bool) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", event_uid(event))
    item.add("dtstamp", timezone.now())
    item.add("created", event.created_at)
    item.add("sequence", event.version)
    item.add("summary", event.title)
    # With its own TZID, a calendar shows the time as a clock where the event is shows it.
    item.add("dtstart", event.starts_at.astimezone(event.zone))
    item.add("dtend", event.ends_at.astimezone(event.zone))
    location = _location(event, with_online_url)
    if location:
        item.add("location", location)
    url = _absolute(event.get_absolute_url())
    item.add("url", url)
    description = [event.description] if event.description else []
    if with_online_url and event.online_url:
        description.append(f"Online: {event.online_url}")
    description.append(url)
    item.add("description", "\n\n".join(description))
    if event.is_cancelled:
        item.add("status", "CANCELLED")
    else:
        item.add("status", "CONFIRMED")
    return item


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def event_ics(event: Event, *, with_online_url: bool = False) -> bytes:
    """One event. `with_online_url` only for the file of a person with a confirmed place."""
    calendar = _calendar(event.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_component(event, with_online_url=with_online_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def space_feed_ics(space, events: list[Event]) -> bytes:
    """A space's events, for subscribing: never online links."""
    calendar = _calendar(space.title)
    calendar.add("method", "PUBLISH")
    for event in events:
        calendar.add_component(_component(event, with_online_url=False))
    calendar.add_missing_timezones()
    return calendar.to_ical()
