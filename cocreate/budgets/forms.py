from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.budgets.models import BallotKind, CountingRule, DeliveryStage

TEXTAREA = {"rows": 5}


class BudgetForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=200, help_text=_("e.g. “Centro district” or “Health”."))
    description = forms.CharField(label=_("Description (optional)"), required=False, widget=forms.Textarea(TEXTAREA))
    amount = forms.DecimalField(label=_("Amount available"), max_digits=14, decimal_places=2, min_value=1)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR", help_text=_("e.g. EUR, BRL, GBP."))
    voters_district = forms.CharField(
        label=_("Only residents of this district vote (optional)"),
        max_length=120,
        required=False,
        help_text=_("As written in the district column of the residents list. Leave empty to let everyone vote."),
    )
    ballot_kind = forms.ChoiceField(label=_("Kind of ballot"), choices=BallotKind.choices, widget=forms.RadioSelect)
    min_projects = forms.IntegerField(label=_("Fewest projects on a ballot"), min_value=0, max_value=1000, initial=1)
    max_projects = forms.IntegerField(
        label=_("Most projects on a ballot (optional)"), min_value=1, max_value=1000, required=False
    )
    min_spend_percent = forms.IntegerField(
        label=_("Voters must spend at least (per cent of the budget)"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("Only for ballots within the budget."),
    )
    points = forms.IntegerField(
        label=_("Points each voter shares out"),
        min_value=1,
        max_value=1000,
        initial=10,
        help_text=_("Only for ballots that share out points."),
    )
    counting_rule = forms.ChoiceField(
        label=_("How votes are counted"),
        choices=CountingRule.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The Method of Equal Shares gives every group of voters a fair share of the budget; "
            "“most votes first” funds the most popular projects until the money runs out."
        ),
    )

    def __init__(self, *args, frozen=False, **kwargs):
        super().__init__(*args, **kwargs)
        if frozen:
            for name in (
                "amount",
                "ballot_kind",
                "min_projects",
                "max_projects",
                "min_spend_percent",
                "points",
                "counting_rule",
            ):
                del self.fields[name]


class ProjectForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=150, help_text=_("e.g. “Lighting for the Restinga football pitch”.")
    )
    description = forms.CharField(label=_("What the project is"), max_length=10000, widget=forms.Textarea(TEXTAREA))
    cost = forms.DecimalField(
        label=_("Estimated cost"),
        max_digits=14,
        decimal_places=2,
        min_value=1,
        help_text=_("Your best guess; staff check it before the vote."),
    )
    benefits = forms.CharField(
        label=_("Benefits"), required=False, widget=forms.Textarea(TEXTAREA), help_text=_("Who gains, and how.")
    )
    disruption = forms.CharField(
        label=_("Disruption while it is built (optional)"),
        required=False,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("Road works, noise, closures…"),
    )
    schedule = forms.CharField(
        label=_("Schedule (optional)"), max_length=300, required=False, help_text=_("e.g. “Spring to autumn 2027”.")
    )
    place_name = forms.CharField(label=_("Place (optional)"), max_length=200, required=False)
    district = forms.CharField(label=_("District (optional)"), max_length=120, required=False)
    category = forms.CharField(
        label=_("Category (optional)"), max_length=80, required=False, help_text=_("e.g. Health, Mobility, Culture.")
    )


class OnBehalfProjectForm(ProjectForm):
    on_behalf_of = forms.CharField(
        label=_("Proposed by"),
        max_length=200,
        help_text=_("The name or group who proposed it at a meeting or on paper."),
    )
    event_name = forms.CharField(label=_("Where (optional)"), max_length=200, required=False)


class ReviewForm(forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Feasible: put it on the ballot")), ("no", _("Not feasible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    cost_estimate = forms.DecimalField(
        label=_("Cost estimated by staff (optional)"),
        max_digits=14,
        decimal_places=2,
        min_value=1,
        required=False,
        help_text=_("Replaces the proposer's estimate on the ballot."),
    )
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("Required when the project is not feasible: say why, in plain words."),
    )


class SuggestionForm(forms.Form):
    body = forms.CharField(
        label=_("Suggest a change"),
        max_length=3000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("e.g. a better place, a lower cost, something it should include."),
    )


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Accept")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Response"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Required when declining."),
    )


class DeliveryUpdateForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=DeliveryStage.choices)
    progress = forms.IntegerField(label=_("Progress (per cent)"), min_value=0, max_value=100)
    milestone = forms.CharField(
        label=_("Milestone reached (optional)"), max_length=200, required=False, help_text=_("e.g. “Tender awarded”.")
    )
    body = forms.CharField(label=_("What has happened"), widget=forms.Textarea(TEXTAREA), max_length=5000)
    attachment = forms.FileField(label=_("Photo or document (optional)"), required=False)
    attachment_caption = forms.CharField(label=_("What it shows (optional)"), max_length=200, required=False)


class EnterBallotForm(forms.Form):
    code = forms.CharField(
        label=_("Voting code"),
        max_length=20,
        required=False,
        help_text=_("As printed on the voter's card, e.g. ABCDE-FGHJK."),
    )
    reference = forms.CharField(
        label=_("Or, for a paper ballot: the voter's reference on the residents list"),
        max_length=64,
        required=False,
    )


class PabulibImportForm(forms.Form):
    file = forms.FileField(label=_("Pabulib file (.pb)"), help_text=_("A file from pabulib.org or exported from here."))
    title = forms.CharField(
        label=_("Name of the budget (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the place and year written in the file."),
    )
