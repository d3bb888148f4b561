"""Themes of a collection of short texts: groups of texts about the same thing, each with a short
label made from their own words. NumPy and SciPy only; no Django.

Method. The texts' TF-IDF vectors (`cocreate.algorithms.similarity`, words and word pairs;
terms in more than half of the texts or in only one are left out: they cannot tell groups
apart) are grouped by spherical k-means (cosine), the best of four seeded k-means++ starts, so
the same texts give the same themes. The number of themes grows with the square root of the
collection, between 2 and `max_themes`. A text too far from its group's centre (cosine under
0.1) belongs to no theme; groups smaller than `min_size` are dropped.

Labels. The words that most distinguish a group (their mean weight inside it minus their mean
weight overall), written as people wrote them: "bibliotecas", not the normalised "biblioteca"
used for matching — the most frequent original spelling (lower-cased, accents kept) of each word.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cocreate.algorithms.similarity import SimilarityIndex, content_words

__all__ = ["Theme", "themes"]

_ORIGINAL_WORD = re.compile(r"[^\W_]+")
# k-means is started this many times (seeded); the tightest grouping is kept.
RESTARTS = 4
# A text this far from its group's centre (cosine below) belongs to no theme.
MIN_CLOSENESS = 0.1


@dataclass(frozen=True)
class Theme:
    label: str
    words: tuple[str, ...]
    ids: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.ids)


def _kmeans_plus_plus(matrix, k: int, rng: np.random.Generator) -> np.ndarray:
    n = matrix.shape[0]
    chosen = [int(rng.integers(n))]
    best = np.full(n, np.inf)
    for _ in range(1, k):
        similarity = np.asarray((matrix @ matrix[chosen[-1]].T).todense()).ravel()
        best = np.minimum(best, np.maximum(0.0, 1.0 - similarity))
        total = best.sum()
        if total <= 0:
            break
        chosen.append(int(rng.choice(n, p=best / total)))
    return np.asarray(matrix[chosen].todense())


def _spherical_kmeans(matrix, k: int, *, seed: int, iterations: int = 25) -> tuple[np.ndarray, np.ndarray]:
    """Labels (-1: close to no centre) and the cosine of each row with its centre."""
    rng = np.random.default_rng(seed)
    centres = _kmeans_plus_plus(matrix, k, rng)
    labels = np.full(matrix.shape[0], -1)
    for _ in range(iterations):
        similarity = np.asarray(matrix @ centres.T)
        new_labels = similarity.argmax(axis=1)
        best = similarity[np.arange(len(new_labels)), new_labels]
        new_labels[best <= 0] = -1
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for c in range(len(centres)):
            members = labels == c
            if members.any():
                centre = np.asarray(matrix[members].sum(axis=0)).ravel()
                centres[c] = centre / (np.linalg.norm(centre) or 1.0)
    similarity = np.asarray(matrix @ centres.T)
    best = similarity[np.arange(len(labels)), np.maximum(labels, 0)]
    return labels, best


def _surface_forms(texts: Sequence[str], wanted: set[str]) -> dict[str, str]:
    """For each normalised word in `wanted`, its most frequent original spelling in `texts`."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for original in _ORIGINAL_WORD.findall(text.casefold()):
            folded = content_words(original)
            if len(folded) == 1 and folded[0] in wanted:
                seen[folded[0]][original] += 1
    return {word: counts.most_common(1)[0][0] for word, counts in seen.items()}


def themes(
    documents: Sequence[tuple[int, str]],
    *,
    max_themes: int = 8,
    min_size: int = 3,
    label_words: int = 3,
    seed: int = 0,
) -> list[Theme]:
    """The themes of (id, text) documents, largest first. Fewer than 2 × `min_size` documents
    make no themes."""
    documents = [(doc_id, text) for doc_id, text in documents if text and text.strip()]
    if len(documents) < 2 * min_size:
        return []
    index = SimilarityIndex(documents)
    ids, matrix = index.matrix(max_document_share=1 / 2)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    matrix = matrix[:, np.flatnonzero(df >= 2)] if (df >= 2).any() else matrix[:, :0]
    kept_terms = np.flatnonzero(df >= 2)
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    usable = lengths > 0
    if usable.sum() < 2 * min_size:
        return []
    matrix = matrix[usable]
    matrix = matrix.multiply(1.0 / lengths[usable][:, None]).tocsr()
    ids = [doc_id for doc_id, keep in zip(ids, usable, strict=True) if keep]
    k = int(min(max_themes, max(2, round((len(ids) / 2) ** 0.5))))
    # The best of a few seeded starts: the one whose texts are closest to their centres.
    labels, closeness = max(
        (_spherical_kmeans(matrix, k, seed=seed * RESTARTS + start) for start in range(RESTARTS)),
        key=lambda result: float(result[1][result[0] >= 0].sum()),
    )
    labels[closeness < MIN_CLOSENESS] = -1

    vocabulary = {term_id: term for term, term_id in index._term_ids.items()}
    overall = np.asarray(matrix.mean(axis=0)).ravel()
    text_of = dict(documents)
    found = []
    for c in range(k):
        members = np.flatnonzero(labels == c)
        if len(members) < min_size:
            continue
        inside = np.asarray(matrix[members].mean(axis=0)).ravel()
        # Words held by at least two members; pairs of words only help choose, never shown.
        held = np.asarray((matrix[members] > 0).sum(axis=0)).ravel()
        score = np.where(held >= 2, inside - overall, -np.inf)
        order = np.argsort(-score, kind="stable")
        chosen = []
        for column in order:
            if not np.isfinite(score[column]) or len(chosen) == label_words:
                break
            term = vocabulary[int(kept_terms[column])]
            if " " not in term:
                chosen.append(term)
        if not chosen:
            continue
        member_ids = tuple(sorted(ids[m] for m in members))
        forms = _surface_forms([text_of[i] for i in member_ids], set(chosen))
        shown = tuple(forms.get(word, word) for word in chosen)
        found.append(Theme(label=", ".join(shown), words=shown, ids=member_ids))
    return sorted(found, key=lambda theme: (-theme.size, theme.label))
