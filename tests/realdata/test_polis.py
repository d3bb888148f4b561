"""Opinion groups on the real Pol.is conversations in ../shared/data/polis: agreement with the
groups Pol.is recorded (`group-id`), by the adjusted Rand index over the participants that have
one, at least red-dwarf 0.4.0's figure with k chosen automatically, minus 0.01; and the command
line on a real folder. Run with `-s` to see the figures."""

import json
import time
from functools import cache

import numpy as np
import pytest

from cocreate.algorithms.clusterings import adjusted_rand_index
from cocreate.algorithms.opinion_groups import opinion_groups
from cocreate.algorithms.polis_export import read_polis_export
from tests.conftest import SHARED_DATA, shared_data
from tests.dialogue.test_opinion_command import opinion_runner

pytestmark = pytest.mark.realdata

CONVERSATIONS = (
    sorted(path.name for path in (SHARED_DATA / "polis").iterdir() if (path / "comments.csv").exists())
    if (SHARED_DATA / "polis").is_dir()
    else ["(none found)"]
)
# Below red-dwarf's figure minus 0.01 at the default settings (strict: the test says so once fixed).
SHORT_OF_RED_DWARF = {
    "canadian-electoral-reform": "3 of 281 people sit between the groups; replayed every 500 votes they join the "
    "16-person group (ARI 0.898, red-dwarf 1.0; 100 votes per update gives 1.0, 200 gives 0.898, 400 gives 0.18)",
    "austria-climate.2vkxcncppn.2022-07-07": "no votes.csv: the history is approximated participant by "
    "participant, and 12 of 1,439 people land in the other group (ARI 0.9565, red-dwarf 0.9669)",
}


def conversation_params():
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=SHORT_OF_RED_DWARF[name]))
        if name in SHORT_OF_RED_DWARF
        else name
        for name in CONVERSATIONS
    ]


@cache
def reddwarf() -> dict:
    return json.loads(shared_data("polis", "reddwarf_0.4.0_results.json").read_text(encoding="utf-8"))


@cache
def grouped(name: str):
    export = read_polis_export(shared_data("polis", name))
    started = time.perf_counter()
    result = opinion_groups(
        export.vote_participant,
        export.vote_statement,
        export.vote_value,
        num_participants=export.num_participants,
        num_statements=export.num_statements,
        moderated_out=export.moderated_out,
        vote_time=export.vote_time,
    )
    return export, result, time.perf_counter() - started


def agreement(name: str) -> float:
    export, result, _ = grouped(name)
    recorded = export.recorded_group >= 0
    return adjusted_rand_index(export.recorded_group[recorded], result.group[recorded])


@pytest.mark.parametrize("name", conversation_params())
def test_groups_agree_with_pol_is_at_least_as_well_as_red_dwarf(name):
    export, result, seconds = grouped(name)
    ours, theirs = agreement(name), reddwarf()[name]["auto"]["ARI"]
    recorded = export.recorded_group >= 0
    print(
        f"\n{name}: ARI {ours:.4f} (red-dwarf auto {theirs:.4f}), k {result.k} "
        f"(recorded {len(set(export.recorded_group[recorded].tolist()))}), {result.updates} updates, {seconds:.1f} s"
    )
    assert ours >= theirs - 0.01


def test_bowling_green_is_well_above_red_dwarf():
    """red-dwarf reaches 0.42 on american-assembly.bowling-green; the aim is 0.8. We reach 0.736
    replaying participant by participant (0.56 computed once): assert we keep most of the gain."""
    assert agreement("american-assembly.bowling-green") >= 0.7


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_everyone_pol_is_grouped_voted_enough_to_be_placed_by_us(name):
    """Pol.is and we place nearly the same people: at most 2 of those Pol.is grouped are left out
    (people once counted in who later lost votes), and nobody Pol.is left out is placed."""
    export, result, _ = grouped(name)
    recorded, placed = export.recorded_group >= 0, result.group >= 0
    assert (recorded & ~placed).sum() <= 2
    assert not (placed & ~recorded).any()


def test_consensus_matches_red_dwarf_where_both_follow_pol_is():
    """Consensus statements use every voter, not the groups: the agreed ones are red-dwarf's."""
    for name in CONVERSATIONS:
        export, result, _ = grouped(name)
        ours = [export.statement_ids[c.statement] for c in result.consensus if c.direction == "agree"]
        assert ours == [str(t) for t in reddwarf()[name]["auto"]["consensus_agree"]], name


def test_command_on_a_real_conversation_gives_the_same_groups(tmp_path):
    run = opinion_runner(tmp_path)("groups", shared_data("polis", "15-per-hour-seattle"), "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    export, expected, _ = grouped("15-per-hour-seattle")
    assert result["k"] == expected.k
    assert result["groups"] == {
        pid: int(g) for pid, g in zip(export.participant_ids, expected.group, strict=True) if g >= 0
    }
    assert np.isfinite([item["score"] for items in result["repness"].values() for item in items]).all()
