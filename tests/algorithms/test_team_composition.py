"""Team composition rules: worked examples (Reboot Britain's mixed teams), and invariants on
many random teams."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate.algorithms.team_composition import (
    EXPERTISE,
    MATCHES,
    ORGANISATION_KIND,
    SKILL,
    Rule,
    Traits,
    unmet_rules,
)

DIGITAL = Rule("a digital specialist", 1, EXPERTISE, "Digital technology")
PROVIDER = Rule("a public-service provider", 1, ORGANISATION_KIND, "public_agency")
developer = Traits.of(skills=["Python"], expertise=["Digital technology"], organisation_kinds=["start_up"])
nurse = Traits.of(expertise=["Health"], organisation_kinds=["public_agency"])


def test_a_team_of_developers_still_needs_a_public_service_provider():
    problems = unmet_rules([DIGITAL, PROVIDER], [developer, developer])
    assert [(p.label, p.missing) for p in problems] == [("a public-service provider", 1)]


def test_a_mixed_team_meets_both_rules():
    assert unmet_rules([DIGITAL, PROVIDER], [developer, nurse]) == []


def test_an_empty_team_lacks_every_rule_in_order():
    assert [p.index for p in unmet_rules([DIGITAL, PROVIDER], [])] == [0, 1]


def test_names_match_whatever_their_case_and_spacing():
    rule = Rule("a designer", 2, SKILL, "  Service  design ")
    members = [Traits.of(skills=["service design"]), Traits.of(skills=["SERVICE DESIGN"])]
    assert unmet_rules([rule], members) == []
    problems = unmet_rules([rule], members[:1])
    assert problems[0].found == 1 and problems[0].missing == 1


def test_one_member_may_count_for_several_rules():
    council_developer = Traits.of(expertise=["digital technology"], organisation_kinds=["public_agency"])
    assert unmet_rules([DIGITAL, PROVIDER], [council_developer]) == []


def test_a_rule_must_ask_for_someone():
    with pytest.raises(ValueError):
        Rule("nobody", 0, SKILL, "x")
    with pytest.raises(ValueError):
        Rule("odd", 1, "shoe_size", "x")


names = st.sampled_from(["a", "b", "c", "d"])
traits = st.builds(
    Traits.of,
    skills=st.lists(names, max_size=3),
    expertise=st.lists(names, max_size=3),
    organisation_kinds=st.lists(names, max_size=2),
)
rules = st.builds(
    Rule, label=st.text(max_size=5), minimum=st.integers(1, 3), match=st.sampled_from(MATCHES), value=names
)


@given(st.lists(rules, max_size=4), st.lists(traits, max_size=6))
def test_unmet_rules_are_exactly_those_with_too_few_members(rule_list, members):
    unmet = {p.index for p in unmet_rules(rule_list, members)}
    for index, rule in enumerate(rule_list):
        count = sum(1 for m in members if unmet_rules([Rule(rule.label, 1, rule.match, rule.value)], [m]) == [])
        assert (index in unmet) == (count < rule.minimum)


@given(st.lists(rules, max_size=4), st.lists(traits, max_size=5), traits)
def test_a_new_member_never_makes_a_team_lack_more(rule_list, members, newcomer):
    before = {p.index for p in unmet_rules(rule_list, members)}
    after = {p.index for p in unmet_rules(rule_list, [*members, newcomer])}
    assert after <= before
