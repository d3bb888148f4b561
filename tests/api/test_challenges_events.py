"""The events API: list and detail for anyone who can read the space, your own registration
(POST to register, DELETE to cancel), refusals with the reason, no online link or access needs
for others; organisers create, change and cancel events, read registrations, register someone,
check people in, and capture ideas and notes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.challenges.models import Registration, RegistrationStatus
from cocreate.challenges.services import events as services
from cocreate.ideas.models import Idea
from tests.api.api_client import assert_error, count_queries
from tests.challenges.events_factories import event_space, fresh, make_event
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return event_space()


def _path(event, rest=""):
    return f"/spaces/{event.space.slug}/events/{event.pk}{rest}"


def test_events_are_listed_for_visitors_in_a_constant_number_of_queries(visitor, setup):
    space, organiser = setup
    for i in range(2):
        make_event(space, organiser, days=i + 1, capacity=3)
    first = count_queries(lambda: visitor.get(f"/spaces/{space.slug}/events"))
    for i in range(8):
        make_event(space, organiser, days=i + 5, capacity=3)
    assert count_queries(lambda: visitor.get(f"/spaces/{space.slug}/events")) == first
    body = visitor.get(f"/spaces/{space.slug}/events").json()
    assert len(body) == 10 and body[0]["places_left"] == 3 and body[0]["time_zone"] == "Europe/London"
    assert "online_url" not in body[0]


def test_register_then_cancel_with_the_waiting_list(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1, online_url="https://meet.example.org/secret")
    first, second = PersonFactory(), PersonFactory()
    response = api_as(first).post(_path(event, "/registration"), {"access_needs": "Lift"})
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    response = api_as(second).post(_path(event, "/registration"), {})
    assert response.status_code == 201 and response.json() | {"registered_at": None} == {
        "status": "waiting",
        "waiting_position": 1,
        "registered_at": None,
    }
    detail = api_as(first).get(_path(event)).json()
    assert (
        detail["online_url"] == "https://meet.example.org/secret"
        and detail["your_registration"]["status"] == "confirmed"
    )
    assert api_as(second).get(_path(event)).json()["online_url"] == ""
    response = api_as(first).delete(_path(event, "/registration"))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert Registration.objects.get(person=second).status == RegistrationStatus.CONFIRMED
    assert "Lift" not in str(api_as(organiser).get(_path(event)).json())


def test_registering_twice_is_a_422_with_the_message(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    api = api_as(PersonFactory())
    api.post(_path(event, "/registration"), {})
    assert_error(api.post(_path(event, "/registration"), {}), 422, detail="already registered")


def test_closed_registration_is_refused_with_the_reason(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser, registration_closes_at=timezone.now() - timedelta(hours=1))
    api = api_as(PersonFactory())
    detail = api.get(_path(event)).json()
    assert detail["can_register"] is False and detail["why_not"].startswith("Registration closed on")
    assert_error(api.post(_path(event, "/registration"), {}), 403, detail="Registration closed on")


def test_visitors_cannot_register_and_cancelling_nothing_is_404(visitor, api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    assert visitor.post(_path(event, "/registration"), {}).status_code in (401, 403)
    assert api_as(PersonFactory()).delete(_path(event, "/registration")).status_code == 404


def test_cancelled_event_shows_as_cancelled(visitor, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    services.event_cancel(person=organiser, event=fresh(event), reason="Snow")
    body = visitor.get(_path(event)).json()
    assert body["cancelled"] is True and body["cancel_reason"] == "Snow"


# --- Organisers ---------------------------------------------------------------------------------


def _event_body(**changes):
    starts = timezone.now() + timedelta(days=10)
    body = {
        "kind": "workshop",
        "title": "Bus routes workshop",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "time_zone": "Europe/London",
        "place_name": "Maidstone library",
        "capacity": 2,
    }
    return body | changes


def test_organisers_create_change_and_cancel_an_event(api_as, setup):
    space, organiser = setup
    api = api_as(organiser)
    response = api.post(f"/spaces/{space.slug}/events", _event_body())
    assert response.status_code == 201, response.content
    event_id = response.json()["id"]
    assert response.json()["places_left"] == 2
    path = f"/spaces/{space.slug}/events/{event_id}"
    changed = api.patch(path, {"capacity": None, "place_name": "Town hall"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["capacity"] is None and changed.json()["place_name"] == "Town hall"
    assert changed.json()["title"] == "Bus routes workshop"
    cancelled = api.post(f"{path}/cancel", {"cancel_reason": "Snow"})
    assert cancelled.status_code == 200 and cancelled.json()["cancelled"] is True
    assert_error(api.post(f"{path}/cancel", {}), 422, detail="already cancelled")


def test_events_are_run_by_organisers_only(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    someone = api_as(PersonFactory())
    assert_error(someone.post(f"/spaces/{space.slug}/events", _event_body()), 403)
    assert_error(someone.patch(_path(event), {"title": "Mine now"}), 403)
    assert_error(someone.post(_path(event, "/cancel"), {}), 403)
    assert_error(someone.get(_path(event, "/registrations")), 403)
    assert_error(someone.post(_path(event, "/registrations"), {"name": "Ann"}), 403)
    assert_error(someone.post(_path(event, "/check-ins"), {"name": "Ann"}), 403)
    assert_error(someone.get(_path(event, "/check-ins")), 403)
    assert_error(someone.post(_path(event, "/notes"), {"title": "Table 1", "body": "We met"}), 403)
    assert_error(someone.post(_path(event, "/ideas"), {"title": "Night buses", "body": "More", "authors": [1]}), 403)


def test_bad_event_input_names_the_field(api_as, setup):
    space, organiser = setup
    api = api_as(organiser)
    assert_error(api.post(f"/spaces/{space.slug}/events", _event_body(time_zone="Mars/Olympus")), 422, "time_zone")
    body = _event_body()
    assert_error(api.post(f"/spaces/{space.slug}/events", body | {"ends_at": body["starts_at"]}), 422, "ends_at")
    assert_error(api.post(f"/spaces/{space.slug}/events", _event_body(starts_at="2027-05-03T09:00")), 422, "starts_at")
    event = make_event(space, organiser)
    assert_error(api.patch(_path(event), {"title": "x"}), 422, "title")


def test_organisers_read_registrations_with_access_needs_in_constant_queries(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    for _ in range(2):
        services.registration_create(person=PersonFactory(), event=fresh(event), access_needs="Step-free access")
    api = api_as(organiser)
    api.get(_path(event, "/registrations"))  # the key's first use is recorded once
    few = count_queries(lambda: api.get(_path(event, "/registrations")))
    for _ in range(8):
        services.registration_create(person=PersonFactory(), event=fresh(event))
    assert count_queries(lambda: api.get(_path(event, "/registrations"))) == few
    body = api.get(_path(event, "/registrations")).json()
    assert body["count"] == 10
    assert [r["status"] for r in body["items"][:2]] == ["confirmed", "waiting"]
    assert body["items"][0]["access_needs"] == "Step-free access" and body["items"][1]["waiting_position"] == 1


def test_organisers_register_someone_who_phoned(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser)
    member = PersonFactory(email="ann@example.org")
    api = api_as(organiser)
    response = api.post(_path(event, "/registrations"), {"email": "Ann@example.org", "access_needs": "Hearing loop"})
    assert response.status_code == 201, response.content
    assert response.json()["person"] == member.pk and response.json()["entered_by_staff"] is True
    offline = api.post(_path(event, "/registrations"), {"name": "Bob by phone"})
    assert offline.status_code == 201 and offline.json()["name"] == "Bob by phone"
    assert_error(api.post(_path(event, "/registrations"), {"email": "nobody@example.org"}), 422, "email")
    assert_error(api.post(_path(event, "/registrations"), {}), 422, "name")


def test_organisers_check_people_in_once(api_as, setup):
    space, organiser = setup
    event = make_event(space, organiser, days=1)
    registration = services.registration_create(person=PersonFactory(), event=fresh(event))
    api = api_as(organiser)
    first = api.post(_path(event, "/check-ins"), {"registration": registration.pk})
    assert first.status_code == 201, first.content
    assert first.json()["registration"] == registration.pk
    assert api.post(_path(event, "/check-ins"), {"registration": registration.pk}).status_code == 200
    walk_in = api.post(_path(event, "/check-ins"), {"name": "Walk-in Wendy"})
    assert walk_in.status_code == 201 and walk_in.json()["registration"] is None
    listed = api.get(_path(event, "/check-ins")).json()
    assert listed["count"] == 2
    assert_error(api.post(_path(event, "/check-ins"), {}), 422, "name")
    assert api.post(_path(event, "/check-ins"), {"registration": 999999}).status_code == 404


def test_organisers_capture_ideas_and_notes_credited_to_people_present(api_as, visitor, setup):
    space, organiser = setup
    event = make_event(space, organiser, days=0, hours=3)
    api = api_as(organiser)
    present = [api.post(_path(event, "/check-ins"), {"name": name}).json()["person"] for name in ("Ann", "Bob")]
    idea = api.post(
        _path(event, "/ideas"), {"title": "Night buses", "body": "Buses after midnight", "authors": present}
    )
    assert idea.status_code == 201, idea.content
    assert Idea.objects.get(pk=idea.json()["idea"]).title == "Night buses"
    note = api.post(_path(event, "/notes"), {"title": "Table 1", "body": "We talked", "contributors": present[:1]})
    assert note.status_code == 201 and note.json()["contributors"] == ["Ann"]
    assert [n["title"] for n in visitor.get(_path(event, "/notes")).json()] == ["Table 1"]
    absent = PersonFactory().pk
    assert_error(api.post(_path(event, "/ideas"), {"title": "T", "body": "B", "authors": [absent]}), 422, "authors")
    assert_error(api.post(_path(event, "/ideas"), {"title": "T", "body": "B", "authors": []}), 422, "authors")
    assert_error(api.post(_path(event, "/notes"), {"title": "T", "body": "B"}), 422, "title")


def test_an_event_end_to_end_through_the_api(api_as, setup):
    """Staff create an event; people register (one waits); one cancels and the next gets the
    place; staff check people in and publish what came out of it."""
    space, organiser = setup
    staff = api_as(organiser)
    event_id = staff.post(f"/spaces/{space.slug}/events", _event_body(capacity=1)).json()["id"]
    path = f"/spaces/{space.slug}/events/{event_id}"
    ann, bob = PersonFactory(display_name="Ann"), PersonFactory(display_name="Bob")
    assert api_as(ann).post(f"{path}/registration", {}).json()["status"] == "confirmed"
    assert api_as(bob).post(f"{path}/registration", {}).json()["status"] == "waiting"
    assert api_as(ann).delete(f"{path}/registration").json()["status"] == "cancelled"
    assert api_as(bob).get(path).json()["your_registration"]["status"] == "confirmed"
    staff.patch(path, {"starts_at": (timezone.now() - timedelta(minutes=5)).isoformat()})
    rows = staff.get(f"{path}/registrations").json()["items"]
    bobs = next(r for r in rows if r["name"] == "Bob")
    checked = staff.post(f"{path}/check-ins", {"registration": bobs["id"]}).json()
    body = {"title": "Night buses", "body": "Buses after midnight on Fridays", "authors": [checked["person"]]}
    idea = staff.post(f"{path}/ideas", body)
    assert idea.status_code == 201, idea.content
