"""People, organisations and their memberships.

A `Person` is anyone whose contribution the platform records: someone with an account, someone
who took part offline and was entered by staff, or a pseudonymous placeholder for an author
imported from another platform. Only the first kind can sign in.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Motivation(models.TextChoices):
    COMMUNITY_IMPACT = "community_impact", _("Making a difference in my community")
    PORTFOLIO = "portfolio", _("Building a portfolio")
    COMMERCIAL_VIABILITY = "commercial_viability", _("Finding a commercially viable idea")
    SPIN_OUT = "spin_out", _("Starting a spin-out or social enterprise")
    DISCUSSION = "discussion", _("Taking part in the discussion")


class EmailFrequency(models.TextChoices):
    GROUPED = "grouped", _("A few times an hour at most, grouped")
    DAILY = "daily", _("Once a day, grouped")
    NEVER = "never", _("Never (I will check on the site)")


class PersonKind(models.TextChoices):
    ACCOUNT = "account", _("Account")
    OFFLINE = "offline", _("Took part offline")
    IMPORTED = "imported", _("Imported from another platform")


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A person with an account needs an e-mail address.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name


class FieldOfExpertise(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("field of expertise")
        verbose_name_plural = _("fields of expertise")

    def __str__(self):
        return self.name


class Person(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    display_name = models.CharField(
        _("name shown to others"),
        max_length=80,
        blank=True,
        help_text=_("Your first name, a nickname or your full name: you choose what others see."),
    )
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.ACCOUNT)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        _("site administrator"),
        default=False,
        help_text=_("May use the Django administration pages of this site."),
    )
    date_joined = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    bio = models.TextField(_("about me"), blank=True, max_length=2000)
    languages = models.JSONField(_("languages I speak"), default=list, blank=True)
    motivations = models.JSONField(_("why I take part"), default=list, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="people", verbose_name=_("skills"))
    expertise = models.ManyToManyField(
        FieldOfExpertise, blank=True, related_name="people", verbose_name=_("fields of expertise")
    )
    preferred_language = models.CharField(
        _("language of the site and e-mails"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    email_frequency = models.CharField(
        _("e-mails about what I follow"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.GROUPED,
    )
    # Where an imported placeholder came from, so that importing again updates it.
    external_source = models.CharField(max_length=40, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["external_source", "external_id"],
                condition=~Q(external_source=""),
                name="person_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(kind="account") | Q(email__isnull=True),
                name="person_only_accounts_have_email",
            ),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return str(_("Deleted account"))
        return self.display_name or str(_("Anonymous participant"))

    def get_short_name(self):
        return self.public_name

    def get_full_name(self):
        return self.public_name


class OrganisationKind(models.TextChoices):
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    COMMUNITY_GROUP = "community_group", _("Community group")
    START_UP = "start_up", _("Start-up")
    CHARITY = "charity", _("Charity")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    UNIVERSITY = "university", _("University")
    COMPANY = "company", _("Company")
    PROFESSIONAL_SERVICES = "professional_services", _("Professional services")
    FUNDER = "funder", _("Funder")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind of organisation"), max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "organisation"
        super().save(*args, **kwargs)


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff")
    MODERATOR = "moderator", _("Moderator")
    EVALUATOR = "evaluator", _("Evaluator")
    ADMIN = "admin", _("Administrator")


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="membership_one_per_organisation"),
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A personal key for the REST API. Only a hash is stored; the key is shown once."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "cc_" + secrets.token_urlsafe(32)
