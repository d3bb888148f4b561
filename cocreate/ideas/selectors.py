"""Reads about ideas. Every function runs a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Mod
from django.http import Http404

from cocreate.ideas import search
from cocreate.ideas.models import (
    Comment,
    Follow,
    Idea,
    IdeaAuthor,
    IdeaStatus,
    IdeaStatusChange,
    NotDuplicatesDecision,
    Support,
    Theme,
)
from cocreate.spaces import similarity
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can, signed_in
from cocreate.web import plain_rows

PAGE_SIZE = 20

IDEA_SORTS = {
    "newest": ("-created_at", "-pk"),
    "most_supported": ((F("supports_count") + F("imported_supports_count")).desc(), "-pk"),
    "most_discussed": ("-comments_count", "-pk"),
    "random": None,  # ordered by a hash of the id and a seed kept in the page's links
    "relevance": None,  # only with a search
}
# Shown unless the person filters on them: ideas that were merged or withdrawn.
HIDDEN_BY_DEFAULT = (IdeaStatus.MERGED, IdeaStatus.WITHDRAWN)


@dataclass
class IdeaFilters:
    search: str = ""
    status: str = ""
    theme: int | None = None
    origin: str = ""
    sort: str = "newest"
    seed: int = 0
    errors: dict = field(default_factory=dict)

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.search.strip():
            return "newest"
        return self.sort


def _with_viewer(ideas: QuerySet, viewer) -> QuerySet:
    if not signed_in(viewer):
        return ideas.annotate(supported=Value(False), following=Value(False))
    return ideas.annotate(
        supported=Exists(Support.objects.filter(idea=OuterRef("pk"), person=viewer)),
        following=Exists(Follow.objects.filter(idea=OuterRef("pk"), person=viewer)),
    )


def idea_list(*, space: Space, viewer, filters: IdeaFilters | None = None) -> QuerySet[Idea]:
    """The visible ideas of a space, filtered and sorted, with what the viewer did to each."""
    filters = filters or IdeaFilters()
    ideas = Idea.objects.visible().filter(space=space)
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    else:
        ideas = ideas.exclude(status__in=HIDDEN_BY_DEFAULT)
    if filters.theme:
        ideas = ideas.filter(themes=filters.theme)
    if filters.origin:
        ideas = ideas.filter(origin=filters.origin)
    ideas = ideas.prefetch_related(_authors(), Prefetch("themes", queryset=Theme.objects.order_by("name")))
    ideas = _with_viewer(ideas, viewer)
    sort = filters.effective_sort
    if filters.search.strip():
        if sort == "relevance":
            ids = search.ranked_ids(Idea, filters.search, space_id=space.pk)
            return search.order_by_ids(ideas, ids)
        ideas = ideas.matching(filters.search)
    if sort == "random":
        # Two rounds of integer hashing, identical on SQLite and PostgreSQL (products stay < 2**62).
        first = Mod(F("id") * 1103515245 + (filters.seed * 12345 + 1), 2147483647)
        return ideas.annotate(shuffle=Mod(first * first + filters.seed, 2147483629)).order_by("shuffle", "pk")
    return ideas.order_by(*IDEA_SORTS.get(sort) or IDEA_SORTS["newest"])


def _authors():
    return Prefetch(
        "authorships", queryset=IdeaAuthor.objects.select_related("person").order_by("-is_lead", "added_at", "pk")
    )


def idea_page(*, space: Space, viewer, filters: IdeaFilters, number: int | str = 1) -> Page:
    """One page of `idea_list`. Every idea on it shares the one `space` object, so that asking
    `can()` for each costs nothing more."""
    paginator = Paginator(idea_list(space=space, viewer=viewer, filters=filters), PAGE_SIZE)
    page = paginator.get_page(number)
    for idea in page.object_list:
        idea.space = space
    return page


def supported_among(*, person, idea_ids: list[int]) -> set[int]:
    """Which of these ideas `person` supports (one query; none for visitors)."""
    if not signed_in(person) or not idea_ids:
        return set()
    placeholders = ",".join(["%s"] * len(idea_ids))
    rows = plain_rows.fetchall(
        f"SELECT idea_id FROM ideas_support WHERE person_id = %s AND idea_id IN ({placeholders})",
        [person.pk, *idea_ids],
    )
    return {row[0] for row in rows}


def space_themes(*, space: Space) -> list[Theme]:
    return list(Theme.objects.filter(space=space).order_by("name"))


# What deciding on an idea and showing its support box need.
LEAN_FIELDS = (
    "id",
    "space",
    "title",
    "status",
    "hidden_at",
    "merged_into",
    "version",
    "supports_count",
    "imported_supports_count",
    "comments_count",
    "created_at",
)


def idea_for_viewer(*, space: Space, idea_id: int, viewer) -> Idea:
    """An idea with what `can()` needs to decide what the viewer may do with it (its state, its
    authors), and whether the viewer supports and follows it; 404 when the viewer may not see
    it. One plain query: it runs on every request for an idea's page, before the cached page is
    served, and on every support."""
    if not 0 < idea_id < 2**63:
        raise Http404
    person_id = viewer.pk if signed_in(viewer) else 0
    row = plain_rows.fetchone(
        f"SELECT {plain_rows.select(Idea, LEAN_FIELDS)},"
        f" (SELECT {_joined_ids('a.person_id')} FROM ideas_ideaauthor a WHERE a.idea_id = ideas_idea.id),"
        " EXISTS (SELECT 1 FROM ideas_support s WHERE s.idea_id = ideas_idea.id AND s.person_id = %s),"
        " EXISTS (SELECT 1 FROM ideas_follow f WHERE f.idea_id = ideas_idea.id AND f.person_id = %s)"
        " FROM ideas_idea WHERE id = %s AND space_id = %s",
        [person_id, person_id, idea_id, space.pk],
    )
    if row is None:
        raise Http404
    idea = plain_rows.instance(Idea, LEAN_FIELDS, row[: len(LEAN_FIELDS)])
    authors, supported, following = row[len(LEAN_FIELDS) :]
    idea.supported, idea.following = bool(supported), bool(following)
    idea.space, idea.author_ids = space, {int(pk) for pk in (authors or "").split(",") if pk}
    if not can(viewer, "view", idea):
        raise Http404
    return idea


def _joined_ids(column: str) -> str:
    """SQL aggregate joining the ids in `column` as "12,40" (PostgreSQL names it differently)."""
    if connection.vendor == "postgresql":
        return f"string_agg({column}::text, ',')"
    return f"group_concat({column})"


def idea_detail(*, space: Space, idea_id: int, viewer) -> Idea:
    """One idea with everything its page shows; 404 when it is not in `space` or the viewer
    may not see it (hidden ideas stay visible to moderators and their authors)."""
    ideas = (
        _with_viewer(Idea.objects.filter(space=space), viewer)
        .select_related("answer__answered_by", "merged_into", "entered_by", "hidden_by")
        .prefetch_related(
            _authors(),
            "themes",
            Prefetch("merged_sources", queryset=Idea.objects.visible().order_by("merged_at", "pk")),
            Prefetch("status_changes", queryset=IdeaStatusChange.objects.select_related("changed_by")),
        )
    )
    idea = ideas.filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    idea.space = space
    if not can(viewer, "view", idea):
        raise Http404
    return idea


def idea_versions(*, slug: str, idea_id: int) -> tuple[int, int, str, int] | None:
    """(space id, space settings version, space visibility, idea version) for the cache key of
    an idea's page. Raw SQL: it runs on every visitor's request (see `space_versions`)."""
    if not 0 < idea_id < 2**63:
        return None
    return plain_rows.fetchone(
        "SELECT s.id, s.settings_version, s.visibility, i.version FROM ideas_idea i "
        "JOIN spaces_space s ON s.id = i.space_id WHERE i.id = %s AND s.slug = %s",
        [idea_id, slug],
    )


def carried_supports(*, idea: Idea) -> dict[int, int]:
    """How many of the idea's supports were carried from each merged idea: {source id: count}."""
    rows = (
        Support.objects.filter(idea=idea, carried_from__isnull=False)
        .values("carried_from")
        .annotate(n=Count("pk"))
        .values_list("carried_from", "n")
    )
    return dict(rows)


