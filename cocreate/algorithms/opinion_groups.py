"""Opinion groups as Pol.is computes them (compdemocracy/polis, math/src/polismath/math/:
conversation.clj, pca.clj, clusters.clj, repness.clj, stats.clj). Pure NumPy; no Django.

People vote agree (1), disagree (-1) or pass (0) on statements. One update of the opinion map:

1. The rating matrix: one row per participant who has voted, one column per statement voted on;
   unseen cells are missing. Moderated-out statements are *zeroed* for everyone, as Pol.is does
   (their columns carry no variance, so they drop out of the PCA and of every statement list, but
   they still count as "seen" in step 3).
2. Participants in the conversation: at least min(7, statements) votes, counting votes on every
   statement (moderated-out ones too), as Pol.is counts them; while fewer than 15 qualify, the most
   active voters make up the 15, as Pol.is does. Once in, always in.
3. PCA with two components on every voter's row, missing cells replaced by the column mean, by
   power iteration (at most 100 iterations, starting from the previous update's components or from
   a random vector drawn from `seed`), deflating after the first component. Each participant is
   projected using only the cells they filled, and the projection is scaled by
   sqrt(statements / cells filled) so that people who voted little are not all piled in the middle.
4. k-means of the participants in the conversation into up to 100 base clusters: started from the
   previous update's base clusters (recentred, then split by taking the most distant participant
   out into a new cluster until there are 100 or no more distinct points), or on the first update
   from the first 100 distinct points; at most 100 steps.
5. Groups: k-means of the base-cluster centres weighted by their sizes, for k = 2 … min(5, 2 +
   base clusters / 12), each started from the previous update's clustering with that k (at most 20
   steps: Pol.is passes `:cluster-iters`, which its kmeans ignores, so its default of 20 applies);
   the silhouette over base-cluster centres picks a k, and the k shown changes only once the same
   k has won 4 updates in a row. A participant's group is their base cluster's group.
6. Representative statements per group (two-proportion z-test of the group against everyone else
   and one-proportion test within the group, both with +1 pseudo-counts; significant at 90 %, the
   best agreed statement put first, at most 5, agrees before disagrees) and consensus statements
   (agreed, or disagreed, by more than half of all voters, significantly; the top 5 of each side),
   as repness.clj selects them. Scores are Pol.is' ranking metrics: ratio × z × p × z-within for
   representative statements, p × z for consensus.

The history is replayed, one update every `votes_per_update` votes, carrying the PCA, base
clusters, group clusterings, k smoothing and who is in the conversation from one update to the
next, as Pol.is' poller does: in time order when votes carry times, otherwise participant by
participant in the order of their numbers (Pol.is numbers participants as they arrive, and most
vote in one sitting). With `replay=False` one update runs on the final votes.

Where this deviates from Pol.is, and why:
- Pol.is updates whenever its poller finds new votes (every few seconds); the exports do not say
  when that was, so a replay updates every `votes_per_update` votes. The final groups depend on
  that path (see the closing note of issue 5: ARI 0.45 to 0.74 on bowling-green for 250 to 1,000).
  Replaying as the poller would (an update at every pause of more than a second between votes)
  reaches 1.0 on canadian-electoral-reform and 0.98 on scoop-hivemind.biodiversity (50 and 220 s)
  but 0.76 on vtaiwan.uberx (8 minutes), and with 10 s pauses the first two fall to 0.90 and 0.84:
  the outcome depends on timings the exports do not hold, so no schedule is closer to Pol.is.
- Moderation is applied with its final state from the start (the exports do not date it).
- When Pol.is' math server restarts it reloads each conversation without its per-k group
  clusterings and k smoother (conv_man.clj, restructure-json-conv keeps the base clusters, PCA and
  who is in, not those), so the next update clusters the groups afresh and shows its best k at
  once. The exports do not say when that happened, so a replay never restarts. (Restarting before
  the last update reaches 1.0 on 15-per-hour-seattle but falls from 0.73 to 0.45 on bowling-green,
  0.84 to 0.72 on vtaiwan.uberx and 0.95 to 0.93 on scoop-hivemind.biodiversity.)
- The first time a k is clustered (no previous clustering to start from), Pol.is starts from the
  first k base clusters; we also try GROUP_RESTARTS k-means++ starts drawn from `seed` and keep
  the clustering with the least weighted spread. Pol.is meets each k first in a tiny conversation
  and refines it over many updates; a single computation on a large matrix started from two
  arbitrary base clusters lands in a poor local optimum (austria-climate: ARI 0.76 against 0.93).
- Pol.is stops power iteration when the eigenvalue repeats exactly; we stop at a relative change
  of 1e-12 (the same vector to rounding, many fewer steps in a replay).
- Pol.is' k-means breaks distance ties by hash-map order and starts a fresh clustering from the
  first points of a hash set; here ties go to the lowest cluster number and points come in the
  order participants first voted, so results are reproducible.
- Pol.is switches to mini-batch PCA above 10,000 participants; we always use the full matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

BASE_K = 100
MAX_GROUPS = 5
GROUP_K_BUFFER = 4
PCA_ITERATIONS = 100
BASE_ITERATIONS = 100
GROUP_ITERATIONS = 20  # Pol.is passes `:cluster-iters`, which its kmeans ignores: the default 20 applies
GROUP_RESTARTS = 10
MIN_VOTES = 7
GREEDY_N = 15
Z_90 = 1.2816
REPRESENTATIVE_LIMIT = 5
CONSENSUS_LIMIT = 5
SAME_CLUSTERING = 0.01


@dataclass(frozen=True)
class StatementScore:
    """A statement chosen for a group (or for everyone): its number, the side ("agree" or
    "disagree") and the Pol.is metric it was ranked by."""

    statement: int
    direction: str
    score: float


@dataclass(eq=False)
class OpinionGroups:
    """`group[i]` is participant i's group (0…k-1), or -1 when they have not voted enough to be
    placed. `representative[g]` lists group g's representative statements, `consensus` the
    statements most people agree (then disagree) on. `position` is each participant's point on the
    opinion map (NaN for those who have not voted)."""

    k: int
    group: np.ndarray
    representative: list[list[StatementScore]]
    consensus: list[StatementScore]
    position: np.ndarray
    updates: int = 1


@dataclass
class _Clusters:
    """A k-means clustering: ids (kept across updates), centres and members (row numbers of the
    data clustered: participants for base clusters, base-cluster ids for groups)."""

    ids: list[int]
    centers: np.ndarray
    members: list[np.ndarray]


@dataclass
class _State:
    """What Pol.is keeps from one update to the next."""

    components: np.ndarray | None = None  # 2 × statements seen so far
    base: _Clusters | None = None  # members are participant numbers
    groups_by_k: dict[int, _Clusters] = field(default_factory=dict)  # members are base-cluster ids
    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None
    in_conversation: np.ndarray | None = None
    positions: np.ndarray | None = None  # each participant's projection at the last update
    shown: _Clusters | None = None  # the groups of the last update (members are base-cluster ids)


def opinion_groups(
    vote_participant: np.ndarray,
    vote_statement: np.ndarray,
    vote_value: np.ndarray,
    *,
    num_participants: int,
    num_statements: int,
    moderated_out: np.ndarray | None = None,
    vote_time: np.ndarray | None = None,
    seed: int = 0,
    replay: bool = True,
    votes_per_update: int = 500,
) -> OpinionGroups:
    """Opinion groups of a conversation from its votes (participant number, statement number,
    1 / -1 / 0), as Pol.is computes them. A later vote by the same person on the same statement
    replaces the earlier one. With `vote_time` and `replay`, the history is replayed in time order
    with an update every `votes_per_update` votes; otherwise one update runs on the final votes.
    The same input and seed always give the same result."""
    who = np.asarray(vote_participant, dtype=np.int64)
    what = np.asarray(vote_statement, dtype=np.int64)
    value = np.asarray(vote_value, dtype=np.float64)
    if not (len(who) == len(what) == len(value)):
        raise ValueError("vote_participant, vote_statement and vote_value must have the same length")
    if len(who) and (who.min() < 0 or who.max() >= num_participants or what.min() < 0 or what.max() >= num_statements):
        raise ValueError("a vote names a participant or statement number out of range")
    if len(value) and not np.isin(value, (-1.0, 0.0, 1.0)).all():
        raise ValueError("votes must be 1 (agree), -1 (disagree) or 0 (pass)")
    if votes_per_update < 1:
        raise ValueError("votes_per_update must be at least 1")
    mod_out = np.zeros(num_statements, bool) if moderated_out is None else np.asarray(moderated_out, bool)
    if vote_time is not None:
        order = np.argsort(np.asarray(vote_time), kind="stable")
    else:  # no times: participants in the order Pol.is numbered them, that is the order they came
        order = np.argsort(who, kind="stable")
    who, what, value = who[order], what[order], value[order]

    rng = np.random.default_rng(seed)
    state = _State()
    ratings = np.full((num_participants, num_statements), np.nan)
    row_order: list[int] = []  # participants and statements in the order they first appear, as Pol.is' matrix grows
    col_order: list[int] = []
    row_seen = np.zeros(num_participants, bool)
    col_seen = np.zeros(num_statements, bool)
    batch = votes_per_update if replay else max(len(who), 1)
    updates = 0
    for start in range(0, max(len(who), 1), batch):
        stop = min(start + batch, len(who))
        for i in who[start:stop][~row_seen[who[start:stop]]]:
            if not row_seen[i]:
                row_seen[i] = True
                row_order.append(int(i))
        for j in what[start:stop][~col_seen[what[start:stop]]]:
            if not col_seen[j]:
                col_seen[j] = True
                col_order.append(int(j))
        ratings[who[start:stop], what[start:stop]] = value[start:stop]  # later votes overwrite earlier ones
        if row_order:
            _update(state, ratings, np.array(row_order), np.array(col_order), mod_out, rng)
            updates += 1
    return _result(state, ratings, row_order, col_order, mod_out, num_participants, updates)


def _update(state: _State, ratings, rows: np.ndarray, cols: np.ndarray, mod_out, rng) -> None:
    """One Pol.is conversation update on the votes so far (rows × cols of `ratings`)."""
    raw = ratings[np.ix_(rows, cols)]
    votes_each = (~np.isnan(raw)).sum(axis=1)
    rating = raw.copy()
    rating[:, mod_out[cols]] = 0.0  # zero-out-columns: moderated-out cells become "passed" for everyone
    n_cmts = len(cols)

    qualified = votes_each >= min(MIN_VOTES, n_cmts)
    in_conv = np.zeros(len(ratings), bool) if state.in_conversation is None else state.in_conversation
    in_conv[rows[qualified]] = True
    if in_conv.sum() < GREEDY_N:  # too few yet: Pol.is takes the most active voters as well
        outside = np.nonzero(~in_conv[rows])[0]
        top = outside[np.argsort(-votes_each[outside], kind="stable")][: GREEDY_N - int(in_conv.sum())]
        in_conv[rows[top]] = True
    state.in_conversation = in_conv

    center, components = _pca(rating, state.components, rng)
    state.components = components
    positions = _project(rating, center, components)
    state.positions = np.full((len(ratings), 2), np.nan)
    state.positions[rows] = positions

    members = rows[in_conv[rows]]
    if len(members) == 0:
        return
    member_positions = positions[in_conv[rows]]
    # Base clusters hold participant numbers; the k-means works on rows of `member_positions`.
    row_of = {int(p): r for r, p in enumerate(members)}
    last = None
    if state.base is not None:
        last = _Clusters(
            state.base.ids,
            state.base.centers,
            [np.array([row_of[int(p)] for p in m if int(p) in row_of], dtype=np.int64) for m in state.base.members],
        )
    base = _kmeans(member_positions, BASE_K, last, None, BASE_ITERATIONS)
    order = np.argsort(base.ids, kind="stable")
    state.base = _Clusters([base.ids[o] for o in order], base.centers[order], [members[base.members[o]] for o in order])

    # Groups: k-means of the base-cluster centres, weighted by base-cluster sizes.
    ids = state.base.ids
    centers = state.base.centers
    weights = np.array([len(m) for m in state.base.members], dtype=np.float64)
    index_of = {bid: r for r, bid in enumerate(ids)}
    distances = _distances(centers)
    max_k = min(MAX_GROUPS, 2 + len(ids) // 12)
    clusterings: dict[int, _Clusters] = {}
    silhouettes: dict[int, float] = {}
    for k in range(2, max_k + 1):
        previous = state.groups_by_k.get(k)
        last = None
        if previous is not None:
            last = _Clusters(
                previous.ids,
                previous.centers,
                [np.array([index_of[b] for b in m if b in index_of], dtype=np.int64) for m in previous.members],
            )
        found = _group_kmeans(centers, k, last, weights, rng)
        order = np.argsort(found.ids, kind="stable")
        clusterings[k] = _Clusters(
            [found.ids[o] for o in order],
            found.centers[order],
            [np.array([ids[r] for r in found.members[o]], dtype=np.int64) for o in order],
        )
        silhouettes[k] = _silhouette(distances, [found.members[o] for o in order])
    state.groups_by_k = clusterings  # Pol.is keeps only the ks of this update (2 … max k)
    if not clusterings:
        state.shown = None
        return
    # Ties go to the larger k, as Clojure's max-key returns the last of equal keys.
    this_k = max(clusterings, key=lambda k: (silhouettes[k], k))
    this_k_count = state.last_k_count + 1 if state.last_k == this_k else 1
    if this_k_count >= GROUP_K_BUFFER or state.smoothed_k is None:
        state.smoothed_k = this_k
    state.last_k, state.last_k_count = this_k, this_k_count
    # Pol.is shows no groups when the smoothed k was not computed this time (fewer base clusters
    # than before); we show this update's best k instead.
    state.shown = clusterings.get(state.smoothed_k) or clusterings[this_k]


def _pca(data: np.ndarray, start: np.ndarray | None, rng) -> tuple[np.ndarray, np.ndarray]:
    """Pol.is' powerit-pca on the rating matrix with missing cells replaced by column means."""
    filled = data.copy()
    missing = np.isnan(filled)
    if missing.any():
        counts = (~missing).sum(axis=0)
        means = np.where(counts > 0, np.nansum(data, axis=0) / np.maximum(counts, 1), 0.0)
        filled[missing] = np.take(means, np.nonzero(missing)[1])
    center = filled.mean(axis=0)
    centred = filled - center
    n_rows, n_cols = centred.shape
    n_comps = min(2, n_rows, n_cols)
    components = np.zeros((2, n_cols))
    for c in range(n_comps):
        vector = None
        if start is not None and c < len(start):
            # New statements since the last update start at 1, as Pol.is pads its start vector.
            vector = np.concatenate([start[c], np.ones(n_cols - start.shape[1])])
            if not vector.any():
                vector = None
        if vector is None:
            vector = rng.random(n_cols)
        components[c] = _power_iteration(centred, vector)
        centred = centred - np.outer(centred @ components[c], components[c]) if components[c].any() else centred
    return center, components


