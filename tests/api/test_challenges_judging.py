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


# --- Withdrawing an entry -------------------------------------------------------------------


def test_the_submitter_withdraws_an_entry(api_as, visitor):
    space, _staff = judging_space()
    person = PersonFactory()
    made = entry(space, person=person, title="Bus times")
    response = api_as(person).delete(f"/spaces/{space.slug}/entries/{made.pk}")
    assert response.status_code == 204, response.content
    assert visitor.get(f"/spaces/{space.slug}/entries").json()["count"] == 0
    assert api_as(person).delete(f"/spaces/{space.slug}/entries/{made.pk}").status_code == 404


def test_someone_else_may_not_withdraw_an_entry(api_as):
    space, _staff = judging_space()
    made = entry(space, title="Bus times")
    response = api_as(PersonFactory()).delete(f"/spaces/{space.slug}/entries/{made.pk}")
    assert_error(response, 403, detail="Only the person who submitted an entry")


def test_withdrawing_an_unknown_entry_is_not_found(api_as):
    space, _staff = judging_space()
    assert_error(api_as(PersonFactory()).delete(f"/spaces/{space.slug}/entries/999999"), 404)


# --- Rubrics and criteria -------------------------------------------------------------------


def test_an_organiser_creates_a_rubric_and_adds_a_criterion_with_levels(api_as):
    space, staff = judging_space()
    client = api_as(staff)
    created = client.post(
        f"/spaces/{space.slug}/rubrics", {"title": "Final judging", "lowest_score": 1, "highest_score": 3}
    )
    assert created.status_code == 201, created.content
    rubric_id = created.json()["id"]
    assert (created.json()["mode"], created.json()["criteria"]) == ("scores", [])
    added = client.post(
        f"/spaces/{space.slug}/rubrics/{rubric_id}/criteria",
        {
            "name": "Impact",
            "weight": 2,
            "levels": [
                {"score": 1, "description": "Little change"},
                {"score": 2, "description": "Some change"},
                {"score": 3, "description": "Big change"},
            ],
        },
    )
    assert added.status_code == 201, added.content
    assert [level["score"] for level in added.json()["levels"]] == [1, 2, 3]
    body = client.get(f"/spaces/{space.slug}/rubrics/{rubric_id}").json()
    assert body["criteria"][0]["name"] == "Impact" and body["criteria"][0]["weight"] == 2.0


