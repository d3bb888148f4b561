"""Every write about events: creating, changing and cancelling them; registrations with a
waiting list; registering someone by phone; check-in; and what came out of an event (ideas and
notes credited to the people who were there).

Places: each registration locks its event's row (`select_for_update`) before counting the
confirmed places, so two people taking the last place at the same moment cannot both be
confirmed: the second waits for the first to commit and then finds the event full. Access
needs are seen only by the organisers and deleted once the event has ended
(`access_needs_delete`, run every hour)."""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person, PersonKind
from cocreate.algorithms.text import clean_text
from cocreate.challenges.models import (
    Attendance,
    CapturedIdea,
    Event,
    EventKind,
    EventNote,
    Registration,
    RegistrationStatus,
)
from cocreate.challenges.services.cached_pages import space_changed
from cocreate.ideas.models import Follow, IdeaAuthor
from cocreate.notifications.models import NotificationKind
from cocreate.spaces.models import Origin, Space
from cocreate.spaces.permissions import Refused, ensure_can, is_organiser, refuse, signed_in
from cocreate.spaces.services import log_action
from cocreate.web.text_fields import web_address

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "place_name",
    "address",
    "online_url",
    "capacity",
    "registration_closes_at",
    "asks_access_needs",
)
TIME_FIELDS = ("starts_at", "ends_at", "registration_closes_at")
# A change to one of these is news for the people registered.
NEWS_FIELDS = ("starts_at", "ends_at", "time_zone", "place_name", "address", "online_url")
ACCESS_NEEDS_MAX = 2000
NAME_MAX = 80


def _event_changed(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)
    space_changed(event.space_id)


def _tell(kind: str, event: Event, recipient_ids, actor: Person | None = None) -> None:
    """Notify these people about the event after the transaction commits."""
    ids = sorted(set(recipient_ids))
    if not ids:
        return
    from cocreate.challenges.tasks.events import tell_about_event

    arguments = {"kind": kind, "event_id": event.pk, "recipient_ids": ids, "actor_id": actor.pk if actor else None}
    transaction.on_commit(lambda: tell_about_event.enqueue(**arguments))


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends: registrations wait for each other."""
    return Event.objects.select_for_update().select_related("space").get(pk=event.pk)


# --- Cleaning an event's fields ---------------------------------------------------------------


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _zone(value, errors: dict) -> str:
    name = str(value or "").strip()
    if name not in known_time_zones():
        errors["time_zone"] = _(
            "“%(zone)s” is not a time zone we know. Use a name from the list, such as Europe/London, "
            "Europe/Paris or America/Sao_Paulo."
        ) % {"zone": name[:64]}
        return ""
    return name


def _moment(value, zone: ZoneInfo, field: str, errors: dict) -> datetime | None:
    """An aware datetime in UTC. A naive one is a clock time where the event is."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            errors[field] = _("Enter a date and time such as 2027-05-03 18:00.")
            return None
    if not isinstance(value, datetime):
        errors[field] = _("Enter a date and a time.")
        return None
    if timezone.is_aware(value):
        return value.astimezone(UTC)
    aware = value.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value:
        errors[field] = _(
            "%(time)s does not exist on that day in %(zone)s: the clocks go forward then. Choose another time."
        ) % {"time": value.strftime("%H:%M"), "zone": zone.key}
        return None
    return aware.astimezone(UTC)


