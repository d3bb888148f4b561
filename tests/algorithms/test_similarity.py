"""The lexical similarity index and near-duplicate groups (cocreate.algorithms.similarity)."""

import random

import pytest

from cocreate.algorithms.similarity import SimilarityIndex, content_words, near_duplicate_groups, terms

IDEAS = [
    (1, "More trees in the park by the river"),
    (2, "A new bus line to the hospital"),
    (3, "Plant trees along the river park"),
    (4, "Safe bike lanes on Main Street"),
    (5, "Bibliotecas abiertas los domingos"),
    (6, "Open the libraries on Sundays"),
]


def ids(results):
    return [doc_id for doc_id, _ in results]


def test_words_are_normalised_folded_and_stopwords_dropped():
    assert content_words("Participación en las Bibliotecas del barrio") == ["participacion", "biblioteca", "barrio"]
    assert content_words("The parks and the buses") == ["park", "buse"]
    assert "class" in content_words("a class")  # "ss" is not a plural


def test_terms_hold_words_and_weaker_pairs_of_adjacent_words():
    found = terms("bike lanes bike")
    assert found["bike"] == 2
    assert found["bike lane"] == pytest.approx(0.3)
    assert found["lane bike"] == pytest.approx(0.3)


def test_the_most_similar_text_comes_first_with_accents_and_plurals_ignored():
    index = SimilarityIndex(IDEAS)
    assert ids(index.similar("trees for the parks"))[:2] in ([1, 3], [3, 1])
    assert ids(index.similar("biblioteca abierta domingo"))[0] == 5
    assert ids(index.similar("bus to the hospital", limit=1)) == [2]


def test_scores_are_cosines_between_zero_and_one():
    index = SimilarityIndex(IDEAS)
    results = index.similar("Safe bike lanes on Main Street")
    assert results[0] == (4, pytest.approx(1.0, abs=1e-3))
    assert all(0 < score <= 1 for _, score in results)


def test_unknown_or_empty_text_finds_nothing():
    index = SimilarityIndex(IDEAS)
    assert index.similar("zzz qqq") == []
    assert index.similar("the and of") == []
    assert SimilarityIndex().similar("trees") == []


def test_limit_exclude_and_minimum_score():
    index = SimilarityIndex(IDEAS)
    assert len(index.similar("trees river park", limit=1)) == 1
    assert 1 not in ids(index.similar("trees river park", exclude=[1]))
    assert index.similar("trees river park", min_score=0.999) == []


def test_ties_put_the_newest_id_first():
    index = SimilarityIndex([(10, "Fix the fountain"), (11, "Fix the fountain")])
    assert ids(index.similar("fountain")) == [11, 10]


def test_documents_are_added_replaced_and_removed():
    index = SimilarityIndex(IDEAS)
    index.add(7, "Free bus passes for students")
    assert ids(index.similar("student bus pass"))[0] == 7
    index.add(7, "A skate park for teenagers")
    assert 7 not in ids(index.similar("student bus pass"))
    assert ids(index.similar("skate park teenagers"))[0] == 7
    index.remove(7)
    index.remove(12345)  # unknown: ignored
    assert 7 not in index and len(index) == len(IDEAS)
    assert 7 not in ids(index.similar("skate park teenagers"))


def _random_text(rng):
    vocabulary = "tree park bus line bike lane library sunday hospital school street river light bench".split()
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 8)))


def test_after_many_changes_results_match_an_index_built_afresh():
    """Compaction, base rebuilds and norm refreshes keep the index right, not only fast."""
    rng = random.Random(4)
    texts = {i: _random_text(rng) for i in range(300)}
    changed = SimilarityIndex(texts.items())
    for _ in range(1500):
        doc_id = rng.randrange(400)
        if rng.random() < 0.4:
            changed.remove(doc_id)
            texts.pop(doc_id, None)
        else:
            texts[doc_id] = _random_text(rng)
            changed.add(doc_id, texts[doc_id])
    fresh = SimilarityIndex(texts.items())
    assert sorted(changed.ids()) == sorted(texts) and len(changed) == len(texts)
    for _ in range(30):
        query = _random_text(rng)
        got = dict(changed.similar(query, limit=1000))
        want = dict(fresh.similar(query, limit=1000))
        assert set(got) == set(want)
        for doc_id, score in want.items():
            assert got[doc_id] == pytest.approx(score, abs=0.05)


def test_similar_pairs_find_near_identical_texts_only():
    index = SimilarityIndex(
        [
            (1, "Open the public libraries on Sunday afternoons"),
            (2, "Public libraries should open on Sunday afternoons"),
            (3, "Repair the potholes on Station Road"),
            (4, "Fix potholes on Station Road please"),
            (5, "A festival of music in the square"),
        ]
    )
    pairs = index.similar_pairs(threshold=0.5)
    assert {(a, b) for a, b, _ in pairs} == {(1, 2), (3, 4)}
    assert all(score >= 0.5 for _, _, score in pairs)


def test_groups_are_connected_components_largest_first():
    pairs = [(1, 2, 0.9), (2, 3, 0.8), (7, 8, 0.7)]
    assert near_duplicate_groups(pairs) == [[1, 2, 3], [7, 8]]


def test_a_group_a_moderator_dismissed_is_not_shown_again():
    pairs = [(1, 2, 0.9), (7, 8, 0.7)]
    assert near_duplicate_groups(pairs, hidden=[frozenset({1, 2})]) == [[7, 8]]


def test_a_long_chain_is_split_at_its_weakest_links():
    chain = [(i, i + 1, 0.9 if i % 4 else 0.55) for i in range(1, 20)]
    groups = near_duplicate_groups(chain, max_size=5)
    assert all(len(g) <= 5 for g in groups)
    assert sorted(i for g in groups for i in g) == list(range(1, 21))


def test_an_id_given_twice_keeps_its_last_text():
    index = SimilarityIndex([(1, "bus line"), (2, "tree park"), (1, "library sunday")])
    assert len(index) == 2
    assert index.similar("bus line") == []
    assert ids(index.similar("library")) == [1]
