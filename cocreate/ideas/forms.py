from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.ideas.models import ANSWER_STATUSES, IdeaStatus
from cocreate.spaces.forms import OfflineEntryForm
from cocreate.web.forms import IdChoiceField, IdsChoiceField


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("Say what you propose in a few words, e.g. “A safe crossing outside the primary school”."),
    )
    body = forms.CharField(
        label=_("Describe your idea"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What problem does it solve, who for, and how would it work?"),
    )
    themes = IdsChoiceField(
        label=_("Themes"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place_name = forms.CharField(
        label=_("Place (optional)"),
        max_length=200,
        required=False,
        help_text=_("A street, a neighbourhood or a building, if it has one."),
    )
    co_author_emails = forms.CharField(
        label=_("Co-authors (optional)"),
        required=False,
        max_length=1000,
        help_text=_("E-mail addresses of their accounts, separated by commas."),
    )

    def __init__(self, *args, themes=None, with_co_authors=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        if not themes.exists():
            del self.fields["themes"]
        if not with_co_authors:
            del self.fields["co_author_emails"]

    def clean_co_author_emails(self):
        raw = self.cleaned_data.get("co_author_emails", "")
        emails = [e.strip() for e in raw.replace(";", ",").split(",") if e.strip()]
        validator = forms.EmailField()
        for email in emails:
            try:
                validator.clean(email)
            except forms.ValidationError:
                raise forms.ValidationError(_("“%(email)s” is not an e-mail address.") % {"email": email})
        return emails


class OnBehalfForm(OfflineEntryForm, IdeaForm):
    """Staff enter an idea for someone who took part offline."""

    offline_author_name = forms.CharField(
        label=_("Name of the person whose idea it is"),
        max_length=80,
        help_text=_("As they want it shown. Write “Anonymous” if they did not give a name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_co_authors=False, **kwargs)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(s.value, s.label) for s in IdeaStatus if s in ANSWER_STATUSES],
    )
    body = forms.CharField(
        label=_("Answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Explain the decision in plain words: what happens next, or why not."),
    )


class MergeForm(forms.Form):
    sources = IdsChoiceField(
        label=_("Ideas to merge into this one"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one idea to merge into this one.")},
    )
    note = forms.CharField(label=_("Note shown on the merged ideas (optional)"), max_length=300, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = candidates


class DuplicateGroupForm(forms.Form):
    """One group on the duplicates page: merge it into one of its ideas, or say they are not duplicates."""

    ideas = IdsChoiceField(
        queryset=None,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("This group has no ideas any more. Reload the page.")},
    )
    target = IdChoiceField(
        label=_("Keep this idea and merge the others into it"),
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the ideas of this group to keep.")},
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = candidates
        self.fields["target"].queryset = candidates

    def clean(self):
        data = super().clean()
        ideas, target = data.get("ideas"), data.get("target")
        if ideas is not None and len(ideas) < 2:
            self.add_error("ideas", _("Some of these ideas were merged or hidden in the meantime. Reload the page."))
        elif ideas is not None and target is not None and target not in ideas:
            self.add_error("target", _("Choose one of the ideas of this group to keep."))
        return data
