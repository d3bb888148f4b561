"""Reads about events, each page in a fixed number of queries whatever the number of rows."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from cocreate.challenges.models import Attendance, CapturedIdea, Event, EventNote, Registration, RegistrationStatus
from cocreate.ideas.models import IdeaAuthor
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import signed_in

# The space's calendar feed holds its upcoming events and those that ended this recently.
FEED_PAST = timedelta(days=90)

CONFIRMED = Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
WAITING = Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING))


def _with_counts(events):
    return events.annotate(confirmed_count=CONFIRMED, waiting_count=WAITING)


def places_left(event: Event) -> int | None:
    """None when there is no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed_count, 0)


def event_list(*, space: Space, viewer=None, past: bool = False, now=None) -> list[Event]:
    """Upcoming events (soonest first, those under way included) or past ones (latest first),
    each with its counts, places left and the viewer's own registration status."""
    now = now or timezone.now()
    events = _with_counts(Event.objects.filter(space=space))
    events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk") if past else events.filter(ends_at__gt=now)
    rows = list(events)
    mine = {}
    if signed_in(viewer) and rows:
        mine = dict(
            Registration.objects.filter(person=viewer, event__in=[e.pk for e in rows])
            .exclude(status=RegistrationStatus.CANCELLED)
            .values_list("event_id", "status")
        )
    for event in rows:
        event.space = space
        event.places_left = places_left(event)
        event.my_status = mine.get(event.pk, "")
    return rows


def event_for_page(*, space: Space, event_id: int) -> Event:
    event = _with_counts(Event.objects.filter(space=space, pk=event_id)).first()
    if event is None:
        raise Http404
    event.space = space
    event.places_left = places_left(event)
    return event


def own_registration(*, person, event: Event) -> Registration | None:
    """The person's registration (not cancelled), with `waiting_position` (1 = next to get a
    place) when on the waiting list."""
    if not signed_in(person):
        return None
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return None
    registration.event = event
    registration.waiting_position = None
    if registration.status == RegistrationStatus.WAITING:
        ahead = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).filter(
            Q(registered_at__lt=registration.registered_at)
            | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
        )
        registration.waiting_position = ahead.count() + 1
    return registration


def registrations_for_organisers(*, event: Event) -> list[Registration]:
    """Everyone registered, confirmed first then the waiting list in order, then cancelled;
    with whether they have been checked in. Holds access needs: for organisers only."""
    order = {RegistrationStatus.CONFIRMED: 0, RegistrationStatus.WAITING: 1, RegistrationStatus.CANCELLED: 2}
    rows = list(
        Registration.objects.filter(event=event)
        .select_related("person", "entered_by", "attendance")
        .order_by("registered_at", "pk")
    )
    rows.sort(key=lambda r: order[r.status])
    position = 0
    for registration in rows:
        registration.event = event
        if registration.status == RegistrationStatus.WAITING:
            position += 1
            registration.waiting_position = position
        else:
            registration.waiting_position = None
        try:
            registration.checked_in = registration.attendance is not None
        except Attendance.DoesNotExist:
            registration.checked_in = False
    return rows


def walk_ins(*, event: Event) -> list[Attendance]:
    """People checked in without a registration."""
    return list(Attendance.objects.filter(event=event, registration__isnull=True).select_related("person"))


def attendances(*, event: Event) -> list[Attendance]:
    return list(Attendance.objects.filter(event=event).select_related("person").order_by("person__display_name", "pk"))


def event_outputs(*, event: Event) -> dict:
    """Ideas captured at the event (with their authors) and its notes (with contributors)."""
    ideas = list(
        CapturedIdea.objects.filter(event=event)
        .select_related("idea__space")
        .prefetch_related(
            Prefetch("idea__authorships", queryset=IdeaAuthor.objects.select_related("person"), to_attr="credited")
        )
    )
    notes = list(EventNote.objects.filter(event=event).prefetch_related("contributors").select_related("written_by"))
    return {"ideas": ideas, "notes": notes}


def feed_events(*, space: Space, now=None) -> list[Event]:
    """The space's calendar: upcoming events and those that ended in the last 90 days."""
    now = now or timezone.now()
    rows = list(Event.objects.filter(space=space, ends_at__gte=now - FEED_PAST).order_by("starts_at", "pk"))
    for event in rows:
        event.space = space
    return rows


def space_events_summary(*, space: Space, limit: int = 3, now=None) -> list[Event]:
    """The next few events, for a section on the space's page."""
    return event_list(space=space, now=now)[:limit]
