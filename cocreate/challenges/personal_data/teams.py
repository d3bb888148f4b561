"""What teams hold about a person, for the data download and account deletion. On deletion the
person leaves the board and their pending invitations and requests are withdrawn; their place
in teams stays (the team's work is theirs too), shown as "Deleted account"."""

from django.db.models import F
from django.utils import timezone

from cocreate.accounts.personal_data import eraser, exporter, on_name_change
from cocreate.challenges.models import InvitationStatus, TeamInvitation, TeamMember, TeamSeeker
from cocreate.spaces.models import Space


@exporter("team memberships")
def export_memberships(person) -> list[dict]:
    return [
        {
            "space": m.team.space.title,
            "team": m.team.name,
            "role": m.role,
            "what I bring": m.contribution,
            "joined_at": m.joined_at.isoformat(),
        }
        for m in TeamMember.objects.filter(person=person).select_related("team__space")
    ]


@exporter("team invitations and requests to join")
def export_invitations(person) -> list[dict]:
    return [
        {
            "space": i.team.space.title,
            "team": i.team.name,
            "kind": i.direction,
            "role": i.role,
            "message": i.message,
            "status": i.status,
            "created_at": i.created_at.isoformat(),
            "answered_at": i.answered_at.isoformat() if i.answered_at else None,
        }
        for i in TeamInvitation.objects.filter(person=person).select_related("team__space")
    ]


@exporter("looking for a team")
def export_board(person) -> list[dict]:
    return [
        {"space": s.space.title, "note": s.note, "since": s.created_at.isoformat()}
        for s in TeamSeeker.objects.filter(person=person).select_related("space")
    ]


@eraser
def erase(person) -> None:
    spaces = set(TeamSeeker.objects.filter(person=person).values_list("space_id", flat=True))
    TeamSeeker.objects.filter(person=person).delete()
    TeamInvitation.objects.filter(person=person, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.WITHDRAWN, answered_at=timezone.now()
    )
    TeamInvitation.objects.filter(person=person).update(message="")
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)


@on_name_change
def refresh_pages(person) -> None:
    spaces = set(TeamMember.objects.filter(person=person).values_list("team__space_id", flat=True)) | set(
        TeamSeeker.objects.filter(person=person).values_list("space_id", flat=True)
    )
    if spaces:
        Space.objects.filter(pk__in=spaces).update(version=F("version") + 1)
