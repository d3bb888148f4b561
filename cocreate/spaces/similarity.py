"""Similar contributions inside a space ("search before you propose", duplicates, themes), from
lexical similarity indexes kept in process memory.

Sources. A kind of contribution takes part by registering a source once (at import time of its
app, e.g. in `AppConfig.ready`)::

    register_source(
        "ideas",
        model=Idea,                      # saves and deletes of this model mark the space's index stale
        rows=suggestible_idea_rows,      # rows(space_id, ids=None) -> iterable of (id, text)
    )

`rows(space_id, ids)` gives the items that may be suggested (visible, still open...) as
(id, text) pairs in ONE query; with `ids` it gives only those among `ids` (an id it leaves out is
removed from the index: it was hidden, merged, withdrawn or deleted). The text is what is
compared: e.g. a title written twice (it weighs more) and a description.

Then::

    similar_ids(source="ideas", space_id=space.pk, text="Bike lanes on Main Street", limit=5, exclude_id=None)

returns the ids of the most similar items, best first, within a few milliseconds even at 100,000
items (see bench/similar.py). `near_duplicate_groups(...)` gives the groups a moderator reviews
and `space_themes(...)` the themes of a space.

Freshness across processes, and why. Each process keeps one index per (source, space), built
lazily on first use (one query) and then updated incrementally. Which items changed is told
through Django's cache, shared by all processes in production (Redis): every change to an item
bumps a per-(source, space) generation counter (an atomic `incr`) and writes the changed ids
under that generation's key — at once, and again after the transaction commits, since a process
may have reloaded the rows in between and still seen them unchanged. Before answering, a
process reads the counter (one cache read, no database query); when it is behind, it reads the
ids of the generations it missed (one `get_many`) and reloads only those rows (one query). It
rebuilds the whole index when it cannot
know what changed: the counter is missing or out of its range (cache cleared or evicted, which
also starts the counter at a random value so that a new counter is never mistaken for an old
one), more than `MAX_BEHIND` generations were missed, or the index is older than `MAX_AGE`
seconds (a safety net for changes made without telling: bulk imports, raw SQL). A space of
`BACKGROUND_FROM` items or more is rebuilt in a background thread while the old index answers;
suggestions do not wait for a large space's first build either (they are a hint: none are shown
for the few seconds after a process starts), while moderators' duplicate lists do.

We chose this over a database check because the cheap database stamps do not say what changed:
the space's `version` moves with every support (which does not change any text), and a
count/latest-update aggregate scans every row of a large space on every keystroke.

Semantic similarity. Where `cocreate similarity distil` has made a static model under
`var/similarity/static-model/` (optional `semantic` extra), indexes built from then on blend
the lexical score with the semantic one for suggestions (`cocreate.algorithms.static_embeddings`,
NumPy only: no torch in the request path). Near-duplicate groups stay lexical: duplicates are
written in the same words. Saves and
deletes of the registered model are told automatically (post_save, post_delete); a change made
with `QuerySet.update()` must call `changed(source, space_id, ids)`.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django import db
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task

from cocreate.algorithms import similarity as algorithms
from cocreate.algorithms import themes as algorithms_themes
from cocreate.algorithms.static_embeddings import StaticModel

__all__ = [
    "register_source",
    "similar_ids",
    "similar_scored",
    "changed",
    "near_duplicate_groups",
    "space_themes",
    "index_for",
    "forget_indexes",
]

# A process this many generations behind rebuilds rather than replaying the changes.
MAX_BEHIND = 200
# An index older than this (seconds) is rebuilt, in case a change was made without telling. With
# the default cache (each process's own memory, as `make run` has it) the other web processes are
# never told of a change, so their indexes are rebuilt every minute instead: cheap for the spaces
# such a set-up holds; a large deployment sets CACHE_URL (Redis) and gets the hour.
MAX_AGE = 3600 if settings.CACHES["default"]["BACKEND"].endswith("RedisCache") else 60
# A space with at least this many items is rebuilt in a background thread while the old index
# keeps answering (a rebuild takes about a second per 15,000 items): nobody waits for it.
BACKGROUND_FROM = 5000
# How long the changed ids of one generation are kept in the cache (seconds).
LOG_TIMEOUT = 3600
# Below this cosine, a text is not shown as "similar".
MIN_SCORE = 0.08
# The same floor for the blended score, with a semantic model (unrelated texts still share some meaning).
SEMANTIC_MIN_SCORE = 0.3


@dataclass(frozen=True)
class Source:
    name: str
    model: type | None
    rows: Callable[..., Iterable[tuple[int, str]]]
    space_of: Callable[[object], int | None]
    count: Callable[[int], int]


@dataclass
class _Entry:
    index: algorithms.SimilarityIndex
    generation: int
    built_at: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Results computed from the whole index, kept until the next change: {key: value}.
    derived: dict = field(default_factory=dict)


_sources: dict[str, Source] = {}
_indexes: dict[tuple[str, int], _Entry] = {}
_indexes_lock = threading.Lock()
# {(source, space id, how many): (computed at, generation, themes)}
_themes: dict[tuple[str, int, int], tuple[float, int, list]] = {}


def register_source(
    name: str,
    *,
    rows: Callable[..., Iterable[tuple[int, str]]],
    model: type | None = None,
    space_of: Callable[[object], int | None] = lambda instance: getattr(instance, "space_id", None),
    count: Callable[[int], int] | None = None,
) -> Source:
    """Declare a kind of item that can be suggested. `rows(space_id, ids=None)` gives (id, text)
    pairs of the items that may be suggested (only those among `ids` when given). Saves and
    deletes of `model` mark the item's space changed (`space_of(instance)` says which space).
    `count(space_id)`, optional, says how many rows there are in one cheap query."""
    source = Source(
        name=name, model=model, rows=rows, space_of=space_of, count=count or (lambda s: sum(1 for _ in rows(s)))
    )
    if name in _sources and _sources[name].model is not None:
        post_save.disconnect(dispatch_uid=f"similarity-save-{name}", sender=_sources[name].model)
        post_delete.disconnect(dispatch_uid=f"similarity-delete-{name}", sender=_sources[name].model)
    _sources[name] = source
    if model is not None:

        def on_change(sender, instance, **kwargs):
            space_id = source.space_of(instance)
            if space_id is not None and instance.pk is not None:
                changed(name, space_id, [instance.pk])

        post_save.connect(on_change, sender=model, weak=False, dispatch_uid=f"similarity-save-{name}")
        post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=f"similarity-delete-{name}")
    return source


def _source(name: str) -> Source:
    try:
        return _sources[name]
    except KeyError:
        raise LookupError(f"No similarity source named {name!r}; known: {sorted(_sources)}") from None


def _counter_key(name: str, space_id: int) -> str:
    return f"similarity:{name}:{space_id}"


def _start_counter(key: str) -> int:
    """The counter, created at a random value if missing (so a new counter never continues an old one)."""
    cache.add(key, random.randrange(1, 1 << 40) * 1000, timeout=None)
    value = cache.get(key)
    return int(value) if value is not None else 0


def changed(name: str, space_id: int, ids: Iterable[int]) -> None:
    """Tell every process that these items of the space changed (text, visibility, status,
    deletion). Told at once and, inside a transaction, told again when it commits: a process
    that reloaded the rows in between (still seeing them unchanged) reloads them again."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return

    def tell():
        key = _counter_key(name, space_id)
        try:
            generation = cache.incr(key)
        except ValueError:  # no counter yet: nobody has an index to bring up to date
            _start_counter(key)
            return
        cache.set(f"{key}:{generation}", ids, timeout=LOG_TIMEOUT)

    tell()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(tell)


