"""A JSON client for /api/ and the assertions every API test makes about errors and queries."""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class ApiClient:
    """Django's test client speaking JSON to /api/. With `key`, every request carries
    `Authorization: Bearer <key>`, as a script using a personal API key would."""

    def __init__(self, key: str | None = None, client: Client | None = None):
        self.key = key
        self.client = client or Client()

    def _headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.key}"} if self.key else {}

    def get(self, path: str, params: dict | None = None):
        return self.client.get(f"/api{path}", params or {}, **self._headers())

    def _send(self, method: str, path: str, body=None):
        data = "" if body is None else json.dumps(body)
        return getattr(self.client, method)(
            f"/api{path}", data=data, content_type="application/json", **self._headers()
        )

    def post(self, path: str, body=None):
        return self._send("post", path, body)

    def put(self, path: str, body=None):
        return self._send("put", path, body)

    def patch(self, path: str, body=None):
        return self._send("patch", path, body)

    def delete(self, path: str):
        return self._send("delete", path)


def count_queries(request) -> int:
    """How many queries `request()` runs; it must succeed, or the count would mean nothing."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, response.content
    return len(captured)


def assert_error(response, status: int, field: str | None = None, detail: str | None = None) -> dict:
    """The response is a JSON error with `status`, a message, and the field it is about."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"detail", "field"}, body
    assert isinstance(body["detail"], str) and body["detail"].strip(), body
    assert body["field"] == field, body
    if detail is not None:
        assert detail in body["detail"], body
    return body
