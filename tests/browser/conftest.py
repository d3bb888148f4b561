"""A real Chromium driven by Playwright against one live server.

One browser for the whole run, one fresh context (cookies, storage) per test. Every page a journey
visits goes through `axe_check`, which fails on any serious or critical accessibility violation;
a test that loads a page and never checks it fails at teardown, so no page escapes the check.

Chromium is Debian's (`/usr/bin/chromium`, or the path in CHROMIUM_PATH); Playwright never
downloads a browser here. Without Chromium the tests skip with the reason, except under CI=true.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests import factories
from tests.conftest import need
from tests.factories import PASSWORD

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FAILING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000


def chromium_path() -> Path | None:
    """CHROMIUM_PATH when it is set (and only it), otherwise Debian's Chromium."""
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = [configured] if configured else [shutil.which("chromium"), "/usr/bin/chromium"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="package")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    need(sync_playwright is not None, "Python Playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    need(executable is not None, "Chromium is not installed: sudo apt-get install chromium, or set CHROMIUM_PATH")
    # Playwright's sync API keeps an asyncio loop running in this thread (in another greenlet), which
    # Django mistakes for async code calling the ORM. Our ORM calls here are plain synchronous test
    # code, so the guard is lifted while the browser runs, and put back after.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# All of axe-core's default rules, and WCAG 2.2's target size (24 px), which it leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
AXE_RUN = """options => Promise.race([
  axe.run(document, options),
  new Promise((_, reject) => setTimeout(() => reject(new Error("axe-core gave no answer in 20 s")), 20000)),
])"""


class AxeCheck:
    """Runs axe-core on a page as it is now, and remembers which loaded pages were checked."""

    def __init__(self, browser):
        from axe_playwright_python.base import AXE_SCRIPT

        self.script, self.browser = AXE_SCRIPT, browser
        self.unchecked: list[str] = []
        self.without_javascript: set[int] = set()
        self.twins = None  # a context with JavaScript, to audit the pages of a context without

    def watch(self, page, *, javascript: bool) -> None:
        page.on("load", lambda: self.unchecked.append(page.url))
        if not javascript:
            self.without_javascript.add(id(page))

    def __call__(self, page, what: str = "") -> None:
        page.wait_for_load_state("load")
        if id(page) in self.without_javascript:
            violations = self._violations_of_twin(page)
        else:
            violations = self._violations(page)
        self.unchecked.clear()
        failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
        lesser = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
        if lesser:  # shown with `pytest -rP`, or when the test fails
            print(f"axe-core, not failing, on {what or page.url}:\n{describe(lesser)}")
        if failing:
            pytest.fail(f"axe-core on {what or page.url} ({page.url}):\n{describe(failing)}", pytrace=False)

    def _violations(self, page) -> list[dict]:
        page.evaluate(self.script)
        return page.evaluate(AXE_RUN, AXE_OPTIONS)["violations"]

    def _violations_of_twin(self, page) -> list[dict]:
        """axe-core needs timers and promises, which never run where JavaScript is disabled. So the
        page's document, exactly as it is, is served at its own address to a twin page that has
        JavaScript but loads none of the site's scripts (as without JavaScript), and audited there."""
        if self.twins is None:
            self.twins = self.browser.new_context(viewport=page.viewport_size)
            self.twins.route("**/*.js", lambda route: route.abort())
        html, address = page.content(), page.url.split("#")[0]
        twin = self.twins.new_page()
        try:
            twin.route(
                lambda url: url.split("#")[0] == address,
                lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
            )
            twin.goto(page.url)
            return self._violations(twin)
        finally:
            twin.close()

    def close(self) -> None:
        if self.twins is not None:
            self.twins.close()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} – {violation['helpUrl']}")
        for node in violation["nodes"]:
            targets = ", ".join(" ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"    at {targets}: {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


@pytest.fixture
def axe_check(browser):
    check = AxeCheck(browser)
    yield check
    check.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


def _page(request, tmp_path, browser, live_server, axe_check, *, javascript: bool):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    axe_check.watch(page, javascript=javascript)
    yield page
    failed = getattr(request.node, "journey_failed", False)
    if failed and not page.is_closed():
        path = tmp_path / "failure.png"
        page.screenshot(path=path, full_page=True)
        print(f"The page when the test failed ({page.url}): {path}")
    unchecked = list(axe_check.unchecked)
    context.close()
    assert failed or not unchecked, f"Pages loaded but never checked with axe_check: {unchecked}"


@pytest.fixture
def page(request, tmp_path, browser, live_server, axe_check):
    """A page in a fresh browser context, with JavaScript (and so htmx)."""
    yield from _page(request, tmp_path, browser, live_server, axe_check, javascript=True)


@pytest.fixture
def page_without_javascript(request, tmp_path, browser, live_server, axe_check):
    """A page in a fresh browser context with JavaScript turned off: forms post, pages redirect."""
    yield from _page(request, tmp_path, browser, live_server, axe_check, javascript=False)


@pytest.fixture
def sign_in(axe_check):
    """Sign in through the real login page, as a person made by PersonFactory."""
    from playwright.sync_api import expect

    def sign_in(page, person, password: str = PASSWORD):
        page.goto("/en/accounts/login/")
        axe_check(page, "the sign-in page")
        page.get_by_label("Email", exact=True).fill(person.email)  # #id_login
        page.get_by_label("Password", exact=True).fill(password)  # #id_password
        page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()
        expect(page.get_by_role("link", name="Sign out")).to_be_visible()
        axe_check(page, "the page after signing in")

    return sign_in


@pytest.fixture
def sign_out(axe_check):
    """Sign out through the header link and the confirmation page."""
    from playwright.sync_api import expect

    def sign_out(page):
        page.get_by_role("banner").get_by_role("link", name="Sign out").click()
        axe_check(page, "the sign-out page")
        page.locator("main").get_by_role("button", name=re.compile("sign out", re.I)).click()
        expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
        axe_check(page, "the page after signing out")

    return sign_out


@pytest.fixture
def bus_idea(space, other_person):
    """An idea already shared in the open `space` (tests/conftest.py), by someone else."""
    return factories.IdeaFactory(space=space, author=other_person, title="Live bus times at rural stops")


@pytest.fixture
def council(db):
    """A district council running challenges in the journeys."""
    return factories.OrganisationFactory(name="Thanet District Council", kind="public_agency")


@pytest.fixture
def office(request, tmp_path_factory, browser, live_server, axe_check):
    """A second browser, for staff, while participants keep theirs."""
    yield from _page(request, tmp_path_factory.mktemp("office"), browser, live_server, axe_check, javascript=True)