def test_an_organiser_updates_a_rubric(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    response = api_as(staff).patch(
        f"/spaces/{space.slug}/rubrics/{made.pk}", {"title": "Final round", "shortlist_size": 5}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["shortlist_size"], response.json()["highest_score"]) == (
        "Final round",
        5,
        5,
    )


def test_only_organisers_create_rubrics(api_as):
    space, _staff = judging_space()
    response = api_as(PersonFactory()).post(f"/spaces/{space.slug}/rubrics", {"title": "Final judging"})
    assert_error(response, 403, detail="Only the organisers")


def test_a_rubric_whose_scale_does_not_go_up_names_the_field(api_as):
    space, staff = judging_space()
    response = api_as(staff).post(
        f"/spaces/{space.slug}/rubrics", {"title": "Final judging", "lowest_score": 5, "highest_score": 5}
    )
    assert_error(response, 422, field="highest_score", detail="above the lowest")


def test_the_scale_cannot_change_once_judged(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    score_all(judge(staff, made), made, entry(space), 3)
    response = api_as(staff).patch(f"/spaces/{space.slug}/rubrics/{made.pk}", {"highest_score": 7})
    assert_error(response, 422, field="highest_score", detail="Judges have started judging")


def test_a_criterion_missing_a_level_names_it(api_as):
    space, staff = judging_space()
    made = rubric(staff, space, criteria=())
    response = api_as(staff).post(
        f"/spaces/{space.slug}/rubrics/{made.pk}/criteria",
        {"name": "Impact", "levels": [{"score": s, "description": f"Level {s}"} for s in (1, 2, 3, 4)]},
    )
    assert_error(response, 422, field="level_5", detail="a score of 5")


def test_only_organisers_add_criteria_and_people_who_are_not_judges_do_not_see_the_rubric(api_as):
    space, staff = judging_space()
    made = rubric(staff, space, criteria=())
    outsider = api_as(PersonFactory())
    response = outsider.post(
        f"/spaces/{space.slug}/rubrics/{made.pk}/criteria",
        {"name": "Impact", "levels": [{"score": s, "description": f"Level {s}"} for s in made.scale()]},
    )
    assert_error(response, 403, detail="Only the organisers")
    assert_error(outsider.get(f"/spaces/{space.slug}/rubrics/{made.pk}"), 403)
    assert api_as(judge(staff, made)).get(f"/spaces/{space.slug}/rubrics/{made.pk}").status_code == 200


def test_rubrics_are_listed_for_everyone(visitor):
    space, staff = judging_space()
    rubric(staff, space, title="First round")
    rubric(staff, space, title="Final", mode="pairwise")
    body = visitor.get(f"/spaces/{space.slug}/rubrics").json()
    assert [(r["title"], r["mode"]) for r in body["items"]] == [("First round", "scores"), ("Final", "pairwise")]


# --- Judges and conflicts ---------------------------------------------------------------------


def test_an_organiser_assigns_a_judge_by_email(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    person = PersonFactory()
    client = api_as(staff)
    response = client.post(f"/spaces/{space.slug}/rubrics/{made.pk}/judges", {"email": person.email.upper()})
    assert response.status_code == 201, response.content
    assert response.json()["declared_at"] is None
    listed = client.get(f"/spaces/{space.slug}/rubrics/{made.pk}/judges").json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == person.public_name


def test_assigning_someone_without_an_account_names_the_field(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    response = api_as(staff).post(f"/spaces/{space.slug}/rubrics/{made.pk}/judges", {"email": "nobody@example.org"})
    assert_error(response, 422, field="email", detail="No one has an account")


def test_only_organisers_assign_judges_or_see_them(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    outsider = api_as(PersonFactory())
    path = f"/spaces/{space.slug}/rubrics/{made.pk}/judges"
    assert_error(outsider.post(path, {"email": staff.email}), 403, detail="Only the organisers")
    assert_error(outsider.get(path), 403, detail="Only the organisers")


def test_the_judges_list_runs_a_constant_number_of_queries(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    client = api_as(staff)
    path = f"/spaces/{space.slug}/rubrics/{made.pk}/judges"
    for _n in range(2):
        judge(staff, made)
    client.get(path)  # the API key's first use is recorded once
    few = count_queries(lambda: client.get(path))
    for _n in range(8):
        judge(staff, made)
    assert count_queries(lambda: client.get(path)) == few


def test_a_judge_declares_conflicts(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    mine = entry(space, title="My mentee's entry")
    person = judge(staff, made, declare=False)
    response = api_as(person).put(
        f"/spaces/{space.slug}/rubrics/{made.pk}/conflicts",
        {"conflicts": [{"entry": mine.pk, "reason": "I mentor this team."}]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["conflicts"] == [{"entry": mine.pk, "reason": "I mentor this team."}]
    none = api_as(person).put(f"/spaces/{space.slug}/rubrics/{made.pk}/conflicts", {"conflicts": []})
    assert none.status_code == 200 and none.json()["conflicts"] == []


def test_someone_who_is_not_a_judge_cannot_declare_conflicts(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    response = api_as(PersonFactory()).put(f"/spaces/{space.slug}/rubrics/{made.pk}/conflicts", {"conflicts": []})
    assert_error(response, 403, detail="Only the judges the organisers assigned")


def test_a_conflict_without_a_reason_names_it(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    mine = entry(space)
    person = judge(staff, made, declare=False)
    response = api_as(person).put(
        f"/spaces/{space.slug}/rubrics/{made.pk}/conflicts", {"conflicts": [{"entry": mine.pk, "reason": " "}]}
    )
    assert_error(response, 422, field=f"reason_{mine.pk}", detail="Say in a few words why")


# --- Scores and comparisons -------------------------------------------------------------------


def test_a_judge_records_scores_for_an_entry(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    person = judge(staff, made)
    target = entry(space)
    impact, feasibility = made.criteria.all()
    response = api_as(person).put(
        f"/spaces/{space.slug}/rubrics/{made.pk}/entries/{target.pk}/scores",
        {
            "scores": [
                {"criterion": impact.pk, "score": 4, "comment": "Strong"},
                {"criterion": feasibility.pk, "score": 2},
            ]
        },
    )
    assert response.status_code == 200, response.content
    assert {(m["criterion"], m["score"]) for m in response.json()} == {(impact.pk, 4), (feasibility.pk, 2)}


def test_someone_who_is_not_a_judge_may_not_score(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    target = entry(space)
    response = api_as(PersonFactory()).put(
        f"/spaces/{space.slug}/rubrics/{made.pk}/entries/{target.pk}/scores",
        {"scores": [{"criterion": c.pk, "score": 3} for c in made.criteria.all()]},
    )
    assert_error(response, 403, detail="Only the judges the organisers assigned")


def test_a_missing_score_names_the_criterion(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    person = judge(staff, made)
    target = entry(space)
    impact, feasibility = made.criteria.all()
    response = api_as(person).put(
        f"/spaces/{space.slug}/rubrics/{made.pk}/entries/{target.pk}/scores",
        {"scores": [{"criterion": impact.pk, "score": 4}]},
    )
    assert_error(response, 422, field=f"criterion_{feasibility.pk}", detail="Feasibility")


def test_a_judge_gets_the_next_pair_and_compares_it(api_as):
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    one, two = entry(space, title="One"), entry(space, title="Two")
    client = api_as(judge(staff, made))
    pair = client.get(f"/spaces/{space.slug}/rubrics/{made.pk}/next-pair").json()
    assert {pair["first"]["id"], pair["second"]["id"]} == {one.pk, two.pk}
    assert (pair["done"], pair["possible"]) == (0, 1)
    compared = client.post(
        f"/spaces/{space.slug}/rubrics/{made.pk}/comparisons",
        {"first": pair["first"]["id"], "second": pair["second"]["id"], "better": "second"},
    )
    assert compared.status_code == 201, compared.content
    assert compared.json()["winner"] == pair["second"]["id"]
    after = client.get(f"/spaces/{space.slug}/rubrics/{made.pk}/next-pair").json()
    assert (after["first"], after["done"]) == (None, 1)


def test_someone_who_is_not_a_judge_may_not_compare(api_as):
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    one, two = entry(space), entry(space)
    client = api_as(PersonFactory())
    body = {"first": one.pk, "second": two.pk, "better": "first"}
    assert_error(client.post(f"/spaces/{space.slug}/rubrics/{made.pk}/comparisons", body), 403)
    assert_error(client.get(f"/spaces/{space.slug}/rubrics/{made.pk}/next-pair"), 403)


def test_a_comparison_with_an_unknown_answer_names_the_field(api_as):
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    one, two = entry(space), entry(space)
    response = api_as(judge(staff, made)).post(
        f"/spaces/{space.slug}/rubrics/{made.pk}/comparisons", {"first": one.pk, "second": two.pk, "better": "both"}
    )
    assert_error(response, 422, field="better")


# --- Preview and publication ------------------------------------------------------------------


def test_organisers_preview_and_publish_with_their_reasons(api_as, visitor):
    space, staff = judging_space()
    made = rubric(staff, space, normalise=False)
    best, other = entry(space, title="Best"), entry(space, title="Other")
    person = judge(staff, made)
    score_all(person, made, best, 5)
    score_all(person, made, other, 2)
    client = api_as(staff)
    preview = client.get(f"/spaces/{space.slug}/rubrics/{made.pk}/preview").json()
    assert [(r["title"], r["rank"]) for r in preview["rows"]] == [("Best", 1), ("Other", 2)]
    assert preview["rows"][0]["marks"][0]["judge"] == person.public_name and preview["rows"][0]["explanation"]
    published = client.post(
        f"/spaces/{space.slug}/rubrics/{made.pk}/results",
        {"reasons": [{"entry": best.pk, "reason": "Clear evidence of use."}], "note": "Thank you all."},
    )
    assert published.status_code == 201, published.content
    body = visitor.get(f"/spaces/{space.slug}/rubrics/{made.pk}/results").json()
    assert body["note"] == "Thank you all." and body["results"][0]["reason"] == "Clear evidence of use."


def test_only_organisers_preview_or_publish(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    score_all(judge(staff, made), made, entry(space), 3)
    outsider = api_as(PersonFactory())
    assert_error(outsider.get(f"/spaces/{space.slug}/rubrics/{made.pk}/preview"), 403, detail="Only the organisers")
    assert_error(
        outsider.post(f"/spaces/{space.slug}/rubrics/{made.pk}/results", {}), 403, detail="Only the organisers"
    )


def test_a_too_long_public_reason_names_the_field(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    best = entry(space)
    score_all(judge(staff, made), made, best, 3)
    response = api_as(staff).post(
        f"/spaces/{space.slug}/rubrics/{made.pk}/results", {"reasons": [{"entry": best.pk, "reason": "x" * 2001}]}
    )
    assert_error(response, 422, field="reasons.0.reason", detail="at most 2000")


def test_publishing_before_any_mark_is_refused(api_as):
    space, staff = judging_space()
    made = rubric(staff, space)
    entry(space)
    response = api_as(staff).post(f"/spaces/{space.slug}/rubrics/{made.pk}/results", {})
    assert_error(response, 422, detail="nothing to publish")


def test_judging_runs_end_to_end_through_the_api(api_as, visitor):
    """Organisers set up a rubric and a judge → teams submit → the judge declares conflicts and
    scores → organisers preview and publish → everyone reads the results."""
    space, staff = judging_space()
    organiser, judge_person = api_as(staff), PersonFactory()
    slug = space.slug
    rubric_id = organiser.post(
        f"/spaces/{slug}/rubrics", {"title": "Final judging", "lowest_score": 1, "highest_score": 3, "normalise": False}
    ).json()["id"]
    levels = [{"score": s, "description": f"Level {s}"} for s in (1, 2, 3)]
    criterion = organiser.post(f"/spaces/{slug}/rubrics/{rubric_id}/criteria", {"name": "Impact", "levels": levels})
    assert criterion.status_code == 201, criterion.content
    assigned = organiser.post(f"/spaces/{slug}/rubrics/{rubric_id}/judges", {"email": judge_person.email})
    assert assigned.status_code == 201, assigned.content
    entries = []
    for title in ("Bus times", "Park benches"):
        lead = PersonFactory()
        made = api_as(lead).post(f"/spaces/{slug}/entries", {"title": title, "team": team(space, lead).pk})
        assert made.status_code == 201, made.content
        entries.append(made.json()["id"])
    judging = api_as(judge_person)
    assert judging.put(f"/spaces/{slug}/rubrics/{rubric_id}/conflicts", {"conflicts": []}).status_code == 200
    for entry_id, value in zip(entries, (3, 1), strict=True):
        scored = judging.put(
            f"/spaces/{slug}/rubrics/{rubric_id}/entries/{entry_id}/scores",
            {"scores": [{"criterion": criterion.json()["id"], "score": value}]},
        )
        assert scored.status_code == 200, scored.content
    preview = organiser.get(f"/spaces/{slug}/rubrics/{rubric_id}/preview").json()
    assert [r["entry"] for r in preview["rows"]] == entries
    assert organiser.post(f"/spaces/{slug}/rubrics/{rubric_id}/results", {}).status_code == 201
    results = visitor.get(f"/spaces/{slug}/rubrics/{rubric_id}/results").json()["results"]
    assert [(r["title"], r["rank"]) for r in results] == [("Bus times", 1), ("Park benches", 2)]
