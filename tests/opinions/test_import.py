"""`cocreate import polis DIR --space SLUG` on a small export folder written by the test."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from cocreate.accounts.models import Person
from cocreate.opinions.importers import import_polis
from cocreate.opinions.models import Moderation, OpinionMap, Statement, StatementVote
from cocreate.web.importing import ImportProblem
from tests.opinions.factories import opinion_space

pytestmark = pytest.mark.django_db

COMMENTS = """timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body
1403054000000,x,0,0,0,0,1,Buses should run all night.
1403054001000,x,1,1,0,0,1,Cycle lanes need kerbs.
1403054002000,x,2,0,0,0,-1,Something rude.
1403054003000,x,3,2,0,0,0,Parks should open at dawn.
"""


def write_export(folder, votes: list[tuple[int, int, int, int]]):
    """votes: (time in ms, statement, voter, value)."""
    folder.mkdir(exist_ok=True)
    (folder / "comments.csv").write_text(COMMENTS)
    voters = sorted({v[2] for v in votes})
    header = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,3\n"
    rows = "".join(f"{p},,0,0,0,0,,,,\n" for p in voters)
    (folder / "participants-votes.csv").write_text(header + rows)
    (folder / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n" + "".join(f"{t},x,{s},{p},{v}\n" for t, s, p, v in votes)
    )
    return folder


def two_camps(voters=12) -> list[tuple[int, int, int, int]]:
    votes, t = [], 1403060000000
    for p in range(voters):
        for s in range(4):
            t += 1000
            value = 1 if (s % 2 == 0) == (p % 2 == 0) else -1
            votes.append((t, s, p, value))
    return votes


@pytest.fixture
def space():
    return opinion_space()[0]


def test_import_loads_statements_votes_and_computes_the_map(tmp_path, space, capsys):
    folder = write_export(tmp_path / "conversation", two_camps() + [(1403070000000, 0, 0, -1)])
    call_command("import", "polis", str(folder), "--space", space.slug)
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"imported 4 statements, 48 votes by 12 participants into {space.slug}; opinion map:")
    statements = {s.external_id: s for s in Statement.objects.filter(space=space)}
    assert statements["2"].moderation == Moderation.MODERATED_OUT
    assert statements["3"].moderation == Moderation.AWAITING
    assert statements["0"].moderation == Moderation.ACCEPTED and statements["0"].text == "Buses should run all night."
    # The later vote replaced the earlier one: participant 0 disagrees with statement 0.
    first = Person.objects.get(external_source=f"polis:{space.pk}", external_id="0")
    assert StatementVote.objects.get(person=first, statement=statements["0"]).choice == -1
    assert first.kind == "imported" and not first.is_active and first.display_name.startswith("Participant ")
    assert statements["1"].author.external_id == "1"
    assert statements["0"].agrees_count + statements["0"].disagrees_count == 12
    opinion_map = OpinionMap.objects.get(space=space)
    assert opinion_map.votes_counted == 48 and opinion_map.participants_counted == 12


def test_import_again_updates_instead_of_duplicating(tmp_path, space):
    folder = write_export(tmp_path / "conversation", two_camps())
    import_polis(folder, space.slug)
    Statement.objects.filter(space=space, external_id="0").update(text="changed", moderation=Moderation.AWAITING)
    StatementVote.objects.filter(space=space).update(choice=0)
    import_polis(folder, space.slug)
    assert Statement.objects.filter(space=space).count() == 4
    assert StatementVote.objects.filter(space=space).count() == 48
    assert Person.objects.filter(external_source=f"polis:{space.pk}").count() == 12
    again = Statement.objects.get(space=space, external_id="0")
    assert again.text == "Buses should run all night." and again.moderation == Moderation.ACCEPTED
    assert not StatementVote.objects.filter(space=space, choice=0).exists()
    assert again.agrees_count == 6 and again.passes_count == 0


def test_import_without_votes_csv_rebuilds_votes_from_participants(tmp_path, space):
    folder = tmp_path / "conversation"
    folder.mkdir()
    (folder / "comments.csv").write_text(COMMENTS)
    (folder / "participants-votes.csv").write_text(
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,3\n0,0,0,2,1,1,1,-1,,\n1,1,0,2,1,1,-1,1,,0\n"
    )
    counts = import_polis(folder, space.slug)
    assert counts["votes"] == 5 and StatementVote.objects.filter(space=space).count() == 5


def test_unknown_space_is_refused_and_nothing_is_written(tmp_path):
    folder = write_export(tmp_path / "conversation", two_camps())
    with pytest.raises(ImportProblem, match="There is no space with the address 'nowhere'"):
        import_polis(folder, "nowhere")
    assert not Statement.objects.exists() and not Person.objects.filter(kind="imported").exists()


def test_broken_export_is_refused_with_the_file_and_line(tmp_path, space):
    folder = write_export(tmp_path / "conversation", two_camps())
    (folder / "votes.csv").write_text("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,yes\n")
    with pytest.raises(ImportProblem, match="votes.csv"):
        import_polis(folder, space.slug)
    assert not Statement.objects.exists()


def test_command_line_exit_statuses(tmp_path):
    cocreate = [sys.executable, "-m", "cocreate.cli", "import", "polis"]
    usage = subprocess.run(cocreate + [str(tmp_path)], capture_output=True, text=True)
    assert usage.returncode == 2 and "--space" in usage.stderr
    bad = subprocess.run(cocreate + [str(tmp_path / "missing"), "--space", "x"], capture_output=True, text=True)
    assert bad.returncode == 1 and "is not a folder" in bad.stderr and bad.stdout == ""
