"""Judging pages: entries, blind review, the judge's dashboard, scoring and pairwise pages,
the organisers' preview, publishing, the public results and the CSV exports."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreate.challenges.models import Comparison, Entry, EntryResult, Score
from cocreate.challenges.services import judging as services
from tests.challenges.judging_factories import entry, judge, judging_space, rubric, score_all, team
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def url(name, space, *args):
    return reverse(f"challenges:judging_{name}", args=[space.slug, *args])


def _queries(client, address) -> int:
    client.get(address)  # caches of phases and spaces warmed as in real use
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["visitor", "judge"])
def test_entries_page_runs_the_same_queries_for_2_or_10_entries(client, who):
    space, staff = judging_space()
    made = rubric(staff, space, blind=True)
    if who == "judge":
        client.force_login(judge(staff, made))
    for n in range(2):
        entry(space, title=f"Entry number {n}", team=team(space, lead := PersonFactory()), person=lead)
    few = _queries(client, url("entries", space))
    for n in range(2, 10):
        entry(space, title=f"Entry number {n}", team=team(space, lead := PersonFactory()), person=lead)
    assert _queries(client, url("entries", space)) == few


def test_a_blind_judge_does_not_see_who_is_behind_an_entry(client):
    space, staff = judging_space()
    made = rubric(staff, space, blind=True)
    lead = PersonFactory()
    submitted = entry(space, person=lead, title="Bus times", team=team(space, lead, name="The Night Owls"))
    client.force_login(judge(staff, made))
    for address in (
        url("entries", space),
        url("entry", space, submitted.pk),
        url("score", space, made.pk, submitted.pk),
        url("conflicts", space, made.pk),
    ):
        page = client.get(address).content.decode()
        assert "Bus times" in page and "The Night Owls" not in page, address
    client.force_login(staff)
    assert "The Night Owls" in client.get(url("entry", space, submitted.pk)).content.decode()


def test_submitting_an_entry_for_ones_team(client):
    space, _staff = judging_space()
    lead = PersonFactory()
    crew = team(space, lead)
    client.force_login(lead)
    assert client.get(url("entry_new", space)).status_code == 200
    response = client.post(
        url("entry_new", space),
        {"title": "Bus times", "team": crew.pk, "repository_url": "https://github.com/crew/bus", "demo_url": ""},
    )
    made = Entry.objects.get()
    assert response.status_code == 302 and made.team == crew
    assert client.get(response["Location"]).status_code == 200


def test_a_bad_link_is_shown_on_the_form(client):
    space, _staff = judging_space()
    client.force_login(PersonFactory())
    response = client.post(url("entry_new", space), {"title": "Bus times", "repository_url": "github"})
    assert response.status_code == 200
    assert "full web address" in response.content.decode()


def test_a_judge_declares_conflicts_before_the_dashboard(client):
    space, staff = judging_space()
    made = rubric(staff, space)
    mentored, other = entry(space, title="Mentored"), entry(space, title="Other")
    person = judge(staff, made, declare=False)
    client.force_login(person)
    response = client.get(url("dashboard", space, made.pk))
    assert response.status_code == 302 and response["Location"].endswith(url("conflicts", space, made.pk))
    response = client.post(
        url("conflicts", space, made.pk), {f"conflict_{mentored.pk}": "on", f"reason_{mentored.pk}": "I mentor them."}
    )
    assert response.status_code == 302
    page = client.get(url("dashboard", space, made.pk)).content.decode()
    assert "Conflict of interest declared" in page and "You have scored 0 of 1 entries" in page
    assert client.get(url("score", space, made.pk, mentored.pk)).status_code == 403
    assert client.get(url("score", space, made.pk, other.pk)).status_code == 200


def test_someone_who_is_not_a_judge_is_refused_the_dashboard(client):
    space, staff = judging_space()
    made = rubric(staff, space)
    client.force_login(PersonFactory())
    response = client.get(url("dashboard", space, made.pk))
    assert response.status_code == 403 and "Only the judges" in response.content.decode()


def test_the_scoring_form_shows_what_each_level_means_and_saves(client):
    space, staff = judging_space()
    made = rubric(staff, space)
    impact, feasibility = made.criteria.all()
    submitted = entry(space)
    client.force_login(judge(staff, made))
    page = client.get(url("score", space, made.pk, submitted.pk)).content.decode()
    assert 'type="radio"' in page and "4 – Impact level 4" in page
    response = client.post(url("score", space, made.pk, submitted.pk), {f"criterion_{impact.pk}": "4"})
    assert response.status_code == 200 and "Choose a score for “Feasibility”" in response.content.decode()
    response = client.post(
        url("score", space, made.pk, submitted.pk),
        {f"criterion_{impact.pk}": "4", f"criterion_{feasibility.pk}": "2", f"comment_{impact.pk}": "Strong."},
    )
    assert response.status_code == 302
    assert dict(Score.objects.values_list("criterion_id", "value")) == {impact.pk: 4, feasibility.pk: 2}


def test_the_pairwise_page_shows_two_entries_and_records_the_choice(client):
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    a, b, _c = entry(space, title="Alpha"), entry(space, title="Beta"), entry(space, title="Gamma")
    client.force_login(judge(staff, made))
    page = client.get(url("compare", space, made.pk)).content.decode()
    assert "Alpha" in page and "Beta" in page and "The left one is better" in page
    response = client.post(url("compare", space, made.pk), {"first": a.pk, "second": b.pk, "better": "second"})
    assert response.status_code == 302
    assert Comparison.objects.get().winner_id == b.pk
    page = client.get(url("compare", space, made.pk)).content.decode()
    assert "Gamma" in page and "compared 1 of 3 pairs" in page


def _scored(shortlist_size=1):
    space, staff = judging_space()
    made = rubric(staff, space, normalise=False, shortlist_size=shortlist_size)
    best, tied_a, tied_b = entry(space, title="Best"), entry(space, title="Tied A"), entry(space, title="Tied B")
    person = judge(staff, made)
    for submitted, value in ((best, 5), (tied_a, 3), (tied_b, 3)):
        score_all(person, made, submitted, value)
    return space, staff, made, best, tied_a


def test_the_preview_explains_ties_and_publishing_keeps_the_edited_reason(client):
    space, staff, made, best, tied_a = _scored()
    client.force_login(staff)
    page = client.get(url("preview", space, made.pk)).content.decode()
    assert "Tied on 3.00 with “Tied B”" in page
    response = client.post(
        url("preview", space, made.pk), {f"reason_{best.pk}": "Clear evidence of use.", "note": "A strong field."}
    )
    assert response.status_code == 302
    assert EntryResult.objects.get(entry=best).reason == "Clear evidence of use."
    client.logout()
    page = client.get(url("results", space, made.pk)).content.decode()
    assert "Clear evidence of use." in page and "Tied on 3.00" in page and "A strong field." in page


def test_results_are_not_shown_before_publication(client):
    space, staff, made, *_ = _scored()
    assert client.get(url("results", space, made.pk)).status_code == 404
    client.force_login(made.judges.get().person)
    assert client.get(url("preview", space, made.pk)).status_code == 403


def _csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_exports_per_judge_and_per_entry_read_back(client):
    space, staff, made, best, tied_a = _scored()
    client.force_login(staff)
    per_judge = _csv_rows(client.get(url("export_judges", space, made.pk)))
    assert per_judge[0][:4] == ["judge", "entry", "Impact", "Feasibility"]
    assert len(per_judge) == 4 and {row[1] for row in per_judge[1:]} == {"Best", "Tied A", "Tied B"}
    per_entry = _csv_rows(client.get(url("export_entries", space, made.pk)))
    assert per_entry[0][:4] == ["rank", "entry", "team", "score"]
    assert per_entry[1][:4] == ["1", "Best", "", "5.00"]
    assert [row[0] for row in per_entry[1:]] == ["1", "2", "2"]


def test_only_organisers_download_the_exports(client):
    space, staff, made, *_ = _scored()
    client.force_login(made.judges.get().person)
    assert client.get(url("export_judges", space, made.pk)).status_code == 403
    assert client.get(url("export_entries", space, made.pk)).status_code == 403


def test_an_organiser_sets_up_a_rubric_with_criteria_and_judges(client):
    space, staff = judging_space()
    client.force_login(staff)
    response = client.post(
        url("rubric_new", space),
        {
            "title": "Final judging",
            "mode": "scores",
            "lowest_score": 1,
            "highest_score": 3,
            "normalise": "on",
            "min_scores_to_normalise": 5,
            "trim": 0,
            "shortlist_size": 3,
        },
    )
    assert response.status_code == 302
    made = space.rubrics.get()
    response = client.post(
        url("criterion_new", space, made.pk),
        {"name": "Impact", "weight": "2", "level_1": "Little", "level_2": "Some", "level_3": "A lot"},
    )
    assert response.status_code == 302 and made.criteria.get().levels.count() == 3
    person = PersonFactory(email="judge@example.org")
    response = client.post(url("judge_assign", space, made.pk), {"email": "judge@example.org"})
    assert response.status_code == 302 and made.judges.get().person == person
    response = client.post(url("judge_assign", space, made.pk), {"email": "nobody@example.org"})
    assert "No one has an account" in response.content.decode()
    page = client.get(url("rubric", space, made.pk)).content.decode()
    assert "Impact" in page and "A lot" in page


def test_withdrawing_an_entry(client):
    space, _staff = judging_space()
    person = PersonFactory()
    submitted = entry(space, person=person)
    client.force_login(person)
    response = client.post(url("entry_withdraw", space, submitted.pk))
    assert response.status_code == 302
    assert Entry.objects.get().withdrawn_at is not None


@pytest.mark.parametrize("page", ["dashboard", "preview", "results"])
def test_judging_pages_run_the_same_queries_for_2_or_10_entries(client, page):
    space, staff = judging_space()
    made = rubric(staff, space, normalise=True, min_scores_to_normalise=2, trim=1)
    judges = [judge(staff, made) for _ in range(3)]

    def add(n):
        submitted = entry(space, title=f"Entry number {n}")
        for i, person in enumerate(judges):
            score_all(person, made, submitted, 1 + (n + i) % 5)

    def counted():
        if page == "results":
            services.results_publish(person=staff, rubric=made)
        client.force_login(judges[0] if page == "dashboard" else staff)
        queries = _queries(client, url(page, space, made.pk))
        if page == "results":
            EntryResult.objects.all().delete()
            type(made).objects.filter(pk=made.pk).update(published_at=None)
            made.published_at = None
        return queries

    for n in range(2):
        add(n)
    few = counted()
    for n in range(2, 10):
        add(n)
    assert counted() == few
