"""Pages: events. The list of a space's events, an event's page (register, cancel your
registration, add it to your calendar), the calendar feed, and the organisers' pages: create,
change and cancel an event, registrations with access needs, registering someone by phone,
check-in at the door (works on a phone, without JavaScript), and what came out of the event.
Thin: parse, call, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Person
from cocreate.challenges import event_calendar
from cocreate.challenges.forms.events import (
    COMMON_ZONES,
    CancelEventForm,
    CaptureIdeaForm,
    EventForm,
    EventNoteForm,
    RegisterForm,
    RegisterSomeoneForm,
    WalkInForm,
)
from cocreate.challenges.models import Registration, RegistrationStatus
from cocreate.challenges.selectors import events as selectors
from cocreate.challenges.services import events as services
from cocreate.challenges.views import page_space
from cocreate.spaces.permissions import can, ensure_can, unwrapped
from cocreate.web.forms import add_service_errors, posted_id, saved, say_service_errors


def _posted(request):
    """The posted data, even when empty (a form with only optional fields), or None on GET."""
    return request.POST if request.method == "POST" else None


def _event(request, slug, event_id):
    return selectors.event_for_page(space=page_space(request, slug), event_id=event_id)


def event_list(request, slug):
    space = page_space(request, slug)
    past = request.GET.get("when") == "past"
    events = selectors.event_list(space=space, viewer=unwrapped(request.user), past=past)
    return render(request, "challenges/events/list.html", {"space": space, "events": events, "past": past})


def event_detail(request, slug, event_id):
    event = _event(request, slug, event_id)
    viewer = unwrapped(request.user)
    registration = selectors.own_registration(person=viewer, event=event)
    register = can(viewer, "register_for_event", event)
    return render(
        request,
        "challenges/events/detail.html",
        {
            "space": event.space,
            "event": event,
            "registration": registration,
            "register_decision": register,
            "may_run": can(viewer, "run_events", event),
            "form": RegisterForm(asks_access_needs=event.asks_access_needs),
        },
    )


@login_required
def event_register(request, slug, event_id):
    event = _event(request, slug, event_id)
    ensure_can(request.user, "register_for_event", event)
    form = RegisterForm(_posted(request), asks_access_needs=event.asks_access_needs)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(person=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _say_registered(
                request,
                registration,
                _("You have a place."),
                _("The event is full, so you are on the waiting list. We will tell you if a place frees up."),
            )
            return redirect(event.get_absolute_url())
    return render(request, "challenges/events/register.html", {"space": event.space, "event": event, "form": form})


def _say_registered(request, registration, confirmed: str, waiting: str) -> None:
    if registration.status == RegistrationStatus.WAITING:
        messages.info(request, waiting)
    else:
        messages.success(request, confirmed)


@login_required
@require_POST
def event_unregister(request, slug, event_id):
    event = _event(request, slug, event_id)
    registration = Registration.objects.filter(event=event, person=request.user).first()
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(person=request.user, registration=registration)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug, event_id):
    """The event for a calendar. A person with a confirmed place gets the online link in theirs."""
    event = _event(request, slug, event_id)
    mine = selectors.own_registration(person=unwrapped(request.user), event=event)
    with_link = bool(mine and mine.status == RegistrationStatus.CONFIRMED)
    response = _calendar_response(event_calendar.event_ics(event, with_online_url=with_link), f"event-{event.pk}.ics")
    response["Cache-Control"] = "private, no-store" if with_link else "max-age=300"
    return response


def events_feed(request, slug):
    """The space's calendar feed (public for public spaces; calendar programs do not sign in)."""
    space = page_space(request, slug)
    events = selectors.feed_events(space=space)
    response = _calendar_response(event_calendar.space_feed_ics(space, events), f"{space.slug}-events.ics")
    response["Cache-Control"] = "max-age=300" if space.is_public() else "private, max-age=300"
    return response


# --- Organisers ---------------------------------------------------------------------------------


def _event_form_view(request, space, event=None):
    initial = {"time_zone": event.time_zone if event else settings.TIME_ZONE, "asks_access_needs": True}
    if event:
        initial.update(
            {name: getattr(event, name) for name in services.EVENT_FIELDS if name not in services.TIME_FIELDS}
        )
        initial.update(
            {
                "starts_at": event.local_starts_at,
                "ends_at": event.local_ends_at,
                "registration_closes_at": event.local_registration_closes_at,
            }
        )
    form = EventForm(_posted(request), initial=initial)

    def save(data):
        if event:
            return services.event_update(person=request.user, event=event, **data)
        return services.event_create(person=request.user, space=space, **data)

    result = saved(request, form, save, _("The event is saved."))
    if result:
        result.space = space
        return redirect(result.get_absolute_url())
    return render(
        request,
        "challenges/events/form.html",
        {"space": space, "event": event, "form": form, "zones": COMMON_ZONES},
    )


@login_required
def event_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "run_events", space)
    return _event_form_view(request, space)


@login_required
def event_edit(request, slug, event_id):
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    return _event_form_view(request, event.space, event)


