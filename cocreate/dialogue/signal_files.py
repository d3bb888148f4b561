"""Reading signals (service requests, petitions, posts) from CSV and JSON files, for listening.

Pure Python, no Django import. Every reader returns `(signals, problems)`: a bad row is reported
in `problems` (with the file line where it starts) and skipped, never raised; only a file that
cannot be read at all, or lacks a required column, raises `SignalFileError`.

Encoding: UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as
such. Bytes that are not UTF-8 are read as Windows-1252 (what Excel on Windows writes), and one
problem says how many characters were read that way, so accents and quotes can be checked.
"""

import codecs
import csv
import io
import json
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, NamedTuple
from zoneinfo import ZoneInfo

# Baltimore's 311 system and the White House's We the People site wrote local Eastern times
# (a petition's created time is four hours behind the UTC time inside its MongoDB id).
EASTERN = ZoneInfo("America/New_York")
TEXT_SAMPLE = 40  # characters of a bad value quoted back in a message

Source = str | os.PathLike | IO[str] | IO[bytes]


class SignalFileError(ValueError):
    """The file cannot be read at all (missing, binary, not CSV/JSON, required columns absent)."""


@dataclass(frozen=True)
class Signal:
    """One thing people said or asked for, from one stream: a service request, a petition, a post."""

    source: str
    external_id: str
    time: datetime | None  # always aware; None when the file does not say
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    category: str = ""
    text: str = ""
    extra: dict = field(default_factory=dict)
    # Created by the agency's own staff or systems (a crew's round), not by the public.
    raised_by_agency: bool = False


class Problem(NamedTuple):
    line: int  # the line of the file where the bad row or object starts (1 = first line)
    message: str  # a full sentence that starts with "Line N:"


class _Skip(Exception):
    """A row cannot become a signal; the message says why, in the words of the file."""


# --- reading the bytes ---------------------------------------------------------------------------


def _the_file(name: str) -> str:
    return f"The file “{name}”" if name else "The file"


def _read_text(source: Source) -> tuple[str, str, list[Problem]]:
    """The file's text, its name for messages, and a problem if some bytes were not UTF-8."""
    if isinstance(source, str | os.PathLike):
        name = Path(source).name
        try:
            raw = Path(source).read_bytes()
        except OSError as error:
            raise SignalFileError(f"{_the_file(name)} cannot be read: {error.strerror or error}.") from error
    else:
        name = getattr(source, "name", "")
        name = Path(name).name if isinstance(name, str) else ""
        try:
            raw = source.read()
        except UnicodeDecodeError as error:
            raise SignalFileError(
                f"{_the_file(name)} is not UTF-8 text: open it in binary mode so its encoding can be recognised."
            ) from error
        except OSError as error:
            raise SignalFileError(f"{_the_file(name)} cannot be read: {error.strerror or error}.") from error
    if not raw.strip():
        raise SignalFileError(f"{_the_file(name)} is empty.")
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff"), name, []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), name, []
        except UnicodeDecodeError as error:
            raise SignalFileError(f"{_the_file(name)} says it is UTF-16 but is not.") from error
    if b"\x00" in raw[:4096]:
        raise SignalFileError(
            f"{_the_file(name)} is not a text file (a spreadsheet or a picture?). Save it as “CSV UTF-8” or JSON."
        )
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    strays = [match.start() for match in re.finditer("[\udc80-\udcff]", text)]
    if not strays:
        return text, name, []
    first_line = text.count("\n", 0, strays[0]) + 1
    text = re.sub(
        "[\udc80-\udcff]+",
        lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", errors="replace"),
        text,
    )
    problem = Problem(
        first_line,
        f"Line {first_line}: the file is not entirely UTF-8; {len(strays)} character(s), the first on this line, "
        "were read as Windows-1252. Check accents and quotes, or save the file as “CSV UTF-8”.",
    )
    return text, name, [problem]


def _quote(value: str) -> str:
    value = " ".join(value.split())
    return f"“{value[:TEXT_SAMPLE]}…”" if len(value) > TEXT_SAMPLE else f"“{value}”"


