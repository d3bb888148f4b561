"""Reads about recognition and prizes, each page in a fixed number of queries; and the
recognition that fits why each team member takes part."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from cocreate.accounts.models import Motivation
from cocreate.challenges.models import Prize, PrizeShare, Recognition, RecognitionKind, TeamMember, TeamRole
from cocreate.spaces.models import Space

# Why a person takes part → what recognises it best. Prizes go to teams, so people looking for
# commercial viability or a spin-out are pointed at the team's prize and at support offers.
FITTING = {
    Motivation.PORTFOLIO: RecognitionKind.CERTIFICATE,
    Motivation.COMMUNITY_IMPACT: RecognitionKind.PUBLIC_CREDIT,
    Motivation.DISCUSSION: RecognitionKind.PUBLIC_CREDIT,
}


def fitting_recognition(motivations: list[str]) -> list[str]:
    """The kinds of recognition that fit these motivations, certificate first."""
    kinds = {FITTING[m] for m in motivations if m in FITTING}
    return [k for k in RecognitionKind.values if k in kinds]


def public_credits(*, space: Space) -> list[Recognition]:
    return list(
        Recognition.objects.filter(space=space, kind=RecognitionKind.PUBLIC_CREDIT)
        .select_related("person", "organisation", "team")
        .order_by("awarded_at", "pk")
    )


def published_prizes(*, space: Space) -> list[Prize]:
    return list(
        Prize.objects.filter(space=space, awarded_at__isnull=False)
        .select_related("team", "entry")
        .order_by("-amount", "pk")
    )


def recognitions_for_admin(*, space: Space) -> list[Recognition]:
    return list(Recognition.objects.filter(space=space).select_related("person", "organisation", "team", "awarded_by"))


def prizes_for_admin(*, space: Space) -> list[Prize]:
    return list(
        Prize.objects.filter(space=space)
        .select_related("team", "entry")
        .prefetch_related(Prefetch("shares", queryset=PrizeShare.objects.select_related("person", "recorded_by")))
    )


def prize_for_page(*, space: Space, prize_id: int) -> Prize:
    prize = (
        Prize.objects.filter(space=space, pk=prize_id)
        .select_related("team")
        .prefetch_related(Prefetch("shares", queryset=PrizeShare.objects.select_related("person", "recorded_by")))
        .first()
    )
    if prize is None:
        raise Http404
    prize.space = space
    return prize


def share_for_page(*, space: Space, share_id: int) -> PrizeShare:
    share = PrizeShare.objects.filter(prize__space=space, pk=share_id).select_related("prize", "person").first()
    if share is None:
        raise Http404
    share.prize.space = space
    return share


@dataclass
class Suggestion:
    member: TeamMember
    kinds: list[str]
    already: set[str]


def recognition_suggestions(*, space: Space) -> list[Suggestion]:
    """Each team member of the space (mentors too: they give their time), with the recognition
    their motivations call for and what they already received. Two queries."""
    members = list(
        TeamMember.objects.filter(team__space=space, team__disbanded_at__isnull=True)
        .select_related("person", "team")
        .order_by("team__name", "joined_at", "pk")
    )
    received: dict[int, set[str]] = {}
    for person_id, kind in Recognition.objects.filter(space=space, person__isnull=False).values_list(
        "person_id", "kind"
    ):
        received.setdefault(person_id, set()).add(kind)
    suggestions = []
    for member in members:
        motivations = member.person.motivations or []
        kinds = fitting_recognition(motivations)
        if member.role == TeamRole.MENTOR and RecognitionKind.PUBLIC_CREDIT not in kinds:
            kinds.append(RecognitionKind.PUBLIC_CREDIT)
        suggestions.append(Suggestion(member, kinds, received.get(member.person_id, set())))
    return suggestions


def own_recognitions(*, person, space: Space) -> dict:
    """The person's certificates and credits in this space, and their prize shares."""
    if not getattr(person, "is_authenticated", False):
        return {"recognitions": [], "shares": []}
    return {
        "recognitions": list(Recognition.objects.filter(space=space, person=person).select_related("team")),
        "shares": list(PrizeShare.objects.filter(prize__space=space, person=person).select_related("prize")),
    }


def recognition_by_reference(*, space: Space, reference: str) -> Recognition:
    try:
        value = uuid.UUID(str(reference))
    except ValueError:
        raise Http404 from None
    recognition = (
        Recognition.objects.filter(space=space, reference=value)
        .select_related("person", "organisation", "team", "awarded_by")
        .first()
    )
    if recognition is None:
        raise Http404
    recognition.space = space
    return recognition
