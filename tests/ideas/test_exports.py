"""Open data: a space's ideas and comments, as CSV and JSON, without personal data."""

import csv
import io
import json

import pytest
from django.urls import reverse

from cocreate.ideas import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussed(space, person, other_person, moderator):
    idea = factories.IdeaFactory(
        space=space,
        author=other_person,
        title="Benches along the promenade",
        themes=[factories.theme(space, "Getting around")],
    )
    services.comment_create(person=person, idea=idea, body="Yes, near the harbour")
    hidden = services.comment_create(person=person, idea=idea, body="My phone is 0712345678")
    hidden.space = space
    from cocreate.spaces.services import contribution_hide

    contribution_hide(person=moderator, content=hidden, reason="Personal data")
    return idea


def _get(client, space, what, fmt):
    response = client.get(reverse("ideas:export", args=[space.slug, what, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_ideas_as_csv_and_json(client, space, discussed, other_person):
    rows = list(csv.DictReader(io.StringIO(_get(client, space, "ideas", "csv").decode("utf-8-sig"))))
    assert rows[0]["title"] == "Benches along the promenade" and rows[0]["themes"] == "Getting around"
    data = json.loads(_get(client, space, "ideas", "json"))
    assert data[0]["comments"] == 1
    everything = json.dumps(data) + str(rows)
    assert other_person.email not in everything and other_person.display_name not in everything


def test_comments_leave_out_hidden_ones_and_names(client, space, discussed, person):
    data = json.loads(_get(client, space, "comments", "json"))
    assert [c["text"] for c in data] == ["Yes, near the harbour"]
    assert person.display_name not in json.dumps(data)


def test_private_space_data_is_not_open(client):
    private = factories.open_space(visibility="private")
    assert client.get(reverse("ideas:export", args=[private.slug, "ideas", "csv"])).status_code == 404


def test_unknown_export_is_not_found(client, space):
    assert client.get(reverse("ideas:export", args=[space.slug, "people", "csv"])).status_code == 404
    assert client.get(reverse("ideas:export", args=[space.slug, "ideas", "xlsx"])).status_code == 404


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_written_as_text(client, space, other_person):
    factories.IdeaFactory(space=space, author=other_person, title='=HYPERLINK("http://evil.example","Click")')
    rows = list(csv.DictReader(io.StringIO(_get(client, space, "ideas", "csv").decode("utf-8-sig"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[0]["supports"] == "0"
    assert json.loads(_get(client, space, "ideas", "json"))[0]["title"].startswith("=HYPERLINK")  # JSON as written