_static_model: list = []  # [] not looked for yet; [None] absent; [model]


def static_model_folder() -> Path:
    """Where the distilled model lives: var/similarity/static-model, or COCREATE_SIMILARITY_MODEL."""
    configured = os.environ.get("COCREATE_SIMILARITY_MODEL")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "similarity" / "static-model"


def static_model() -> StaticModel | None:
    """The semantic model distilled by `cocreate similarity distil`, if there is one (read once
    per process; NumPy only). Without it, similarity is lexical."""
    if not _static_model:
        folder = static_model_folder()
        _static_model.append(StaticModel.load(folder) if (folder / "vectors.npy").exists() else None)
    return _static_model[0]


def _build(source: Source, space_id: int, generation: int) -> _Entry:
    index = algorithms.SimilarityIndex(source.rows(space_id), embedder=static_model())
    return _Entry(index=index, generation=generation, built_at=time.monotonic())


def _apply(source: Source, space_id: int, entry: _Entry, generation: int, ids: list[int]) -> None:
    fresh = dict(source.rows(space_id, ids=ids))
    with entry.lock:
        for item_id in ids:
            if item_id in fresh:
                entry.index.add(item_id, fresh[item_id])
            else:
                entry.index.remove(item_id)
        entry.generation = generation
        entry.derived.clear()


