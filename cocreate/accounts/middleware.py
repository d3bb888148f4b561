"""Who is signed in (Django's AuthenticationMiddleware, with less work on every request), and
two-factor sign-in for staff when the deployment asks for it (COCREATE_STAFF_MFA=required)."""

from functools import lru_cache, partial

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware, auser
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from cocreate.accounts.backends import SignInBackend
from cocreate.accounts.models import Membership, MembershipRole
from cocreate.spaces.models import SpaceRole, SpaceRoleName

SIGN_IN_BACKEND = f"{SignInBackend.__module__}.{SignInBackend.__qualname__}"
_sign_in = SignInBackend()


class SignedInPersonMiddleware(AuthenticationMiddleware):
    """`request.user` as Django's middleware sets it, found with less work for people signed in
    with our own backend: the person's row read with the session when it can be (see
    `cocreate.accounts.sessions`), the backend made once rather than on every request, and the
    check of the session against the person's password (an HMAC) remembered for each password.
    Anything out of the ordinary (another backend, a session that does not check out, keys
    signed with an old secret) goes to Django's own `get_user`, which decides as it always does."""

    def process_request(self, request):
        if not hasattr(request, "session"):
            return super().process_request(request)  # which says what is missing
        request.user = SimpleLazyObject(lambda: _person(request))
        request.auser = partial(auser, request)


def _person(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_person(request)
    return request._cached_user


def signed_in_person(request):
    session = request.session
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return AnonymousUser()
    if session.get(BACKEND_SESSION_KEY) != SIGN_IN_BACKEND or SIGN_IN_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    row = getattr(session, "person_row", None)
    if row is not None and str(row[0]) == str(user_id):  # read with the session: no query
        person = _sign_in.person_from_row(row)
    else:
        person = _sign_in.get_user(user_id)
    if person is None:
        return AnonymousUser()
    session_hash = session.get(HASH_SESSION_KEY)
    if session_hash and constant_time_compare(session_hash, _session_auth_hash(person, settings.SECRET_KEY)):
        return person
    return auth.get_user(request)


def _session_auth_hash(person, secret: str) -> str:
    return _auth_hash_of(type(person), person.password, secret) if person.password else person.get_session_auth_hash()


@lru_cache(maxsize=4096)
def _auth_hash_of(model, password: str, secret: str) -> str:
    """What `get_session_auth_hash` gives for this password hash and secret (an HMAC of them)."""
    return model(password=password).get_session_auth_hash()


STAFF_MEMBERSHIP_ROLES = [
    MembershipRole.STAFF,
    MembershipRole.MODERATOR,
    MembershipRole.EVALUATOR,
    MembershipRole.ADMIN,
]
STAFF_SPACE_ROLES = [SpaceRoleName.ORGANISER, SpaceRoleName.MODERATOR, SpaceRoleName.EVALUATOR]
ALWAYS_ALLOWED = ("/accounts/", "/static/", "/api/", "/hello", "/i18n/")


def is_staff_person(person) -> bool:
    return bool(
        person.is_staff
        or person.is_superuser
        or Membership.objects.filter(person=person, role__in=STAFF_MEMBERSHIP_ROLES).exists()
        or SpaceRole.objects.filter(person=person, role__in=STAFF_SPACE_ROLES).exists()
    )


class StaffMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_MFA == "required" and request.user.is_authenticated and self._must_set_up(request):
            path = request.path_info
            setup = reverse("mfa_activate_totp")
            if path != setup and not any(path.startswith(p) or path[3:].startswith(p) for p in ALWAYS_ALLOWED):
                messages.warning(request, _("Staff must set up two-factor sign-in before going on."))
                return redirect(setup)
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        if request.session.get("cocreate_mfa_ok"):
            return False
        from allauth.mfa.models import Authenticator

        if not is_staff_person(request.user):
            return False
        if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            request.session["cocreate_mfa_ok"] = True
            return False
        return True
