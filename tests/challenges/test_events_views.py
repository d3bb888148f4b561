"""Event pages: the list (constant queries), the event's page with its time in the event's own
zone and the reason when registering is not possible, registering and cancelling, calendar
files parsed back with icalendar, and the organisers' pages (create, change, cancel, register
someone, check-in without JavaScript, outputs)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cocreate.challenges.models import Attendance, CapturedIdea, Event, EventNote, Registration, RegistrationStatus
from cocreate.challenges.services import events as services
from tests.challenges.events_factories import event_space, fresh, make_event
from tests.challenges.page_queries import page_queries
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return event_space()


def url(name, event=None, space=None):
    if event is not None:
        return reverse(f"challenges:{name}", kwargs={"slug": event.space.slug, "event_id": event.pk})
    return reverse(f"challenges:{name}", kwargs={"slug": space.slug})


def _events(space, organiser, n):
    for i in range(n):
        make_event(space, organiser, days=i + 1, capacity=5, title=f"Workshop number {i}")


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
def test_event_list_runs_a_constant_number_of_queries(client, setup, django_assert_num_queries, signed_in):
    space, organiser = setup
    person = PersonFactory()
    if signed_in:
        client.force_login(person)
    _events(space, organiser, 2)
    client.get(url("events", space=space))  # warm the caches shared by every page
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        response = client.get(url("events", space=space))
    assert response.status_code == 200 and b"Workshop number 1" in response.content
    _events(space, organiser, 8)
    event = Event.objects.filter(space=space).first()
    services.registration_create(person=person, event=fresh(event))
    with django_assert_num_queries(len(two)):
        response = client.get(url("events", space=space))
    assert response.content.count(b'class="card"') == 10


def test_past_events_are_listed_apart(client, setup):
    space, organiser = setup
    make_event(space, organiser, days=-3, title="Last year's forum")
    make_event(space, organiser, days=3, title="Next workshop")
    upcoming = client.get(url("events", space=space)).content.decode()
    past = client.get(url("events", space=space) + "?when=past").content.decode()
    assert "Next workshop" in upcoming and "Last year" not in upcoming
    assert "Last year" in past and "Next workshop" not in past


def test_event_page_shows_the_time_in_the_events_own_zone(client, setup):
    space, organiser = setup
    event = make_event(
        space,
        organiser,
        time_zone="America/Sao_Paulo",
        starts_at=datetime(2031, 5, 3, 18, 0),
        ends_at=datetime(2031, 5, 3, 21, 0),
        capacity=20,
    )
    page = client.get(fresh(event).get_absolute_url()).content.decode()
    assert "Saturday 3 May 2031, 18:00" in page and "21:00" in page
    assert "America/Sao_Paulo" in page
    assert "20 places left of 20" in page


def test_registering_then_cancelling_through_the_pages(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1, asks_access_needs=True, online_url="https://meet.example.org/x")
    person = PersonFactory()
    client.force_login(person)
    form = client.get(url("event_register", event)).content.decode()
    assert "deleted after the event" in form
    response = client.post(url("event_register", event), {"access_needs": "Step-free access"}, follow=True)
    page = response.content.decode()
    assert "You have a place" in page and "https://meet.example.org/x" in page
    registration = Registration.objects.get(event=event, person=person)
    assert registration.status == "confirmed" and registration.access_needs == "Step-free access"
    response = client.post(url("event_unregister", event), follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED


def test_a_full_event_offers_the_waiting_list_and_shows_the_position(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1, online_url="https://meet.example.org/secret")
    services.registration_create(person=PersonFactory(), event=fresh(event))
    services.registration_create(person=PersonFactory(), event=fresh(event))
    person = PersonFactory()
    client.force_login(person)
    assert "Join the waiting list" in client.get(fresh(event).get_absolute_url()).content.decode()
    page = client.post(url("event_register", event), {}, follow=True).content.decode()
    assert "on the waiting list" in page and "number 2" in page
    assert "meet.example.org/secret" not in page


def test_the_reason_is_shown_when_registration_has_closed(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, registration_closes_at=timezone.now() - timedelta(hours=1))
    client.force_login(PersonFactory())
    page = client.get(fresh(event).get_absolute_url()).content.decode()
    assert "Registration closed on" in page
    assert client.get(url("event_register", event)).status_code == 403


def _parse(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_event_calendar_file_parses_back_and_keeps_the_online_link_for_people_with_a_place(client, setup):
    space, organiser = setup
    event = make_event(
        space,
        organiser,
        time_zone="Europe/Paris",
        starts_at=datetime(2031, 6, 2, 9, 30),
        ends_at=datetime(2031, 6, 2, 12, 0),
        online_url="https://meet.example.org/secret",
        place_name="Town hall",
    )
    response = client.get(url("event_ics", event))
    assert response["Content-Type"].startswith("text/calendar")
    _calendar, (item,) = _parse(response.content)
    assert str(item["uid"]) == f"event-{event.pk}@127.0.0.1"
    assert item["dtstart"].dt == datetime(2031, 6, 2, 7, 30, tzinfo=UTC)
    assert item["dtstart"].params["TZID"] == "Europe/Paris"
    assert str(item["location"]) == "Town hall"
    assert str(item["url"]).endswith(fresh(event).get_absolute_url())
    assert int(item["sequence"]) == fresh(event).version
    assert b"meet.example.org/secret" not in response.content
    person = PersonFactory()
    services.registration_create(person=person, event=fresh(event))
    client.force_login(person)
    _calendar, (mine,) = _parse(client.get(url("event_ics", event)).content)
    assert "https://meet.example.org/secret" in str(mine["location"]) + str(mine["description"])


def test_a_cancelled_event_says_so_in_its_calendar_file_with_a_higher_sequence(client, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    before = int(_parse(client.get(url("event_ics", event)).content)[1][0]["sequence"])
    services.event_cancel(person=organiser, event=fresh(event))
    (item,) = _parse(client.get(url("event_ics", event)).content)[1]
    assert str(item["status"]) == "CANCELLED" and int(item["sequence"]) > before
    assert str(item["uid"]) == f"event-{event.pk}@127.0.0.1"


def test_the_spaces_feed_lists_upcoming_and_recent_events_without_online_links(client, setup):
    space, organiser = setup
    make_event(space, organiser, days=2, title="Online forum", online_url="https://meet.example.org/secret")
    make_event(space, organiser, days=-10, title="Last week's camp")
    make_event(space, organiser, days=-400, title="Long ago")
    response = client.get(url("events_feed", space=space))
    calendar, items = _parse(response.content)
    assert sorted(str(i["summary"]) for i in items) == ["Last week's camp", "Online forum"]
    assert b"meet.example.org" not in response.content
    assert str(calendar["x-wr-calname"]) == space.title


def test_private_spaces_feed_is_not_public(client, setup):
    space, organiser = setup
    type(space).objects.filter(pk=space.pk).update(visibility="private")
    assert client.get(url("events_feed", space=space)).status_code == 404


def test_organiser_creates_an_event_with_local_date_and_time(client, setup):
    space, organiser = setup
    client.force_login(organiser)
    assert client.get(url("event_new", space=space)).status_code == 200
    response = client.post(
        url("event_new", space=space),
        {
            "kind": "hack_day",
            "title": "Hack the North",
            "time_zone": "Europe/London",
            "starts_at_0": "2031-07-05",
            "starts_at_1": "10:00",
            "ends_at_0": "2031-07-06",
            "ends_at_1": "17:00",
            "place_name": "Leeds Central Library",
            "capacity": "40",
            "asks_access_needs": "on",
        },
    )
    event = Event.objects.get(title="Hack the North")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.starts_at == datetime(2031, 7, 5, 9, 0, tzinfo=UTC)  # British Summer Time
    assert event.capacity == 40 and event.asks_access_needs


def test_the_event_form_shows_each_problem_on_its_field(client, setup):
    space, organiser = setup
    client.force_login(organiser)
    response = client.post(
        url("event_new", space=space),
        {
            "kind": "workshop",
            "title": "Bus workshop",
            "time_zone": "Mars/Olympus",
            "starts_at_0": "2031-07-05",
            "starts_at_1": "10:00",
            "ends_at_0": "2031-07-05",
            "ends_at_1": "12:00",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "is not a time zone we know" in page
    assert not Event.objects.exists()


def test_organiser_changes_and_cancels_an_event(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, time_zone="Europe/London")
    client.force_login(organiser)
    form = client.get(url("event_edit", event)).content.decode()
    assert fresh(event).local_starts_at.strftime("%H:%M") in form
    page = client.post(url("event_cancel", event), {"cancel_reason": "Snow."}, follow=True).content.decode()
    assert "This event was cancelled." in page and "Snow." in page
    assert fresh(event).is_cancelled


def test_a_participant_cannot_reach_the_organisers_pages(client, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    client.force_login(PersonFactory())
    for name in ("event_edit", "event_cancel", "event_registrations", "event_register_someone", "event_check_in"):
        response = client.get(url(name, event))
        assert response.status_code == 403, name
        assert "Only the organisers" in response.content.decode()
    assert client.get(url("event_new", space=space)).status_code == 403


def test_staff_register_someone_by_phone(client, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    client.force_login(organiser)
    response = client.post(url("event_register_someone", event), {"name": "Agnes Field", "access_needs": "Chair"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.person.display_name == "Agnes Field" and registration.entered_by == organiser
    page = client.get(url("event_registrations", event)).content.decode()
    assert "Agnes Field" in page and "no account" in page and "Chair" in page


def test_check_in_page_works_with_plain_forms(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, days=0.01)
    registration = services.registration_create(person=PersonFactory(display_name="Ravi"), event=fresh(event))
    client.force_login(organiser)
    page = client.get(url("event_check_in", event)).content.decode()
    assert "Ravi" in page and "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    page = client.post(url("event_check_in", event), {"registration": registration.pk}, follow=True).content.decode()
    assert "Ravi is checked in." in page
    page = client.post(url("event_check_in", event), {"walk_in": "1", "name": "Sam"}, follow=True).content.decode()
    assert "Sam is checked in." in page
    assert Attendance.objects.filter(event=event).count() == 2
    page = client.post(url("event_check_in", event), {"walk_in": "1"}).content.decode()
    assert "Enter the person" in page
    found = client.get(url("event_check_in", event) + "?q=rav").content.decode()
    assert "Ravi" in found


def test_outputs_are_captured_and_listed_with_credits(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, days=-1)
    attendance, _ = services.attendance_check_in(person=organiser, event=fresh(event), name="Joan Baker")
    client.force_login(organiser)
    form = client.get(url("event_capture_idea", event)).content.decode()
    assert "Joan Baker" in form
    response = client.post(
        url("event_capture_idea", event),
        {"title": "Evening buses please", "body": "A bus every hour until ten.", "authors": [attendance.person_id]},
    )
    assert response.status_code == 302
    response = client.post(
        url("event_note_new", event),
        {"title": "Table 3", "body": "We talked about the clinic.", "contributors": [attendance.person_id]},
    )
    assert response.status_code == 302
    assert CapturedIdea.objects.filter(event=event).count() == 1 and EventNote.objects.filter(event=event).count() == 1
    client.logout()
    page = client.get(url("event_outputs", event)).content.decode()
    assert "Evening buses please" in page and "Joan Baker" in page and "Table 3" in page


def test_cancelling_an_event_needs_no_reason(client, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    client.force_login(organiser)
    assert client.post(url("event_cancel", event), {}).status_code == 302
    assert fresh(event).is_cancelled


def test_the_organisers_lists_run_the_same_queries_for_2_or_10_registrations(client, setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=50)
    client.force_login(organiser)
    pages = [url(name, event) for name in ("event_registrations", "event_check_in")]

    def register(n):
        for _ in range(n):
            services.registration_create(person=PersonFactory(), event=fresh(event), access_needs="Step-free access")

    register(2)
    few = [page_queries(client, address) for address in pages]
    register(8)
    assert [page_queries(client, address) for address in pages] == few
