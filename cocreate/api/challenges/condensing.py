"""Condensed proposals of a space, each with the ids of the original ideas it groups; voting
for one (POST) and withdrawing the vote (DELETE). Who voted for what is never shown: only
totals, and whether you yourself voted."""

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import CondensedProposal
from cocreate.challenges.selectors import condensing as selectors
from cocreate.challenges.services import condensing as services

router = Router(tags=["challenges: condensed proposals"])


class CondensedOut(Schema):
    id: int
    space: str = Field(description="slug of its space")
    title: str
    body: str
    theme: int | None = Field(description="id of its sub-theme (an idea theme of the space)")
    theme_name: str
    originals: list[int] = Field(description="ids of the original ideas it groups (visible ones)")
    votes_count: int
    voted: bool = Field(False, description="whether you voted for it")
    url: str

    @staticmethod
    def resolve_space(proposal: CondensedProposal):
        return proposal.space.slug

    @staticmethod
    def resolve_theme(proposal: CondensedProposal):
        return proposal.theme_id

    @staticmethod
    def resolve_theme_name(proposal: CondensedProposal):
        return proposal.theme.name if proposal.theme else ""

    @staticmethod
    def resolve_originals(proposal: CondensedProposal):
        return [source.idea_id for source in proposal.sources.all()]

    @staticmethod
    def resolve_url(proposal: CondensedProposal, context):
        return context["request"].build_absolute_uri(services.condensed_link(proposal))


class VoteOut(Schema):
    condensed_proposal: int
    voted: bool
    votes_count: int


@router.get(
    "/spaces/{slug}/condensed-proposals",
    response=list[CondensedOut],
    auth=ANYONE,
    summary="Condensed proposals of a space, by sub-theme",
)
def list_condensed(request, slug: str):
    space = readable_space(request, slug)
    groups = selectors.condensed_by_theme(space=space, viewer=request.auth)
    return [proposal for group in groups for proposal in group.proposals]


def _proposal(request, slug: str, condensed_id: int) -> CondensedProposal:
    space = readable_space(request, slug)
    return selectors.condensed_for_page(space=space, condensed_id=condensed_id, viewer=request.auth)


@router.post(
    "/spaces/{slug}/condensed-proposals/{condensed_id}/vote",
    response={200: VoteOut, 201: VoteOut},
    auth=SIGNED_IN,
    summary="Vote for a condensed proposal (201 the first time, 200 if you already did)",
)
def vote(request, slug: str, condensed_id: int):
    proposal = _proposal(request, slug, condensed_id)
    _vote, created = services.condensed_vote(person=request.auth, condensed=proposal)
    fresh = get_object_or_404(CondensedProposal.objects.only("votes_count"), pk=proposal.pk)
    body = {"condensed_proposal": proposal.pk, "voted": True, "votes_count": fresh.votes_count}
    return Status(201 if created else 200, body)


@router.delete(
    "/spaces/{slug}/condensed-proposals/{condensed_id}/vote",
    response=VoteOut,
    auth=SIGNED_IN,
    summary="Withdraw your vote for a condensed proposal",
)
def withdraw_vote(request, slug: str, condensed_id: int):
    proposal = _proposal(request, slug, condensed_id)
    services.condensed_unvote(person=request.auth, condensed=proposal)
    fresh = get_object_or_404(CondensedProposal.objects.only("votes_count"), pk=proposal.pk)
    return {"condensed_proposal": proposal.pk, "voted": False, "votes_count": fresh.votes_count}
