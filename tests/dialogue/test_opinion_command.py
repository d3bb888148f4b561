"""`cocreate opinion groups DIR [--json] [--seed N] [--no-replay]`: reads a Pol.is export folder
without a database, prints exactly one JSON object (or a summary), and exits 0, 1 (bad input,
one line on stderr) or 2 (wrong usage)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.algorithms.test_opinion_groups import two_camps

REPO = Path(__file__).resolve().parents[2]


def opinion_runner(tmp_path):
    """Runs the command as people do (`python -m cocreate.cli opinion …`). Until the project's
    settings list cocreate.dialogue, a settings module in tmp_path adds it."""
    env = dict(os.environ)
    if "cocreate.dialogue" not in settings.INSTALLED_APPS:
        (tmp_path / "opinion_settings.py").write_text(
            "from cocreate.settings import *  # noqa\nINSTALLED_APPS = [*INSTALLED_APPS, 'cocreate.dialogue']\n",
            encoding="utf-8",
        )
        env["DJANGO_SETTINGS_MODULE"] = "opinion_settings"
        env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(REPO), env.get("PYTHONPATH", "")])

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "cocreate.cli", "opinion", *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
        )

    return run


@pytest.fixture
def opinion(tmp_path):
    return opinion_runner(tmp_path)


@pytest.fixture
def conversation(tmp_path):
    """Two camps of 30 people on 10 statements (one of them moderated out), as an openData export
    with votes.csv."""
    folder = tmp_path / "conversation"
    folder.mkdir()
    who, what, value, truth = two_camps()
    comments = ["timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body"]
    comments += [f"{1000 + s},Mon,{s},0,0,0,{-1 if s == 9 else 1},Statement number {s}" for s in range(10)]
    (folder / "comments.csv").write_text("\n".join(comments) + "\n", encoding="utf-8")
    votes = ["timestamp,datetime,comment-id,voter-id,vote"]
    votes += [f"{2000 + v},Mon,{s},{100 + p},{x}" for v, (p, s, x) in enumerate(zip(who, what, value, strict=True))]
    (folder / "votes.csv").write_text("\n".join(votes) + "\n", encoding="utf-8")
    people = ["participant,group-id,n-comments,n-votes,n-agree,n-disagree," + ",".join(map(str, range(10)))]
    for p in range(len(truth)):
        row = {s: x for q, s, x in zip(who, what, value, strict=True) if q == p}
        people.append(f"{100 + p},{truth[p]},0,0,0,0," + ",".join(str(row.get(s, "")) for s in range(10)))
    (folder / "participants-votes.csv").write_text("\n".join(people) + "\n", encoding="utf-8")
    return folder, truth


def test_json_is_one_object_with_every_placed_participant(opinion, conversation):
    folder, truth = conversation
    run = opinion("groups", folder, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert set(result) == {"k", "groups", "repness", "consensus"}
    assert result["k"] == 2
    assert set(result["groups"]) == {str(100 + p) for p in range(len(truth))}
    assert set(result["groups"].values()) == {0, 1}
    by_camp = {}
    for p, camp in enumerate(truth):
        by_camp.setdefault(int(camp), set()).add(result["groups"][str(100 + p)])
    assert all(len(groups) == 1 for groups in by_camp.values()) and by_camp[0] != by_camp[1]
    assert set(result["repness"]) == {"0", "1"}
    for chosen in result["repness"].values():
        assert 1 <= len(chosen) <= 5
        for item in chosen:
            assert set(item) == {"statement", "direction", "score"}
            assert item["statement"] in {str(s) for s in range(9)}  # 9 is moderated out
            assert item["direction"] in {"agree", "disagree"} and isinstance(item["score"], float)
    assert result["consensus"] == []
    assert "by 60 participants on 10 statements" in run.stderr


def test_same_folder_and_seed_give_the_same_output(opinion, conversation):
    folder, _ = conversation
    first = opinion("groups", folder, "--json", "--seed", "3")
    again = opinion("groups", folder, "--json", "--seed", "3")
    once = opinion("groups", folder, "--json", "--no-replay")
    assert first.returncode == again.returncode == once.returncode == 0
    assert first.stdout == again.stdout
    assert json.loads(once.stdout)["k"] == 2


def test_without_json_a_readable_summary(opinion, conversation):
    folder, _ = conversation
    run = opinion("groups", folder)
    assert run.returncode == 0
    assert run.stdout.startswith("2 opinion groups among 60 participants")
    assert "Statement number" in run.stdout


def test_bad_input_exits_1_with_one_line(opinion, conversation, tmp_path):
    run = opinion("groups", tmp_path / "nowhere", "--json")
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"cocreate opinion groups: {tmp_path / 'nowhere'} is not a folder (expected a Pol.is export folder)"
    ]
    folder, _ = conversation
    votes = folder / "votes.csv"
    votes.write_text(votes.read_text(encoding="utf-8") + "3000,Mon,1,100,maybe\n", encoding="utf-8")
    run = opinion("groups", folder, "--json")
    assert run.returncode == 1 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and "the vote 'maybe'" in run.stderr


def test_an_export_without_votes_exits_1(opinion, conversation):
    folder, _ = conversation
    (folder / "votes.csv").write_text("timestamp,datetime,comment-id,voter-id,vote\n", encoding="utf-8")
    (folder / "participants-votes.csv").write_text("participant,group-id,0\n", encoding="utf-8")
    run = opinion("groups", folder)
    assert run.returncode == 1 and "holds no votes" in run.stderr


@pytest.mark.parametrize(
    "args",
    [("groups",), ("groups", "x", "--seed", "one"), ("groups", "x", "--votes-per-update", "0"), ("split", "x")],
)
def test_wrong_usage_exits_2(opinion, args):
    run = opinion(*args)
    assert run.returncode == 2 and run.stdout == ""
