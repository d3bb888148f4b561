"""The ideas API: lists and their filters, proposing and changing ideas, comments, supports, and
what a person may do now (the same `can()` as the web)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.ideas import services
from cocreate.ideas.models import Comment, Idea, Support
from cocreate.spaces.services import contribution_hide
from tests import factories
from tests.api.api_client import assert_error, count_queries

pytestmark = pytest.mark.django_db

IDEA_BODY = "A description that is long enough for the checks."


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [i["id"] for i in response.json()["items"]]


def _close_phases(space, days_ago: int = 2) -> None:
    """Every phase of `space` ended `days_ago` days ago."""
    ended = timezone.now() - timedelta(days=days_ago)
    factories.change_phases(space, starts_at=ended - timedelta(days=10), ends_at=ended)


# --- Lists --------------------------------------------------------------------------------------


def test_visitor_lists_the_ideas_of_a_space_newest_first(visitor, space, idea):
    newer = factories.IdeaFactory(space=space, title="Benches in the park")
    response = visitor.get(f"/spaces/{space.slug}/ideas")
    assert _ids(response) == [newer.pk, idea.pk]
    first = response.json()["items"][0]
    assert first["space"] == space.slug and first["title"] == "Benches in the park"
    assert first["supported"] is False and first["status"] == "submitted"
    assert first["url"].endswith(f"/spaces/{space.slug}/ideas/{newer.pk}/")


def test_ideas_list_says_what_the_caller_supports_and_follows(api_as, person, space, idea):
    other = factories.IdeaFactory(space=space)
    services.idea_support(person=person, idea=idea)
    items = {i["id"]: i for i in api_as(person).get(f"/spaces/{space.slug}/ideas").json()["items"]}
    assert (items[idea.pk]["supported"], items[idea.pk]["supports_count"]) == (True, 1)
    assert (items[other.pk]["supported"], items[other.pk]["following"]) == (False, False)


def test_ideas_can_be_searched(visitor, space):
    found = factories.IdeaFactory(space=space, title="Participación en los barrios")
    factories.IdeaFactory(space=space, title="Something else entirely")
    assert _ids(visitor.get(f"/spaces/{space.slug}/ideas", {"q": "PARTICIPACION barr"})) == [found.pk]


def test_ideas_can_be_filtered_by_status(visitor, space, organiser, idea):
    merged = factories.IdeaFactory(space=space)
    services.ideas_merge(person=organiser, target=idea, sources=[merged])
    url = f"/spaces/{space.slug}/ideas"
    assert _ids(visitor.get(url)) == [idea.pk]
    assert _ids(visitor.get(url, {"status": "merged"})) == [merged.pk]
    assert visitor.get(url, {"status": "merged"}).json()["items"][0]["merged_into"] == idea.pk
    assert_error(visitor.get(url, {"status": "lost"}), 422, field="status")


def test_ideas_can_be_filtered_by_theme(visitor, space, idea):
    transport = factories.theme(space, "Transport")
    on_transport = factories.IdeaFactory(space=space, themes=[transport])
    response = visitor.get(f"/spaces/{space.slug}/ideas", {"theme": transport.pk})
    assert _ids(response) == [on_transport.pk]
    assert response.json()["items"][0]["themes"] == ["Transport"]


def test_ideas_can_be_sorted_by_support_and_by_discussion(visitor, space, idea):
    supported = factories.IdeaFactory(space=space)
    discussed = factories.IdeaFactory(space=space)
    for _ in range(2):
        services.idea_support(person=factories.PersonFactory(), idea=supported)
    services.comment_create(person=factories.PersonFactory(), idea=discussed, body="Good point")
    url = f"/spaces/{space.slug}/ideas"
    assert _ids(visitor.get(url, {"sort": "most_supported"}))[0] == supported.pk
    assert _ids(visitor.get(url, {"sort": "most_discussed"}))[0] == discussed.pk
    assert_error(visitor.get(url, {"sort": "loudest"}), 422, field="sort", detail="most_supported")


def test_random_order_is_the_same_for_the_same_seed_and_covers_every_idea(visitor, space):
    ideas = [factories.IdeaFactory(space=space) for _ in range(8)]
    url = f"/spaces/{space.slug}/ideas"
    orders = {seed: _ids(visitor.get(url, {"sort": "random", "seed": seed})) for seed in (1, 2, 3)}
    assert _ids(visitor.get(url, {"sort": "random", "seed": 2})) == orders[2]
    assert all(sorted(order) == sorted(i.pk for i in ideas) for order in orders.values())
    assert len({tuple(order) for order in orders.values()}) > 1, "three seeds gave the same order"


def test_random_order_pages_neither_repeat_nor_skip_ideas(visitor, space):
    ideas = [factories.IdeaFactory(space=space) for _ in range(7)]
    url = f"/spaces/{space.slug}/ideas"
    pages = [_ids(visitor.get(url, {"sort": "random", "seed": 42, "page_size": 3, "page": n})) for n in (1, 2, 3)]
    assert sorted(sum(pages, [])) == sorted(i.pk for i in ideas)


def test_ideas_of_a_private_space_are_not_found_for_outsiders(visitor, api_as, participant, organisation):
    private = factories.open_space(organisation, visibility="private")
    assert_error(visitor.get(f"/spaces/{private.slug}/ideas"), 404)
    assert_error(api_as(participant).get(f"/spaces/{private.slug}/ideas"), 404)


def _grow(space, n, supporter):
    theme = factories.theme(space, f"Theme {n}")
    for i in range(n):
        co_author = factories.PersonFactory()
        idea = factories.IdeaFactory(
            space=space, title=f"Cleaner streets number {i}", themes=[theme], co_author_emails=[co_author.email]
        )
        services.comment_create(person=factories.PersonFactory(), idea=idea, body="Yes")
        services.idea_support(person=supporter, idea=idea)


LIST_VARIANTS = [
    {"sort": "most_supported"},
    {"sort": "random", "seed": 7},
    {"q": "streets"},
    {"q": "streets", "sort": "relevance"},
    {"status": "submitted", "sort": "most_discussed"},
]


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "api-key"])
def test_ideas_list_runs_a_constant_number_of_queries(visitor, api_as, person, space, signed_in):
    caller = api_as(person) if signed_in else visitor
    url = f"/spaces/{space.slug}/ideas"
    _grow(space, 2, supporter=person)
    caller.get(url)  # warm-up: the key's last use is recorded once
    small = [count_queries(lambda p=params: caller.get(url, p)) for params in LIST_VARIANTS]
    _grow(space, 14, supporter=person)
    large = [count_queries(lambda p=params: caller.get(url, {**p, "page_size": 50})) for params in LIST_VARIANTS]
    assert small == large, f"{small} queries for 2 ideas, {large} for 16 (one count per variant)"


# --- Similar ideas ------------------------------------------------------------------------------


def test_similar_ideas_are_found_before_proposing(visitor, space):
    bench = factories.IdeaFactory(space=space, title="More benches in the park")
    factories.IdeaFactory(space=space, title="Night buses on weekends")
    response = visitor.get(f"/spaces/{space.slug}/similar-ideas", {"text": "benches near the playground"})
    assert response.status_code == 200
    assert [i["id"] for i in response.json()] == [bench.pk]


def test_similar_ideas_need_a_text(visitor, space):
    assert_error(visitor.get(f"/spaces/{space.slug}/similar-ideas"), 422, field="text")
    assert visitor.get(f"/spaces/{space.slug}/similar-ideas", {"text": "a"}).json() == []


def test_similar_ideas_run_a_constant_number_of_queries(visitor, space):
    url = f"/spaces/{space.slug}/similar-ideas"
    factories.IdeaFactory(space=space, title="Benches everywhere")
    visitor.get(url, {"text": "benches"})  # this process builds the space's index once
    factories.IdeaFactory(space=space, title="Benches again")
    small = count_queries(lambda: visitor.get(url, {"text": "benches"}))
    for n in range(8):
        factories.IdeaFactory(space=space, title=f"Benches number {n}", co_author_emails=[])
    assert count_queries(lambda: visitor.get(url, {"text": "benches"})) == small


# --- Proposing, reading and changing an idea ----------------------------------------------------


def test_participant_proposes_an_idea(api_as, participant, space):
    theme = factories.theme(space)
    co_author = factories.PersonFactory()
    response = api_as(participant).post(
        f"/spaces/{space.slug}/ideas",
        {
            "title": "Safer crossing at the school",
            "body": IDEA_BODY,
            "themes": [theme.pk],
            "place_name": "St Mary's",
            "latitude": 51.5,
            "longitude": -0.12,
            "co_author_emails": [co_author.email],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    idea = Idea.objects.get(pk=body["id"])
    assert idea.author_people() == [participant, co_author]
    assert body["authors"] == [participant.public_name, co_author.public_name]
    assert (body["themes"], body["latitude"], body["following"]) == (["Getting around"], 51.5, True)


def test_too_short_title_is_refused_and_nothing_is_saved(api_as, participant, space):
    response = api_as(participant).post(f"/spaces/{space.slug}/ideas", {"title": "Hi", "body": IDEA_BODY})
    assert_error(response, 422, field="title", detail="Write a title of at least 5 characters.")
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"body": "Too short"}, "body"),
        ({"title": "x" * 151}, "title"),
        ({"latitude": 51.5}, "latitude"),
        ({"latitude": 91, "longitude": 0}, "latitude"),
        ({"themes": [999999]}, "themes"),
        ({"themes": ["transport"]}, "themes.0"),
        ({"co_author_emails": ["nobody@example.org"]}, "co_authors"),
    ],
)
def test_invalid_idea_is_refused_with_the_field_and_nothing_is_saved(api_as, participant, space, change, field):
    body = {"title": "Safer crossing at the school", "body": IDEA_BODY, **change}
    assert_error(api_as(participant).post(f"/spaces/{space.slug}/ideas", body), 422, field=field)
    assert not Idea.objects.exists()


def test_theme_of_another_space_is_refused(api_as, participant, space):
    elsewhere = factories.theme(factories.open_space(), "Elsewhere")
    body = {"title": "Bus shelters", "body": IDEA_BODY, "themes": [elsewhere.pk]}
    assert_error(api_as(participant).post(f"/spaces/{space.slug}/ideas", body), 422, field="themes")
    assert not Idea.objects.exists()


def test_proposing_when_the_phase_is_over_is_refused_with_the_date(api_as, participant, space):
    _close_phases(space)
    response = api_as(participant).post(f"/spaces/{space.slug}/ideas", {"title": "Late idea", "body": IDEA_BODY})
    assert_error(response, 403, detail="The time to submit ideas ended on")
    assert not Idea.objects.exists()


def test_visitor_reads_an_idea_with_its_answer(visitor, space, idea, organiser):
    services.idea_answer(person=organiser, idea=idea, status="accepted", body="We will build it next spring.")
    response = visitor.get(f"/ideas/{idea.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["answer"]["body"]) == (
        idea.pk,
        "accepted",
        "We will build it next spring.",
    )


def test_hidden_idea_is_not_found_for_visitors_but_stays_readable_by_its_author(
    visitor, api_as, idea, moderator, other_person
):
    contribution_hide(person=moderator, content=idea, reason="Personal details")
    assert_error(visitor.get(f"/ideas/{idea.pk}"), 404)
    assert api_as(other_person).get(f"/ideas/{idea.pk}").status_code == 200
    assert idea.pk not in _ids(visitor.get(f"/spaces/{idea.space.slug}/ideas"))


def test_unknown_idea_is_not_found(visitor):
    assert_error(visitor.get("/ideas/987654"), 404, detail="Not found.")


def test_author_changes_their_idea(api_as, other_person, idea):
    response = api_as(other_person).put(f"/ideas/{idea.pk}", {"title": "A better title", "body": IDEA_BODY})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "A better title"
    idea.refresh_from_db()
    assert idea.title == "A better title"


def test_only_the_authors_can_change_an_idea(api_as, participant, idea):
    response = api_as(participant).put(f"/ideas/{idea.pk}", {"title": "Not mine to change", "body": IDEA_BODY})
    assert_error(response, 403, detail="Only the authors of an idea can change it.")
    idea.refresh_from_db()
    assert idea.title != "Not mine to change"


def test_invalid_change_to_an_idea_changes_nothing(api_as, other_person, idea):
    before = (idea.title, idea.body)
    response = api_as(other_person).put(f"/ideas/{idea.pk}", {"title": "Ok", "body": "A new body, long enough."})
    assert_error(response, 422, field="title")
    idea.refresh_from_db()
    assert (idea.title, idea.body) == before


# --- Comments -----------------------------------------------------------------------------------


def test_comments_are_listed_oldest_first_a_page_at_a_time(visitor, idea):
    for n in range(23):
        services.comment_create(person=factories.PersonFactory(), idea=idea, body=f"Comment {n}")
    first = visitor.get(f"/ideas/{idea.pk}/comments").json()
    assert (first["count"], first["pages"], len(first["items"])) == (23, 2, 20)
    assert first["items"][0]["body"] == "Comment 0"
    second = visitor.get(f"/ideas/{idea.pk}/comments", {"page": 2}).json()
    assert [c["body"] for c in second["items"]] == ["Comment 20", "Comment 21", "Comment 22"]


def test_hidden_comment_shows_the_reason_instead_of_its_text(visitor, idea, moderator):
    comment = services.comment_create(person=factories.PersonFactory(), idea=idea, body="Buy cheap loans")
    comment.space = idea.space
    contribution_hide(person=moderator, content=comment, reason="Advertising")
    [shown] = visitor.get(f"/ideas/{idea.pk}/comments").json()["items"]
    assert (shown["body"], shown["hidden_reason"]) == (None, "Advertising")


def test_comments_list_runs_a_constant_number_of_queries(visitor, idea):
    url = f"/ideas/{idea.pk}/comments"
    services.comment_create(person=factories.PersonFactory(), idea=idea, body="First")
    small = count_queries(lambda: visitor.get(url))
    for n in range(15):
        services.comment_create(person=factories.PersonFactory(), idea=idea, body=f"Reply {n}")
    assert count_queries(lambda: visitor.get(url)) == small


def test_participant_comments_and_replies(api_as, participant, idea):
    caller = api_as(participant)
    first = caller.post(f"/ideas/{idea.pk}/comments", {"body": "Where exactly?"})
    assert first.status_code == 201, first.content
    reply = caller.post(f"/ideas/{idea.pk}/comments", {"body": "Near the school gate.", "parent": first.json()["id"]})
    assert reply.status_code == 201, reply.content
    assert (reply.json()["parent"], reply.json()["depth"], reply.json()["author"]) == (
        first.json()["id"],
        1,
        participant.public_name,
    )
    idea.refresh_from_db()
    assert idea.comments_count == 2


def test_reply_to_a_comment_of_another_idea_is_refused(api_as, participant, space, idea):
    elsewhere = services.comment_create(person=participant, idea=factories.IdeaFactory(space=space), body="Hello")
    response = api_as(participant).post(f"/ideas/{idea.pk}/comments", {"body": "Replying", "parent": elsewhere.pk})
    assert_error(response, 422, field="parent")
    assert not Comment.objects.filter(idea=idea).exists()


def test_empty_comment_is_refused(api_as, participant, idea):
    assert_error(api_as(participant).post(f"/ideas/{idea.pk}/comments", {"body": "   "}), 422, field="body")
    assert not Comment.objects.exists()


# --- Supports -----------------------------------------------------------------------------------


def test_first_support_is_created_and_the_second_is_not_counted(api_as, participant, idea):
    caller = api_as(participant)
    first = caller.post(f"/ideas/{idea.pk}/supports")
    assert (first.status_code, first.json()) == (201, {"idea": idea.pk, "supported": True, "supports_count": 1})
    second = caller.post(f"/ideas/{idea.pk}/supports")
    assert (second.status_code, second.json()) == (200, {"idea": idea.pk, "supported": True, "supports_count": 1})
    idea.refresh_from_db()
    assert idea.supports_count == 1 and Support.objects.filter(idea=idea).count() == 1


def test_support_is_withdrawn(api_as, participant, idea):
    caller = api_as(participant)
    caller.post(f"/ideas/{idea.pk}/supports")
    response = caller.delete(f"/ideas/{idea.pk}/supports")
    assert (response.status_code, response.json()) == (200, {"idea": idea.pk, "supported": False, "supports_count": 0})
    assert caller.delete(f"/ideas/{idea.pk}/supports").json()["supports_count"] == 0
    idea.refresh_from_db()
    assert idea.supports_count == 0 and not Support.objects.exists()


def test_supporting_when_the_phase_is_closed_is_refused_with_the_reason(api_as, participant, idea):
    _close_phases(idea.space)
    response = api_as(participant).post(f"/ideas/{idea.pk}/supports")
    assert_error(response, 403, detail="The time to support ideas ended on")
    assert not Support.objects.exists()


def test_supporting_before_the_phase_opens_says_when_it_opens(api_as, participant, space, idea):
    factories.change_phases(space, activities=["submit_idea", "comment"])
    starts = timezone.now() + timedelta(days=10)
    factories.PhaseFactory(
        space=space, title="Vote", starts_at=starts, ends_at=starts + timedelta(days=5), activities=["support"]
    )
    assert_error(api_as(participant).post(f"/ideas/{idea.pk}/supports"), 403, detail="You can support ideas from")


def test_visitor_cannot_support(visitor, idea):
    assert_error(visitor.post(f"/ideas/{idea.pk}/supports"), 401, detail="Sign in, or send an API key")
    assert not Support.objects.exists()


# --- What one may do ----------------------------------------------------------------------------


def test_permissions_say_what_a_visitor_may_do_and_why_not(visitor, idea):
    allowed = visitor.get(f"/ideas/{idea.pk}/permissions").json()
    assert allowed["support"] == "Sign in to support ideas."
    assert allowed["edit_idea"] == "Sign in to change this idea."


def test_permissions_of_an_author_and_of_another_participant(api_as, other_person, participant, idea):
    mine = api_as(other_person).get(f"/ideas/{idea.pk}/permissions").json()
    theirs = api_as(participant).get(f"/ideas/{idea.pk}/permissions").json()
    assert (mine["edit_idea"], mine["withdraw_idea"], mine["support"]) == (True, True, True)
    assert theirs["edit_idea"] == "Only the authors of an idea can change it."
    assert theirs["answer"] == "Only organisers and evaluators can answer ideas."


def test_permissions_follow_the_phase(api_as, participant, idea):
    _close_phases(idea.space)
    allowed = api_as(participant).get(f"/ideas/{idea.pk}/permissions").json()
    assert allowed["support"].startswith("The time to support ideas ended on")
    assert allowed["follow"] is True


def test_permissions_of_an_organiser(api_as, organiser, idea):
    allowed = api_as(organiser).get(f"/ideas/{idea.pk}/permissions").json()
    assert (allowed["answer"], allowed["merge"]) == (True, True)
