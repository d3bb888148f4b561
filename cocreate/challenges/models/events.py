"""Events where people meet (workshops, innovation camps, hack days, town meetings, forums,
outreach sessions): registration with a waiting list, access needs seen only by the organisers
and deleted after the event, check-in, and what came out of the event."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.spaces.models import Phase, Space


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    CAMP = "camp", _("Innovation camp")
    HACK_DAY = "hack_day", _("Hack day")
    TOWN_MEETING = "town_meeting", _("Town meeting")
    FORUM = "forum", _("Forum")
    OUTREACH = "outreach", _("Outreach session")
    CO_DESIGN = "co_design", _("Co-design session")
    TESTING = "testing", _("Testing session")


class Event(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="events")
    phase = models.ForeignKey(
        Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("phase")
    )
    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Stored in UTC; shown in the event's own time zone (where people will be), whatever the
    # viewer's.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, help_text=_("e.g. Europe/London.")
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True, help_text=_("e.g. “Maidstone library”."))
    address = models.TextField(_("address"), blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Shown only to people registered."))
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When full, people join a waiting list."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until it starts."),
    )
    asks_access_needs = models.BooleanField(
        _("ask about access needs"),
        default=True,
        help_text=_("Answers are seen only by the event's organisers and deleted after the event."),
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    # When the access needs given at registration were deleted (after the event).
    access_needs_deleted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every change to the event or its registrations (feeds, cached pages).
    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"),
        ]
        indexes = [models.Index(fields=["space", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("challenges:event", kwargs={"slug": self.space.slug, "event_id": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    # --- Times in the event's own zone (where people will be), whatever the viewer's ---------
    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    def local(self, moment: datetime | None) -> datetime | None:
        """`moment` as a naive wall-clock time in the event's zone: templates show it as it is
        (Django would convert an aware one to the viewer's zone)."""
        if moment is None:
            return None
        return moment.astimezone(self.zone).replace(tzinfo=None)

    @property
    def local_starts_at(self) -> datetime:
        return self.local(self.starts_at)

    @property
    def local_ends_at(self) -> datetime:
        return self.local(self.ends_at)

    @property
    def local_registration_closes_at(self) -> datetime | None:
        return self.local(self.registration_closes_at)

    @property
    def zone_label(self) -> str:
        """ "Europe/London (GMT)": the zone's name and its abbreviation when the event starts."""
        abbreviation = self.starts_at.astimezone(self.zone).tzname() if self.starts_at else ""
        if abbreviation and not abbreviation.startswith(("+", "-")) and abbreviation != self.time_zone:
            return f"{self.time_zone} ({abbreviation})"
        return self.time_zone

    @property
    def registration_closes(self) -> datetime:
        """When registration closes: the time set, or the start."""
        return self.registration_closes_at or self.starts_at


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    # Waiting-list order: first registered, first offered a place that frees up.
    registered_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    access_needs = models.TextField(
        _("access needs"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Anything that would help you take part: step-free access, a hearing loop, an interpreter, "
            "a quiet room, food you cannot eat. Only the organisers see this, and it is deleted after the event."
        ),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who registered someone by phone or in person."),
    )

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_once_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self):
        return f"{self.person} – {self.event}"


class Attendance(models.Model):
    """Someone was there: checked in by staff (registered or walked in; people without an
    account are entered as offline people)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendance"
    )
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["checked_in_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="attendance_once_per_event"),
        ]

    def __str__(self):
        return f"{self.person} at {self.event}"


class CapturedIdea(models.Model):
    """An idea that came out of an event (the idea's authors are the people present who had it;
    its origin is "at an event")."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="captured_ideas")
    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="captured_at")
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    captured_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["captured_at", "pk"]
        verbose_name = _("idea captured at an event")
        verbose_name_plural = _("ideas captured at events")


class EventNote(models.Model):
    """Notes taken at an event (a table's discussion, a decision), credited to the people who
    took part in it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notes")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("notes"), max_length=20000)
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="event_notes", verbose_name=_("with contributions from")
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event notes")
        verbose_name_plural = _("event notes")

    def __str__(self):
        return self.title
