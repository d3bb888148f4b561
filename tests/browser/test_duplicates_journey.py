"""A moderator opens the ideas that look like duplicates, merges a group into the idea to keep,
and the idea kept shows the ideas merged into it; the topics of the space are public."""

import pytest

from cocreate.ideas.models import IdeaStatus
from cocreate.spaces import similarity
from tests import factories

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fresh_indexes():
    similarity.forget_indexes()
    yield
    similarity.forget_indexes()


def test_a_moderator_merges_suggested_duplicates_and_the_merged_idea_shows_its_sources(
    page, axe_check, sign_in, moderator, space
):
    first = factories.IdeaFactory(space=space, title="Open the libraries on Sunday afternoons")
    second = factories.IdeaFactory(space=space, title="Libraries open on Sunday afternoons")
    other = factories.IdeaFactory(space=space, title="Repair the potholes on Station Road")
    factories.IdeaFactory(space=space, title="Fix the potholes of Station Road")

    sign_in(page, moderator)
    page.goto(f"/en/spaces/{space.slug}/moderation/")
    axe_check(page, "the moderation page")
    page.get_by_role("link", name="Ideas that look like duplicates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ideas that look like duplicates")
    axe_check(page, "the duplicates page")

    libraries = page.locator("main li.card").filter(has_text=first.title)
    expect(libraries.get_by_role("radio")).to_have_count(2)
    libraries.get_by_label(first.title).check()
    libraries.get_by_role("button", name="Merge into the idea chosen").click()
    expect(page.get_by_role("status")).to_contain_text("The ideas are merged.")
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    sources = page.locator("main").get_by_role("heading", name="Ideas merged into this one")
    expect(sources).to_be_visible()
    expect(page.locator("main")).to_contain_text(second.title)
    axe_check(page, "the idea kept, with the idea merged into it")
    second.refresh_from_db()
    assert second.status == IdeaStatus.MERGED and second.merged_into_id == first.pk

    # The potholes are two ways of saying the same thing, but this moderator says they are not.
    page.goto(f"/en/spaces/{space.slug}/ideas/duplicates/")
    potholes = page.locator("main li.card").filter(has_text=other.title)
    expect(page.locator("main li.card")).to_have_count(1)
    potholes.get_by_role("button", name="They are not duplicates").click()
    expect(page.get_by_role("status")).to_contain_text("will not be suggested as duplicates again")
    expect(page.locator("main")).to_contain_text("No open ideas of this space look like duplicates")
    axe_check(page, "the duplicates page with nothing left")


def test_anyone_reads_what_the_ideas_of_a_space_are_about(page, axe_check, space):
    for title in ("Carril bici en Alcalá", "Más carriles bici", "Carril bici al colegio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Para ir en bici seguros por la ciudad.")
    for title in ("Árboles en la plaza", "Más árboles con sombra", "Sombra de árboles en el patio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Plantar árboles que den sombra en verano.")
    page.goto(f"/en/spaces/{space.slug}/ideas/")
    axe_check(page, "the ideas list with its topics")
    topics = page.get_by_role("region", name="What the ideas are about")
    expect(topics).to_contain_text("6 ideas")
    topics.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the ideas are about")
    expect(page.locator("main")).to_contain_text("árboles")
    axe_check(page, "the topics page")
