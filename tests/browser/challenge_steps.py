"""What the challenge journeys share: staff of an organisation, time moving from phase to phase,
and the status message a page shows after an action."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from cocreate.accounts.models import Membership
from cocreate.spaces.models import Phase, Space
from tests import factories

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect


def staff_of(organisation, **fields):
    person = factories.PersonFactory(**fields)
    Membership.objects.create(person=person, organisation=organisation, role="staff")
    return person


def open_phase(space, title: str) -> None:
    """Time moves on: the phase `title` is open now, those before it are over, those after it to come."""
    now = timezone.now()
    phases = list(Phase.objects.filter(space=space).order_by("starts_at", "pk"))
    index = next(i for i, phase in enumerate(phases) if phase.title == title)
    for i, phase in enumerate(phases):
        offset = timedelta(days=60 * (i - index))
        phase.starts_at, phase.ends_at = now - timedelta(days=1) + offset, now + timedelta(days=30) + offset
        phase.save(update_fields=["starts_at", "ends_at"])
    Space.objects.filter(pk=space.pk).update(settings_version=F("settings_version") + 1, version=F("version") + 1)


def told(page, message: str) -> None:
    expect(page.get_by_role("status").filter(has_text=message).first).to_be_visible()
