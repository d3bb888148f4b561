"""Condensing: staff group related proposals (ideas) into a condensed proposal that keeps a link
to every original. Unlike a merge, the originals stay open and visible with their supports,
marked "included in condensed proposal X". The public then votes on the condensed proposals by
sub-theme, and the authors of the originals inside the top ones are invited to co-design."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models.events import Event
from cocreate.spaces.models import Contribution


class CondensedProposal(Contribution):
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("the proposal"), max_length=10000)
    theme = models.ForeignKey(
        "ideas.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="condensed_proposals",
        verbose_name=_("sub-theme"),
    )
    originals = models.ManyToManyField(
        "ideas.Idea", through="CondensedSource", related_name="condensed_into", verbose_name=_("original proposals")
    )
    votes_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["theme", "title", "pk"]
        verbose_name = _("condensed proposal")
        verbose_name_plural = _("condensed proposals")

    def __str__(self):
        return self.title

    def author_people(self) -> list:
        return [self.created_by] if self.created_by else []


class CondensedSource(models.Model):
    condensed = models.ForeignKey(CondensedProposal, on_delete=models.CASCADE, related_name="sources")
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="condensed_sources")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["condensed", "idea"], name="condensed_source_once"),
        ]


class CondensedVote(models.Model):
    proposal = models.ForeignKey(CondensedProposal, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="condensed_votes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="condensed_vote_once"),
        ]


class CoDesignStatus(models.TextChoices):
    SENT = "sent", _("Invitation sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class CoDesignInvitation(models.Model):
    """The author of an original inside a top condensed proposal is invited to co-design it."""

    condensed = models.ForeignKey(CondensedProposal, on_delete=models.CASCADE, related_name="co_design_invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_design_invitations")
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="co_design_invitations"
    )
    status = models.CharField(max_length=10, choices=CoDesignStatus.choices, default=CoDesignStatus.SENT)
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["condensed", "person"], name="co_design_invitation_once"),
        ]


__all__ = ["CoDesignInvitation", "CoDesignStatus", "CondensedProposal", "CondensedSource", "CondensedVote"]
