"""Open data for questions to officials: a dialogue space's public questions and their answers, as
CSV and JSON, with nothing that identifies a person and without hidden questions; the reads run
one query whatever the number of questions; the space page offers these files, not the ideas'."""

import csv
import io
import json

import pytest
from django.urls import reverse

from cocreate.dialogue.exports.questions import QUESTION_COLUMNS, question_rows
from cocreate.dialogue.models import QuestionStatus
from cocreate.dialogue.services.questions import question_answer, question_ask, question_decline
from cocreate.spaces.models import Origin
from cocreate.spaces.services import contribution_hide
from tests import factories
from tests.dialogue.questions_factories import ask, dialogue_space, selected, supported

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example.org/answers/road-to-cangucu"
TRANSCRIPT = "Good evening. The paving of the road to Canguçu starts in March."


@pytest.fixture
def setup():
    return dialogue_space()


@pytest.fixture
def asked(setup):
    """An answered question (video, transcript, measure, linked space), a declined one, one
    entered for someone at an event, one hidden by a moderator; and the people involved."""
    space, staff = setup
    asker = factories.PersonFactory(display_name="Ana Souza")
    answered = supported(ask(space, person=asker, title="Will the road to Canguçu be paved?", details="Since 2019"), 2)
    (answered,) = selected(space, staff, answered)
    linked = factories.open_space(title="Roads we pave next")
    question_answer(
        person=staff,
        question=answered,
        body="Yes: the paving starts in March and ends before winter.",
        video_url=VIDEO,
        transcript=TRANSCRIPT,
        measure_title="Road paving plan 2025",
        measure_url="https://roads.example.org/plan-2025",
        linked_space=linked,
    )
    declined = ask(space, title="Why does the governor live in the palace?")
    question_decline(person=staff, question=declined, reason="Not a question about public services.")
    on_behalf = question_ask(
        person=staff,
        space=space,
        title="When will the clinic in Pelotas open on Saturdays?",
        origin=Origin.EVENT,
        on_behalf_of_name="Maria Pereira",
        event_name="Pelotas meeting, 3 May",
    )
    hidden = ask(space, title="My neighbour's phone number is 0712345678, call him")
    moderator = factories.PersonFactory()
    factories.MembershipFactory(person=moderator, organisation=space.organisations.first(), role="moderator")
    hidden.space = space
    contribution_hide(person=moderator, content=hidden, reason="Personal data")
    return {
        "space": space,
        "staff": staff,
        "asker": asker,
        "moderator": moderator,
        "answered": answered,
        "linked": linked,
        "declined": declined,
        "on_behalf": on_behalf,
        "hidden": hidden,
    }


def export_url(space, fmt):
    return reverse("dialogue:question_export", args=[space.slug, fmt])


def download(client, space, fmt) -> str:
    response = client.get(export_url(space, fmt))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def as_json(client, space) -> dict[int, dict]:
    return {row["id"]: row for row in json.loads(download(client, space, "json"))}


def test_an_answered_question_comes_with_its_answer_video_transcript_and_links(client, asked):
    row = as_json(client, asked["space"])[asked["answered"].pk]
    assert row["title"] == "Will the road to Canguçu be paved?" and row["details"] == "Since 2019"
    assert row["status"] == "answered" and row["supports"] == 2 and row["origin"] == "online" and row["event"] == ""
    assert row["answer"] == "Yes: the paving starts in March and ends before winter."
    assert row["video_address"] == VIDEO and row["transcript"] == TRANSCRIPT
    assert row["measure"] == "Road paving plan 2025" and row["measure_address"] == "https://roads.example.org/plan-2025"
    assert row["linked_space_address"] == f"http://testserver{asked['linked'].get_absolute_url()}"
    answered = asked["answered"]
    answered.refresh_from_db()
    assert row["asked"] == answered.created_at.isoformat()
    assert row["selected"] == answered.selected_at.isoformat() and row["answered"] == answered.answered_at.isoformat()
    assert row["declined"] is None and row["decline_reason"] == ""


def test_an_answer_linked_to_a_private_space_does_not_give_its_address(client, asked):
    asked["linked"].visibility = "private"
    asked["linked"].save(update_fields=["visibility"])
    row = as_json(client, asked["space"])[asked["answered"].pk]
    assert row["linked_space_address"] == "" and row["measure"] == "Road paving plan 2025"


def test_a_declined_question_comes_with_its_reason_and_no_answer(client, asked):
    row = as_json(client, asked["space"])[asked["declined"].pk]
    assert row["status"] == "declined" and row["decline_reason"] == "Not a question about public services."
    assert row["declined"] is not None and row["answered"] is None
    assert row["answer"] == row["video_address"] == row["transcript"] == row["linked_space_address"] == ""


