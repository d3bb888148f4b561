"""Counting a participatory budget: small elections worked out by hand (each kind of ballot,
ties, reasons), and invariants checked on many random elections."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.algorithms import equal_shares
from cocreate.algorithms.budget_counting import Election, ElectionError, Reason, Rule, VoteType, count, count_rules

WITH_POINTS = (VoteType.CUMULATIVE, VoteType.SCORING)


def election(costs: dict[str, float], ballots: list, budget: float, vote_type=VoteType.APPROVAL) -> Election:
    """`ballots`: lists of project ids, or of (id, points) pairs for cumulative ballots."""
    ids = list(costs)
    starts, entries, points = [0], [], []
    for ballot in ballots:
        for choice in ballot:
            project, score = choice if isinstance(choice, tuple) else (choice, 1)
            entries.append(ids.index(project))
            points.append(score)
        starts.append(len(entries))
    return Election(
        project_ids=ids,
        costs=np.array(list(costs.values()), dtype=np.float64),
        budget=budget,
        vote_type=vote_type,
        vote_starts=np.array(starts),
        vote_projects=np.array(entries, dtype=np.int64),
        vote_points=np.array(points, dtype=np.float64) if vote_type in WITH_POINTS else None,
    )


def funded(outcome, e: Election) -> list[str]:
    return outcome.selected_ids(e.project_ids)


# Six voters want two big projects, four want one: greedy gives the majority everything, equal
# shares gives the minority its share.
MAJORITY = election(
    {"p1": 50, "p2": 50, "q": 40, "r": 10},
    [["p1", "p2"]] * 6 + [["q"]] * 3 + [["q", "r"]],
    budget=100,
)


def test_greedy_funds_by_votes_and_skips_what_no_longer_fits():
    e = election({"a": 8, "b": 5, "c": 2}, [["a", "b", "c"], ["a", "b"], ["a"]], budget=10)
    outcome = count(e, Rule.GREEDY)
    assert funded(outcome, e) == ["a", "c"] and outcome.cost == 10
    assert outcome.reasons == [Reason.FUNDED, Reason.DID_NOT_FIT, Reason.FUNDED]
    assert outcome.money_left[1] == 2  # only 2 was left when b's turn came
    assert outcome.scores.tolist() == [3, 2, 1] and outcome.funding_order.tolist() == [0, -1, 1]


def test_equal_scores_go_to_the_id_that_comes_first_as_a_string():
    e = election({"9": 10, "10": 10}, [["9", "10"], ["9", "10"]], budget=10)
    assert funded(count(e, Rule.GREEDY), e) == ["10"]  # "10" < "9" as strings
    outcome = count(e, Rule.MES)
    assert funded(outcome, e) == ["10"] and outcome.reasons[0] == Reason.SUPPORTERS_RAN_OUT


def test_equal_shares_gives_the_minority_its_share():
    assert funded(count(MAJORITY, Rule.GREEDY), MAJORITY) == ["p1", "p2"]
    outcome = count(MAJORITY, Rule.MES)
    assert funded(outcome, MAJORITY) == ["p1", "q"] and outcome.cost == 90
    assert outcome.reasons == [Reason.FUNDED, Reason.SUPPORTERS_RAN_OUT, Reason.FUNDED, Reason.SUPPORTERS_RAN_OUT]
    assert outcome.voter_budget == 10
    assert outcome.paid_by_voters() == pytest.approx([50, 0, 40, 0])
    assert outcome.spent_by_voter() == pytest.approx([50 / 6] * 6 + [10] * 4)
    assert outcome.money_left[1] == pytest.approx(10)  # six voters with 10 − 50/6 each, for a cost of 50


def test_greedy_completion_spends_what_equal_shares_left():
    outcome = count(MAJORITY, Rule.MES_GREEDY)
    assert funded(outcome, MAJORITY) == ["p1", "q", "r"] and outcome.cost == 100
    assert outcome.reasons[3] == Reason.FUNDED_WITH_MONEY_LEFT and outcome.reasons[1] == Reason.DID_NOT_FIT


def test_add1_raises_the_shares_until_the_budget_is_used():
    # Each voter has 5; a costs 6 (3 each), then the first voter has 2 left for b (4).
    e = election({"a": 6, "b": 4}, [["a", "b"], ["a"]], budget=10)
    assert funded(count(e, Rule.MES), e) == ["a"]
    outcome = count(e, Rule.MES_ADD1)
    assert funded(outcome, e) == ["a", "b"] and outcome.increments == 2 and outcome.voter_budget == 7
    # Without the stop at an exhaustive result, it raises until pabutools' bound (budget steps).
    assert count(e, Rule.MES_ADD1_NO_STOP).increments == 10


def test_add1_keeps_the_last_result_that_did_not_overspend():
    # Shares of 3: b and c tie (b wins by id), then a. One more unit each and the voters of b
    # and c would fund both: 11 > 9, so the counting with shares of 3 stands.
    e = election({"a": 3, "b": 4, "c": 4}, [["a"], ["b", "c"], ["b", "c"]], budget=9)
    assert funded(count(e, Rule.MES), e) == ["a", "b"]
    outcome = count(e, Rule.MES_ADD1_NO_STOP)
    assert funded(outcome, e) == ["a", "b"] and outcome.increments == 0
    assert outcome.funding_order.tolist() == [1, 0, -1]


def test_points_are_the_satisfaction_of_cumulative_ballots():
    e = election({"a": 5, "b": 5}, [[("a", 3)], [("a", 1), ("b", 2)]], budget=10, vote_type=VoteType.CUMULATIVE)
    assert count(e, Rule.GREEDY).scores.tolist() == [4, 2]
    outcome = count(e, Rule.MES)
    # a costs 5/4 per point: 3.75 for the first voter, 1.25 for the second, who keeps 3.75 < 5 for b.
    assert funded(outcome, e) == ["a"]
    assert outcome.payments == pytest.approx([3.75, 1.25, 0])
    assert outcome.reasons[1] == Reason.SUPPORTERS_RAN_OUT


def test_rankings_count_as_borda_scores():
    e = election({"a": 1, "b": 1, "c": 1}, [["a", "b", "c"], ["b", "a", "c"]], budget=3, vote_type=VoteType.ORDINAL)
    assert count(e, Rule.GREEDY).scores.tolist() == [3, 3, 0]
    outcome = count(e, Rule.MES)
    assert funded(outcome, e) == ["a", "b"]
    assert outcome.reasons[2] == Reason.NO_SUPPORT  # only ever ranked last: Borda score 0


def test_choose_one_counts_like_approval():
    ballots = [["a"], ["a"], ["b"]]
    one = election({"a": 3, "b": 3}, ballots, budget=4, vote_type=VoteType.CHOOSE_1)
    approval = election({"a": 3, "b": 3}, ballots, budget=4)
    for rule in Rule:
        assert funded(count(one, rule), one) == funded(count(approval, rule), approval)


def test_an_election_without_ballots_still_counts():
    e = election({"a": 3, "b": 3}, [], budget=4)
    assert funded(count(e, Rule.MES), e) == []
    assert count(e, Rule.MES).reasons == [Reason.NO_SUPPORT] * 2
    assert funded(count(e, Rule.GREEDY), e) == ["a"]  # pabutools: unsupported projects still fill the budget


def test_arrays_that_are_not_ballots_are_refused():
    e = election({"a": 3}, [["a"]], budget=4)
    bad = Election(e.project_ids, e.costs, 4, VoteType.APPROVAL, np.array([0, 2]), np.array([0, 0]))
    with pytest.raises(ElectionError, match="same project twice"):
        count(bad, Rule.MES)
    with pytest.raises(ElectionError, match="does not exist"):
        count(Election(["a"], np.array([3.0]), 4, VoteType.APPROVAL, np.array([0, 1]), np.array([1])), "greedy")
    with pytest.raises(ElectionError, match="need points"):
        count(Election(["a"], np.array([3.0]), 4, VoteType.CUMULATIVE, np.array([0, 1]), np.array([0])), "mes")
    with pytest.raises(ValueError):
        count(e, "lottery")


@st.composite
def elections(draw, max_budget=1000):
    vote_type = draw(st.sampled_from(list(VoteType)))
    m = draw(st.integers(1, 7))
    names = st.sampled_from(["a", "b", "c", "10", "9", "x", "y", "z"])
    ids = draw(st.lists(names, min_size=m, max_size=m, unique=True))
    costs = draw(st.lists(st.sampled_from([0, 1, 5, 10, 10, 25, 40, 100, 250]), min_size=m, max_size=m))
    n = draw(st.integers(0, 12))
    ballots = []
    for _ in range(n):
        chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=1 if vote_type == VoteType.CHOOSE_1 else m))
        if vote_type in WITH_POINTS:
            chosen = [(p, draw(st.integers(1, 4))) for p in chosen]
        ballots.append(chosen)
    budget = draw(st.integers(0, max_budget))
    return election(dict(zip(ids, costs, strict=True)), ballots, budget, vote_type)


def total(e: Election, selected) -> Fraction:
    return sum((Fraction(int(e.costs[j])) for j in selected), Fraction(0))


def exhaustive(e: Election, selected) -> bool:
    left = Fraction(e.budget) - total(e, selected)
    return all(e.costs[j] > left for j in set(range(e.num_projects)) - set(selected.tolist()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(), st.sampled_from(list(Rule)))
def test_no_rule_overspends_or_funds_a_project_twice(e, rule):
    outcome = count(e, rule)
    assert len(set(outcome.selected.tolist())) == len(outcome.selected)
    assert total(e, outcome.selected) <= e.budget
    assert outcome.cost == float(total(e, outcome.selected))
    assert sorted(np.flatnonzero(outcome.funding_order >= 0).tolist()) == sorted(outcome.selected.tolist())


@settings(max_examples=150, deadline=None)
@given(elections(), st.sampled_from([Rule.GREEDY, Rule.MES_GREEDY]))
def test_greedy_and_greedy_completion_leave_no_project_that_fits(e, rule):
    assert exhaustive(e, count(e, rule).selected)


@settings(max_examples=150, deadline=None)
@given(elections(), st.sampled_from([Rule.MES, Rule.MES_ADD1, Rule.MES_ADD1_NO_STOP]))
def test_equal_shares_never_charges_a_voter_more_than_their_share(e, rule):
    outcome = count(e, rule)
    if e.num_voters == 0:
        return
    assert (outcome.spent_by_voter() <= outcome.voter_budget * (1 + 1e-9)).all()
    assert outcome.voter_budget == pytest.approx((e.budget + outcome.increments * e.num_voters) / e.num_voters)
    paid = outcome.paid_by_voters()
    for j in range(e.num_projects):
        expected = e.costs[j] if outcome.reasons[j] == Reason.FUNDED else 0
        assert paid[j] == pytest.approx(expected, rel=1e-9, abs=1e-9)


def add1_one_step_at_a_time(e: Election, stop_when_exhaustive: bool) -> list[int]:
    """pabutools' exhaustion_by_budget_increase, literally: a fresh counting for every step."""
    s = equal_shares._Supporters(e.costs, e.vote_starts, e.vote_projects, e.satisfactions())
    n, previous = e.num_voters, []
    for step in range(int(e.budget) + 1):
        selected = equal_shares._Counting(s, (e.budget + step * n) / n, e.tie_rank(), certify=False).selected
        if total(e, selected) > e.budget:
            return previous
        if stop_when_exhaustive and exhaustive(e, np.array(selected)):
            return selected
        previous = selected
    return previous


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(max_budget=300).filter(lambda e: e.num_voters > 0), st.booleans())
def test_add1_skipping_proven_steps_gives_the_same_result_as_counting_every_step(e, stop):
    rule = Rule.MES_ADD1 if stop else Rule.MES_ADD1_NO_STOP
    assert sorted(count(e, rule).selected.tolist()) == sorted(add1_one_step_at_a_time(e, stop))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(max_budget=300))
