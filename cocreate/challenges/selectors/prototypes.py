"""Reads about prototypes, each page in a fixed number of queries."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from cocreate.algorithms.feedback_summary import Response, Summary, feedback_summary
from cocreate.challenges.models import (
    Feedback,
    GateDecision,
    Prototype,
    PrototypeSource,
    PrototypeVersion,
    Stage,
    TeamMember,
    TestInvitation,
    TestSession,
)
from cocreate.ideas.models import Idea
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can, roles_in


def _sources_prefetch(space: Space | None = None) -> Prefetch:
    ideas = Idea.objects.filter(hidden_at__isnull=True)
    if space is not None:
        ideas = ideas.filter(space=space)
    return Prefetch(
        "sources",
        queryset=PrototypeSource.objects.filter(idea__in=ideas).select_related("idea").order_by("added_at", "pk"),
    )


def share_space(prototypes, space: Space) -> None:
    """Give each prototype the loaded space and its makers' ids (no query per row for `can`)."""
    for prototype in prototypes:
        prototype.space = space
        if prototype.team_id:
            prototype.__dict__["member_ids"] = {m.person_id for m in prototype.team.members.all()}
        else:
            prototype.__dict__["member_ids"] = {prototype.created_by_id} if prototype.created_by_id else set()
        for source in prototype.sources.all():
            source.idea.space = space


def prototype_list(*, space: Space, viewer, stage: str = "") -> QuerySet:
    """Prototypes of a space, newest first; hidden ones only for moderators."""
    prototypes = (
        Prototype.objects.filter(space=space)
        .select_related("team")
        .prefetch_related(
            _sources_prefetch(space), Prefetch("team__members", queryset=TeamMember.objects.only("team", "person"))
        )
        .annotate(versions_count=Count("versions", distinct=True))
    )
    if "moderator" not in roles_in(viewer, space):
        prototypes = prototypes.filter(hidden_at__isnull=True)
    if stage in Stage.values:
        prototypes = prototypes.filter(stage=stage)
    return prototypes


def prototype_page_rows(*, space: Space, viewer, stage: str = "") -> list[Prototype]:
    prototypes = list(prototype_list(space=space, viewer=viewer, stage=stage))
    share_space(prototypes, space)
    return prototypes


def prototype_for_page(*, space: Space, prototype_id: int, viewer) -> Prototype:
    """A prototype with its stage history, source ideas, versions, test sessions and team."""
    prototype = (
        Prototype.objects.filter(space=space, pk=prototype_id)
        .select_related("team", "created_by")
        .prefetch_related(
            _sources_prefetch(space),
            Prefetch("gate_decisions", queryset=GateDecision.objects.select_related("decided_by")),
            Prefetch("versions", queryset=PrototypeVersion.objects.order_by("number")),
            Prefetch(
                "test_sessions",
                queryset=TestSession.objects.select_related("version", "event").annotate(
                    feedback_count=Count("feedback")
                ),
            ),
            Prefetch("team__members", queryset=TeamMember.objects.select_related("person")),
        )
        .first()
    )
    if prototype is None:
        raise Http404
    share_space([prototype], space)
    if not can(viewer, "view", prototype):
        raise Http404
    for session in prototype.test_sessions.all():
        session.prototype = prototype
    return prototype


def session_for_page(*, space: Space, session_id: int, viewer) -> TestSession:
    session = (
        TestSession.objects.filter(pk=session_id, prototype__space=space)
        .select_related("prototype__team", "version", "event")
        .prefetch_related(Prefetch("prototype__team__members", queryset=TeamMember.objects.only("team", "person")))
        .first()
    )
    if session is None:
        raise Http404
    _share_session(session, space)
    if not can(viewer, "view", session.prototype):
        raise Http404
    return session


def _share_session(session: TestSession, space: Space) -> None:
    prototype = session.prototype
    prototype.space = space
    if prototype.team_id:
        prototype.__dict__["member_ids"] = {m.person_id for m in prototype.team.members.all()}
    else:
        prototype.__dict__["member_ids"] = {prototype.created_by_id} if prototype.created_by_id else set()


def own_feedback(*, person, session: TestSession) -> Feedback | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Feedback.objects.filter(session=session, person=person).first()


def session_invitations(*, session: TestSession) -> list[TestInvitation]:
    return list(TestInvitation.objects.filter(session=session).select_related("person"))


def prototypes_from_idea(idea: Idea) -> list[Prototype]:
    """The visible prototypes an idea led to, for its page: "This idea led to prototype X"."""
    prototypes = list(
        Prototype.objects.filter(sources__idea=idea, hidden_at__isnull=True).order_by("created_at", "pk").distinct()
    )
    for prototype in prototypes:
        prototype.space = idea.space
    return prototypes


# --- Feedback summaries ---------------------------------------------------------------------


def _responses(rows) -> dict[int, list[Response]]:
    by_version: dict[int, list[Response]] = {}
    for tasks, version_id, tasks_done, ease, would_use in rows:
        pairs = tuple(zip(tasks, tasks_done, strict=False))
        by_version.setdefault(version_id, []).append(Response(tasks=pairs, ease=ease, would_use=would_use))
    return by_version


def feedback_summaries(*, prototype: Prototype) -> list[tuple[PrototypeVersion, Summary]]:
    """One summary per version that has been tested (newest version first): one query (the
    versions are already loaded with the prototype's page)."""
    rows = Feedback.objects.filter(session__prototype=prototype).values_list(
        "session__tasks", "session__version_id", "tasks_done", "ease", "would_use"
    )
    by_version = _responses(rows)
    versions = sorted(prototype.versions.all(), key=lambda v: -v.number)
    return [(version, feedback_summary(by_version[version.pk])) for version in versions if version.pk in by_version]


def feedback_comments(*, prototype: Prototype) -> list[Feedback]:
    """Every tester's feedback with its comments, for the team and organisers only."""
    rows = list(
        Feedback.objects.filter(session__prototype=prototype)
        .select_related("session__version", "entered_by", "person")
        .order_by("session__version__number", "session__starts_at", "created_at", "pk")
    )
    for row in rows:
        row.task_rows = list(zip(row.session.tasks, row.tasks_done, strict=False))
    return rows