def test_a_question_entered_for_someone_shows_the_event_but_no_name(client, asked):
    rows = as_json(client, asked["space"])
    row = rows[asked["on_behalf"].pk]
    assert row["origin"] == "event" and row["event"] == "Pelotas meeting, 3 May"
    everything = json.dumps(rows, ensure_ascii=False) + download(client, asked["space"], "csv")
    for person in (asked["on_behalf"].asker, asked["asker"], asked["staff"], asked["moderator"]):
        assert person.display_name not in everything
        assert not person.email or person.email not in everything
    assert "Maria Pereira" not in everything and "Ana Souza" not in everything
    assert not {"asker", "asked_by", "entered_by", "answered_by", "declined_by"} & set(row)


def test_a_hidden_question_is_left_out_as_on_the_public_list(client, asked):
    rows = as_json(client, asked["space"])
    assert asked["hidden"].pk not in rows and "0712345678" not in download(client, asked["space"], "csv")
    assert sorted(rows) == sorted(q.pk for q in (asked["answered"], asked["declined"], asked["on_behalf"]))


def test_the_csv_starts_with_a_byte_order_mark_and_the_header(client, asked):
    text = download(client, asked["space"], "csv")
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert reader.fieldnames == QUESTION_COLUMNS
    rows = {int(row["id"]): row for row in reader}
    answered = rows[asked["answered"].pk]
    assert answered["transcript"] == TRANSCRIPT and answered["declined"] == ""
    assert rows[asked["declined"].pk]["decline_reason"] == "Not a question about public services."


def test_the_files_are_named_after_the_space(client, asked):
    space = asked["space"]
    csv_response = client.get(export_url(space, "csv"))
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == f'attachment; filename="{space.slug}-questions.csv"'
    json_response = client.get(export_url(space, "json"))
    assert json_response["Content-Type"] == "application/json; charset=utf-8"
    assert json_response["Content-Disposition"] == f'attachment; filename="{space.slug}-questions.json"'


def test_the_json_is_a_list_of_objects_with_every_column(client, asked):
    data = json.loads(download(client, asked["space"], "json"))
    assert isinstance(data, list) and len(data) == 3
    assert all(list(row) == QUESTION_COLUMNS for row in data)
    assert [row["id"] for row in data] == sorted(row["id"] for row in data)


def test_reading_the_rows_runs_one_query_at_3_and_at_12_questions(asked, django_assert_num_queries):
    space, staff = asked["space"], asked["staff"]
    with django_assert_num_queries(1):
        assert len(list(question_rows(space, full_address=str))) == 3
    for i in range(9):
        question = ask(space)
        if i % 3 == 0:
            (question,) = selected(space, staff, question)
            question_answer(
                person=staff,
                question=question,
                body="The officials answer this in some detail.",
                video_url=VIDEO,
                transcript=TRANSCRIPT,
                linked_space=factories.open_space(),
            )
        elif i % 3 == 1:
            question_decline(person=staff, question=question, reason="Decided by the city council, not the state.")
    with django_assert_num_queries(1):
        rows = list(question_rows(space, full_address=str))
    assert len(rows) == 12
    assert sum(row["status"] == QuestionStatus.ANSWERED for row in rows) == 4
    assert sum(row["linked_space_address"] != "" for row in rows) == 4


def test_a_private_space_is_not_open_data_for_a_visitor(client):
    space, staff = dialogue_space(visibility="private")
    ask(space, person=staff, title="Will the budget for schools grow next year?")
    assert client.get(export_url(space, "csv")).status_code == 404
    assert client.get(export_url(space, "json")).status_code == 404
    client.force_login(staff)
    assert "Will the budget for schools grow next year?" in download(client, space, "json")


def test_unknown_formats_and_spaces_without_questions_are_not_found(client, setup):
    space, _staff = setup
    assert client.get(reverse("dialogue:question_export", args=[space.slug, "xlsx"])).status_code == 404
    ideas_space = factories.open_space()
    assert client.get(export_url(ideas_space, "csv")).status_code == 404
    assert client.get(export_url(ideas_space, "json")).status_code == 404


def test_the_space_page_offers_the_questions_files_not_the_ideas_files(client, setup):
    space, _staff = setup
    page = client.get(space.get_absolute_url()).content.decode()
    assert "Questions and answers:" in page
    assert export_url(space, "csv") in page and export_url(space, "json") in page
    assert reverse("ideas:export", args=[space.slug, "ideas", "csv"]) not in page
    assert reverse("ideas:export", args=[space.slug, "comments", "json"]) not in page


def test_an_ideas_space_page_still_offers_the_ideas_and_comments_files(client):
    space = factories.open_space()
    page = client.get(space.get_absolute_url()).content.decode()
    assert reverse("ideas:export", args=[space.slug, "ideas", "csv"]) in page
    assert reverse("ideas:export", args=[space.slug, "comments", "json"]) in page
    assert "Questions and answers:" not in page