def _power_iteration(data: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """First eigenvector of dataᵀ·data: 100 iterations, or fewer once the eigenvalue stops moving."""
    last_eigenvalue = 0.0
    for remaining in range(PCA_ITERATIONS, -1, -1):
        product = data.T @ (data @ vector)
        eigenvalue = float(np.linalg.norm(product))
        vector = product / eigenvalue if eigenvalue > 0 else product
        # Pol.is stops when the eigenvalue repeats exactly; a relative 1e-12 gives the same vector
        # (to rounding) without running out the 100 iterations on every update of a replay.
        if remaining == 0 or abs(eigenvalue - last_eigenvalue) <= 1e-12 * eigenvalue:
            break
        last_eigenvalue = eigenvalue
    return vector


def _project(rating: np.ndarray, center: np.ndarray, components: np.ndarray) -> np.ndarray:
    """Pol.is' sparsity-aware projection: only the cells a participant filled, scaled by
    sqrt(statements / cells filled)."""
    voted = ~np.isnan(rating)
    centred = np.where(voted, rating - center, 0.0)
    n_votes = np.maximum(voted.sum(axis=1), 1)
    scale = np.sqrt(rating.shape[1] / n_votes)
    return (centred @ components.T) * scale[:, None]


def _kmeans(
    points: np.ndarray, k: int, last: _Clusters | None, weights: np.ndarray | None, max_iters: int
) -> _Clusters:
    """clusters.clj's kmeans: start from `last` (cleaned up) or the first k distinct points, then
    assign-and-average until the centres move less than 0.01 or `max_iters` steps."""
    clusters = _clean_start(points, last, k, weights) if last is not None else _first_distinct(points, k)
    for remaining in range(max_iters, -1, -1):
        new = _cluster_step(points, clusters, weights)
        if remaining == 0 or _same_clustering(clusters.centers, new.centers):
            return new
        clusters = new
    return clusters


def _group_kmeans(centers: np.ndarray, k: int, last: _Clusters | None, weights: np.ndarray, rng) -> _Clusters:
    """Groups of base clusters: Pol.is' k-means from its usual start, and from GROUP_RESTARTS
    k-means++ starts drawn from `rng`; the clustering with the least weighted within-group spread
    wins (the Pol.is start on ties)."""
    best = _kmeans(centers, k, last, weights, GROUP_ITERATIONS)
    best_spread = _spread(centers, best, weights)
    restarts = GROUP_RESTARTS if last is None and len(centers) > k else 0
    for _ in range(restarts):
        start = _kmeans_plus_plus(centers, k, weights, rng)
        found = _kmeans(centers, k, start, weights, GROUP_ITERATIONS)
        spread = _spread(centers, found, weights)
        if spread < best_spread - 1e-12:
            best, best_spread = found, spread
    return best


def _spread(points: np.ndarray, clusters: _Clusters, weights: np.ndarray) -> float:
    pairs = zip(clusters.centers, clusters.members, strict=True)
    return float(sum((weights[m] * ((points[m] - c) ** 2).sum(axis=1)).sum() for c, m in pairs))


def _kmeans_plus_plus(points: np.ndarray, k: int, weights: np.ndarray, rng) -> _Clusters:
    """A k-means++ start (Arthur & Vassilvitskii) with each point weighted by its base cluster's size."""
    chosen = [int(rng.choice(len(points), p=weights / weights.sum()))]
    for _ in range(1, k):
        nearest = _distances(points, points[chosen]).min(axis=1) ** 2 * weights
        if nearest.sum() <= 0:
            break
        chosen.append(int(rng.choice(len(points), p=nearest / nearest.sum())))
    # Members are the points themselves, so that clean-start recentres on them.
    return _Clusters(list(range(len(chosen))), points[chosen].copy(), [np.array([c]) for c in chosen])


def _first_distinct(points: np.ndarray, k: int) -> _Clusters:
    _, first = np.unique(points, axis=0, return_index=True)
    chosen = np.sort(first)[:k]
    return _Clusters(list(range(len(chosen))), points[chosen].copy(), [np.zeros(0, np.int64) for _ in chosen])


def _cluster_step(points: np.ndarray, clusters: _Clusters, weights) -> _Clusters:
    """Every point to its nearest centre (ties to the lowest cluster number), then each centre to the
    (weighted) mean of its points; clusters left empty are dropped."""
    k = len(clusters.ids)
    nearest = np.argmin(_squared_distances(points, clusters.centers), axis=1)
    counts = np.bincount(nearest, minlength=k)
    w = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=np.float64)
    mass = np.bincount(nearest, weights=w, minlength=k)
    sums = np.stack([np.bincount(nearest, weights=w * points[:, d], minlength=k) for d in range(points.shape[1])], 1)
    by_cluster = np.split(np.argsort(nearest, kind="stable"), np.cumsum(counts)[:-1])
    kept = np.nonzero(counts)[0]
    # A cluster whose points all weigh 0 takes their plain mean, as _mean does.
    plain = np.stack([np.bincount(nearest, weights=points[:, d], minlength=k) for d in range(points.shape[1])], 1)
    centers = np.where(
        (mass > 0)[:, None], sums / np.where(mass > 0, mass, 1)[:, None], plain / np.maximum(counts, 1)[:, None]
    )
    return _Clusters([clusters.ids[c] for c in kept], centers[kept], [by_cluster[c] for c in kept])


