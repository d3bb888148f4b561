"""Counting benchmark: Cocreate against pabutools 1.2.3 on the real elections in ../shared/data/pabulib,
in the same run.

    .venv/bin/python bench/budgets.py [--files Lodz,Krakow] [--pabutools-timeout 900] [--repeat 3]
                                      [--no-pabutools]

For each file, a child process of Cocreate's environment parses it and counts it with greedy,
Method of Equal Shares (mes) and MES with add1 completion (mes-add1), and reports each time and its
peak memory (resident set, `getrusage`). pabutools runs in its own environment (var/bench/
pabutools-venv, created with pabutools==1.2.3 if missing), in float mode (`pabutools.fractions.
FRACTION = "float"`, its fastest), one child process per file and rule with a time limit; its add1
(`exhaustion_by_budget_increase`, one currency unit per voter) is only run up to 10,000 voters.
The same rule is asked of both: greedy by total score (Cost_Sat for approval ballots; for points
and rankings a satisfaction of score × cost, so that both rank projects by total score), MES with
Cost_Sat for approval, Additive_Cardinal_Sat for points, Additive_Borda_Sat for rankings. The
table gives each time, the ratio (pabutools ÷ Cocreate) and whether both funded the same projects.

Targets (issue: participatory budgeting, item 7), on Łódź 2022 (90,494 voters × 160 projects):
parsing under 1 s; MES at least 200× faster than pabutools; MES with add1 under 2 s; peak memory
under 300 MB. On Kraków 2024 (ranked ballots): greedy under 2 s. Exit status 1 if a target is
missed or the two implementations disagree.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"
DATA = ROOT.parent / "shared" / "data" / "pabulib"
PABUTOOLS = VAR / "pabutools-venv"
PABUTOOLS_VERSION = "1.2.3"
ADD1_VOTERS_LIMIT = 10_000
RULES = ("greedy", "mes", "mes-add1")

COCREATE_CHILD = r"""
import json, resource, sys, time
from cocreate.algorithms.budget_counting import count
from cocreate.algorithms.pabulib import read_pabulib

path, repeat = sys.argv[1], int(sys.argv[2])
report = {"time": {}, "selected": {}}
best = float("inf")
for _ in range(repeat):
    started = time.perf_counter()
    pb = read_pabulib(path)
    best = min(best, time.perf_counter() - started)
report["time"]["parse"] = best
report["voters"], report["projects"], report["vote_type"] = pb.num_voters, pb.num_projects, pb.vote_type
election = pb.election()
for rule in ("greedy", "mes", "mes-add1"):
    best = float("inf")
    for _ in range(1 if rule == "mes-add1" else repeat):
        started = time.perf_counter()
        outcome = count(election, rule)
        best = min(best, time.perf_counter() - started)
    report["time"][rule] = best
    report["selected"][rule] = outcome.selected_ids(pb.project_ids)
    if rule == "mes-add1":
        report["increments"] = outcome.increments
report["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(report))
"""

PABUTOOLS_CHILD = r"""
import json, sys, time
from pabutools import fractions
fractions.FRACTION = fractions.FLOAT_FRAC
from pabutools.election import parse_pabulib, Cost_Sat, Additive_Cardinal_Sat, Additive_Borda_Sat
from pabutools.election.satisfaction import AdditiveSatisfaction, PositionalSatisfaction
from pabutools.election.satisfaction.positionalsatisfaction import borda_sat_func
from pabutools.rules import method_of_equal_shares, greedy_utilitarian_welfare, exhaustion_by_budget_increase


class PointsTimesCost(AdditiveSatisfaction):
    # Greedy by total points: satisfaction per unit of cost = the points.
    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, lambda i, p, b, proj, pre: b.get(proj, 0) * proj.cost)


class BordaTimesCost(PositionalSatisfaction):
    # Greedy by total Borda score (pabutools treats positional satisfactions as non-additive).
    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, lambda b, proj: borda_sat_func(b, proj) * proj.cost, sum)


path, rule = sys.argv[1], sys.argv[2]
started = time.perf_counter()
instance, profile = parse_pabulib(path)
parse = time.perf_counter() - started
vote_type = instance.meta["vote_type"]
if vote_type in ("approval", "choose-1"):
    mes_sat, greedy_sat = Cost_Sat, Cost_Sat
elif vote_type == "ordinal":
    mes_sat, greedy_sat = Additive_Borda_Sat, BordaTimesCost
else:
    mes_sat, greedy_sat = Additive_Cardinal_Sat, PointsTimesCost
started = time.perf_counter()
if rule == "greedy":
    outcome = greedy_utilitarian_welfare(instance, profile, sat_class=greedy_sat)
elif rule == "mes":
    outcome = method_of_equal_shares(instance, profile, sat_class=mes_sat)
else:
    outcome = exhaustion_by_budget_increase(
        instance, profile, method_of_equal_shares, {"sat_class": mes_sat}, budget_step=profile.num_ballots()
    )
elapsed = time.perf_counter() - started
print(json.dumps({"parse": parse, "time": elapsed, "selected": sorted(p.name for p in outcome)}))
"""


def pabutools_python() -> Path:
    """The benchmark's own environment with pabutools, created on first use."""
    python = PABUTOOLS / "bin" / "python"
    check = [
        str(python),
        "-c",
        f"import pabutools.rules, importlib.metadata as m; assert m.version('pabutools') == '{PABUTOOLS_VERSION}'",
    ]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    print(f"Installing pabutools {PABUTOOLS_VERSION} into {PABUTOOLS.relative_to(ROOT)}…", flush=True)
    venv.create(PABUTOOLS, with_pip=True, clear=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"pabutools=={PABUTOOLS_VERSION}"], check=True)
    return python


