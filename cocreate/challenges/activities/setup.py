"""Starting a challenge from a template, and running it: its settings, its team composition
rules and (for a hackathon) its catalogue of datasets."""

from django.utils.translation import gettext_lazy as _

from cocreate.spaces.permissions import is_organiser, runs_organisation
from cocreate.spaces.registry import Activity, Check, register

register(
    Activity(
        name="start_challenge",
        label=_("start a challenge for this organisation"),
        phased=False,
        scope="organisation",
        who=(
            Check(
                runs_organisation,
                _("Only staff and administrators of the organisation can start a challenge for it."),
            ),
        ),
    )
)

register(
    Activity(
        name="manage_challenge",
        label=_("change how this challenge is run"),
        phased=False,
        who=(Check(is_organiser, _("Only the organisers of this challenge can change how it is run.")),),
    )
)
