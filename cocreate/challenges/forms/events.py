"""Forms for events. Dates and times are typed as a clock shows them where the event takes
place (in its time zone); the service turns them into UTC."""

from datetime import datetime

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models import EventKind
from cocreate.web.forms import IdsChoiceField

TEXTAREA = {"rows": 5}
COMMON_ZONES = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Australia/Sydney",
    "UTC",
)


class LocalDateTimeField(forms.SplitDateTimeField):
    """A date and a time, kept as the clock time typed (no time zone): the event's time zone
    decides what moment it is."""

    widget = forms.SplitDateTimeWidget(
        date_attrs={"type": "date", "class": "input input--date"},
        time_attrs={"type": "time", "class": "input input--time"},
        date_format="%Y-%m-%d",
        time_format="%H:%M",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A <label> cannot point at two inputs (Django gives it no `for`): each input is named.
        self.widget.widgets[0].attrs["aria-label"] = format_lazy("{} – {}", self.label, _("date"))
        self.widget.widgets[1].attrs["aria-label"] = format_lazy("{} – {}", self.label, _("time"))

    def compress(self, data_list):
        if data_list and data_list[0] and data_list[1]:
            return datetime.combine(data_list[0], data_list[1])
        if data_list and (data_list[0] or data_list[1]):
            raise forms.ValidationError(_("Enter both a date and a time."), code="incomplete")
        return None


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What happens at the event (optional)"), required=False, widget=forms.Textarea(TEXTAREA)
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_("Where the event takes place, e.g. Europe/London. Times below are as a clock there shows them."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off", "spellcheck": "false"}),
    )
    starts_at = LocalDateTimeField(label=_("Starts"), help_text=_("Date, then time, e.g. 2027-05-03 and 18:00."))
    ends_at = LocalDateTimeField(label=_("Ends"))
    place_name = forms.CharField(
        label=_("Place (optional for an online event)"),
        max_length=200,
        required=False,
        help_text=_("e.g. “Maidstone library”."),
    )
    address = forms.CharField(label=_("Address (optional)"), required=False, widget=forms.Textarea({"rows": 3}))
    online_url = forms.CharField(
        label=_("Online link (optional)"),
        max_length=200,
        required=False,
        help_text=_("Shown only to people with a place, on the event's page and in their own calendar file."),
    )
    capacity = forms.IntegerField(
        label=_("Places (optional)"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit. When the event is full, people join a waiting list."),
    )
    registration_closes_at = LocalDateTimeField(
        label=_("Registration closes (optional)"),
        required=False,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )
    asks_access_needs = forms.BooleanField(
        label=_("Ask people about their access needs when they register"),
        required=False,
        initial=True,
        help_text=_("Only the organisers see the answers, and they are deleted after the event."),
    )


class CancelEventForm(forms.Form):
    cancel_reason = forms.CharField(
        label=_("Why is it cancelled? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Everyone registered is told, and this is shown on the event's page."),
    )


class RegisterForm(forms.Form):
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_(
            "Anything that would help you take part: step-free access, a hearing loop, an interpreter, "
            "a quiet room, food you cannot eat. Only the organisers see this, and it is deleted after the event."
        ),
    )

    def __init__(self, *args, asks_access_needs: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks_access_needs:
            del self.fields["access_needs"]


class RegisterSomeoneForm(RegisterForm):
    name = forms.CharField(
        label=_("Their name"),
        max_length=80,
        required=False,
        help_text=_("For someone without an account: they are registered under this name."),
    )
    email = forms.EmailField(
        label=_("Their e-mail address, if they have an account (optional)"),
        required=False,
        help_text=_("Their account is registered and they are told on the site."),
    )
    field_order = ["name", "email", "access_needs"]


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, required=False)
    email = forms.EmailField(label=_("E-mail address, if they have an account (optional)"), required=False)


class CaptureIdeaForm(forms.Form):
    title = forms.CharField(label=_("Title of the idea"), max_length=150)
    body = forms.CharField(label=_("The idea"), widget=forms.Textarea(TEXTAREA))
    authors = IdsChoiceField(
        label=_("Whose idea is it?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The people checked in who had the idea: they are its authors."),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = people
        self.fields["authors"].label_from_instance = lambda person: person.public_name


class EventNoteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Table 3: transport to the clinic”."))
    body = forms.CharField(label=_("Notes"), max_length=20000, widget=forms.Textarea({"rows": 10}))
    contributors = IdsChoiceField(
        label=_("With contributions from (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The people checked in who took part: they are credited."),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributors"].queryset = people
        self.fields["contributors"].label_from_instance = lambda person: person.public_name