@login_required
def event_cancel(request, slug, event_id):
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    form = CancelEventForm(_posted(request))
    cancel = lambda data: services.event_cancel(person=request.user, event=event, reason=data["cancel_reason"])  # noqa: E731
    if saved(request, form, cancel, _("The event is cancelled. Everyone registered has been told.")):
        return redirect(event.get_absolute_url())
    return render(request, "challenges/events/cancel.html", {"space": event.space, "event": event, "form": form})


@login_required
def event_registrations(request, slug, event_id):
    """Everyone registered, with their access needs: for the event's organisers only."""
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    return render(
        request,
        "challenges/events/registrations.html",
        {
            "space": event.space,
            "event": event,
            "registrations": selectors.registrations_for_organisers(event=event),
            "walk_ins": selectors.walk_ins(event=event),
        },
    )


@login_required
def event_register_someone(request, slug, event_id):
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    form = RegisterSomeoneForm(_posted(request), asks_access_needs=event.asks_access_needs)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_enter(person=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            name = registration.person.public_name
            _say_registered(
                request,
                registration,
                _("%(name)s has a place.") % {"name": name},
                _("The event is full: %(name)s is on the waiting list.") % {"name": name},
            )
            return redirect("challenges:event_registrations", slug=slug, event_id=event.pk)
    return render(
        request, "challenges/events/register_someone.html", {"space": event.space, "event": event, "form": form}
    )


@login_required
def event_check_in(request, slug, event_id):
    """At the door: a button per registration, and a form for people who walk in."""
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    form = WalkInForm(request.POST if "walk_in" in request.POST else None)
    if request.method == "POST":
        registration = None
        if "registration" in request.POST:
            registration = Registration.objects.filter(event=event, pk=posted_id(request.POST["registration"])).first()
            if registration is None:
                raise Http404
        if registration is not None or form.is_valid():
            data = {} if registration is not None else form.cleaned_data
            try:
                attendance, created = services.attendance_check_in(
                    person=request.user, event=event, registration=registration, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                name = attendance.person.public_name
                if created:
                    messages.success(request, _("%(name)s is checked in.") % {"name": name})
                else:
                    messages.info(request, _("%(name)s was already checked in.") % {"name": name})
                return redirect("challenges:event_check_in", slug=slug, event_id=event.pk)
    registrations = [
        r for r in selectors.registrations_for_organisers(event=event) if r.status != RegistrationStatus.CANCELLED
    ]
    query = request.GET.get("q", "").strip()[:80]
    if query:
        registrations = [r for r in registrations if query.casefold() in r.person.public_name.casefold()]
    return render(
        request,
        "challenges/events/check_in.html",
        {
            "space": event.space,
            "event": event,
            "registrations": registrations,
            "walk_ins": selectors.walk_ins(event=event),
            "form": form,
            "query": query,
        },
    )


def _present(event):
    return Person.objects.filter(attendances__event=event).order_by("display_name", "pk")


def event_outputs(request, slug, event_id):
    """What came out of the event: readable by anyone who can read the space; the organisers
    also get links to add to it."""
    event = _event(request, slug, event_id)
    viewer = unwrapped(request.user)
    return render(
        request,
        "challenges/events/outputs.html",
        {
            "space": event.space,
            "event": event,
            "may_run": can(viewer, "run_events", event),
            **selectors.event_outputs(event=event),
        },
    )


@login_required
def event_capture_idea(request, slug, event_id):
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    form = CaptureIdeaForm(_posted(request), people=_present(event))
    capture = lambda data: services.captured_idea_create(person=request.user, event=event, **data)  # noqa: E731
    if saved(request, form, capture, _("The idea is published, credited to the people who had it.")):
        return redirect("challenges:event_outputs", slug=slug, event_id=event.pk)
    return render(request, "challenges/events/capture_idea.html", {"space": event.space, "event": event, "form": form})


@login_required
def event_note_new(request, slug, event_id):
    event = _event(request, slug, event_id)
    ensure_can(request.user, "run_events", event)
    form = EventNoteForm(_posted(request), people=_present(event))
    write = lambda data: services.event_note_create(person=request.user, event=event, **data)  # noqa: E731
    if saved(request, form, write, _("The notes are saved.")):
        return redirect("challenges:event_outputs", slug=slug, event_id=event.pk)
    return render(request, "challenges/events/note_form.html", {"space": event.space, "event": event, "form": form})


urlpatterns = [
    path("events/", event_list, name="events"),
    path("events/new/", event_new, name="event_new"),
    path("events/calendar.ics", events_feed, name="events_feed"),
    path("events/<int:event_id>/", event_detail, name="event"),
    path("events/<int:event_id>/event.ics", event_ics, name="event_ics"),
    path("events/<int:event_id>/edit/", event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", event_cancel, name="event_cancel"),
    path("events/<int:event_id>/register/", event_register, name="event_register"),
    path("events/<int:event_id>/unregister/", event_unregister, name="event_unregister"),
    path("events/<int:event_id>/registrations/", event_registrations, name="event_registrations"),
    path("events/<int:event_id>/registrations/new/", event_register_someone, name="event_register_someone"),
    path("events/<int:event_id>/check-in/", event_check_in, name="event_check_in"),
    path("events/<int:event_id>/outputs/", event_outputs, name="event_outputs"),
    path("events/<int:event_id>/outputs/idea/", event_capture_idea, name="event_capture_idea"),
    path("events/<int:event_id>/outputs/notes/", event_note_new, name="event_note_new"),
]
