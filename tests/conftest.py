"""Shared fixtures. Tests that need something this machine may lack (Chromium, ../shared/data)
call `need()`: outside CI they skip with the reason; under CI=true they fail."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from tests import factories

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"Required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def shared_data(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    need(path.exists(), f"{path} is absent: real-data tests read ../shared/data next to the project")
    return path


def pytest_sessionfinish(session, exitstatus):
    """Under CI, a skipped test is a failure: CI must run everything."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} test(s) were skipped; CI must run every test.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request leaves its language active in the thread; `reverse()` in the next test would
    build /fr/… addresses. Every test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts with empty caches (test databases reuse ids and version numbers)."""
    from cocreate.spaces.models import phases_of
    from cocreate.spaces.selectors import _space_at
    from cocreate.web.page_cache import recent_pages

    def clear():
        cache.clear()
        recent_pages.clear()
        phases_of.cache_clear()
        _space_at.cache_clear()

    clear()
    yield
    clear()


@pytest.fixture
def person(db):
    return factories.PersonFactory()


@pytest.fixture
def other_person(db):
    return factories.PersonFactory()


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def organiser(db, organisation):
    staff = factories.PersonFactory()
    factories.MembershipFactory(person=staff, organisation=organisation, role="staff")
    return staff


@pytest.fixture
def moderator(db, organisation):
    mod = factories.PersonFactory()
    factories.MembershipFactory(person=mod, organisation=organisation, role="moderator")
    return mod


@pytest.fixture
def space(db, organisation):
    """A public space run by `organisation`, with a phase open now for ideas, support and comments."""
    return factories.open_space(organisation)


@pytest.fixture
def idea(db, space, other_person):
    return factories.IdeaFactory(space=space, author=other_person)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def later(now):
    return now + timedelta(days=7)