def _clean_event(fields: dict, current: Event | None = None) -> dict:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown event fields: {sorted(unknown)}")
    merged = {name: getattr(current, name) for name in EVENT_FIELDS} if current else {}
    merged.update(fields)
    errors: dict = {}
    cleaned: dict = {}

    title = clean_text(merged.get("title") or "")
    if len(title) < 3:
        errors["title"] = _("Give the event a title of at least 3 characters.")
    elif len(title) > 200:
        errors["title"] = _("Keep the title under 200 characters.")
    cleaned["title"] = title
    kind = merged.get("kind") or ""
    if kind not in EventKind.values:
        errors["kind"] = _("Choose what kind of event this is.")
    cleaned["kind"] = kind
    description = clean_text(merged.get("description") or "")
    if len(description) > 10000:
        errors["description"] = _("Keep the description under 10,000 characters.")
    cleaned["description"] = description

    zone_name = _zone(merged.get("time_zone") or "", errors)
    cleaned["time_zone"] = zone_name
    if zone_name:
        zone = ZoneInfo(zone_name)
        for name in TIME_FIELDS:
            cleaned[name] = _moment(merged.get(name), zone, name, errors)
        if cleaned["starts_at"] is None and "starts_at" not in errors:
            errors["starts_at"] = _("Enter when the event starts.")
        if cleaned["ends_at"] is None and "ends_at" not in errors:
            errors["ends_at"] = _("Enter when the event ends.")
        starts, ends, closes = cleaned["starts_at"], cleaned["ends_at"], cleaned["registration_closes_at"]
        if starts and ends and ends <= starts:
            errors["ends_at"] = _("The event must end after it starts.")
        if closes and ends and closes > ends:
            errors["registration_closes_at"] = _("Registration must close before the event ends.")

    for name, limit in (("place_name", 200), ("address", 1000)):
        value = clean_text(merged.get(name) or "")
        if len(value) > limit:
            errors[name] = _("Keep this under %(n)s characters.") % {"n": limit}
        cleaned[name] = value
    online_url = web_address(
        merged.get("online_url"),
        field="online_url",
        errors=errors,
        invalid=_("Enter the full link, starting with https://"),
    )
    cleaned["online_url"] = online_url
    if not (cleaned["place_name"] or cleaned["address"] or online_url) and "online_url" not in errors:
        errors["place_name"] = _("Say where the event takes place, or give its online link.")

    capacity = merged.get("capacity")
    if capacity in (None, ""):
        cleaned["capacity"] = None
    else:
        try:
            capacity = int(capacity)
        except (TypeError, ValueError):
            capacity = 0
        if not 1 <= capacity <= 1_000_000:
            errors["capacity"] = _("Enter the number of places (1 or more), or leave it empty for no limit.")
        elif current is not None:
            taken = current.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            if capacity < taken:
                errors["capacity"] = _(
                    "%(n)s people already have a place: the event cannot have fewer places than that. "
                    "Cancel registrations first if you must."
                ) % {"n": taken}
        cleaned["capacity"] = capacity
    cleaned["asks_access_needs"] = bool(merged.get("asks_access_needs", True))
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- Events -----------------------------------------------------------------------------------


@transaction.atomic
def event_create(*, person: Person, space: Space, **fields) -> Event:
    ensure_can(person, "run_events", space)
    cleaned = _clean_event(fields)
    event = Event.objects.create(space=space, created_by=person, **cleaned)
    log_action(actor=person, action="event_create", space=space, target=event)
    space_changed(space.pk)
    return event


@transaction.atomic
def event_update(*, person: Person, event: Event, **fields) -> Event:
    """Change an event. The people registered are told when its time or place changes; more
    places confirm the first people on the waiting list."""
    event = _locked(event)
    ensure_can(person, "run_events", event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled: it can no longer be changed."))
    cleaned = _clean_event(fields, current=event)
    changed = sorted(name for name, value in cleaned.items() if getattr(event, name) != value)
    for name, value in cleaned.items():
        setattr(event, name, value)
    event.save()
    if changed:
        log_action(actor=person, action="event_update", space=event.space, target=event, changed=changed)
        _event_changed(event)
    if set(changed) & set(NEWS_FIELDS):
        _tell(NotificationKind.EVENT_CHANGED, event, _registered_ids(event), person)
    if "capacity" in changed:
        _fill_places(event, actor=person)
    event.refresh_from_db(fields=["version"])
    return event


@transaction.atomic
def event_cancel(*, person: Person, event: Event, reason: str = "") -> Event:
    """Cancel the event; everyone registered (or waiting) is told."""
    event = _locked(event)
    ensure_can(person, "run_events", event)
    if event.is_cancelled:
        raise ValidationError(_("This event is already cancelled."))
    reason = clean_text(reason)
    if len(reason) > 2000:
        raise ValidationError({"cancel_reason": _("Keep the reason under 2,000 characters.")})
    event.cancelled_at, event.cancel_reason = timezone.now(), reason
    event.save(update_fields=["cancelled_at", "cancel_reason"])
    log_action(actor=person, action="event_cancel", space=event.space, target=event, reason=reason)
    _event_changed(event)
    _tell(NotificationKind.EVENT_CHANGED, event, _registered_ids(event), person)
    return event


def _registered_ids(event: Event) -> list[int]:
    return list(event.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list("person_id", flat=True))


# --- Registrations ----------------------------------------------------------------------------


def _clean_access_needs(event: Event, text: str) -> str:
    if not event.asks_access_needs:
        return ""
    text = clean_text(text or "")
    if len(text) > ACCESS_NEEDS_MAX:
        raise ValidationError({"access_needs": _("Keep this under 2,000 characters.")})
    return text


def _register(event: Event, *, attendee: Person, access_needs: str, entered_by: Person | None) -> Registration:
    """With the event's row locked: a confirmed place while places remain, else the waiting list."""
    access_needs = _clean_access_needs(event, access_needs)
    existing = Registration.objects.filter(event=event, person=attendee).first()
    if existing and existing.status != RegistrationStatus.CANCELLED:
        if entered_by:
            message = _("%(name)s is already registered for this event.") % {"name": attendee.public_name}
        elif existing.status == RegistrationStatus.WAITING:
            message = _("You are already on the waiting list for this event.")
        else:
            message = _("You are already registered for this event.")
        raise ValidationError(message)
    now = timezone.now()
    taken = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    full = event.capacity is not None and taken >= event.capacity
    values = {
        "status": RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
        "registered_at": now,
        "confirmed_at": None if full else now,
        "cancelled_at": None,
        "access_needs": access_needs,
        "entered_by": entered_by,
    }
    if existing:  # registering again after cancelling: back of the queue
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        registration = existing
    else:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, person=attendee, **values)
        except IntegrityError:
            raise ValidationError(_("You are already registered for this event.")) from None
    _event_changed(event)
    registration.event = event
    return registration


