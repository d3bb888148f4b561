"""Counting the real elections in ../shared/data/pabulib: the outcomes pabutools 1.2.3 computed
(reference_outcomes.json) and the official ones, every file under every rule, and the command
line on a broken file."""

import json
import subprocess
import sys
from functools import cache

import pytest

from cocreate.algorithms.budget_counting import Rule, count_rules
from cocreate.algorithms.pabulib import parse_pabulib, read_pabulib, write_pabulib
from tests.conftest import SHARED_DATA, shared_data

pytestmark = pytest.mark.realdata

ASSEN, SWIECIE = "Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb"
WIELICZKA = "Poland_Wieliczka_2023_Green_Budget.pb"
PRAGA, LODZ = "Poland_Warszawa_2020_Praga-Poludnie.pb", "Poland_Lodz_2022.pb"
KATOWICE, KRAKOW = "Poland_Katowice_2023.pb", "Poland_Krakow_2024.pb"
APPROVAL_FIVE = [ASSEN, SWIECIE, WIELICZKA, PRAGA, LODZ]

REFERENCE = (
    [(name, "greedy", "greedy_cost_sat") for name in APPROVAL_FIVE]
    + [(name, "mes", "mes_cost_sat") for name in APPROVAL_FIVE]
    + [(name, "mes-add1", "mes_add1") for name in APPROVAL_FIVE]
    + [(WIELICZKA, "mes-add1-no-stop", "mes_add1_noexhaustive_stop")]
    + [(KATOWICE, "mes", "mes_pabutools_default_sat"), (KRAKOW, "mes", "mes_pabutools_default_sat")]
    + [(ASSEN, "mes-add1", "official"), (SWIECIE, "mes-add1", "official")]
    + [(WIELICZKA, "mes-add1-no-stop", "official")]
    + [(PRAGA, "greedy", "official"), (LODZ, "greedy", "official")]
)
EVERY_FILE = sorted(path.name for path in (SHARED_DATA / "pabulib").glob("*.pb")) or ["(none found)"]


@cache
def parsed(name: str):
    return read_pabulib(shared_data("pabulib", name))


@cache
def counted_with_every_rule(name: str):
    return count_rules(parsed(name).election(), list(Rule))


def counted(name: str, rule: str):
    return counted_with_every_rule(name)[Rule(rule)]


@cache
def reference() -> dict:
    return json.loads(shared_data("pabulib", "reference_outcomes.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "rule", "key"), REFERENCE, ids=lambda v: str(v).removesuffix(".pb"))
def test_outcome_equals_the_reference(name, rule, key):
    expected = reference()[name][key]
    assert counted(name, rule).selected_ids(parsed(name).project_ids) == expected


def test_official_outcome_is_what_the_file_marks_as_selected():
    for name, _rule, key in REFERENCE:
        if key == "official":
            pb = parsed(name)
            marked = sorted(pid for pid, sel in zip(pb.project_ids, pb.column("selected"), strict=True) if sel == "1")
            assert marked == reference()[name]["official"], name


@pytest.mark.parametrize("rule", [rule.value for rule in Rule])
@pytest.mark.parametrize("name", EVERY_FILE, ids=lambda v: v.removesuffix(".pb"))
def test_every_file_counts_under_every_rule(name, rule):
    pb = parsed(name)
    assert pb.num_voters > 0 and pb.num_projects > 0
    outcome = counted(name, rule)
    assert outcome.cost <= pb.budget
    assert len(outcome.reasons) == pb.num_projects
    if rule != "greedy":
        assert (outcome.spent_by_voter() <= outcome.voter_budget * (1 + 1e-9)).all()


@pytest.mark.parametrize("name", ["Poland_Gdansk_2020.pb", KATOWICE, "Switzerland_Zurich_D10.pb", KRAKOW])
def test_real_files_survive_a_round_trip(name):
    pb = parsed(name)
    assert parse_pabulib(write_pabulib(pb)) == pb


def test_command_line_on_a_real_and_a_broken_file(tmp_path):
    good = shared_data("pabulib", ASSEN)
    budget = [sys.executable, "-m", "cocreate.cli", "budget", "count"]
    run = subprocess.run([*budget, str(good), "--rule", "mes-add1", "--json"], capture_output=True, text=True)
    assert run.returncode == 0
    assert json.loads(run.stdout) == {"rule": "mes-add1", "selected": reference()[ASSEN]["mes_add1"], "cost": 76700}

    lines = good.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("voter_id;vote")) + 2  # the first ballot
    lines[number - 1] = lines[number - 1].replace(";1,", ";99,", 1)
    broken = tmp_path / "broken.pb"
    broken.write_text("".join(lines), encoding="utf-8")
    run = subprocess.run([*budget, str(broken), "--rule", "mes", "--json"], capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout == ""
    assert f"line {number} names an unknown project '99' in its vote" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
