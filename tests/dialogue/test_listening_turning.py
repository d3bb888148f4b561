"""Turning an emerging issue into a question (H1's question service) or a challenge (started from
a template), with the link kept both ways."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cocreate.dialogue.models import EmergingIssue, IssueStatus, Question
from cocreate.dialogue.selectors.listening import issues_raised_for
from cocreate.dialogue.services import listening as services
from cocreate.spaces.models import Space
from tests.dialogue.listening_factories import space_with_issue
from tests.factories import PersonFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def test_an_issue_becomes_a_question_asked_on_behalf_of_the_people_who_sent_the_signals(tmp_path):
    space, staff, _org, issue = space_with_issue(tmp_path)
    question = services.emerging_issue_to_question(
        person=staff, issue=issue, dialogue_space=space, title="What will you do about snow on our streets?"
    )
    assert question.space == space and question.origin == "on_behalf"
    assert "Raised from the emerging issue “Snow”" in question.details
    issue.refresh_from_db()
    assert (issue.status, issue.question, issue.decided_by) == (IssueStatus.QUESTION, question, staff)
    assert issues_raised_for(question=question) == [issue]


def test_an_issue_is_turned_into_something_once(tmp_path):
    space, staff, _org, issue = space_with_issue(tmp_path)
    services.emerging_issue_to_question(person=staff, issue=issue, dialogue_space=space, title="What about snow?")
    with pytest.raises(ValidationError):
        services.emerging_issue_to_question(person=staff, issue=issue, dialogue_space=space, title="Snow again?")
    with pytest.raises(ValidationError):
        services.emerging_issue_decide(person=staff, issue=issue, status=IssueStatus.DISMISSED)
    assert Question.objects.count() == 1


def test_a_question_goes_to_a_dialogue_space_and_a_bad_title_changes_nothing(tmp_path):
    space, staff, organisation, issue = space_with_issue(tmp_path)
    challenge = SpaceFactory(organisations=[organisation], kind="challenge")
    with pytest.raises(ValidationError) as refused:
        services.emerging_issue_to_question(person=staff, issue=issue, dialogue_space=challenge, title="Snow?")
    assert "dialogue_space" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.emerging_issue_to_question(person=staff, issue=issue, dialogue_space=space, title="")
    assert "title" in refused.value.message_dict
    assert EmergingIssue.objects.get(pk=issue.pk).status == IssueStatus.NEW and not Question.objects.exists()


def test_only_organisers_turn_issues_into_questions(tmp_path):
    space, _staff, _org, issue = space_with_issue(tmp_path)
    with pytest.raises(PermissionDenied):
        services.emerging_issue_to_question(
            person=PersonFactory(), issue=issue, dialogue_space=space, title="What about snow?"
        )
    assert not Question.objects.exists()


def test_an_issue_becomes_a_challenge_started_from_a_template(tmp_path):
    space, staff, organisation, issue = space_with_issue(tmp_path)
    challenge_space = services.emerging_issue_to_challenge(
        person=staff,
        issue=issue,
        organisation=organisation,
        template="competition",
        title="Clearing snow together",
        starts_at=datetime(2026, 5, 4, 9, tzinfo=UTC),
    )
    assert challenge_space.kind == "challenge" and challenge_space.phases.exists()
    assert "Snow" in challenge_space.description
    issue.refresh_from_db()
    assert (issue.status, issue.challenge_space) == (IssueStatus.CHALLENGE, challenge_space)
    assert issues_raised_for(space=challenge_space) == [issue]


def test_a_challenge_with_a_bad_template_changes_nothing(tmp_path):
    space, staff, organisation, issue = space_with_issue(tmp_path)
    spaces = Space.objects.count()
    with pytest.raises(ValidationError):
        services.emerging_issue_to_challenge(
            person=staff,
            issue=issue,
            organisation=organisation,
            template="nonsense",
            title="Clearing snow",
            starts_at=datetime(2026, 5, 4, 9, tzinfo=UTC),
        )
    assert Space.objects.count() == spaces and EmergingIssue.objects.get(pk=issue.pk).status == IssueStatus.NEW
