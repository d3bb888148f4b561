"""The permission matrix: each activity × role × phase open/closed, through the one `can()`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.spaces import registry
from cocreate.spaces.models import Resident, Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "author", "organiser", "moderator", "evaluator"]
SIGNED_IN = ROLES[1:]

# activity: (roles allowed while the phase is open, roles allowed while it is closed)
MATRIX = {
    "view": (ROLES, ROLES),
    "submit_idea": (SIGNED_IN, []),
    "submit_idea_for_someone": (["organiser", "moderator"], ["organiser", "moderator"]),
    "edit_idea": (["author"], ["author"]),
    "withdraw_idea": (["author"], ["author"]),
    "comment": (SIGNED_IN, []),
    "support": (SIGNED_IN, []),
    "follow": (SIGNED_IN, SIGNED_IN),
    "answer": (["organiser", "evaluator"], ["organiser", "evaluator"]),
    "merge": (["organiser", "moderator"], ["organiser", "moderator"]),
    "moderate": (["organiser", "moderator"], ["organiser", "moderator"]),
    "report": (SIGNED_IN[:1] + SIGNED_IN[2:], SIGNED_IN[:1] + SIGNED_IN[2:]),  # not one's own idea
    "manage_space": (["organiser"], ["organiser"]),
}
SPACE_TARGETED = {"submit_idea", "submit_idea_for_someone", "manage_space"}


def test_the_matrix_covers_every_registered_space_activity():
    space_activities = {a.name for a in registry.all_activities() if a.scope == "space"}
    from tests.budgets.test_permissions import BUDGET_MATRIX
    from tests.challenges.test_condensing_permissions import CONDENSING_MATRIX
    from tests.challenges.test_events_permissions import EVENTS_MATRIX
    from tests.challenges.test_judging_permissions import JUDGING_MATRIX
    from tests.challenges.test_prototypes_permissions import PROTOTYPES_MATRIX
    from tests.challenges.test_recognition_permissions import RECOGNITION_MATRIX
    from tests.challenges.test_setup_permissions import SETUP_MATRIX
    from tests.challenges.test_support_permissions import SUPPORT_MATRIX
    from tests.challenges.test_teams_permissions import TEAMS_MATRIX
    from tests.dialogue.test_listening_permissions import LISTENING_MATRIX
    from tests.dialogue.test_questions_permissions import QUESTIONS_MATRIX
    from tests.ideas.test_duplicates_permissions import DUPLICATES_MATRIX
    from tests.opinions.test_permissions import OPINIONS_MATRIX

    challenges = (
        CONDENSING_MATRIX,
        EVENTS_MATRIX,
        JUDGING_MATRIX,
        PROTOTYPES_MATRIX,
        RECOGNITION_MATRIX,
        SETUP_MATRIX,
        SUPPORT_MATRIX,
        TEAMS_MATRIX,
    )
    newer = (QUESTIONS_MATRIX, LISTENING_MATRIX, OPINIONS_MATRIX, DUPLICATES_MATRIX)
    organisation_wide = {a.name for a in registry.all_activities() if a.scope == "organisation"}  # start_challenge
    assert space_activities == (set(MATRIX) | set(BUDGET_MATRIX) | set().union(*challenges, *newer)) - organisation_wide


@pytest.fixture
def cast(db):
    organisation = factories.OrganisationFactory()
    space = factories.open_space(organisation)
    people = {"visitor": AnonymousUser()}
    for role in SIGNED_IN:
        people[role] = factories.PersonFactory()
    factories.MembershipFactory(person=people["organiser"], organisation=organisation, role="staff")
    factories.MembershipFactory(person=people["moderator"], organisation=organisation, role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    idea = factories.IdeaFactory(space=space, author=people["author"])
    return space, idea, people


def _fresh(idea, people):
    """New objects, as a new request would have (roles and phases are remembered per object)."""
    from cocreate.accounts.models import Person
    from cocreate.ideas.models import Idea

    fresh_people = {k: (Person.objects.get(pk=p.pk) if p.is_authenticated else p) for k, p in people.items()}
    return Idea.objects.select_related("space").get(pk=idea.pk), fresh_people


@pytest.mark.parametrize("phase_open", [True, False], ids=["phase-open", "phase-closed"])
@pytest.mark.parametrize("activity", sorted(MATRIX))
def test_matrix(cast, activity, phase_open):
    space, idea, people = cast
    if not phase_open:
        factories.change_phases(
            space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    idea, people = _fresh(idea, people)
    target = idea.space if activity in SPACE_TARGETED else idea
    allowed = set(MATRIX[activity][0 if phase_open else 1])
    for role, person in people.items():
        decision = can(person, activity, target)
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"


def test_visitor_is_asked_to_sign_in_with_a_link(cast):
    _space, idea, _people = cast
    decision = can(AnonymousUser(), "support", idea)
    assert decision.reason == "Sign in to support ideas."
    assert decision.next_url.endswith("/accounts/login/")


def test_upcoming_phase_says_when_it_opens(cast):
    space, idea, people = cast
    opens = timezone.now() + timedelta(days=12)
    factories.change_phases(space, starts_at=opens, ends_at=opens + timedelta(days=5))
    idea, people = _fresh(idea, people)
    decision = can(people["participant"], "support", idea)
    assert decision.reason.startswith("You can support ideas from ")
    assert str(timezone.localtime(opens).year) in decision.reason


def test_activity_no_phase_enables_is_explained(cast):
    space, idea, people = cast
    factories.change_phases(space, activities=["comment"])
    idea, people = _fresh(idea, people)
    assert can(people["participant"], "support", idea).reason == "You cannot support ideas in this space at the moment."


def test_overlapping_phases_each_enable_their_own_activities(cast):
    space, idea, people = cast
    factories.change_phases(space, activities=["comment"])
    factories.PhaseFactory(space=space, activities=["support"], title="Support")
    idea, people = _fresh(idea, people)
    assert can(people["participant"], "support", idea)
    assert can(people["participant"], "comment", idea)
    assert not can(people["participant"], "submit_idea", idea.space)


def test_residents_only_activity_asks_to_verify_residency(cast):
    space, idea, people = cast
    Space.objects.filter(pk=space.pk).update(residency_required_for=["support"], residency_area="Margate")
    idea, people = _fresh(idea, people)
    decision = can(people["participant"], "support", idea)
    assert decision.reason == "Only verified residents of Margate can support ideas."
    assert decision.next_url.endswith(f"/spaces/{space.slug}/residency/")
    assert can(people["participant"], "comment", idea)
    Resident.objects.create(space=space, reference="A1", person=people["participant"], verified_at=timezone.now())
    idea, people = _fresh(idea, people)
    assert can(people["participant"], "support", idea)


def test_private_space_is_closed_to_outsiders_and_open_to_invited_people(cast):
    space, idea, people = cast
    Space.objects.filter(pk=space.pk).update(visibility="private")
    SpaceRole.objects.create(space=space, person=people["participant"], role="participant")
    idea, people = _fresh(idea, people)
    outsider = factories.PersonFactory()
    assert can(people["visitor"], "view", idea).reason.startswith("This space is private")
    assert not can(outsider, "view", idea)
    assert can(people["participant"], "view", idea)
    assert can(people["organiser"], "view", idea)


def test_roles_in_a_programme_carry_to_its_challenges(cast):
    space, idea, people = cast
    programme = factories.SpaceFactory(kind="programme")
    Space.objects.filter(pk=space.pk).update(parent=programme)
    programme_lead = factories.PersonFactory()
    SpaceRole.objects.create(space=programme, person=programme_lead, role="organiser")
    idea, people = _fresh(idea, people)
    assert can(programme_lead, "manage_space", idea.space)


def test_hidden_idea_is_visible_to_its_author_and_moderators_only(cast):
    from cocreate.ideas.models import Idea

    space, idea, people = cast
    Idea.objects.filter(pk=idea.pk).update(hidden_at=timezone.now(), hidden_reason="Personal data")
    idea, people = _fresh(idea, people)
    assert can(people["author"], "view", idea)
    assert can(people["moderator"], "view", idea)
    assert not can(people["participant"], "view", idea)
    assert not can(people["visitor"], "view", idea)


def test_deleted_account_is_treated_as_a_visitor(cast):
    _space, idea, people = cast
    person = people["participant"]
    person.deleted_at = timezone.now()
    assert can(person, "support", idea).reason == "Sign in to support ideas."


def test_django_permission_gives_the_same_answer(cast):
    _space, idea, people = cast
    assert people["participant"].has_perm("cocreate.support", idea)
    assert not people["participant"].has_perm("cocreate.answer", idea)


def test_only_organisation_staff_open_spaces(cast, organisation):
    _space, _idea, people = cast
    staff = factories.PersonFactory()
    factories.MembershipFactory(person=staff, organisation=organisation, role="admin")
    assert can(staff, "open_space", organisation)
    assert not can(people["participant"], "open_space", organisation)
