"""The Government Listens, in a real browser: staff upload a file of signals, read the import
report, see the emerging issue on the dashboard with its chart, open it and turn it into a
question, which says where it was raised from. Every page goes through axe."""

import json
import re

import pytest
from django.urls import reverse

from tests.dialogue.listening_factories import burst_signals, listening_space

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


def test_staff_upload_signals_see_an_emerging_issue_and_turn_it_into_a_question(page, axe_check, sign_in, tmp_path, db):
    space, staff, _org = listening_space(title="O Governo Escuta", slug="governo-escuta")
    items = burst_signals() + [{"id": "broken", "time": "last Tuesday", "text": "?"}]
    upload = tmp_path / "street-reports.json"
    upload.write_text(json.dumps(items), encoding="utf-8")

    sign_in(page, staff)
    page.goto(reverse("dialogue:listening_import", kwargs={"slug": space.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Import signals from a file")
    axe_check(page, "the import page")
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_label("Source").fill("Street reports")
    page.get_by_role("button", name="Import the file").click()
    expect(page.get_by_role("status")).to_contain_text(f"{len(items) - 1} new signal(s) and 0 updated")
    expect(page.locator("main")).to_contain_text("is not a date written like")
    axe_check(page, "the import report")

    page.get_by_role("link", name="See the dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What people are telling us")
    chart = page.get_by_role("img", name=re.compile("Signals per day: Snow"))
    expect(chart).to_be_visible()
    axe_check(page, "the listening dashboard")
    page.get_by_text("The figures as a table").first.click()
    expect(page.get_by_role("row", name=re.compile("2024-02-15 13 yes"))).to_be_visible()

    page.get_by_role("link", name="Sources").click()
    expect(page.get_by_role("row", name=re.compile("Street reports"))).to_be_visible()
    axe_check(page, "the listening sources")
    page.get_by_role("link", name="Signals", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signals")
    axe_check(page, "the signals list")
    page.get_by_role("link", name="Dashboard").click()

    page.get_by_role("link", name="Snow", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emerging issue: Snow")
    axe_check(page, "the emerging issue")
    page.get_by_role("link", name="Turn it into a question").click()
    axe_check(page, "turning the issue into a question")
    page.get_by_label("Question").fill("What will you do about the snow on our streets?")
    page.get_by_role("button", name="Ask the question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What will you do about the snow on our streets?")
    expect(page.locator("main")).to_contain_text("Raised from the emerging issue “Snow”")
    axe_check(page, "the question raised from the issue")

    page.goto(space.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Issues we acted on")
    axe_check(page, "the space page")