def cocreate(path: Path, repeat: int) -> dict:
    child = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", COCREATE_CHILD, str(path), str(repeat)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def pabutools(python: Path, path: Path, rule: str, timeout: float) -> dict:
    """pabutools' time and selection, or {"skipped": why}."""
    try:
        child = subprocess.run(
            [str(python), "-c", PABUTOOLS_CHILD, str(path), rule], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"skipped": f"did not finish in {timeout:.0f} s", "timeout": True}
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["?"])[-1]
        return {"skipped": f"failed: {last[:80]}"}
    return json.loads(child.stdout.strip().splitlines()[-1])


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", help="comma-separated parts of file names (default: every file)")
    parser.add_argument("--pabutools-timeout", type=float, default=900, help="seconds per pabutools run (default 900)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for parsing, greedy and mes (default 3)")
    parser.add_argument("--no-pabutools", action="store_true", help="time Cocreate only")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: the benchmark reads ../shared/data/pabulib next to the project.")
    files = sorted(DATA.glob("*.pb"))
    if args.files:
        wanted = args.files.split(",")
        files = [f for f in files if any(w in f.name for w in wanted)]
    python = None if args.no_pabutools else pabutools_python()

    results = {}
    started = time.time()
    for path in files:
        ours = cocreate(path, args.repeat)
        theirs = {}
        for rule in RULES:
            if python is None:
                continue
            if rule == "mes-add1" and ours["voters"] > ADD1_VOTERS_LIMIT:
                theirs[rule] = {"skipped": f"not run above {ADD1_VOTERS_LIMIT:,} voters"}
                continue
            print(f"  pabutools {rule} on {path.stem}…", file=sys.stderr, flush=True)
            theirs[rule] = pabutools(python, path, rule, args.pabutools_timeout)
        results[path.name] = {"cocreate": ours, "pabutools": theirs}
        print(
            f"{path.stem}: parsed in {seconds(ours['time']['parse'])}, peak {ours['peak_mb']:.0f} MB",
            file=sys.stderr,
            flush=True,
        )

    print(f"\nCocreate counting benchmark against pabutools {PABUTOOLS_VERSION} (float mode), {os.cpu_count()} CPUs")
    header = f"{'file':<40}{'voters×projects':>17}  {'step':<14}{'Cocreate':>11}{'pabutools':>30}{'ratio':>9}  same"
    print(header)
    print("-" * len(header))
    disagreements = []
    for name, result in results.items():
        ours, theirs = result["cocreate"], result["pabutools"]
        size = f"{ours['voters']:,}×{ours['projects']}"
        parse_theirs = next((t["parse"] for t in theirs.values() if "parse" in t), None)
        rows = [("parse", ours["time"]["parse"], {"time": parse_theirs} if parse_theirs else {"skipped": ""})]
        rows += [(rule, ours["time"][rule], theirs.get(rule, {"skipped": ""})) for rule in RULES]
        for step, mine, other in rows:
            label = step + (f" +{ours['increments']}" if step == "mes-add1" else "")
            peer = seconds(other.get("time")) if "time" in other else other.get("skipped", "")
            ratio = ""
            if other.get("time"):
                ratio = f"{other['time'] / mine:.0f}×"
            elif other.get("timeout"):
                ratio = f">{args.pabutools_timeout / mine:.0f}×"
            same = ""
            if "selected" in other:
                agree = other["selected"] == ours["selected"][step]
                same = "yes" if agree else "NO"
                if not agree:
                    disagreements.append(f"{name} {step}")
            row = f"{name.removesuffix('.pb')[:39]:<40}{size:>17}  {label:<14}{seconds(mine):>11}{peer:>30}{ratio:>9}"
            print(f"{row}  {same}")
            name, size = "", ""

    print("\nTargets")
    failed = []

    def target(label: str, ok: bool | None, detail: str) -> None:
        verdict = "–" if ok is None else ("ok" if ok else "MISSED")
        if ok is False:
            failed.append(label)
        print(f"  {label:<48}{detail:<52}{verdict}")

    lodz, krakow = results.get("Poland_Lodz_2022.pb"), results.get("Poland_Krakow_2024.pb")
    if lodz:
        times = lodz["cocreate"]["time"]
        target("Łódź: parse under 1 s", times["parse"] < 1, seconds(times["parse"]))
        theirs = lodz["pabutools"].get("mes", {})
        if theirs.get("time"):
            ratio = theirs["time"] / times["mes"]
            target("Łódź: MES at least 200× faster than pabutools", ratio >= 200, f"{ratio:.0f}×")
        elif theirs.get("timeout"):
            ratio = args.pabutools_timeout / times["mes"]
            target("Łódź: MES at least 200× faster than pabutools", ratio >= 200 or None, f"more than {ratio:.0f}×")
        target("Łódź: MES with add1 under 2 s", times["mes-add1"] < 2, seconds(times["mes-add1"]))
        peak = lodz["cocreate"]["peak_mb"]
        target("Łódź: peak memory under 300 MB", peak < 300, f"{peak:.0f} MB")
    if krakow:
        greedy_time = krakow["cocreate"]["time"]["greedy"]
        theirs = krakow["pabutools"].get("greedy", {})
        target(
            "Kraków: greedy under 2 s",
            greedy_time < 2,
            f"{seconds(greedy_time)} (pabutools: {theirs.get('skipped') or seconds(theirs.get('time'))})",
        )
    if disagreements:
        print("\nDifferent projects funded: " + ", ".join(disagreements))
    print(f"\nWhole run: {time.time() - started:.0f} s")
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "results-budgets.json").write_text(json.dumps(results, indent=2))
    sys.exit(1 if failed or disagreements else 0)


if __name__ == "__main__":
    main()
