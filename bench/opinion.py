"""Opinion-group benchmark: Cocreate against red-dwarf 0.4.0 on the Pol.is conversations in
../shared/data/polis, in the same run.

    .venv/bin/python bench/opinion.py [--conversations bowling,austria] [--repeat 3] [--no-red-dwarf]

For each conversation folder (comments.csv, participants-votes.csv and, when there is one,
votes.csv), one child process of Cocreate's environment reads it with `read_polis_export` and runs
`opinion_groups` once on the final votes (a single update, `replay=False`: best of --repeat), then
replays the history (an update every 500 votes, in time order, as `cocreate opinion groups` does by
default: run once). red-dwarf runs in its own environment (var/bench/reddwarf-venv, created with
red-dwarf==0.4.0 if missing), one child process per conversation, timing `run_pipeline` (PCA and
k-means, k chosen by silhouette among 2–5, random_state=42, moderated-out statements zeroed) on the
same votes (votes.csv, or rebuilt from participants-votes.csv where there is none), best of --repeat.

Each time covers the computation only (not reading the files). Peak memory is the child process's
peak resident set (`getrusage`), libraries included: NumPy alone for Cocreate, pandas and
scikit-learn for red-dwarf. ARI is the adjusted Rand index against the group-id Pol.is recorded,
over the participants that have one and were placed by the method. The ratio is red-dwarf's time
÷ Cocreate's single update.

Target (issue 5, item 6): Cocreate's single update faster than red-dwarf's pipeline on every
conversation; the replay is reported separately. Exit status 1 if the target is missed.
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
sys.path.insert(0, str(ROOT))

from cocreate.algorithms.clusterings import adjusted_rand_index  # noqa: E402
from cocreate.algorithms.polis_export import read_polis_export  # noqa: E402

VAR = ROOT / "var" / "bench"
DATA = ROOT.parent / "shared" / "data" / "polis"
RED_DWARF = VAR / "reddwarf-venv"
RED_DWARF_VERSION = "0.4.0"

COCREATE_CHILD = r"""
import json, resource, sys, time
from cocreate.algorithms.opinion_groups import opinion_groups
from cocreate.algorithms.polis_export import read_polis_export

folder, repeat = sys.argv[1], int(sys.argv[2])
export = read_polis_export(folder)
arguments = dict(
    num_participants=export.num_participants,
    num_statements=export.num_statements,
    moderated_out=export.moderated_out,
    vote_time=export.vote_time,
)
votes = (export.vote_participant, export.vote_statement, export.vote_value)
report = {}
best = float("inf")
for _ in range(repeat):
    started = time.perf_counter()
    single = opinion_groups(*votes, replay=False, **arguments)
    best = min(best, time.perf_counter() - started)
report["single"] = {"time": best, "groups": single.group.tolist(), "k": single.k}
report["single_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
replayed = opinion_groups(*votes, **arguments)
report["replay"] = {"time": time.perf_counter() - started, "groups": replayed.group.tolist(), "k": replayed.k,
                    "updates": replayed.updates}
report["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(report))
"""

RED_DWARF_CHILD = r"""
import csv, json, resource, sys, time
from pathlib import Path
from reddwarf.implementations.polis import run_pipeline

folder, repeat = Path(sys.argv[1]), int(sys.argv[2])
with open(folder / "comments.csv", encoding="utf-8", newline="") as handle:
    mod_out = [int(row["comment-id"]) for row in csv.DictReader(handle) if int(row["moderated"]) == -1]
votes = []
if (folder / "votes.csv").exists():
    with open(folder / "votes.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            votes.append({"participant_id": int(row["voter-id"]), "statement_id": int(row["comment-id"]),
                          "vote": int(float(row["vote"])), "modified": int(row["timestamp"])})
else:
    fixed = {"participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
    with open(folder / "participants-votes.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name, cell in row.items():
                if name not in fixed and cell not in ("", None):
                    votes.append({"participant_id": int(row["participant"]), "statement_id": int(name),
                                  "vote": int(float(cell)), "modified": 0})
latest = {}  # red-dwarf wants one vote per participant and statement: the last one cast
for vote in sorted(votes, key=lambda v: v["modified"]):
    latest[vote["participant_id"], vote["statement_id"]] = vote
votes = list(latest.values())
best = float("inf")
for _ in range(repeat):
    started = time.perf_counter()
    result = run_pipeline(votes=votes, mod_out_statement_ids=mod_out, random_state=42)
    best = min(best, time.perf_counter() - started)
labels = result.participants_df["cluster_id"]
groups = {str(pid): int(g) for pid, g in labels.dropna().items()}
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"time": best, "groups": groups, "peak_mb": peak_mb}))
"""


def red_dwarf_python() -> Path:
    """The benchmark's own environment with red-dwarf, created on first use."""
    python = RED_DWARF / "bin" / "python"
    check = [
        str(python),
        "-c",
        "import reddwarf.implementations.polis, importlib.metadata as m; "
        f"assert m.version('red-dwarf') == '{RED_DWARF_VERSION}'",
    ]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    print(f"Installing red-dwarf {RED_DWARF_VERSION} into {RED_DWARF.relative_to(ROOT)}…", flush=True)
    venv.create(RED_DWARF, with_pip=True, clear=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"red-dwarf=={RED_DWARF_VERSION}"], check=True)
    return python


