"""Events of a space: list, detail, and your own registration (register with POST, cancel with
DELETE). Times are in UTC, with the event's time zone to show them as a clock there does. The
online link is given only to people with a confirmed place; access needs only ever go in, never
out (the organisers read them on the site)."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Router, Schema, Status

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Text
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import Event, EventKind, Registration, RegistrationStatus
from cocreate.challenges.selectors import events as selectors
from cocreate.challenges.services import events as services
from cocreate.spaces.permissions import can

router = Router(tags=["events"])


class YourRegistrationOut(Schema):
    status: RegistrationStatus
    waiting_position: int | None = Field(None, description="1 = next to get a place that frees up")
    registered_at: datetime


class EventOut(Schema):
    id: int
    space: str = Field(description="slug of its space")
    kind: EventKind
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(description="where the event takes place, e.g. Europe/London")
    place_name: str
    address: str
    online: bool = Field(description="true when it can be joined online")
    capacity: int | None = Field(description="null for no limit")
    places_left: int | None = Field(description="null for no limit")
    waiting: int = Field(description="people on the waiting list")
    registration_closes_at: datetime = Field(description="the time set, or the start")
    asks_access_needs: bool
    cancelled: bool
    cancel_reason: str
    url: str

    @staticmethod
    def resolve_space(event: Event):
        return event.space.slug

    @staticmethod
    def resolve_online(event: Event):
        return bool(event.online_url)

    @staticmethod
    def resolve_places_left(event: Event):
        return event.places_left

    @staticmethod
    def resolve_waiting(event: Event):
        return event.waiting_count

    @staticmethod
    def resolve_registration_closes_at(event: Event):
        return event.registration_closes

    @staticmethod
    def resolve_cancelled(event: Event):
        return event.is_cancelled

    @staticmethod
    def resolve_url(event: Event, context):
        return context["request"].build_absolute_uri(event.get_absolute_url())


class EventDetailOut(EventOut):
    can_register: bool
    why_not: str = Field(description="why you cannot register now, when you cannot")
    your_registration: YourRegistrationOut | None
    online_url: str = Field(description="only for people with a confirmed place")


class RegistrationIn(Schema):
    access_needs: Text = Field("", max_length=2000, description="seen only by the organisers, deleted after the event")


def _event(request, slug: str, event_id: int) -> Event:
    return selectors.event_for_page(space=readable_space(request, slug), event_id=event_id)


@router.get("/spaces/{slug}/events", response=list[EventOut], auth=ANYONE, summary="Events of a space")
def list_events(request, slug: str, past: bool = False):
    return selectors.event_list(space=readable_space(request, slug), past=past)


@router.get("/spaces/{slug}/events/{event_id}", response=EventDetailOut, auth=ANYONE)
def get_event(request, slug: str, event_id: int):
    event = _event(request, slug, event_id)
    mine = selectors.own_registration(person=request.auth, event=event)
    decision = can(request.auth, "register_for_event", event)
    event.can_register, event.why_not = bool(decision) and mine is None, decision.reason
    event.your_registration = mine
    confirmed = mine is not None and mine.status == RegistrationStatus.CONFIRMED
    event.online_url = event.online_url if confirmed or can(request.auth, "run_events", event) else ""
    return event


@router.post(
    "/spaces/{slug}/events/{event_id}/registration",
    response={201: YourRegistrationOut},
    auth=SIGNED_IN,
    summary="Register: a place while places remain, otherwise the waiting list",
)
def register(request, slug: str, event_id: int, payload: RegistrationIn):
    event = _event(request, slug, event_id)
    services.registration_create(person=request.auth, event=event, access_needs=payload.access_needs)
    return Status(201, selectors.own_registration(person=request.auth, event=event))


@router.delete(
    "/spaces/{slug}/events/{event_id}/registration",
    response=YourRegistrationOut,
    auth=SIGNED_IN,
    summary="Cancel your registration (or leave the waiting list)",
)
def cancel_registration(request, slug: str, event_id: int):
    event = _event(request, slug, event_id)
    registration = Registration.objects.filter(event=event, person=request.auth).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise Http404
    registration = services.registration_cancel(person=request.auth, registration=registration)
    registration.waiting_position = None
    return registration
