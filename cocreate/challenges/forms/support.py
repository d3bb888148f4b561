"""Forms for support after the challenge: a need, an offer, a kind of support, a proposed
match, a check-in answer. The services validate again and their messages land on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models import Stage
from cocreate.web.forms import IdChoiceField

TEXTAREA = {"rows": 5}


class NeedForm(forms.Form):
    team = IdChoiceField(label=_("Team"), queryset=None, empty_label=None)
    kind = IdChoiceField(label=_("Kind of support"), queryset=None, widget=forms.RadioSelect, empty_label=None)
    description = forms.CharField(
        label=_("What would help"),
        max_length=3000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("e.g. “A council site where we can run a six-week pilot with real residents.”"),
    )
    prototype = IdChoiceField(label=_("For which prototype (optional)"), queryset=None, required=False)

    def __init__(self, *args, teams, kinds, prototypes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["kind"].queryset = kinds
        self.fields["prototype"].queryset = prototypes
        if teams.count() == 1:
            self.fields["team"].widget = forms.HiddenInput()
            self.fields["team"].initial = teams.first().pk
        if not prototypes.exists():
            del self.fields["prototype"]


class OfferForm(forms.Form):
    kind = IdChoiceField(label=_("Kind of support"), queryset=None, widget=forms.RadioSelect, empty_label=None)
    description = forms.CharField(
        label=_("What you offer"),
        max_length=3000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("What teams get, when, and what you ask of them in return, if anything."),
    )
    organisation = IdChoiceField(label=_("On behalf of"), queryset=None, required=False)
    capacity = forms.IntegerField(
        label=_("How many teams can you support? (optional)"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Leave empty for no limit."),
    )

    def __init__(self, *args, kinds, organisations, organisation_required, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = organisation_required
        if not organisation_required:
            self.fields["organisation"].label = _("On behalf of (optional: leave empty to offer as the organisers)")


class KindForm(forms.Form):
    name = forms.CharField(label=_("Name of the kind of support"), max_length=80, help_text=_("e.g. “Legal advice”."))
    description = forms.CharField(label=_("Description (optional)"), max_length=300, required=False)


class ProposeForm(forms.Form):
    need = IdChoiceField(label=_("Need"), queryset=None)
    offer = IdChoiceField(label=_("Offer"), queryset=None)
    notes = forms.CharField(
        label=_("Note to both sides (optional)"), max_length=3000, required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args, needs, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs
        self.fields["need"].label_from_instance = lambda need: f"{need.team.name}: {need.kind}"
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = _offer_label


def _offer_label(offer) -> str:
    who = offer.organisation.name if offer.organisation_id else _("The organisers")
    return f"{who}: {offer.kind}"


YES_NO = [("yes", _("Yes, we are still working on it")), ("no", _("No, it has stopped"))]


class CheckInForm(forms.Form):
    still_alive = forms.ChoiceField(label=_("Is the prototype still alive?"), choices=YES_NO, widget=forms.RadioSelect)
    stage = forms.ChoiceField(
        label=_("What stage is it at now? (optional)"), choices=[("", "—"), *Stage.choices], required=False
    )
    notes = forms.CharField(
        label=_("What happened since (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("Who uses it, what support helped, what got in the way."),
    )
