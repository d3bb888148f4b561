"""Teams of a challenge: list them, read one (members, skills wanted, what it still needs), and
ask to join one. Members are shown by their public name only."""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Router, Schema, Status

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Text
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import InvitationStatus, Team, TeamMember, TeamRole
from cocreate.challenges.selectors import teams as selectors
from cocreate.challenges.selectors.setup import challenge_of
from cocreate.challenges.services import teams as services

router = Router(tags=["teams"])


class MemberOut(Schema):
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
