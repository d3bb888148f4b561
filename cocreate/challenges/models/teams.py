"""Teams in a challenge: members and their roles, invitations and requests to join, and the
"looking for a team" board."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Skill
from cocreate.spaces.models import Space


class Team(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team name"), max_length=120)
    pitch = models.TextField(_("what the team wants to do"), max_length=3000, blank=True)
    skills_wanted = models.ManyToManyField(
        Skill, blank=True, related_name="teams_wanting", verbose_name=_("skills the team is looking for")
    )
    looking_for_members = models.BooleanField(_("open to new members"), default=True)
    source_ideas = models.ManyToManyField(
        "ideas.Idea", blank=True, related_name="teams", verbose_name=_("ideas the team works on")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    disbanded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="team_name_once_per_space"),
        ]

    def __str__(self):
        return self.name


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Team lead")
    MEMBER = "member", _("Member")
    MENTOR = "mentor", _("Mentor")


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    contribution = models.CharField(
        _("what I bring"), max_length=200, blank=True, help_text=_("e.g. “front-end development”, “I run the library”.")
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="team_member_once"),
        ]

    def __str__(self):
        return f"{self.person} – {self.team}"


class InvitationDirection(models.TextChoices):
    INVITATION = "invitation", _("The team invites the person")
    REQUEST = "request", _("The person asks to join")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TeamInvitation(models.Model):
    """An invitation to join a team, or a request to join it; answered by the other side."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_invitations")
    direction = models.CharField(max_length=10, choices=InvitationDirection.choices)
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"], condition=Q(status="pending"), name="team_invitation_one_pending"
            ),
        ]


class TeamSeeker(models.Model):
    """A person on a challenge's "looking for a team" board (their skills come from their profile)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="team_seekers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_seeking")
    note = models.TextField(
        _("what I am looking for"),
        max_length=1000,
        blank=True,
        help_text=_("e.g. “A designer looking for a team working on transport.”"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("person looking for a team")
        verbose_name_plural = _("people looking for a team")
        constraints = [
            models.UniqueConstraint(fields=["space", "person"], name="team_seeker_once_per_space"),
        ]