# --- CSV -----------------------------------------------------------------------------------------


def _csv_rows(
    text: str, name: str, *, required: list[str], kind: str, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each well-formed data row as (line where it starts, {column: value}); malformed rows are
    reported in `problems`. Raises SignalFileError when a required column is missing."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise SignalFileError(f"{_the_file(name)} is not a CSV file: {error}.") from error
    header = [column.strip() for column in header]
    missing = [column for column in required if column not in header]
    if missing:
        raise SignalFileError(
            f"{_the_file(name)} is not a {kind} file: it has no column {', '.join(map(repr, missing))}. "
            f"Its first line names: {', '.join(map(repr, header[:12]))}{'…' if len(header) > 12 else ''}."
        )
    ended = reader.line_num
    pieces: list[tuple[int, int, list[str]]] = []  # consecutive rows of the wrong length: (start, end, values)
    while True:
        start = ended + 1
        try:
            row = next(reader)
        except StopIteration:
            _report_pieces(pieces, len(header), problems)
            return
        except csv.Error as error:
            ended = reader.line_num
            _report_pieces(pieces, len(header), problems)
            problems.append(Problem(start, f"Line {start}: this row cannot be read as CSV ({error}); it was skipped."))
            continue
        ended = reader.line_num
        if not any(value.strip() for value in row):
            continue  # a blank line is not a row
        if len(row) != len(header):
            pieces.append((start, ended, row))
            continue
        _report_pieces(pieces, len(header), problems)
        yield start, dict(zip(header, row, strict=True))


def _report_pieces(pieces: list[tuple[int, int, list[str]]], expected: int, problems: list[Problem]) -> None:
    """One problem for a run of consecutive rows of the wrong length: they are usually the pieces
    of one or two rows cut by a stray quote, and one message per piece would bury the cause."""
    if not pieces:
        return
    first, last = pieces[0][0], pieces[-1][1]
    counts = [len(values) for _, _, values in pieces]
    beginning = _quote(",".join(pieces[0][2]))
    cause = (
        'Often a quote inside a text was not doubled (write "" for a quote inside quotes), which cuts a row in pieces'
    )
    if len(pieces) == 1:
        where = f"Line {first}" if first == last else f"Lines {first}–{last}"
        message = (
            f"{where}: this row has {counts[0]} value(s) where the first line names {expected} "
            f"(it starts {beginning}). {cause}; the row was skipped."
        )
    else:
        listed = ", ".join(map(str, counts[:-1])) + f" and {counts[-1]}"
        message = (
            f"Lines {first}–{last}: these lines are {len(pieces)} broken rows, of {listed} values where the first line "
            f"names {expected} (the first starts {beginning}). {cause}; they were skipped."
        )
    problems.append(Problem(first, message))
    pieces.clear()


def _rows_to_signals(
    rows: Iterator[tuple[int, dict[str, str]]], build: Callable[[dict[str, str]], Signal], problems: list[Problem]
) -> list[Signal]:
    signals = []
    for line, row in rows:
        try:
            signals.append(build(row))
        except _Skip as reason:
            problems.append(Problem(line, f"Line {line}: {reason}; the row was skipped."))
    return signals


def _local_time(value: str, pattern: str, example: str, shape: str, what: str = "the date") -> datetime:
    value = value.strip()
    if not value:
        raise _Skip(f"{what} is empty")
    try:
        return datetime.strptime(value, pattern).replace(tzinfo=EASTERN)
    except ValueError:
        if re.fullmatch(shape, value):
            raise _Skip(f"{what} {_quote(value)} is not a real date") from None
        raise _Skip(f"{what} {_quote(value)} is not a date written like “{example}”") from None


def _number(value: str, what: str, low: float, high: float) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise _Skip(f"the {what} {_quote(value)} is not a number") from None
    if not (low <= number <= high):
        raise _Skip(f"the {what} {_quote(value)} is not between {low:g} and {high:g}")
    return number


def _rest(row: dict[str, str], used: set[str]) -> dict[str, str]:
    return {column: value.strip() for column, value in row.items() if column not in used and value.strip()}


# --- Baltimore 311 service requests ------------------------------------------------------------

SERVICE_REQUEST_COLUMNS = ["ServiceRequestNum", "SRType", "CreatedDate"]
# How a request reached 311 when the city's own staff or systems created it: a crew's proactive
# round ("SW-Rat Rubout Proactive"), a pothole an inspector picked up. Not the public speaking.
AGENCY_METHODS = {"Internal", "System"}
_SERVICE_REQUEST_USED = {"ServiceRequestNum", "SRType", "CreatedDate", "Address", "Latitude", "Longitude"}


def read_service_requests_csv(
    source: Source, *, source_name: str = "Baltimore 311"
) -> tuple[list[Signal], list[Problem]]:
    """Service requests in the Baltimore 311 export format (Open Baltimore, 2014–2019).

    Required columns: ServiceRequestNum (the id), SRType (the category, e.g. "SW-Dirty Alley") and
    CreatedDate ("04/12/2018 11:11:26 AM", Baltimore local time). Address becomes the place;
    Latitude/Longitude the position, except whole-degree values (39, -77), which the export uses
    when an address was not located and would put the request outside the city. Every other
    non-empty column (MethodReceived, Agency, Neighborhood, CouncilDistrict, SRStatus, …) is kept
    in `extra` under its own name. A request whose MethodReceived is Internal or System was
    created by the city itself and is marked `raised_by_agency`. These requests carry no free text."""
    text, name, problems = _read_text(source)

    def build(row: dict[str, str]) -> Signal:
        number = row["ServiceRequestNum"].strip()
        if not number:
            raise _Skip("the service request has no number (ServiceRequestNum is empty)")
        created = _local_time(
            row["CreatedDate"], "%m/%d/%Y %I:%M:%S %p", "04/12/2018 11:11:26 AM", r"\d\d?/\d\d?/\d{4} .*", "the date"
        )
        latitude = _number(row.get("Latitude", ""), "latitude", -90, 90)
        longitude = _number(row.get("Longitude", ""), "longitude", -180, 180)
        if latitude is None or longitude is None or (latitude.is_integer() and longitude.is_integer()):
            latitude = longitude = None
        return Signal(
            source=source_name,
            external_id=number,
            time=created,
            place=row.get("Address", "").strip(),
            latitude=latitude,
            longitude=longitude,
            category=row["SRType"].strip(),
            extra=_rest(row, _SERVICE_REQUEST_USED),
            raised_by_agency=row.get("MethodReceived", "").strip() in AGENCY_METHODS,
        )

    kind = "Baltimore 311 service request"
    rows = _csv_rows(text, name, required=SERVICE_REQUEST_COLUMNS, kind=kind, problems=problems)
    return _rows_to_signals(rows, build, problems), problems


# --- We the People petitions -------------------------------------------------------------------

# Two exports of the same site: Shivashankar's 1K sample (id,title,content,tags,signs,CD: a day)
# and Rahimi's full export (PID,title,body,pcreated: a time). Each dict maps our field to its column.
_PETITION_FORMATS = {
    "sample": {"id": "id", "title": "title", "body": "content", "created": "CD", "category": "tags"},
    "full": {"id": "PID", "title": "title", "body": "body", "created": "pcreated", "category": ""},
}
_PETITION_ID = re.compile(r"\S{1,100}")  # the sample has ids such as "liZnR#snowden#informed"
_MONGO_ID = re.compile(r"[0-9a-f]{24}")


def read_petitions_csv(source: Source, *, source_name: str = "We the People") -> tuple[list[Signal], list[Problem]]:
    """Petitions in either We the People export.

    - The 1K sample: columns id, title, content, CD (created day, "25-Sep-11"); optional tags
      (the category, "null" when none), signs, url, statement.
    - The full export: columns PID (24 hexadecimal characters), title, body, pcreated
      ("2011-09-22 09:18:43"); optional signature_count, signatures_needed, status, serial.
    The text is the title, a blank line, then the body. Times are US Eastern; a day alone is
    taken as midnight that day. A row whose id is not an id, or whose date is not a date, is
    reported and skipped: in a file where a quote was not doubled such a row is a piece of the
    previous petition's text."""
    text, name, problems = _read_text(source)
    first_line = next(csv.reader([text.split("\n", 1)[0]]), [])
    columns = {column.strip() for column in first_line}
    layout = "full" if "PID" in columns or "pcreated" in columns else "sample"
    names = _PETITION_FORMATS[layout]
    used = {column for column in names.values() if column}

    def build(row: dict[str, str]) -> Signal:
        petition_id = row[names["id"]].strip()
        pattern = _MONGO_ID if layout == "full" else _PETITION_ID
        if not pattern.fullmatch(petition_id):
            shape = " (24 letters and digits)" if layout == "full" else ""
            raise _Skip(
                f"the petition id {_quote(petition_id)} is not a petition id{shape}: this row is probably the end "
                "of a petition cut in pieces by a quote that was not doubled"
            )
        if layout == "full":
            created = _local_time(
                row["pcreated"], "%Y-%m-%d %H:%M:%S", "2011-09-22 09:18:43", r"\d{4}-\d\d?-\d\d?.*", "the date"
            )
        else:
            day = _local_time(row["CD"], "%d-%b-%y", "25-Sep-11", r"\d\d?-[A-Za-z]{3}-\d\d", "the date").date()
            created = datetime.combine(day, time(), tzinfo=EASTERN)
        title = " ".join(row[names["title"]].split())
        body = row[names["body"]].replace("\r\n", "\n").strip()
        if not title and not body:
            raise _Skip("the petition has neither a title nor a text")
        category = row.get(names["category"], "").strip() if names["category"] else ""
        extra = {k: v for k, v in _rest(row, used).items() if v != "null" and k}
        return Signal(
            source=source_name,
            external_id=petition_id,
            time=created,
            category="" if category == "null" else category,
            text=f"{title}\n\n{body}".strip(),
            extra={"title": title, **extra},
        )

    required = [column for column in names.values() if column and column != "tags"]
    kind = "We the People petition"
    rows = _csv_rows(text, name, required=required, kind=kind, problems=problems)
    return _rows_to_signals(rows, build, problems), problems


# --- JSON and JSON Lines -----------------------------------------------------------------------

JSON_KEYS = {
    "source": ("source",),
    "external_id": ("external_id", "id"),
    "time": ("time", "created", "created_at", "date"),
    "place": ("place", "address", "location"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng"),
    "category": ("category", "type"),
    "text": ("text", "body", "message"),
    "extra": ("extra",),
    "raised_by_agency": ("raised_by_agency",),
}


def read_signals_json(source: Source, *, source_name: str | None = None) -> tuple[list[Signal], list[Problem]]:
    """Signals from a JSON array of objects, or JSON Lines (one object per line).

    Accepted keys (the first spelling is ours, the others are read as the same thing):
    source; external_id or id; time, created, created_at or date (ISO 8601 — "2024-05-03T10:15:00Z",
    "2024-05-03T10:15:00+02:00", or a day "2024-05-03", taken as midnight UTC; a time without an
    offset is taken as UTC); place, address or location; latitude or lat; longitude, lon or lng;
    category or type; text, body or message; raised_by_agency (true when the agency's own staff or
    systems created it); extra (an object). Any other key is kept in `extra`.
    Every key is optional, but a signal needs a text or a category. `source_name` fills a missing
    source (default: the file's name). A broken JSON Lines line is reported and skipped; a
    broken JSON array cannot be split safely and raises SignalFileError."""
    text, name, problems = _read_text(source)
    default_source = source_name or name or "JSON file"
    stripped = text.lstrip()
    if not stripped:
        raise SignalFileError(f"{_the_file(name)} is empty.")
    items: list[tuple[int, object]] = []
    if stripped.startswith("["):
        items = _json_array_items(text, name)
    else:
        broken = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                broken += 1
                problems.append(
                    Problem(
                        number,
                        f"Line {number}: this line is not valid JSON ({error.msg} at column {error.colno}); "
                        "it was skipped.",
                    )
                )
        if broken and not items:
            raise SignalFileError(f"{_the_file(name)} is neither a JSON array nor JSON Lines: no line could be read.")
    signals = []
    for line, item in items:
        try:
            signals.append(_json_signal(item, default_source))
        except _Skip as reason:
            problems.append(Problem(line, f"Line {line}: {reason}; the signal was skipped."))
    return signals, problems


def _json_array_items(text: str, name: str) -> list[tuple[int, object]]:
    """The items of a top-level JSON array with the line where each starts."""
    decoder = json.JSONDecoder()
    items = []
    position = text.index("[") + 1
    whitespace = re.compile(r"\s*")
    try:
        position = whitespace.match(text, position).end()
        if text.startswith("]", position):
            return []
        line, counted = 1, 0  # lines counted as we go: counting from the start each time is quadratic
        while True:
            item, end = decoder.raw_decode(text, position)
            line, counted = line + text.count("\n", counted, position), position
            items.append((line, item))
            position = whitespace.match(text, end).end()
            if text.startswith("]", position):
                break
            if not text.startswith(",", position):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
            position = whitespace.match(text, position + 1).end()
    except json.JSONDecodeError as error:
        raise SignalFileError(
            f"{_the_file(name)} is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from error
    if text[position + 1 :].strip():
        line = text.count("\n", 0, position) + 1
        raise SignalFileError(f"{_the_file(name)} is not valid JSON: there is text after the array ends (line {line}).")
    return items


def _json_value(item: dict, key: str):
    for spelling in JSON_KEYS[key]:
        if item.get(spelling) is not None:
            return item[spelling]
    return None


def _json_text(item: dict, key: str) -> str:
    value = _json_value(item, key)
    if value is None:
        return ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    raise _Skip(f"the {key.replace('_', ' ')} {_quote(json.dumps(value))} is not a text")


def _json_time(value) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Skip(f"the time {_quote(json.dumps(value))} is not a date written like “2024-05-03T10:15:00Z”")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value.strip()):
            raise _Skip(f"the date {_quote(value)} is not a real date") from None
        raise _Skip(f"the time {_quote(value)} is not a date written like “2024-05-03T10:15:00Z”") from None
    if len(value.strip()) == 10:  # a day alone
        moment = datetime.combine(date.fromisoformat(value.strip()), time())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _json_coordinate(value, what: str, limit: float) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _Skip(f"the {what} {value} is not a number")
    number = value if isinstance(value, int | float) else _number(str(value), what, -limit, limit)
    if not math.isfinite(number) or not (-limit <= number <= limit):
        raise _Skip(f"the {what} {number} is not between {-limit:g} and {limit:g}")
    return float(number)


def _json_signal(item: object, default_source: str) -> Signal:
    if not isinstance(item, dict):
        raise _Skip(f"this is {_quote(json.dumps(item))}, not an object with keys such as “text” and “time”")
    text = _json_text(item, "text")
    category = _json_text(item, "category")
    if not text and not category:
        raise _Skip("the signal has neither a text nor a category")
    latitude = _json_coordinate(_json_value(item, "latitude"), "latitude", 90)
    longitude = _json_coordinate(_json_value(item, "longitude"), "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise _Skip("the signal has a latitude or a longitude but not both")
    extra = _json_value(item, "extra") or {}
    if not isinstance(extra, dict):
        raise _Skip("“extra” is not an object")
    known = {spelling for spellings in JSON_KEYS.values() for spelling in spellings}
    by_agency = _json_value(item, "raised_by_agency")
    if by_agency is not None and not isinstance(by_agency, bool):
        raise _Skip("“raised_by_agency” is not true or false")
    return Signal(
        source=_json_text(item, "source") or default_source,
        external_id=_json_text(item, "external_id"),
        time=_json_time(_json_value(item, "time")),
        place=_json_text(item, "place"),
        latitude=latitude,
        longitude=longitude,
        category=category,
        text=text,
        extra={**{key: value for key, value in item.items() if key not in known}, **extra},
        raised_by_agency=bool(by_agency),
    )
