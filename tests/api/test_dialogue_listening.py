"""The listening API: sources, signals (paginated, filtered), emerging issues and turning one
into a question or a challenge; refusals with the reason, bad input with the field."""

import pytest

from cocreate.dialogue.models import EmergingIssue, IssueStatus, ListeningSource, Question
from tests.api.api_client import assert_error
from tests.dialogue.listening_factories import space_with_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def listening(tmp_path):
    return space_with_issue(tmp_path)


def test_staff_read_signals_page_by_page_with_filters(api_as, listening):
    space, staff, _org, _issue = listening
    api = api_as(staff)
    body = api.get(f"/spaces/{space.slug}/listening/signals", {"page_size": 5}).json()
    assert body["count"] > 40 and len(body["items"]) == 5
    snow = api.get(
        f"/spaces/{space.slug}/listening/signals", {"category": "Snow", "since": "2024-02-15", "until": "2024-02-15"}
    ).json()
    assert snow["count"] == 13
    assert {s["category"] for s in snow["items"]} == {"Snow"}


def test_staff_read_the_issues_and_sources(api_as, listening):
    space, staff, _org, issue = listening
    api = api_as(staff)
    issues = api.get(f"/spaces/{space.slug}/listening/issues").json()
    (read,) = [i for i in issues if i["area"] == ""]
    (in_canton,) = [i for i in issues if i["area"] != ""]
    assert read["id"] == issue.pk and read["category"] == "Snow" and read["status"] == "new"
    assert read["days_per_period"] == 1 and read["observed"] >= 12
    assert (in_canton["category"], in_canton["area"]) == ("Snow", "Canton")
    (source,) = api.get(f"/spaces/{space.slug}/listening/sources").json()
    assert source["kind"] == "file" and source["signals_count"] > 40


def test_others_are_refused_with_the_reason(api_as, participant, visitor, listening):
    space, _staff, _org, issue = listening
    assert_error(
        api_as(participant).get(f"/spaces/{space.slug}/listening/issues"), 403, detail="Only the space's organisers"
    )
    assert visitor.get(f"/spaces/{space.slug}/listening/signals").status_code == 401


def test_staff_add_a_feed_and_a_bad_address_names_its_field(api_as, listening):
    space, staff, _org, _issue = listening
    api = api_as(staff)
    created = api.post(
        f"/spaces/{space.slug}/listening/sources", {"name": "City news", "feed_url": "https://example.org/rss"}
    )
    assert created.status_code == 201 and created.json()["kind"] == "feed"
    assert_error(
        api.post(f"/spaces/{space.slug}/listening/sources", {"name": "Bad", "feed_url": "ftp://x"}),
        422,
        field="feed_url",
    )
    assert ListeningSource.objects.filter(space=space, kind="feed").count() == 1


def test_staff_watch_then_turn_an_issue_into_a_question(api_as, listening):
    space, staff, _org, issue = listening
    api = api_as(staff)
    watched = api.post(f"/spaces/{space.slug}/listening/issues/{issue.pk}/status", {"status": "watching"})
    assert watched.json()["status"] == "watching"
    assert_error(
        api.post(f"/spaces/{space.slug}/listening/issues/{issue.pk}/status", {"status": "question"}),
        422,
        field="status",
    )
    created = api.post(
        f"/spaces/{space.slug}/listening/issues/{issue.pk}/question",
        {"dialogue_space": space.slug, "title": "What will you do about the snow?"},
    )
    assert created.status_code == 201, created.content
    question = Question.objects.get()
    assert created.json()["id"] == question.pk and created.json()["space"] == space.slug
    assert EmergingIssue.objects.get(pk=issue.pk).status == IssueStatus.QUESTION
    again = api.post(
        f"/spaces/{space.slug}/listening/issues/{issue.pk}/question",
        {"dialogue_space": space.slug, "title": "And again?"},
    )
    assert_error(again, 422)


def test_a_missing_dialogue_space_names_its_field(api_as, listening):
    space, staff, _org, issue = listening
    response = api_as(staff).post(
        f"/spaces/{space.slug}/listening/issues/{issue.pk}/question",
        {"dialogue_space": "nowhere", "title": "What about the snow?"},
    )
    assert_error(response, 422, field="dialogue_space")
    assert not Question.objects.exists()


def test_staff_turn_an_issue_into_a_challenge(api_as, listening):
    space, staff, organisation, issue = listening
    created = api_as(staff).post(
        f"/spaces/{space.slug}/listening/issues/{issue.pk}/challenge",
        {
            "organisation": organisation.slug,
            "template": "hackathon",
            "title": "Snow data hack day",
            "starts_at": "2026-05-04T09:00:00Z",
        },
    )
    assert created.status_code == 201, created.content
    issue.refresh_from_db()
    assert created.json()["slug"] == issue.challenge_space.slug


def test_an_unknown_issue_is_not_found(api_as, listening):
    space, staff, _org, _issue = listening
    assert (
        api_as(staff).post(f"/spaces/{space.slug}/listening/issues/999999/status", {"status": "watching"}).status_code
        == 404
    )
