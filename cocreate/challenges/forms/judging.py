"""Forms for judging. They check shapes; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models import JudgingMode
from cocreate.web.forms import IdChoiceField

TEXTAREA = {"rows": 5}


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Bus times for everyone”."))
    description = forms.CharField(
        label=_("What it does and for whom (optional)"), required=False, widget=forms.Textarea(TEXTAREA)
    )
    team = IdChoiceField(
        label=_("Team"),
        queryset=None,
        required=False,
        empty_label=_("Just me"),
        help_text=_("Submit it for your team, or on your own."),
    )
    repository_url = forms.CharField(
        label=_("Code repository (optional)"),
        max_length=200,
        required=False,
        help_text=_("The full address, e.g. https://github.com/our-team/app."),
    )
    demo_url = forms.CharField(
        label=_("Demo (optional)"),
        max_length=200,
        required=False,
        help_text=_("Where judges can try it or watch a video of it."),
    )

    def __init__(self, *args, teams=(), hackathon=False, **kwargs):
        super().__init__(*args, **kwargs)
        from cocreate.challenges.models import Team

        self.fields["team"].queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
        if not teams:
            del self.fields["team"]
        if hackathon:
            self.fields["repository_url"].label = _("Code repository")
            self.fields["repository_url"].help_text = _(
                "The full address, e.g. https://github.com/our-team/app. A hackathon entry needs this or a demo."
            )


class RubricForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=200, help_text=_("e.g. “Final judging”."))
    guidance = forms.CharField(
        label=_("Guidance for judges (optional)"), required=False, widget=forms.Textarea(TEXTAREA)
    )
    mode = forms.ChoiceField(label=_("How judges judge"), choices=JudgingMode.choices, widget=forms.RadioSelect)
    blind = forms.BooleanField(
        label=_("Blind review: judges do not see the team or who submitted an entry"), required=False
    )
    lowest_score = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=9, initial=1)
    highest_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=10, initial=5)
    normalise = forms.BooleanField(
        label=_("Even out strict and generous judges"),
        required=False,
        initial=True,
        help_text=_("Each judge's marks are compared with their own average (z-scores), then put back on the scale."),
    )
    min_scores_to_normalise = forms.IntegerField(
        label=_("Entries a judge must score before their marks are evened out"),
        min_value=2,
        max_value=1000,
        initial=5,
        help_text=_(
            "A judge with fewer marks keeps their marks as given: too few say little about how strict they are."
        ),
    )
    trim = forms.IntegerField(
        label=_("Highest and lowest marks left out per entry"),
        min_value=0,
        max_value=5,
        initial=0,
        help_text=_("1 leaves out each entry's highest and lowest mark when at least 3 judges marked it."),
    )
    shortlist_size = forms.IntegerField(label=_("Entries on the shortlist"), min_value=0, max_value=1000, initial=3)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120, help_text=_("e.g. “Involves the people who use it”."))
    description = forms.CharField(
        label=_("What judges look for (optional)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=0.01,
        max_value=9999,
        decimal_places=2,
        initial=1,
        help_text=_("A criterion of weight 2 counts twice as much as one of weight 1."),
    )

    def __init__(self, *args, rubric, **kwargs):
        super().__init__(*args, **kwargs)
        for score in rubric.scale():
            self.fields[f"level_{score}"] = forms.CharField(
                label=_("What a score of %(score)s means") % {"score": score}, max_length=300
            )

    def levels(self) -> dict[int, str]:
        return {int(name[6:]): value for name, value in self.cleaned_data.items() if name.startswith("level_")}


class JudgeAssignForm(forms.Form):
    email = forms.EmailField(
        label=_("The judge's email address"), help_text=_("They need an account on this site with this address.")
    )


class ConflictsForm(forms.Form):
    """One checkbox per entry, and the reason beside it."""

    def __init__(self, *args, entries, declared=None, **kwargs):
        super().__init__(*args, **kwargs)
        declared = declared or {}
        self.entries = entries
        for entry in entries:
            self.fields[f"conflict_{entry.pk}"] = forms.BooleanField(
                label=entry.title, required=False, initial=entry.pk in declared
            )
            self.fields[f"reason_{entry.pk}"] = forms.CharField(
                label=_("Why (e.g. “I mentor this team”)"),
                max_length=300,
                required=False,
                initial=declared.get(entry.pk, ""),
            )

    def pairs(self):
        for entry in self.entries:
            yield entry, self[f"conflict_{entry.pk}"], self[f"reason_{entry.pk}"]

    def conflicts(self) -> dict[int, str]:
        data = self.cleaned_data
        return {e.pk: data.get(f"reason_{e.pk}", "") for e in self.entries if data.get(f"conflict_{e.pk}")}


class ScoreForm(forms.Form):
    """For each criterion, the scale as radio buttons labelled with what each score means."""

    def __init__(self, *args, rubric, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(rubric.criteria.all())
        for criterion in self.criteria:
            levels = {level.score: level.description for level in criterion.levels.all()}
            choices = [(s, f"{s} – {levels[s]}" if s in levels else str(s)) for s in rubric.scale()]
            given = scores.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": criterion.name, "weight": f"{criterion.weight.normalize():f}"},
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                initial=given.value if given else None,
                error_messages={"required": _("Choose a score for “%(name)s”.") % {"name": criterion.name}},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s” (optional)") % {"name": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea({"rows": 2}),
                initial=given.comment if given else "",
            )

    def values(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class CompareForm(forms.Form):
    first = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    second = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    better = forms.ChoiceField(
        label=_("Which is better?"),
        choices=[
            ("first", _("The left one is better")),
            ("second", _("The right one is better")),
            ("same", _("They are about the same")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say which entry is better, or that they are about the same.")},
    )


class PublishForm(forms.Form):
    """The public reason for each ranked entry, prefilled with the explanation computed."""

    note = forms.CharField(
        label=_("What the judges said overall (optional)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(TEXTAREA),
        help_text=_("Shown above the results."),
    )

    def __init__(self, *args, rows, note="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].initial = note
        self.rows = [row for row in rows if row.rank is not None]
        for row in self.rows:
            self.fields[f"reason_{row.entry.pk}"] = forms.CharField(
                label=_("Public reason for “%(title)s”") % {"title": row.entry.title},
                max_length=2000,
                required=False,
                initial=row.explanation,
                widget=forms.Textarea({"rows": 3}),
            )

    def pairs(self):
        for row in self.rows:
            yield row, self[f"reason_{row.entry.pk}"]

    def reasons(self) -> dict[int, str]:
        return {row.entry.pk: self.cleaned_data.get(f"reason_{row.entry.pk}", "") for row in self.rows}
