"""Who is calling: a personal API key, the browser's session (with its CSRF token for writes), or
a visitor who may only read. Refusals say what to do next."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cocreate.accounts.models import ApiToken, Person
from cocreate.accounts.services import api_token_create, api_token_revoke, person_delete
from cocreate.ideas.models import Support
from tests import factories
from tests.api.api_client import ApiClient, assert_error

pytestmark = pytest.mark.django_db

INVALID_KEY = "This API key is not valid: it was revoked or mistyped."


@pytest.fixture
def strict_client():
    """A browser that, like a real one, gets its writes checked for a CSRF token."""
    return Client(enforce_csrf_checks=True)


def _signed_in_browser(client: Client, person) -> str:
    """Sign `person` in on `client` and return the CSRF token a page gave the browser."""
    client.get(reverse("account_login"))  # a page with a form sets the CSRF cookie
    client.force_login(person)
    return client.cookies[settings.CSRF_COOKIE_NAME].value


# --- API keys -----------------------------------------------------------------------------------


def test_api_key_writes_without_a_csrf_token(strict_client, participant, idea):
    _token, key = api_token_create(person=participant, name="Dashboard")
    response = ApiClient(key, client=strict_client).post(f"/ideas/{idea.pk}/supports")
    assert response.status_code == 201, response.content
    assert Support.objects.get(idea=idea).person == participant


def test_api_key_records_when_it_was_last_used(participant, space):
    token, key = api_token_create(person=participant, name="Dashboard")
    assert token.last_used_at is None
    ApiClient(key).get("/spaces")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_api_key_reads_what_its_person_may_read(organiser, organisation):
    private = factories.open_space(organisation, visibility="private")
    _token, key = api_token_create(person=organiser, name="Dashboard")
    assert ApiClient(key).get(f"/spaces/{private.slug}").status_code == 200
    assert_error(ApiClient().get(f"/spaces/{private.slug}"), 404)


def test_revoked_api_key_is_refused_with_a_clear_message(participant, idea):
    token, key = api_token_create(person=participant, name="Old script")
    api_token_revoke(person=participant, token=token)
    assert_error(ApiClient(key).post(f"/ideas/{idea.pk}/supports"), 401, detail=INVALID_KEY)
    assert not Support.objects.exists()


@pytest.mark.parametrize("mistyped", ["cc_not-a-real-key", "cc_", "x" * 500, "cc_ünïcode-key"])
def test_mistyped_api_key_is_refused_with_a_clear_message(participant, idea, mistyped):
    api_token_create(person=participant, name="Dashboard")
    assert_error(ApiClient(mistyped).post(f"/ideas/{idea.pk}/supports"), 401, detail=INVALID_KEY)
    assert not Support.objects.exists()


def test_mistyped_api_key_is_refused_even_for_reading(space):
    """Reading with a wrong key is an error to fix, not a quiet fall-back to what visitors see."""
    assert_error(ApiClient("cc_mistyped").get("/spaces"), 401, detail=INVALID_KEY)


def test_deleted_account_key_is_refused(participant, idea):
    _token, key = api_token_create(person=participant, name="Dashboard")
    person_delete(person=participant, actor=participant)
    assert_error(ApiClient(key).post(f"/ideas/{idea.pk}/supports"), 401, detail=INVALID_KEY)
    assert not Support.objects.exists()


@pytest.mark.parametrize("state", [{"is_active": False}, {"deleted_at": "now"}], ids=["deactivated", "deleted"])
def test_key_of_an_account_that_is_no_longer_active_is_refused(participant, idea, state, now):
    """Even if the key row outlived the account (deleted outside `person_delete`)."""
    _token, key = api_token_create(person=participant, name="Dashboard")
    Person.objects.filter(pk=participant.pk).update(**{k: now if v == "now" else v for k, v in state.items()})
    assert ApiToken.objects.filter(person=participant).exists()
    assert_error(ApiClient(key).post(f"/ideas/{idea.pk}/supports"), 401, detail=INVALID_KEY)


def test_other_authorization_schemes_are_treated_as_no_key(idea):
    response = ApiClient().client.post(f"/api/ideas/{idea.pk}/supports", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert_error(response, 401, detail="Sign in, or send an API key")


# --- Browser session ----------------------------------------------------------------------------


def test_session_write_without_csrf_token_is_refused(strict_client, participant, idea):
    _signed_in_browser(strict_client, participant)
    response = strict_client.post(f"/api/ideas/{idea.pk}/supports")
    assert_error(response, 403, detail="CSRF")
    assert not Support.objects.exists()


def test_session_write_with_csrf_token_works(strict_client, participant, idea):
    csrf_token = _signed_in_browser(strict_client, participant)
    response = strict_client.post(f"/api/ideas/{idea.pk}/supports", HTTP_X_CSRFTOKEN=csrf_token)
    assert response.status_code == 201, response.content
    assert Support.objects.get(idea=idea).person == participant


def test_session_reads_without_csrf_token(strict_client, organiser, organisation):
    private = factories.open_space(organisation, visibility="private")
    _signed_in_browser(strict_client, organiser)
    assert strict_client.get(f"/api/spaces/{private.slug}").status_code == 200


def test_session_of_a_deactivated_account_counts_as_a_visitor(strict_client, participant, idea):
    csrf_token = _signed_in_browser(strict_client, participant)
    Person.objects.filter(pk=participant.pk).update(is_active=False)
    response = strict_client.post(f"/api/ideas/{idea.pk}/supports", HTTP_X_CSRFTOKEN=csrf_token)
    assert_error(response, 401)
    assert not Support.objects.exists()


# --- Visitors -----------------------------------------------------------------------------------


def test_visitor_reads_without_signing_in(space, idea):
    assert ApiClient().get(f"/ideas/{idea.pk}").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/ideas/{idea}/supports"),
        ("delete", "/ideas/{idea}/supports"),
        ("post", "/ideas/{idea}/comments"),
        ("put", "/ideas/{idea}"),
        ("post", "/spaces/{space}/ideas"),
        ("patch", "/spaces/{space}"),
        ("post", "/spaces/{space}/phases"),
    ],
)
def test_visitor_write_is_refused_with_what_to_do(strict_client, idea, method, path):
    url = "/api" + path.format(idea=idea.pk, space=idea.space.slug)
    response = getattr(strict_client, method)(url, data="{}", content_type="application/json")
    assert_error(response, 401, detail="Sign in, or send an API key in the Authorization header (Bearer cc_…).")


def test_key_expiry_is_not_silently_extended_on_every_request(participant, space, now):
    """The last use is written at most every few minutes, not on every request."""
    token, key = api_token_create(person=participant, name="Dashboard")
    recently = now - timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recently)
    ApiClient(key).get("/spaces")
    token.refresh_from_db()
    assert token.last_used_at == recently
