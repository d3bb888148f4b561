"""Suggested support matches: only the same kind, never beyond an offer's places, never a
pair proposed before, one suggestion per need, and a partner already helping a team first."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cocreate.algorithms.support_matching import (
    ALREADY_HELPING,
    SAME_KIND,
    NeedRow,
    OfferRow,
    suggest_matches,
)

needs_strategy = st.lists(
    st.builds(NeedRow, id=st.integers(1, 10_000), team_id=st.integers(1, 5), kind_id=st.integers(1, 4)),
    max_size=30,
    unique_by=lambda n: n.id,
)
offers_strategy = st.lists(
    st.builds(
        OfferRow,
        id=st.integers(1, 10_000),
        kind_id=st.integers(1, 4),
        organisation_id=st.none() | st.integers(1, 4),
        places_left=st.none() | st.integers(0, 3),
    ),
    max_size=15,
    unique_by=lambda o: o.id,
)
pairs = st.sets(st.tuples(st.integers(1, 4), st.integers(1, 5)), max_size=10)


@given(needs_strategy, offers_strategy, pairs)
def test_suggestions_never_exceed_places_and_only_pair_the_same_kind(needs, offers, helping):
    suggestions = suggest_matches(needs, offers, helping=helping)
    need_by_id, offer_by_id = {n.id: n for n in needs}, {o.id: o for o in offers}
    per_offer = Counter(s.offer_id for s in suggestions)
    for offer_id, count in per_offer.items():
        places = offer_by_id[offer_id].places_left
        assert places is None or count <= places
    for s in suggestions:
        assert need_by_id[s.need_id].kind_id == offer_by_id[s.offer_id].kind_id
        knows = (offer_by_id[s.offer_id].organisation_id, need_by_id[s.need_id].team_id) in helping
        assert s.reason == (ALREADY_HELPING if knows else SAME_KIND)
    assert len({s.need_id for s in suggestions}) == len(suggestions)


@given(needs_strategy, offers_strategy)
def test_a_need_with_an_offer_of_its_kind_and_places_left_gets_a_suggestion_when_places_suffice(needs, offers):
    unlimited = [OfferRow(o.id, o.kind_id, o.organisation_id, None) for o in offers]
    suggested = {s.need_id for s in suggest_matches(needs, unlimited)}
    kinds_offered = {o.kind_id for o in offers}
    assert suggested == {n.id for n in needs if n.kind_id in kinds_offered}


@given(needs_strategy, offers_strategy)
def test_pairs_already_proposed_are_not_suggested_again(needs, offers):
    first = suggest_matches(needs, offers)
    paired = {(s.need_id, s.offer_id) for s in first}
    again = suggest_matches(needs, offers, already_paired=paired)
    assert not paired & {(s.need_id, s.offer_id) for s in again}


def test_a_partner_already_helping_the_team_comes_first():
    needs = [NeedRow(1, team_id=7, kind_id=1)]
    offers = [OfferRow(10, 1, organisation_id=2, places_left=5), OfferRow(11, 1, organisation_id=3, places_left=1)]
    assert suggest_matches(needs, offers, helping={(3, 7)})[0].offer_id == 11
    assert suggest_matches(needs, offers)[0].offer_id == 10  # otherwise the one with most places


def test_a_full_offer_is_not_suggested():
    assert suggest_matches([NeedRow(1, 1, 1)], [OfferRow(1, 1, None, 0)]) == []
