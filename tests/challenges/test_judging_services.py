"""Judging writes: entries, rubrics, judges and conflicts, scores, comparisons, publishing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cocreate.challenges.models import Comparison, Conflict, Entry, EntryResult, Score
from cocreate.challenges.services import judging as services
from cocreate.notifications.models import Notification
from cocreate.spaces.models import Space
from tests.challenges.judging_factories import entry, judge, judging_space, rubric, score_all, team
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


def test_a_team_member_submits_the_teams_entry_with_its_links():
    space, _staff = judging_space(template="hackathon")
    lead = PersonFactory()
    crew = team(space, lead)
    version = space.version
    made = services.entry_submit(
        person=lead,
        space=space,
        title="Bus times for everyone",
        team=crew,
        repository_url="https://github.com/crew/bus",
        demo_url="https://bus.example.org",
    )
    assert made.team == crew and made.submitted_by == lead
    assert Space.objects.get(pk=space.pk).version == version + 1


def test_someone_outside_the_team_cannot_submit_its_entry():
    space, _staff = judging_space()
    crew = team(space, PersonFactory())
    with pytest.raises(ValidationError) as error:
        services.entry_submit(person=PersonFactory(), space=space, title="Not ours", team=crew)
    assert "team" in error.value.message_dict


def test_a_team_enters_once_until_it_withdraws():
    space, _staff = judging_space()
    lead = PersonFactory()
    crew = team(space, lead)
    first = entry(space, person=lead, team=crew)
    with pytest.raises(ValidationError, match="already submitted"):
        entry(space, person=lead, team=crew)
    services.entry_withdraw(person=lead, entry=first)
    assert entry(space, person=lead, team=crew).pk != first.pk


def test_a_hackathon_entry_needs_a_repository_or_demo_link():
    space, _staff = judging_space(template="hackathon")
    with pytest.raises(ValidationError) as error:
        entry(space)
    assert "repository_url" in error.value.message_dict


def test_links_must_be_web_addresses():
    space, _staff = judging_space()
    with pytest.raises(ValidationError) as error:
        entry(space, repository_url="javascript:alert(1)", demo_url="not a link")
    assert set(error.value.message_dict) == {"repository_url", "demo_url"}


def test_entries_cannot_be_submitted_when_no_phase_allows_it():
    space, _staff = judging_space(activities=("judge",))
    with pytest.raises(PermissionDenied):
        entry(space)


def test_only_the_submitter_or_the_team_can_withdraw_an_entry():
    space, _staff = judging_space()
    lead, member = PersonFactory(), PersonFactory()
    made = entry(space, person=lead, team=team(space, lead, member))
    with pytest.raises(PermissionDenied):
        services.entry_withdraw(person=PersonFactory(), entry=made)
    services.entry_withdraw(person=member, entry=made)
    assert Entry.objects.get(pk=made.pk).withdrawn_at is not None


def test_a_criterion_needs_a_description_for_every_score_level():
    space, staff = judging_space()
    made = rubric(staff, space, criteria=())
    with pytest.raises(ValidationError) as error:
        services.criterion_add(person=staff, rubric=made, name="Impact", levels={1: "None", 2: "Some"})
    assert {"level_3", "level_4", "level_5"} <= set(error.value.message_dict)


def test_the_rubric_scale_must_go_up():
    space, staff = judging_space()
    with pytest.raises(ValidationError) as error:
        services.rubric_create(person=staff, space=space, title="Final", lowest_score=3, highest_score=3)
    assert "highest_score" in error.value.message_dict


def test_only_organisers_manage_judging():
    space, _staff = judging_space()
    with pytest.raises(PermissionDenied):
        services.rubric_create(person=PersonFactory(), space=space, title="Final")


def test_a_judge_scores_only_after_declaring_conflicts():
    space, staff = judging_space()
    made = rubric(staff, space)
    submitted = entry(space)
    person = judge(staff, made, declare=False)
    with pytest.raises(PermissionDenied, match="conflicts of interest"):
        score_all(person, made, submitted, 4)
    services.conflicts_declare(person=person, rubric=made, conflicts={})
    assert len(score_all(person, made, submitted, 4)) == 2


def test_a_judge_does_not_score_an_entry_they_are_conflicted_with():
    space, staff = judging_space()
    made = rubric(staff, space)
    mentored = entry(space)
    person = judge(staff, made, conflicts={mentored.pk: "I mentor this team."})
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        score_all(person, made, mentored, 4)


def test_declaring_a_conflict_later_removes_the_marks_already_given():
    space, staff = judging_space()
    made = rubric(staff, space)
    submitted = entry(space)
    person = judge(staff, made)
    score_all(person, made, submitted, 4)
    services.conflicts_declare(person=person, rubric=made, conflicts={submitted.pk: "My sister's team."})
    assert not Score.objects.filter(entry=submitted).exists()
    assert Conflict.objects.get().reason == "My sister's team."


def test_a_conflict_needs_a_reason():
    space, staff = judging_space()
    made = rubric(staff, space)
    submitted = entry(space)
    person = judge(staff, made, declare=False)
    with pytest.raises(ValidationError) as error:
        services.conflicts_declare(person=person, rubric=made, conflicts={submitted.pk: "  "})
    assert f"reason_{submitted.pk}" in error.value.message_dict


def test_someone_who_is_not_a_judge_cannot_declare_conflicts():
    space, staff = judging_space()
    made = rubric(staff, space)
    with pytest.raises(PermissionDenied):
        services.conflicts_declare(person=PersonFactory(), rubric=made, conflicts={})


def test_every_criterion_needs_a_score_within_the_scale():
    space, staff = judging_space()
    made = rubric(staff, space)
    impact, feasibility = made.criteria.all()
    person = judge(staff, made)
    with pytest.raises(ValidationError) as error:
        services.score_record(person=person, rubric=made, entry=entry(space), values={impact.pk: 9})
    assert set(error.value.message_dict) == {f"criterion_{impact.pk}", f"criterion_{feasibility.pk}"}


def test_scoring_again_replaces_the_earlier_marks():
    space, staff = judging_space()
    made = rubric(staff, space)
    submitted = entry(space)
    person = judge(staff, made)
    score_all(person, made, submitted, 2)
    score_all(person, made, submitted, 5)
    assert sorted(Score.objects.values_list("value", flat=True)) == [5, 5]


def test_the_scale_cannot_change_once_judges_have_scored():
    space, staff = judging_space()
    made = rubric(staff, space)
    score_all(judge(staff, made), made, entry(space), 3)
    with pytest.raises(ValidationError) as error:
        services.rubric_update(person=staff, rubric=made, highest_score=10)
    assert "highest_score" in error.value.message_dict
    services.rubric_update(person=staff, rubric=made, title="Final round")


def test_judging_closes_when_the_phase_ends():
    space, staff = judging_space()
    made = rubric(staff, space)
    submitted = entry(space)
    person = judge(staff, made)
    change_phases(space, starts_at=timezone.now() - timedelta(days=5), ends_at=timezone.now() - timedelta(days=1))
    made = type(made).objects.select_related("space").get(pk=made.pk)
    with pytest.raises(PermissionDenied, match="ended"):
        score_all(person, made, submitted, 3)


def test_a_comparison_is_stored_smaller_id_first_and_replaced_when_sent_again():
    space, staff = judging_space()
    made = rubric(staff, space, mode="pairwise")
    a, b = entry(space), entry(space)
    person = judge(staff, made)
    services.comparison_record(person=person, rubric=made, first=b, second=a, better="first")
    stored = Comparison.objects.get()
    assert (stored.first_id, stored.second_id, stored.winner_id) == (a.pk, b.pk, b.pk)
    services.comparison_record(person=person, rubric=made, first=a, second=b, better="same")
    assert Comparison.objects.get().winner_id is None


def test_a_scores_rubric_takes_no_comparisons():
    space, staff = judging_space()
    made = rubric(staff, space)
    person = judge(staff, made)
    with pytest.raises(ValidationError):
        services.comparison_record(person=person, rubric=made, first=entry(space), second=entry(space), better="first")


def _judged(shortlist_size=1):
    space, staff = judging_space()
    made = rubric(staff, space, shortlist_size=shortlist_size, normalise=False)
    lead = PersonFactory()
    best = entry(space, person=lead, title="Best", team=team(space, lead, PersonFactory()))
    tied_a, tied_b = entry(space, title="Tied A"), entry(space, title="Tied B")
    person = judge(staff, made)
    score_all(person, made, best, 5)
    score_all(person, made, tied_a, 3)
    score_all(person, made, tied_b, 3)
    return space, staff, made, best, tied_a, tied_b


def test_publishing_writes_ranks_ties_shortlist_and_reasons():
    space, staff, made, best, tied_a, tied_b = _judged(shortlist_size=2)
    services.results_publish(person=staff, rubric=made, reasons={best.pk: "Clear evidence of use."})
    results = {r.entry_id: r for r in EntryResult.objects.all()}
    assert (results[best.pk].rank, results[best.pk].tied, results[best.pk].shortlisted) == (1, False, True)
    assert results[best.pk].reason == "Clear evidence of use."
    assert (results[tied_a.pk].rank, results[tied_b.pk].rank) == (2, 2)
    assert results[tied_a.pk].tied and results[tied_a.pk].shortlisted and results[tied_b.pk].shortlisted
    assert "Tied on 3.00 with “Tied B”" in results[tied_a.pk].reason


def test_entrants_are_told_the_results_are_published(django_capture_on_commit_callbacks):
    space, staff, made, best, *_ = _judged()
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(person=staff, rubric=made)
    told = set(Notification.objects.filter(kind="results_published").values_list("recipient_id", flat=True))
    assert set(best.team.members.values_list("person_id", flat=True)) <= told
    assert staff.pk not in told


def test_scores_cannot_change_after_publication():
    space, staff, made, best, *_ = _judged()
    person = made.judges.get().person
    services.results_publish(person=staff, rubric=made)
    made.refresh_from_db()
    with pytest.raises(PermissionDenied, match="published"):
        score_all(person, made, best, 1)
    with pytest.raises(ValidationError):
        services.results_publish(person=staff, rubric=made)


def test_nothing_to_publish_before_any_mark():
    space, staff = judging_space()
    made = rubric(staff, space)
    entry(space)
    with pytest.raises(ValidationError, match="nothing to publish"):
        services.results_publish(person=staff, rubric=made)


def test_a_team_that_misses_a_composition_rule_cannot_submit():
    from cocreate.accounts.models import Skill
    from cocreate.challenges.models import CompositionRule

    space, _staff = judging_space()
    CompositionRule.objects.create(
        challenge=space.challenge, label="a digital specialist", minimum=1, match="skill", value="Software development"
    )
    lead = PersonFactory()
    crew = team(space, lead)
    with pytest.raises(ValidationError) as error:
        entry(space, person=lead, team=crew)
    assert "a digital specialist" in error.value.message_dict["team"][0]
    lead.skills.add(Skill.objects.create(name="Software development"))
    assert entry(space, person=lead, team=crew).team == crew
