"""What the API tests share: a JSON client for /api/, as a visitor or with a person's API key."""

import pytest

from cocreate.accounts.services import api_token_create
from tests import factories
from tests.api.api_client import ApiClient


@pytest.fixture
def visitor(db) -> ApiClient:
    return ApiClient()


@pytest.fixture
def api_as(db):
    """`api_as(person)`: an ApiClient using a new API key of `person`."""

    def make(person) -> ApiClient:
        _token, key = api_token_create(person=person, name="Tests")
        return ApiClient(key)

    return make


@pytest.fixture
def participant(db):
    """Someone with an account and no role anywhere."""
    return factories.PersonFactory()
