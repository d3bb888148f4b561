from django.middleware.csrf import _unmask_cipher_token
from django.test import RequestFactory

from cocreate.web.personal import masked_token


def test_quick_csrf_token_unmasks_to_the_secret_and_differs_each_time():
    request = RequestFactory().get("/")
    secret = "abcdefghijklmnopqrstuvwxyzABCDEF"
    request.META["CSRF_COOKIE"] = secret
    first, second = masked_token(request), masked_token(request)
    assert len(first) == 64 and first != second
    assert _unmask_cipher_token(first) == secret == _unmask_cipher_token(second)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]


def test_without_a_cookie_a_new_secret_is_made_as_django_does():
    request = RequestFactory().get("/")
    token = masked_token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
