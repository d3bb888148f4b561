"""Event reads: counts and places left, the viewer's own status and waiting-list position, the
organisers' list in waiting-list order, and each in a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.challenges.models import Event
from cocreate.challenges.selectors import events as selectors
from cocreate.challenges.services import events as services
from tests.challenges.events_factories import event_space, fresh, make_event
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return event_space()


def _fill(space, organiser, n, people):
    for i in range(n):
        event = make_event(space, organiser, days=i + 1, capacity=2)
        for person in people:
            services.registration_create(person=person, event=fresh(event))


def test_event_list_counts_places_and_your_status(setup):
    space, organiser = setup
    me, other, third = PersonFactory(), PersonFactory(), PersonFactory()
    _fill(space, organiser, 1, [other, third, me])
    (event,) = selectors.event_list(space=space, viewer=me)
    assert (event.confirmed_count, event.waiting_count, event.places_left, event.my_status) == (2, 1, 0, "waiting")


@pytest.mark.parametrize("rows", [2, 10])
def test_event_list_runs_a_constant_number_of_queries(setup, django_assert_num_queries, rows):
    space, organiser = setup
    me = PersonFactory()
    _fill(space, organiser, rows, [me, PersonFactory()])
    with django_assert_num_queries(2):  # the events with counts; the viewer's registrations
        events = selectors.event_list(space=space, viewer=me)
    assert len(events) == rows and all(e.my_status == "confirmed" for e in events)


def test_past_list_is_latest_first(setup):
    space, organiser = setup
    older = make_event(space, organiser, days=-9)
    newer = make_event(space, organiser, days=-2)
    make_event(space, organiser, days=2)
    assert [e.pk for e in selectors.event_list(space=space, past=True)] == [newer.pk, older.pk]


def test_waiting_list_position_counts_those_ahead(setup):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    people = [PersonFactory() for _ in range(4)]
    for person in people:
        services.registration_create(person=person, event=fresh(event))
    event = selectors.event_for_page(space=space, event_id=event.pk)
    assert selectors.own_registration(person=people[0], event=event).waiting_position is None
    assert [selectors.own_registration(person=p, event=event).waiting_position for p in people[1:]] == [1, 2, 3]
    assert selectors.own_registration(person=PersonFactory(), event=event) is None


@pytest.mark.parametrize("rows", [2, 10])
def test_organisers_list_is_in_waiting_list_order_in_constant_queries(setup, django_assert_num_queries, rows):
    space, organiser = setup
    event = make_event(space, organiser, capacity=1)
    people = [PersonFactory() for _ in range(rows)]
    for person in people:
        services.registration_create(person=person, event=fresh(event), access_needs="Lift")
    services.registration_cancel(person=people[0], registration=fresh(event).registrations.get(person=people[0]))
    services.attendance_check_in(person=organiser, event=fresh(event), name="Walk-in")
    with django_assert_num_queries(1):
        registrations = selectors.registrations_for_organisers(event=event)
    assert [r.status for r in registrations] == ["confirmed"] + ["waiting"] * (rows - 2) + ["cancelled"]
    assert [r.waiting_position for r in registrations if r.status == "waiting"] == list(range(1, rows - 1))
    assert registrations[0].person == people[1]


@pytest.mark.parametrize("rows", [2, 10])
def test_outputs_run_a_constant_number_of_queries(setup, django_assert_num_queries, rows):
    space, organiser = setup
    event = make_event(space, organiser, days=-1)
    attendance, _ = services.attendance_check_in(person=organiser, event=fresh(event), name="Joan")
    for i in range(rows):
        services.captured_idea_create(
            person=organiser,
            event=fresh(event),
            title=f"Idea number {i}",
            body="Something long enough.",
            authors=[attendance.person_id],
        )
        services.event_note_create(
            person=organiser, event=fresh(event), title=f"Table {i}", body="Notes.", contributors=[attendance.person_id]
        )
    # ideas with their spaces; their authors; the notes; their contributors
    with django_assert_num_queries(4):
        outputs = selectors.event_outputs(event=event)
        names = [a.person.public_name for c in outputs["ideas"] for a in c.idea.credited]
        urls = [c.idea.get_absolute_url() for c in outputs["ideas"]]
        contributors = [p.public_name for n in outputs["notes"] for p in n.contributors.all()]
    assert names == ["Joan"] * rows and contributors == ["Joan"] * rows and len(urls) == rows


def test_feed_holds_upcoming_and_recent_events(setup):
    space, organiser = setup
    recent = make_event(space, organiser, days=-30)
    upcoming = make_event(space, organiser, days=30)
    old = make_event(space, organiser, days=-200)
    Event.objects.filter(pk=old.pk).update(ends_at=timezone.now() - timedelta(days=199))
    assert [e.pk for e in selectors.feed_events(space=space)] == [recent.pk, upcoming.pk]