def _mean(points: np.ndarray, weights: np.ndarray | None) -> np.ndarray:
    if weights is None or weights.sum() <= 0:
        return points.mean(axis=0)
    return (points * weights[:, None]).sum(axis=0) / weights.sum()


def _same_clustering(a: np.ndarray, b: np.ndarray) -> bool:
    """Centres compared after sorting (as Pol.is sorts them); a shorter list is compared on its length."""
    a, b = _sorted_rows(a), _sorted_rows(b)
    n = min(len(a), len(b))
    return bool(np.all(np.linalg.norm(a[:n] - b[:n], axis=1) < SAME_CLUSTERING))


def _sorted_rows(centers: np.ndarray) -> np.ndarray:
    return centers[np.lexsort(centers.T[::-1])] if len(centers) else centers


def _clean_start(points: np.ndarray, last: _Clusters, k: int, weights) -> _Clusters:
    """clean-start-clusters: recentre last clusters on their members' new positions, merge any with
    identical centres, then split off the most distant point into a new cluster until there are
    min(k, distinct points) clusters."""
    ids, centers, members = [], [], []
    seen: dict[bytes, int] = {}  # centre → position, to merge clusters whose centres coincide
    for cid, rows in zip(last.ids, last.members, strict=True):
        if len(rows) == 0:
            continue
        center = _mean(points[rows], None if weights is None else weights[rows])
        same = seen.get(center.tobytes())
        if same is not None:  # uniqify: the merged cluster keeps the id of the larger one
            if len(rows) > len(members[same]):
                ids[same] = cid
            members[same] = np.concatenate([members[same], rows])
            centers[same] = _mean(points[members[same]], None if weights is None else weights[members[same]])
            continue
        seen[center.tobytes()] = len(ids)
        ids.append(cid)
        centers.append(center)
        members.append(rows)
    if not ids:
        return _Clusters([max(last.ids, default=-1) + 1], _mean(points, weights)[None, :], [np.arange(len(points))])
    possible = min(k, len(np.unique(points, axis=0)))
    centers_array = np.array(centers)
    while len(ids) < possible:
        nearest = _distances(points, centers_array)
        closest = nearest.min(axis=1)
        outlier = int(np.argmax(closest))
        if closest[outlier] <= 0:
            break
        for c in range(len(members)):
            members[c] = members[c][members[c] != outlier]
        ids.append(max(ids) + 1)
        members.append(np.array([outlier], dtype=np.int64))
        keep = [c for c in range(len(ids)) if len(members[c])]
        ids, members = [ids[c] for c in keep], [members[c] for c in keep]
        centers_array = np.array([_mean(points[m], None if weights is None else weights[m]) for m in members])
    return _Clusters(ids, centers_array, members)


