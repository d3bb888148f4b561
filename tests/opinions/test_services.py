"""Writing, moderating and voting on statements, and updating a space's opinion map."""

import pytest
from django.core.exceptions import ValidationError

from cocreate.opinions import services
from cocreate.opinions.models import STATEMENT_MAX_LENGTH, Moderation, OpinionMap, Statement, StatementVote
from cocreate.spaces.permissions import Refused
from tests.factories import PersonFactory, change_phases
from tests.opinions.factories import opinion_space, seed, statement, voters_in_two_camps

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return opinion_space()


def test_participant_statement_waits_for_a_moderator(setup):
    space, _staff = setup
    written = services.statement_write(person=PersonFactory(), space=space, text="  More   benches in the park. ")
    assert written.text == "More benches in the park."
    assert written.moderation == Moderation.AWAITING


def test_moderator_statement_is_accepted_at_once(setup):
    space, staff = setup
    written = services.statement_write(person=staff, space=space, text="More benches in the park.")
    assert written.moderation == Moderation.ACCEPTED


def test_too_long_statement_is_refused_and_says_by_how_much(setup):
    space, _staff = setup
    with pytest.raises(ValidationError) as error:
        services.statement_write(person=PersonFactory(), space=space, text="x" * (STATEMENT_MAX_LENGTH + 5))
    assert f"yours has {STATEMENT_MAX_LENGTH + 5}" in str(error.value)
    assert not Statement.objects.exists()


def test_same_statement_twice_is_refused(setup):
    space, staff = setup
    seed(space, staff, "Buses should run all night.")
    with pytest.raises(ValidationError, match="already in the conversation"):
        services.statement_write(person=PersonFactory(), space=space, text="buses should run all NIGHT.")
    assert Statement.objects.count() == 1


def test_empty_statement_is_refused(setup):
    space, _staff = setup
    with pytest.raises(ValidationError, match="Write your statement"):
        services.statement_write(person=PersonFactory(), space=space, text="   ")


def test_writing_outside_an_open_phase_is_refused_with_the_date(setup):
    space, _staff = setup
    change_phases(space, activities=["vote_statement"])
    with pytest.raises(Refused) as refusal:
        services.statement_write(person=PersonFactory(), space=space, text="A statement.")
    assert "write statements" in refusal.value.reason


def test_only_moderators_add_seed_statements(setup):
    space, _staff = setup
    with pytest.raises(Refused, match="Only organisers and moderators"):
        services.statement_seed(person=PersonFactory(), space=space, text="A seed.")


def test_staff_turn_an_idea_into_a_statement_keeping_the_link(setup):
    from tests.factories import IdeaFactory, PhaseFactory

    space, staff = setup
    PhaseFactory(space=space, activities=["submit_idea"])
    idea = IdeaFactory(space=space, title="Night buses on line 4")
    made = services.statement_seed(person=staff, space=space, text="Line 4 needs night buses.", source_idea=idea)
    assert made.source_idea == idea and made.is_seed and made.moderation == Moderation.ACCEPTED


def test_idea_of_another_space_cannot_become_a_statement(setup):
    from tests.factories import IdeaFactory, PhaseFactory

    space, staff = setup
    other, _ = opinion_space()
    PhaseFactory(space=other, activities=["submit_idea"])
    idea = IdeaFactory(space=other)
    with pytest.raises(ValidationError, match="Only ideas and comments of this space"):
        services.statement_seed(person=staff, space=space, text="From elsewhere.", source_idea=idea)
    assert not Statement.objects.filter(space=space).exists()


def test_one_vote_per_person_per_statement(setup):
    space, staff = setup
    (s,) = seed(space, staff, "Buses should run all night.")
    voter = PersonFactory()
    services.statement_vote(person=voter, statement=s, choice="agree")
    services.statement_vote(person=voter, statement=s, choice="agree")
    s.refresh_from_db()
    assert StatementVote.objects.filter(statement=s).count() == 1
    assert (s.agrees_count, s.disagrees_count, s.passes_count) == (1, 0, 0)


def test_changing_a_vote_replaces_it_and_moves_the_counters(setup):
    space, staff = setup
    (s,) = seed(space, staff, "Buses should run all night.")
    voter = PersonFactory()
    first = services.statement_vote(person=voter, statement=s, choice="agree")
    second = services.statement_vote(person=voter, statement=s, choice="pass")
    s.refresh_from_db()
    assert first.pk == second.pk and second.choice == 0
    assert (s.agrees_count, s.disagrees_count, s.passes_count) == (0, 0, 1)
    assert second.voted_at >= first.voted_at


def test_wrong_choice_is_refused_and_changes_nothing(setup):
    space, staff = setup
    (s,) = seed(space, staff, "Buses should run all night.")
    with pytest.raises(ValidationError, match="Choose agree, disagree or pass"):
        services.statement_vote(person=PersonFactory(), statement=s, choice="maybe")
    assert not StatementVote.objects.exists()


