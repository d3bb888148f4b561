"""Reads for condensing, each page in a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.algorithms.co_design import Candidate, rank_key
from cocreate.challenges.models import (
    Challenge,
    CoDesignInvitation,
    CondensedProposal,
    CondensedSource,
    CondensedVote,
    Event,
)
from cocreate.challenges.selectors.setup import challenge_of
from cocreate.ideas.models import Idea, Theme
from cocreate.ideas.selectors import IdeaFilters, idea_list
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import signed_in

WORKBENCH_PAGE_SIZE = 50


def limit_reason(theme_name: str, chosen_titles: list[str]) -> str:
    """Why a person cannot vote for one more proposal in a sub-theme, and what to do."""
    if len(chosen_titles) == 1:
        return _("You have already chosen 1 proposal in %(theme)s; withdraw that vote to choose this one.") % {
            "theme": theme_name
        }
    return _(
        "You have already chosen %(n)s proposals in %(theme)s, the most you can; "
        "withdraw one of those votes to choose this one."
    ) % {"n": len(chosen_titles), "theme": theme_name}


def _with_viewer(proposals: QuerySet, viewer) -> QuerySet:
    if not signed_in(viewer):
        return proposals.annotate(voted=Value(False))
    return proposals.annotate(voted=Exists(CondensedVote.objects.filter(proposal=OuterRef("pk"), person=viewer)))


def _originals(*, with_authors: bool = False) -> Prefetch:
    """A condensed proposal's visible originals, with their own support counts."""
    sources = (
        CondensedSource.objects.filter(idea__hidden_at__isnull=True).select_related("idea").order_by("idea__title")
    )
    if with_authors:
        sources = sources.prefetch_related("idea__authorships__person")
    return Prefetch("sources", queryset=sources)


def _share_space(proposals, space: Space) -> None:
    """Every row shares the one `space` object, so that asking `can()` and building links for
    each costs no query."""
    for proposal in proposals:
        proposal.space = space
        for source in proposal.sources.all():
            source.idea.space = space


@dataclass
class ThemeGroup:
    theme: Theme | None
    proposals: list[CondensedProposal] = field(default_factory=list)
    # The viewer's votes in this sub-theme: titles of the proposals they chose.
    chosen: list[str] = field(default_factory=list)
    limit: int = 1

    @property
    def name(self) -> str:
        return self.theme.name if self.theme else _("Other proposals")

    @property
    def full(self) -> bool:
        return len(self.chosen) >= self.limit

    @property
    def limit_reason(self) -> str:
        return limit_reason(self.name, self.chosen) if self.full and self.chosen else ""


def condensed_by_theme(*, space: Space, viewer, challenge: Challenge | None = None) -> list[ThemeGroup]:
    """The visible condensed proposals of a space grouped by sub-theme (themes in alphabetical
    order, proposals by title), each with its originals and whether the viewer voted for it."""
    challenge = challenge or challenge_of(space=space)
    proposals = list(
        _with_viewer(CondensedProposal.objects.filter(space_id=space.pk, hidden_at__isnull=True), viewer)
        .select_related("theme")
        .prefetch_related(_originals())
        .order_by("theme__name", "title", "pk")
    )
    _share_space(proposals, space)
    groups: dict[int | None, ThemeGroup] = {}
    for proposal in proposals:
        group = groups.setdefault(proposal.theme_id, ThemeGroup(theme=proposal.theme, limit=challenge.votes_per_theme))
        group.proposals.append(proposal)
        if proposal.voted:
            group.chosen.append(proposal.title)
    return sorted(groups.values(), key=lambda g: (g.theme is None, g.name.casefold()))


def condensed_for_page(*, space: Space, condensed_id: int, viewer) -> CondensedProposal:
    """One condensed proposal with its originals (and their authors) and the viewer's vote;
    404 when it is not in `space`. A withdrawn one stays readable, with the staff's reason, so
    that people who voted for it learn why it left the vote."""
    if not 0 < condensed_id < 2**62:
        raise Http404
    proposal = (
        _with_viewer(CondensedProposal.objects.filter(space_id=space.pk, pk=condensed_id), viewer)
        .select_related("theme", "created_by")
        .prefetch_related(_originals(with_authors=True))
        .first()
    )
    if proposal is None:
        raise Http404
    _share_space([proposal], space)
    return proposal


def viewer_choices_in_theme(*, proposal: CondensedProposal, viewer) -> list[str]:
    """Titles of the proposals the viewer voted for in this proposal's sub-theme."""
    if not signed_in(viewer):
        return []
    return list(
        CondensedVote.objects.filter(
            person=viewer,
            proposal__space_id=proposal.space_id,
            proposal__theme_id=proposal.theme_id,
            proposal__hidden_at__isnull=True,
        )
        .order_by("created_at")
        .values_list("proposal__title", flat=True)
    )


