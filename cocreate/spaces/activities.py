"""What the spaces app lets people do: read a space, run it, moderate it, report content."""

from django.utils.translation import gettext_lazy as _

from cocreate.spaces.permissions import (
    is_author,
    is_moderator,
    is_organiser,
    is_visible_content,
    runs_organisation,
)
from cocreate.spaces.registry import Activity, Check, register

register(
    Activity(
        name="view",
        label=_("read this"),
        phased=False,
        anonymous=True,
        # Hidden contributions stay readable by moderators and by their own authors.
        who=(Check(is_visible_content | is_moderator | is_author, _("A moderator has hidden this.")),),
    )
)

register(
    Activity(
        name="manage_space",
        label=_("change how this space is run"),
        phased=False,
        who=(Check(is_organiser, _("Only the organisers of this space can change it.")),),
    )
)

register(
    Activity(
        name="open_space",
        label=_("open a space for this organisation"),
        phased=False,
        scope="organisation",
        who=(
            Check(runs_organisation, _("Only staff and administrators of the organisation can open a space for it.")),
        ),
    )
)

register(
    Activity(
        name="moderate",
        label=_("moderate this space"),
        phased=False,
        who=(Check(is_moderator, _("Only the moderators of this space can do this.")),),
    )
)

register(
    Activity(
        name="report",
        label=_("report content to the moderators"),
        phased=False,
        when=(
            Check(is_visible_content, _("A moderator has already hidden this.")),
            Check(
                ~is_author, _("You cannot report what you wrote yourself. You can change it, or ask the moderators.")
            ),
        ),
    )
)
