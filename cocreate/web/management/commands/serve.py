"""`cocreate serve`: the production web server (Granian, WSGI) and, unless told otherwise, the
task worker beside it. Ctrl-C stops both."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Cocreate on http://HOST:PORT with the task worker running beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_WORKERS", "2")),
            help="web server processes (default 2)",
        )
        # One request at a time per process: Django's work is Python, which threads only share
        # (measured with bench/web.py: 2 threads per process serve fewer requests than 1).
        # For more capacity, add processes.
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "1")),
            help="request threads per process (default 1)",
        )
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        server = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "cocreate.wsgi:application",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--no-ws",
            "--log-level",
            "warning",
        ]
        children = [subprocess.Popen(server)]
        if not no_worker:
            children.append(subprocess.Popen([sys.executable, "-m", "cocreate.cli", "worker"]))
        self.stdout.write(f"{settings.SITE_NAME} is serving on http://{host}:{port}/  (Ctrl-C to stop)")

        def stop(*_args):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            exit_code = children[0].wait()
        except KeyboardInterrupt:
            exit_code = 0
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        sys.exit(exit_code)
