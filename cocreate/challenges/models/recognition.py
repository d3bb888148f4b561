"""Recognition fitted to why people take part: a portfolio certificate (PDF) for students, a
public credit for community groups, prizes for teams with the amount split among members and
each share's payment status."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Organisation
from cocreate.challenges.models.judging import Entry
from cocreate.challenges.models.teams import Team
from cocreate.spaces.models import Space


class RecognitionKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Portfolio certificate")
    PUBLIC_CREDIT = "public_credit", _("Public credit")


class Recognition(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="recognitions")
    kind = models.CharField(_("kind"), max_length=20, choices=RecognitionKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="recognitions"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="recognitions"
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="recognitions")
    citation = models.TextField(
        _("what they did"), max_length=2000, help_text=_("Shown on the certificate or the public credit.")
    )
    # Printed on the certificate, so that anyone can check it on the site.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    awarded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-awarded_at", "-pk"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="recognition_for_someone",
            ),
        ]


class Prize(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="prizes")
    title = models.CharField(_("prize"), max_length=200, help_text=_("e.g. “Best prototype for young people”."))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="prizes")
    entry = models.ForeignKey(Entry, on_delete=models.SET_NULL, null=True, blank=True, related_name="prizes")
    reason = models.TextField(_("why they won"), blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    awarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["space", "-amount", "pk"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="prize_amount_not_negative"),
        ]

    def __str__(self):
        return self.title


class PaymentStatus(models.TextChoices):
    DUE = "due", _("To be paid")
    PAID = "paid", _("Paid")
    DECLINED = "declined", _("Declined by the winner")


class PrizeShare(models.Model):
    prize = models.ForeignKey(Prize, on_delete=models.CASCADE, related_name="shares")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prize_shares")
    amount = models.DecimalField(_("share"), max_digits=12, decimal_places=2)
    payment_status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.DUE)
    paid_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the payment status was last recorded (paid, declined, or back to due).
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["prize", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["prize", "person"], name="prize_share_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="prize_share_not_negative"),
        ]

    @property
    def space(self):
        return self.prize.space