def condensed_for_idea(idea: Idea) -> list[CondensedProposal]:
    """The visible condensed proposals that include `idea` (for "Included in condensed
    proposal X" on the idea's page)."""
    proposals = list(
        CondensedProposal.objects.filter(sources__idea_id=idea.pk, hidden_at__isnull=True)
        .select_related("theme")
        .order_by("title", "pk")
    )
    for proposal in proposals:
        if proposal.space_id == idea.space_id:
            proposal.space = idea.space
    return proposals


def condensed_for_staff(*, space: Space) -> list[CondensedProposal]:
    """Every condensed proposal of the space (hidden ones too), for the workbench's choices."""
    return list(
        CondensedProposal.objects.filter(space_id=space.pk).select_related("theme").order_by("theme__name", "title")
    )


def workbench_page(*, space: Space, filters: IdeaFilters, number=1, not_included: bool = False) -> Page:
    """One page of the space's ideas for staff to pick from (the ideas list's filters and
    search), each with the condensed proposals that already include it."""
    ideas = idea_list(space=space, viewer=None, filters=filters).prefetch_related(
        Prefetch("condensed_sources", queryset=CondensedSource.objects.select_related("condensed").order_by("pk"))
    )
    if not_included:
        ideas = ideas.exclude(condensed_sources__isnull=False)
    page = Paginator(ideas, WORKBENCH_PAGE_SIZE).get_page(number)
    for idea in page.object_list:
        idea.space = space
        for source in idea.condensed_sources.all():
            source.condensed.space = space
    return page


def ideas_by_id(*, space: Space, ids: list[int]) -> list[Idea]:
    """The ideas chosen on the workbench, to show on the form that groups them."""
    ids = [pk for pk in ids if 0 < pk < 2**62]
    ideas = list(Idea.objects.visible().filter(space_id=space.pk, pk__in=ids).order_by("title", "pk"))
    for idea in ideas:
        idea.space = space
    return ideas


@dataclass
class RankedGroup:
    theme: Theme | None
    proposals: list[CondensedProposal]
    places: int

    @property
    def name(self) -> str:
        return self.theme.name if self.theme else _("Other proposals")


def results_by_theme(*, space: Space, challenge: Challenge | None = None) -> list[RankedGroup]:
    """Each sub-theme's visible proposals ranked by votes (ties: more supports for the
    originals, then the earlier proposal); the first `co_design_places` with votes are marked
    `invited_place`."""
    challenge = challenge or challenge_of(space=space)
    proposals = list(
        CondensedProposal.objects.filter(space_id=space.pk, hidden_at__isnull=True)
        .select_related("theme")
        .annotate(
            original_supports=Coalesce(
                Sum(F("sources__idea__supports_count") + F("sources__idea__imported_supports_count")), 0
            )
        )
    )
    groups: dict[int | None, list[CondensedProposal]] = {}
    for proposal in proposals:
        proposal.space = space
        groups.setdefault(proposal.theme_id, []).append(proposal)
    ranked = []
    for group in groups.values():
        group.sort(key=lambda p: rank_key(Candidate(p.pk, p.theme_id, p.votes_count, p.original_supports)))
        for position, proposal in enumerate(group, start=1):
            proposal.position = position
            proposal.invited_place = position <= challenge.co_design_places and proposal.votes_count > 0
        ranked.append(RankedGroup(theme=group[0].theme, proposals=group, places=challenge.co_design_places))
    return sorted(ranked, key=lambda g: (g.theme is None, g.name.casefold()))


def invitations_sent(*, space: Space) -> list[CoDesignInvitation]:
    invitations = list(
        CoDesignInvitation.objects.filter(condensed__space_id=space.pk)
        .select_related("condensed__theme", "person", "event")
        .order_by("condensed__theme__name", "condensed__title", "person__display_name", "pk")
    )
    for invitation in invitations:
        invitation.condensed.space = space
    return invitations


def invitation_for_person(*, space: Space, invitation_id: int, viewer) -> CoDesignInvitation:
    """The viewer's own invitation; 404 for anyone else (who was invited is not public)."""
    if not signed_in(viewer) or not 0 < invitation_id < 2**62:
        raise Http404
    invitation = (
        CoDesignInvitation.objects.filter(pk=invitation_id, condensed__space_id=space.pk, person=viewer)
        .select_related("condensed__theme", "event")
        .first()
    )
    if invitation is None:
        raise Http404
    invitation.condensed.space = space
    return invitation


def co_design_events(*, space: Space) -> QuerySet[Event]:
    """Events of the space co-design can be invited to: not cancelled, not over."""
    return Event.objects.filter(space_id=space.pk, cancelled_at__isnull=True, ends_at__gt=timezone.now()).order_by(
        "starts_at", "pk"
    )