def _squared_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances between the rows of a and b, one coordinate at a time (points have
    two coordinates: no n × k × 2 temporary)."""
    total = np.zeros((len(a), len(b)))
    for d in range(a.shape[1]):
        total += (a[:, d, None] - b[None, :, d]) ** 2
    return total


def _distances(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    return np.sqrt(_squared_distances(a, a if b is None else b))


def _silhouette(distances: np.ndarray, groups: list[np.ndarray]) -> float:
    """Mean silhouette over base clusters (each counted once, whatever its size); a member alone in
    its group scores 0."""
    groups = [g for g in groups if len(g)]
    if not groups:
        return 0.0
    rows = np.concatenate(groups)
    label = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    sizes = np.array([len(g) for g in groups], dtype=np.float64)
    sub = distances[np.ix_(rows, rows)]
    totals = np.stack([sub[:, label == g].sum(axis=1) for g in range(len(groups))], axis=1)  # member × group
    own = sizes[label]
    a = totals[np.arange(len(rows)), label] / np.maximum(own - 1, 1)
    means = totals / sizes[None, :]
    means[np.arange(len(rows)), label] = np.inf
    b = means.min(axis=1) if len(groups) > 1 else a
    largest = np.maximum(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where((own == 1) | (largest == 0), 0.0, (b - a) / np.where(largest == 0, 1, largest))
    return float(scores.mean())


def _result(state: _State, ratings, row_order, col_order, mod_out, n_participants, updates) -> OpinionGroups:
    group = np.full(n_participants, -1, dtype=np.int64)
    position = np.full((n_participants, 2), np.nan) if state.positions is None else state.positions
    cols = np.array(col_order, dtype=np.int64)
    if not row_order or state.base is None:
        return OpinionGroups(0, group, [], [], position, updates)
    rows = np.array(row_order, dtype=np.int64)

    base_members = dict(zip(state.base.ids, state.base.members, strict=True))
    clustering = state.shown
    if clustering is None:  # fewer than two base clusters: everyone placed is in one group
        members_by_group = [np.concatenate(state.base.members)]
    else:
        members_by_group = [np.concatenate([base_members[b] for b in m]) for m in clustering.members]
    for g, members in enumerate(members_by_group):
        group[members] = g

    statements = cols[~mod_out[cols]]
    votes = ratings[:, statements]
    representative = _representative(votes, members_by_group, statements) if len(members_by_group) > 1 else [[]]
    consensus = _consensus(ratings[np.ix_(rows, statements)], statements)
    return OpinionGroups(len(members_by_group), group, representative, consensus, position, updates)


def _counts(votes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agrees, disagrees and votes seen (passes included) per statement column."""
    return (votes == 1).sum(axis=0), (votes == -1).sum(axis=0), (~np.isnan(votes)).sum(axis=0)


