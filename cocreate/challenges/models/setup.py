"""A challenge: the space it runs in, the template it was started from, its rules for teams,
and (for a hackathon) the catalogue of open datasets people may build on."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import OrganisationKind
from cocreate.spaces.models import Space


class ChallengeTemplate(models.TextChoices):
    COMPETITION = "competition", _("From ideas to prototypes (competition)")
    OPEN_QUESTION = "open_question", _("Open question (proposals, condensing, vote, co-design)")
    HACKATHON = "hackathon", _("Hackathon on open data")
    PARTNERED = "partnered", _("Partnered programme (mixed teams)")


class Challenge(models.Model):
    """What a challenge space adds to a space: how it was set up and the rules its teams follow.
    The phases and activities themselves are the space's (`Space.phases`)."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="challenge")
    template = models.CharField(_("template"), max_length=20, choices=ChallengeTemplate.choices)
    team_min_size = models.PositiveSmallIntegerField(_("smallest team"), default=1)
    team_max_size = models.PositiveSmallIntegerField(
        _("largest team"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    one_team_per_person = models.BooleanField(
        _("each person joins one team only"),
        default=True,
        help_text=_("Mentors are not counted: they may help several teams."),
    )
    votes_per_theme = models.PositiveSmallIntegerField(
        _("votes per sub-theme"),
        default=1,
        help_text=_("How many condensed proposals each person may vote for in each sub-theme."),
    )
    co_design_places = models.PositiveSmallIntegerField(
        _("condensed proposals invited to co-design, per sub-theme"),
        default=1,
        help_text=_("The authors of the originals inside the top ones get an invitation."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self):
        return str(self.space)


class RuleMatch(models.TextChoices):
    SKILL = "skill", _("has the skill")
    EXPERTISE = "expertise", _("has the field of expertise")
    ORGANISATION_KIND = "organisation_kind", _("is a member of an organisation of the kind")


class CompositionRule(models.Model):
    """ "Every team has at least one digital specialist": a team may enter only when each of
    its challenge's rules is met by its members (mentors not counted)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="composition_rules")
    label = models.CharField(
        _("who the team needs"),
        max_length=120,
        help_text=_("In plain words, as teams will read it, e.g. “a digital specialist”."),
    )
    minimum = models.PositiveSmallIntegerField(_("at least"), default=1)
    match = models.CharField(_("a member counts when they"), max_length=20, choices=RuleMatch.choices)
    # A skill or field of expertise by name, or an OrganisationKind value.
    value = models.CharField(_("value"), max_length=120)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("team composition rule")
        verbose_name_plural = _("team composition rules")
        constraints = [
            models.CheckConstraint(condition=Q(minimum__gte=1), name="composition_rule_minimum_at_least_one"),
        ]

    def __str__(self):
        return f"{self.minimum} × {self.label}"

    def value_label(self) -> str:
        if self.match == RuleMatch.ORGANISATION_KIND:
            return str(dict(OrganisationKind.choices).get(self.value, self.value))
        return self.value


class Dataset(models.Model):
    """An open dataset in a hackathon's catalogue: where to get it and under which licence."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="datasets")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    publisher = models.CharField(_("published by"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"), max_length=120, help_text=_("e.g. “Open Government Licence v3.0”, “CC BY 4.0”.")
    )
    licence_url = models.URLField(_("licence link"), blank=True)
    url = models.URLField(_("link to the data"), blank=True)
    file = models.FileField(_("file"), upload_to="challenges/datasets/%Y/", blank=True)
    data_format = models.CharField(_("format"), max_length=40, blank=True, help_text=_("e.g. CSV, JSON, GeoJSON."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(file=""), name="dataset_has_link_or_file"),
        ]

    def __str__(self):
        return self.title
