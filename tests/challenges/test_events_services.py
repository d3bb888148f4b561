"""Event services: places and the waiting list (in order, under the event's lock), registering
someone by phone, cancelling, time zones, check-in, what came out of an event, and access needs
deleted after the event."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import Attendance, CapturedIdea, Event, Registration, RegistrationStatus
from cocreate.challenges.services import events as services
from cocreate.challenges.tasks.events import delete_access_needs
from cocreate.ideas.models import Follow, IdeaAuthor
from cocreate.notifications.models import Notification, NotificationKind
from cocreate.spaces.models import ActionLog, Space
from cocreate.spaces.permissions import Refused
from cocreate.web.schedule import RECURRING
from tests.challenges.events_factories import event_space, fresh, make_event
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    space, organiser = event_space()
    return space, organiser


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the services do after commit (notifications) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _register(event, person=None, **fields):
    return services.registration_create(person=person or PersonFactory(), event=fresh(event), **fields)


def test_places_are_confirmed_until_full_then_people_wait_in_order(setup, committed):
    space, organiser = setup
    event = make_event(space, organiser, capacity=2)
    first, second, third, fourth = (_register(event) for _ in range(4))
    assert [r.status for r in (first, second, third, fourth)] == ["confirmed", "confirmed", "waiting", "waiting"]
    with committed():
        services.registration_cancel(person=first.person, registration=first)
    assert Registration.objects.get(pk=third.pk).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(pk=fourth.pk).status == RegistrationStatus.WAITING
    told = Notification.objects.get(kind=NotificationKind.EVENT_PLACE)
    assert told.recipient_id == third.person_id and str(event.pk) in told.link


def test_capacity_is_checked_under_the_events_lock(setup, monkeypatch):
    """The event's row is locked (SELECT … FOR UPDATE on databases with row locks; SQLite locks
    the whole file for a write) before the confirmed places are counted, so a second
    registration for the last place waits for the first and then finds the event full."""
    from django.db import connection
    from django.db.models.query import QuerySet
    from django.test.utils import CaptureQueriesContext

    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    locked_models = []
    original = QuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        locked_models.append(queryset.model)
        return original(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    with CaptureQueriesContext(connection) as captured:
        _register(event)
    assert Event in locked_models
    sql = [q["sql"] for q in captured]
    lock = next(i for i, s in enumerate(sql) if 'FROM "challenges_event"' in s)
    count = next(i for i, s in enumerate(sql) if "COUNT(" in s and "challenges_registration" in s)
    assert lock < count
    assert _register(event).status == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1


def test_two_last_place_registrations_cannot_both_be_confirmed_sequentially(setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    stale = fresh(event)  # both callers loaded the event before either registered
    a = services.registration_create(person=PersonFactory(), event=stale)
    b = services.registration_create(person=PersonFactory(), event=stale)
    assert (a.status, b.status) == ("confirmed", "waiting")


def test_registering_twice_is_refused_with_a_message(setup):
    space, organiser = setup
    event = make_event(space, organiser)
    person = PersonFactory()
    _register(event, person)
    with pytest.raises(ValidationError, match="already registered"):
        _register(event, person)
    assert Registration.objects.filter(event=event).count() == 1


def test_registering_again_after_cancelling_goes_to_the_back_of_the_queue(setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    holder, waiting, comeback = PersonFactory(), PersonFactory(), PersonFactory()
    _register(event, comeback)
    services.registration_cancel(person=comeback, registration=Registration.objects.get(person=comeback))
    _register(event, holder)
    _register(event, waiting)
    again = _register(event, comeback)
    assert again.status == RegistrationStatus.WAITING
    services.registration_cancel(person=holder, registration=Registration.objects.get(person=holder))
    assert Registration.objects.get(person=waiting).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(person=comeback).status == RegistrationStatus.WAITING


def test_registration_closed_gives_the_date_and_time_in_the_events_zone(setup):
    space, organiser = setup
    closes = timezone.now() - timedelta(hours=2)
    event = make_event(space, organiser, registration_closes_at=closes)
    with pytest.raises(Refused) as refused:
        _register(event)
    local = closes.astimezone(event.zone)
    assert refused.value.reason.startswith("Registration closed on")
    assert local.strftime("%H:%M") in refused.value.reason


def test_cancelled_event_refuses_registration_and_tells_the_people_registered(setup, committed):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    a, b = _register(event), _register(event)
    with committed():
        services.event_cancel(person=organiser, event=fresh(event), reason="The hall flooded.")
    told = set(Notification.objects.filter(kind=NotificationKind.EVENT_CHANGED).values_list("recipient_id", flat=True))
    assert told == {a.person_id, b.person_id}
    with pytest.raises(Refused, match="This event was cancelled. The hall flooded."):
        _register(event)
    assert ActionLog.objects.filter(action="event_cancel").exists()


def test_a_participant_cannot_create_or_cancel_events(setup):
    space, organiser = setup
    event = make_event(space, organiser)
    with pytest.raises(Refused, match="Only the organisers"):
        services.event_cancel(person=PersonFactory(), event=fresh(event))
    with pytest.raises(Refused):
        make_event(space, PersonFactory())


def test_more_places_confirm_the_people_waiting(setup, committed):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    regs = [_register(event) for _ in range(4)]
    with committed():
        services.event_update(person=organiser, event=fresh(event), capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waiting"]
    assert Notification.objects.filter(kind=NotificationKind.EVENT_PLACE).count() == 2


def test_fewer_places_than_people_confirmed_is_refused(setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=3)
    for _ in range(2):
        _register(event)
    with pytest.raises(ValidationError) as error:
        services.event_update(person=organiser, event=fresh(event), capacity=1)
    assert "2 people already have a place" in error.value.message_dict["capacity"][0]


def test_changing_the_time_tells_people_and_bumps_versions(setup, committed):
    space, organiser = setup
    event = make_event(space, organiser)
    person_reg = _register(event)
    before_space, before = Space.objects.get(pk=space.pk).version, fresh(event).version
    with committed():
        updated = services.event_update(
            person=organiser, event=fresh(event), starts_at=event.starts_at + timedelta(hours=1)
        )
    assert updated.version > before and Space.objects.get(pk=space.pk).version > before_space
    assert Notification.objects.get(kind=NotificationKind.EVENT_CHANGED).recipient_id == person_reg.person_id


def test_local_times_are_read_in_the_events_zone_and_stored_in_utc(setup):
    space, organiser = setup
    event = make_event(
        space,
        organiser,
        time_zone="America/Sao_Paulo",
        starts_at=datetime(2031, 5, 3, 18, 0),
        ends_at=datetime(2031, 5, 3, 21, 0),
    )
    stored = fresh(event)
    assert stored.starts_at == datetime(2031, 5, 3, 21, 0, tzinfo=UTC)
    assert stored.local_starts_at == datetime(2031, 5, 3, 18, 0)
    assert stored.zone_label.startswith("America/Sao_Paulo")


def test_a_time_skipped_by_the_clocks_going_forward_is_refused(setup):
    space, organiser = setup
    with pytest.raises(ValidationError) as error:
        make_event(space, organiser, starts_at=datetime(2031, 3, 30, 1, 30), ends_at=datetime(2031, 3, 30, 4, 0))
    assert "clocks go forward" in error.value.message_dict["starts_at"][0]


def test_an_unknown_time_zone_is_refused_with_examples(setup):
    space, organiser = setup
    with pytest.raises(ValidationError) as error:
        make_event(space, organiser, time_zone="Europe/Londn")
    assert "Europe/London" in error.value.message_dict["time_zone"][0]


def test_an_event_must_end_after_it_starts_and_have_a_place(setup):
    space, organiser = setup
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        make_event(space, organiser, starts_at=starts, ends_at=starts, place_name="")
    assert set(error.value.message_dict) == {"ends_at", "place_name"}
    assert Event.objects.count() == 0


def test_staff_register_someone_without_an_account_by_name(setup):
    space, organiser = setup
    event = make_event(space, organiser)
    registration = services.registration_enter(
        person=organiser, event=fresh(event), name="Mrs Agnes Field", access_needs="Wheelchair user"
    )
    assert registration.person.kind == "offline" and registration.person.display_name == "Mrs Agnes Field"
    assert registration.entered_by == organiser and registration.access_needs == "Wheelchair user"


def test_staff_register_an_account_by_email_and_it_is_told(setup, committed):
    space, organiser = setup
    event = make_event(space, organiser)
    person = PersonFactory(email="rita@example.org")
    with committed():
        registration = services.registration_enter(person=organiser, event=fresh(event), email="RITA@example.org")
    assert registration.person == person
    assert Notification.objects.get(kind=NotificationKind.EVENT_PLACE).recipient == person


def test_staff_registering_an_unknown_email_is_told_what_to_do(setup):
    space, organiser = setup
    event = make_event(space, organiser)
    with pytest.raises(ValidationError) as error:
        services.registration_enter(person=organiser, event=fresh(event), email="nobody@example.org")
    assert "enter their name" in error.value.message_dict["email"][0]


def test_check_in_of_a_registration_and_of_a_walk_in_without_an_account(setup):
    space, organiser = setup
    event = make_event(space, organiser, days=0.01, hours=1)
    registration = _register(event)
    attendance, created = services.attendance_check_in(person=organiser, event=fresh(event), registration=registration)
    assert created and attendance.registration == registration
    again, created = services.attendance_check_in(person=organiser, event=fresh(event), registration=registration)
    assert not created and again.pk == attendance.pk
    walk_in, created = services.attendance_check_in(person=organiser, event=fresh(event), name="Sam from the café")
    assert created and walk_in.person.kind == "offline" and walk_in.registration is None
    assert Attendance.objects.filter(event=event).count() == 2


def test_an_idea_captured_at_the_event_is_credited_to_the_people_present(setup):
    space, organiser = setup
    event = make_event(space, organiser, days=-1)
    person = PersonFactory()
    _, _ = services.attendance_check_in(person=organiser, event=fresh(event), email=person.email)
    offline, _ = services.attendance_check_in(person=organiser, event=fresh(event), name="Joan")
    offline_people = Person.objects.filter(kind="offline").count()
    captured = services.captured_idea_create(
        person=organiser,
        event=fresh(event),
        title="Evening buses to the hospital",
        body="A bus every hour until ten at night.",
        authors=[offline.person_id, person.pk],
    )
    idea = captured.idea
    assert idea.origin == "event" and idea.event_name == event.title and idea.entered_by == organiser
    authors = list(IdeaAuthor.objects.filter(idea=idea).order_by("-is_lead", "pk").values_list("person_id", "is_lead"))
    assert authors == [(offline.person_id, True), (person.pk, False)]
    assert Person.objects.filter(kind="offline").count() == offline_people  # no stray placeholder
    assert Follow.objects.filter(idea=idea, person=person).exists()
    assert CapturedIdea.objects.get(event=event).idea == idea


def test_outputs_can_only_credit_people_who_were_checked_in(setup):
    space, organiser = setup
    event = make_event(space, organiser, days=-1)
    with pytest.raises(ValidationError) as error:
        services.captured_idea_create(
            person=organiser,
            event=fresh(event),
            title="A good idea",
            body="With enough words.",
            authors=[PersonFactory().pk],
        )
    assert "checked in" in error.value.message_dict["authors"][0]
    with pytest.raises(ValidationError) as error:
        services.event_note_create(
            person=organiser, event=fresh(event), title="Table 3", body="Notes", contributors=[PersonFactory().pk]
        )
    assert "contributors" in error.value.message_dict


def test_event_notes_credit_attendees(setup):
    space, organiser = setup
    event = make_event(space, organiser, days=-1)
    attendance, _ = services.attendance_check_in(person=organiser, event=fresh(event), name="Ola")
    note = services.event_note_create(
        person=organiser, event=fresh(event), title="Table 3", body="Transport.", contributors=[attendance.person_id]
    )
    assert list(note.contributors.all()) == [attendance.person]


def test_access_needs_are_deleted_after_the_event_by_the_recurring_job(setup):
    space, organiser = setup
    soon = make_event(space, organiser, days=0.01, hours=1)
    later = make_event(space, organiser, days=5)
    gone = _register(soon, access_needs="Hearing loop, please")
    kept = _register(later, access_needs="Step-free access")
    Event.objects.filter(pk=soon.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    (job,) = [job for job in RECURRING if job.task.endswith("events.delete_access_needs")]
    assert job.cron == "15 * * * *"  # hourly
    job.enqueue()  # what the scheduler does; tests run tasks at once
    assert Registration.objects.get(pk=gone.pk).access_needs == ""
    assert Registration.objects.get(pk=kept.pk).access_needs == "Step-free access"
    assert fresh(soon).access_needs_deleted_at is not None and fresh(later).access_needs_deleted_at is None
    assert services.access_needs_delete() == 0  # harmless twice
    assert delete_access_needs.call() == 0


def test_cancelling_a_registration_deletes_its_access_needs(setup):
    space, organiser = setup
    event = make_event(space, organiser)
    registration = _register(event, access_needs="Quiet room")
    services.registration_cancel(person=registration.person, registration=registration)
    assert Registration.objects.get(pk=registration.pk).access_needs == ""


def test_access_needs_are_not_kept_when_the_event_does_not_ask(setup):
    space, organiser = setup
    event = make_event(space, organiser, asks_access_needs=False)
    assert _register(event, access_needs="Anything").access_needs == ""


def test_someone_else_cannot_cancel_your_registration(setup):
    space, organiser = setup
    event = make_event(space, organiser)
    registration = _register(event)
    with pytest.raises(Refused):
        services.registration_cancel(person=PersonFactory(), registration=registration)
    services.registration_cancel(person=organiser, registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED


def test_personal_data_lists_registrations_with_access_needs_while_held_and_attendances(setup):
    from cocreate.accounts.personal_data import export_sections

    space, organiser = setup
    event = make_event(space, organiser, days=0.01)
    person = PersonFactory()
    registration = _register(event, person, access_needs="Large print")
    services.attendance_check_in(person=organiser, event=fresh(event), registration=registration)
    sections = export_sections()
    (row,) = sections["event registrations"](person)
    assert row["event"] == event.title and row["access_needs"] == "Large print" and row["status"] == "confirmed"
    assert [a["event"] for a in sections["event attendances"](person)] == [event.title]
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(minutes=1)
    )
    services.access_needs_delete()
    assert sections["event registrations"](person)[0]["access_needs"] == ""


def test_erasing_a_person_deletes_access_needs_and_frees_future_places(setup):
    from cocreate.challenges.personal_data.events import erase

    space, organiser = setup
    event = make_event(space, organiser)
    person = PersonFactory()
    registration = _register(event, person, access_needs="Lift")
    erase(person)
    registration.refresh_from_db()
    assert registration.access_needs == "" and registration.status == RegistrationStatus.CANCELLED
