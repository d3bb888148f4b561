"""The spaces and phases API: who reads what, who opens and runs a space, and refusals that say why."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.spaces.models import Phase, Space
from tests import factories
from tests.api.api_client import assert_error, count_queries

pytestmark = pytest.mark.django_db


def _when(days: float) -> str:
    return (timezone.now() + timedelta(days=days)).isoformat()


def _phase_body(**fields) -> dict:
    return {
        "title": "Vote for the best ideas",
        "description": "Two weeks to vote.",
        "starts_at": _when(1),
        "ends_at": _when(15),
        "activities": ["support"],
        **fields,
    }


@pytest.fixture
def private_space(organisation):
    return factories.open_space(organisation, visibility="private", title="Staff only")


# --- Reading ------------------------------------------------------------------------------------


def test_visitor_lists_public_spaces_with_their_phases_and_what_is_open(visitor, space):
    response = visitor.get("/spaces")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    [listed] = body["items"]
    assert listed["slug"] == space.slug
    assert listed["organisations"] == [space.organisations.get().name]
    assert listed["open_activities"] == ["comment", "submit_idea", "support"]
    assert [p["state"] for p in listed["phases"]] == ["open"]


def test_private_space_is_left_out_of_the_list_for_visitors_and_outsiders(
    visitor, api_as, participant, space, private_space
):
    for caller in (visitor, api_as(participant)):
        slugs = [s["slug"] for s in caller.get("/spaces").json()["items"]]
        assert slugs == [space.slug]


def test_private_space_is_not_found_for_outsiders(visitor, api_as, participant, private_space):
    assert_error(visitor.get(f"/spaces/{private_space.slug}"), 404)
    assert_error(api_as(participant).get(f"/spaces/{private_space.slug}"), 404)
    assert_error(api_as(participant).get(f"/spaces/{private_space.slug}/phases"), 404)


def test_private_space_is_readable_by_its_organisation(api_as, organiser, private_space):
    caller = api_as(organiser)
    assert caller.get(f"/spaces/{private_space.slug}").json()["visibility"] == "private"
    assert private_space.slug in [s["slug"] for s in caller.get("/spaces").json()["items"]]


def test_spaces_can_be_filtered_by_kind(visitor, space):
    budget = factories.open_space(kind="budget")
    assert [s["slug"] for s in visitor.get("/spaces", {"kind": "budget"}).json()["items"]] == [budget.slug]
    assert_error(visitor.get("/spaces", {"kind": "party"}), 422, field="kind")


def test_spaces_list_is_paginated(visitor):
    for _ in range(5):
        factories.open_space()
    body = visitor.get("/spaces", {"page_size": 2, "page": 3}).json()
    assert (body["count"], body["pages"], body["page"], len(body["items"])) == (5, 3, 3, 1)


def test_unknown_space_is_not_found(visitor):
    assert_error(visitor.get("/spaces/no-such-space"), 404, detail="Not found.")


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "api-key"])
def test_spaces_list_runs_a_constant_number_of_queries(visitor, api_as, person, signed_in):
    caller = api_as(person) if signed_in else visitor
    factories.open_space()
    caller.get("/spaces")  # warm-up: the key's last use is recorded once
    small = count_queries(lambda: caller.get("/spaces"))
    for _ in range(12):
        space = factories.open_space()
        factories.PhaseFactory(
            space=space,
            title="Vote",
            starts_at=timezone.now() + timedelta(days=40),
            ends_at=timezone.now() + timedelta(days=50),
            activities=["support"],
        )
    large = count_queries(lambda: caller.get("/spaces", {"page_size": 50}))
    assert small == large, f"{small} queries for 1 space, {large} for 13"


def test_phases_list_runs_a_constant_number_of_queries(visitor, space):
    url = f"/spaces/{space.slug}/phases"
    visitor.get(url)
    small = count_queries(lambda: visitor.get(url))
    for n in range(10):
        factories.PhaseFactory(space=space, title=f"Round {n}")
    assert count_queries(lambda: visitor.get(url)) == small


# --- Opening and changing a space ---------------------------------------------------------------


def test_organisation_staff_open_a_space(api_as, organiser, organisation):
    response = api_as(organiser).post(
        "/spaces",
        {
            "title": "Safer streets",
            "summary": "How can we make our streets safer?",
            "kind": "challenge",
            "question": "What would make you walk more?",
            "organisations": [organisation.slug],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "safer-streets" and body["organisations"] == [organisation.name]
    assert body["phases"] == [] and body["open_activities"] == []
    space = Space.objects.get(slug="safer-streets")
    assert space.created_by == organiser and list(space.organisations.all()) == [organisation]


def test_space_is_run_by_its_organisations_in_the_order_given(api_as, organiser, organisation):
    partner = factories.OrganisationFactory()
    response = api_as(organiser).post(
        "/spaces",
        {
            "title": "Together",
            "summary": "Run by two.",
            "organisations": [organisation.slug, partner.slug],
        },
    )
    assert response.status_code == 201, response.content
    assert set(response.json()["organisations"]) == {organisation.name, partner.name}


def test_participant_cannot_open_a_space_and_is_told_why(api_as, participant, organisation):
    response = api_as(participant).post(
        "/spaces",
        {
            "title": "Mine",
            "summary": "My own space.",
            "organisations": [organisation.slug],
        },
    )
    assert_error(response, 403, detail="Only staff and administrators of the organisation can open a space")
    assert not Space.objects.exists()


def test_staff_cannot_open_a_space_for_another_organisation(api_as, organiser):
    elsewhere = factories.OrganisationFactory()
    response = api_as(organiser).post("/spaces", {"title": "Theirs", "summary": "x", "organisations": [elsewhere.slug]})
    assert_error(response, 403)
    assert not Space.objects.exists()


def test_unknown_organisation_is_refused_with_the_field(api_as, organiser, organisation):
    response = api_as(organiser).post(
        "/spaces",
        {
            "title": "Safer streets",
            "summary": "Streets.",
            "organisations": [organisation.slug, "no-such-council"],
        },
    )
    assert_error(response, 422, field="organisations", detail="Unknown organisation")
    assert not Space.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "   "}, "title"),
        ({"summary": ""}, "summary"),
        ({"kind": "party"}, "kind"),
        ({"visibility": "secret"}, "visibility"),
        ({"organisations": []}, "organisations"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_invalid_space_is_refused_with_the_field(api_as, organiser, organisation, change, field):
    body = {"title": "Safer streets", "summary": "Streets.", "organisations": [organisation.slug], **change}
    assert_error(api_as(organiser).post("/spaces", body), 422, field=field)
    assert not Space.objects.exists()


def test_visitor_cannot_open_a_space(visitor, organisation):
    response = visitor.post("/spaces", {"title": "Mine", "summary": "x", "organisations": [organisation.slug]})
    assert_error(response, 401, detail="Sign in, or send an API key")


def test_organiser_changes_only_what_is_sent(api_as, organiser, space):
    response = api_as(organiser).patch(f"/spaces/{space.slug}", {"title": "Cleaner streets", "question": "How?"})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Cleaner streets"
    space.refresh_from_db()
    assert (space.title, space.question, space.summary) == ("Cleaner streets", "How?", "A question to the public.")


def test_participant_cannot_change_a_space(api_as, participant, space):
    response = api_as(participant).patch(f"/spaces/{space.slug}", {"title": "Hijacked"})
    assert_error(response, 403, detail="Only the organisers of this space can change it.")
    space.refresh_from_db()
    assert space.title != "Hijacked"


def test_invalid_change_to_a_space_changes_nothing(api_as, organiser, space):
    title = space.title
    caller = api_as(organiser)
    assert_error(caller.patch(f"/spaces/{space.slug}", {"title": " ", "summary": "New summary"}), 422, field="title")
    assert_error(caller.patch(f"/spaces/{space.slug}", {"visibility": "secret"}), 422, field="visibility")
    space.refresh_from_db()
    assert (space.title, space.summary, space.visibility) == (title, "A question to the public.", "public")


def test_outsider_cannot_change_a_private_space_or_learn_it_exists(api_as, participant, private_space):
    assert_error(api_as(participant).patch(f"/spaces/{private_space.slug}", {"title": "Found you"}), 404)


# --- Phases -------------------------------------------------------------------------------------


def test_phases_are_listed_in_order_with_their_state(visitor, space):
    factories.PhaseFactory(
        space=space,
        title="Vote",
        starts_at=timezone.now() + timedelta(days=40),
        ends_at=timezone.now() + timedelta(days=50),
        activities=["support"],
    )
    factories.PhaseFactory(
        space=space,
        title="Warm-up",
        starts_at=timezone.now() - timedelta(days=20),
        ends_at=timezone.now() - timedelta(days=10),
        activities=[],
    )
    phases = visitor.get(f"/spaces/{space.slug}/phases").json()
    assert [(p["title"], p["state"]) for p in phases] == [
        ("Warm-up", "closed"),
        ("Share your ideas", "open"),
        ("Vote", "upcoming"),
    ]


def test_organiser_adds_a_phase(api_as, organiser, space):
    response = api_as(organiser).post(f"/spaces/{space.slug}/phases", _phase_body())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "upcoming" and body["activities"] == ["support"]
    phase = Phase.objects.get(pk=body["id"])
    assert phase.space == space and phase.title == "Vote for the best ideas"


def test_phase_that_ends_before_it_starts_is_refused(api_as, organiser, space):
    response = api_as(organiser).post(
        f"/spaces/{space.slug}/phases", _phase_body(starts_at=_when(10), ends_at=_when(2))
    )
    assert_error(response, 422, field="ends_at", detail="The phase must end after it starts.")
    assert space.phases.count() == 1


def test_phase_with_an_unknown_activity_is_refused(api_as, organiser, space):
    response = api_as(organiser).post(f"/spaces/{space.slug}/phases", _phase_body(activities=["support", "dance"]))
    assert_error(response, 422, field="activities", detail="Unknown activities: dance.")
    assert space.phases.count() == 1


def test_phase_dates_without_a_time_zone_are_refused(api_as, organiser, space):
    response = api_as(organiser).post(
        f"/spaces/{space.slug}/phases", _phase_body(starts_at="2030-05-03T09:00:00", ends_at="2030-05-10T09:00:00Z")
    )
    assert_error(response, 422, field="starts_at", detail="time zone")
    assert space.phases.count() == 1


def test_phase_with_a_date_that_is_not_a_date_is_refused(api_as, organiser, space):
    response = api_as(organiser).post(f"/spaces/{space.slug}/phases", _phase_body(ends_at="next Tuesday"))
    assert_error(response, 422, field="ends_at", detail="Enter a date and time")


def test_participant_cannot_add_a_phase(api_as, participant, space):
    response = api_as(participant).post(f"/spaces/{space.slug}/phases", _phase_body())
    assert_error(response, 403, detail="Only the organisers of this space can change it.")
    assert space.phases.count() == 1


def test_organiser_changes_a_phase(api_as, organiser, space):
    phase = space.phases.get()
    body = _phase_body(
        title="Share and comment", starts_at=_when(-2), ends_at=_when(3), activities=["submit_idea", "comment"]
    )
    response = api_as(organiser).put(f"/phases/{phase.pk}", body)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "open"
    phase.refresh_from_db()
    assert (phase.title, phase.activities) == ("Share and comment", ["submit_idea", "comment"])


def test_invalid_phase_change_changes_nothing(api_as, organiser, space):
    phase = space.phases.get()
    before = (phase.title, phase.starts_at, phase.ends_at, phase.activities)
    caller = api_as(organiser)
    same_time = _when(5)
    assert_error(
        caller.put(f"/phases/{phase.pk}", _phase_body(starts_at=same_time, ends_at=same_time)), 422, field="ends_at"
    )
    assert_error(caller.put(f"/phases/{phase.pk}", _phase_body(activities=["vote_twice"])), 422, field="activities")
    phase.refresh_from_db()
    assert (phase.title, phase.starts_at, phase.ends_at, phase.activities) == before


def test_organiser_deletes_a_phase(api_as, organiser, space):
    phase = space.phases.get()
    response = api_as(organiser).delete(f"/phases/{phase.pk}")
    assert response.status_code == 204
    assert not Phase.objects.filter(pk=phase.pk).exists()


def test_participant_cannot_delete_a_phase(api_as, participant, space):
    phase = space.phases.get()
    assert_error(api_as(participant).delete(f"/phases/{phase.pk}"), 403)
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_phase_of_a_private_space_is_not_found_for_outsiders(api_as, participant, private_space):
    phase = private_space.phases.get()
    assert_error(api_as(participant).put(f"/phases/{phase.pk}", _phase_body()), 404)
    assert_error(api_as(participant).delete(f"/phases/{phase.pk}"), 404)


def test_unknown_phase_is_not_found(api_as, organiser):
    assert_error(api_as(organiser).delete("/phases/999999"), 404)
