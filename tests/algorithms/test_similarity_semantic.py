"""Semantic similarity read from a static model with NumPy only (cocreate.algorithms.static_embeddings),
on a tiny model made here: the request path is tested without the optional extra."""

import numpy as np
import pytest

from cocreate.algorithms.similarity import SimilarityIndex
from cocreate.algorithms.static_embeddings import StaticModel

# Three directions of meaning: cycling, trees, libraries; "[UNK]" and pieces of words.
VOCABULARY = ["[UNK]", "bike", "##s", "cycle", "path", "lane", "tree", "shade", "library", "book", "the", "safe"]
VECTORS = np.array(
    [
        [0, 0, 0],
        [1, 0, 0],
        [0.1, 0, 0],
        [0.9, 0.1, 0],
        [0.8, 0, 0.1],
        [0.9, 0, 0],
        [0, 1, 0],
        [0, 0.9, 0.1],
        [0, 0, 1],
        [0.1, 0, 0.9],
        [0.01, 0.01, 0.01],
        [0.3, 0.3, 0.3],
    ],
    dtype=np.float32,
)


@pytest.fixture
def model():
    return StaticModel(VOCABULARY, VECTORS)


def test_words_are_cut_into_the_longest_known_pieces(model):
    rows = model.token_rows("Bikes, THE cycle-path!")
    assert [VOCABULARY[r] for r in rows] == ["bike", "##s", "the", "cycle", "path"]
    assert model.token_rows("zebra") == []  # cannot be cut: unknown, left out


def test_a_text_vector_is_the_normalised_mean_of_its_pieces(model):
    [vector] = model.embed(["bike lane"])
    expected = (VECTORS[1] + VECTORS[5]) / 2
    assert np.allclose(vector, expected / np.linalg.norm(expected))
    assert not model.embed(["zebra"]).any()


def test_a_model_is_saved_and_read_back(model, tmp_path):
    model.save(tmp_path / "static")
    again = StaticModel.load(tmp_path / "static")
    assert again.rows == model.rows and np.array_equal(again.vectors, model.vectors)


def test_a_vocabulary_and_vectors_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="12 sub-words but 2 vectors"):
        StaticModel(VOCABULARY, VECTORS[:2])


def test_with_a_model_a_paraphrase_sharing_no_word_is_suggested(model):
    documents = [(1, "cycle path"), (2, "tree shade"), (3, "library book")]
    lexical = SimilarityIndex(documents)
    semantic = SimilarityIndex(documents, embedder=model)
    assert lexical.similar("safe bike lanes") == []
    assert [doc for doc, _ in semantic.similar("safe bike lanes", limit=1)] == [1]


def test_documents_added_and_removed_keep_their_vectors_right(model):
    index = SimilarityIndex([(1, "cycle path")], embedder=model)
    for n in range(2, 40):
        index.add(n, "tree shade" if n % 2 else "library book")
    for n in range(2, 30):
        index.remove(n)  # enough to compact the slots
    assert [doc for doc, _ in index.similar("bike lanes", limit=1)] == [1]
    assert [doc for doc, _ in index.similar("books", limit=1)][0] % 2 == 0
