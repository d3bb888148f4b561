"""Listening: reading the signals of a space and the emerging issues found among them, and
running its sources (adding feeds, importing files, deciding what to do with an issue).

Both are for the space's organisers (staff of the organisations running it), whatever the
phase: signals can hold people's addresses and unreviewed complaints, so the public sees only
what staff turned into a question or a challenge (on the space page and the question's page).
"""

from django.utils.translation import gettext_lazy as _

from cocreate.spaces.permissions import is_organiser
from cocreate.spaces.registry import Activity, Check, register

register(
    Activity(
        name="listen",
        label=_("see the listening dashboard"),
        phased=False,
        who=(Check(is_organiser, _("Only the space's organisers can see the signals and emerging issues.")),),
    )
)

register(
    Activity(
        name="manage_listening",
        label=_("manage listening sources and emerging issues"),
        phased=False,
        who=(Check(is_organiser, _("Only the space's organisers can manage listening.")),),
    )
)
