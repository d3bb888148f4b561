"""Comparing two ways of splitting the same people into groups. No Django."""

from __future__ import annotations

import numpy as np


def adjusted_rand_index(labels_a, labels_b) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items: 1 when they
    split the items identically (whatever the group numbers), about 0 for unrelated splits, below 0
    for splits worse than chance. Labels may be any hashable values, one per item in the same order.
    As in scikit-learn, two labelings that each put everyone together (or each item alone) score 1."""
    a, b = list(labels_a), list(labels_b)
    if len(a) != len(b):
        raise ValueError(f"the labelings have {len(a)} and {len(b)} items: they must label the same items")
    n = len(a)
    _, a_codes = np.unique(np.asarray(a, dtype=object).astype(str), return_inverse=True)
    _, b_codes = np.unique(np.asarray(b, dtype=object).astype(str), return_inverse=True)
    if n == 0:
        return 1.0
    table = np.zeros((a_codes.max() + 1, b_codes.max() + 1), dtype=np.int64)
    np.add.at(table, (a_codes, b_codes), 1)
    pairs = _pairs(table).sum()
    rows, cols = _pairs(table.sum(axis=1)).sum(), _pairs(table.sum(axis=0)).sum()
    total = _pairs(np.int64(n))
    expected = rows * cols / total if total else 0.0
    best = (rows + cols) / 2
    if best == expected:  # both trivial (one group each, or everyone alone): identical splits
        return 1.0
    return float((pairs - expected) / (best - expected))


def _pairs(counts):
    counts = np.asarray(counts, dtype=np.float64)
    return counts * (counts - 1) / 2