@transaction.atomic
def registration_create(*, person: Person, event: Event, access_needs: str = "") -> Registration:
    """Register `person` for `event`: a place while places remain, otherwise the waiting list."""
    event = _locked(event)
    ensure_can(person, "register_for_event", event)
    return _register(event, attendee=person, access_needs=access_needs, entered_by=None)


@transaction.atomic
def registration_enter(
    *, person: Person, event: Event, name: str = "", email: str = "", access_needs: str = ""
) -> Registration:
    """Staff register someone who phoned or came to the desk. With an e-mail address of an
    account, that account is registered (and told); otherwise an offline person with `name`.
    Staff may register people after registration has closed, but the places are the same."""
    event = _locked(event)
    ensure_can(person, "run_events", event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if event.has_ended():
        raise ValidationError(_("This event has ended."))
    attendee = _attendee(name=name, email=email)
    registration = _register(event, attendee=attendee, access_needs=access_needs, entered_by=person)
    log_action(actor=person, action="registration_enter", space=event.space, target=registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        _tell(NotificationKind.EVENT_PLACE, event, [attendee.pk], person)
    return registration


def _attendee(*, name: str, email: str) -> Person:
    """The account with this e-mail address, or a new offline person with this name."""
    email, name = (email or "").strip().lower(), clean_text(name or "")
    if email:
        found = Person.objects.filter(
            email__iexact=email, kind=PersonKind.ACCOUNT, is_active=True, deleted_at__isnull=True
        ).first()
        if found is None:
            raise ValidationError(
                {
                    "email": _(
                        "No one has an account with this e-mail address. Check it, or leave it empty and enter "
                        "their name to register them without an account."
                    )
                }
            )
        return found
    if not name:
        raise ValidationError({"name": _("Enter the person's name (or their e-mail address if they have an account).")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": _("Keep the name under %(n)s characters.") % {"n": NAME_MAX}})
    return Person.objects.create(kind=PersonKind.OFFLINE, display_name=name)


@transaction.atomic
def registration_cancel(*, person: Person, registration: Registration) -> Registration:
    """Cancel a registration (the person's own, or any for organisers). A place that frees up
    goes to the first person on the waiting list, who is told."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not signed_in(person):
        raise Refused(refuse(_("Sign in to cancel your registration.")))
    if registration.person_id != person.pk:
        ensure_can(person, "run_events", event)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if event.has_ended():
        raise ValidationError(_("This event has ended: there is nothing to cancel."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    registration.access_needs = ""  # no longer needed: deleted now rather than after the event
    registration.save(update_fields=["status", "cancelled_at", "access_needs"])
    if registration.person_id != person.pk:
        log_action(actor=person, action="registration_cancel", space=event.space, target=registration)
    _event_changed(event)
    if was_confirmed:
        _fill_places(event, actor=None)
    registration.event = event
    return registration


def _fill_places(event: Event, *, actor: Person | None) -> list[int]:
    """With the event's row locked: confirm people from the waiting list, first registered
    first, while places remain; tell each. Returns their ids."""
    if event.is_cancelled or event.has_ended():
        return []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "registered_at", "pk"
    )
    if event.capacity is not None:
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
        waiting = waiting[: max(event.capacity - taken, 0)]
    promoted = list(waiting.values_list("pk", "person_id"))
    if not promoted:
        return []
    Registration.objects.filter(pk__in=[pk for pk, _person in promoted]).update(
        status=RegistrationStatus.CONFIRMED, confirmed_at=timezone.now()
    )
    _event_changed(event)
    _tell(NotificationKind.EVENT_PLACE, event, [person_id for _pk, person_id in promoted], actor)
    return [person_id for _pk, person_id in promoted]


# --- Check-in ---------------------------------------------------------------------------------


@transaction.atomic
def attendance_check_in(
    *, person: Person, event: Event, registration: Registration | None = None, name: str = "", email: str = ""
) -> tuple[Attendance, bool]:
    """Staff check someone in: a registration, or a walk-in (an account by e-mail address, or
    an offline person by name). Checking the same person in twice changes nothing: returns
    (attendance, False)."""
    event = _locked(event)
    ensure_can(person, "run_events", event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if registration is not None:
        if registration.event_id != event.pk:
            raise ValidationError(_("This registration is for another event."))
        attendee = registration.person
    else:
        attendee = _attendee(name=name, email=email)
        registration = Registration.objects.filter(event=event, person=attendee).first()
    existing = Attendance.objects.filter(event=event, person=attendee).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                event=event, person=attendee, registration=registration, checked_in_by=person
            )
    except IntegrityError:
        return Attendance.objects.get(event=event, person=attendee), False
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)
    return attendance, True


# --- What came out of the event -----------------------------------------------------------------


def _attendees(event: Event, person_ids, field: str, *, required: bool) -> list[Person]:
    try:
        ids = [int(getattr(p, "pk", p)) for p in person_ids or []]
    except (TypeError, ValueError):
        ids = [0]
    ids = list(dict.fromkeys(ids))
    if required and not ids:
        raise ValidationError({field: _("Choose at least one person who was there.")})
    present = dict(
        (a.person_id, a.person)
        for a in Attendance.objects.filter(event=event, person_id__in=ids).select_related("person")
    )
    if len(present) != len(ids):
        raise ValidationError({field: _("Choose people from the list of those checked in at this event.")})
    return [present[pk] for pk in ids]


@transaction.atomic
def captured_idea_create(*, person: Person, event: Event, title: str, body: str, authors) -> CapturedIdea:
    """An idea someone had at the event: published in the space's ideas as "at an event",
    with the people present who had it as its authors (the first is the lead author)."""
    from cocreate.ideas.services import idea_submit

    event = Event.objects.select_related("space").get(pk=event.pk)
    ensure_can(person, "run_events", event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    people = _attendees(event, authors, "authors", required=True)
    idea = idea_submit(
        person=person,
        space=event.space,
        title=title,
        body=body,
        origin=Origin.EVENT,
        event_name=event.title,
        offline_author_name=people[0].public_name,
    )
    # idea_submit makes a new offline person for an idea entered for someone; at an event the
    # authors are people already known (checked in), so they replace that placeholder.
    placeholders = list(IdeaAuthor.objects.filter(idea=idea).values_list("person_id", flat=True))
    IdeaAuthor.objects.filter(idea=idea).delete()
    Person.objects.filter(pk__in=placeholders, kind=PersonKind.OFFLINE).delete()
    IdeaAuthor.objects.bulk_create([IdeaAuthor(idea=idea, person=p, is_lead=(i == 0)) for i, p in enumerate(people)])
    Follow.objects.bulk_create(
        [Follow(idea=idea, person=p) for p in people if p.kind == PersonKind.ACCOUNT], ignore_conflicts=True
    )
    captured = CapturedIdea.objects.create(event=event, idea=idea, captured_by=person)
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)
    return captured


@transaction.atomic
def event_note_create(*, person: Person, event: Event, title: str, body: str, contributors=()) -> EventNote:
    """Notes of the event (a table's discussion, a decision), credited to the people present
    who contributed."""
    event = Event.objects.select_related("space").get(pk=event.pk)
    ensure_can(person, "run_events", event)
    errors: dict = {}
    title, body = clean_text(title), clean_text(body)
    if len(title) < 3:
        errors["title"] = _("Give the notes a title of at least 3 characters.")
    elif len(title) > 200:
        errors["title"] = _("Keep the title under 200 characters.")
    if not body:
        errors["body"] = _("Write the notes.")
    elif len(body) > 20000:
        errors["body"] = _("Keep the notes under 20,000 characters.")
    if errors:
        raise ValidationError(errors)
    people = _attendees(event, contributors, "contributors", required=False)
    note = EventNote.objects.create(event=event, title=title, body=body, written_by=person)
    note.contributors.set(people)
    _event_changed(event)
    return note


# --- Access needs -----------------------------------------------------------------------------


@transaction.atomic
def access_needs_delete(*, now: datetime | None = None) -> int:
    """Delete the access needs given for events that have ended (people were told they would
    be). Returns how many answers were deleted. Run by a recurring job; harmless twice."""
    now = now or timezone.now()
    ended = list(
        Event.objects.filter(ends_at__lte=now, access_needs_deleted_at__isnull=True).values_list("pk", flat=True)
    )
    if not ended:
        return 0
    deleted = Registration.objects.filter(event_id__in=ended).exclude(access_needs="").update(access_needs="")
    Event.objects.filter(pk__in=ended).update(access_needs_deleted_at=now)
    return deleted


def may_see_access_needs(person, event: Event) -> bool:
    """Only the event's organisers (not moderators, not other participants) see access needs."""
    return bool(is_organiser(person, event))
