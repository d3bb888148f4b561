"""Forms for the listening part of a dialogue space: adding a source, uploading a file of
signals, filtering the dashboard, and turning an emerging issue into a question or a challenge."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models import ChallengeTemplate
from cocreate.dialogue.models import SourceKind
from cocreate.spaces.forms import DateTimeInput
from cocreate.web.forms import IdChoiceField

FORMAT_CHOICES = [
    ("", _("Recognise it from the file")),
    ("311", _("Service requests (Baltimore 311 export)")),
    ("petitions", _("Petitions (We the People export)")),
    ("json", _("JSON or JSON Lines")),
]


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("As staff will read it, e.g. “City news”."))
    kind = forms.ChoiceField(
        label=_("Kind of source"), choices=SourceKind.choices, widget=forms.RadioSelect, initial=SourceKind.FEED
    )
    feed_url = forms.CharField(
        label=_("Feed address (for a feed)"),
        max_length=500,
        required=False,
        help_text=_("The address of an RSS or Atom feed, starting with https://."),
    )
    fetch_every_hours = forms.IntegerField(
        label=_("Fetch the feed every (hours)"), min_value=1, max_value=168, initial=6
    )


class SignalFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV export of service requests or petitions, or a JSON file of signals. At most 50 MB."),
    )
    file_format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)
    source_name = forms.CharField(
        label=_("Source"),
        max_length=120,
        required=False,
        help_text=_(
            "Signals imported again under the same source are updated, not duplicated. "
            "Leave empty to use the format's name."
        ),
    )


class DashboardFilterForm(forms.Form):
    source = IdChoiceField(label=_("Source"), queryset=None, required=False, empty_label=_("All sources"))
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end of the period comes before its start."))
        return data


class IssueQuestionForm(forms.Form):
    dialogue_space = IdChoiceField(label=_("Ask it in"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Question"), max_length=200)
    details = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, spaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dialogue_space"].queryset = spaces


class IssueChallengeForm(forms.Form):
    organisation = IdChoiceField(label=_("Run by"), queryset=None, empty_label=None)
    template = forms.ChoiceField(
        label=_("What kind of challenge is it?"), choices=ChallengeTemplate.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
