"""Prototypes: linked to the ideas they came from, moved from stage to stage by gate decisions
that record the evidence and who decided, with versions, test sessions and structured feedback."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models.events import Event
from cocreate.challenges.models.teams import Team, TeamMember
from cocreate.spaces.models import Contribution


class Stage(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    PROTOTYPE = "prototype", _("Prototype")
    TESTED = "tested", _("Tested with the public")
    PILOT = "pilot", _("Pilot")
    SCALING = "scaling", _("Scaling up")
    ADOPTED_ELSEWHERE = "adopted_elsewhere", _("Adopted elsewhere")
    RETIRED = "retired", _("Retired")


class Prototype(Contribution):
    title = models.CharField(_("title"), max_length=150)
    summary = models.TextField(_("what it is and who it is for"), max_length=5000)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="prototypes", verbose_name=_("team")
    )
    source_ideas = models.ManyToManyField(
        "ideas.Idea", through="PrototypeSource", related_name="prototypes", verbose_name=_("ideas it came from")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.CONCEPT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="prototypes_created"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("prototype")
        verbose_name_plural = _("prototypes")

    def __str__(self):
        return self.title

    @property
    def body(self) -> str:
        """What the moderation queue quotes."""
        return self.summary

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("challenges:prototypes_detail", kwargs={"slug": self.space.slug, "prototype_id": self.pk})

    def is_authored_by(self, person) -> bool:
        """Its team's members (or, without a team, the person who submitted it). Selectors set
        `member_ids` so that lists ask no query per prototype."""
        if person is None or not getattr(person, "pk", None):
            return False
        return person.pk in self.maker_ids()

    def maker_ids(self) -> set[int]:
        ids = self.__dict__.get("member_ids")
        if ids is None:
            if self.team_id:
                ids = set(TeamMember.objects.filter(team_id=self.team_id).values_list("person_id", flat=True))
            else:
                ids = {self.created_by_id} if self.created_by_id else set()
            self.__dict__["member_ids"] = ids
        return ids

    def author_people(self) -> list:
        if self.team_id:
            return [member.person for member in self.team.members.all()]
        return [self.created_by] if self.created_by else []


class PrototypeSource(models.Model):
    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="sources")
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prototype", "idea"], name="prototype_source_once"),
        ]


class PrototypeVersion(models.Model):
    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    notes = models.TextField(_("what changed"), max_length=5000, blank=True)
    link = models.URLField(_("link to try it"), blank=True)
    file = models.FileField(_("file"), upload_to="challenges/prototypes/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["prototype", "number"]
        verbose_name = _("prototype version")
        verbose_name_plural = _("prototype versions")
        constraints = [
            models.UniqueConstraint(fields=["prototype", "number"], name="prototype_version_number_once"),
        ]

    def __str__(self):
        return f"{self.prototype} v{self.number}"


class GateDecision(models.Model):
    """A decision to move a prototype to another stage, with the evidence it rests on."""

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="gate_decisions")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("new stage"), max_length=20, choices=Stage.choices)
    evidence = models.TextField(
        _("evidence"),
        max_length=5000,
        help_text=_("What the decision rests on: test results, a pilot report, figures."),
    )
    evidence_link = models.URLField(_("link to the evidence"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        constraints = [
            models.CheckConstraint(condition=~Q(from_stage=models.F("to_stage")), name="gate_decision_changes_stage"),
        ]


class TestSession(models.Model):
    """People try a version of a prototype (at an event or on their own) and give feedback.
    The authors and supporters of the source ideas are invited first."""

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="test_sessions")
    version = models.ForeignKey(PrototypeVersion, on_delete=models.PROTECT, related_name="test_sessions")
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("what testers are asked to do"), max_length=5000, blank=True)
    # The tasks testers try, in order; feedback says which they managed.
    tasks = models.JSONField(_("tasks"), default=list)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="test_sessions", verbose_name=_("event")
    )
    starts_at = models.DateTimeField(_("opens"))
    ends_at = models.DateTimeField(_("closes"))
    open_to_everyone_at = models.DateTimeField(
        _("open to everyone from"),
        null=True,
        blank=True,
        help_text=_("Until then only invited people can give feedback. Leave empty to keep it to invited people."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("test session")
        verbose_name_plural = _("test sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="test_session_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("challenges:prototypes_session", kwargs={"slug": self.space.slug, "session_id": self.pk})

    @property
    def space(self):
        """The space it runs in (the prototype's): what `can()` decides on."""
        return self.prototype.space

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        return "open" if now < self.ends_at else "closed"

    def is_open(self, now=None) -> bool:
        return self.state(now) == "open"


class InvitedBecause(models.TextChoices):
    AUTHOR = "author", _("Author of a source idea")
    SUPPORTER = "supporter", _("Supporter of a source idea")
    INVITED = "invited", _("Invited by the team or the organisers")


class TestInvitation(models.Model):
    session = models.ForeignKey(TestSession, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="test_invitations")
    reason = models.CharField(max_length=10, choices=InvitedBecause.choices)
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="test_invitation_once"),
        ]


class WouldUse(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class Feedback(models.Model):
    session = models.ForeignKey(TestSession, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="feedback")
    # One boolean per task of the session, in the session's order: "I managed to do it".
    tasks_done = models.JSONField(default=list)
    ease = models.PositiveSmallIntegerField(_("how easy was it (1 very hard – 5 very easy)"))
    would_use = models.CharField(_("would you use it?"), max_length=5, choices=WouldUse.choices)
    comments = models.TextField(_("comments"), max_length=5000, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who typed in feedback given on paper or in person."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], condition=Q(person__isnull=False), name="feedback_once_per_tester"
            ),
            models.CheckConstraint(condition=Q(ease__gte=1, ease__lte=5), name="feedback_ease_1_to_5"),
        ]