def test_counting_several_rules_at_once_gives_what_each_rule_gives_alone(e):
    together = count_rules(e, list(Rule))
    for rule in Rule:
        alone = count(e, rule)
        assert together[rule].selected.tolist() == alone.selected.tolist()
        assert together[rule].reasons == alone.reasons and together[rule].increments == alone.increments


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from([(0, 1.0), (1, 1.0), (1, 2.0), (2, 3.5), (5, 1.0)]), max_size=3), max_size=30))
def test_voters_with_the_same_ballot_are_grouped_exactly(ballots):
    """Voters are grouped by a fingerprint, checked entry by entry; the grouping must be the
    one a whole-ballot comparison gives."""
    ballots = [sorted(dict(ballot).items()) for ballot in ballots]
    voter = np.repeat(np.arange(len(ballots)), [len(b) for b in ballots])
    project = np.array([p for b in ballots for p, _ in b], dtype=np.int64)
    utility = np.array([u for b in ballots for _, u in b], dtype=np.float64)
    entries_of = np.array([len(b) for b in ballots], dtype=np.int64)
    first_entry = np.cumsum(entries_of) - entries_of
    fast, _ = equal_shares._groups(voter, project, utility, entries_of, first_entry)
    slow, _ = equal_shares._groups_by_comparing(voter, project, utility, first_entry)
    for i in range(len(ballots)):
        for j in range(len(ballots)):
            assert (fast[i] == fast[j]) == (slow[i] == slow[j]) == (ballots[i] == ballots[j])
