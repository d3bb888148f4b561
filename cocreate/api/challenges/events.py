"""Events of a space: list, detail, and your own registration (register with POST, cancel with
DELETE). Times are in UTC, with the event's time zone to show them as a clock there does. The
online link is given only to people with a confirmed place; access needs are read only by the
event's organisers (the registrations list), and deleted once the event has ended.

Organisers also create, change and cancel events, register someone who phoned, check people in
at the door, and record what came out of the event (ideas and notes credited to people present)."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Moment, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import (
    Attendance,
    CapturedIdea,
    Event,
    EventKind,
    EventNote,
    Registration,
    RegistrationStatus,
)
from cocreate.challenges.selectors import events as selectors
from cocreate.challenges.services import events as services
from cocreate.spaces.permissions import can, ensure_can

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


# --- Organisers -------------------------------------------------------------------------------


class EventIn(Schema):
    kind: EventKind
    title: Text = Field(max_length=200)
    description: Text = Field("", max_length=10000)
    starts_at: Moment
    ends_at: Moment
    time_zone: Text = Field(max_length=64, description="where it takes place, e.g. Europe/London")
    place_name: Text = Field("", max_length=200, description="e.g. “Maidstone library”")
    address: Text = Field("", max_length=1000)
    online_url: Text = Field("", max_length=2000, description="shown only to people with a confirmed place")
    capacity: int | None = Field(None, ge=1, le=1_000_000, description="number of places; null for no limit")
    registration_closes_at: Moment | None = Field(None, description="null: registration closes when it starts")
    asks_access_needs: bool = Field(True, description="ask people registering about their access needs")


class EventPatch(Schema):
    """Send only what changes (capacity and registration_closes_at may be set to null)."""

    kind: EventKind | None = None
    title: Text | None = Field(None, max_length=200)
    description: Text | None = Field(None, max_length=10000)
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    time_zone: Text | None = Field(None, max_length=64)
    place_name: Text | None = Field(None, max_length=200)
    address: Text | None = Field(None, max_length=1000)
    online_url: Text | None = Field(None, max_length=2000)
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    registration_closes_at: Moment | None = None
    asks_access_needs: bool | None = None


class EventCancelIn(Schema):
    cancel_reason: Text = Field("", max_length=2000, description="told to everyone registered")


class OrganiserRegistrationOut(Schema):
    id: int
    person: int = Field(description="id of the person (use it to credit ideas and notes)")
    name: str
    status: RegistrationStatus
    waiting_position: int | None = Field(None, description="1 = next to get a place that frees up")
    registered_at: datetime
    access_needs: str = Field(description="for the organisers only; deleted once the event has ended")
    entered_by_staff: bool = Field(description="registered by an organiser (by phone or at the desk)")
    checked_in: bool

    @staticmethod
    def resolve_person(registration: Registration):
        return registration.person_id

    @staticmethod
    def resolve_name(registration: Registration):
        return registration.person.public_name

    @staticmethod
    def resolve_entered_by_staff(registration: Registration):
        return registration.entered_by_id is not None

    @staticmethod
    def resolve_checked_in(registration: Registration):
        return getattr(registration, "checked_in", False)


class EventRegisterSomeoneIn(Schema):
    email: Text = Field("", max_length=254, description="of their account, if they have one")
    name: Text = Field("", max_length=80, description="their name, when they have no account")
    access_needs: Text = Field("", max_length=2000)


class EventCheckInIn(Schema):
    registration: Id | None = Field(None, description="id of their registration; or give email or name")
    email: Text = Field("", max_length=254, description="a walk-in with an account")
    name: Text = Field("", max_length=80, description="a walk-in without an account")


class EventAttendanceOut(Schema):
    id: int
    person: int = Field(description="id of the person (use it to credit ideas and notes)")
    name: str
    registration: int | None = Field(description="null for a walk-in")
    checked_in_at: datetime

    @staticmethod
    def resolve_person(attendance: Attendance):
        return attendance.person_id

    @staticmethod
    def resolve_name(attendance: Attendance):
        return attendance.person.public_name

    @staticmethod
    def resolve_registration(attendance: Attendance):
        return attendance.registration_id


class CapturedIdeaIn(Schema):
    title: Text = Field(max_length=200)
    body: Text = Field(max_length=20000)
    authors: list[Id] = Field(
        min_length=1, max_length=50, description="ids of people checked in who had it; the first is its lead author"
    )


class CapturedIdeaOut(Schema):
    id: int
    idea: int = Field(description="id of the idea, published in the space's ideas")
    url: str

    @staticmethod
    def resolve_idea(captured: CapturedIdea):
        return captured.idea_id

    @staticmethod
    def resolve_url(captured: CapturedIdea, context):
        return context["request"].build_absolute_uri(captured.idea.get_absolute_url())


class EventNoteIn(Schema):
    title: Text = Field(max_length=200)
    body: Text = Field(max_length=20000)
    contributors: list[Id] = Field(default_factory=list, max_length=200, description="ids of people checked in")


class EventNoteOut(Schema):
    id: int
    title: str
    body: str
    contributors: list[str] = Field(description="their public names")
    created_at: datetime

    @staticmethod
    def resolve_contributors(note: EventNote):
        return [person.public_name for person in note.contributors.all()]


class _Rows(list):
    """A list the paginator can count and slice."""

    def count(self, *args):
        return len(self)


def _run(request, slug: str, event_id: int) -> Event:
    event = _event(request, slug, event_id)
    ensure_can(request.auth, "run_events", event)
    return event


@router.post("/spaces/{slug}/events", response={201: EventOut}, auth=SIGNED_IN, summary="Create an event (organisers)")
def create_event(request, slug: str, payload: EventIn):
    space = readable_space(request, slug)
    event = services.event_create(person=request.auth, space=space, **payload.dict())
    return Status(201, selectors.event_for_page(space=space, event_id=event.pk))


@router.patch(
    "/spaces/{slug}/events/{event_id}",
    response=EventOut,
    auth=SIGNED_IN,
    summary="Change an event (organisers); people registered are told of a new time or place",
)
def update_event(request, slug: str, event_id: int, payload: EventPatch):
    event = _event(request, slug, event_id)
    fields = payload.dict(exclude_unset=True)
    for name, value in list(fields.items()):
        if value is None and name not in ("capacity", "registration_closes_at"):
            fields.pop(name)
    services.event_update(person=request.auth, event=event, **fields)
    return _event(request, slug, event_id)


@router.post(
    "/spaces/{slug}/events/{event_id}/cancel",
    response=EventOut,
    auth=SIGNED_IN,
    summary="Cancel an event (organisers); everyone registered is told",
)
def cancel_event(request, slug: str, event_id: int, payload: EventCancelIn):
    event = _event(request, slug, event_id)
    services.event_cancel(person=request.auth, event=event, reason=payload.cancel_reason)
    return _event(request, slug, event_id)


@router.get(
    "/spaces/{slug}/events/{event_id}/registrations",
    response=list[OrganiserRegistrationOut],
    auth=SIGNED_IN,
    summary="Everyone registered, with access needs (organisers)",
)
@paginate(Pages)
def list_registrations(request, slug: str, event_id: int):
    return _Rows(selectors.registrations_for_organisers(event=_run(request, slug, event_id)))


@router.post(
    "/spaces/{slug}/events/{event_id}/registrations",
    response={201: OrganiserRegistrationOut},
    auth=SIGNED_IN,
    summary="Register someone who phoned or came to the desk (organisers)",
)
def register_someone(request, slug: str, event_id: int, payload: EventRegisterSomeoneIn):
    event = _event(request, slug, event_id)
    registration = services.registration_enter(person=request.auth, event=event, **payload.dict())
    row = next(r for r in selectors.registrations_for_organisers(event=event) if r.pk == registration.pk)
    return Status(201, row)


@router.get(
    "/spaces/{slug}/events/{event_id}/check-ins",
    response=list[EventAttendanceOut],
    auth=SIGNED_IN,
    summary="Who is checked in (organisers)",
)
@paginate(Pages)
def list_check_ins(request, slug: str, event_id: int):
    return _Rows(selectors.attendances(event=_run(request, slug, event_id)))


@router.post(
    "/spaces/{slug}/events/{event_id}/check-ins",
    response={200: EventAttendanceOut, 201: EventAttendanceOut},
    auth=SIGNED_IN,
    summary="Check someone in (201), or find them already checked in (200) (organisers)",
)
def check_in(request, slug: str, event_id: int, payload: EventCheckInIn):
    event = _event(request, slug, event_id)
    registration = None
    if payload.registration is not None:
        ensure_can(request.auth, "run_events", event)
        registration = Registration.objects.filter(event=event, pk=payload.registration).first()
        if registration is None:
            raise Http404
    attendance, created = services.attendance_check_in(
        person=request.auth, event=event, registration=registration, name=payload.name, email=payload.email
    )
    return Status(201 if created else 200, attendance)


@router.get(
    "/spaces/{slug}/events/{event_id}/notes", response=list[EventNoteOut], auth=ANYONE, summary="Notes of an event"
)
def list_notes(request, slug: str, event_id: int):
    return selectors.event_outputs(event=_event(request, slug, event_id))["notes"]


@router.post(
    "/spaces/{slug}/events/{event_id}/ideas",
    response={201: CapturedIdeaOut},
    auth=SIGNED_IN,
    summary="Publish an idea people had at the event, credited to them (organisers)",
)
def capture_idea(request, slug: str, event_id: int, payload: CapturedIdeaIn):
    event = _event(request, slug, event_id)
    captured = services.captured_idea_create(person=request.auth, event=event, **payload.dict())
    return Status(201, captured)


@router.post(
    "/spaces/{slug}/events/{event_id}/notes",
    response={201: EventNoteOut},
    auth=SIGNED_IN,
    summary="Write the notes of the event, credited to people present (organisers)",
)
def write_note(request, slug: str, event_id: int, payload: EventNoteIn):
    event = _event(request, slug, event_id)
    return Status(201, services.event_note_create(person=request.auth, event=event, **payload.dict()))
