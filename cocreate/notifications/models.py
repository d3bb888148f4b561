"""What a person is told about what they follow, in the site and grouped into e-mails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ANSWERED = "answered", _("An idea received an official answer")
    STATUS_CHANGED = "status_changed", _("The status of an idea changed")
    COMMENTED = "commented", _("A new comment on an idea")
    REPLIED = "replied", _("A reply to your comment")
    MERGED = "merged", _("An idea was merged into another")
    HIDDEN = "hidden", _("A moderator hid your contribution")
    CO_AUTHOR_ADDED = "co_author_added", _("You were added as a co-author")
    PROJECT_REVIEWED = "project_reviewed", _("A budget project was reviewed")
    SUGGESTION_DECIDED = "suggestion_decided", _("A suggested change to a project was decided")
    PROJECT_FUNDED = "project_funded", _("A budget project was funded")
    DELIVERY_UPDATE = "delivery_update", _("News on the delivery of a project")
    # Challenges: the notification names its subject in details["title"] and links to `link`.
    EVENT_PLACE = "event_place", _("A place at an event was confirmed for you")
    EVENT_CHANGED = "event_changed", _("An event you registered for changed or was cancelled")
    TEAM_INVITATION = "team_invitation", _("An invitation to a team, or a request to join yours")
    TEAM_ANSWER = "team_answer", _("An answer about joining a team")
    TEST_INVITATION = "test_invitation", _("An invitation to test a prototype")
    STAGE_CHANGED = "stage_changed", _("A prototype moved to a new stage")
    RESULTS_PUBLISHED = "results_published", _("Judging results were published")
    CONDENSED = "condensed", _("An idea was included in a condensed proposal")
    CO_DESIGN = "co_design", _("An invitation to co-design a proposal")
    SUPPORT = "support", _("News about support for a team")
    CHECK_IN = "check_in", _("A check-in on a prototype is due")
    RECOGNITION = "recognition", _("A recognition or a prize")
    # Questions to officials (dialogue spaces), told like the challenge ones.
    QUESTION_SELECTED = "question_selected", _("A question was selected for an answer")
    QUESTION_ANSWERED = "question_answered", _("A question received an official answer")
    QUESTION_DECLINED = "question_declined", _("A question was declined")


# What each challenge notification says, with %(title)s the title of its subject.
CHALLENGE_SENTENCES = {
    NotificationKind.EVENT_PLACE: _("You have a place at “%(title)s”."),
    NotificationKind.EVENT_CHANGED: _("“%(title)s” changed or was cancelled: see the event's page."),
    NotificationKind.TEAM_INVITATION: _("%(who)s: an invitation or a request to join the team “%(title)s”."),
    NotificationKind.TEAM_ANSWER: _("%(who)s answered about joining the team “%(title)s”."),
    NotificationKind.TEST_INVITATION: _("You are invited to test “%(title)s” and tell the team what you think."),
    NotificationKind.STAGE_CHANGED: _("“%(title)s” moved to a new stage."),
    NotificationKind.RESULTS_PUBLISHED: _("The results of “%(title)s” are published."),
    NotificationKind.CONDENSED: _("Your idea is included in the condensed proposal “%(title)s”."),
    NotificationKind.CO_DESIGN: _("You are invited to co-design “%(title)s”."),
    NotificationKind.SUPPORT: _("News about support: “%(title)s”."),
    NotificationKind.CHECK_IN: _("How is “%(title)s” doing? Please answer the check-in."),
    NotificationKind.RECOGNITION: _("You received a recognition: “%(title)s”."),
    NotificationKind.QUESTION_SELECTED: _("“%(title)s” was selected: an official will answer it."),
    NotificationKind.QUESTION_ANSWERED: _("“%(title)s” received an official answer."),
    NotificationKind.QUESTION_DECLINED: _("“%(title)s” was declined; the reason is on its page."),
}


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    comment = models.ForeignKey("ideas.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    project = models.ForeignKey("budgets.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # Where a notification about something other than an idea or a project leads (a path).
    link = models.CharField(max_length=300, blank=True)
    # The other idea of a merge; a moderator's reason; the new status…
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the notification went out in an e-mail, or was left out of e-mail on purpose.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["emailed_at", "recipient"], name="notification_to_email"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    def sentence(self) -> str:
        """What happened, in the active language, e.g. “Ana commented on “Safer crossings””."""
        from django.utils.translation import gettext as _

        from cocreate.ideas.models import IdeaStatus

        who = self.actor.public_name if self.actor_id and self.actor else _("Someone")
        title = self.idea.title if self.idea_id else (self.project.title if self.project_id else "")
        values = {"who": who, "title": title}
        if self.kind == NotificationKind.ANSWERED:
            status = IdeaStatus(self.details.get("status", IdeaStatus.UNDER_CONSIDERATION)).label
            return _("“%(title)s” received an official answer: %(status)s.") % {**values, "status": status}
        if self.kind == NotificationKind.STATUS_CHANGED:
            status = IdeaStatus(self.details.get("status", IdeaStatus.SUBMITTED)).label
            return _("The status of “%(title)s” is now: %(status)s.") % {**values, "status": status}
        if self.kind == NotificationKind.COMMENTED:
            return _("%(who)s commented on “%(title)s”.") % values
        if self.kind == NotificationKind.REPLIED:
            return _("%(who)s replied to your comment on “%(title)s”.") % values
        if self.kind == NotificationKind.MERGED:
            return _("“%(title)s” was merged into another idea; the discussion continues there.") % values
        if self.kind == NotificationKind.HIDDEN:
            what = _("your comment on “%(title)s”") if self.comment_id else _("your idea “%(title)s”")
            return _("A moderator hid %(what)s. Reason: %(reason)s") % {
                "what": what % values,
                "reason": self.details.get("reason", ""),
            }
        if self.kind == NotificationKind.CO_AUTHOR_ADDED:
            return _("%(who)s added you as a co-author of “%(title)s”.") % values
        if self.kind == NotificationKind.PROJECT_REVIEWED:
            if self.details.get("feasible"):
                return _("“%(title)s” was reviewed and will be on the ballot.") % values
            return _("“%(title)s” was reviewed and found not feasible; the reason is on its page.") % values
        if self.kind == NotificationKind.SUGGESTION_DECIDED:
            if self.details.get("accepted"):
                return _("Your suggested change to “%(title)s” was accepted.") % values
            return _("Your suggested change to “%(title)s” was declined; the reason is on its page.") % values
        if self.kind == NotificationKind.PROJECT_FUNDED:
            return _("“%(title)s” won funding in the vote.") % values
        if self.kind == NotificationKind.DELIVERY_UPDATE:
            return _("News on the delivery of “%(title)s”.") % values
        if self.kind in CHALLENGE_SENTENCES:
            return str(CHALLENGE_SENTENCES[self.kind]) % {**values, "title": self.details.get("title", "")}
        return self.get_kind_display()

    def target_url(self) -> str:
        if self.link:
            return self.link
        if self.comment_id and self.kind != NotificationKind.HIDDEN:
            return self.comment.get_absolute_url()
        if self.kind == NotificationKind.MERGED and self.details.get("into"):
            from django.urls import reverse

            return reverse("ideas:detail", kwargs={"slug": self.idea.space.slug, "idea_id": self.details["into"]})
        if self.project_id:
            return self.project.get_absolute_url()
        return self.idea.get_absolute_url() if self.idea_id else "/"
