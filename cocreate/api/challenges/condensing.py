"""Condensed proposals of a space, each with the ids of the original ideas it groups; voting
for one (POST) and withdrawing the vote (DELETE). Who voted for what is never shown: only
totals, and whether you yourself voted. Staff group ideas into condensed proposals, change
them, withdraw them, see the results by sub-theme and invite the authors behind the top ones
to co-design; the person invited answers their own invitation."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import CoDesignInvitation, CoDesignStatus, CondensedProposal, Event
from cocreate.challenges.selectors import condensing as selectors
from cocreate.challenges.services import condensing as services
from cocreate.ideas.models import Idea
from cocreate.spaces.permissions import can, ensure_can

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
    withdrawn: bool = Field(False, description="withdrawn by staff: out of the lists, the vote and the results")
    withdrawn_reason: str = Field("", description="why staff withdrew it")
    url: str

    @staticmethod
    def resolve_withdrawn(proposal: CondensedProposal):
        return proposal.is_hidden

    @staticmethod
    def resolve_withdrawn_reason(proposal: CondensedProposal):
        return proposal.hidden_reason

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


class RankedOut(Schema):
    id: int
    title: str
    position: int = Field(description="rank in its sub-theme, 1 = most votes")
    votes_count: int
    original_supports: int = Field(description="supports for its originals: breaks ties")
    invited_place: bool = Field(description="among the top proposals whose authors are invited to co-design")


class ResultGroupOut(Schema):
    theme: int | None
    theme_name: str
    places: int = Field(description="how many proposals of each sub-theme go on to co-design")
    proposals: list[RankedOut]


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


# --- Staff: condensed proposals and their originals ------------------------------------------


class CondensedIn(Schema):
    title: Text = Field(max_length=200, description="the condensed proposal's title, as for an idea")
    body: Text = Field(max_length=10000, description="what the grouped ideas propose together, in plain words")
    theme: Id = Field(description="id of the sub-theme (an idea theme of the space) people will vote in")


class CondensedCreateIn(CondensedIn):
    ideas: list[Id] = Field(min_length=1, max_length=500, description="ids of the original ideas it groups")


class OriginalsIn(Schema):
    ideas: list[Id] = Field(min_length=1, max_length=500, description="ids of the ideas to include as well")


class WithdrawIn(Schema):
    reason: Text = Field(max_length=1000, description="why it is withdrawn: people who voted for it read it")


@router.post(
    "/spaces/{slug}/condensed-proposals",
    response={201: CondensedOut},
    auth=SIGNED_IN,
    summary="Group ideas into a condensed proposal (staff)",
)
def create_condensed(request, slug: str, payload: CondensedCreateIn):
    space = readable_space(request, slug)
    proposal = services.condensed_create(
        person=request.auth,
        space=space,
        title=payload.title,
        body=payload.body,
        theme=payload.theme,
        ideas=payload.ideas,
    )
    return Status(201, _proposal(request, slug, proposal.pk))


@router.get(
    "/spaces/{slug}/condensed-proposals/results",
    response=list[ResultGroupOut],
    auth=ANYONE,
    summary="Results of the vote by sub-theme: proposals ranked, the top ones marked for co-design",
)
def condensed_results(request, slug: str):
    space = readable_space(request, slug)
    groups = selectors.results_by_theme(space=space)
    return [
        {
            "theme": group.theme.pk if group.theme else None,
            "theme_name": group.name,
            "places": group.places,
            "proposals": group.proposals,
        }
        for group in groups
    ]


@router.get(
    "/spaces/{slug}/condensed-proposals/{condensed_id}",
    response=CondensedOut,
    auth=ANYONE,
    summary="One condensed proposal (a withdrawn one says why)",
)
def get_condensed(request, slug: str, condensed_id: int):
    return _proposal(request, slug, condensed_id)


@router.put(
    "/spaces/{slug}/condensed-proposals/{condensed_id}",
    response=CondensedOut,
    auth=SIGNED_IN,
    summary="Change a condensed proposal's title, text or sub-theme (staff)",
)
def update_condensed(request, slug: str, condensed_id: int, payload: CondensedIn):
    proposal = _proposal(request, slug, condensed_id)
    services.condensed_update(
        person=request.auth, condensed=proposal, title=payload.title, body=payload.body, theme=payload.theme
    )
    return _proposal(request, slug, condensed_id)


@router.post(
    "/spaces/{slug}/condensed-proposals/{condensed_id}/originals",
    response={201: CondensedOut},
    auth=SIGNED_IN,
    summary="Include more original ideas (staff); their authors are told",
)
def add_originals(request, slug: str, condensed_id: int, payload: OriginalsIn):
    proposal = _proposal(request, slug, condensed_id)
    services.condensed_add_originals(person=request.auth, condensed=proposal, ideas=payload.ideas)
    return Status(201, _proposal(request, slug, condensed_id))


@router.delete(
    "/spaces/{slug}/condensed-proposals/{condensed_id}/originals/{idea_id}",
    response={204: None},
    auth=SIGNED_IN,
    summary="Take an idea out of a condensed proposal (staff); the idea itself is unchanged",
)
def remove_original(request, slug: str, condensed_id: int, idea_id: int):
    proposal = _proposal(request, slug, condensed_id)
    idea = Idea.objects.filter(space_id=proposal.space_id, pk=idea_id).first() if 0 < idea_id < 2**62 else None
    if idea is None:
        raise Http404
    services.condensed_remove_original(person=request.auth, condensed=proposal, idea=idea)
    return Status(204, None)


@router.post(
    "/spaces/{slug}/condensed-proposals/{condensed_id}/withdrawal",
    response=CondensedOut,
    auth=SIGNED_IN,
    summary="Withdraw a condensed proposal from the vote, saying why (staff)",
)
def withdraw_condensed(request, slug: str, condensed_id: int, payload: WithdrawIn):
    proposal = _proposal(request, slug, condensed_id)
    services.condensed_withdraw(person=request.auth, condensed=proposal, reason=payload.reason)
    return _proposal(request, slug, condensed_id)


@router.delete(
    "/spaces/{slug}/condensed-proposals/{condensed_id}/withdrawal",
    response=CondensedOut,
    auth=SIGNED_IN,
    summary="Publish a withdrawn condensed proposal again (staff)",
)
def restore_condensed(request, slug: str, condensed_id: int):
    proposal = _proposal(request, slug, condensed_id)
    services.condensed_withdraw(person=request.auth, condensed=proposal, withdrawn=False)
    return _proposal(request, slug, condensed_id)


# --- Co-design invitations -------------------------------------------------------------------


class CoDesignInvitationOut(Schema):
    id: int
    condensed_proposal: int
    condensed_title: str
    person: int
    person_name: str
    event: int | None = Field(description="id of the event they are invited to, if any")
    status: CoDesignStatus
    answered_at: datetime | None

    @staticmethod
    def resolve_condensed_proposal(invitation: CoDesignInvitation):
        return invitation.condensed_id

    @staticmethod
    def resolve_condensed_title(invitation: CoDesignInvitation):
        return invitation.condensed.title

    @staticmethod
    def resolve_person(invitation: CoDesignInvitation):
        return invitation.person_id

    @staticmethod
    def resolve_person_name(invitation: CoDesignInvitation):
        return invitation.person.public_name

    @staticmethod
    def resolve_event(invitation: CoDesignInvitation):
        return invitation.event_id


class CoDesignInviteIn(Schema):
    event: Id | None = Field(None, description="id of an event of the space to invite them to; none for no event")


class AnswerIn(Schema):
    accept: bool = Field(description="true to accept the invitation, false to decline it")


@router.get(
    "/spaces/{slug}/co-design/invitations",
    response=list[CoDesignInvitationOut],
    auth=SIGNED_IN,
    summary="Co-design invitations sent and their answers (staff)",
)
@paginate(Pages)
def list_invitations(request, slug: str):
    space = readable_space(request, slug)
    if not can(request.auth, "condense", space):
        ensure_can(request.auth, "invite_co_design", space)
    return (
        CoDesignInvitation.objects.filter(condensed__space_id=space.pk)
        .select_related("condensed", "person")
        .order_by("condensed__theme__name", "condensed__title", "person__display_name", "pk")
    )


@router.post(
    "/spaces/{slug}/co-design/invitations",
    response={201: list[CoDesignInvitationOut]},
    auth=SIGNED_IN,
    summary="Invite the authors behind the top proposals of each sub-theme to co-design (staff); "
    "sending again invites only those not invited yet",
)
def send_invitations(request, slug: str, payload: CoDesignInviteIn):
    space = readable_space(request, slug)
    event = None
    if payload.event is not None:
        event = Event.objects.filter(space_id=space.pk, pk=payload.event).first()
        if event is None:
            ensure_can(request.auth, "invite_co_design", space)
            raise ValidationError({"event": _("Choose an event of this space.")})
    created = services.co_design_invite(person=request.auth, space=space, event=event)
    invitations = (
        CoDesignInvitation.objects.filter(pk__in=[i.pk for i in created])
        .select_related("condensed", "person")
        .order_by("pk")
    )
    return Status(201, list(invitations))


@router.get(
    "/spaces/{slug}/co-design/invitations/{invitation_id}",
    response=CoDesignInvitationOut,
    auth=SIGNED_IN,
    summary="Your own co-design invitation (only the person invited sees it)",
)
def get_invitation(request, slug: str, invitation_id: int):
    return _own_invitation(request, slug, invitation_id)


@router.put(
    "/spaces/{slug}/co-design/invitations/{invitation_id}/answer",
    response=CoDesignInvitationOut,
    auth=SIGNED_IN,
    summary="Accept or decline your own co-design invitation",
)
def answer_invitation(request, slug: str, invitation_id: int, payload: AnswerIn):
    invitation = _own_invitation(request, slug, invitation_id)
    services.co_design_answer(person=request.auth, invitation=invitation, accept=payload.accept)
    return _own_invitation(request, slug, invitation_id)


def _own_invitation(request, slug: str, invitation_id: int) -> CoDesignInvitation:
    space = readable_space(request, slug)
    invitation = selectors.invitation_for_person(space=space, invitation_id=invitation_id, viewer=request.auth)
    invitation.person = request.auth
    return invitation
