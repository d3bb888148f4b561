"""Judging: entries (hackathon submissions, prototypes put forward), rubrics with weighted
criteria and a description per score level, judges with their conflict-of-interest
declarations, scores or pairwise comparisons, and the published results with their reasons.

The arithmetic (per-judge normalisation, trimmed means, Bradley–Terry) is in
`cocreate.algorithms.judging`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models.prototypes import Prototype
from cocreate.challenges.models.teams import Team, TeamMember
from cocreate.spaces.models import Space


class Entry(models.Model):
    """Something judged: a team's submission (with its repository and demo) or a prototype."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries")
    prototype = models.ForeignKey(Prototype, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries")
    repository_url = models.URLField(_("code repository"), blank=True)
    demo_url = models.URLField(_("demo"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            # A team enters once; after withdrawing it may enter again.
            models.UniqueConstraint(
                fields=["space", "team"],
                condition=Q(withdrawn_at__isnull=True, team__isnull=False),
                name="entry_once_per_team",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("challenges:judging_entry", kwargs={"slug": self.space.slug, "entry_id": self.pk})

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_authored_by(self, person) -> bool:
        """The person who submitted it, or any member of its team (asked once per entry)."""
        if person is None or not getattr(person, "pk", None):
            return False
        if self.submitted_by_id == person.pk:
            return True
        if self.team_id is None:
            return False
        memo = self.__dict__.setdefault("_member_ids", None)
        if memo is None:
            memo = self.__dict__["_member_ids"] = set(
                TeamMember.objects.filter(team_id=self.team_id).values_list("person_id", flat=True)
            )
        return person.pk in memo


class JudgingMode(models.TextChoices):
    SCORES = "scores", _("Judges score each entry against the rubric")
    PAIRWISE = "pairwise", _("Judges compare entries two at a time")


class Rubric(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="rubrics")
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance for judges"), blank=True)
    mode = models.CharField(
        _("how judges judge"), max_length=10, choices=JudgingMode.choices, default=JudgingMode.SCORES
    )
    blind = models.BooleanField(
        _("blind review"), default=False, help_text=_("Judges do not see who is behind an entry.")
    )
    lowest_score = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    highest_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    normalise = models.BooleanField(
        _("even out strict and generous judges"),
        default=True,
        help_text=_("Each judge's scores are compared with their own average (z-scores)."),
    )
    min_scores_to_normalise = models.PositiveSmallIntegerField(
        _("entries a judge must score before their scores are evened out"), default=5
    )
    trim = models.PositiveSmallIntegerField(
        _("highest and lowest marks left out per entry"),
        default=0,
        help_text=_("1 leaves out each entry's single highest and single lowest mark, when enough judges scored it."),
    )
    shortlist_size = models.PositiveSmallIntegerField(_("entries on the shortlist"), default=3)
    published_at = models.DateTimeField(null=True, blank=True)
    results_note = models.TextField(_("what the judges said overall"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.CheckConstraint(
                condition=Q(highest_score__gt=F("lowest_score")), name="rubric_highest_above_lowest"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_pairwise(self) -> bool:
        return self.mode == JudgingMode.PAIRWISE

    def scale(self) -> range:
        return range(self.lowest_score, self.highest_score + 1)


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.TextField(_("what judges look for"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.UniqueConstraint(fields=["rubric", "name"], name="criterion_name_once_per_rubric"),
        ]

    def __str__(self):
        return self.name


class Level(models.Model):
    """What a score means for one criterion: "4 – clear evidence that users were involved"."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField()
    description = models.CharField(_("what this score means"), max_length=300)

    class Meta:
        ordering = ["criterion", "score"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "score"], name="level_once_per_score"),
        ]


class Judge(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="judges")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    # A judge scores nothing before declaring their conflicts of interest (possibly none).
    declared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "person"], name="judge_once_per_rubric"),
        ]

    def __str__(self):
        return f"{self.person} – {self.rubric}"


class Conflict(models.Model):
    """A judge declared a conflict of interest with an entry: they do not judge it."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("why"), max_length=300, help_text=_("e.g. “I mentor this team.”"))
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry"], name="conflict_once"),
        ]


class Score(models.Model):
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="scores")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry", "criterion"], name="score_once"),
        ]


class Comparison(models.Model):
    """In pairwise judging: which of two entries a judge found better (none for a tie)."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="comparisons")
    first = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    winner = models.ForeignKey(Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    compared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["judge", "first", "second"], name="comparison_once"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="comparison_pair_in_order"),
            models.CheckConstraint(
                condition=Q(winner__isnull=True) | Q(winner=F("first")) | Q(winner=F("second")),
                name="comparison_winner_is_one_of_the_pair",
            ),
        ]


class EntryResult(models.Model):
    """An entry's place in the published results, with the reason given to the public."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="results")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    tied = models.BooleanField(default=False)
    shortlisted = models.BooleanField(default=False)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["rubric", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "entry"], name="entry_result_once"),
        ]
