"""Someone who uses a keyboard, not a mouse, can skip to the content and always sees where they are."""

import pytest

from cocreate.ideas import services

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser

# How the focused element looks, then without focus: the difference must be a drawn outline, a
# box-shadow or a background (a colour change alone is too faint to see).
FOCUS_INDICATOR = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = (window.tabbedThrough ||= new WeakSet());
  if (seen.has(el)) return null;  // round the page and back
  seen.add(el);
  const look = () => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
      && !/rgba\\(.*,\\s*0\\)$|transparent/.test(s.outlineColor);
    return {outline: outline ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "", shadow: s.boxShadow,
            background: s.backgroundColor};
  };
  const focused = look();
  el.blur();
  const unfocused = look();
  el.focus();  // focus goes back where the keyboard left it, so Tab carries on from here
  return {
    element: el.outerHTML.slice(0, 120),
    visible: (focused.outline !== "" && focused.outline !== unfocused.outline)
      || focused.shadow !== unfocused.shadow || focused.background !== unfocused.background,
  };
}"""
MAX_TABS = 80


def test_skip_link_comes_first_and_moves_focus_to_the_main_content(page, axe_check, sign_in, person, bus_idea):
    sign_in(page, person)
    page.goto(bus_idea.get_absolute_url())
    axe_check(page, "the idea page")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # it is off-screen until it has focus

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert page.url.endswith("#main-content")
    page.keyboard.press("Tab")
    first_in_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert first_in_main, "Tab after the skip link should stay in the main content"


def test_every_focusable_element_on_an_idea_page_shows_where_focus_is(
    page, axe_check, sign_in, person, other_person, bus_idea
):
    services.comment_create(person=other_person, idea=bus_idea, body="Which stops do you mean?")  # Reply, Report
    sign_in(page, person)
    page.goto(bus_idea.get_absolute_url())
    axe_check(page, "the idea page")

    seen, invisible = [], []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_INDICATOR)
        if focused is None:
            break
        seen.append(focused["element"])
        if not focused["visible"]:
            invisible.append(focused["element"])
    assert len(seen) > 10, f"Tab reached only {len(seen)} elements: {seen}"
    assert not invisible, "No visible focus indicator on:\n" + "\n".join(invisible)
    print(f"{len(seen)} elements reached with Tab, each with a visible focus indicator")
