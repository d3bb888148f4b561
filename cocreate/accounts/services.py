"""Every write about people and organisations."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreate.accounts import personal_data
from cocreate.accounts.models import (
    ApiToken,
    EmailFrequency,
    FieldOfExpertise,
    Membership,
    MembershipRole,
    Motivation,
    Organisation,
    OrganisationKind,
    Person,
    Skill,
)
from cocreate.spaces.permissions import Refused, refuse, runs_organisation

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _names(values) -> list[str]:
    """Skills or fields typed as a list or as comma-separated text, cleaned and de-duplicated."""
    if isinstance(values, str):
        values = values.split(",")
    cleaned: dict[str, str] = {}
    for value in values or []:
        name = " ".join(str(value).split())[:120]
        if name:
            cleaned.setdefault(name.casefold(), name)
    return list(cleaned.values())


def _tags(model, names: list[str]) -> list:
    found = []
    for name in names:
        tag = model.objects.filter(name__iexact=name).first() or model.objects.create(name=name)
        found.append(tag)
    return found


@transaction.atomic
def person_update_profile(
    *,
    person: Person,
    display_name: str,
    bio: str = "",
    languages=(),
    motivations=(),
    skills=(),
    expertise=(),
    preferred_language: str = "",
    email_frequency: str = EmailFrequency.GROUPED,
) -> Person:
    """A person changes their own profile."""
    errors = {}
    display_name = " ".join((display_name or "").split())
    if not display_name:
        errors["display_name"] = _("Enter the name others will see: a first name or a nickname is enough.")
    elif len(display_name) > 80:
        errors["display_name"] = _("Keep your name under 80 characters.")
    if len(bio or "") > 2000:
        errors["bio"] = _("Keep this under 2,000 characters.")
    languages = [code.strip().lower() for code in languages or [] if code.strip()]
    if any(len(code) > 10 for code in languages):
        errors["languages"] = _("Choose languages from the list.")
    if set(motivations or []) - set(Motivation.values):
        errors["motivations"] = _("Choose reasons from the list.")
    if preferred_language and preferred_language not in LANGUAGE_CODES:
        errors["preferred_language"] = _("Choose one of the languages offered.")
    if email_frequency not in EmailFrequency.values:
        errors["email_frequency"] = _("Choose how often we may e-mail you.")
    if errors:
        raise ValidationError(errors)
    renamed = person.display_name != display_name
    person.display_name = display_name
    person.bio = (bio or "").strip()
    person.languages = list(dict.fromkeys(languages))
    person.motivations = [m for m in Motivation.values if m in set(motivations or [])]
    person.preferred_language = preferred_language
    person.email_frequency = email_frequency
    person.save()
    person.skills.set(_tags(Skill, _names(skills)))
    person.expertise.set(_tags(FieldOfExpertise, _names(expertise)))
    if renamed:
        personal_data.name_changed(person)
    return person


@transaction.atomic
def person_unsubscribe(*, person: Person) -> None:
    """Stop e-mails about what the person follows (the notifications stay on the site)."""
    Person.objects.filter(pk=person.pk).update(email_frequency=EmailFrequency.NEVER)
    person.email_frequency = EmailFrequency.NEVER


@transaction.atomic
def person_delete(*, person: Person, actor: Person) -> None:
    """Delete an account. What the person contributed stays, shown as from a deleted account;
    everything that identifies them, and what only mattered to them, is removed."""
    if actor.pk != person.pk and not actor.is_superuser:
        raise PermissionDenied(_("Only the person themself can delete their account."))
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    for erase in personal_data.erasers():
        erase(person)
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    person.memberships.all().delete()
    person.space_roles.all().delete()
    person.api_tokens.all().delete()
    person.residencies.update(person=None, verified_at=None)
    person.skills.clear()
    person.expertise.clear()
    person.email = None
    person.display_name = ""
    person.bio = ""
    person.languages = []
    person.motivations = []
    person.preferred_language = ""
    person.email_frequency = EmailFrequency.NEVER
    person.is_active = person.is_staff = person.is_superuser = False
    person.deleted_at = timezone.now()
    person.set_unusable_password()
    person.save()
    personal_data.name_changed(person)


# --- API tokens ----------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, person: Person, name: str) -> tuple[ApiToken, str]:
    """Create a personal API key; returns the token and the key, which is shown only once."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Say what the key is for, e.g. “Council dashboard”.")})
    if person.api_tokens.count() >= 20:
        raise ValidationError({"name": _("You have 20 keys already. Revoke one you no longer use.")})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(person=person, name=name[:100], prefix=key[3:9], key_hash=ApiToken.hash(key))
    return token, key


