"""Teams of a challenge: list them, read one (members, skills wanted, what it still needs); form
a team, invite people by e-mail address, ask to join, answer invitations and requests, change
roles, remove members, leave; and the "looking for a team" board. Members are shown by their
public name only."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.accounts.models import Person
from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import (
    InvitationDirection,
    InvitationStatus,
    Team,
    TeamInvitation,
    TeamMember,
    TeamRole,
    TeamSeeker,
)
from cocreate.challenges.selectors import teams as selectors
from cocreate.challenges.selectors.setup import challenge_of
from cocreate.challenges.services import teams as services
from cocreate.spaces.permissions import ensure_can

router = Router(tags=["teams"])


class MemberOut(Schema):
    id: int = Field(description="id of the membership (to change the role or remove the member)")
    name: str = Field(description="the name the person shows to others")
    role: TeamRole

    @staticmethod
    def resolve_name(member: TeamMember):
        return member.person.public_name


class TeamOut(Schema):
    id: int
    name: str
    pitch: str
    looking_for_members: bool = Field(description="people may ask to join")
    skills_wanted: list[str]
    members: list[MemberOut]
    still_needs: list[str] = Field(description="composition rules the team does not meet yet, in plain words")
    created_at: datetime
    url: str

    @staticmethod
    def resolve_skills_wanted(team: Team):
        return [skill.name for skill in team.skills_wanted.all()]

    @staticmethod
    def resolve_members(team: Team):
        return list(team.members.all())

    @staticmethod
    def resolve_still_needs(team: Team):
        return [shortfall.label for shortfall in team.shortfalls]

    @staticmethod
    def resolve_url(team: Team, context):
        return context["request"].build_absolute_uri(
            reverse("challenges:teams_team", kwargs={"slug": team.space.slug, "team_id": team.pk})
        )


class JoinRequestIn(Schema):
    message: Text = Field("", max_length=1000, description="what you would bring to the team")


class JoinRequestOut(Schema):
    id: int
    team: int
    status: InvitationStatus

    @staticmethod
    def resolve_team(request):
        return request.team_id


def _challenge(request, slug: str):
    return challenge_of(space=readable_space(request, slug))


@router.get("/spaces/{slug}/teams", response=list[TeamOut], auth=ANYONE, summary="Teams of a challenge")
def list_teams(request, slug: str):
    challenge = _challenge(request, slug)
    return selectors.team_list(space=challenge.space, challenge=challenge)


@router.get("/spaces/{slug}/teams/{team_id}", response=TeamOut, auth=ANYONE)
def get_team(request, slug: str, team_id: int):
    challenge = _challenge(request, slug)
    return selectors.team_for_page(space=challenge.space, challenge=challenge, team_id=team_id)


@router.post(
    "/spaces/{slug}/teams/{team_id}/join-requests",
    response={201: JoinRequestOut},
    auth=SIGNED_IN,
    summary="Ask to join a team; its leads answer",
)
def request_to_join(request, slug: str, team_id: int, payload: JoinRequestIn):
    challenge = _challenge(request, slug)
    team = selectors.team_for_page(space=challenge.space, challenge=challenge, team_id=team_id)
    return Status(201, services.team_request_join(person=request.auth, team=team, message=payload.message))


class TeamIn(Schema):
    name: Text = Field(max_length=120)
    pitch: Text = Field("", max_length=3000, description="what the team wants to do")
    skills_wanted: list[Annotated[Text, Field(max_length=120)]] = Field(default_factory=list, max_length=20)
    contribution: Text = Field("", max_length=200, description="what you bring to it")


class TeamPatch(Schema):
    """Send only what changes."""

    name: Text | None = Field(None, max_length=120)
    pitch: Text | None = Field(None, max_length=3000)
    looking_for_members: bool | None = Field(None, description="people may ask to join")
    skills_wanted: list[Annotated[Text, Field(max_length=120)]] | None = Field(None, max_length=20)


class TeamInviteIn(Schema):
    email: Text = Field(max_length=254, description="e-mail address of the person's account")
    role: TeamRole = Field(TeamRole.MEMBER, description="member or mentor")
    message: Text = Field("", max_length=1000)


class TeamInvitationOut(Schema):
    id: int
    team: int
    team_name: str
    person: str = Field(description="the person invited, or asking to join (their public name)")
    direction: InvitationDirection = Field(description="invitation: the team asks; request: the person asks")
    role: TeamRole
    message: str
    status: InvitationStatus
    created_at: datetime

    @staticmethod
    def resolve_team(invitation: TeamInvitation):
        return invitation.team_id

    @staticmethod
    def resolve_team_name(invitation: TeamInvitation):
        return invitation.team.name

    @staticmethod
    def resolve_person(invitation: TeamInvitation):
        return invitation.person.public_name


class TeamAnswerIn(Schema):
    accept: bool = Field(description="true to accept, false to decline")


class TeamRoleIn(Schema):
    role: TeamRole


class TeamCompositionOut(Schema):
    team_now_lacks: list[str] = Field(
        description="composition rules the team does not meet once they are gone, in plain words"
    )


class BoardSeekerIn(Schema):
    note: Text = Field("", max_length=1000, description="what you would like to work on; teams read it")


class BoardSeekerOut(Schema):
    id: int
    name: str
    note: str
    skills: list[str]
    expertise: list[str]
    since: datetime

    @staticmethod
    def resolve_name(seeker: TeamSeeker):
        return seeker.person.public_name

    @staticmethod
    def resolve_skills(seeker: TeamSeeker):
        return [skill.name for skill in seeker.person.skills.all()]

    @staticmethod
    def resolve_expertise(seeker: TeamSeeker):
        return [field.name for field in seeker.person.expertise.all()]

    @staticmethod
    def resolve_since(seeker: TeamSeeker):
        return seeker.created_at


class _Rows(list):
    """A list the paginator can count and slice."""

    def count(self, *args):
        return len(self)


def _team(request, slug: str, team_id: int) -> Team:
    challenge = _challenge(request, slug)
    return selectors.team_for_page(space=challenge.space, challenge=challenge, team_id=team_id)


def _lacks(problems) -> dict:
    return {"team_now_lacks": [problem.label for problem in problems]}


@router.post("/spaces/{slug}/teams", response={201: TeamOut}, auth=SIGNED_IN, summary="Form a team; you lead it")
def create_team(request, slug: str, payload: TeamIn):
    challenge = _challenge(request, slug)
    team = services.team_create(person=request.auth, space=challenge.space, **payload.dict())
    return Status(201, selectors.team_for_page(space=challenge.space, challenge=challenge, team_id=team.pk))


@router.patch(
    "/spaces/{slug}/teams/{team_id}", response=TeamOut, auth=SIGNED_IN, summary="Change a team (its leads, organisers)"
)
def update_team(request, slug: str, team_id: int, payload: TeamPatch):
    team = _team(request, slug, team_id)
    services.team_update(person=request.auth, team=team, **payload.dict(exclude_none=True))
    return _team(request, slug, team_id)


@router.get(
    "/spaces/{slug}/teams/{team_id}/invitations",
    response=list[TeamInvitationOut],
    auth=SIGNED_IN,
    summary="Invitations the team sent and requests to join it, still unanswered (its leads, organisers)",
)
def list_team_invitations(request, slug: str, team_id: int):
    team = _team(request, slug, team_id)
    ensure_can(request.auth, "manage_team", team)
    return selectors.pending_for_team(team=team)


@router.post(
    "/spaces/{slug}/teams/{team_id}/invitations",
    response={201: TeamInvitationOut},
    auth=SIGNED_IN,
    summary="Invite someone by the e-mail address of their account (its leads, organisers)",
)
def invite(request, slug: str, team_id: int, payload: TeamInviteIn):
    team = _team(request, slug, team_id)
    ensure_can(request.auth, "manage_team", team)
    invitee = Person.objects.filter(email__iexact=payload.email.strip(), kind="account").first()
    if invitee is None:
        raise ValidationError(
            {"email": _("No account uses this address. Ask them to sign up first, or check the address.")}
        )
    try:
        invitation = services.team_invite(
            person=request.auth, team=team, invitee=invitee, role=payload.role, message=payload.message
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "person" in error.error_dict:
            raise ValidationError({"email": error.message_dict["person"]}) from error
        raise
    return Status(201, invitation)


@router.get(
    "/spaces/{slug}/team-invitations",
    response=list[TeamInvitationOut],
    auth=SIGNED_IN,
    summary="Your invitations and requests to join, still unanswered",
)
def list_own_invitations(request, slug: str):
    space = _challenge(request, slug).space
    return selectors.pending_for_person(person=request.auth, space=space)


def _invitation(request, slug: str, invitation_id: int) -> TeamInvitation:
    space = _challenge(request, slug).space
    invitation = (
        TeamInvitation.objects.select_related("team", "person").filter(pk=invitation_id, team__space=space).first()
    )
    if invitation is None:
        raise Http404
    invitation.team.space = space
    return invitation


@router.post(
    "/spaces/{slug}/team-invitations/{invitation_id}/answer",
    response=TeamInvitationOut,
    auth=SIGNED_IN,
    summary="Accept or decline: an invitation (the person invited) or a request to join (the team's leads)",
)
def answer_invitation(request, slug: str, invitation_id: int, payload: TeamAnswerIn):
    invitation = _invitation(request, slug, invitation_id)
    services.invitation_answer(person=request.auth, invitation=invitation, accept=payload.accept)
    return _invitation(request, slug, invitation_id)


@router.delete(
    "/spaces/{slug}/team-invitations/{invitation_id}",
    response={204: None},
    auth=SIGNED_IN,
    summary="Withdraw an invitation (the team's leads) or your request to join, still unanswered",
)
def withdraw_invitation(request, slug: str, invitation_id: int):
    services.invitation_withdraw(person=request.auth, invitation=_invitation(request, slug, invitation_id))
    return Status(204, None)


def _member(request, slug: str, team_id: int, member_id: int) -> TeamMember:
    team = _team(request, slug, team_id)
    member = next((m for m in team.members.all() if m.pk == member_id), None)
    if member is None:
        raise Http404
    member.team = team
    return member


@router.patch(
    "/spaces/{slug}/teams/{team_id}/members/{member_id}",
    response=MemberOut,
    auth=SIGNED_IN,
    summary="Change a member's role: lead, member or mentor (its leads, organisers)",
)
def change_role(request, slug: str, team_id: int, member_id: int, payload: TeamRoleIn):
    member = _member(request, slug, team_id, member_id)
    return services.team_member_role_change(person=request.auth, member=member, role=payload.role)


@router.delete(
    "/spaces/{slug}/teams/{team_id}/members/{member_id}",
    response=TeamCompositionOut,
    auth=SIGNED_IN,
    summary="Remove someone from the team (its leads, organisers); says what the team then lacks",
)
def remove_member(request, slug: str, team_id: int, member_id: int):
    member = _member(request, slug, team_id, member_id)
    return _lacks(services.team_member_remove(person=request.auth, member=member))


@router.delete(
    "/spaces/{slug}/teams/{team_id}/membership",
    response=TeamCompositionOut,
    auth=SIGNED_IN,
    summary="Leave the team (the last member leaving disbands it); says what the team then lacks",
)
def leave_team(request, slug: str, team_id: int):
    team = _team(request, slug, team_id)
    return _lacks(services.team_leave(person=request.auth, team=team))


@router.get(
    "/spaces/{slug}/board",
    response=list[BoardSeekerOut],
    auth=ANYONE,
    summary="People looking for a team, those waiting longest first",
)
@paginate(Pages)
def list_board(request, slug: str):
    return _Rows(selectors.board(space=_challenge(request, slug).space))


@router.put(
    "/spaces/{slug}/board/me",
    response={200: BoardSeekerOut, 201: BoardSeekerOut},
    auth=SIGNED_IN,
    summary="Put yourself on the board (201) or change your note (200)",
)
def join_board(request, slug: str, payload: BoardSeekerIn):
    space = _challenge(request, slug).space
    was_on = selectors.on_board(person=request.auth, space=space) is not None
    seeker = services.seeker_add(person=request.auth, space=space, note=payload.note)
    seeker = next(s for s in selectors.board(space=space) if s.pk == seeker.pk)
    return Status(200 if was_on else 201, seeker)


@router.delete("/spaces/{slug}/board/me", response={204: None}, auth=SIGNED_IN, summary="Take yourself off the board")
def leave_board(request, slug: str):
    space = _challenge(request, slug).space
    ensure_can(request.auth, "look_for_team", space)
    services.seeker_remove(person=request.auth, space=space)
    return Status(204, None)