@dataclass
class CommentNode:
    comment: Comment
    replies: list["CommentNode"] = field(default_factory=list)


THREADS_PER_PAGE = 20


@dataclass
class CommentPage:
    threads: list[CommentNode]
    number: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def comment_tree(*, idea: Idea, page: int | str = 1) -> CommentPage:
    """One page of an idea's discussion: up to 20 threads, oldest first, each with all its
    replies, in three queries whatever the length of the discussion. Hidden comments stay in the
    tree (shown as hidden, with the reason) so that replies keep their context."""
    top = Comment.objects.filter(idea=idea, parent__isnull=True).order_by("created_at", "pk")
    pages = max(1, -(-top.count() // THREADS_PER_PAGE))
    page = str(page)
    number = min(max(1, int(page) if page.isascii() and page.isdigit() and len(page) < 7 else 1), pages)
    start = (number - 1) * THREADS_PER_PAGE
    root_ids = list(top.values_list("pk", flat=True)[start : start + THREADS_PER_PAGE])
    comments = list(
        Comment.objects.filter(Q(pk__in=root_ids) | Q(parent_id__in=root_ids) | Q(parent__parent_id__in=root_ids))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    nodes = {c.pk: CommentNode(c) for c in comments}
    for c in comments:
        c.idea = idea
        if c.parent_id in nodes:
            nodes[c.parent_id].replies.append(nodes[c.pk])
    return CommentPage(threads=[nodes[pk] for pk in root_ids if pk in nodes], number=number, pages=pages)


def similar_ideas(*, space: Space, text: str, exclude_id: int | None = None, limit: int = 5) -> list[Idea]:
    """ "Search before you propose": open and answered ideas of the space (not merged, withdrawn
    or hidden) most like `text` (a title being typed, or a title and description on preview),
    best first, from the space's similarity index (`cocreate.spaces.similarity`): one query
    when the index is up to date."""
    if len(text.strip()) < 3:
        return []
    ids = similarity.similar_ids(source="ideas", space_id=space.pk, text=text, limit=limit, exclude_id=exclude_id)
    if not ids:
        return []
    found = {
        idea.pk: idea
        for idea in Idea.objects.filter(pk__in=ids, space=space)
        .exclude(status__in=HIDDEN_BY_DEFAULT)
        .filter(hidden_at__isnull=True)
        .only("pk", "title", "status", "supports_count", "imported_supports_count", "comments_count", "space_id")
    }
    ordered = [found[pk] for pk in ids if pk in found]
    for idea in ordered:
        idea.space = space
    return ordered


# The duplicates page shows at most this many groups, largest first.
DUPLICATE_GROUPS_SHOWN = 50


@dataclass
class DuplicateGroup:
    ideas: list[Idea]

    @property
    def key(self) -> str:
        return NotDuplicatesDecision.key(i.pk for i in self.ideas)

    @property
    def suggested_target(self) -> Idea:
        """The idea to keep: the most supported, then the oldest."""
        return min(self.ideas, key=lambda i: (-(i.supports_count + i.imported_supports_count), i.created_at, i.pk))


def duplicate_groups(*, space: Space, limit: int = DUPLICATE_GROUPS_SHOWN) -> list[DuplicateGroup]:
    """Groups of open ideas of the space that look like duplicates of each other, largest
    first, without the groups a moderator said are not duplicates. Two queries (the decisions,
    the ideas) when the space's similarity index is up to date."""
    hidden = [
        NotDuplicatesDecision(idea_ids=key)
        for key in NotDuplicatesDecision.objects.filter(space=space).values_list("idea_ids", flat=True)
    ]
    groups = similarity.near_duplicate_groups(source="ideas", space_id=space.pk, hidden=[d.id_set() for d in hidden])[
        :limit
    ]
    wanted = {pk for group in groups for pk in group}
    ideas = {
        idea.pk: idea
        for idea in Idea.objects.filter(pk__in=wanted, space=space, hidden_at__isnull=True)
        .exclude(status__in=HIDDEN_BY_DEFAULT)
        .only(
            "pk",
            "title",
            "body",
            "status",
            "supports_count",
            "imported_supports_count",
            "comments_count",
            "created_at",
            "space_id",
            "merged_into_id",
            "hidden_at",
        )
    }
    found = []
    for group in groups:
        members = [ideas[pk] for pk in group if pk in ideas]
        for idea in members:
            idea.space = space
        if len(members) >= 2:
            found.append(DuplicateGroup(ideas=members))
    return found


def idea_topics(*, space: Space, limit: int = 8) -> list:
    """What the space's open ideas are about, found in their words (not the themes organisers
    set): `cocreate.algorithms.themes.Theme` (label, words, ids), largest first; no query when
    they were computed a moment ago."""
    return similarity.space_themes(source="ideas", space_id=space.pk, max_themes=limit)


def topic_ideas(*, space: Space, themes: list, per_theme: int = 5) -> dict[int, list[Idea]]:
    """A few of each topic's ideas (the most supported), in one query: {topic position: ideas}."""
    wanted = {pk for theme in themes for pk in theme.ids}
    if not wanted:
        return {}
    ideas = {
        idea.pk: idea
        for idea in Idea.objects.filter(pk__in=wanted, space=space, hidden_at__isnull=True)
        .exclude(status__in=HIDDEN_BY_DEFAULT)
        .only("pk", "title", "status", "supports_count", "imported_supports_count", "space_id")
    }
    shown = {}
    for position, theme in enumerate(themes):
        members = [ideas[pk] for pk in theme.ids if pk in ideas]
        members.sort(key=lambda i: (-(i.supports_count + i.imported_supports_count), -i.pk))
        for idea in members[:per_theme]:
            idea.space = space
        shown[position] = members[:per_theme]
    return shown


def ideas_to_merge(*, idea: Idea) -> QuerySet[Idea]:
    """Ideas a moderator may merge into `idea`: open, visible ideas of the same space."""
    return (
        Idea.objects.visible()
        .filter(space_id=idea.space_id, merged_into__isnull=True)
        .exclude(pk=idea.pk)
        .exclude(status__in=HIDDEN_BY_DEFAULT)
        .only("pk", "title", "supports_count")
        .order_by("title")
    )


def ideas_to_merge_in(*, space: Space) -> QuerySet[Idea]:
    """Ideas of the space a moderator may merge or keep as the merged idea: open, visible."""
    return (
        Idea.objects.visible()
        .filter(space=space, merged_into__isnull=True)
        .exclude(status__in=HIDDEN_BY_DEFAULT)
        .order_by("pk")
    )


def ideas_authored(*, person) -> QuerySet[Idea]:
    return Idea.objects.filter(authorships__person=person).select_related("space").order_by("-created_at")


def ideas_for_export(*, space: Space) -> QuerySet[Idea]:
    """Open data: the visible ideas of a space, without anything that identifies a person."""
    return Idea.objects.visible().filter(space=space).prefetch_related("themes").order_by("pk")


def comments_for_export(*, space: Space) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(space=space, hidden_at__isnull=True, idea__hidden_at__isnull=True)
        .only("pk", "idea_id", "parent_id", "body", "created_at", "origin", "depth")
        .order_by("pk")
    )
