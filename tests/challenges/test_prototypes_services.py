"""Prototypes: submitting from ideas of the space, versions numbered 1, 2, 3…, gate decisions
with evidence that change the stage in one go and tell the people concerned, test sessions that
invite the authors and supporters of the source ideas, and feedback once per person."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cocreate.accounts.models import PersonKind
from cocreate.challenges.models import (
    Feedback,
    GateDecision,
    InvitedBecause,
    Prototype,
    Stage,
)
from cocreate.challenges.models import (
    TestInvitation as Invitation,
)
from cocreate.challenges.services import prototypes as services
from cocreate.ideas.models import Idea
from cocreate.notifications.models import Notification, NotificationKind
from cocreate.spaces.models import ActionLog, Space
from cocreate.spaces.permissions import Refused
from tests.challenges.factories import challenge_space
from tests.challenges.prototypes_factories import TASKS, lab, open_session
from tests.factories import IdeaFactory, PersonFactory, change_phases

pytestmark = pytest.mark.django_db


def _version(space) -> int:
    return Space.objects.get(pk=space.pk).version


# --- Submitting -----------------------------------------------------------------------------


def test_submitted_prototype_links_its_ideas_and_starts_as_a_concept_with_version_one():
    the = lab()
    prototype = the.prototype
    assert prototype.stage == Stage.CONCEPT
    assert list(prototype.source_ideas.all()) == [the.idea]
    assert [v.number for v in prototype.versions.all()] == [1]
    assert prototype.created_by == the.maker


def test_submitting_bumps_the_space_and_the_source_ideas_versions():
    the = lab()
    space_before, idea_before = _version(the.space), Idea.objects.get(pk=the.idea.pk).version
    services.prototype_submit(
        person=the.maker,
        space=the.space,
        title="Second try",
        summary="Another way to book bulky waste collections.",
        source_ideas=[the.idea],
    )
    assert _version(the.space) > space_before
    assert Idea.objects.get(pk=the.idea.pk).version > idea_before


def test_ideas_of_another_space_are_refused_as_sources():
    the = lab()
    other_space, _staff = challenge_space(activities=("submit_idea",))
    foreign = IdeaFactory(space=other_space)
    with pytest.raises(ValidationError) as error:
        services.prototype_submit(
            person=the.maker,
            space=the.space,
            title="Borrowed idea",
            summary="A prototype that claims an idea of another space.",
            source_ideas=[foreign],
        )
    assert "source_ideas" in error.value.message_dict


def test_only_members_of_a_team_submit_for_it():
    the = lab()
    outsider = PersonFactory()
    with pytest.raises(Refused) as refused:
        services.prototype_submit(
            person=outsider,
            space=the.space,
            title="Not my team",
            summary="Someone else's team, which I am not part of.",
            team=the.team,
        )
    assert "Only members of “Green Bins”" in refused.value.reason


def test_prototype_made_at_an_event_needs_the_events_name():
    the = lab()
    with pytest.raises(ValidationError) as error:
        services.prototype_submit(
            person=the.maker,
            space=the.space,
            title="Camp prototype",
            summary="Built in a weekend at the innovation camp.",
            origin="event",
        )
    assert "event_name" in error.value.message_dict
    prototype = services.prototype_submit(
        person=the.maker,
        space=the.space,
        title="Camp prototype",
        summary="Built in a weekend at the innovation camp.",
        origin="event",
        event_name="Innovation camp, 3 May",
    )
    assert (prototype.origin, prototype.event_name) == ("event", "Innovation camp, 3 May")


def test_short_title_and_summary_are_refused_with_a_message_each():
    the = lab()
    with pytest.raises(ValidationError) as error:
        services.prototype_submit(person=the.maker, space=the.space, title="X", summary="short")
    assert set(error.value.message_dict) == {"title", "summary"}


def test_submitting_is_refused_outside_the_phase():
    the = lab()
    change_phases(the.space, ends_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(Refused):
        services.prototype_submit(
            person=the.maker, space=Space.objects.get(pk=the.space.pk), title="Too late", summary="x" * 30
        )


# --- Changing and versions ------------------------------------------------------------------


def test_team_member_changes_the_prototype_and_its_ideas():
    the = lab()
    other_idea = IdeaFactory(space=the.space, title="Text reminders for bin day")
    services.prototype_update(
        person=the.maker,
        prototype=the.prototype,
        title="Bins by text",
        summary="Book collections and get reminders by text message.",
        source_ideas=[other_idea],
    )
    prototype = Prototype.objects.get(pk=the.prototype.pk)
    assert prototype.title == "Bins by text"
    assert list(prototype.source_ideas.all()) == [other_idea]


def test_someone_outside_the_team_cannot_change_the_prototype():
    the = lab()
    with pytest.raises(Refused) as refused:
        services.prototype_update(person=PersonFactory(), prototype=the.prototype, title="Mine now", summary="x" * 30)
    assert "team" in refused.value.reason


def test_organiser_changes_are_logged():
    the = lab()
    services.prototype_update(person=the.staff, prototype=the.prototype, title="Bins by SMS", summary="x" * 30)
    assert ActionLog.objects.filter(action="prototype_update", actor=the.staff).exists()


def test_versions_are_numbered_one_two_three():
    the = lab()
    services.version_add(person=the.maker, prototype=the.prototype, notes="Bigger buttons.")
    third = services.version_add(
        person=the.maker, prototype=the.prototype, notes="Works offline.", link="https://example.org/v3"
    )
    assert third.number == 3
    assert [v.number for v in the.prototype.versions.order_by("number")] == [1, 2, 3]


def test_a_version_link_must_be_a_web_address():
    the = lab()
    with pytest.raises(ValidationError) as error:
        services.version_add(person=the.maker, prototype=the.prototype, notes="New look.", link="javascript:alert(1)")
    assert "link" in error.value.message_dict


def test_a_version_link_too_long_to_store_is_refused_not_cut():
    the = lab()
    long_link = "https://example.org/" + "a" * 200
    with pytest.raises(ValidationError) as error:
        services.version_add(person=the.maker, prototype=the.prototype, notes="New look.", link=long_link)
    assert error.value.message_dict["link"] == ["Keep the web address under 200 characters."]
    assert the.prototype.versions.count() == 1


# --- Gate decisions -------------------------------------------------------------------------


def test_gate_decision_records_evidence_and_changes_the_stage_together():
    the = lab()
    decision = services.gate_decide(
        person=the.staff,
        prototype=the.prototype,
        to_stage=Stage.TESTED,
        evidence="12 testers at Ramsgate library; 10 booked a collection.",
    )
    assert (decision.from_stage, decision.to_stage, decision.decided_by) == (Stage.CONCEPT, Stage.TESTED, the.staff)
    assert Prototype.objects.get(pk=the.prototype.pk).stage == Stage.TESTED
    assert ActionLog.objects.filter(action="gate_decide").exists()


def test_missing_evidence_is_refused_with_a_clear_message():
    the = lab()
    with pytest.raises(ValidationError) as error:
        services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.PROTOTYPE, evidence="  ")
    assert "Record the evidence" in error.value.message_dict["evidence"][0]
    assert Prototype.objects.get(pk=the.prototype.pk).stage == Stage.CONCEPT
    assert not GateDecision.objects.exists()


def test_a_prototype_cannot_go_back_to_an_earlier_stage():
    the = lab()
    evidence = "The pilot in Thanet ran for three months with 400 bookings."
    services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.PILOT, evidence=evidence)
    with pytest.raises(ValidationError) as error:
        services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.PROTOTYPE, evidence=evidence)
    assert "cannot go back" in error.value.message_dict["to_stage"][0]


def test_retiring_is_possible_from_any_stage_and_final():
    the = lab()
    evidence = "Nobody used it during the pilot; the council chose another supplier."
    services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.RETIRED, evidence=evidence)
    with pytest.raises(Refused) as refused:
        services.gate_decide(person=the.staff, prototype=the.prototype, to_stage=Stage.PILOT, evidence=evidence)
    assert "retired" in refused.value.reason


def test_the_team_cannot_decide_its_own_gate():
    the = lab()
    with pytest.raises(Refused):
        services.gate_decide(
            person=the.maker, prototype=the.prototype, to_stage=Stage.SCALING, evidence="We think it is great." * 2
        )


def test_stage_change_tells_the_team_and_the_followers_of_the_source_ideas(django_capture_on_commit_callbacks):
    the = lab()
    teammate = PersonFactory()
    the.team.members.create(person=teammate)
    with django_capture_on_commit_callbacks(execute=True):
        services.gate_decide(
            person=the.staff,
            prototype=the.prototype,
            to_stage=Stage.PROTOTYPE,
            evidence="A working version was shown at the camp.",
        )
    told = set(Notification.objects.filter(kind=NotificationKind.STAGE_CHANGED).values_list("recipient_id", flat=True))
    # The idea's author follows it; the supporter follows it too when supporting follows.
    assert {the.maker.pk, teammate.pk, the.idea_author.pk} <= told
    assert the.staff.pk not in told


# --- Test sessions --------------------------------------------------------------------------


def test_session_invites_authors_and_supporters_of_the_source_ideas_and_tells_them(
    django_capture_on_commit_callbacks,
):
    the = lab()
    with django_capture_on_commit_callbacks(execute=True):
        session = open_session(the)
    reasons = dict(Invitation.objects.filter(session=session).values_list("person_id", "reason"))
    assert reasons == {the.idea_author.pk: InvitedBecause.AUTHOR, the.supporter.pk: InvitedBecause.SUPPORTER}
    told = set(
        Notification.objects.filter(kind=NotificationKind.TEST_INVITATION).values_list("recipient_id", flat=True)
    )
    assert told == {the.idea_author.pk, the.supporter.pk}
    assert session.version.number == 1


def test_people_can_be_invited_by_hand_by_email():
    the = lab()
    neighbour = PersonFactory(email="neighbour@example.org")
    session = open_session(the, invite_emails="neighbour@example.org")
    assert Invitation.objects.get(session=session, person=neighbour).reason == InvitedBecause.INVITED
    later = PersonFactory(email="later@example.org")
    assert services.test_session_invite(person=the.maker, session=session, invite_emails="later@example.org") == [
        later.pk
    ]
    assert services.test_session_invite(person=the.maker, session=session, invite_emails="later@example.org") == []


def test_unknown_email_addresses_are_named_in_the_message():
    the = lab()
    with pytest.raises(ValidationError) as error:
        open_session(the, invite_emails="nobody@example.org")
    assert "nobody@example.org" in error.value.message_dict["invite_emails"][0]


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        ([], "at least one task"),
        ([f"Task {n}" for n in range(21)], "at most 20"),
        (["x" * 201], "under 200"),
        (["Same", "Same"], "appears once"),
    ],
)
def test_task_lists_are_checked(tasks, message):
    the = lab()
    with pytest.raises(ValidationError) as error:
        services.test_session_create(
            person=the.maker,
            prototype=the.prototype,
            title="Tasks",
            tasks=tasks or [" "],
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(days=1),
        )
    assert message in error.value.message_dict["tasks"][0]


def test_session_must_close_after_it_opens():
    the = lab()
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        open_session(the, starts_at=now, ends_at=now - timedelta(hours=1))
    assert "ends_at" in error.value.message_dict


def test_only_the_team_and_organisers_run_test_sessions():
    the = lab()
    with pytest.raises(Refused):
        services.test_session_create(
            person=the.supporter,
            prototype=the.prototype,
            title="My own test",
            tasks=TASKS,
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(days=1),
        )
    assert open_session(the, title="Staff session").pk


# --- Feedback -------------------------------------------------------------------------------


def test_invited_person_gives_feedback():
    the = lab()
    session = open_session(the)
    feedback = services.feedback_give(
        person=the.supporter, session=session, tasks_done=[True, True, False], ease=4, would_use="yes"
    )
    assert (feedback.tasks_done, feedback.ease, feedback.would_use) == ([True, True, False], 4, "yes")


def test_before_it_opens_to_everyone_only_invited_people_give_feedback():
    the = lab()
    session = open_session(the, open_to_everyone_in=timedelta(days=2))
    with pytest.raises(Refused) as refused:
        services.feedback_give(person=PersonFactory(), session=session, tasks_done=[True] * 3, ease=3, would_use="no")
    assert refused.value.reason.startswith("This test session is open to invited people until ")


def test_once_open_to_everyone_anyone_signed_in_gives_feedback():
    the = lab()
    session = open_session(the, open_to_everyone_in=timedelta(minutes=-1))
    assert services.feedback_give(
        person=PersonFactory(), session=session, tasks_done=[False] * 3, ease=2, would_use="maybe"
    ).pk


def test_second_feedback_by_the_same_person_is_refused_kindly():
    the = lab()
    session = open_session(the)
    services.feedback_give(person=the.supporter, session=session, tasks_done=[True] * 3, ease=5, would_use="yes")
    with pytest.raises(Refused) as refused:
        services.feedback_give(person=the.supporter, session=session, tasks_done=[True] * 3, ease=1, would_use="no")
    assert "already given feedback" in refused.value.reason
    assert Feedback.objects.count() == 1


def test_the_database_refuses_a_second_feedback_too():
    the = lab()
    session = open_session(the)
    Feedback.objects.create(session=session, person=the.supporter, tasks_done=[True] * 3, ease=3, would_use="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(session=session, person=the.supporter, tasks_done=[True] * 3, ease=3, would_use="no")


def test_tasks_done_must_match_the_sessions_tasks():
    the = lab()
    session = open_session(the)
    with pytest.raises(ValidationError) as error:
        services.feedback_give(person=the.supporter, session=session, tasks_done=[True], ease=3, would_use="yes")
    assert "each of the 3 tasks" in error.value.message_dict["tasks_done"][0]


@pytest.mark.parametrize(
    ("ease", "would_use", "field"), [(0, "yes", "ease"), (6, "yes", "ease"), (3, "perhaps", "would_use")]
)
def test_ease_and_would_use_are_checked(ease, would_use, field):
    the = lab()
    session = open_session(the)
    with pytest.raises(ValidationError) as error:
        services.feedback_give(
            person=the.supporter, session=session, tasks_done=[True] * 3, ease=ease, would_use=would_use
        )
    assert field in error.value.message_dict


def test_closed_session_refuses_feedback_with_its_closing_date():
    the = lab()
    session = open_session(
        the, starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(Refused) as refused:
        services.feedback_give(person=the.supporter, session=session, tasks_done=[True] * 3, ease=3, would_use="yes")
    assert "closed on" in refused.value.reason


def test_staff_type_in_paper_feedback_for_someone_offline():
    the = lab()
    session = open_session(the)
    feedback = services.feedback_enter(
        person=the.staff,
        session=session,
        tester_name="Mrs Patel",
        tasks_done=[True, False, False],
        ease=2,
        would_use="maybe",
        comments="Small print is hard to read.",
    )
    assert feedback.entered_by == the.staff
    assert (feedback.person.kind, feedback.person.display_name) == (PersonKind.OFFLINE, "Mrs Patel")
    assert ActionLog.objects.filter(action="feedback_enter").exists()


def test_a_tester_cannot_type_in_paper_feedback():
    the = lab()
    session = open_session(the)
    with pytest.raises(Refused):
        services.feedback_enter(person=the.supporter, session=session, tasks_done=[True] * 3, ease=3, would_use="yes")
