"""Opinion maps: statements, votes and the computed map of a space.

People vote agree / disagree / pass on short statements; the opinion map groups the voters as
Pol.is does (`cocreate.algorithms.opinion_groups`) and is stored here once computed, so that
pages only read it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cocreate.spaces.models import Contribution, Space

# As on Pol.is: a statement is one short, clear sentence people can agree or disagree with.
STATEMENT_MAX_LENGTH = 140
# Imported statements keep their full text (older Pol.is conversations allowed longer ones).
STORED_TEXT_LENGTH = 1000


class Moderation(models.TextChoices):
    """Pol.is' "mod" states: 1 accepted, 0 not moderated yet, -1 moderated out."""

    ACCEPTED = "accepted", _("Accepted")
    AWAITING = "awaiting", _("Waiting for a moderator")
    MODERATED_OUT = "moderated_out", _("Moderated out")


class StatementQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(moderation=Moderation.ACCEPTED, hidden_at__isnull=True)


class Statement(Contribution):
    text = models.CharField(_("statement"), max_length=STORED_TEXT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("author"),
    )
    moderation = models.CharField(
        _("moderation"), max_length=14, choices=Moderation.choices, default=Moderation.AWAITING
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Written by the organisers to start the conversation, as Pol.is' "seed" comments.
    is_seed = models.BooleanField(_("seed statement"), default=False)
    source_idea = models.ForeignKey(
        "ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    source_comment = models.ForeignKey(
        "ideas.Comment", on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    # Counters, updated in the same transaction as the votes they count.
    agrees_count = models.PositiveIntegerField(default=0)
    disagrees_count = models.PositiveIntegerField(default=0)
    passes_count = models.PositiveIntegerField(default=0)
    # Imported from another platform (Pol.is: the comment-id of the export).
    external_source = models.CharField(max_length=40, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["space", "external_source", "external_id"],
                condition=~Q(external_source=""),
                name="statement_imported_once",
            ),
        ]
        indexes = [models.Index(fields=["space", "moderation"])]

    def __str__(self):
        return self.text

    @property
    def votes_count(self) -> int:
        return self.agrees_count + self.disagrees_count + self.passes_count

    def is_authored_by(self, person) -> bool:
        return person is not None and self.author_id == person.pk

    def author_people(self) -> list:
        return [self.author] if self.author_id else []

    def get_absolute_url(self) -> str:
        return reverse("opinions:vote", kwargs={"slug": self.space.slug}) + f"?statement={self.pk}"


class VoteChoice(models.IntegerChoices):
    AGREE = 1, pgettext_lazy("vote on a statement", "Agree")
    DISAGREE = -1, pgettext_lazy("vote on a statement", "Disagree")
    PASS = 0, _("Pass / unsure")


class StatementVote(models.Model):
    """One person's vote on one statement; voting again replaces it."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="statement_votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statement_votes")
    choice = models.SmallIntegerField(_("vote"), choices=VoteChoice.choices)
    voted_at = models.DateTimeField(_("voted at"))

    class Meta:
        verbose_name = _("vote on a statement")
        verbose_name_plural = _("votes on statements")
        constraints = [
            models.UniqueConstraint(fields=["statement", "person"], name="statement_vote_once_per_person"),
            models.CheckConstraint(condition=Q(choice__in=[-1, 0, 1]), name="statement_vote_choice_valid"),
        ]
        indexes = [models.Index(fields=["space", "voted_at"])]


class OpinionMap(models.Model):
    """The last computed opinion map of a space.

    `groups` is a list, one entry per opinion group: {"label", "size", "x", "y", "radius",
    "representative": [{"statement", "direction", "score", "agree_in", "disagree_in", "agree_out",
    "disagree_out"}]}; `consensus` a list of {"statement", "direction", "score", "agree", "disagree"};
    `positions` maps a person's id (as text) to [x, y, group] — never shown with names: the map
    marks only the viewer's own point. The groups come from a replay of all the space's votes in
    time order (an update every `votes_per_update` votes), which is what keeps the number of
    groups stable: it changes only once the same number has won 4 updates in a row."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="opinion_map")
    computed_at = models.DateTimeField(null=True, blank=True)
    # When the newest vote counted was cast: votes after it are the "new votes" since the update.
    counted_until = models.DateTimeField(null=True, blank=True)
    votes_counted = models.PositiveIntegerField(default=0)
    participants_counted = models.PositiveIntegerField(default=0)
    statements_counted = models.PositiveIntegerField(default=0)
    k = models.PositiveSmallIntegerField(default=0)
    updates = models.PositiveIntegerField(default=0)
    votes_per_update = models.PositiveIntegerField(default=500)
    groups = models.JSONField(default=list)
    consensus = models.JSONField(default=list)
    positions = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")

    def __str__(self):
        return f"Opinion map of {self.space}"
