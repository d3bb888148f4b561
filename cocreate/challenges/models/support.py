"""Support after the challenge: what teams need (mentoring, funding, premises, data access, a
pilot site, a route to procurement, publicity, or a kind a partner adds), what partners offer,
the matches between them, and check-ins 3, 6 and 12 months later on whether the prototype is
still alive."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Organisation
from cocreate.challenges.models.prototypes import Prototype, Stage
from cocreate.challenges.models.teams import Team
from cocreate.spaces.models import Space


class BuiltInSupport(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    FUNDING = "funding", _("Funding")
    PREMISES = "premises", _("Premises")
    DATA_ACCESS = "data_access", _("Access to data")
    PILOT_SITE = "pilot_site", _("A pilot site")
    PROCUREMENT = "procurement", _("A route to procurement")
    PUBLICITY = "publicity", _("Publicity")


class SupportKind(models.Model):
    """A kind of support. Kinds without a space are offered everywhere (the seven the platform
    starts with, named by `code` and shown in the reader's language); partners add their own to
    a space."""

    code = models.CharField(max_length=20, choices=BuiltInSupport.choices, blank=True)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, blank=True, related_name="support_kinds")
    name = models.CharField(_("kind of support"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("kind of support")
        verbose_name_plural = _("kinds of support")
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="support_kind_once_per_space"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(space__isnull=True), name="support_kind_once_everywhere"
            ),
        ]

    def __str__(self):
        return str(BuiltInSupport(self.code).label) if self.code else self.name


def built_in_support_kinds() -> dict[str, SupportKind]:
    """The seven kinds offered everywhere, by code."""
    return {kind.code: kind for kind in SupportKind.objects.filter(space=None).exclude(code="")}


def add_built_in_support_kinds() -> int:
    """Create those of the seven kinds that are missing (named in English, shown in the reader's
    language); how many were created. Run after every migrate and flush, as Django does for
    content types (cocreate/challenges/receivers.py)."""
    present = built_in_support_kinds()
    created = 0
    with translation.override("en"):
        for code in BuiltInSupport.values:
            if code not in present:
                SupportKind.objects.get_or_create(
                    code=code, space=None, defaults={"name": str(BuiltInSupport(code).label)}
                )
                created += 1
    return created


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Looking for support")
    MATCHED = "matched", _("Support agreed")
    MET = "met", _("Support received")
    WITHDRAWN = "withdrawn", _("No longer needed")


class SupportNeed(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="support_needs")
    prototype = models.ForeignKey(
        Prototype, on_delete=models.SET_NULL, null=True, blank=True, related_name="support_needs"
    )
    kind = models.ForeignKey(SupportKind, on_delete=models.PROTECT, related_name="needs")
    description = models.TextField(_("what would help"), max_length=3000)
    status = models.CharField(max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")

    @property
    def space(self):
        # `can()` finds the space of what it decides on through `.space`.
        return self.team.space


class SupportOffer(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="support_offers")
    kind = models.ForeignKey(SupportKind, on_delete=models.PROTECT, related_name="offers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="support_offers"
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="support_offers"
    )
    description = models.TextField(_("what we offer"), max_length=3000)
    capacity = models.PositiveSmallIntegerField(
        _("how many teams"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed by both")
    DECLINED = "declined", _("Declined")
    DELIVERED = "delivered", _("Delivered")


class SupportMatch(models.Model):
    need = models.ForeignKey(SupportNeed, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(SupportOffer, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), max_length=3000, blank=True)
    # Both sides agree before the match counts: the team and the partner making the offer.
    team_agreed_at = models.DateTimeField(null=True, blank=True)
    partner_agreed_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.CharField(max_length=10, blank=True, help_text="team or partner")
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support match")
        verbose_name_plural = _("support matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="support_match_once"),
        ]

    @property
    def space(self):
        return self.offer.space


class CheckIn(models.Model):
    """Months after the challenge, the team says whether the prototype is still alive. Created
    and sent by the scheduler; answered by the team (or recorded by staff)."""

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="check_ins")
    months = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    still_alive = models.BooleanField(_("is the prototype still alive?"), null=True)
    stage = models.CharField(_("stage now"), max_length=20, choices=Stage.choices, blank=True)
    notes = models.TextField(_("what happened since"), max_length=5000, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["prototype", "months"], name="check_in_once_per_month_mark"),
        ]

    @property
    def space(self):
        return self.prototype.space
