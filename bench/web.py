"""Web benchmark: Cocreate at Decide Madrid's scale, measured against hello-world in the same run.

    .venv/bin/python bench/web.py [--ideas 30000] [--supports 1000000] [--duration 10] [--rebuild]

Builds (once, then reuses) a database in var/bench/ with 30,000 ideas, 1,000,000 supports from
50,000 people and 100,000 comments; serves it with the production configuration (`cocreate serve`:
Granian, 2 worker processes, Redis as the shared cache when it answers on 127.0.0.1:6379); loads
it from a separate process with wrk (Debian's package) using 32 connections for 10 s per scenario
on 127.0.0.1; and prints requests/s, p50 and p99 latency, and each scenario's ratio to the
hello-world view (a 13-byte plain-text response through the full middleware stack).

Targets (issue 2): visitors' pages at least 0.5 × hello-world, signed-in pages and the support
POST at least 0.25 ×.

Scenarios:
- visitor, idea list: the first 5 pages of the list, newest and most supported first;
- visitor, idea page: the 200 most supported ideas;
- signed-in, the same pages, for 200 different people (each with their own session);
- support POST: one of those 200 people supports one of the 30,000 ideas (a new support almost
  every time), as the form does without JavaScript (the answer is a redirect).
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"
PORT = 8765
PEOPLE = 50_000
COMMENTS = 100_000
SIGNED_IN_PEOPLE = 200
BENCH_VERSION = "3"  # bump when the data set changes shape


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


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
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_answers():
        env.update({"CACHE_URL": "redis://127.0.0.1:6379/15", "CACHE_KEY_PREFIX": "cocreate-bench"})
    return env


def run(command: list[str], env: dict) -> None:
    subprocess.run(command, env=env, cwd=ROOT, check=True)


def build(env: dict, ideas: int, supports: int) -> None:
    """Create the data set (bench/web_data.py) in a child process configured for the benchmark."""
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "web_data.py"), str(ideas), str(supports), str(PEOPLE), str(COMMENTS)],
        env=env,
        cwd=ROOT,
        check=True,
    )


def sessions(env: dict) -> dict:
    """Sign in 200 people (real sessions in the database) and pick the pages to request."""
    script = f"""
import json, django
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
from cocreate.accounts.models import Person
from cocreate.ideas.models import Idea
store = import_module(settings.SESSION_ENGINE).SessionStore
cookies = []
for person in Person.objects.filter(email__endswith="@bench.test").order_by("pk")[:{SIGNED_IN_PEOPLE}]:
    s = store()
    s[SESSION_KEY] = str(person.pk)
    s[BACKEND_SESSION_KEY] = "cocreate.accounts.backends.SignInBackend"
    s[HASH_SESSION_KEY] = person.get_session_auth_hash()
    s.create()
    cookies.append(s.session_key)