def _prop_test(successes, trials):
    """stats.clj prop-test: a one-proportion z-score against 1/2, with +1 pseudo-counts."""
    s, n = successes + 1.0, trials + 1.0
    return 2 * np.sqrt(n) * (s / n - 0.5)


def _two_prop_test(succ_in, succ_out, pop_in, pop_out):
    """stats.clj two-prop-test: group against the rest, with +1 pseudo-counts on all four."""
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, pop_in + 1.0, pop_out + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pooled == 1, 0.0, (s1 / n1 - s2 / n2) / np.where(spread > 0, spread, 1.0))


def _representative(votes: np.ndarray, groups: list[np.ndarray], statements: np.ndarray) -> list[list[StatementScore]]:
    """repness.clj: conv-repness then select-rep-comments, per group, statements in id order."""
    counts = [_counts(votes[members]) for members in groups]
    all_na = sum(c[0] for c in counts)
    all_nd = sum(c[1] for c in counts)
    all_ns = sum(c[2] for c in counts)
    chosen = []
    for na, nd, ns in counts:
        rna, rnd, rns = all_na - na, all_nd - nd, all_ns - ns
        pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
        stats = {
            "na": na,
            "nd": nd,
            "pa": pa,
            "pd": pd,
            "pat": _prop_test(na, ns),
            "pdt": _prop_test(nd, ns),
            "ra": pa / ((rna + 1) / (rns + 2)),
            "rd": pd / ((rnd + 1) / (rns + 2)),
            "rat": _two_prop_test(na, rna, ns, rns),
            "rdt": _two_prop_test(nd, rnd, ns, rns),
        }
        chosen.append(_select_representative({key: np.asarray(v, float) for key, v in stats.items()}, statements))
    return chosen