@pytest.mark.parametrize("state", [Moderation.MODERATED_OUT, Moderation.AWAITING])
def test_statement_not_accepted_cannot_be_voted(setup, state):
    space, _staff = setup
    s = statement(space, moderation=state)
    with pytest.raises(Refused) as refusal:
        services.statement_vote(person=PersonFactory(), statement=s, choice="agree")
    assert ("taken this statement out" if state == Moderation.MODERATED_OUT else "waiting for a moderator") in (
        refusal.value.reason
    )
    assert not StatementVote.objects.exists()


def test_visitor_is_asked_to_sign_in_to_vote(setup):
    space, staff = setup
    (s,) = seed(space, staff, "Buses should run all night.")
    with pytest.raises(Refused, match="Sign in to vote on statements"):
        services.statement_vote(person=None, statement=s, choice="agree")


def test_voting_after_the_phase_is_refused_with_the_date(setup, now):
    from datetime import timedelta

    space, staff = setup
    (s,) = seed(space, staff, "Buses should run all night.")
    change_phases(space, ends_at=now - timedelta(hours=1))
    with pytest.raises(Refused, match="The time to vote on statements ended"):
        services.statement_vote(person=PersonFactory(), statement=s, choice="agree")


def test_moderation_by_a_participant_is_refused(setup):
    space, _staff = setup
    s = statement(space, moderation=Moderation.AWAITING)
    with pytest.raises(Refused, match="Only organisers and moderators can moderate"):
        services.statement_moderate(person=PersonFactory(), statement=s, moderation=Moderation.ACCEPTED)


def test_moderator_accepts_and_takes_out(setup):
    space, staff = setup
    s = statement(space, moderation=Moderation.AWAITING)
    assert services.statement_moderate(person=staff, statement=s, moderation="accepted").moderation == "accepted"
    out = services.statement_moderate(person=staff, statement=s, moderation="moderated_out")
    assert out.moderation == "moderated_out" and out.moderated_by == staff
    with pytest.raises(ValidationError):
        services.statement_moderate(person=staff, statement=s, moderation="deleted")


def test_map_finds_the_two_camps(setup):
    space, staff = setup
    statements = seed(space, staff, *[f"Statement number {n}." for n in range(8)])
    people = voters_in_two_camps(space, statements, per_camp=10)
    opinion_map = services.opinion_map_update(space=space)
    assert opinion_map.k == 2
    assert sorted(g["size"] for g in opinion_map.groups) == [10, 10]
    camp_of = {str(p.pk): camp for camp, p in ((i // 10, p) for i, p in enumerate(people))}
    # Everyone in a camp is in the same group, and the camps are in different groups.
    group_of_camp = {}
    for person_id, (_x, _y, group) in opinion_map.positions.items():
        group_of_camp.setdefault(camp_of[person_id], set()).add(group)
    assert all(len(groups) == 1 for groups in group_of_camp.values())
    assert group_of_camp[0] != group_of_camp[1]
    # Representative statements say what sets each group apart: 100% inside, 0% outside.
    first = opinion_map.groups[0]["representative"][0]
    shares = (
        (first["agree_in"], first["agree_out"])
        if first["direction"] == "agree"
        else (first["disagree_in"], first["disagree_out"])
    )
    assert shares == (100, 0)
    assert all(0 <= x <= 100 and 0 <= y <= 100 for x, y, _g in opinion_map.positions.values())


def test_moderated_out_statement_does_not_count_in_the_map(setup):
    space, staff = setup
    statements = seed(space, staff, *[f"Statement number {n}." for n in range(8)])
    voters_in_two_camps(space, statements, per_camp=8)
    services.statement_moderate(person=staff, statement=statements[0], moderation="moderated_out")
    opinion_map = services.opinion_map_update(space=space)
    named = {r["statement"] for g in opinion_map.groups for r in g["representative"]}
    named |= {c["statement"] for c in opinion_map.consensus}
    assert statements[0].pk not in named
    assert opinion_map.statements_counted == 7


def test_map_update_waits_for_enough_new_votes(setup, settings):
    settings.OPINION_MAP_VOTES_PER_UPDATE = 5
    space, staff = setup
    statements = seed(space, staff, "One.", "Two.", "Three.")
    voter = PersonFactory()
    services.statement_vote(person=voter, statement=statements[0], choice="agree")
    first = services.opinion_map_update(space=space, when_new_votes=5)
    assert first is not None and first.votes_counted == 1  # the first map is always due
    for s in statements[1:]:
        services.statement_vote(person=voter, statement=s, choice="agree")
    assert services.opinion_map_update(space=space, when_new_votes=5) is None  # 2 new votes: not yet
    other = PersonFactory()
    for s in statements:
        services.statement_vote(person=other, statement=s, choice="disagree")
    updated = services.opinion_map_update(space=space, when_new_votes=5)
    assert updated is not None and updated.votes_counted == 6
    assert OpinionMap.objects.count() == 1


def test_map_of_a_space_without_votes_is_empty(setup):
    space, staff = setup
    seed(space, staff, "One.")
    opinion_map = services.opinion_map_update(space=space)
    assert (opinion_map.k, opinion_map.groups, opinion_map.votes_counted) == (0, [], 0)