top = list(Idea.objects.order_by("-supports_count").values_list("pk", flat=True)[:200])
every = list(Idea.objects.values_list("pk", flat=True))
print(json.dumps({{"cookies": cookies, "top": top, "all": every}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def lua(paths: list[str], cookies: list[str], post: bool = False) -> str:
    """A wrk script choosing a path (and a person) at random for each request."""
    quoted = ",".join(json.dumps(p) for p in paths)
    sessions_list = ",".join(json.dumps(c) for c in cookies)
    csrf = "benchmarkbenchmarkbenchmarkbench"  # 32 characters: a valid unmasked CSRF secret
    body = "action=support"
    return f"""
local paths = {{{quoted}}}
local sessions = {{{sessions_list}}}
math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16))
request = function()
  local path = paths[math.random(#paths)]
  local headers = {{}}
  if #sessions > 0 then
    headers["Cookie"] = "sessionid=" .. sessions[math.random(#sessions)] .. "; csrftoken={csrf}"
  end
  {'headers["X-CSRFToken"] = "' + csrf + '"' if post else ""}
  {'headers["Content-Type"] = "application/x-www-form-urlencoded"' if post else ""}
  return wrk.format("{"POST" if post else "GET"}", path, headers, {json.dumps(body) if post else "nil"})
end
"""


def wrk(url: str, script: str | None, duration: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script or "")
    if script:
        command += ["-s", handle.name]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rate,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "bad": int(errors.group(1)) if errors else 0,
    }


def warm(base: str, paths: list[str], session: str) -> None:
    import urllib.request

    for path in paths:
        for cookie in ("", f"sessionid={session}"):
            request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
            urllib.request.urlopen(request, timeout=30).read()


def wait_for(url: str, seconds: float = 30) -> None:
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer on {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=30_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--database-url", help="PostgreSQL instead of SQLite (e.g. postgres://postgres@127.0.0.1/bench)"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `apt-get install wrk` (Debian), or run `make bench` as root.")

    env = environment(args.database_url)
    marker = VAR / f"built-{BENCH_VERSION}-{args.ideas}-{args.supports}-{bool(args.database_url)}"
    cocreate = [str(ROOT / ".venv" / "bin" / "cocreate")]
    if args.rebuild or not marker.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        if not args.database_url:
            # Only this benchmark's own files: var/bench/ is shared with the other benchmarks.
            for path in [*VAR.glob("cocreate.sqlite3*"), *VAR.glob("built-*")]:
                path.unlink()
        print(f"Building the data set ({args.ideas:,} ideas, {args.supports:,} supports)…", flush=True)
        started = time.time()
        run(cocreate + ["migrate", "--noinput", "-v0"], env)
        build(env, args.ideas, args.supports)
        marker.touch()
        print(f"  built in {time.time() - started:.0f} s", flush=True)
    run(cocreate + ["migrate", "--noinput", "-v0"], env)  # a data set built by older code catches up
    run(cocreate + ["collectstatic", "--noinput", "-v0"], env)
    if "CACHE_URL" in env:
        subprocess.run(["redis-cli", "-n", "15", "FLUSHDB"], capture_output=True)
    run(cocreate + ["clearsessions"], env)
    data = sessions(env)

    server = subprocess.Popen(
        cocreate + ["serve", "--no-worker", "--port", str(PORT), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_for(base + "/hello")
        lists = [
            f"/es/spaces/madrid/ideas/?sort={s}&page={n}" for s in ("newest", "most_supported") for n in range(1, 6)
        ]
        pages = [f"/es/spaces/madrid/ideas/{pk}/" for pk in data["top"]]
        posts = [f"/es/spaces/madrid/ideas/{pk}/support/" for pk in random.Random(1).sample(data["all"], 3000)]
        scenarios = [
            ("hello-world", "/hello", None, None),
            ("visitor: idea list", lists[0], lua(lists, []), 0.5),
            ("visitor: idea page", pages[0], lua(pages, []), 0.5),
            ("signed-in: idea list", lists[0], lua(lists, data["cookies"]), 0.25),
            ("signed-in: idea page", pages[0], lua(pages, data["cookies"]), 0.25),
            ("signed-in: support POST", posts[0], lua(posts, data["cookies"], post=True), 0.25),
        ]
        # Warm up: every page once (as a visitor and signed in), so that the measurement sees
        # the steady state of a site in use rather than the first rendering of each page; then
        # a short run of each scenario to warm every process.
        warm(base, lists + pages, data["cookies"][0])
        for _name, path, script, _target in scenarios:
            wrk(base + path, script, 2, args.connections)
        results = []
        for name, path, script, target in scenarios:
            results.append((name, wrk(base + path, script, args.duration, args.connections), target))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    hello = results[0][1]["rps"]
    database = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    cache = "Redis" if "CACHE_URL" in env else "local memory"
    print(f"\nCocreate web benchmark: {args.ideas:,} ideas, {args.supports:,} supports, {database}, cache {cache},")
    load = f"wrk {args.connections} connections × {args.duration} s on 127.0.0.1"
    print(f"Granian 2 workers, {load}, {os.cpu_count()} CPUs\n")
    print(f"{'scenario':<26}{'requests/s':>12}{'p50':>10}{'p99':>10}{'× hello':>9}{'target':>8}  ")
    failed = []
    for name, result, target in results:
        ratio = result["rps"] / hello
        verdict = "" if target is None else ("ok" if ratio >= target else "BELOW")
        if target is not None and ratio < target:
            failed.append(name)
        if result["bad"]:
            verdict += f" ({result['bad']} errors)"
            failed.append(name)
        print(
            f"{name:<26}{result['rps']:>12,.0f}{result['p50']:>10}{result['p99']:>10}{ratio:>9.2f}"
            f"{'' if target is None else f'≥{target}':>8}  {verdict}"
        )
    (VAR / "results-web.json").write_text(
        json.dumps({name: {**result, "ratio": result["rps"] / hello} for name, result, _t in results}, indent=2)
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
