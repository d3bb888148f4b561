"""The prototypes' activities × roles × phase open/closed, through the one `can()`. Area roles:
"maker" (a member of the prototype's team) and "invited" (a supporter of its source idea,
invited to the test session, which is open to invited people only)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.activities.prototypes import allowed_stages
from cocreate.challenges.models import Prototype, Stage
from cocreate.challenges.models import TestSession as Session
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
from tests.challenges.prototypes_factories import lab, open_session

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "maker", "invited"]
SIGNED_IN = ROLES[1:]

# activity: (target, roles allowed while the phase is open, roles allowed while it is closed)
PROTOTYPES_MATRIX = {
    "submit_prototype": ("space", SIGNED_IN, []),
    "edit_prototype": ("prototype", ["organiser", "maker"], ["organiser", "maker"]),
    "decide_gate": ("prototype", ["organiser", "evaluator"], ["organiser", "evaluator"]),
    "run_test_session": ("prototype", ["organiser", "maker"], ["organiser", "maker"]),
    "give_feedback": ("session", ["invited"], []),
}


@pytest.fixture
def cast(db):
    the = lab()
    session = open_session(the, open_to_everyone_in=timedelta(days=3))
    people = {**usual_people(the.space, the.staff), "maker": the.maker, "invited": the.supporter}
    return the.space, {"prototype": the.prototype.pk, "session": session.pk}, people


def _target(kind: str, space: Space, ids: dict):
    if kind == "space":
        return Space.objects.get(pk=space.pk)
    if kind == "session":
        return Session.objects.select_related("prototype__space").get(pk=ids["session"])
    return Prototype.objects.select_related("space").get(pk=ids["prototype"])


@pytest.mark.parametrize("phase_open", [True, False], ids=["phase-open", "phase-closed"])
@pytest.mark.parametrize("activity", sorted(PROTOTYPES_MATRIX))
def test_prototypes_matrix(cast, activity, phase_open):
    space, ids, people = cast
    if not phase_open:
        close_phases(space)
    kind, when_open, when_closed = PROTOTYPES_MATRIX[activity]
    allowed = when_open if phase_open else when_closed
    assert_allowed_exactly(activity, people, allowed, lambda: _target(kind, space, ids))


def test_uninvited_people_are_told_until_when_the_session_is_for_invited_people(cast):
    space, ids, people = cast
    next_may = datetime(timezone.now().year + 1, 5, 12, 12, tzinfo=UTC)
    Session.objects.filter(pk=ids["session"]).update(open_to_everyone_at=next_may, ends_at=next_may + timedelta(days=9))
    session = _target("session", space, ids)
    decision = can(Person.objects.get(pk=people["participant"].pk), "give_feedback", session)
    assert decision.reason == "This test session is open to invited people until 12 May."


def test_session_kept_to_invited_people_says_so(cast):
    space, ids, people = cast
    Session.objects.filter(pk=ids["session"]).update(open_to_everyone_at=None)
    decision = can(Person.objects.get(pk=people["participant"].pk), "give_feedback", _target("session", space, ids))
    assert "only for invited people" in decision.reason


def test_hidden_prototype_cannot_be_changed_even_by_its_team(cast):
    space, ids, people = cast
    Prototype.objects.filter(pk=ids["prototype"]).update(hidden_at=timezone.now())
    decision = can(Person.objects.get(pk=people["maker"].pk), "edit_prototype", _target("prototype", space, ids))
    assert not decision and "hidden" in decision.reason


@pytest.mark.parametrize(
    ("stage", "allowed"),
    [
        (Stage.CONCEPT, ["prototype", "tested", "pilot", "scaling", "adopted_elsewhere", "retired"]),
        (Stage.PILOT, ["scaling", "adopted_elsewhere", "retired"]),
        (Stage.ADOPTED_ELSEWHERE, ["retired"]),
        (Stage.RETIRED, []),
    ],
)
def test_stages_move_forward_or_retire(stage, allowed):
    assert allowed_stages(stage) == allowed
