"""Fixtures for the dialogue tests: a local web server that serves feeds (no internet)."""

import functools
import http.server
import threading

import pytest


@pytest.fixture
def feed_server(tmp_path, settings):
    """A tiny local HTTP server serving the files in `tmp_path`; its base address. Feeds are
    never read from the platform's own network, so the test allows it as an agency reading its
    intranet would (LISTENING_FEEDS_ALLOW_PRIVATE)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    settings.LISTENING_FEEDS_ALLOW_PRIVATE = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
