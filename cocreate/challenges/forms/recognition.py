"""Forms for recognition and prizes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models import PaymentStatus, RecognitionKind
from cocreate.web.forms import IdChoiceField


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of recognition"), choices=RecognitionKind.choices, widget=forms.RadioSelect)
    recipient = IdChoiceField(
        label=_("Person"), queryset=None, required=False, help_text=_("A certificate always goes to a person.")
    )
    organisation = IdChoiceField(label=_("Or an organisation (public credits only)"), queryset=None, required=False)
    team = IdChoiceField(label=_("For their work in the team (optional)"), queryset=None, required=False)
    citation = forms.CharField(
        label=_("What they did"),
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Printed on the certificate or shown on the public credits page, as you write it."),
    )

    def __init__(self, *args, people, organisations, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = people
        self.fields["recipient"].label_from_instance = lambda p: p.public_name
        self.fields["organisation"].queryset = organisations
        self.fields["team"].queryset = teams


class PrizeForm(forms.Form):
    title = forms.CharField(label=_("Prize"), max_length=200, help_text=_("e.g. “Best prototype for young people”."))
    amount = forms.DecimalField(label=_("Amount"), max_digits=12, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="GBP", help_text=_("e.g. GBP, EUR, BRL."))
    team = IdChoiceField(label=_("Winning team"), queryset=None)
    reason = forms.CharField(label=_("Why they won (optional)"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class SplitForm(forms.Form):
    """One amount per winner; left as it is, the prize is shared equally."""

    how = forms.ChoiceField(
        label=_("How to share the prize"),
        choices=[("equal", _("Equally among the team's members")), ("custom", _("With the amounts below"))],
        widget=forms.RadioSelect,
        initial="equal",
    )

    def __init__(self, *args, winners, currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.winner_fields = []
        for person in winners:
            name = f"share_{person.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("%(name)s’s share (%(currency)s)") % {"name": person.public_name, "currency": currency},
                max_digits=12,
                decimal_places=2,
                min_value=0,
                required=False,
            )
            self.winner_fields.append((person.pk, name))

    def amounts(self) -> dict | None:
        if self.cleaned_data["how"] == "equal":
            return None
        return {pk: self.cleaned_data.get(name) or 0 for pk, name in self.winner_fields}


class PaymentForm(forms.Form):
    payment_status = forms.ChoiceField(label=_("Payment"), choices=PaymentStatus.choices, widget=forms.RadioSelect)
