"""The shared checks of what people write: lengths and web addresses, each problem reported
on its field with the message the caller chose."""

from hypothesis import given
from hypothesis import strategies as st

from cocreate.web.text_fields import WEB_ADDRESS_MAX, text_within, web_address


def test_text_within_reports_too_short_and_too_long_on_the_field():
    errors: dict = {}
    assert (
        text_within(
            "  Hi \x00 ", field="title", errors=errors, minimum=5, maximum=10, too_short="short", too_long="long"
        )
        == "Hi"
    )
    assert errors == {"title": "short"}
    errors = {}
    text_within("x" * 11, field="body", errors=errors, minimum=1, maximum=10, too_short="short", too_long="long")
    assert errors == {"body": "long"}


@given(st.text(max_size=30))
def test_text_within_never_reports_a_text_whose_length_fits(value):
    errors: dict = {}
    cleaned = text_within(value, field="f", errors=errors, minimum=0, maximum=30, too_short="s", too_long="l")
    assert errors == {} and len(cleaned) <= len(value)


def test_web_address_accepts_empty_and_full_addresses_and_refuses_others():
    errors: dict = {}
    assert web_address("", field="link", errors=errors) == ""
    assert web_address(" https://example.org/a ", field="link", errors=errors) == "https://example.org/a"
    assert errors == {}
    web_address("javascript:alert(1)", field="link", errors=errors, invalid="Give the demo's address.")
    assert errors == {"link": "Give the demo's address."}
    errors = {}
    web_address("https://example.org/" + "a" * WEB_ADDRESS_MAX, field="link", errors=errors)
    assert errors == {"link": "Keep the web address under 200 characters."}
