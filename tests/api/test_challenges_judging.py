"""The judging API: entries (blind review too), submitting an entry, published results."""

import pytest

from cocreate.challenges.services import judging as services
from tests.api.api_client import assert_error, count_queries
from tests.challenges.judging_factories import entry, judge, judging_space, rubric, score_all, team
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_entries_are_listed_in_the_same_queries_for_2_or_10(visitor):
    space, _staff = judging_space()
    for n in range(2):
        entry(space, title=f"Entry {n}")
    few = count_queries(lambda: visitor.get(f"/spaces/{space.slug}/entries"))
    for n in range(2, 10):
        entry(space, title=f"Entry {n}")
    assert count_queries(lambda: visitor.get(f"/spaces/{space.slug}/entries")) == few
    body = visitor.get(f"/spaces/{space.slug}/entries").json()
    assert body["count"] == 10 and body["items"][0]["title"] == "Entry 0"


def test_a_blind_judge_gets_entries_without_who_is_behind_them(api_as):
    space, staff = judging_space()
    made = rubric(staff, space, blind=True)
    lead = PersonFactory()
    entry(space, person=lead, title="Bus times", team=team(space, lead, name="The Night Owls"))
    item = api_as(judge(staff, made)).get(f"/spaces/{space.slug}/entries").json()["items"][0]
    assert item["title"] == "Bus times" and item["team"] is None and item["submitted_by"] is None
    item = api_as(staff).get(f"/spaces/{space.slug}/entries").json()["items"][0]
    assert item["team"] == "The Night Owls"


def test_submitting_an_entry_for_ones_team(api_as):
    space, _staff = judging_space(template="hackathon")
    lead = PersonFactory()
    crew = team(space, lead, name="Owls")
    response = api_as(lead).post(
        f"/spaces/{space.slug}/entries",
        {"title": "Bus times", "team": crew.pk, "repository_url": "https://github.com/owls/bus"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["team"] == "Owls"


def test_a_hackathon_entry_without_links_is_refused_with_the_field(api_as):
    space, _staff = judging_space(template="hackathon")
    response = api_as(PersonFactory()).post(f"/spaces/{space.slug}/entries", {"title": "Bus times"})
    assert_error(response, 422, field="repository_url", detail="repository")


def test_submitting_needs_an_account(visitor):
    space, _staff = judging_space()
    response = visitor.post(f"/spaces/{space.slug}/entries", {"title": "Bus times"})
    assert response.status_code == 401


def test_published_results_with_reasons(visitor):
    space, staff = judging_space()
    made = rubric(staff, space, normalise=False)
    best, other = entry(space, title="Best"), entry(space, title="Other")
    person = judge(staff, made)
    score_all(person, made, best, 5)
    score_all(person, made, other, 2)
    path = f"/spaces/{space.slug}/rubrics/{made.pk}/results"
    assert visitor.get(path).status_code == 404
    services.results_publish(person=staff, rubric=made, reasons={best.pk: "Clear evidence of use."})
    body = visitor.get(path).json()
    assert [(r["title"], r["rank"]) for r in body["results"]] == [("Best", 1), ("Other", 2)]
    assert body["results"][0]["reason"] == "Clear evidence of use."
