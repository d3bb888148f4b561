"""Open data files: rows of what is public on the site, as CSV (for spreadsheet programs) or JSON
(for programs), downloaded under a file name. Each app decides which rows and columns it offers,
and that they hold nothing that identifies a person (cocreate/ideas/exports.py,
cocreate/dialogue/exports/questions.py); this module only writes them."""

import csv
import json
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

FORMATS = ("csv", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value, *, numbers_as_text: bool = False):
    """A cell as a spreadsheet program should read it: text it would run as a formula (starting
    with = + - @, a tab or a carriage return: someone's idea titled “=HYPERLINK(…)”) gets a
    leading apostrophe, so it shows as the text it is. Numbers, including negative ones, and
    empty cells are left alone; with `numbers_as_text`, text that looks like a signed number
    (a reference “-0123”, a phone number “+4412345”) is quoted too, so it keeps its sign and zeros."""
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    if text[:1] in FORMULA_STARTS and (numbers_as_text or not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _Echo:
    """A file that gives back what is written to it, so that the CSV writer hands each line to the
    response as it is made instead of building the whole file in memory."""

    def write(self, value):
        return value


def export_response(*, rows: Iterable[dict], columns: list[str], name: str, fmt: str) -> HttpResponse:
    """A download of `rows` (dicts whose keys are `columns`) named `name`.csv or `name`.json.
    The CSV is streamed row by row, each cell made safe for spreadsheet programs
    (`spreadsheet_cell`); the JSON is one list of objects, as written."""
    if fmt not in FORMATS:
        raise ValueError(f"Open data files are CSV or JSON, not {fmt!r}.")
    if fmt == "json":
        result = HttpResponse(
            json.dumps(list(rows), ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
    else:
        writer = csv.DictWriter(_Echo(), fieldnames=columns)

        def lines():
            # The byte-order mark makes spreadsheet programs read the accents right.
            yield "\ufeff" + writer.writeheader()
            for row in rows:
                yield writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})

        result = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return result
