"""Engagement platforms (spaces), their dated phases, roles granted per space, residents lists,
and what every contribution shares: its space, origin and moderation state."""

from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Organisation


class SpaceKind(models.TextChoices):
    CHALLENGE = "challenge", _("Challenge")
    BUDGET = "budget", _("Participatory budget")
    INITIATIVE = "initiative", _("Co-creation initiative")
    DIALOGUE = "dialogue", _("Dialogue with officials")
    PROGRAMME = "programme", _("Programme")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read it")
    PRIVATE = "private", _("Private: only invited people and the organisations running it")


class SpaceQuerySet(models.QuerySet):
    def visible_to(self, person):
        """Public spaces, plus private ones the person belongs to."""
        if person is None or not person.is_authenticated:
            return self.filter(visibility=Visibility.PUBLIC)
        if person.is_superuser:
            return self
        # As `may_read_space`: roles in the space or in the programme it belongs to.
        return self.filter(
            Q(visibility=Visibility.PUBLIC)
            | Q(roles__person=person)
            | Q(organisations__memberships__person=person)
            | Q(parent__roles__person=person)
            | Q(parent__organisations__memberships__person=person)
        ).distinct()


class Space(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of space"), max_length=20, choices=SpaceKind.choices, default=SpaceKind.CHALLENGE)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    description = models.TextField(_("description"), blank=True)
    question = models.CharField(
        _("question or challenge"),
        max_length=300,
        blank=True,
        help_text=_("The question people are invited to answer, e.g. “How can we make our streets safer?”"),
    )
    target_community = models.CharField(
        _("who it is for"),
        max_length=300,
        blank=True,
        help_text=_("The community this space is meant to reach, e.g. “young people in Harlesden”."),
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        related_name="spaces",
        verbose_name=_("run by"),
        help_text=_("One organisation, or the partners running it together."),
    )
    residency_required_for = models.JSONField(
        _("activities only for verified residents"),
        default=list,
        blank=True,
    )
    residency_area = models.CharField(
        _("area of residence"),
        max_length=120,
        blank=True,
        help_text=_("Shown to people, e.g. “Only verified residents of Porto Alegre can vote.”"),
    )
    content_language = models.CharField(
        _("language of the contributions"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )
    # Bumped in the same transaction as any write inside the space (`version`), or as a change
    # to the space itself or its phases (`settings_version`, which also bumps `version`). Cached
    # pages carry them in their key, so a cached page never outlives the data it shows.
    version = models.PositiveBigIntegerField(default=1)
    settings_version = models.PositiveBigIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("spaces:detail", kwargs={"slug": self.slug})

    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def phase_list(self) -> list["Phase"]:
        """The space's phases, in order. Prefetched ones are used as they are; otherwise they
        come from memory kept per settings version (which every change to the phases bumps)."""
        cached = getattr(self, "_prefetched_objects_cache", {}).get("phases")
        if cached is not None:
            return list(cached)
        return list(phases_of(self.pk, self.settings_version))

    def touch(self):
        """The space or its phases changed: every page showing it must be rendered again."""
        Space.objects.filter(pk=self.pk).update(version=F("version") + 1, settings_version=F("settings_version") + 1)


class Phase(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    activities = models.JSONField(_("what people can do"), default=list, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="phase_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        return "open" if now < self.ends_at else "closed"


@lru_cache(maxsize=2048)
def phases_of(space_id: int, settings_version: int) -> tuple["Phase", ...]:
    """A space's phases as they were at `settings_version`: shared, read-only objects."""
    return tuple(Phase.objects.filter(space_id=space_id).order_by("starts_at", "pk"))


class SpaceRoleName(models.TextChoices):
    PARTICIPANT = "participant", _("Invited participant")
    ORGANISER = "organiser", _("Organiser")
    MODERATOR = "moderator", _("Moderator")
    EVALUATOR = "evaluator", _("Evaluator")


class SpaceRole(models.Model):
    """A role granted to one person in one space (organisation roles apply on top of these)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_roles")
    role = models.CharField(_("role"), max_length=20, choices=SpaceRoleName.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role in a space")
        verbose_name_plural = _("roles in spaces")
        constraints = [
            models.UniqueConstraint(fields=["space", "person", "role"], name="space_role_once"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.space}"


class Resident(models.Model):
    """One entry of a space's residents list, claimed by at most one person once verified."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="residents")
    reference = models.CharField(
        _("reference number"),
        max_length=64,
        help_text=_("The number the council gave this resident, e.g. on a letter or a council tax bill."),
    )
    postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    district = models.CharField(_("district"), max_length=120, blank=True)
    # Other columns of the uploaded list (age group, …): only ever shown as aggregates over
    # groups of at least 10 people.
    attributes = models.JSONField(default=dict, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="residencies"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who checked it in person, when it was not done online."),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        constraints = [
            models.UniqueConstraint(fields=["space", "reference"], name="resident_reference_once"),
            models.UniqueConstraint(
                fields=["space", "person"], condition=Q(person__isnull=False), name="resident_one_entry_per_person"
            ),
        ]

    def __str__(self):
        return self.reference


class Origin(models.TextChoices):
    ONLINE = "online", _("Online")
    EVENT = "event", _("At an event")
    ON_BEHALF = "on_behalf", _("Entered by staff for someone who took part offline")


class Contribution(models.Model):
    """What every contribution knows: its space, how it reached us, and its moderation state."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="%(class)ss")
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices, default=Origin.ONLINE)
    event_name = models.CharField(
        _("event"),
        max_length=200,
        blank=True,
        help_text=_("Where it was collected, e.g. “Ramsgate workshop, 3 May”."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def author_people(self) -> list:
        """The people told when the contribution is hidden; each kind of contribution says."""
        raise NotImplementedError

    def belongs_to(self):
        """The contribution this one is part of (a comment's idea), or None."""
        return None


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive, abusive or hateful")
    PERSONAL_DATA = "personal_data", _("Shares someone's personal information")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Something else")


class ReportOutcome(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Hidden by a moderator")
    DISMISSED = "dismissed", _("Kept: a moderator found no problem")


class Report(models.Model):
    """Someone asks the moderators to look at a contribution."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="reports")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=ReportOutcome.choices, default=ReportOutcome.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["reporter", "content_type", "object_id"], name="report_once_per_person"),
        ]
        indexes = [models.Index(fields=["space", "outcome"])]

    def __str__(self):
        return f"{self.get_reason_display()} – {self.content_type.model} {self.object_id}"


class ActionLog(models.Model):
    """What staff and moderators did, and when: kept so that decisions can be traced."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, blank=True, related_name="action_log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.action} by {self.actor_id}"
