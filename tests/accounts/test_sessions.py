from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_session_is_read_back_and_an_expired_one_is_not():
    store = SessionStore()
    store["answer"] = 42
    store.create()
    assert SessionStore(store.session_key).load() == {"answer": 42}
    store.set_expiry(timezone.now() - timedelta(seconds=1))
    store.save()
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None


def test_signing_out_ends_the_session_everywhere(client, person):
    client.force_login(person)
    key = client.session.session_key
    client.post("/en/accounts/logout/")
    assert SessionStore(key).load() == {}
