"""Judging reads: the computed results (evening out, trimming, ties, pairwise), the next pair
to compare, the judge's dashboard, blind review and the personal data download."""

import pytest

from cocreate.accounts.personal_data import export_sections
from cocreate.challenges.selectors import judging as selectors
from cocreate.challenges.services import judging as services
from tests.challenges.judging_factories import entry, judge, judging_space, rubric, score_all
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_generous_judge_is_evened_out_once_they_have_scored_enough():
    space, staff = judging_space()
    made = rubric(staff, space, normalise=True, min_scores_to_normalise=2)
    a, b = entry(space, title="Ann"), entry(space, title="Ben")
    strict, generous = judge(staff, made), judge(staff, made)
    # The strict judge prefers A; the generous one gives B one point more than A, but all high.
    score_all(strict, made, a, 3)
    score_all(strict, made, b, 1)
    score_all(generous, made, a, 4)
    score_all(generous, made, b, 5)
    rows = {r.entry.title: r for r in selectors.results_compute(rubric=made).rows}
    # Raw averages would tie (3.5 and 3); evened out, each judge's preference counts the same.
    assert rows["Ann"].tied and rows["Ben"].tied
    assert "Tied on" in rows["Ann"].explanation and "evened out" in rows["Ann"].explanation
    assert all(m.evened_out for m in rows["Ann"].marks)


def test_a_judge_with_too_few_marks_keeps_their_marks_as_given():
    space, staff = judging_space()
    made = rubric(staff, space, normalise=True, min_scores_to_normalise=3)
    a = entry(space)
    person = judge(staff, made)
    score_all(person, made, a, 4)
    row = selectors.results_compute(rubric=made).rows[0]
    assert row.marks[0].evened_out is False and row.score == pytest.approx(4.0)


def test_the_highest_and_lowest_marks_are_left_out_when_three_judges_marked():
    space, staff = judging_space()
    made = rubric(staff, space, normalise=False, trim=1)
    a = entry(space)
    for value in (1, 3, 5):
        score_all(judge(staff, made), made, a, value)
    row = selectors.results_compute(rubric=made).rows[0]
    assert row.trimmed and row.score == pytest.approx(3.0)
    assert sorted(m.raw for m in row.marks if not m.counted) == [1.0, 5.0]
    assert "leaving out the highest and the lowest mark" in row.explanation


def test_weights_make_one_criterion_count_more():
    space, staff = judging_space()
    made = rubric(staff, space, normalise=False, criteria=(("Impact", 3), ("Looks", 1)))
    impact, looks = made.criteria.all()
    a = entry(space)
    services.score_record(person=judge(staff, made), rubric=made, entry=a, values={impact.pk: 5, looks.pk: 1})
    assert selectors.results_compute(rubric=made).rows[0].score == pytest.approx(4.0)


def test_withdrawn_and_unjudged_entries():
    space, staff = judging_space()
    made = rubric(staff, space)
    person = PersonFactory()
    gone, _waiting = entry(space, person=person, title="Gone"), entry(space, title="Waiting")
    score_all(judge(staff, made), made, gone, 4)
    services.entry_withdraw(person=person, entry=gone)
    rows = selectors.results_compute(rubric=made).rows
    assert [r.entry.title for r in rows] == ["Waiting"]
    assert rows[0].rank is None and rows[0].explanation == "Not judged yet."


def test_pairwise_results_rank_by_bradley_terry_and_explain_wins():
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    a, b, c = entry(space, title="Ann"), entry(space, title="Ben"), entry(space, title="Cal")
    person = judge(staff, made)
    for first, second in ((a, b), (a, c), (b, c)):
        services.comparison_record(person=person, rubric=made, first=first, second=second, better="first")
    rows = selectors.results_compute(rubric=made).rows
    assert [(r.entry.title, r.rank) for r in rows] == [("Ann", 1), ("Ben", 2), ("Cal", 3)]
    assert "Found better in 2 of 2 comparisons" in rows[0].explanation


def test_the_next_pair_is_the_one_compared_least_and_skips_conflicts():
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    a, b, c = entry(space), entry(space), entry(space)
    other = judge(staff, made)
    services.comparison_record(person=other, rubric=made, first=a, second=b, better="same")
    person = judge(staff, made)
    progress = selectors.pair_next(rubric=made, person=person)
    assert {e.pk for e in progress.pair} != {a.pk, b.pk}
    assert (progress.done, progress.possible) == (0, 3)
    conflicted = judge(staff, made, conflicts={c.pk: "My team."})
    progress = selectors.pair_next(rubric=made, person=conflicted)
    assert {e.pk for e in progress.pair} == {a.pk, b.pk} and progress.possible == 1


def test_the_dashboard_shows_progress_per_entry():
    space, staff = judging_space()
    made = rubric(staff, space)
    a, b = entry(space, title="Ann"), entry(space, title="Ben")
    person = judge(staff, made, conflicts={b.pk: "I mentor them."})
    score_all(person, made, a, 3)
    rows = {r.entry.title: r for r in selectors.judge_dashboard(rubric=made, person=person)}
    assert rows["Ann"].done and not rows["Ann"].conflicted
    assert rows["Ben"].conflicted and not rows["Ben"].done


def test_identity_is_hidden_only_from_judges_of_a_blind_rubric_until_published():
    space, staff = judging_space()
    made = rubric(staff, space, blind=True)
    person = judge(staff, made)
    assert selectors.identity_hidden(viewer=person, space=space)
    assert not selectors.identity_hidden(viewer=staff, space=space)
    assert not selectors.identity_hidden(viewer=PersonFactory(), space=space)
    score_all(person, made, entry(space), 3)
    services.results_publish(person=staff, rubric=made)
    assert not selectors.identity_hidden(viewer=person, space=space)


def test_the_data_download_holds_ones_entries_and_ones_own_scores_only():
    space, staff = judging_space()
    made = rubric(staff, space)
    author = PersonFactory()
    submitted = entry(space, person=author, title="Bus times")
    me, other = judge(staff, made), judge(staff, made)
    score_all(me, made, submitted, 4)
    score_all(other, made, submitted, 2)
    sections = export_sections()
    assert [e["title"] for e in sections["entries submitted for judging"](author)] == ["Bus times"]
    assert {s["score"] for s in sections["scores given as a judge"](me)} == {4}


def test_deleting_an_account_keeps_the_marks_but_not_why_a_conflict_was_declared():
    from cocreate.challenges.models import Conflict, Score
    from cocreate.challenges.personal_data.judging import erase

    space, staff = judging_space()
    made = rubric(staff, space)
    a, b = entry(space), entry(space)
    person = judge(staff, made, conflicts={b.pk: "My sister's team."})
    score_all(person, made, a, 4)
    erase(person)
    assert Conflict.objects.get().reason == "" and Score.objects.filter(judge__person=person).count() == 2
