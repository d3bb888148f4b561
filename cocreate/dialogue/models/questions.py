"""Models for the questions part of a dialogue space ("The Governor Responds").

People ask questions and support others' questions; staff open selection rounds ("Questions
selected on 1 December") and select the most supported open questions; an official answers a
selected question in text, optionally with a video link and its transcript, and may link the
answer to a measure or a space; or staff decline it with a reason shown publicly.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cocreate.spaces.models import Contribution, Space

__all__ = [
    "Question",
    "QuestionAnswer",
    "QuestionStatus",
    "QuestionSupport",
    "RoundStatus",
    "SelectionRound",
]


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open for support")
    SELECTED = "selected", _("Selected for an answer")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Questions selected")


class SelectionRound(models.Model):
    """One selection of questions to answer, e.g. "Questions selected on 1 December". Staff choose
    the questions; if they have not by the date, the `top_n` most supported open questions are
    selected automatically."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="selection_rounds")
    selects_on = models.DateField(_("selection date"))
    top_n = models.PositiveSmallIntegerField(
        _("questions to select"),
        default=5,
        help_text=_("If staff have not chosen by the selection date, this many of the most supported are selected."),
    )
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Empty when the questions were selected automatically on the selection date.
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-selects_on", "-pk"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        constraints = [
            models.UniqueConstraint(fields=["space", "selects_on"], name="selection_round_once_per_date"),
            models.CheckConstraint(condition=Q(top_n__gte=1), name="selection_round_selects_at_least_one"),
        ]

    def __str__(self):
        return str(_("Questions selected on %(date)s")) % {"date": date_format(self.selects_on, "DATE_FORMAT")}

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class QuestionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)


class Question(Contribution):
    title = models.CharField(_("question"), max_length=200)
    details = models.TextField(_("details"), max_length=5000, blank=True)
    # The person who asked; for a question entered by staff for someone offline, a person
    # without an account carrying the name they gave (as ideas do).
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="questions", verbose_name=_("asked by")
    )
    status = models.CharField(_("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN)
    # Stored counter, updated in the same transaction as the supports it counts.
    supports_count = models.PositiveIntegerField(default=0)
    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    selected_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            models.Index(fields=["space", "-created_at"], name="question_newest"),
            models.Index(fields=["space", "status", "-supports_count"], name="question_most_supported"),
            models.Index(fields=["space", "-answered_at"], name="question_recently_answered"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="declined_question_has_a_reason"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(status="declined") | Q(selected_at__isnull=False),
                name="selected_question_has_a_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dialogue:question_detail", kwargs={"slug": self.space.slug, "question_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == QuestionStatus.OPEN and not self.is_hidden

    def is_authored_by(self, person) -> bool:
        return person is not None and person.pk is not None and self.asker_id == person.pk

    def author_people(self) -> list:
        return [self.asker]

    def touch(self):
        Space.objects.filter(pk=self.space_id).update(version=F("version") + 1)


class QuestionSupport(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_supports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support for a question")
        verbose_name_plural = _("supports for questions")
        constraints = [models.UniqueConstraint(fields=["question", "person"], name="question_support_once")]


class QuestionAnswer(models.Model):
    """An official's answer to a selected question."""

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="answer")
    body = models.TextField(_("answer"), max_length=20000)
    video_url = models.URLField(_("video link"), blank=True)
    transcript = models.TextField(_("transcript of the video"), max_length=50000, blank=True)
    measure_title = models.CharField(_("measure"), max_length=200, blank=True)
    measure_url = models.URLField(_("web address of the measure"), blank=True)
    linked_space = models.ForeignKey(
        Space, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("linked space")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("answered by")
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")

    def __str__(self):
        return self.body[:60]
