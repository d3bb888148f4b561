"""`cocreate import signals FILE --space SLUG [--format] [--source]`: one summary line on stdout,
skipped rows on stderr, exit 1 for a file it cannot use, 2 for wrong usage."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cocreate.dialogue.models import Signal
from tests.dialogue.listening_factories import burst_signals, listening_space, write_json

pytestmark = pytest.mark.django_db


def test_the_command_imports_a_file_and_prints_one_summary_line(tmp_path, capsys):
    space, *_ = listening_space()
    items = burst_signals() + [{"id": "x", "time": "not a time", "text": "?"}]
    path = write_json(tmp_path, items)
    call_command("import", "signals", str(path), "--space", space.slug, "--source", "Street reports")
    out, err = capsys.readouterr()
    assert out.strip().splitlines() == [
        f"imported {len(items) - 1} signals, updated 0, skipped 1 row(s) with problems, "
        f"into “Street reports” of {space.slug}"
    ]
    assert "is not a date written like" in err
    call_command("import", "signals", str(path), "--space", space.slug, "--source", "Street reports")
    assert capsys.readouterr().out.startswith(f"imported 0 signals, updated {len(items) - 1}")
    assert Signal.objects.count() == len(items) - 1


def test_a_file_it_cannot_use_exits_with_1_and_a_message(tmp_path, capsys):
    space, *_ = listening_space()
    path = tmp_path / "requests.csv"
    path.write_text("name,age\nAnna,3\n")
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "signals", str(path), "--space", space.slug, "--format", "311")
    assert exit_.value.code == 1
    assert "has no column" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "signals", str(path), "--space", "no-such-space")
    assert exit_.value.code == 1 and "no space with the slug" in capsys.readouterr().err
    assert not Signal.objects.exists()


def test_wrong_usage_is_refused(tmp_path):
    path = write_json(tmp_path, [json.loads('{"text": "x"}')])
    with pytest.raises(CommandError):  # exit status 2 when run from the shell
        call_command("import", "signals", str(path), "--format", "xml", "--space", "x")
