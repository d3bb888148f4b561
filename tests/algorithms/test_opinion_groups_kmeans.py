"""The vectorised steps inside opinion groups (one k-means step, the silhouette) against their
definitions written out point by point, on random points (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate.algorithms.opinion_groups import _cluster_step, _Clusters, _distances, _silhouette

coordinates = st.floats(-10, 10, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def points_and_centres(draw):
    n = draw(st.integers(1, 30))
    k = draw(st.integers(1, 6))
    points = np.array(draw(st.lists(st.tuples(coordinates, coordinates), min_size=n, max_size=n)), dtype=float)
    centres = np.array(draw(st.lists(st.tuples(coordinates, coordinates), min_size=k, max_size=k)), dtype=float)
    weights = draw(st.none() | st.lists(st.integers(1, 9), min_size=n, max_size=n).map(np.array))
    return points, centres, weights


@settings(max_examples=150, deadline=None)
@given(points_and_centres())
def test_a_k_means_step_moves_each_centre_to_the_mean_of_its_nearest_points(case):
    points, centres, weights = case
    ids = [10 + c for c in range(len(centres))]
    found = _cluster_step(points, _Clusters(ids, centres, []), weights)
    nearest = [min(range(len(centres)), key=lambda c: (np.linalg.norm(p - centres[c]), c)) for p in points]
    expected_ids = [ids[c] for c in range(len(centres)) if c in nearest]
    assert found.ids == expected_ids
    for cid, centre, members in zip(found.ids, found.centers, found.members, strict=True):
        c = ids.index(cid)
        assert members.tolist() == [i for i, n in enumerate(nearest) if n == c]
        w = np.ones(len(points)) if weights is None else weights.astype(float)
        mean = (points[members] * w[members, None]).sum(axis=0) / w[members].sum()
        assert np.allclose(centre, mean)


def silhouette_by_definition(points: np.ndarray, groups: list[list[int]]) -> float:
    scores = []
    for g, members in enumerate(groups):
        for i in members:
            if len(members) == 1:
                scores.append(0.0)
                continue
            a = np.mean([np.linalg.norm(points[i] - points[j]) for j in members if j != i])
            others = [
                np.mean([np.linalg.norm(points[i] - points[j]) for j in other])
                for h, other in enumerate(groups)
                if h != g and other
            ]
            b = min(others) if others else a
            scores.append(0.0 if max(a, b) == 0 else (b - a) / max(a, b))
    return float(np.mean(scores))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_silhouette_matches_its_definition(data):
    n = data.draw(st.integers(2, 25))
    points = np.array(data.draw(st.lists(st.tuples(coordinates, coordinates), min_size=n, max_size=n)))
    labels = data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    groups = [[i for i in range(n) if labels[i] == g] for g in sorted(set(labels))]
    found = _silhouette(_distances(points), [np.array(g) for g in groups])
    assert np.isclose(found, silhouette_by_definition(points, groups), atol=1e-9)
