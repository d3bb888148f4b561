"""What people can do about events (workshops, camps, hack days, meetings). Targets: a space
(create events) or an event.

Neither activity is phased, so no phase needs to list them: an organiser runs events whenever
the space exists, and registration is governed by the event itself (open until its
`registration_closes_at`, or its start, unless it was cancelled). A phase of the space can still
list "register_for_event" harmlessly, but it is not offered when choosing a phase's activities.
"""

import rules
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreate.spaces.permissions import is_organiser
from cocreate.spaces.registry import Activity, Check, register


def _is_event(target) -> bool:
    return hasattr(target, "registration_closes")


@rules.predicate
def event_not_cancelled(person, event) -> bool:
    return not _is_event(event) or event.cancelled_at is None


@rules.predicate
def registration_open(person, event) -> bool:
    return not _is_event(event) or timezone.now() < event.registration_closes


def when_in_event_zone(event, moment) -> dict:
    """{"date": "3 May 2027", "time": "18:00"} for `moment`, as a clock where the event is shows it."""
    local = event.local(moment)
    return {"date": date_format(local, "DATE_FORMAT"), "time": date_format(local, "H:i")}


def registration_closed_reason(person, event) -> str:
    if event.has_ended():
        return _("This event has ended.")
    if event.registration_closes_at and event.registration_closes_at < event.starts_at:
        return _("Registration closed on %(date)s at %(time)s.") % when_in_event_zone(
            event, event.registration_closes_at
        )
    return _("Registration closed when the event started, on %(date)s at %(time)s.") % when_in_event_zone(
        event, event.starts_at
    )


register(
    Activity(
        name="run_events",
        label=gettext_lazy("run events"),
        phased=False,
        who=(Check(is_organiser, gettext_lazy("Only the organisers of this space can run its events.")),),
    )
)

register(
    Activity(
        name="register_for_event",
        label=gettext_lazy("register for events"),
        phased=False,
        when=(
            Check(
                event_not_cancelled,
                lambda person, event: (
                    _("This event was cancelled.") + (f" {event.cancel_reason}" if event.cancel_reason else "")
                ),
            ),
            Check(registration_open, registration_closed_reason),
        ),
    )
)
