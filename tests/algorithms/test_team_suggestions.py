"""Suggesting people for a team and teams for a person: worked examples and invariants."""

from hypothesis import given
from hypothesis import strategies as st

from cocreate.algorithms.team_composition import EXPERTISE, ORGANISATION_KIND, SKILL, Rule, Traits
from cocreate.algorithms.team_suggestions import RULE_WEIGHT, Needs, cover, suggest_people, suggest_teams

PROVIDER = Rule("a public-service provider", 1, ORGANISATION_KIND, "public_agency")


def test_people_who_cover_an_unmet_rule_come_before_those_with_one_wanted_skill():
    needs = Needs.of(skills_wanted=["Design", "Python"], member_skills=["python"], unmet=[PROVIDER])
    assert needs.skills == {"design"}
    candidates = [
        Traits.of(skills=["Python"]),  # the team has it already
        Traits.of(skills=["Design"]),
        Traits.of(organisation_kinds=["public_agency"]),
        Traits.of(skills=["design"], organisation_kinds=["public_agency"]),
    ]
    ranked = suggest_people(needs, candidates)
    assert [m.index for m in ranked] == [3, 2, 1]
    assert ranked[0].skills == ("design",) and ranked[0].rules == ("a public-service provider",)
    assert ranked[0].score == 1 + RULE_WEIGHT


def test_a_team_that_needs_nothing_suggests_nobody():
    assert not Needs()
    assert suggest_people(Needs(), [Traits.of(skills=["x"])]) == []


def test_a_person_sees_the_teams_that_want_their_skills_best_fit_first():
    person = Traits.of(skills=["data analysis", "maps"], expertise=["transport"])
    teams = [
        Needs.of(skills_wanted=["Cooking"]),
        Needs.of(skills_wanted=["Maps"]),
        Needs.of(skills_wanted=["maps", "Data analysis"]),
        Needs.of(unmet=[Rule("a transport expert", 1, EXPERTISE, "Transport")]),
    ]
    assert [m.index for m in suggest_teams(teams, person)] == [2, 3, 1]
    assert [m.index for m in suggest_teams(teams, person, limit=1)] == [2]


names = st.sampled_from(["a", "b", "c", "d", "e"])
traits = st.builds(
    Traits.of,
    skills=st.lists(names, max_size=3),
    expertise=st.lists(names, max_size=2),
    organisation_kinds=st.lists(names, max_size=2),
)
rules = st.builds(
    Rule,
    label=names,
    minimum=st.integers(1, 2),
    match=st.sampled_from([SKILL, EXPERTISE, ORGANISATION_KIND]),
    value=names,
)
needs = st.builds(Needs.of, skills_wanted=st.lists(names, max_size=4), unmet=st.lists(rules, max_size=3))


@given(needs, st.lists(traits, max_size=8))
def test_suggestions_are_useful_sorted_and_stable(team_needs, candidates):
    ranked = suggest_people(team_needs, candidates)
    assert all(m.score > 0 for m in ranked)
    keys = [(-m.score, m.index) for m in ranked]
    assert keys == sorted(keys)
    left_out = set(range(len(candidates))) - {m.index for m in ranked}
    assert all(cover(team_needs, candidates[i]).score == 0 for i in left_out)


@given(needs, traits, names)
def test_another_skill_never_lowers_a_persons_score(team_needs, person, extra):
    richer = Traits(person.skills | {extra}, person.expertise, person.organisation_kinds)
    assert cover(team_needs, richer).score >= cover(team_needs, person).score


@given(st.lists(needs, max_size=6), traits, st.integers(0, 6))
def test_the_limit_keeps_the_best_teams(team_needs, person, limit):
    everything = suggest_teams(team_needs, person)
    assert suggest_teams(team_needs, person, limit) == everything[:limit]
