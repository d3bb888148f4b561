"""Ballot load benchmark: 10,000 ballots cast through the web server from concurrent clients,
with repeated attempts by the same voters, on SQLite and on PostgreSQL.

    .venv/bin/python bench/ballots.py [--voters 10000] [--clients 32] [--sqlite-only | --postgresql-only]
                                     [--database-url postgres://postgres@127.0.0.1:5432/cocreate_bench_ballots]

For each database it builds a fresh data set (bench/ballots_data.py): a budget space with the vote
open, a budget of 10 projects, a residents list of `--voters` entries; half of them have an account
(verified residents, each signed in with a session of their own) and vote online with the ballot
form; the other half received a one-time voting code and a staff member enters their ballots with
the code at a meeting. Then it serves the site with the production configuration (`cocreate serve`:
Granian, 2 workers) and sends, from `--clients` concurrent connections, in a shuffled order:

- every online voter's ballot (the form's "cast" step, as the browser sends it without JavaScript);
- for a quarter of the online voters, a paper ballot a staff member tries to enter for the same
  resident at the same time (a repeat across channels: one of the two is refused);
- every voting code's ballot, and a second entry of a quarter of the codes (repeats);

and checks: accepted ballots = voters, each repeat refused with its message, and the database
holds exactly one voter record and one ballot per voter. It prints ballots/s (accepted ballots per
second of the whole run, refusals included in the load) and latency; exit 1 if a check fails.
"""

import argparse
import http.client
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import served  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench-ballots"
PORT = 8766
CSRF = "benchmarkbenchmarkbenchmarkbench"  # a valid unmasked CSRF secret (32 characters)
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/cocreate_bench_ballots"
ALREADY_VOTED = "Each voter has one ballot"
CODE_USED = "already been used"


