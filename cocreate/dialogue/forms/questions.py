"""Forms for questions to officials: asking (or entering a question for someone offline), opening
a selection round, selecting questions, answering and declining. The services validate again and
their messages land on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.spaces.forms import OfflineEntryForm
from cocreate.web.forms import IdChoiceField, IdsChoiceField


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("One question, as you would ask it, e.g. “When will the bus lines to the north be restored?”"),
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Where, since when, what you have already tried: what helps the official answer well."),
    )


class OnBehalfQuestionForm(OfflineEntryForm, QuestionForm):
    """Staff enter a question for someone who took part offline."""

    on_behalf_of_name = forms.CharField(
        label=_("Name of the person whose question it is"),
        max_length=80,
        help_text=_("As they want it shown. Write “Anonymous” if they did not give a name."),
    )


class SelectionRoundForm(forms.Form):
    selects_on = forms.DateField(
        label=_("Selection date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("e.g. the first day of next month. Enter it as 2026-12-01."),
    )
    top_n = forms.IntegerField(
        label=_("How many questions to select"),
        min_value=1,
        max_value=100,
        initial=5,
        help_text=_("If you have not chosen by the selection date, this many of the most supported are selected."),
    )


class SelectQuestionsForm(forms.Form):
    questions = IdsChoiceField(
        label=_("Questions to select"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The most supported open questions come first."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = candidates
        self.fields["questions"].label_from_instance = lambda q: f"{q.title} ({q.supports_count})"


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Answer"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    # Checked by the service (https only), so that its message is the one people read.
    video_url = forms.CharField(
        label=_("Video link (optional)"),
        max_length=500,
        required=False,
        help_text=_("A secure address starting with https://, e.g. https://www.youtube.com/watch?v=…"),
    )
    transcript = forms.CharField(
        label=_("Transcript of the video (optional)"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Everything said in the video, for people who cannot watch or hear it."),
    )
    measure_title = forms.CharField(
        label=_("Measure announced (optional)"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Decree 55.123 on public transport”"),
    )
    measure_url = forms.CharField(
        label=_("Web address of the measure"), max_length=500, required=False, help_text=_("Starting with https://")
    )
    linked_space = IdChoiceField(
        label=_("Where people can take part next (optional)"),
        queryset=None,
        required=False,
        help_text=_("A space of this platform, e.g. a challenge opened in answer to the question."),
    )

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linked_space"].queryset = spaces


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this question declined?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown publicly on the question's page, e.g. “This is decided by the city council, not the state.”"
        ),
    )
