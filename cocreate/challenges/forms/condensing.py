"""Forms for condensing: a condensed proposal, picking ideas on the workbench, sending the
co-design invitations, answering one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.web.forms import IdChoiceField, IdsChoiceField

TEXTAREA = {"rows": 6}


class CondensedForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("What the grouped ideas propose, in a few words people will recognise."),
    )
    body = forms.CharField(
        label=_("The condensed proposal"),
        max_length=10000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_(
            "Say what the original ideas have in common, in plain words. The originals stay online as they are."
        ),
    )
    theme = IdChoiceField(
        label=_("Sub-theme"),
        queryset=None,
        empty_label=_("Choose a sub-theme"),
        help_text=_("People vote for condensed proposals within each sub-theme."),
        error_messages={"required": _("Choose the sub-theme people will vote in.")},
    )
    ideas = IdsChoiceField(
        label=_("Original ideas it includes"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick an idea to leave it out."),
        error_messages={"required": _("Choose at least one idea to include.")},
    )

    def __init__(self, *args, themes=None, ideas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        if ideas is None:
            del self.fields["ideas"]
        else:
            self.fields["ideas"].queryset = ideas
            self.fields["ideas"].label_from_instance = lambda idea: idea.title


class WorkbenchForm(forms.Form):
    """The ideas ticked on the workbench, and what to do with them."""

    ACTIONS = (("new", _("Start a new condensed proposal with them")), ("add", _("Add them to a condensed proposal")))

    ideas = IdsChoiceField(
        label=_("Ideas"),
        queryset=None,
        error_messages={"required": _("Tick at least one idea first.")},
    )
    action = forms.ChoiceField(choices=ACTIONS, initial="new")
    condensed = IdChoiceField(
        label=_("Condensed proposal to add them to"),
        queryset=None,
        required=False,
        empty_label=_("Choose a condensed proposal"),
    )

    def __init__(self, *args, ideas=None, condensed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = ideas
        self.fields["condensed"].queryset = condensed

    def clean(self):
        data = super().clean()
        if data.get("action") == "add" and not data.get("condensed"):
            self.add_error("condensed", _("Choose the condensed proposal to add the ideas to."))
        return data


class InviteForm(forms.Form):
    event = IdChoiceField(
        label=_("Co-design event (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No event yet: we will tell them the date later"),
        help_text=_("The invitation names the event. Add the event on the events page first if it is not listed."),
    )

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you take part in the co-design?"),
        choices=(("accept", _("Yes, I will take part")), ("decline", _("No, I cannot take part"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
