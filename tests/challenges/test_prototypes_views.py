"""The prototype pages: the list (stage filter, constant queries), a prototype's page with its
stage history, ideas, versions, sessions and the summary table; submitting, changing, gate
decisions with the evidence message; the test session with its plain feedback form; paper
feedback; and the feedback page with comments for the team and organisers only."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cocreate.challenges.models import Feedback, GateDecision, Prototype, PrototypeVersion, Stage
from cocreate.challenges.services import prototypes as services
from tests.challenges.prototypes_factories import lab, make_team, open_session
from tests.factories import IdeaFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, the, *args):
    return reverse(f"challenges:prototypes_{name}", args=[the.space.slug, *args])


def page(response) -> str:
    return response.content.decode()


def _more_prototypes(the, count):
    for _n in range(count):
        maker = PersonFactory()
        services.prototype_submit(
            person=maker,
            space=the.space,
            title=f"Prototype by {maker.pk}",
            summary="A prototype made for the list page test.",
            source_ideas=[IdeaFactory(space=the.space)],
            team=make_team(the.space, maker, name=f"Team {maker.pk}"),
        )


def test_the_list_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    the = lab()
    _more_prototypes(the, 1)
    client.get(url("list", the))  # warm the per-process memory of the space
    with django_assert_num_queries(4) as two:
        response = client.get(url("list", the))
    assert page(response).count('class="card"') == 2
    _more_prototypes(the, 8)
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(url("list", the))
    assert page(response).count('class="card"') == 10


def test_the_list_filters_by_stage(client):
    the = lab()
    _more_prototypes(the, 1)
    services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.PILOT, evidence="x" * 30)
    body = page(client.get(url("list", the) + "?stage=pilot"))
    assert "Bulky waste by text" in body and "Prototype by" not in body


def test_prototype_page_shows_stage_history_ideas_versions_and_summary(client):
    the = lab()
    services.gate_decide(
        person=the.staff,
        prototype=the.prototype,
        to_stage=Stage.TESTED,
        evidence="Twelve people tested it at Ramsgate library.",
    )
    session = open_session(the)
    services.feedback_give(
        person=the.supporter,
        session=session,
        tasks_done=[True, True, False],
        ease=4,
        would_use="yes",
        comments="Loved it",
    )
    body = page(client.get(the.prototype.get_absolute_url()))
    assert "Twelve people tested it at Ramsgate library." in body
    assert "From “Concept” to “Tested with the public”" in body
    assert the.idea.title in body and the.idea.get_absolute_url() in body
    assert "Version 1" in body and session.title in body
    assert '<table class="table">' in body and "Find the booking page" in body
    assert "Loved it" not in body  # comments are for the team


def test_submitting_a_prototype_through_the_form(client):
    the = lab()
    client.force_login(the.maker)
    response = client.get(url("new", the))
    assert the.idea.title in page(response) and "Green Bins" in page(response)
    response = client.post(
        url("new", the),
        {
            "title": "Bin day reminders",
            "summary": "A text the evening before bin day, for people who forget.",
            "source_ideas": [the.idea.pk],
            "team": the.team.pk,
            "origin": "online",
        },
    )
    prototype = Prototype.objects.get(title="Bin day reminders")
    assert response.status_code == 302 and response.url == prototype.get_absolute_url()
    assert list(prototype.source_ideas.all()) == [the.idea]


def test_submit_form_shows_the_services_messages(client):
    the = lab()
    client.force_login(the.maker)
    response = client.post(url("new", the), {"title": "Bin", "summary": "Too short", "origin": "event"})
    body = page(response)
    assert response.status_code == 200 and "There is a problem" in body
    assert "Name the event where it was made" in body


def test_visitor_is_sent_to_sign_in_to_submit(client):
    the = lab()
    response = client.get(url("new", the))
    assert response.status_code == 302 and "login" in response.url


def test_editing_and_adding_a_version(client):
    the = lab()
    client.force_login(the.maker)
    response = client.post(url("edit", the, the.prototype.pk), {"title": "Bins by text", "summary": "x" * 30})
    assert response.status_code == 302
    assert Prototype.objects.get(pk=the.prototype.pk).title == "Bins by text"
    response = client.post(url("version_new", the, the.prototype.pk), {"notes": "Bigger buttons.", "link": ""})
    assert response.status_code == 302
    assert PrototypeVersion.objects.filter(prototype=the.prototype).count() == 2


def test_someone_else_cannot_open_the_edit_form(client):
    the = lab()
    client.force_login(PersonFactory())
    response = client.get(url("edit", the, the.prototype.pk))
    assert response.status_code == 403
    assert "team and the organisers can change it." in page(response)


def test_gate_form_offers_forward_stages_and_asks_for_evidence(client):
    the = lab()
    client.force_login(the.staff)
    body = page(client.get(url("gate", the, the.prototype.pk)))
    assert 'value="pilot"' in body and 'value="retired"' in body and 'value="concept"' not in body
    response = client.post(url("gate", the, the.prototype.pk), {"to_stage": "pilot", "evidence": ""})
    assert "Record the evidence for this decision" in page(response)
    assert not GateDecision.objects.exists()
    response = client.post(
        url("gate", the, the.prototype.pk), {"to_stage": "pilot", "evidence": "The council agreed a pilot in Thanet."}
    )
    assert response.status_code == 302
    assert Prototype.objects.get(pk=the.prototype.pk).stage == Stage.PILOT


def test_running_a_test_session_through_the_form(client):
    the = lab()
    client.force_login(the.maker)
    response = client.post(
        url("session_new", the, the.prototype.pk),
        {
            "title": "Testing at the library",
            "version": the.prototype.versions.get().pk,
            "tasks": "Find the page\nBook a collection",
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T16:00",
        },
    )
    assert response.status_code == 302
    session = the.prototype.test_sessions.get()
    assert session.tasks == ["Find the page", "Book a collection"]
    assert session.invitations.count() == 2


def test_invited_tester_gives_feedback_without_javascript(client):
    the = lab()
    session = open_session(the)
    client.force_login(the.supporter)
    body = page(client.get(session.get_absolute_url()))
    assert 'type="radio"' in body and "very hard" in body and "very easy" in body
    assert 'type="checkbox"' in body and "Book a collection" in body
    response = client.post(
        session.get_absolute_url(), {"tasks_done": ["0", "2"], "ease": "4", "would_use": "yes", "comments": "Nice"}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.tasks_done, feedback.ease, feedback.comments) == ([True, False, True], 4, "Nice")
    assert "You have given your feedback" in page(client.get(session.get_absolute_url()))


def test_feedback_form_errors_are_shown(client):
    the = lab()
    session = open_session(the)
    client.force_login(the.supporter)
    body = page(client.post(session.get_absolute_url(), {"tasks_done": ["0"]}))
    assert "There is a problem" in body
    assert not Feedback.objects.exists()


def test_uninvited_person_sees_until_when_the_session_is_for_invited_people(client):
    the = lab()
    session = open_session(the, open_to_everyone_in=timedelta(days=3))
    client.force_login(PersonFactory())
    body = page(client.get(session.get_absolute_url()))
    assert "This test session is open to invited people until" in body
    response = client.post(session.get_absolute_url(), {"ease": "3", "would_use": "no"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_team_types_in_paper_feedback(client):
    the = lab()
    session = open_session(the)
    client.force_login(the.maker)
    response = client.post(
        url("paper", the, session.pk), {"tester_name": "Mr Jones", "tasks_done": ["1"], "ease": "2", "would_use": "no"}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.entered_by == the.maker and feedback.person.display_name == "Mr Jones"


def test_invite_page_lists_invitations_and_invites_more(client):
    the = lab()
    session = open_session(the)
    PersonFactory(email="friend@example.org")
    client.force_login(the.maker)
    body = page(client.get(url("invite", the, session.pk)))
    assert "Author of a source idea" in body and "Supporter of a source idea" in body
    response = client.post(url("invite", the, session.pk), {"invite_emails": "friend@example.org"})
    assert response.status_code == 302
    assert session.invitations.count() == 3


def test_feedback_page_with_comments_is_for_the_team_and_organisers(client):
    the = lab()
    session = open_session(the)
    services.feedback_give(
        person=the.supporter, session=session, tasks_done=[True] * 3, ease=5, would_use="yes", comments="Loved it"
    )
    client.force_login(the.maker)
    assert "Loved it" in page(client.get(url("feedback", the, the.prototype.pk)))
    client.force_login(the.staff)
    assert "Loved it" in page(client.get(url("feedback", the, the.prototype.pk)))
    client.force_login(the.supporter)
    assert client.get(url("feedback", the, the.prototype.pk)).status_code == 403


def test_hidden_prototype_is_not_found_for_visitors(client):
    the = lab()
    Prototype.objects.filter(pk=the.prototype.pk).update(hidden_at="2030-01-01T00:00Z")
    assert client.get(the.prototype.get_absolute_url()).status_code == 404


def test_a_version_file_is_downloaded_only_by_those_who_may_see_the_prototype(client):
    the = lab()
    version = services.version_add(
        person=the.maker,
        prototype=Prototype.objects.get(pk=the.prototype.pk),
        notes="Now with a printable leaflet.",
        file=SimpleUploadedFile("leaflet.txt", b"Book by text"),
    )
    address = url("version_file", the, the.prototype.pk, version.pk)
    assert address in page(client.get(the.prototype.get_absolute_url()))
    response = client.get(address)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Book by text"
    assert client.get(url("version_file", the, the.prototype.pk, version.pk + 1)).status_code == 404
    Prototype.objects.filter(pk=the.prototype.pk).update(hidden_at="2030-01-01T00:00Z")
    assert client.get(address).status_code == 404


def test_moderator_hides_a_prototype_through_the_moderation_pages(client):
    the = lab()
    client.force_login(the.staff)
    response = client.post(
        reverse("spaces:hide", args=[the.space.slug, "prototype", the.prototype.pk]), {"reason": "Advertising."}
    )
    assert response.status_code == 302
    assert Prototype.objects.get(pk=the.prototype.pk).is_hidden
    assert "A moderator has hidden this prototype." in page(client.get(the.prototype.get_absolute_url()))


def test_someone_can_report_a_prototype(client):
    the = lab()
    client.force_login(PersonFactory())
    response = client.get(reverse("spaces:report", args=[the.space.slug, "prototype", the.prototype.pk]))
    assert response.status_code == 200


def test_the_ideas_page_says_which_prototype_it_led_to_and_follows_changes(client):
    the = lab()
    body = page(client.get(the.idea.get_absolute_url()))
    assert "This idea led to the prototype" in body and the.prototype.get_absolute_url() in body
    services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.PILOT, evidence="x" * 30)
    assert "(stage: Pilot)" in page(client.get(the.idea.get_absolute_url()))


def test_organisers_see_what_they_can_do_on_the_prototype_page(client):
    the = lab()
    client.force_login(the.staff)
    body = page(client.get(the.prototype.get_absolute_url()))
    for link in ("Move it to another stage", "Run a test session", "Read all the feedback", "Add a version"):
        assert link in body
    client.force_login(PersonFactory())
    body = page(client.get(the.prototype.get_absolute_url()))
    assert "Move it to another stage" not in body and "Run a test session" not in body
    assert "Report this prototype" in body


def test_paper_feedback_form_speaks_of_the_tester(client):
    the = lab()
    session = open_session(the)
    client.force_login(the.staff)
    body = page(client.get(url("paper", the, session.pk)))
    assert "Which tasks did they manage to do?" in body and "very easy" in body
