"""The prototypes API: list a space's prototypes (stage filter, constant queries), read one with
its stage history and versions, and give feedback once per person in a test session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.challenges.models import Feedback, Prototype, Stage
from cocreate.challenges.services import prototypes as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.prototypes_factories import lab, make_team, open_session
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_prototypes_of_a_space_are_listed_with_their_stage_and_ideas(visitor):
    the = lab()
    listed = visitor.get(f"/spaces/{the.space.slug}/prototypes").json()
    assert listed["count"] == 1
    (item,) = listed["items"]
    assert (item["id"], item["stage"], item["team"], item["source_ideas"]) == (
        the.prototype.pk,
        "concept",
        "Green Bins",
        [the.idea.pk],
    )
    assert item["url"].endswith(the.prototype.get_absolute_url())
    assert visitor.get(f"/spaces/{the.space.slug}/prototypes", {"stage": "pilot"}).json()["count"] == 0


def test_the_list_runs_a_constant_number_of_queries(visitor):
    the = lab()
    path = f"/spaces/{the.space.slug}/prototypes"
    few = count_queries(lambda: visitor.get(path))
    for _n in range(9):
        maker = PersonFactory()
        services.prototype_submit(
            person=maker,
            space=the.space,
            title=f"Prototype by {maker.pk}",
            summary="Another prototype for the query count.",
            source_ideas=[the.idea],
            team=make_team(the.space, maker, name=f"Team {maker.pk}"),
        )
    assert count_queries(lambda: visitor.get(path)) == few


def test_one_prototype_comes_with_its_stage_history_versions_and_sessions(visitor):
    the = lab()
    services.gate_decide(
        person=the.staff, prototype=the.prototype, to_stage=Stage.TESTED, evidence="Tested with 12 people."
    )
    services.version_add(person=the.maker, prototype=the.prototype, notes="Clearer buttons.")
    session = open_session(the)
    body = visitor.get(f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}").json()
    assert body["stage"] == "tested"
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["gate_decisions"][0]["evidence"] == "Tested with 12 people."
    assert body["test_sessions"][0]["id"] == session.pk and body["test_sessions"][0]["version"] == 2


def test_unknown_prototype_is_not_found(visitor):
    the = lab()
    assert visitor.get(f"/spaces/{the.space.slug}/prototypes/999999").status_code == 404


def test_invited_tester_gives_feedback_once(api_as):
    the = lab()
    session = open_session(the)
    tester = api_as(the.supporter)
    path = f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback"
    body = {"tasks_done": [True, False, True], "ease": 4, "would_use": "maybe", "comments": "Good start"}
    created = tester.post(path, body)
    assert created.status_code == 201, created.content
    assert created.json()["tasks_done"] == [True, False, True]
    assert_error(tester.post(path, body), 403, detail="already given feedback")
    assert Feedback.objects.count() == 1


def test_feedback_with_the_wrong_number_of_tasks_names_the_field(api_as):
    the = lab()
    session = open_session(the)
    response = api_as(the.supporter).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback",
        {"tasks_done": [True], "ease": 4, "would_use": "yes"},
    )
    assert_error(response, 422, field="tasks_done", detail="each of the 3 tasks")


def test_uninvited_person_is_told_until_when_the_session_is_for_invited_people(api_as):
    the = lab()
    session = open_session(the, open_to_everyone_in=timedelta(days=2))
    response = api_as(PersonFactory()).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback",
        {"tasks_done": [True] * 3, "ease": 4, "would_use": "yes"},
    )
    assert_error(response, 403, detail="This test session is open to invited people until")


def test_visitors_must_sign_in_to_give_feedback(visitor):
    the = lab()
    session = open_session(the)
    response = visitor.post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/feedback",
        {"tasks_done": [True] * 3, "ease": 4, "would_use": "yes"},
    )
    assert response.status_code == 401


# --- Writes ----------------------------------------------------------------------------------


def _in(days=0, hours=0):
    return (timezone.now() + timedelta(days=days, hours=hours)).isoformat()


def test_a_team_member_submits_a_prototype_for_the_team(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes",
        {
            "title": "Bulky waste by app",
            "summary": "An app to book a bulky waste collection in two taps.",
            "source_ideas": [the.idea.pk],
            "team": the.team.pk,
            "link": "https://example.org/app",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["team"], body["source_ideas"], body["stage"]) == (
        "Bulky waste by app",
        "Green Bins",
        [the.idea.pk],
        "concept",
    )
    assert Prototype.objects.get(pk=body["id"]).versions.get().link == "https://example.org/app"


def test_submitting_for_a_team_one_is_not_in_is_refused_with_the_reason(api_as):
    the = lab()
    response = api_as(PersonFactory()).post(
        f"/spaces/{the.space.slug}/prototypes",
        {"title": "Bulky waste by app", "summary": "An app to book a bulky waste collection.", "team": the.team.pk},
    )
    assert_error(response, 403, detail="Only members of “Green Bins”")


def test_a_prototype_with_a_short_summary_names_the_field(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes", {"title": "Bulky waste by app", "summary": "Short."}
    )
    assert_error(response, 422, field="summary", detail="at least 20 characters")


def test_the_team_updates_its_prototype(api_as):
    the = lab()
    response = api_as(the.maker).patch(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}", {"title": "Bulky waste by SMS"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Bulky waste by SMS"
    the.prototype.refresh_from_db()
    assert the.prototype.summary == "A text-message service to book a bulky waste collection."


def test_someone_else_may_not_update_a_prototype(api_as):
    the = lab()
    response = api_as(PersonFactory()).patch(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}", {"title": "Taken over"}
    )
    body = assert_error(response, 403)
    the.prototype.refresh_from_db()
    assert the.prototype.title == "Bulky waste by text" and body["detail"]


def test_updating_with_a_too_short_title_names_the_field(api_as):
    the = lab()
    response = api_as(the.maker).patch(f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}", {"title": "SMS"})
    assert_error(response, 422, field="title", detail="at least 5 characters")


def test_the_team_adds_a_version_with_a_link(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/versions",
        {"notes": "Clearer buttons.", "link": "https://example.org/v2"},
    )
    assert response.status_code == 201, response.content
    assert (response.json()["number"], response.json()["link"]) == (2, "https://example.org/v2")


def test_someone_else_may_not_add_a_version(api_as):
    the = lab()
    response = api_as(PersonFactory()).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/versions", {"notes": "Clearer buttons."}
    )
    assert_error(response, 403)


def test_a_version_without_notes_names_the_field(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/versions", {"notes": "", "link": ""}
    )
    assert_error(response, 422, field="notes", detail="what changed")


def test_an_organiser_moves_a_prototype_on_evidence(api_as):
    the = lab()
    response = api_as(the.staff).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/stage",
        {"to_stage": "tested", "evidence": "Twelve residents booked a collection by text."},
    )
    assert response.status_code == 201, response.content
    assert (response.json()["from_stage"], response.json()["to_stage"]) == ("concept", "tested")
    the.prototype.refresh_from_db()
    assert the.prototype.stage == Stage.TESTED


def test_the_team_may_not_decide_its_own_gate(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/stage",
        {"to_stage": "tested", "evidence": "We are sure it works for everyone."},
    )
    assert_error(response, 403)


def test_a_gate_decision_without_evidence_names_the_field(api_as):
    the = lab()
    response = api_as(the.staff).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/stage", {"to_stage": "tested", "evidence": ""}
    )
    assert_error(response, 422, field="evidence", detail="Record the evidence")


def test_the_team_opens_a_test_session_and_the_idea_people_are_invited(api_as):
    the = lab()
    extra = PersonFactory()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/tests",
        {
            "title": "Testing at the library",
            "tasks": ["Find the booking page", "Book a collection"],
            "starts_at": _in(hours=-1),
            "ends_at": _in(days=7),
            "version": 1,
            "invite_emails": [extra.email],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["version"], body["tasks"]) == (1, ["Find the booking page", "Book a collection"])
    invited = api_as(the.maker).get(f"/spaces/{the.space.slug}/prototypes/tests/{body['id']}/invitations").json()
    assert invited["count"] == 3
    assert {row["reason"] for row in invited["items"]} == {"author", "supporter", "invited"}


def test_someone_else_may_not_open_a_test_session(api_as):
    the = lab()
    response = api_as(PersonFactory()).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/tests",
        {"title": "Testing", "tasks": ["Book"], "starts_at": _in(), "ends_at": _in(days=1)},
    )
    assert_error(response, 403)


def test_a_session_closing_before_it_opens_names_the_field(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/tests",
        {"title": "Testing", "tasks": ["Book"], "starts_at": _in(days=1), "ends_at": _in()},
    )
    assert_error(response, 422, field="ends_at", detail="close after it opens")


def test_a_session_on_an_unknown_version_names_the_field(api_as):
    the = lab()
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/tests",
        {"title": "Testing", "tasks": ["Book"], "starts_at": _in(), "ends_at": _in(days=1), "version": 9},
    )
    assert_error(response, 422, field="version")


def test_the_team_invites_more_testers_by_email(api_as):
    the = lab()
    session = open_session(the)
    newcomer = PersonFactory()
    path = f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/invitations"
    response = api_as(the.maker).post(path, {"invite_emails": [newcomer.email]})
    assert response.status_code == 201, response.content
    assert response.json() == {"invited": 1}
    assert api_as(the.maker).post(path, {"invite_emails": [newcomer.email]}).json() == {"invited": 0}


def test_someone_else_may_not_invite_testers_or_see_who_is_invited(api_as):
    the = lab()
    session = open_session(the)
    path = f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/invitations"
    outsider = api_as(PersonFactory())
    assert_error(outsider.post(path, {"invite_emails": [the.maker.email]}), 403)
    assert_error(outsider.get(path), 403)


def test_inviting_an_unknown_address_names_the_field(api_as):
    the = lab()
    session = open_session(the)
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/invitations",
        {"invite_emails": ["nobody@example.org"]},
    )
    assert_error(response, 422, field="invite_emails", detail="nobody@example.org")


def test_the_invitations_list_runs_a_constant_number_of_queries(api_as):
    the = lab()
    session = open_session(the)
    client = api_as(the.maker)
    path = f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/invitations"
    client.get(path)  # the API key's first use is recorded once
    few = count_queries(lambda: client.get(path))
    services.test_session_invite(
        person=the.maker, session=session, invite_emails=[PersonFactory().email for _n in range(8)]
    )
    assert client.get(path).json()["count"] == 10
    assert count_queries(lambda: client.get(path)) == few


def test_the_team_enters_paper_feedback(api_as):
    the = lab()
    session = open_session(the)
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/paper-feedback",
        {"tester_name": "Mrs Patel", "tasks_done": [True, True, False], "ease": 3, "would_use": "yes"},
    )
    assert response.status_code == 201, response.content
    feedback = Feedback.objects.get()
    assert feedback.entered_by == the.maker and feedback.person.display_name == "Mrs Patel"


def test_someone_else_may_not_enter_paper_feedback(api_as):
    the = lab()
    session = open_session(the)
    response = api_as(PersonFactory()).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/paper-feedback",
        {"tasks_done": [True, True, False], "ease": 3, "would_use": "yes"},
    )
    assert_error(response, 403)


def test_paper_feedback_with_an_ease_out_of_range_names_the_field(api_as):
    the = lab()
    session = open_session(the)
    response = api_as(the.maker).post(
        f"/spaces/{the.space.slug}/prototypes/tests/{session.pk}/paper-feedback",
        {"tasks_done": [True, True, False], "ease": 9, "would_use": "yes"},
    )
    assert_error(response, 422, field="ease")


def test_the_team_reads_the_feedback_per_version_with_comments(api_as):
    the = lab()
    session = open_session(the)
    services.feedback_give(
        person=the.supporter, session=session, tasks_done=[True, True, False], ease=4, would_use="yes", comments="Nice"
    )
    body = api_as(the.maker).get(f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/feedback").json()
    (version,) = body["versions"]
    assert (version["version"], version["testers"], version["would_use_counts"]["yes"]) == (1, 1, 1)
    assert version["tasks"][2] == {"task": "Cancel it", "tried": 1, "done": 0, "rate": 0.0}
    assert body["feedback"][0]["comments"] == "Nice" and body["feedback"][0]["entered_from_paper"] is False


def test_others_may_not_read_testers_comments(api_as):
    the = lab()
    response = api_as(the.supporter).get(f"/spaces/{the.space.slug}/prototypes/{the.prototype.pk}/feedback")
    assert_error(response, 403)


def test_a_prototype_runs_end_to_end_through_the_api(api_as):
    """Makers submit → the team opens a test session → testers give feedback (online and on
    paper) → the team reads the summary → the organisers move it on."""
    the = lab()
    maker, staff, tester = api_as(the.maker), api_as(the.staff), api_as(the.supporter)
    slug = the.space.slug
    created = maker.post(
        f"/spaces/{slug}/prototypes",
        {
            "title": "Bulky waste by app",
            "summary": "An app to book a bulky waste collection in two taps.",
            "source_ideas": [the.idea.pk],
            "team": the.team.pk,
        },
    ).json()
    assert (
        maker.post(f"/spaces/{slug}/prototypes/{created['id']}/versions", {"notes": "Bigger text."}).status_code == 201
    )
    session = maker.post(
        f"/spaces/{slug}/prototypes/{created['id']}/tests",
        {"title": "Library test", "tasks": ["Book"], "starts_at": _in(hours=-1), "ends_at": _in(days=3)},
    ).json()
    assert session["version"] == 2
    given = tester.post(
        f"/spaces/{slug}/prototypes/tests/{session['id']}/feedback",
        {"tasks_done": [True], "ease": 5, "would_use": "yes"},
    )
    assert given.status_code == 201, given.content
    paper = maker.post(
        f"/spaces/{slug}/prototypes/tests/{session['id']}/paper-feedback",
        {"tasks_done": [False], "ease": 2, "would_use": "maybe"},
    )
    assert paper.status_code == 201, paper.content
    summary = maker.get(f"/spaces/{slug}/prototypes/{created['id']}/feedback").json()
    assert summary["versions"][0]["testers"] == 2 and summary["versions"][0]["tasks"][0]["rate"] == 0.5
    decided = staff.post(
        f"/spaces/{slug}/prototypes/{created['id']}/stage",
        {"to_stage": "tested", "evidence": "Two residents tried it; one booked without help."},
    )
    assert decided.status_code == 201, decided.content
    assert api_as(the.idea_author).get(f"/spaces/{slug}/prototypes/{created['id']}").json()["stage"] == "tested"
