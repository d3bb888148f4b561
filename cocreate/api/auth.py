"""Who is calling the API: a personal API key (`Authorization: Bearer cc_…`), the browser's
session (with its CSRF token for writes), or, for reading, a visitor."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer

from cocreate.accounts.models import ApiToken


class ApiKey(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("person").filter(key_hash=ApiToken.hash(token)).first()
        if found is None or not found.person.is_active or found.person.deleted_at:
            raise AuthenticationError(message=_("This API key is not valid: it was revoked or mistyped."))
        if found.last_used_at is None or (timezone.now() - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.person
        return found.person


class Session(APIKeyCookie):
    """The signed-in browser. Without a session cookie there is nothing to forge, so the CSRF
    check (needed for writes) only runs when there is one."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if self.param_name not in request.COOKIES:
            return None
        try:
            return super()._get_key(request)
        except HttpError as refused:
            raise HttpError(
                refused.status_code,
                _(
                    "The CSRF check failed: send the value of the csrftoken cookie in the X-CSRFToken header, "
                    "or use an API key (Authorization: Bearer cc_…) instead of the browser session."
                ),
            ) from refused

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


class Visitor:
    """Anyone may read what is public; `can()` decides the rest."""

    def __call__(self, request):
        return AnonymousUser()


SIGNED_IN = [ApiKey(), Session()]
ANYONE = [ApiKey(), Session(), Visitor()]
