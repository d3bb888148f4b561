"""What a person can download about their prototypes and feedback, and what account deletion
erases: their feedback stays counted, without their comments or anything linking it to them."""

import pytest

from cocreate.accounts.personal_data import erasers, export_sections
from cocreate.challenges.models import Feedback
from cocreate.challenges.services import prototypes as services
from tests.challenges.prototypes_factories import lab, open_session

pytestmark = pytest.mark.django_db


def test_download_holds_prototypes_created_and_feedback_given():
    the = lab()
    session = open_session(the)
    services.feedback_give(
        person=the.supporter, session=session, tasks_done=[True, False, True], ease=4, would_use="yes", comments="Ok"
    )
    sections = export_sections()
    (made,) = sections["prototypes created"](the.maker)
    assert (made["title"], made["team"], made["stage"]) == ("Bulky waste by text", "Green Bins", "concept")
    (given,) = sections["feedback given"](the.supporter)
    assert given["comments"] == "Ok" and given["tasks"][1] == {"task": "Book a collection", "managed": False}


def test_erasing_keeps_the_feedback_counted_but_unlinked_and_without_comments():
    the = lab()
    session = open_session(the)
    services.feedback_give(
        person=the.supporter, session=session, tasks_done=[True] * 3, ease=4, would_use="yes", comments="My words"
    )
    for erase in erasers():
        erase(the.supporter)
    feedback = Feedback.objects.get()
    assert (feedback.person, feedback.comments, feedback.ease) == (None, "", 4)
    assert not session.invitations.filter(person=the.supporter).exists()
