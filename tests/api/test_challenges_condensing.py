"""The condensing API: condensed proposals with the ids of their originals; vote (POST) and
withdraw (DELETE) with the same rules and messages as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.challenges.models import Challenge, CoDesignInvitation, CondensedProposal, Event
from cocreate.challenges.services import condensing as services
from cocreate.spaces.models import Space
from tests.api.api_client import assert_error, count_queries
from tests.challenges.condensing_factories import condensed, idea, question, voter
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


@pytest.fixture
def q():
    return question()


def path(q, *parts) -> str:
    return "/".join([f"/spaces/{q.space.slug}/condensed-proposals", *map(str, parts)])


def test_condensed_proposals_list_their_originals(visitor, q):
    first, second = idea(q), idea(q)
    clinics = condensed(q, [first, second])
    [listed] = visitor.get(path(q)).json()
    assert listed["id"] == clinics.pk and listed["theme_name"] == "Health" and listed["theme"] == q.health.pk
    assert sorted(listed["originals"]) == sorted([first.pk, second.pk])
    assert listed["votes_count"] == 0 and listed["voted"] is False
    assert listed["url"].endswith(f"/proposals/{clinics.pk}/")


def test_the_list_runs_a_constant_number_of_queries(visitor, q):
    for n in range(2):
        condensed(q, [idea(q)], title=f"Proposal number {n}")
    few = count_queries(lambda: visitor.get(path(q)))
    for n in range(8):
        condensed(q, [idea(q), idea(q)], title=f"Another proposal {n}", theme=q.education)
    assert count_queries(lambda: visitor.get(path(q))) == few


def test_vote_then_withdraw(api_as, participant, q):
    clinics = condensed(q, [idea(q)])
    api = api_as(participant)
    response = api.post(path(q, clinics.pk, "vote"))
    assert response.status_code == 201
    assert response.json() == {"condensed_proposal": clinics.pk, "voted": True, "votes_count": 1}
    again = api.post(path(q, clinics.pk, "vote"))
    assert again.status_code == 200 and again.json()["votes_count"] == 1
    assert api.get(path(q)).json()[0]["voted"] is True
    withdrawn = api.delete(path(q, clinics.pk, "vote"))
    assert withdrawn.status_code == 200 and withdrawn.json()["votes_count"] == 0
    assert CondensedProposal.objects.get(pk=clinics.pk).votes_count == 0


def test_the_limit_per_sub_theme_gives_its_message(api_as, participant, q):
    clinics, doctors = condensed(q, [idea(q)]), condensed(q, [idea(q)], title="More doctors")
    api = api_as(participant)
    api.post(path(q, clinics.pk, "vote"))
    assert_error(
        api.post(path(q, doctors.pk, "vote")),
        422,
        detail="You have already chosen 1 proposal in Health; withdraw that vote to choose this one.",
    )


def test_visitors_sign_in_to_vote_and_unknown_proposals_are_not_found(visitor, api_as, participant, q):
    clinics = condensed(q, [idea(q)])
    assert visitor.post(path(q, clinics.pk, "vote")).status_code == 401
    assert api_as(participant).post(path(q, 999999, "vote")).status_code == 404


# --- Staff: condensed proposals and their originals ------------------------------------------


def close_vote(q):
    """The phase ended yesterday: the vote is over, co-design invitations can go out."""
    change_phases(q.space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=1))


def new_proposal(q, ideas, **fields) -> dict:
    return {
        "title": "Better clinics",
        "body": "What these ideas propose together, in plain words.",
        "theme": q.health.pk,
        "ideas": [i.pk for i in ideas],
        **fields,
    }


def test_staff_group_ideas_into_a_condensed_proposal(api_as, q):
    first, second = idea(q), idea(q)
    response = api_as(q.staff).post(path(q), new_proposal(q, [first, second]))
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["title"] == "Better clinics" and made["theme"] == q.health.pk
    assert sorted(made["originals"]) == sorted([first.pk, second.pk]) and made["withdrawn"] is False
    assert CondensedProposal.objects.get(pk=made["id"]).created_by == q.staff


def test_only_staff_condense_and_the_refusal_says_why(api_as, participant, q):
    assert_error(
        api_as(participant).post(path(q), new_proposal(q, [idea(q)])),
        403,
        detail="Only organisers and moderators can group ideas into condensed proposals.",
    )
    assert not CondensedProposal.objects.exists()


def test_a_condensed_proposal_needs_a_sub_theme_of_the_space(api_as, q):
    api = api_as(q.staff)
    assert_error(api.post(path(q), new_proposal(q, [idea(q)], theme=None)), 422, "theme")
    assert_error(api.post(path(q), new_proposal(q, [idea(q)], theme=999999)), 422, "theme", "Choose a sub-theme")
    assert_error(api.post(path(q), new_proposal(q, [])), 422, "ideas")
    assert_error(api.post(path(q), new_proposal(q, [idea(q)], title="")), 422, "title")


def test_staff_change_a_condensed_proposal(api_as, participant, q):
    clinics = condensed(q, [idea(q)])
    change = {
        "title": "Clinics open late",
        "body": "Clinics open until ten at night, every day.",
        "theme": q.education.pk,
    }
    response = api_as(q.staff).put(path(q, clinics.pk), change)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Clinics open late" and response.json()["theme"] == q.education.pk
    assert_error(api_as(participant).put(path(q, clinics.pk), change), 403, detail="Only organisers and moderators")
    assert_error(api_as(q.staff).put(path(q, clinics.pk), {**change, "theme": 0}), 422, "theme")


def test_the_sub_theme_cannot_change_once_people_voted(api_as, q):
    clinics = condensed(q, [idea(q)])
    voter(q, [clinics])
    change = {"title": "Better clinics", "body": "What these ideas propose together.", "theme": q.education.pk}
    assert_error(api_as(q.staff).put(path(q, clinics.pk), change), 422, "theme", "People have already voted")


def test_staff_include_more_originals_and_take_one_out(api_as, participant, q):
    first, second = idea(q), idea(q)
    clinics = condensed(q, [first])
    api = api_as(q.staff)
    added = api.post(path(q, clinics.pk, "originals"), {"ideas": [second.pk]})
    assert added.status_code == 201, added.content
    assert sorted(added.json()["originals"]) == sorted([first.pk, second.pk])
    assert_error(api.post(path(q, clinics.pk, "originals"), {"ideas": [second.pk]}), 422, "ideas", "already included")
    assert_error(api.post(path(q, clinics.pk, "originals"), {"ideas": ["one"]}), 422, "ideas.0")
    assert_error(api_as(participant).delete(path(q, clinics.pk, "originals", first.pk)), 403, detail="Only organisers")
    assert api.delete(path(q, clinics.pk, "originals", first.pk)).status_code == 204
    assert api.get(path(q, clinics.pk)).json()["originals"] == [second.pk]
    assert_error(api.delete(path(q, clinics.pk, "originals", second.pk)), 422, "ideas", "at least one original")
    assert_error(api.delete(path(q, clinics.pk, "originals", 999999)), 404)


def test_staff_withdraw_a_condensed_proposal_and_publish_it_again(api_as, participant, visitor, q):
    clinics = condensed(q, [idea(q)])
    api = api_as(q.staff)
    assert_error(api.post(path(q, clinics.pk, "withdrawal"), {}), 422, "reason")
    assert_error(api.post(path(q, clinics.pk, "withdrawal"), {"reason": ""}), 422, "reason", "Say why")
    assert_error(
        api_as(participant).post(path(q, clinics.pk, "withdrawal"), {"reason": "A mistake."}), 403, detail="Only"
    )
    withdrawn = api.post(path(q, clinics.pk, "withdrawal"), {"reason": "Made twice by mistake."})
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json()["withdrawn"] is True and withdrawn.json()["withdrawn_reason"] == "Made twice by mistake."
    assert visitor.get(path(q)).json() == []
    assert visitor.get(path(q, clinics.pk)).json()["withdrawn_reason"] == "Made twice by mistake."
    restored = api.delete(path(q, clinics.pk, "withdrawal"))
    assert restored.status_code == 200 and restored.json()["withdrawn"] is False
    assert_error(api.delete(path(q, clinics.pk, "withdrawal")), 422, None, "already published")


def test_results_rank_each_sub_theme_and_mark_the_places_for_co_design(visitor, q):
    clinics, doctors = condensed(q, [idea(q)]), condensed(q, [idea(q)], title="More doctors")
    schools = condensed(q, [idea(q)], title="Open schools", theme=q.education)
    voter(q, [doctors]), voter(q, [doctors]), voter(q, [clinics])
    groups = visitor.get(path(q, "results")).json()
    assert [g["theme_name"] for g in groups] == ["Education", "Health"]
    health = groups[1]
    assert [(p["id"], p["position"], p["votes_count"], p["invited_place"]) for p in health["proposals"]] == [
        (doctors.pk, 1, 2, True),
        (clinics.pk, 2, 1, False),
    ]
    assert groups[0]["proposals"][0]["id"] == schools.pk and groups[0]["proposals"][0]["invited_place"] is False
    assert health["places"] == 1


def test_results_run_a_constant_number_of_queries(visitor, q):
    for n in range(2):
        condensed(q, [idea(q)], title=f"Proposal number {n}")
    few = count_queries(lambda: visitor.get(path(q, "results")))
    for n in range(8):
        condensed(q, [idea(q), idea(q)], title=f"Another proposal {n}", theme=q.education)
    assert count_queries(lambda: visitor.get(path(q, "results"))) == few


# --- Co-design invitations -------------------------------------------------------------------


def invitations(q, *parts) -> str:
    return "/".join([f"/spaces/{q.space.slug}/co-design/invitations", *map(str, parts)])


def test_staff_invite_the_authors_of_the_top_proposals_to_an_event(api_as, participant, q):
    author = PersonFactory()
    clinics = condensed(q, [idea(q, author=author)])
    voter(q, [clinics])
    close_vote(q)
    event = Event.objects.create(
        space=q.space,
        kind="co_design",
        title="Co-design day",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
    )
    assert_error(api_as(participant).post(invitations(q), {}), 403, detail="Only the organisers of this space can send")
    api = api_as(q.staff)
    assert_error(api.post(invitations(q), {"event": 999999}), 422, "event", "Choose an event of this space.")
    sent = api.post(invitations(q), {"event": event.pk})
    assert sent.status_code == 201, sent.content
    [invitation] = sent.json()
    assert invitation["person"] == author.pk and invitation["condensed_proposal"] == clinics.pk
    assert invitation["event"] == event.pk and invitation["status"] == "sent"
    assert_error(api.post(invitations(q), {}), 422, None, "already been invited")
    listed = api.get(invitations(q)).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == invitation["id"]
    assert_error(api_as(participant).get(invitations(q)), 403, detail="Only the organisers")


def test_invitations_cannot_go_out_while_the_vote_is_open(api_as, q):
    voter(q, [condensed(q, [idea(q)])])
    assert_error(api_as(q.staff).post(invitations(q), {}), 403, detail="The vote on condensed proposals is still open")


def test_the_invitations_list_runs_a_constant_number_of_queries(api_as, q):
    Challenge.objects.filter(space=q.space).update(co_design_places=20)
    proposals = [condensed(q, [idea(q, author=PersonFactory())], title=f"Proposal {n}") for n in range(10)]
    for proposal in proposals[:2]:
        voter(q, [proposal])
    close_vote(q)
    api = api_as(q.staff)
    api.post(invitations(q), {})
    few = count_queries(lambda: api.get(invitations(q)))
    change_phases(q.space, starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() + timedelta(days=1))
    for proposal in proposals[2:]:
        voter(q, [proposal])
    close_vote(q)
    api.post(invitations(q), {})
    assert CoDesignInvitation.objects.count() == 10
    assert count_queries(lambda: api.get(invitations(q))) == few


def test_the_person_invited_answers_their_own_invitation(api_as, participant, q):
    author = PersonFactory()
    voter(q, [condensed(q, [idea(q, author=author)])])
    close_vote(q)
    [made] = services.co_design_invite(person=q.staff, space=Space.objects.get(pk=q.space.pk))
    assert api_as(author).get(invitations(q, made.pk)).json()["status"] == "sent"
    answered = api_as(author).put(invitations(q, made.pk, "answer"), {"accept": True})
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "accepted" and answered.json()["answered_at"]
    assert_error(api_as(author).put(invitations(q, made.pk, "answer"), {}), 422, "accept")
    assert_error(api_as(participant).put(invitations(q, made.pk, "answer"), {"accept": False}), 404)
    assert_error(api_as(q.staff).get(invitations(q, made.pk)), 404)


# --- End to end --------------------------------------------------------------------------------


def test_staff_condense_people_vote_staff_see_results_and_invite_the_authors_who_answer(api_as, q):
    """The whole condensing step driven through the API only."""
    authors = [PersonFactory(), PersonFactory(), PersonFactory()]
    ideas = [idea(q, author=a) for a in authors]
    staff = api_as(q.staff)
    clinics = staff.post(path(q), new_proposal(q, ideas[:1])).json()
    staff.post(path(q, clinics["id"], "originals"), {"ideas": [ideas[1].pk]})
    doctors = staff.post(path(q), new_proposal(q, ideas[2:], title="More doctors")).json()
    for person in (PersonFactory(), PersonFactory()):
        assert api_as(person).post(path(q, clinics["id"], "vote")).status_code == 201
    assert api_as(PersonFactory()).post(path(q, doctors["id"], "vote")).status_code == 201
    close_vote(q)
    [health] = staff.get(path(q, "results")).json()
    assert [p["id"] for p in health["proposals"] if p["invited_place"]] == [clinics["id"]]
    sent = staff.post(invitations(q), {}).json()
    assert sorted(i["person"] for i in sent) == sorted([authors[0].pk, authors[1].pk])
    for invitation in sent:
        author = next(a for a in authors if a.pk == invitation["person"])
        answer = api_as(author).put(invitations(q, invitation["id"], "answer"), {"accept": author == authors[0]})
        assert answer.status_code == 200
    statuses = {i["person"]: i["status"] for i in staff.get(invitations(q)).json()["items"]}
    assert statuses == {authors[0].pk: "accepted", authors[1].pk: "declined"}
