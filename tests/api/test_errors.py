"""Wrong input of every kind comes back as JSON with a clear message and the field it is about,
never as a server error, and changes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.ideas.models import Comment, Idea
from tests import factories
from tests.api.api_client import assert_error

pytestmark = pytest.mark.django_db

IDEA = {"title": "Safer crossing at the school", "body": "A zebra crossing outside the primary school."}


@pytest.fixture
def caller(api_as, person):
    return api_as(person)


def _post_raw(caller, path: str, data: str, content_type: str = "application/json"):
    return caller.client.post(
        f"/api{path}", data=data, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {caller.key}"
    )


# --- Bodies that cannot be read -----------------------------------------------------------------


@pytest.mark.parametrize("data", ['{"title": "Unfinished', "{'title': 'single quotes'}", "title=Hello"])
def test_malformed_json_is_refused_with_where_it_went_wrong(caller, space, data):
    response = _post_raw(caller, f"/spaces/{space.slug}/ideas", data)
    assert_error(response, 400, detail="The request body is not valid JSON (line 1, column")
    assert not Idea.objects.exists()


@pytest.mark.parametrize("data", ["[]", '["title"]', '"a title"', "42", "null"])
def test_json_that_is_not_an_object_is_refused(caller, space, data):
    response = _post_raw(caller, f"/spaces/{space.slug}/ideas", data)
    assert_error(response, 400, detail="Send a JSON object")
    assert not Idea.objects.exists()


def test_body_that_is_not_utf8_is_refused(caller, space):
    response = caller.client.post(
        f"/api/spaces/{space.slug}/ideas",
        data=b'{"title": "\xff\xfe"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {caller.key}",
    )
    assert_error(response, 400, detail="UTF-8")


def test_missing_body_is_refused_with_what_to_send(caller, space):
    response = _post_raw(caller, f"/spaces/{space.slug}/ideas", "")
    assert_error(response, 422, detail="Send a JSON object in the request body")
    assert not Idea.objects.exists()


# --- Missing fields and wrong types -------------------------------------------------------------


def test_every_missing_field_is_named(caller, space):
    body = assert_error(
        caller.post(f"/spaces/{space.slug}/ideas", {}), 422, field="title", detail="This field is required."
    )
    assert [e["field"] for e in body["errors"]] == ["title", "body"]


def test_missing_field_called_body_is_named(caller, space):
    """A field named like the request's own body is still named, not dropped."""
    response = caller.post(f"/spaces/{space.slug}/ideas", {"title": IDEA["title"]})
    assert_error(response, 422, field="body", detail="This field is required.")


def test_missing_comment_text_is_named(caller, idea):
    assert_error(caller.post(f"/ideas/{idea.pk}/comments", {}), 422, field="body")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "detail"),
    [
        ({"title": 42}, "title", "Enter text."),
        ({"latitude": "north", "longitude": 0}, "latitude", "Enter a number."),
        ({"themes": "transport"}, "themes", "Enter a list"),
        ({"themes": ["transport"]}, "themes.0", "Enter a whole number."),
        ({"themes": [10**30]}, "themes.0", "Enter a number of at most"),
        ({"themes": [0]}, "themes.0", "Enter a number of at least 1."),
        ({"themes": list(range(1, 30))}, "themes", "This list is too long"),
        ({"body": "x" * 10001}, "body", "This is too long: write at most 10000 characters."),
        ({"co_author_emails": ["a" * 300 + "@example.org"]}, "co_author_emails.0", "This is too long"),
    ],
)
def test_wrong_type_is_refused_with_the_field(caller, space, change, field, detail):
    response = caller.post(f"/spaces/{space.slug}/ideas", {**IDEA, **change})
    assert_error(response, 422, field=field, detail=detail)
    assert not Idea.objects.exists()


