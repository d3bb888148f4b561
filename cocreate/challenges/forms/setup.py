"""Forms for starting and running a challenge."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import OrganisationKind
from cocreate.challenges.models import ChallengeTemplate, RuleMatch
from cocreate.spaces.forms import DateTimeInput
from cocreate.spaces.models import Visibility
from cocreate.web.forms import IdChoiceField, IdsChoiceField


class ChallengeStartForm(forms.Form):
    template = forms.ChoiceField(
        label=_("What kind of challenge is it?"),
        choices=ChallengeTemplate.choices,
        widget=forms.RadioSelect,
        help_text=_("It sets up the phases and what people can do in each. You can change them afterwards."),
    )
    organisation = IdChoiceField(label=_("Run by"), queryset=None, empty_label=None)
    partners = IdsChoiceField(
        label=_("Partners running it with you (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    question = forms.CharField(
        label=_("Question or challenge"),
        max_length=300,
        required=False,
        help_text=_("The question people are invited to answer, e.g. “How can we make our streets safer?”"),
    )
    target_community = forms.CharField(label=_("Who it is for"), max_length=300, required=False)
    visibility = forms.ChoiceField(
        label=_("Who can read it"), choices=Visibility.choices, widget=forms.RadioSelect, initial=Visibility.PUBLIC
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("The first phase starts then; the others follow on the dates the template suggests."),
    )

    def __init__(self, *args, organisations=None, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["partners"].queryset = partners


class ChallengeSettingsForm(forms.Form):
    team_min_size = forms.IntegerField(label=_("Smallest team"), min_value=1, max_value=100)
    team_max_size = forms.IntegerField(
        label=_("Largest team"), min_value=1, max_value=100, required=False, help_text=_("Leave empty for no limit.")
    )
    one_team_per_person = forms.BooleanField(
        label=_("Each person joins one team only"),
        required=False,
        help_text=_("Mentors are not counted: they may help several teams."),
    )
    votes_per_theme = forms.IntegerField(
        label=_("Votes per sub-theme"),
        min_value=1,
        max_value=100,
        help_text=_("How many condensed proposals each person may vote for in each sub-theme."),
    )
    co_design_places = forms.IntegerField(
        label=_("Condensed proposals invited to co-design, per sub-theme"), min_value=0, max_value=100
    )


class CompositionRuleForm(forms.Form):
    label = forms.CharField(
        label=_("Who the team needs"),
        max_length=120,
        help_text=_("In plain words, as teams will read it, e.g. “a digital specialist”."),
    )
    minimum = forms.IntegerField(label=_("At least how many"), min_value=1, max_value=50, initial=1)
    match = forms.ChoiceField(label=_("A member counts when they"), choices=RuleMatch.choices, widget=forms.RadioSelect)
    value = forms.CharField(
        label=_("Skill, field of expertise or kind of organisation"),
        max_length=120,
        help_text=_(
            "As people write it on their profile, e.g. “Software development”; for a kind of organisation, "
            "one of: %(kinds)s."
        )
        % {"kinds": ", ".join(OrganisationKind.values)},
    )


class DatasetForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What it contains"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    publisher = forms.CharField(label=_("Published by"), max_length=200, required=False)
    licence = forms.CharField(
        label=_("Licence"),
        max_length=120,
        required=False,
        help_text=_("e.g. “Open Government Licence v3.0”, “CC BY 4.0”."),
    )
    licence_url = forms.URLField(label=_("Link to the licence (optional)"), required=False, assume_scheme="https")
    url = forms.URLField(label=_("Link to the data"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("Or upload the file"), required=False, help_text=_("At most 50 MB. Larger data belongs on a portal.")
    )
    data_format = forms.CharField(
        label=_("Format"), max_length=40, required=False, help_text=_("e.g. CSV, JSON, GeoJSON.")
    )
