"""Forms of the opinion map pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.opinions.models import STATEMENT_MAX_LENGTH


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        help_text=_(
            "One short sentence that others can agree or disagree with, at most %(limit)d characters. "
            "Say one thing only; do not reply to another statement."
        )
        % {"limit": STATEMENT_MAX_LENGTH},
        # The service checks the length and says by how much it is over; the browser does not cut.
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _(
            "Write your statement: one short sentence people can agree or disagree with."
        )