def _finalize(s: dict, j: int) -> tuple[str, float, float]:
    """finalize-cmt-stats: the side with the larger two-proportion z wins; its metric is
    repness × repness-test × p-success × p-test."""
    if s["rat"][j] > s["rdt"][j]:
        return "agree", float(s["ra"][j] * s["rat"][j] * s["pa"][j] * s["pat"][j]), float(s["rat"][j])
    return "disagree", float(s["rd"][j] * s["rdt"][j] * s["pd"][j] * s["pdt"][j]), float(s["rdt"][j])


def _select_representative(s: dict, statements: np.ndarray) -> list[StatementScore]:
    sufficient: list[tuple[int, str, float]] = []
    best: tuple[int, float] | None = None  # (column, repness-test)
    best_agree: int | None = None
    for j in range(len(statements)):
        passes = (s["rat"][j] > Z_90 and s["pat"][j] > Z_90) or (s["rdt"][j] > Z_90 and s["pdt"][j] > Z_90)
        direction, metric, test = _finalize(s, j)
        if passes:
            sufficient.append((j, direction, metric))
        if not sufficient and (best is None or max(s["rat"][j], s["rdt"][j]) > best[1]):
            best = (j, test)
        if _beats_best_agree(s, j, best_agree):
            best_agree = j
    if not sufficient:
        head = best_agree if best_agree is not None else (best[0] if best else None)
        if head is None:
            return []
        direction, metric, _ = _finalize(s, head)
        return [StatementScore(int(statements[head]), direction, metric)]
    ranked = sorted((item for item in sufficient if item[0] != best_agree), key=lambda item: -item[2])
    if best_agree is not None:
        direction, metric, _ = _finalize(s, best_agree)
        ranked.insert(0, (best_agree, direction, metric))
    ranked = ranked[:REPRESENTATIVE_LIMIT]
    ranked = [r for r in ranked if r[1] == "agree"] + [r for r in ranked if r[1] == "disagree"]
    return [StatementScore(int(statements[j]), direction, metric) for j, direction, metric in ranked]


