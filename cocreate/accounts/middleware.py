"""Two-factor sign-in for staff, when the deployment asks for it (COCREATE_STAFF_MFA=required)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cocreate.accounts.models import Membership, MembershipRole
from cocreate.spaces.models import SpaceRole, SpaceRoleName

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
