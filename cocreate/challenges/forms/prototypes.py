"""Forms for prototypes, test sessions and feedback. They parse what people typed; the services
decide what is allowed and say why not."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.activities.prototypes import allowed_stages
from cocreate.challenges.models import Stage, WouldUse
from cocreate.spaces.forms import DateTimeInput
from cocreate.web.forms import IdChoiceField, IdsChoiceField

TEXTAREA = {"rows": 5}
DATETIME = {"widget": DateTimeInput(), "input_formats": ["%Y-%m-%dT%H:%M"]}
EASE_CHOICES = (
    (1, _("1 – very hard")),
    (2, _("2 – hard")),
    (3, _("3 – neither hard nor easy")),
    (4, _("4 – easy")),
    (5, _("5 – very easy")),
)


class IdeaChoices(IdsChoiceField):
    def label_from_instance(self, idea):
        return idea.title


class PrototypeEditForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the prototype"), max_length=150, help_text=_("e.g. “Bulky waste booking by text message”.")
    )
    summary = forms.CharField(label=_("What it is and who it is for"), max_length=5000, widget=forms.Textarea(TEXTAREA))
    source_ideas = IdeaChoices(
        label=_("Ideas it came from"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their authors and supporters are invited first to test it."),
    )

    def __init__(self, *args, ideas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_ideas"].queryset = ideas


class PrototypeForm(PrototypeEditForm):
    team = IdChoiceField(
        label=_("Team"),
        queryset=None,
        required=False,
        empty_label=_("No team: I submit it myself"),
        help_text=_("Only members of a team can submit a prototype for it."),
    )
    origin = forms.ChoiceField(
        label=_("Where was it made?"),
        choices=(("online", _("Online")), ("event", _("At an event (a workshop, a camp, a hack day)"))),
        initial="online",
        widget=forms.RadioSelect,
    )
    event_name = forms.CharField(
        label=_("Name of the event (if made at one)"),
        max_length=200,
        required=False,
        help_text=_("e.g. “Innovation camp, Maidstone, 3 May”."),
    )
    link = forms.URLField(
        label=_("Link to try it (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("A web page, a clickable mock-up or a video."),
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if teams is not None and not teams.exists():
            del self.fields["team"]


class VersionForm(forms.Form):
    notes = forms.CharField(
        label=_("What changed in this version"),
        max_length=5000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("e.g. “Bigger buttons, after testers found the old ones hard to press.”"),
    )
    link = forms.URLField(label=_("Link to try it (optional)"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File (optional)"), required=False, help_text=_("e.g. a PDF or a picture."))


class GateForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move it to"), choices=(), widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("What the decision rests on: test results, a pilot report, figures. Everyone can read it."),
    )
    evidence_link = forms.URLField(label=_("Link to the evidence (optional)"), required=False, assume_scheme="https")

    def __init__(self, *args, stage: str = Stage.CONCEPT, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Stage.choices)
        self.fields["to_stage"].choices = [(s, labels[s]) for s in allowed_stages(stage)]


class TestSessionForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the session"), max_length=200, help_text=_("e.g. “Testing at Ramsgate library”.")
    )
    version = IdChoiceField(label=_("Version tested"), queryset=None, empty_label=None)
    instructions = forms.CharField(
        label=_("What testers are asked to do (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(TEXTAREA),
    )
    tasks = forms.CharField(
        label=_("Tasks to try"),
        widget=forms.Textarea(TEXTAREA),
        help_text=_("One per line, at most 20, e.g. “Book a collection of bulky waste”."),
    )
    starts_at = forms.DateTimeField(label=_("Opens"), **DATETIME)
    ends_at = forms.DateTimeField(label=_("Closes"), **DATETIME)
    open_to_everyone_at = forms.DateTimeField(
        label=_("Open to everyone from (optional)"),
        required=False,
        help_text=_("Until then only invited people can give feedback. Leave empty to keep it to invited people."),
        **DATETIME,
    )
    event = IdChoiceField(label=_("At an event (optional)"), queryset=None, required=False)
    invite_emails = forms.CharField(
        label=_("Also invite (optional)"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_(
            "E-mail addresses of people with an account, one per line. The authors and supporters of the ideas "
            "it came from are invited anyway."
        ),
    )

    def __init__(self, *args, versions=None, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions
        self.fields["version"].label_from_instance = lambda v: _("Version %(n)s") % {"n": v.number}
        self.fields["event"].queryset = events
        if events is not None and not events.exists():
            del self.fields["event"]


class InviteForm(forms.Form):
    invite_emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Of people with an account, one per line."),
    )


class FeedbackForm(forms.Form):
    tasks_done = forms.TypedMultipleChoiceField(
        label=_("Which tasks did you manage to do?"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each task you managed. Leave the others unticked."),
    )
    ease = forms.TypedChoiceField(
        label=_("How easy was it?"), choices=EASE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    would_use = forms.ChoiceField(label=_("Would you use it?"), choices=WouldUse.choices, widget=forms.RadioSelect)
    comments = forms.CharField(
        label=_("Comments (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("What worked, what did not, what you would change. Only the team and the organisers read it."),
    )

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.task_count = len(tasks)
        self.fields["tasks_done"].choices = list(enumerate(tasks))

    def clean_tasks_done(self):
        ticked = set(self.cleaned_data["tasks_done"])
        return [index in ticked for index in range(self.task_count)]


class PaperFeedbackForm(FeedbackForm):
    tester_name = forms.CharField(
        label=_("Tester's name (optional)"),
        required=False,
        max_length=80,
        help_text=_("As they wrote it on the form. Leave empty for “Anonymous”."),
    )
    field_order = ["tester_name", "tasks_done", "ease", "would_use", "comments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks_done"].label = _("Which tasks did they manage to do?")
        self.fields["tasks_done"].help_text = _("Tick each task ticked on their form.")
        self.fields["ease"].label = _("How easy did they find it?")
        self.fields["would_use"].label = _("Would they use it?")
        self.fields["comments"].help_text = _("Copy what they wrote, word for word.")