def child(python: Path, program: str, folder: Path, repeat: int, timeout: float | None = None) -> dict:
    try:
        run = subprocess.run(
            [str(python), "-c", program, str(folder), str(repeat)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"skipped": f"did not finish in {timeout:.0f} s"}
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["?"])[-1]
        return {"skipped": f"failed: {last[:100]}"}
    return json.loads(run.stdout.strip().splitlines()[-1])


def agreement(recorded: dict[str, int], groups: dict[str, int]) -> float | None:
    """ARI over the participants Pol.is grouped and the method placed."""
    common = [pid for pid in recorded if pid in groups]
    if not common:
        return None
    return adjusted_rand_index([recorded[p] for p in common], [groups[p] for p in common])


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", help="comma-separated parts of folder names (default: every one)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the single updates (default 3)")
    parser.add_argument("--red-dwarf-timeout", type=float, default=1800, help="seconds per red-dwarf run")
    parser.add_argument("--no-red-dwarf", action="store_true", help="time Cocreate only")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: the benchmark reads ../shared/data/polis next to the project.")
    folders = sorted(path for path in DATA.iterdir() if (path / "comments.csv").exists())
    if args.conversations:
        wanted = args.conversations.split(",")
        folders = [f for f in folders if any(w in f.name for w in wanted)]
    python = None if args.no_red_dwarf else red_dwarf_python()
    ours_python = ROOT / ".venv" / "bin" / "python"

    rows = []
    missed = []
    for folder in folders:
        export = read_polis_export(folder)
        recorded = {
            pid: int(g) for pid, g in zip(export.participant_ids, export.recorded_group.tolist(), strict=True) if g >= 0
        }
        print(f"  {folder.name}: Cocreate…", file=sys.stderr, flush=True)
        ours = child(ours_python, COCREATE_CHILD, folder, args.repeat)
        if "skipped" in ours:
            raise SystemExit(f"Cocreate failed on {folder.name}: {ours['skipped']}")

        def placed(groups: list[int], ids=export.participant_ids) -> dict[str, int]:
            return {pid: g for pid, g in zip(ids, groups, strict=True) if g >= 0}

        theirs = {"skipped": "not run"}
        if python is not None:
            print(f"  {folder.name}: red-dwarf…", file=sys.stderr, flush=True)
            theirs = child(python, RED_DWARF_CHILD, folder, args.repeat, args.red_dwarf_timeout)
        single, replay = ours["single"], ours["replay"]
        row = {
            "name": folder.name,
            "size": f"{export.num_participants}×{export.num_statements}, {export.num_votes:,} votes",
            "single": single["time"],
            "single_ari": agreement(recorded, placed(single["groups"])),
            "single_mb": ours["single_peak_mb"],
            "replay": replay["time"],
            "updates": replay["updates"],
            "replay_ari": agreement(recorded, placed(replay["groups"])),
            "replay_mb": ours["peak_mb"],
            "theirs": theirs.get("time"),
            "theirs_ari": agreement(recorded, theirs["groups"]) if "groups" in theirs else None,
            "theirs_mb": theirs.get("peak_mb"),
            "note": theirs.get("skipped", ""),
        }
        if row["theirs"] is None or row["single"] >= row["theirs"]:
            missed.append(folder.name)
        rows.append(row)

    def ari(value):
        return "–" if value is None else f"{value:.3f}"

    print(f"\nCocreate opinion groups against red-dwarf {RED_DWARF_VERSION}, {os.cpu_count()} CPUs")
    print(
        f"{'conversation':<40}{'participants×statements':>32} | {'Cocreate single':>16}{'MB':>6}{'ARI':>7} | "
        f"{'red-dwarf':>10}{'MB':>6}{'ARI':>7} | {'ratio':>7} | {'Cocreate replay':>16}{'MB':>6}{'ARI':>7}"
    )
    for row in rows:
        ratio = f"{row['theirs'] / row['single']:.1f}×" if row["theirs"] and row["single"] else "–"
        theirs_mb = "–" if row["theirs_mb"] is None else f"{row['theirs_mb']:.0f}"
        replay = f"{seconds(row['replay'])} ({row['updates']} upd.)"
        print(
            f"{row['name']:<40}{row['size']:>32} | {seconds(row['single']):>16}{row['single_mb']:>6.0f}"
            f"{ari(row['single_ari']):>7} | {seconds(row['theirs']):>10}{theirs_mb:>6}{ari(row['theirs_ari']):>7} | "
            f"{ratio:>7} | {replay:>16}{row['replay_mb']:>6.0f}"
            f"{ari(row['replay_ari']):>7}" + (f"  red-dwarf {row['note']}" if row["note"] else "")
        )
    if missed:
        print(f"\nTarget missed (or red-dwarf not run) on {', '.join(missed)}")
        sys.exit(1)
    print("\nTarget met: Cocreate's single update is faster than red-dwarf's pipeline on every conversation run.")


if __name__ == "__main__":
    started = time.time()
    main()
    print(f"({time.time() - started:.0f} s in all)", file=sys.stderr)