def index_for(name: str, space_id: int) -> algorithms.SimilarityIndex:
    """The up-to-date index of a space (built or brought up to date as needed)."""
    return _entry_for(name, space_id).index


def _entry_for(name: str, space_id: int, *, wait: bool = True) -> _Entry | None:
    """The space's index, up to date or being rebuilt (see the module docstring). With
    `wait=False` (suggestions while someone types), a large space whose index this process has
    not built yet gives None at once and is built in the background."""
    source = _source(name)
    key = _counter_key(name, space_id)
    current = cache.get(key)
    if current is None:
        current = _start_counter(key)
    entry = _indexes.get((name, space_id))
    if entry is not None and entry.generation == current and time.monotonic() - entry.built_at < MAX_AGE:
        return entry
    if entry is not None and entry.generation < current <= entry.generation + MAX_BEHIND:
        missed = cache.get_many([f"{key}:{g}" for g in range(entry.generation + 1, current + 1)])
        if len(missed) == current - entry.generation and time.monotonic() - entry.built_at < MAX_AGE:
            ids = sorted({i for group in missed.values() for i in group})
            _apply(source, space_id, entry, current, ids)
            return entry
    if (entry is not None or not wait) and (
        (name, space_id) in _rebuilding or source.count(space_id) >= BACKGROUND_FROM
    ):
        _rebuild_in_background(source, space_id, current)
        return entry
    entry = _build(source, space_id, current)
    with _indexes_lock:
        _indexes[(name, space_id)] = entry
    return entry


_rebuilding: set[tuple[str, int]] = set()


def _rebuild_in_background(source: Source, space_id: int, generation: int) -> None:
    """Rebuild a large space's index in a thread of its own (one at a time per index); the old
    one answers meanwhile, so a stale index costs no one a wait of seconds."""
    key = (source.name, space_id)
    with _indexes_lock:
        if key in _rebuilding:
            return
        _rebuilding.add(key)

    def rebuild():
        try:
            entry = _build(source, space_id, generation)
            with _indexes_lock:
                _indexes[key] = entry
        finally:
            with _indexes_lock:
                _rebuilding.discard(key)
            db.connections.close_all()  # this thread's own connection

    _in_background(rebuild)


def _in_background(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="similarity-rebuild", daemon=True).start()


def similar_scored(
    *, source: str, space_id: int, text: str, limit: int = 5, exclude_id: int | None = None
) -> list[tuple[int, float]]:
    """(id, cosine) pairs of the items most similar to `text`, best first."""
    if len(text.strip()) < 3 or limit <= 0:
        return []
    entry = _entry_for(source, space_id, wait=False)
    if entry is None:  # a large space, just after this process started: no hint for a few seconds
        return []
    exclude = () if exclude_id is None else (exclude_id,)
    floor = MIN_SCORE if entry.index.embedder is None else SEMANTIC_MIN_SCORE
    # Under the entry's lock: a change applied by another thread must not resize the arrays a
    # query is reading (NumPy reads them in place).
    with entry.lock:
        return entry.index.similar(text, limit=limit, exclude=exclude, min_score=floor)


