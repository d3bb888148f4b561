"""`cocreate import polis` on the smallest shared conversation (../shared/data/polis)."""

import pytest
from django.core.management import call_command

from cocreate.opinions.models import OpinionMap, Statement, StatementVote
from tests.conftest import shared_data
from tests.opinions.factories import opinion_space

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_import_seattle_conversation_and_map_it(capsys):
    folder = shared_data("polis", "15-per-hour-seattle")
    space, _staff = opinion_space(slug="seattle")
    call_command("import", "polis", str(folder), "--space", "seattle")
    summary = capsys.readouterr().out.strip()
    assert summary.startswith("imported 54 statements, ")
    statements = Statement.objects.filter(space=space)
    assert statements.count() == 54
    assert statements.filter(moderation="moderated_out").exists()
    # votes.csv holds every vote cast, changed ones too; one vote per person and statement is kept.
    votes = StatementVote.objects.filter(space=space)
    assert votes.count() == len(set(votes.values_list("person_id", "statement_id")))
    opinion_map = OpinionMap.objects.get(space=space)
    assert 2 <= opinion_map.k <= 5 and opinion_map.participants_counted > 100
    assert sum(g["size"] for g in opinion_map.groups) == opinion_map.participants_counted
    assert opinion_map.consensus or any(g["representative"] for g in opinion_map.groups)
    # Importing again changes nothing.
    call_command("import", "polis", str(folder), "--space", "seattle")
    assert StatementVote.objects.filter(space=space).count() == votes.count()
