"""Ideas and what gathers around them: themes, co-authors, comments, supports, follows, the
official answer and the lineage of merged ideas."""

from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cocreate.ideas import search
from cocreate.spaces.models import Contribution, Space


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not taken forward")
    MERGED = "merged", _("Merged into another idea")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


# Statuses in which an idea still gathers support.
OPEN_STATUSES = (IdeaStatus.SUBMITTED, IdeaStatus.UNDER_CONSIDERATION)
# Statuses staff may give with an official answer (merging and withdrawing have their own actions).
ANSWER_STATUSES = (IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.ACCEPTED, IdeaStatus.REJECTED)


_STAND_IN_ID = 987654321987654321


@lru_cache(maxsize=1024)
def _idea_url_parts(slug: str, language, script_prefix: str, urlconf) -> tuple[str, str] | None:
    """The address of the ideas of a space, before and after the idea's number, made once per
    process (an address costs more to build than the rest of a support, and lists show many).
    `reverse` depends on the language, the script prefix and the URL configuration besides its
    arguments, hence the key. None if the stand-in number could be mistaken for part of the slug."""
    address = reverse("ideas:detail", kwargs={"slug": slug, "idea_id": _STAND_IN_ID})
    parts = address.split(str(_STAND_IN_ID))
    return (parts[0], parts[1]) if len(parts) == 2 else None


class Theme(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["space", "name"], name="theme_name_once_per_space")]

    def __str__(self):
        return self.name


class IdeaQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)

    def matching(self, text: str, *, any_word: bool = False):
        """Full-text search; SQLite FTS5 or PostgreSQL, decided in `cocreate.ideas.search`."""
        return search.matching(self, text, any_word=any_word)

    def total_supports(self):
        return self.annotate(total_supports=F("supports_count") + F("imported_supports_count"))


class Idea(Contribution):
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("description"), max_length=10000)
    themes = models.ManyToManyField(Theme, blank=True, related_name="ideas", verbose_name=_("themes"))
    place_name = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("A street, a neighbourhood or a building, if it has one."),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="IdeaAuthor", related_name="ideas", verbose_name=_("authors")
    )
    status = models.CharField(_("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_sources",
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    # Stored counters, updated in the same transaction as the rows they count (`cocreate recount`
    # rebuilds them). Supports counted on another platform are kept apart and never recounted.
    supports_count = models.PositiveIntegerField(default=0)
    imported_supports_count = models.PositiveIntegerField(default=0)
    comments_count = models.PositiveIntegerField(default=0)
    # Title, description and themes lower-cased without accents: what full-text search indexes.
    search_text = models.TextField(blank=True, editable=False)
    # Bumped with every change shown on the idea's page (cache keys carry it).
    version = models.PositiveBigIntegerField(default=1)
    external_source = models.CharField(max_length=40, blank=True)
    external_id = models.CharField(max_length=100, blank=True)
    external_url = models.URLField(blank=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["space", "-created_at"], name="idea_newest"),
            models.Index(
                F("space"), (F("supports_count") + F("imported_supports_count")).desc(), name="idea_most_supported"
            ),
            models.Index(fields=["space", "-comments_count"], name="idea_most_discussed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "external_source", "external_id"],
                condition=~Q(external_source=""),
                name="idea_unique_external_id",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False), name="merged_idea_names_its_target"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        parts = _idea_url_parts(self.space.slug, get_language(), get_script_prefix(), urlconf)
        if parts is None or not isinstance(self.pk, int):
            return reverse("ideas:detail", kwargs={"slug": self.space.slug, "idea_id": self.pk})
        return f"{parts[0]}{self.pk}{parts[1]}"

    @property
    def total_supports(self) -> int:
        return self.supports_count + self.imported_supports_count

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES and not self.is_hidden

    def is_authored_by(self, person) -> bool:
        ids = self.__dict__.get("author_ids")  # set by selectors that load only the ids
        if ids is None:
            ids = {a.person_id for a in self.authorships.all()}
        return person.pk in ids

    def author_people(self) -> list:
        """Lead author first (prefetch `authorships__person` to avoid a query per idea)."""
        return [a.person for a in self.authorships.all()]

    def refresh_search_text(self, theme_names: list[str] | None = None) -> None:
        if theme_names is None:
            theme_names = [t.name for t in self.themes.all()] if self.pk else []
        self.search_text = search.normalise(" ".join([self.title, self.body, *theme_names]))

    def touch(self):
        Idea.objects.filter(pk=self.pk).update(version=F("version") + 1)


class IdeaAuthor(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="authorships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="authorships")
    is_lead = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_lead", "added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="idea_author_once")]


class OfficialAnswer(models.Model):
    """The public body's answer to an idea, given with its status."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="answer")
    body = models.TextField(_("answer"), max_length=10000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("answered by")
    )
    answered_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")

    def __str__(self):
        return self.body[:60]


class IdeaStatusChange(models.Model):
    """The public history of an idea's status: who changed it, when and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=IdeaStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]


class Support(models.Model):
    # No index of their own: the unique (idea, person) index answers "does this person support
    # these ideas?" too, and every index is one more page written for each support.
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports", db_index=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports", db_index=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When ideas are merged, supporters of the sources are carried to the merged idea; this
    # says from which idea, so each carried support stays traceable.
    carried_from = models.ForeignKey(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_supports", db_index=False
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="support_once_per_person")]
        indexes = [
            models.Index(fields=["carried_from"], condition=Q(carried_from__isnull=False), name="support_carried"),
        ]


class Follow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows", db_index=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="follow_once_per_person")]
        indexes = [models.Index(fields=["person", "idea"], name="follow_by_person")]


class Comment(Contribution):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="comments")
    body = models.TextField(_("comment"), max_length=5000)
    depth = models.PositiveSmallIntegerField(default=0)
    imported_upvotes = models.PositiveIntegerField(default=0)
    imported_downvotes = models.PositiveIntegerField(default=0)
    external_source = models.CharField(max_length=40, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["idea", "created_at"], name="comment_by_idea")]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "external_source", "external_id"],
                condition=~Q(external_source=""),
                name="comment_unique_external_id",
            ),
        ]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"

    def is_authored_by(self, person) -> bool:
        return self.author_id == person.pk

    def author_people(self) -> list:
        return [self.author] if self.author else []

    def belongs_to(self):
        return self.idea


class NotDuplicatesDecision(models.Model):
    """A moderator looked at a group of ideas suggested as duplicates and said they are not: the
    same group is not suggested again (a group with another idea in it is)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="not_duplicates_decisions")
    # The ids of the group, sorted, separated by commas: "12,40,57".
    idea_ids = models.CharField(max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision that ideas are not duplicates")
        verbose_name_plural = _("decisions that ideas are not duplicates")
        constraints = [
            models.UniqueConstraint(fields=["space", "idea_ids"], name="not_duplicates_once_per_group"),
        ]

    @staticmethod
    def key(ids) -> str:
        return ",".join(str(i) for i in sorted({int(i) for i in ids}))

    def id_set(self) -> frozenset[int]:
        return frozenset(int(i) for i in self.idea_ids.split(",") if i)
