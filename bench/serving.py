"""What the benchmarks share: the site served with the production configuration (`cocreate
serve`: Granian, 2 worker processes) on a local port, for the time of a `with` block."""

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer on {url}")


@contextlib.contextmanager
def served(env: dict, port: int, log: Path | None = None):
    """`cocreate serve --workers 2` (no task worker) until the block ends; errors go to `log`."""
    errors = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115  (open for the server's life)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "cocreate"), "serve", "--no-worker", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/hello")
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        if log:
            errors.close()