def environment(database_url: str | None) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "COCREATE_VAR_DIR": str(VAR),
            "COCREATE_TESTING": "0",
            "DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "cocreate.settings",
            "LOG_LEVEL": "ERROR",
        }
    )
    env.pop("CACHE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def fresh_database(env: dict, database_url: str | None) -> None:
    if database_url:
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        admin = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    else:
        VAR.mkdir(parents=True, exist_ok=True)
        for path in VAR.glob("cocreate.sqlite3*"):
            path.unlink()
    cocreate = str(ROOT / ".venv" / "bin" / "cocreate")
    subprocess.run([cocreate, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([cocreate, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)


def build(env: dict, voters: int) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ballots_data.py"), str(voters)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def requests_for(data: dict, rng: random.Random) -> list[tuple[str, str, dict, str]]:
    """(kind, path, form fields, session) for every attempt, shuffled."""
    vote, enter = data["vote_path"], data["enter_path"]
    projects = data["projects"]
    attempts = []
    for n, voter in enumerate(data["online"]):
        chosen = rng.sample(projects, 3)
        fields = {"action": "cast", **{f"project-{p}": "1" for p in chosen}}
        attempts.append(("online", vote, fields, voter["session"]))
        if n % 4 == 0:
            paper = {"reference": voter["reference"], **{f"project-{p}": "1" for p in rng.sample(projects, 2)}}
            attempts.append(("paper repeat", enter, paper, data["staff_session"]))
    for n, code in enumerate(data["codes"]):
        fields = {"code": code, **{f"project-{p}": "1" for p in rng.sample(projects, 3)}}
        attempts.append(("code", enter, fields, data["staff_session"]))
        if n % 4 == 0:
            attempts.append(("code repeat", enter, dict(fields), data["staff_session"]))
    rng.shuffle(attempts)
    return attempts


def send(attempts, clients: int) -> tuple[list, float]:
    """Send the attempts from `clients` keep-alive connections; return (kind, status, body
    excerpt, seconds) per attempt and the wall time."""
    queue = list(enumerate(attempts))
    lock = threading.Lock()
    results: list = [None] * len(attempts)

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        while True:
            with lock:
                if not queue:
                    break
                index, (kind, path, fields, session) = queue.pop()
            body = urlencode({**fields, "csrfmiddlewaretoken": CSRF})
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
                "Referer": f"http://127.0.0.1:{PORT}{path}",
            }
            started = time.perf_counter()
            for _attempt in range(3):
                try:
                    connection.request("POST", path, body, headers)
                    response = connection.getresponse()
                    text = response.read().decode("utf-8", "replace")
                    break
                except (http.client.HTTPException, OSError):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
            else:
                results[index] = (kind, 0, "connection failed", time.perf_counter() - started)
                continue
            results[index] = (kind, response.status, _message(text), time.perf_counter() - started)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def _message(page: str) -> str:
    """The refusal or error shown on the page, if any."""
    for pattern in (
        r'<p class="lead">(.*?)</p>',
        r'class="error-summary".*?<li>(.*?)</li>',
        r'class="error-message"[^>]*>(.*?)</p>',
    ):
        found = re.search(pattern, page, re.S)
        if found:
            return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).replace("Error:", "").strip()
    return ""


def verify(env: dict) -> dict:
    script = """
import json, django
django.setup()
from cocreate.budgets.models import Ballot, VoterRecord, VotingCode
print(json.dumps({
    "records": VoterRecord.objects.count(),
    "ballots": Ballot.objects.count(),
    "distinct_residents": VoterRecord.objects.values("resident_id").distinct().count(),
    "codes_used": VotingCode.objects.filter(used_at__isnull=False).count(),
    "channels": dict(VoterRecord.objects.values_list("channel").annotate(n=django.db.models.Count("pk"))),
}))
"""
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run_on(database_url: str | None, voters: int, clients: int) -> bool:
    env = environment(database_url)
    label = "PostgreSQL" if database_url else "SQLite (WAL)"
    print(f"\n== {label}: building {voters:,} voters…", flush=True)
    started = time.time()
    fresh_database(env, database_url)
    data = build(env, voters)
    print(f"   built in {time.time() - started:.0f} s", flush=True)
    attempts = requests_for(data, random.Random(7))
    with served(env, PORT, log=VAR / "server.log"):
        results, seconds = send(attempts, clients)
    counts = verify(env)

    accepted = [r for r in results if r[1] == 302]
    refused = [r for r in results if r[1] in (400, 403)]
    other = [r for r in results if r[1] not in (302, 400, 403)]
    unclear = [r for r in refused if ALREADY_VOTED not in r[2] and CODE_USED not in r[2]]
    repeats = sum(1 for r in results if r[0].endswith("repeat"))
    checks = {
        "accepted ballots = voters": len(accepted) == voters,
        "refusals = repeats": len(refused) == repeats,
        "every refusal says why": not unclear,
        "no other answer (5xx, lost connection)": not other,
        "one voter record per voter": counts["records"] == voters == counts["distinct_residents"],
        "one ballot per voter record": counts["ballots"] == counts["records"],
    }
    latencies = [r[3] * 1000 for r in results]
    print(
        f"   {len(results):,} attempts from {clients} clients in {seconds:.1f} s: {len(accepted):,} accepted, "
        f"{len(refused):,} refused, {len(other)} other"
    )
    print(
        f"   {len(accepted) / seconds:,.0f} ballots/s accepted ({len(results) / seconds:,.0f} attempts/s); "
        f"latency p50 {percentile(latencies, 0.5):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms"
    )
    print(f"   database: {counts}")
    example = next((r[2] for r in refused if ALREADY_VOTED in r[2]), "")
    if example:
        print(f"   a refusal, as the staff member sees it: “{example}”")
    for name, ok in checks.items():
        print(f"   {'ok ' if ok else 'FAILED'} {name}")
    if other:
        print(f"   e.g. {other[:3]}")
    if unclear:
        print(f"   unclear refusals, e.g. {unclear[:3]}")
    (VAR / f"results-{'postgresql' if database_url else 'sqlite'}.json").write_text(
        json.dumps({"seconds": seconds, "accepted": len(accepted), "refused": len(refused), **counts}, indent=2)
    )
    return all(checks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--database-url", default=DEFAULT_PG, help="the PostgreSQL database to (re)create")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--sqlite-only", action="store_true")
    which.add_argument("--postgresql-only", action="store_true")
    args = parser.parse_args()
    if args.voters < 4 or args.voters % 2:
        parser.error("--voters must be an even number, at least 4")
    ok = True
    if not args.postgresql_only:
        ok &= run_on(None, args.voters, args.clients)
    if not args.sqlite_only:
        ok &= run_on(args.database_url, args.voters, args.clients)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
