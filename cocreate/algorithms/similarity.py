"""Lexical similarity between short texts (ideas, questions): a TF-IDF index that answers
"which documents are most like this text?" in a few milliseconds at 100,000 documents, and
groups near-duplicates across a whole collection. NumPy and SciPy only; no Django.

Terms. A text becomes its meaningful words (`cocreate.algorithms.text`: lower-cased, accents
removed, en/fr/es/pt stopwords dropped) with a light plural folding ("parks" → "park",
"bibliotecas" → "biblioteca"), plus the pairs of adjacent meaningful words ("bike lane"),
which reward the same phrase over the same words scattered.

Weights. Sublinear term frequency (1 + log tf) times a smoothed inverse document frequency
log((1 + N) / (1 + df)) + 1, the document vector normalised to length 1: the score of two texts
is their cosine, between 0 and 1.

Inverted index. For each term, the documents holding it (document slots and term weights): a
base built in bulk with NumPy (term-sorted arrays, as a compressed sparse column matrix) plus,
for terms of documents added since, small growing arrays. A query only touches the postings of
its own terms: its cost depends on how common its words are, not on the size of the
collection. Adding a document appends to the postings of its terms; removing one marks its slot
dead. The base is rebuilt (vectorised, well under a second at 100,000 documents) when a quarter
of the slots are dead or the added postings reach a fifth of the base. Document frequencies
change as documents come and go; document norms are computed with the frequencies of the moment
and all recomputed, in one vectorised pass, once the collection has grown or shrunk by a fifth
since the last pass — scores drift by a few percent at most in between.

Optional semantic similarity: given an embedder (`cocreate.algorithms.static_embeddings`), the
index also keeps one normalised vector per document, and suggestions blend both cosines
(`SEMANTIC_WEIGHT`), so that "safe bicycle lanes" finds "protected cycle paths". Pairs and
groups of near-duplicates stay lexical.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from cocreate.algorithms.text import STOPWORDS

__all__ = ["SimilarityIndex", "terms", "content_words", "near_duplicate_groups"]

# With a semantic model, the share of its cosine in a suggestion's score.
SEMANTIC_WEIGHT = 0.3

# Pairs of adjacent words count for less than words alone: they confirm, they do not decide.
BIGRAM_WEIGHT = 0.3


# Common words that `cocreate.algorithms.text.STOPWORDS` keeps (it serves full-text search too):
# pronouns and fillers that make two texts look alike without being about the same thing.
EXTRA_STOPWORDS = frozenset(
    """
    he him his she her hers they him me mine just like get got one two also please thank thanks
    il elle ils elles tout tous tres faire fait etre avoir
    si no ya yo creo ver hacer hace puede ser estar tiene tienen todo todos hola gracias saludos cada
    ele ela eles elas isso fazer ser estar tambem
    """.split()
)
_IGNORED = STOPWORDS | EXTRA_STOPWORDS

_COMBINING = re.compile("[\u0300-\u036f]+")
_WORD = re.compile(r"[0-9a-z]+")
_FOLDED: dict[str, str] = {}


def _fold(word: str) -> str:
    """A light plural folding that works well enough in en/fr/es/pt: drop a final s (not "ss")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    """As `cocreate.algorithms.text.words` (lower-case, accents removed), faster on long texts."""
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(text)


def content_words(text: str) -> list[str]:
    """The meaningful words of `text`, normalised and folded, in order (repeats kept)."""
    found = []
    for word in _words(text):
        folded = _FOLDED.get(word)
        if folded is None:
            keep = len(word) > 1 and word not in _IGNORED and not word.isdigit()
            folded = _fold(word) if keep else ""
            if len(_FOLDED) < 500_000:
                _FOLDED[word] = folded
        if folded:
            found.append(folded)
    return found


def terms(text: str) -> Counter:
    """Term → weighted count: the content words, and the pairs of adjacent content words."""
    found = content_words(text)
    counts: Counter = Counter(found)
    for first, second in zip(found, found[1:], strict=False):
        if first != second:
            counts[f"{first} {second}"] += BIGRAM_WEIGHT
    return counts


def _sublinear(count: float) -> float:
    return 1.0 + math.log(count) if count >= 1 else count


_EMPTY_SLOTS = np.empty(0, dtype=np.int32)
_EMPTY_WEIGHTS = np.empty(0, dtype=np.float32)


