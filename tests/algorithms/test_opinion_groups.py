"""Opinion groups as Pol.is computes them, on made-up conversations: invariants that hold whatever
the votes (hypothesis), two camps found exactly, and the adjusted Rand index used to compare them
with Pol.is' own groups."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.algorithms.clusterings import adjusted_rand_index
from cocreate.algorithms.opinion_groups import opinion_groups


@st.composite
def conversations(draw):
    """A small conversation: who voted what (some cells unseen), times or none, moderation."""
    n = draw(st.integers(1, 40))
    m = draw(st.integers(1, 12))
    cells = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)), min_size=1, max_size=n * m))
    values = draw(st.lists(st.sampled_from([1, -1, 0]), min_size=len(cells), max_size=len(cells)))
    timed = draw(st.booleans())
    times = draw(st.permutations(range(len(cells)))) if timed else None
    moderated = draw(st.lists(st.booleans(), min_size=m, max_size=m))
    return {
        "vote_participant": np.array([c[0] for c in cells]),
        "vote_statement": np.array([c[1] for c in cells]),
        "vote_value": np.array(values),
        "num_participants": n,
        "num_statements": m,
        "moderated_out": np.array(moderated),
        "vote_time": None if times is None else np.array(times),
        "votes_per_update": draw(st.integers(1, 60)),
    }


def final_votes(conversation) -> dict[tuple[int, int], int]:
    """The last vote per (participant, statement), in time order when there are times."""
    order = range(len(conversation["vote_value"]))
    if conversation["vote_time"] is not None:
        order = np.argsort(conversation["vote_time"], kind="stable")
    last = {}
    for v in order:
        last[(int(conversation["vote_participant"][v]), int(conversation["vote_statement"][v]))] = int(
            conversation["vote_value"][v]
        )
    return last


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(conversations(), st.integers(0, 3))
def test_same_votes_and_seed_give_the_same_groups(conversation, seed):
    first = opinion_groups(**conversation, seed=seed)
    second = opinion_groups(**conversation, seed=seed)
    assert first.k == second.k
    assert np.array_equal(first.group, second.group)
    assert first.representative == second.representative
    assert first.consensus == second.consensus


@FAST
@given(conversations(), st.booleans())
def test_groups_are_numbered_from_zero_and_none_is_empty(conversation, replay):
    result = opinion_groups(**conversation, replay=replay)
    assert 1 <= result.k <= 5
    placed = result.group[result.group >= 0]
    assert sorted(set(placed.tolist())) == list(range(result.k))
    assert len(result.representative) == result.k or (result.k == 1 and result.representative == [[]])


@FAST
@given(conversations())
def test_everyone_who_voted_enough_is_placed(conversation):
    """At least min(7, statements voted on) votes puts a participant in a group (votes on
    moderated-out statements count, as in Pol.is). Others only join while fewer than 15 qualify,
    when Pol.is adds the most active voters."""
    result = opinion_groups(**conversation)
    votes = final_votes(conversation)
    statements = {s for _, s in votes}
    counts = np.zeros(conversation["num_participants"], int)
    for p, _ in votes:
        counts[p] += 1
    qualified = counts >= min(7, len(statements))
    placed = result.group >= 0
    assert placed[qualified].all()
    assert (placed & ~qualified).sum() <= 15
    assert not placed[counts == 0].any()


@FAST
@given(conversations())
def test_statement_lists_follow_pol_is_limits(conversation):
    result = opinion_groups(**conversation)
    moderated = set(np.nonzero(conversation["moderated_out"])[0].tolist())
    for chosen in result.representative:
        assert len(chosen) <= 5
        assert len({c.statement for c in chosen}) == len(chosen)
        assert all(c.direction in ("agree", "disagree") and c.statement not in moderated for c in chosen)
        directions = [c.direction for c in chosen]
        assert directions == sorted(directions)  # agrees before disagrees
    for direction in ("agree", "disagree"):
        assert len([c for c in result.consensus if c.direction == direction]) <= 5
    assert all(c.statement not in moderated and np.isfinite(c.score) for c in result.consensus)


def two_camps(people_per_camp=30, statements=10, seed=1):
    """Camp A agrees with the first half of the statements and disagrees with the rest; camp B the
    opposite. Each person skips a few statements and passes on one."""
    rng = np.random.default_rng(seed)
    who, what, value, truth = [], [], [], []
    for person in range(2 * people_per_camp):
        camp = person % 2
        truth.append(camp)
        for s in rng.permutation(statements)[: statements - 2]:
            side = 1 if (s < statements // 2) == (camp == 0) else -1
            who.append(person)
            what.append(int(s))
            value.append(0 if s == person % statements else side)
    return np.array(who), np.array(what), np.array(value), np.array(truth)


@pytest.mark.parametrize("replay", [True, False])
def test_two_camps_are_found_exactly(replay):
    who, what, value, truth = two_camps()
    result = opinion_groups(
        who,
        what,
        value,
        num_participants=len(truth),
        num_statements=10,
        vote_time=np.arange(len(who)),
        replay=replay,
        votes_per_update=100,
    )
    assert result.k == 2
    assert adjusted_rand_index(truth, result.group) == 1.0
    assert result.updates == (5 if replay else 1)
    # Each camp is represented by what it agrees with, and nothing is a consensus.
    for g in range(2):
        camp = truth[result.group == g][0]
        agreed = {c.statement for c in result.representative[g] if c.direction == "agree"}
        assert agreed and all((s < 5) == (camp == 0) for s in agreed)
    assert result.consensus == []


def test_statements_everyone_agrees_with_are_consensus_and_moderated_ones_are_not():
    who, what, value, truth = two_camps()
    people = np.arange(len(truth))
    who = np.concatenate([who, people, people])
    what = np.concatenate([what, np.full(len(people), 10), np.full(len(people), 11)])
    value = np.concatenate([value, np.ones(len(people), int), np.ones(len(people), int)])
    moderated = np.zeros(12, bool)
    moderated[11] = True
    result = opinion_groups(who, what, value, num_participants=len(truth), num_statements=12, moderated_out=moderated)
    assert [(c.statement, c.direction) for c in result.consensus] == [(10, "agree")]
    assert all(c.statement != 11 for chosen in result.representative for c in chosen)


def test_a_later_vote_replaces_an_earlier_one():
    who, what, value, truth = two_camps()
    flipped = opinion_groups(
        np.concatenate([who, who]),
        np.concatenate([what, what]),
        np.concatenate([-value, value]),  # everyone first voted the opposite way, then changed their mind
        num_participants=len(truth),
        num_statements=10,
        vote_time=np.arange(2 * len(who)),
        replay=False,
    )
    assert adjusted_rand_index(truth, flipped.group) == 1.0


def test_no_votes_give_no_groups_and_bad_votes_are_refused():
    empty = opinion_groups(np.array([]), np.array([]), np.array([]), num_participants=3, num_statements=2)
    assert empty.k == 0 and (empty.group == -1).all()
    with pytest.raises(ValueError, match="same length"):
        opinion_groups(np.array([0]), np.array([0, 1]), np.array([1]), num_participants=1, num_statements=2)
    with pytest.raises(ValueError, match="out of range"):
        opinion_groups(np.array([3]), np.array([0]), np.array([1]), num_participants=1, num_statements=1)
    with pytest.raises(ValueError, match="1 \\(agree\\)"):
        opinion_groups(np.array([0]), np.array([0]), np.array([2]), num_participants=1, num_statements=1)


# The adjusted Rand index -------------------------------------------------------------------------

labelings = st.lists(st.integers(0, 4), min_size=1, max_size=60)


@given(labelings)
def test_identical_labelings_score_one(labels):
    assert adjusted_rand_index(labels, labels) == pytest.approx(1.0)


@given(labelings, st.permutations(range(5)), st.data())
def test_index_ignores_group_numbers_and_order_of_arguments(labels, renumbering, data):
    other = data.draw(st.lists(st.integers(0, 3), min_size=len(labels), max_size=len(labels)))
    renamed = [f"group {renumbering[label]}" for label in labels]
    assert adjusted_rand_index(renamed, other) == pytest.approx(adjusted_rand_index(labels, other))
    assert adjusted_rand_index(other, labels) == pytest.approx(adjusted_rand_index(labels, other))
    assert adjusted_rand_index(labels, other) <= 1.0 + 1e-12


def test_index_matches_known_values():
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.5714285714285715)
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    assert adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(0.5714285714285715)
    assert adjusted_rand_index([0, 1, 0, 1], [0, 0, 1, 1]) == pytest.approx(-0.5)
    with pytest.raises(ValueError, match="same items"):
        adjusted_rand_index([0, 1], [0])
