from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cocreate.spaces import registry
from cocreate.spaces.models import Origin, ReportReason, SpaceKind, SpaceRoleName, Visibility
from cocreate.web.forms import IdChoiceField, IdsChoiceField


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class OfflineEntryForm(forms.Form):
    """The fields staff fill in when they enter a contribution (an idea, a question) for someone who
    took part offline: where it came from, and the event. Mixed into the contribution's own form
    and kept last on it, after the person's name."""

    origin = forms.ChoiceField(
        label=_("Where did it come from?"),
        widget=forms.RadioSelect,
        choices=[
            (Origin.EVENT, Origin.EVENT.label),
            (Origin.ON_BEHALF, _("From a conversation, a letter or a phone call")),
        ],
    )
    event_name = forms.CharField(
        label=_("Event (if at an event)"),
        max_length=200,
        required=False,
        help_text=_("e.g. “Ramsgate workshop, 3 May”"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("origin", "event_name"):
            self.fields[name] = self.fields.pop(name)


class SpaceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of space"), choices=SpaceKind.choices)
    summary = forms.CharField(label=_("Summary"), max_length=300, help_text=_("One or two sentences shown in lists."))
    question = forms.CharField(
        label=_("Question or challenge"),
        max_length=300,
        required=False,
        help_text=_("The question people are invited to answer, e.g. “How can we make our streets safer?”"),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    target_community = forms.CharField(
        label=_("Who it is for"),
        max_length=300,
        required=False,
        help_text=_("The community this space is meant to reach, e.g. “young people in Harlesden”."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"), choices=Visibility.choices, widget=forms.RadioSelect, initial=Visibility.PUBLIC
    )
    organisations = IdsChoiceField(
        label=_("Run by"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisation running it, and its partners if it is run together."),
    )
    parent = IdChoiceField(
        label=_("Part of a programme"), queryset=None, required=False, empty_label=_("No: it stands on its own")
    )
    residency_required_for = forms.MultipleChoiceField(
        label=_("Only verified residents may"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    residency_area = forms.CharField(
        label=_("Area of residence"),
        max_length=120,
        required=False,
        help_text=_("Shown to people, e.g. “Porto Alegre”."),
    )
    content_language = forms.ChoiceField(label=_("Language of the contributions"), choices=settings.LANGUAGES)

    def __init__(self, *args, organisations=None, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        self.fields["parent"].queryset = parents
        self.fields["residency_required_for"].choices = registry.residency_activity_choices()


class PhaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Share your ideas”"))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])
    activities = forms.MultipleChoiceField(
        label=_("What people can do in this phase"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = registry.phase_activity_choices()


class SpaceRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"))
    role = forms.ChoiceField(label=_("Role"), choices=SpaceRoleName.choices)


class ResidentsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Residents list (CSV)"),
        help_text=_("A CSV file whose first line is “reference,postcode”; the postcode column is optional."),
    )


class ResidencyForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"), max_length=64, help_text=_("It is on the letter the council sent you.")
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=16, required=False)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you hiding it?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author is told this reason. Refer to the rule it breaks."),
    )
