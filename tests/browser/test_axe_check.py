"""The accessibility check itself: it must fail, and say where, on a page that breaks a serious rule,
with JavaScript and without (where axe-core runs on a twin of the page)."""

import pytest

pytestmark = pytest.mark.browser

BROKEN = (
    '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>'
    '<body><main><h1>Broken</h1><button id="nameless"></button></main></body></html>'
)


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"])
def test_axe_check_fails_on_a_button_without_a_name(request, page_fixture, axe_check):
    page = request.getfixturevalue(page_fixture)
    page.route("**/broken/", lambda route: route.fulfill(body=BROKEN, content_type="text/html"))
    page.goto("/broken/")
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page, "a broken page")
    assert "button-name (critical)" in str(failure.value)
    assert "#nameless" in str(failure.value)
