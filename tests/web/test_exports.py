"""The open data files' writer: cells a spreadsheet program would run as formulas."""

import pytest

from cocreate.web.exports import spreadsheet_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+33 1 23", "'+33 1 23"),
        ("-fix the lights", "'-fix the lights"),
        ("@cmd", "'@cmd"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("A crossing - please", "A crossing - please"),
        ("-12.5", "-12.5"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_formula_like_text_is_quoted_and_the_rest_left_alone(value, written):
    assert spreadsheet_cell(value) == written


def test_number_like_references_keep_their_sign_when_asked():
    assert spreadsheet_cell("-0123", numbers_as_text=True) == "'-0123"
    assert spreadsheet_cell("+4412345", numbers_as_text=True) == "'+4412345"
    assert spreadsheet_cell("0123", numbers_as_text=True) == "0123"
