"""Participatory budgeting: budgets inside a budget space, the projects people propose, their
review, suggested changes, ballots and the record of who voted (kept apart), voting codes,
counted results and delivery updates.

Secrecy of the vote is a property of this schema, not only of the screens: a `Ballot` holds
what was chosen and nothing that names the voter (a random id, no time, no person); a
`VoterRecord` holds who voted, when and through which channel, and nothing of the choice. The
only link, `Ballot.change_key`, is a keyed hash a voter's own session can recompute to change
their ballot; it is erased when the vote closes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocreate.spaces.models import Contribution, Resident, Space


class BallotKind(models.TextChoices):
    APPROVAL = "approval", _("Choose projects (approval)")
    KNAPSACK = "knapsack", _("Choose projects within the budget")
    CUMULATIVE = "cumulative", _("Share out points")
    RANKED = "ranked", _("Rank projects in order of preference")


class CountingRule(models.TextChoices):
    # Values are the names `cocreate budget count --rule` takes.
    GREEDY = "greedy", _("Most votes first (greedy)")
    MES = "mes", _("Method of Equal Shares")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares, completed by raising voters' budgets")
    MES_ADD1_NO_STOP = (
        "mes-add1-no-stop",
        _("Method of Equal Shares, completed by raising voters' budgets as far as the budget allows"),
    )


class Budget(models.Model):
    """One pot of money within a space: the whole city's, a district's or a theme's."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="budgets")
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “Centro district” or “Health”."))
    description = models.TextField(_("description"), blank=True)
    amount = models.DecimalField(_("amount available"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", help_text=_("e.g. EUR, BRL, GBP."))
    voters_district = models.CharField(
        _("who may vote"),
        max_length=120,
        blank=True,
        help_text=_("Only residents of this district vote in this budget. Leave empty to let everyone vote."),
    )
    ballot_kind = models.CharField(
        _("kind of ballot"), max_length=12, choices=BallotKind.choices, default=BallotKind.APPROVAL
    )
    min_projects = models.PositiveSmallIntegerField(_("fewest projects on a ballot"), default=1)
    max_projects = models.PositiveSmallIntegerField(
        _("most projects on a ballot"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    min_spend_percent = models.PositiveSmallIntegerField(
        _("spend at least (per cent of the budget)"),
        default=0,
        help_text=_("For ballots within the budget: voters must choose projects worth at least this share."),
    )
    points = models.PositiveSmallIntegerField(
        _("points each voter shares out"), default=10, help_text=_("For ballots that share out points.")
    )
    counting_rule = models.CharField(
        _("how votes are counted"), max_length=20, choices=CountingRule.choices, default=CountingRule.MES_ADD1
    )
    # Set with the first ballot: from then on the ballot and counting rules cannot change.
    rules_frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last count, as `budget_count` stored it (see cocreate.budgets.results).
    results = models.JSONField(null=True, blank=True, editable=False)
    counted_at = models.DateTimeField(null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_amount_positive"),
            models.CheckConstraint(condition=Q(min_spend_percent__lte=100), name="budget_min_spend_at_most_all"),
            models.CheckConstraint(
                condition=Q(max_projects__isnull=True) | Q(max_projects__gte=F("min_projects")),
                name="budget_max_projects_not_below_min",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budgets:budget", kwargs={"slug": self.space.slug, "budget_id": self.pk})

    @property
    def rules_frozen(self) -> bool:
        return self.rules_frozen_at is not None


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for review")
    FEASIBLE = "feasible", _("On the ballot")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")
    WITHDRAWN = "withdrawn", _("Withdrawn by its proposer")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")


class DeliveryStage(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNING = "planning", _("Planning")
    UNDER_WAY = "under_way", _("Under way")
    DELIVERED = "delivered", _("Delivered")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class Project(Contribution):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=10000)
    cost = models.DecimalField(_("estimated cost"), max_digits=14, decimal_places=2)
    benefits = models.TextField(_("benefits"), blank=True, help_text=_("Who gains, and how."))
    disruption = models.TextField(
        _("disruption"), blank=True, help_text=_("Road works, noise or closures while it is built.")
    )
    schedule = models.CharField(_("schedule"), max_length=300, blank=True, help_text=_("e.g. “Spring to autumn 2027”."))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    category = models.CharField(_("category"), max_length=80, blank=True, help_text=_("e.g. “Health”, “Mobility”."))
    district = models.CharField(_("district"), max_length=120, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="budget_projects"
    )
    # Who proposed it at a meeting or on paper, when staff entered it for them.
    proposer_name = models.CharField(_("proposed by"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED)
    # The staff review: their cost estimate replaces the proposer's when given.
    reviewed_cost = models.DecimalField(_("cost estimated by staff"), max_digits=14, decimal_places=2, null=True)
    review_note = models.TextField(_("review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    delivery_stage = models.CharField(
        _("delivery"), max_length=12, choices=DeliveryStage.choices, default=DeliveryStage.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    followers_count = models.PositiveIntegerField(default=0)
    # The id the project has in a Pabulib file it came from (kept for export and re-import).
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["budget", "status"], name="project_budget_status")]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gt=0), name="project_cost_positive"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_at_most_100"),
            models.UniqueConstraint(
                fields=["budget", "external_id"], condition=~Q(external_id=""), name="project_external_id_once"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budgets:project", kwargs={"slug": self.space.slug, "project_id": self.pk})

    @property
    def final_cost(self):
        """What the project costs on the ballot: the staff estimate when there is one."""
        return self.reviewed_cost if self.reviewed_cost is not None else self.cost

    @property
    def body(self) -> str:
        """What moderators read, as for any contribution."""
        return self.description

    @property
    def on_ballot(self) -> bool:
        return self.status in (ProjectStatus.FEASIBLE, ProjectStatus.FUNDED, ProjectStatus.NOT_FUNDED)

    def is_authored_by(self, person) -> bool:
        return self.proposed_by_id is not None and self.proposed_by_id == person.pk

    def author_people(self) -> list:
        return [self.proposed_by] if self.proposed_by_id else []


class ProjectFollow(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="project_follow_once")]


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ChangeSuggestion(Contribution):
    """A citizen suggests a change to a project; staff accept or decline it in public."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("suggested change"), max_length=3000)
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    response = models.TextField(_("response"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("suggested change")
        verbose_name_plural = _("suggested changes")

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#suggestion-{self.pk}"

    def is_authored_by(self, person) -> bool:
        return self.author_id is not None and self.author_id == person.pk

    def author_people(self) -> list:
        return [self.author] if self.author_id else []

    def belongs_to(self):
        return self.project


class DeliveryUpdate(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=DeliveryStage.choices)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"))
    milestone = models.CharField(_("milestone reached"), max_length=200, blank=True)
    body = models.TextField(_("update"), max_length=5000)
    attachment = models.FileField(_("photo or document"), upload_to="budgets/updates/%Y/%m/", blank=True)
    attachment_caption = models.CharField(_("what it shows"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_at_most_100")]

    def __str__(self):
        return self.milestone or self.body[:60]


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    CODE = "code", _("With a voting code, entered by staff")
    PAPER = "paper", _("On paper, entered by staff")
    IMPORTED = "imported", _("Imported from a Pabulib file")


class VoterRecord(models.Model):
    """That someone has voted in a budget, and how: never what they chose. The unique
    constraints are what makes a ballot count once per person and per residents-list entry,
    across every channel and every server."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="voter_records")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An imported ballot's voter id in its Pabulib file, so a re-import does not add it twice.
    external_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "person"], condition=Q(person__isnull=False), name="one_ballot_per_person"
            ),
            models.UniqueConstraint(
                fields=["budget", "resident"], condition=Q(resident__isnull=False), name="one_ballot_per_resident"
            ),
            models.UniqueConstraint(
                fields=["budget", "external_id"], condition=~Q(external_id=""), name="one_ballot_per_imported_voter"
            ),
        ]


class Ballot(models.Model):
    """What one voter chose, with nothing that says who they are. `choices` is a list of
    [project id, score] in the voter's order: score 1 for approval, the points for cumulative;
    for ranked ballots the order is the ranking."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField()
    # Aggregated only, over groups of at least 10 ballots (age group, district…).
    attributes = models.JSONField(default=dict, blank=True)
    # HMAC of the voter and budget under the site's secret: lets the voter's own session find
    # the ballot to change it. Erased when the vote closes.
    change_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "change_key"], condition=Q(change_key__isnull=False), name="ballot_change_key_once"
            )
        ]


class VotingCode(models.Model):
    """A one-time code issued to an entry of the residents list, for voting at a meeting or on
    paper; staff enter the ballot with it. Only a hash of the code is kept."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="voting_codes")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who entered the ballot."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["budget", "code_hash"], name="voting_code_unique"),
            models.UniqueConstraint(fields=["budget", "resident"], name="voting_code_one_per_resident"),
        ]