class SimilarityIndex:
    """Documents (an integer id and a text) that can be added, replaced, removed and queried.

    >>> index = SimilarityIndex([(1, "More trees in the park"), (2, "A new bus line")])
    >>> index.similar("trees for the park")[0][0]
    1
    """

    def __init__(self, documents: Iterable[tuple[int, str]] = (), *, embedder=None):
        """`embedder`, optional: an object whose `embed(texts)` gives one normalised vector per
        text (`cocreate.algorithms.static_embeddings.StaticModel`); with one, suggestions
        blend the lexical cosine with the semantic one (`SEMANTIC_WEIGHT`)."""
        self._embedder = embedder
        self._vectors: np.ndarray | None = None
        self._term_ids: dict[str, int] = {}
        self._df: list[int] = []
        self._slot_of: dict[int, int] = {}
        self._ids = array("q")
        self._alive = array("b")
        self._doc_terms: list[tuple[np.ndarray, np.ndarray] | None] = []
        self._norms = array("d")
        self._dead = 0
        self._norms_at = 0
        # Postings: a term-sorted base (CSC: base_start[t]:base_start[t + 1]) and added tails.
        self._base_start = np.zeros(1, dtype=np.int64)
        self._base_slots = _EMPTY_SLOTS
        self._base_weights = _EMPTY_WEIGHTS
        self._tails: dict[int, tuple[array, array]] = {}
        self._tail_size = 0
        texts = []
        batch: list[tuple[int, Counter]] = []
        batch_ids: set[int] = set()
        for doc_id, text in documents:
            if doc_id in batch_ids:  # given twice: the last text wins
                self._store_many(batch)
                batch, batch_ids = [], set()
            if doc_id in self._slot_of:
                self._remove(doc_id)
            batch.append((doc_id, terms(text)))
            batch_ids.add(doc_id)
            if embedder is not None:
                texts.append(text)
        self._store_many(batch)
        if embedder is not None:
            self._vectors = embedder.embed(texts) if texts else np.zeros((0, embedder.dimensions), np.float32)
        self._rebuild_base()

    # -- size ------------------------------------------------------------------------------

    @property
    def embedder(self):
        return self._embedder

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, doc_id: int) -> bool:
        return doc_id in self._slot_of

    def ids(self) -> list[int]:
        return list(self._slot_of)

    # -- weights ---------------------------------------------------------------------------

    def _idf(self, term_ids) -> np.ndarray:
        n = len(self._slot_of)
        df = np.fromiter((self._df[t] for t in term_ids), dtype=np.float64, count=len(term_ids))
        return np.log((1.0 + n) / (1.0 + df)) + 1.0

    def _idf_all(self) -> np.ndarray:
        df = np.asarray(self._df, dtype=np.float64)
        return np.log((1.0 + len(self._slot_of)) / (1.0 + df)) + 1.0

    def _live_entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(slot, term, weight) of every posting of the live documents, as flat arrays."""
        live = [s for s in range(len(self._ids)) if self._alive[s]]
        if not live:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        lengths = np.fromiter((len(self._doc_terms[s][0]) for s in live), dtype=np.int64, count=len(live))
        slots = np.repeat(np.asarray(live, dtype=np.int32), lengths)
        term_ids = np.concatenate([self._doc_terms[s][0] for s in live])
        weights = np.concatenate([self._doc_terms[s][1] for s in live])
        return slots, term_ids, weights

    def _rebuild_base(self) -> None:
        """Postings and norms of every live document, recomputed in one vectorised pass."""
        slots, term_ids, weights = self._live_entries()
        order = np.argsort(term_ids, kind="stable")
        self._base_slots = slots[order]
        self._base_weights = weights[order]
        counts = np.bincount(term_ids, minlength=len(self._df))
        self._base_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._tails, self._tail_size = {}, 0
        self._recompute_norms(slots, term_ids, weights)

    def _recompute_norms(self, slots=None, term_ids=None, weights=None) -> None:
        if slots is None:
            slots, term_ids, weights = self._live_entries()
        idf = self._idf_all()
        squares = np.bincount(slots, weights=(weights * idf[term_ids]) ** 2, minlength=len(self._ids))
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        self._norms = array("d")
        self._norms.frombytes(norms.astype(np.float64).tobytes())
        self._norms_at = len(self._slot_of)

    def _maybe_refresh(self) -> None:
        if self._dead > 64 and self._dead * 4 > len(self._ids):
            self._compact()
        elif self._tail_size > 256 and self._tail_size * 5 > len(self._base_slots):
            self._rebuild_base()
        elif abs(len(self._slot_of) - self._norms_at) * 5 > max(self._norms_at, 50):
            self._recompute_norms()

    # -- changes ---------------------------------------------------------------------------

    def _store(self, doc_id: int, counts: Counter) -> tuple[np.ndarray, np.ndarray]:
        """Record a document's terms (not yet in the postings)."""
        slot = len(self._ids)
        self._ids.append(doc_id)
        self._alive.append(1)
        self._slot_of[doc_id] = slot
        term_ids = np.empty(len(counts), dtype=np.int32)
        weights = np.empty(len(counts), dtype=np.float32)
        known, df = self._term_ids, self._df
        for i, (term, count) in enumerate(counts.items()):
            term_id = known.get(term)
            if term_id is None:
                term_id = known[term] = len(df)
                df.append(0)
            df[term_id] += 1
            term_ids[i] = term_id
            weights[i] = _sublinear(count)
        self._doc_terms.append((term_ids, weights))
        self._norms.append(1.0)
        return term_ids, weights

    def _store_many(self, batch: list[tuple[int, Counter]]) -> None:
        """`_store` for many new documents at once (ids not in the index, none twice): the
        term ids, weights and document frequencies computed with NumPy, not term by term."""
        if not batch:
            return
        known = self._term_ids
        lengths = np.fromiter((len(counts) for _, counts in batch), dtype=np.int64, count=len(batch))
        term_ids = np.fromiter(
            (known.setdefault(term, len(known)) for _, counts in batch for term in counts),
            dtype=np.int32,
            count=int(lengths.sum()),
        )
        counts = np.fromiter((c for _, found in batch for c in found.values()), dtype=np.float64, count=len(term_ids))
        weights = np.where(counts >= 1, 1.0 + np.log(np.maximum(counts, 1.0)), counts).astype(np.float32)
        self._df.extend([0] * (len(known) - len(self._df)))
        df = np.asarray(self._df, dtype=np.int64) + np.bincount(term_ids, minlength=len(known))
        self._df = df.tolist()
        ends = np.cumsum(lengths)
        starts = ends - lengths
        for (doc_id, _), start, end in zip(batch, starts.tolist(), ends.tolist(), strict=True):
            slot = len(self._ids)
            self._ids.append(doc_id)
            self._alive.append(1)
            self._slot_of[doc_id] = slot
            self._doc_terms.append((term_ids[start:end], weights[start:end]))
            self._norms.append(1.0)

    def add(self, doc_id: int, text: str) -> None:
        """Add a document, or replace the text of one already there."""
        if doc_id in self._slot_of:
            self._remove(doc_id)
        term_ids, weights = self._store(doc_id, terms(text))
        slot = len(self._ids) - 1
        for term_id, weight in zip(term_ids.tolist(), weights.tolist(), strict=True):
            tail = self._tails.get(term_id)
            if tail is None:
                tail = self._tails[term_id] = (array("i"), array("f"))
            tail[0].append(slot)
            tail[1].append(weight)
        self._tail_size += len(term_ids)
        if len(term_ids):
            self._norms[slot] = float(np.linalg.norm(weights * self._idf(term_ids))) or 1.0
        if self._embedder is not None:
            self._append_vector(self._embedder.embed([text])[0], slot)
        self._maybe_refresh()

    def _append_vector(self, vector: np.ndarray, slot: int) -> None:
        """Store a slot's vector, the matrix growing by doubling (rows past the slots are spare)."""
        if slot >= len(self._vectors):
            grown = np.zeros((max(16, 2 * len(self._vectors)), len(vector)), dtype=np.float32)
            grown[: len(self._vectors)] = self._vectors
            self._vectors = grown
        self._vectors[slot] = vector

    def _remove(self, doc_id: int) -> None:
        slot = self._slot_of.pop(doc_id)
        self._alive[slot] = 0
        entry = self._doc_terms[slot]
        if entry is not None:
            for term_id in entry[0].tolist():
                self._df[term_id] -= 1
        self._doc_terms[slot] = None
        self._dead += 1

    def remove(self, doc_id: int) -> None:
        """Forget a document; unknown ids are ignored."""
        if doc_id in self._slot_of:
            self._remove(doc_id)
            self._maybe_refresh()

    def _compact(self) -> None:
        """Renumber the slots without the dead ones, then rebuild the postings."""
        live = [s for s in range(len(self._ids)) if self._alive[s]]
        ids = [self._ids[s] for s in live]
        self._doc_terms = [self._doc_terms[s] for s in live]
        self._ids = array("q", ids)
        self._alive = array("b", [1] * len(live))
        self._slot_of = {doc_id: slot for slot, doc_id in enumerate(ids)}
        self._norms = array("d", [1.0] * len(live))
        if self._vectors is not None:
            self._vectors = self._vectors[live]
        self._dead = 0
        self._rebuild_base()

    # -- queries ---------------------------------------------------------------------------

    def _query_vector(self, text: str) -> tuple[list[int], np.ndarray]:
        counts = terms(text)
        known = [(self._term_ids[t], _sublinear(c)) for t, c in counts.items() if t in self._term_ids]
        known = [(t, w) for t, w in known if self._df[t] > 0]
        if not known:
            return [], np.empty(0)
        term_ids = [t for t, _ in known]
        idf = self._idf(term_ids)
        vector = np.asarray([w for _, w in known]) * idf
        vector /= np.linalg.norm(vector) or 1.0
        return term_ids, vector * idf  # the document side's idf folded in

    def _postings(self, term_id: int) -> list[tuple[np.ndarray, np.ndarray]]:
        found = []
        if term_id + 1 < len(self._base_start):
            start, end = self._base_start[term_id], self._base_start[term_id + 1]
            if end > start:
                found.append((self._base_slots[start:end], self._base_weights[start:end]))
        tail = self._tails.get(term_id)
        if tail is not None:
            found.append((np.frombuffer(tail[0], dtype=np.int32), np.frombuffer(tail[1], dtype=np.float32)))
        return found

    def scores(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Slots of the live documents sharing a term with `text`, and their cosine with it."""
        term_ids, factors = self._query_vector(text)
        slot_parts, weight_parts = [], []
        for term_id, factor in zip(term_ids, factors, strict=True):
            for slots, weights in self._postings(term_id):
                slot_parts.append(slots)
                weight_parts.append(weights * factor)
        if not slot_parts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        slots = np.concatenate(slot_parts)
        if len(slots) * 8 > len(self._ids):
            total = np.bincount(slots, weights=np.concatenate(weight_parts), minlength=len(self._ids))
            candidates = np.flatnonzero(total)
            values = total[candidates]
        else:
            candidates, inverse = np.unique(slots, return_inverse=True)
            values = np.bincount(inverse, weights=np.concatenate(weight_parts))
        norms = np.frombuffer(self._norms, dtype=np.float64)[candidates]
        alive = np.frombuffer(self._alive, dtype=np.int8)[candidates].astype(bool)
        return candidates[alive], np.minimum(values[alive] / norms[alive], 1.0)

    def _blended_scores(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Every live slot, scored (1 − w) × lexical cosine + w × semantic cosine."""
        count = len(self._ids)
        lexical = np.zeros(count)
        slots, values = self.scores(text)
        lexical[slots] = values
        semantic = self._vectors[:count] @ self._embedder.embed([text])[0]
        blended = (1 - SEMANTIC_WEIGHT) * lexical + SEMANTIC_WEIGHT * np.maximum(semantic, 0)
        live = np.flatnonzero(np.frombuffer(self._alive, dtype=np.int8))
        return live, blended[live]

    def similar(
        self, text: str, *, limit: int = 5, exclude: Iterable[int] = (), min_score: float = 0.0
    ) -> list[tuple[int, float]]:
        """Up to `limit` (id, score) pairs, best first (ties: newest id first), scores above
        `min_score`, leaving out the ids in `exclude`."""
        slots, values = self.scores(text) if self._embedder is None else self._blended_scores(text)
        if not len(slots):
            return []
        excluded = [self._slot_of[i] for i in exclude if i in self._slot_of]
        keep = values > min_score
        if excluded:
            keep &= ~np.isin(slots, excluded)
        slots, values = slots[keep], values[keep]
        want = min(limit, len(slots))
        if want <= 0:
            return []
        if len(slots) > want:
            top = np.argpartition(-values, want - 1)[:want]
            slots, values = slots[top], values[top]
        ids = np.frombuffer(self._ids, dtype=np.int64)[slots]
        order = np.lexsort((-ids, -values))
        return [(int(ids[i]), round(float(values[i]), 4)) for i in order]

    # -- whole collection --------------------------------------------------------------------

    def matrix(self, *, max_document_share: float = 1.0, max_kept_df: int = 2) -> tuple[list[int], sparse.csr_matrix]:
        """The ids and the normalised TF-IDF matrix (one row per live document). Terms held by
        more than `max_document_share` of the documents (and by more than `max_kept_df`
        documents) are left out: they tie everything."""
        live = [s for s in range(len(self._ids)) if self._alive[s]]
        slots, term_ids, weights = self._live_entries()
        idf = self._idf_all()
        df = np.asarray(self._df, dtype=np.float64)
        too_common = df > max(max_kept_df, max_document_share * len(live))
        keep = ~too_common[term_ids] if len(term_ids) else slots.astype(bool)
        row_of = np.full(len(self._ids), -1, dtype=np.int64)
        row_of[live] = np.arange(len(live))
        matrix = sparse.csr_matrix(
            (weights[keep] * idf[term_ids[keep]], (row_of[slots[keep]], term_ids[keep])),
            shape=(len(live), len(self._df)),
        )
        lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        lengths[lengths == 0] = 1.0
        matrix = sparse.diags(1.0 / lengths) @ matrix
        return [self._ids[s] for s in live], matrix.tocsr()

    def similar_pairs(self, *, threshold: float, chunk: int = 2000) -> list[tuple[int, int, float]]:
        """Every pair of documents whose cosine is at least `threshold`, as (id, id, score) with
        the smaller id first. Computed as a sparse product in chunks of rows; in large
        collections, terms held by more than 5% of the documents are left out, since alone they
        cannot make two texts alike (and they make the product dense)."""
        ids, matrix = self.matrix(max_document_share=0.05, max_kept_df=100)
        transposed = matrix.T.tocsr()
        ids = np.asarray(ids, dtype=np.int64)
        pairs = []
        for start in range(0, matrix.shape[0], chunk):
            product = (matrix[start : start + chunk] @ transposed).tocoo()
            rows = product.row + start
            keep = (product.data >= threshold) & (rows < product.col)
            first, second = ids[rows[keep]], ids[product.col[keep]]
            values = np.round(product.data[keep], 4)
            pairs.extend(
                zip(
                    np.minimum(first, second).tolist(),
                    np.maximum(first, second).tolist(),
                    values.tolist(),
                    strict=True,
                )
            )
        return pairs


def near_duplicate_groups(
    pairs: Iterable[tuple[int, int, float]], *, max_size: int = 8, hidden: Iterable[frozenset] = ()
) -> list[list[int]]:
    """Groups of documents linked by similar pairs (connected components), the groups that a
    moderator said are not duplicates (`hidden`, as frozensets of ids) left out. A component
    larger than `max_size` is split by dropping its weakest links until every part fits: a long
    chain of "a bit like the next one" is not a set of duplicates. Groups sorted by size, then
    by their smallest id; ids inside a group sorted."""
    pairs = sorted(pairs, key=lambda p: -p[2])
    hidden = set(hidden)
    groups = _components(pairs)
    result = []
    while groups:
        group, links = groups.pop()
        if len(group) > max_size:
            strongest = links[: max(0, len(links) - max(1, len(links) // 4))]
            groups.extend(_components(strongest))
            continue
        if frozenset(group) not in hidden:
            result.append(sorted(group))
    return sorted(result, key=lambda g: (-len(g), g[0]))


def _components(pairs: list[tuple[int, int, float]]) -> list[tuple[list[int], list[tuple[int, int, float]]]]:
    if not pairs:
        return []
    ids = sorted({a for a, _, _ in pairs} | {b for _, b, _ in pairs})
    position = {doc_id: i for i, doc_id in enumerate(ids)}
    rows = [position[a] for a, _, _ in pairs]
    cols = [position[b] for _, b, _ in pairs]
    graph = sparse.coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    links: dict[int, list] = {}
    for doc_id, label in zip(ids, labels, strict=False):
        members.setdefault(int(label), []).append(doc_id)
    for pair in pairs:
        links.setdefault(int(labels[position[pair[0]]]), []).append(pair)
    return [(members[label], links[label]) for label in members]
