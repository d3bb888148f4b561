"""What condensing holds about a person: their votes on condensed proposals and their
co-design invitations, for the data download and account deletion."""

from django.utils import timezone

from cocreate.accounts.personal_data import eraser, exporter
from cocreate.challenges.models import CoDesignInvitation, CoDesignStatus, CondensedVote


@exporter("votes on condensed proposals")
def export_condensed_votes(person) -> list[dict]:
    return [
        {
            "space": v.proposal.space.title,
            "condensed_proposal": v.proposal_id,
            "title": v.proposal.title,
            "sub_theme": v.proposal.theme.name if v.proposal.theme_id else "",
            "at": v.created_at.isoformat(),
        }
        for v in CondensedVote.objects.filter(person=person)
        .select_related("proposal__space", "proposal__theme")
        .order_by("created_at", "pk")
    ]


@exporter("co-design invitations")
def export_co_design_invitations(person) -> list[dict]:
    return [
        {
            "space": i.condensed.space.title,
            "condensed_proposal": i.condensed_id,
            "title": i.condensed.title,
            "event": i.event.title if i.event_id else "",
            "status": i.status,
            "sent_at": i.sent_at.isoformat(),
            "answered_at": i.answered_at.isoformat() if i.answered_at else None,
        }
        for i in CoDesignInvitation.objects.filter(person=person)
        .select_related("condensed__space", "event")
        .order_by("sent_at", "pk")
    ]


@eraser
def erase(person) -> None:
    # Votes stay counted (as supports do: the results others rely on do not change). An
    # invitation still waiting for an answer is declined, so organisers do not wait for it.
    CoDesignInvitation.objects.filter(person=person, status=CoDesignStatus.SENT).update(
        status=CoDesignStatus.DECLINED, answered_at=timezone.now()
    )
