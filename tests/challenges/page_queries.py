"""Counting the queries a page runs, for the tests that list pages stay constant as rows are
added: the page is asked for once first, so that what is kept in memory between requests (the
session, the space of this version) does not count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, f"{address} answered {response.status_code}"
    return len(captured)
