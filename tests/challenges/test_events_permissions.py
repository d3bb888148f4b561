"""Events' activities × roles × registration open/closed, through the one `can()`; and access
needs, which only the event's organisers see."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import Event
from cocreate.challenges.services import events as services
from cocreate.spaces import registry
from cocreate.spaces.permissions import can
from tests.challenges.events_factories import event_space, fresh, make_event
from tests.challenges.permission_matrix import assert_allowed_exactly, usual_people

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator"]
SIGNED_IN = ROLES[1:]

# activity: (roles allowed while registration is open, roles allowed once it has closed).
# Neither is phased: the event itself says when registration is open.
EVENTS_MATRIX = {
    "run_events": (["organiser"], ["organiser"]),
    "register_for_event": (SIGNED_IN, []),
}


@pytest.fixture
def cast():
    space, organiser = event_space()
    people = usual_people(space, organiser)
    event = make_event(space, organiser, capacity=10)
    return space, event, people


@pytest.mark.parametrize("registration_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(EVENTS_MATRIX))
def test_events_matrix(cast, activity, registration_open):
    space, event, people = cast
    if not registration_open:
        Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - timedelta(minutes=5))
    allowed = EVENTS_MATRIX[activity][0 if registration_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: fresh(event))


def test_no_event_activity_needs_a_phase():
    """Registration is governed by the event; no phase has to list it."""
    for name in EVENTS_MATRIX:
        assert registry.get(name).phased is False


def test_a_visitor_is_asked_to_sign_in_to_register(cast):
    _space, event, _people = cast
    decision = can(AnonymousUser(), "register_for_event", fresh(event))
    assert not decision and decision.reason == "Sign in to register for events." and decision.next_url


def test_cancelled_event_refusal_says_so(cast):
    _space, event, people = cast
    services.event_cancel(person=people["organiser"], event=fresh(event), reason="")
    decision = can(people["participant"], "register_for_event", fresh(event))
    assert decision.reason == "This event was cancelled."


@pytest.mark.parametrize("role", ["participant", "moderator", "evaluator"])
def test_only_organisers_see_access_needs(client, cast, role):
    _space, event, people = cast
    services.registration_create(
        person=people["participant"], event=fresh(event), access_needs="BSL interpreter needed"
    )
    url = reverse("challenges:event_registrations", kwargs={"slug": event.space.slug, "event_id": event.pk})
    client.force_login(people[role])
    refused = client.get(url)
    assert refused.status_code == 403 and b"BSL interpreter" not in refused.content
    assert not services.may_see_access_needs(Person.objects.get(pk=people[role].pk), fresh(event))
    client.force_login(people["organiser"])
    assert b"BSL interpreter needed" in client.get(url).content
    assert services.may_see_access_needs(Person.objects.get(pk=people["organiser"].pk), fresh(event))


def test_the_event_page_never_shows_access_needs_to_others(client, cast):
    _space, event, people = cast
    services.registration_create(person=people["participant"], event=fresh(event), access_needs="Quiet room")
    client.force_login(people["moderator"])
    assert b"Quiet room" not in client.get(fresh(event).get_absolute_url()).content
