"""`cocreate budget count FILE.pb --rule … [--json]`: counts a file without a database, prints
one JSON object or a table, and exits 0, 1 (bad file) or 2 (wrong usage)."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ELECTION = """META
key;value
description;Three streets
budget;100
vote_type;approval
currency;EUR
PROJECTS
project_id;cost;name
p1;50;Trees on Main Street
p2;50;Benches on Main Street
q;40;Playground on Side Street
r;10;Bike rack
VOTES
voter_id;vote
1;p1,p2
2;p1,p2
3;p1,p2
4;p1,p2
5;p1,p2
6;p1,p2
7;q
8;q
9;q
10;q,r
"""


@pytest.fixture
def pb_file(tmp_path):
    path = tmp_path / "three_streets.pb"
    path.write_text(ELECTION, encoding="utf-8")
    return path


def counted(path, rule, capsys, *extra):
    call_command("budget", "count", str(path), "--rule", rule, *extra)
    return capsys.readouterr()


@pytest.mark.parametrize(
    ("rule", "selected", "cost"),
    [
        ("greedy", ["p1", "p2"], 100),
        ("mes", ["p1", "q"], 90),
        ("mes-greedy", ["p1", "q", "r"], 100),
        ("mes-add1", ["p1", "q"], 90),
    ],
)
def test_json_holds_the_rule_the_sorted_ids_and_the_cost(pb_file, capsys, rule, selected, cost):
    out = counted(pb_file, rule, capsys, "--json")
    assert json.loads(out.out) == {"rule": rule, "selected": selected, "cost": cost}
    assert out.out.count("\n") <= 1  # exactly one object on stdout
    assert "ballots" in out.err  # messages go to stderr


def test_without_json_a_table_lists_every_project_and_why(pb_file, capsys):
    out = counted(pb_file, "mes", capsys).out
    assert "Three streets" in out and "rule mes" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line[:2] in ("p1", "p2", "q ", "r ")}
    assert "funded" in lines["p1"] and "its voters ran out of money" in lines["p2"]
    assert "2 projects funded, costing 90 of 100" in out


def test_counting_needs_no_database(pb_file, capsys):
    # No django_db mark: any query would fail this test.
    assert json.loads(counted(pb_file, "mes-add1-no-stop", capsys, "--json").out)["selected"] == ["p1", "q"]


def test_a_broken_file_exits_1_with_the_line_and_why(tmp_path, capsys):
    broken = tmp_path / "broken.pb"
    broken.write_text(ELECTION.replace("10;q,r", "10;q,s"), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_status:
        call_command("budget", "count", str(broken), "--rule", "mes", "--json")
    assert exit_status.value.code == 1
    out = capsys.readouterr()
    assert out.out == ""
    reason = "line 24 names an unknown project 's' in its vote"
    assert out.err.strip() == f"cocreate budget: {broken} is not a valid Pabulib file: {reason}"


def test_a_missing_file_exits_1(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_status:
        call_command("budget", "count", str(tmp_path / "nowhere.pb"), "--rule", "mes")
    assert exit_status.value.code == 1
    assert "cannot read" in capsys.readouterr().err


def test_wrong_usage_is_refused(pb_file):
    with pytest.raises(CommandError, match="--rule"):
        call_command("budget", "count", str(pb_file))
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("budget", "count", str(pb_file), "--rule", "lottery")
    with pytest.raises(CommandError):
        call_command("budget")


def test_exit_statuses_from_the_command_line(pb_file, tmp_path):
    budget = [sys.executable, "-m", "cocreate.cli", "budget"]
    ok = subprocess.run([*budget, "count", str(pb_file), "--rule", "mes", "--json"], capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout) == {"rule": "mes", "selected": ["p1", "q"], "cost": 90}
    not_pabulib = tmp_path / "notes.pb"
    not_pabulib.write_text("shopping list\nMETA\n", encoding="utf-8")
    bad = subprocess.run([*budget, "count", str(not_pabulib), "--rule", "mes"], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stdout == ""
    assert "line 1 should start a section (META, PROJECTS or VOTES)" in bad.stderr
    usage = subprocess.run([*budget, "count", str(pb_file)], capture_output=True, text=True)
    assert usage.returncode == 2 and "--rule" in usage.stderr


@pytest.mark.django_db
def test_import_then_export_through_the_command(tmp_path):
    from cocreate.budgets import services
    from tests.budgets.factories import budget_space
    from tests.conftest import shared_data
    from tests.factories import change_phases

    space, staff = budget_space()
    call_command(
        "budget",
        "import",
        str(shared_data("pabulib", "Netherlands_Assen_2024.pb")),
        "--space",
        space.slug,
        "--by",
        staff.email,
        stdout=io.StringIO(),
    )
    budget = space.budgets.get()
    assert budget.ballots.count() == 84
    with pytest.raises(SystemExit) as exit_status:
        call_command("budget", "export", "--space", space.slug, "--budget", str(budget.pk), stdout=io.StringIO())
    assert exit_status.value.code == 1  # not counted yet
    change_phases(space, activities=[])
    budget.refresh_from_db()
    services.budget_count(person=staff, budget=budget)
    out = tmp_path / "assen.pb"
    call_command("budget", "export", "--space", space.slug, "--budget", str(budget.pk), "--output", str(out))
    assert "vote_type;approval" in out.read_text()