@transaction.atomic
def api_token_revoke(*, person: Person, token: ApiToken) -> None:
    if token.person_id != person.pk:
        raise PermissionDenied(_("This key is not yours."))
    token.delete()


# --- Organisations -------------------------------------------------------------------------


def _ensure_runs(person: Person, organisation: Organisation) -> None:
    if not runs_organisation(person, organisation):
        raise Refused(
            refuse(
                _("Only staff and administrators of %(organisation)s can do this.")
                % {"organisation": organisation.name}
            )
        )


@transaction.atomic
def organisation_create(
    *, person: Person, name: str, kind: str, description: str = "", website: str = ""
) -> Organisation:
    """Site administrators register organisations; the creator becomes its administrator."""
    if not person.is_superuser:
        raise Refused(refuse(_("Only site administrators can register organisations.")))
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = _("Enter the organisation's name.")
    elif Organisation.objects.filter(name__iexact=name).exists():
        errors["name"] = _("An organisation with this name is already registered.")
    if kind not in OrganisationKind.values:
        errors["kind"] = _("Choose what kind of organisation this is.")
    if errors:
        raise ValidationError(errors)
    base = slugify(name)[:190] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    organisation = Organisation(
        name=name, slug=slug, kind=kind, description=description.strip(), website=website.strip()
    )
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(person=person, organisation=organisation, role=MembershipRole.ADMIN)
    return organisation


@transaction.atomic
def membership_add(*, person: Person, organisation: Organisation, email: str, role: str) -> Membership:
    """Staff and administrators add people who already have an account."""
    _ensure_runs(person, organisation)
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if role == MembershipRole.ADMIN and MembershipRole.ADMIN not in _roles(person, organisation):
        raise ValidationError({"role": _("Only administrators can make someone an administrator.")})
    member = Person.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if member is None:
        raise ValidationError(
            {"email": _("No one has an account with this e-mail address. Ask them to sign up first.")}
        )
    membership, created = Membership.objects.get_or_create(
        person=member, organisation=organisation, defaults={"role": role}
    )
    if not created:
        raise ValidationError({"email": _("%(name)s is already a member.") % {"name": member.public_name}})
    return membership


def _roles(person: Person, organisation: Organisation) -> set[str]:
    if person.is_superuser:
        return set(MembershipRole.values)
    return set(Membership.objects.filter(person=person, organisation=organisation).values_list("role", flat=True))


@transaction.atomic
def membership_change_role(*, person: Person, membership: Membership, role: str) -> Membership:
    _ensure_runs(person, membership.organisation)
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if MembershipRole.ADMIN in (role, membership.role) and MembershipRole.ADMIN not in _roles(
        person, membership.organisation
    ):
        raise ValidationError({"role": _("Only administrators can give or take away the administrator role.")})
    if membership.role == MembershipRole.ADMIN and role != MembershipRole.ADMIN:
        _keep_one_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def _keep_one_admin(membership: Membership) -> None:
    admins = Membership.objects.select_for_update().filter(
        organisation=membership.organisation, role=MembershipRole.ADMIN
    )
    if admins.exclude(pk=membership.pk).count() == 0:
        raise ValidationError({"role": _("An organisation needs at least one administrator.")})


@transaction.atomic
def membership_remove(*, person: Person, membership: Membership) -> None:
    """Staff remove a member, or a person leaves an organisation."""
    if membership.person_id != person.pk:
        _ensure_runs(person, membership.organisation)
        if membership.role == MembershipRole.ADMIN and MembershipRole.ADMIN not in _roles(
            person, membership.organisation
        ):
            raise ValidationError({"role": _("Only administrators can remove an administrator.")})
    if membership.role == MembershipRole.ADMIN:
        _keep_one_admin(membership)
    membership.delete()