def similar_ids(*, source: str, space_id: int, text: str, limit: int = 5, exclude_id: int | None = None) -> list[int]:
    """Ids of the items of `source` in the space most similar to `text`, best first: at most
    `limit`, never `exclude_id`, none below a small similarity floor. No database query when the
    space's index is up to date (one cache read); see the module docstring."""
    return [
        item_id
        for item_id, _ in similar_scored(
            source=source, space_id=space_id, text=text, limit=limit, exclude_id=exclude_id
        )
    ]


# Two items this alike (cosine) are shown to moderators as possible duplicates.
DUPLICATE_THRESHOLD = 0.5


def near_duplicate_groups(
    *, source: str, space_id: int, threshold: float = DUPLICATE_THRESHOLD, max_size: int = 8, hidden=()
) -> list[list[int]]:
    """Groups of item ids that look like duplicates of each other, largest first, leaving out
    the groups in `hidden` (frozensets of ids a moderator said are not duplicates). The pairs are
    computed once per change of the space and kept in memory."""
    entry = _entry_for(source, space_id)
    key = ("pairs", threshold)
    with entry.lock:
        cached = entry.derived.get(key)
        if cached is None:
            cached = entry.derived[key] = entry.index.similar_pairs(threshold=threshold)
    return algorithms.near_duplicate_groups(cached, max_size=max_size, hidden=hidden)


# Themes are recomputed at most this often (seconds): they are an overview, not a live count.
THEMES_MAX_AGE = 600


# Up to this many items, themes are computed in the request; above (30,000 ideas take tens of
# seconds), by the task worker, while the request shows the themes computed before (or none yet).
THEMES_IN_REQUEST = 3000


def _themes_key(source: str, space_id: int, max_themes: int) -> str:
    return f"similarity-themes:{source}:{space_id}:{max_themes}"


def space_themes(*, source: str, space_id: int, max_themes: int = 8) -> list[algorithms_themes.Theme]:
    """The themes of the space's items (`cocreate.algorithms.themes`), largest first, kept in
    process memory and in the shared cache: no query while no item changed, nor for
    `THEMES_MAX_AGE` seconds after a change (themes are an overview, not a live count). Then a
    count (one query) and, up to `THEMES_IN_REQUEST` items, the rows (one query) and the
    computation; a larger space's themes are computed by the task worker."""
    key = (source, space_id, max_themes)
    counter_key = _counter_key(source, space_id)
    generation = cache.get(counter_key)
    cached = _themes.get(key)
    if generation is None:  # the cache was cleared: what was computed before cannot be trusted
        generation, cached = _start_counter(counter_key), None
    else:
        shared = cache.get(_themes_key(*key))
        if shared is not None and (cached is None or shared[0] > cached[0]):
            cached = _themes[key] = shared
    if cached is not None and (cached[1] == generation or time.time() - cached[0] < THEMES_MAX_AGE):
        return cached[2]
    if _source(source).count(space_id) <= THEMES_IN_REQUEST:
        return _compute_themes(source, space_id, max_themes, generation)
    if cache.add(f"{_themes_key(*key)}:pending", True, timeout=600):
        transaction.on_commit(lambda: themes_compute.enqueue(source=source, space_id=space_id, max_themes=max_themes))
    return cached[2] if cached is not None else []


def _compute_themes(source: str, space_id: int, max_themes: int, generation: int) -> list:
    found = algorithms_themes.themes(list(_source(source).rows(space_id)), max_themes=max_themes)
    value = (time.time(), generation, found)
    _themes[(source, space_id, max_themes)] = value
    cache.set(_themes_key(source, space_id, max_themes), value, timeout=None)
    cache.delete(f"{_themes_key(source, space_id, max_themes)}:pending")
    return found


@task()
def themes_compute(*, source: str, space_id: int, max_themes: int) -> int:
    """The task worker computes the themes of a large space (see `space_themes`); how many."""
    generation = cache.get(_counter_key(source, space_id)) or _start_counter(_counter_key(source, space_id))
    return len(_compute_themes(source, space_id, max_themes, generation))


def forget_indexes() -> None:
    """Drop every index of this process (tests, and after the cache was cleared)."""
    with _indexes_lock:
        _indexes.clear()
        _themes.clear()
        _static_model.clear()
