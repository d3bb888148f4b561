"""Models for the listening part of a dialogue space ("The Government Listens").

Staff add listening sources to a space: files they upload (service requests, petitions, posts
as CSV or JSON) and RSS/Atom feeds fetched on a schedule. Each thing people said or asked for
becomes a `Signal`; re-importing the same file updates its signals instead of duplicating them
(the external id is unique per source). `EmergingIssue` is a group of related signals (one
category, everywhere or in one area) whose volume rose against its own baseline over a period;
staff decide what to do with it (watch it, dismiss it, turn it into a question or a challenge)
and that decision survives the recomputation of the issues.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cocreate.spaces.models import Space

__all__ = [
    "EmergingIssue",
    "IssueStatus",
    "ListeningSource",
    "Signal",
    "SourceKind",
]


class SourceKind(models.TextChoices):
    FILE = "file", _("Files uploaded by staff")
    FEED = "feed", _("RSS or Atom feed")


class ListeningSource(models.Model):
    """Where a space's signals come from: a stream of uploaded files, or a feed fetched on a schedule."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="listening_sources")
    name = models.CharField(_("name"), max_length=120, help_text=_("As staff will read it, e.g. “Baltimore 311”."))
    kind = models.CharField(_("kind of source"), max_length=10, choices=SourceKind.choices, default=SourceKind.FILE)
    feed_url = models.URLField(_("feed address"), max_length=500, blank=True)
    fetch_every_hours = models.PositiveSmallIntegerField(
        _("fetch every (hours)"), default=6, help_text=_("How often the feed is read.")
    )
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_problem = models.TextField(_("last problem"), blank=True)
    last_problem_at = models.DateTimeField(null=True, blank=True)
    signals_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("listening source")
        verbose_name_plural = _("listening sources")
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="listening_source_name_unique_in_space"),
            models.CheckConstraint(condition=~Q(kind="feed") | ~Q(feed_url=""), name="listening_feed_has_an_address"),
        ]

    def __str__(self):
        return self.name

    def is_due(self, now=None) -> bool:
        """A feed whose last fetch is older than its interval (or that was never fetched)."""
        if self.kind != SourceKind.FEED:
            return False
        now = now or timezone.now()
        return self.last_fetched_at is None or self.last_fetched_at + timedelta(hours=self.fetch_every_hours) <= now


class Signal(models.Model):
    """One thing people said or asked for: a service request, a petition, a feed entry."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="signals")
    source = models.ForeignKey(ListeningSource, on_delete=models.CASCADE, related_name="signals")
    external_id = models.CharField(_("id in the source"), max_length=255)
    time = models.DateTimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    area = models.CharField(_("area"), max_length=200, blank=True, help_text=_("A neighbourhood or district."))
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    category = models.CharField(_("category"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    raised_by_agency = models.BooleanField(
        _("raised by the agency itself"),
        default=False,
        help_text=_(
            "Created by the agency's own staff or systems (a crew's round, for example), not by the public: "
            "listed, but not counted when looking for emerging issues."
        ),
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="signal_external_id_unique_per_source")
        ]
        indexes = [
            models.Index(fields=["space", "time"], name="signal_space_time"),
            models.Index(fields=["space", "category"], name="signal_space_category"),
        ]

    def __str__(self):
        return f"{self.source_id}:{self.external_id}"


class IssueStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("an emerging issue", "New")
    WATCHING = "watching", _("Watching")
    DISMISSED = "dismissed", _("Dismissed")
    QUESTION = "question", _("Turned into a question")
    CHALLENGE = "challenge", _("Turned into a challenge")


class EmergingIssue(models.Model):
    """A burst: one category of signals (in one area, or everywhere when `area` is empty) that
    received clearly more signals over a period than its own baseline predicts."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="emerging_issues")
    category = models.CharField(_("category"), max_length=200)
    area = models.CharField(_("area"), max_length=200, blank=True)
    bin_days = models.PositiveSmallIntegerField(_("days per period"), default=1)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    peak_on = models.DateField(_("peak"))
    peak_count = models.PositiveIntegerField(default=0)
    observed = models.PositiveIntegerField(_("signals"), default=0)
    expected = models.FloatField(_("expected"), default=0)
    baseline_rate = models.FloatField(_("usual signals per period"), default=0)
    score = models.FloatField(_("score"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.NEW)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    question = models.ForeignKey(
        "dialogue.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="raised_from_issues"
    )
    challenge_space = models.ForeignKey(
        Space, on_delete=models.SET_NULL, null=True, blank=True, related_name="raised_from_issues"
    )
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("emerging issue")
        verbose_name_plural = _("emerging issues")
        constraints = [
            models.UniqueConstraint(
                fields=["space", "category", "area", "bin_days", "starts_on"], name="emerging_issue_unique_period"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="emerging_issue_period"),
        ]

    def __str__(self):
        return self.title

    @property
    def name(self) -> str:
        """What the issue is about, as staff read it: its category, and its area when it rose in one
        area only (“Dirty alleys — Canton”)."""
        return f"{self.category} — {self.area}" if self.area else self.category

    @property
    def title(self) -> str:
        return f"{self.name} ({self.starts_on:%Y-%m-%d})"

    @property
    def ratio(self) -> float | None:
        """How many times the usual number of signals arrived over the period."""
        return self.observed / self.expected if self.expected else None

    @property
    def ends_before(self):
        """The day after the last period ends (signals up to but excluding this day belong to it)."""
        return self.ends_on + timedelta(days=self.bin_days)
