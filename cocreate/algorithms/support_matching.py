"""Suggest which partner's offer could meet which team's need: needs × offers by kind, within
each offer's remaining capacity. No Django import: plain tuples in, plain suggestions out.

The organisers see the suggestions with their reason and propose the ones they like; the team
and the partner then each agree. Rules:
- an offer is suggested only for a need of the same kind, and never to more needs than the
  places it has left (None = no limit);
- each need gets at most one suggestion, needs taken in the order given (oldest first);
- a pair already proposed (in whatever state) is never suggested again;
- among the offers that fit, an organisation already helping the team comes first (the team
  and the partner know each other, so the help is likely to be delivered), then the offer with
  the most places left (spreading the load), then the oldest offer (lowest id).
"""

from dataclasses import dataclass

ALREADY_HELPING = "already_helping"
SAME_KIND = "same_kind"


@dataclass(frozen=True)
class NeedRow:
    id: int
    team_id: int
    kind_id: int


@dataclass(frozen=True)
class OfferRow:
    id: int
    kind_id: int
    organisation_id: int | None
    # Places left: capacity minus agreed and delivered matches; None for no limit.
    places_left: int | None


@dataclass(frozen=True)
class Suggestion:
    need_id: int
    offer_id: int
    # SAME_KIND, or ALREADY_HELPING when the offer's organisation already helps that team.
    reason: str


def suggest_matches(
    needs: list[NeedRow],
    offers: list[OfferRow],
    *,
    helping: set[tuple[int, int]] = frozenset(),
    already_paired: set[tuple[int, int]] = frozenset(),
) -> list[Suggestion]:
    """`helping` holds (organisation_id, team_id) pairs with agreed or delivered support;
    `already_paired` holds (need_id, offer_id) pairs that were proposed before."""
    left = {offer.id: offer.places_left for offer in offers}
    by_kind: dict[int, list[OfferRow]] = {}
    for offer in sorted(offers, key=lambda o: o.id):
        by_kind.setdefault(offer.kind_id, []).append(offer)

    suggestions = []
    for need in needs:
        candidates = [
            offer
            for offer in by_kind.get(need.kind_id, ())
            if (left[offer.id] is None or left[offer.id] > 0) and (need.id, offer.id) not in already_paired
        ]
        if not candidates:
            continue

        def preference(offer: OfferRow, team_id: int = need.team_id):
            places = left[offer.id]
            return (not _knows(offer, team_id, helping), -(places if places is not None else float("inf")), offer.id)

        chosen = min(candidates, key=preference)
        knows = _knows(chosen, need.team_id, helping)
        suggestions.append(Suggestion(need.id, chosen.id, ALREADY_HELPING if knows else SAME_KIND))
        if left[chosen.id] is not None:
            left[chosen.id] -= 1
    return suggestions


def _knows(offer: OfferRow, team_id: int, helping) -> bool:
    return offer.organisation_id is not None and (offer.organisation_id, team_id) in helping