def _beats_best_agree(s: dict, j: int, best: int | None) -> bool:
    """beats-best-agr?: keeps, besides the most representative statements, the statement the group
    most clearly agrees with."""
    if s["na"][j] == 0 and s["nd"][j] == 0:
        return False
    if best is not None and s["ra"][best] > 1.0:
        return bool(
            s["ra"][j] * s["rat"][j] * s["pa"][j] * s["pat"][j]
            > s["ra"][best] * s["rat"][best] * s["pa"][best] * s["pat"][best]
        )
    if best is not None:
        return bool(s["pa"][j] * s["pat"][j] > s["pa"][best] * s["pat"][best])
    return bool(s["pat"][j] > Z_90 or (s["ra"][j] > 1.0 and s["pa"][j] > 0.5))


def _consensus(votes: np.ndarray, statements: np.ndarray) -> list[StatementScore]:
    """select-consensus-comments over every voter: more than half agree (disagree) and the
    one-proportion test is significant at 90 %; the top 5 by p × z on each side."""
    na, nd, ns = _counts(votes)
    chosen = []
    for direction, n in (("agree", na), ("disagree", nd)):
        p = (n + 1) / (ns + 2)
        z = _prop_test(n, ns)
        metric = p * z
        eligible = np.nonzero((p > 0.5) & (z > Z_90))[0]
        ranked = eligible[np.argsort(-metric[eligible], kind="stable")][:CONSENSUS_LIMIT]
        chosen += [StatementScore(int(statements[j]), direction, float(metric[j])) for j in ranked]
    return chosen
