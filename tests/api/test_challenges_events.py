"""The events API: list and detail for anyone who can read the space, your own registration
(POST to register, DELETE to cancel), refusals with the reason, no online link or access needs
for others."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.challenges.models import Registration, RegistrationStatus
from cocreate.challenges.services import events as services
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
