"""The demo's “O Governo Escuta”: fed from ../shared/data through the import service, its issues
computed, one turned into a question in “O Governador Responde”, one watched."""

import pytest
from django.core.management import call_command

from cocreate.dialogue.models import EmergingIssue, IssueStatus, ListeningSource, Signal
from cocreate.spaces.models import Space
from tests.conftest import shared_data

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_the_listening_demo_is_fed_from_the_shared_data_and_acted_on(capsys):
    shared_data("service_requests")
    call_command("demo", "--if-empty")
    space = Space.objects.get(title="O Governo Escuta")
    assert ListeningSource.objects.filter(space=space).count() == 3
    assert Signal.objects.filter(space=space).count() > 11_000
    asked = EmergingIssue.objects.get(space=space, status=IssueStatus.QUESTION)
    assert asked.category == "WW-Water No Water"
    assert asked.question.space.title == "O Governador Responde"
    watched = EmergingIssue.objects.get(space=space, status=IssueStatus.WATCHING)
    assert watched.category == "TRM-Snow/Icy Conditions" and str(watched.starts_on).startswith("2016-01")