def test_comment_parent_must_be_a_whole_number(caller, idea):
    assert_error(
        caller.post(f"/ideas/{idea.pk}/comments", {"body": "Hello", "parent": "first"}),
        422,
        field="parent",
        detail="Enter a whole number.",
    )
    assert_error(caller.post(f"/ideas/{idea.pk}/comments", {"body": "Hello", "parent": 10**20}), 422, field="parent")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"theme": "transport"}, "theme"),
        ({"theme": 10**30}, "theme"),
        ({"seed": "lucky"}, "seed"),
        ({"seed": -1}, "seed"),
        ({"origin": "moon"}, "origin"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_wrong_query_parameter_is_refused_with_its_name(visitor, space, params, field):
    assert_error(visitor.get(f"/spaces/{space.slug}/ideas", params), 422, field=field)


def test_idea_id_that_is_not_a_number_is_refused(visitor):
    assert_error(visitor.get("/ideas/first"), 422, field="idea_id", detail="Enter a whole number.")


@pytest.mark.parametrize("idea_id", [987654, 10**30, -5, 0])
def test_unknown_idea_is_not_found_as_json(visitor, idea_id):
    assert_error(visitor.get(f"/ideas/{idea_id}"), 404, detail="Not found.")


@pytest.mark.parametrize(
    "path",
    [
        "/ideas/987654/comments",
        "/ideas/987654/permissions",
        "/spaces/nowhere/ideas",
        "/spaces/nowhere/phases",
        "/spaces/nowhere/similar-ideas?text=bench",
    ],
)
def test_reads_about_something_unknown_are_not_found_as_json(visitor, path):
    assert_error(visitor.get(path), 404)


def test_writes_about_an_unknown_idea_are_not_found_as_json(caller):
    assert_error(caller.post("/ideas/987654/supports"), 404)
    assert_error(caller.post("/ideas/987654/comments", {"body": "Hello"}), 404)
    assert_error(caller.put("/ideas/987654", IDEA), 404)


# --- Pages --------------------------------------------------------------------------------------


PAGE_BOUNDS = [
    ({"page": 10**9}, "page", "Enter a number of at most 100000."),
    ({"page": 10**30}, "page", "Enter a number of at most"),
    ({"page": 0}, "page", "Enter a number of at least 1."),
    ({"page": "last"}, "page", "Enter a whole number."),
    ({"page_size": 101}, "page_size", "Enter a number of at most 100."),
    ({"page_size": 0}, "page_size", "Enter a number of at least 1."),
]


@pytest.mark.parametrize("path", ["/spaces", "/spaces/{space}/ideas", "/ideas/{idea}/comments"])
def test_page_out_of_bounds_is_refused_not_a_server_error(visitor, idea, path):
    url = path.format(space=idea.space.slug, idea=idea.pk)
    for params, field, detail in PAGE_BOUNDS:
        assert_error(visitor.get(url, params), 422, field=field, detail=detail)


def test_page_after_the_last_one_is_empty(visitor, idea):
    body = visitor.get(f"/spaces/{idea.space.slug}/ideas", {"page": 5}).json()
    assert (body["items"], body["count"], body["pages"], body["page"]) == ([], 1, 1, 5)


def test_largest_page_size_is_accepted(visitor, idea):
    assert visitor.get(f"/spaces/{idea.space.slug}/ideas", {"page_size": 100}).status_code == 200


# --- Every error body ---------------------------------------------------------------------------


def test_every_error_carries_detail_and_field_and_the_list_of_errors(caller, visitor, space, idea):
    responses = [
        _post_raw(caller, f"/spaces/{space.slug}/ideas", "{oops"),
        caller.post(f"/spaces/{space.slug}/ideas", {"title": 1, "body": 2, "latitude": "x"}),
        caller.post(f"/spaces/{space.slug}/ideas", {"title": "Hi", "body": "Too short"}),
        caller.put(f"/ideas/{idea.pk}", IDEA),
        visitor.post(f"/ideas/{idea.pk}/supports"),
        visitor.get("/ideas/987654"),
        visitor.get("/spaces", {"page": 10**9}),
    ]
    assert [r.status_code for r in responses] == [400, 422, 422, 403, 401, 404, 422]
    for response in responses:
        body = response.json()
        assert {"detail", "field"} <= set(body) and body["detail"], body
        if response.status_code == 422:
            assert body["errors"][0] == {"field": body["field"], "message": body["detail"]}
            assert all(set(e) == {"field", "message"} for e in body["errors"])


# --- What a database cannot store ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/spaces/{space}/ideas", {**IDEA, "title": "Safer\u0000 crossing"}, "title"),
        ("/spaces/{space}/ideas", {**IDEA, "co_author_emails": ["a\u0000@example.org"]}, "co_author_emails.0"),
        ("/ideas/{idea}/comments", {"body": "Nul \u0000 inside"}, "body"),
        ("/spaces", {"title": "Nul\u0000", "summary": "Summary", "organisations": ["council-0"]}, "title"),
    ],
)
def test_text_with_a_nul_character_is_refused_with_the_field(caller, idea, path, body, field):
    """PostgreSQL cannot store NUL characters: refused on every database, before any service runs."""
    response = caller.post(path.format(space=idea.space.slug, idea=idea.pk), body)
    assert_error(response, 422, field=field, detail="Remove the NUL character")
    assert Idea.objects.count() == 1 and not Comment.objects.exists()


def test_search_with_a_nul_character_is_refused(visitor, space):
    assert_error(visitor.get(f"/spaces/{space.slug}/ideas", {"q": "bench\x00"}), 422, field="q")
    assert_error(visitor.get(f"/spaces/{space.slug}/similar-ideas", {"text": "bench\x00"}), 422, field="text")


@pytest.mark.parametrize("slug", ["a%00b", "caf%C3%A9", "two%20words", "..", "%F0%9F%8C%B3"])
def test_path_that_no_space_could_have_is_not_found(visitor, slug):
    assert_error(visitor.get(f"/spaces/{slug}"), 404)
    assert_error(visitor.get(f"/spaces/{slug}/ideas"), 404)


def test_phase_dates_with_any_real_offset_are_kept_in_utc(api_as, organiser, space):
    """Offsets beyond PostgreSQL's ±15:59 are valid ISO 8601: they are converted, not refused."""
    body = {"title": "Vote", "starts_at": "2030-05-03T09:00:00-18:08", "ends_at": "2030-05-10T09:00:00+14:00"}
    response = api_as(organiser).post(f"/spaces/{space.slug}/phases", body)
    assert response.status_code == 201, response.content
    assert response.json()["starts_at"].startswith("2030-05-04T03:08:00")
    phase = space.phases.get(title="Vote")
    assert phase.starts_at.isoformat() == "2030-05-04T03:08:00+00:00"


def test_phase_date_that_cannot_be_a_moment_in_utc_is_refused(api_as, organiser, space):
    body = {"title": "Vote", "starts_at": "0001-01-01T00:00:00+05:00", "ends_at": "2030-05-10T09:00:00Z"}
    assert_error(api_as(organiser).post(f"/spaces/{space.slug}/phases", body), 422, field="starts_at")
    assert space.phases.count() == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_search_text_gets_an_answer_not_a_server_error(visitor, space, text):
    """Search builds full-text queries (FTS5 or tsquery) from what people type."""
    if not space.ideas.exists():
        factories.IdeaFactory(space=space, title="Benches and trees: the park")
    for response in (
        visitor.get(f"/spaces/{space.slug}/ideas", {"q": text, "sort": "relevance"}),
        visitor.get(f"/spaces/{space.slug}/similar-ideas", {"text": text or "x"}),
    ):
        assert response.status_code in (200, 422), (text, response.content)
