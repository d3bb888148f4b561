"""Reading the real signal files in ../shared/data: Baltimore's 311 sample and the two We the
People petition exports, one of them broken by quotes that were not doubled."""

import re
import statistics
from datetime import UTC, datetime
from functools import cache

import pytest

from cocreate.dialogue.signal_files import read_petitions_csv, read_service_requests_csv
from tests.conftest import shared_data

pytestmark = pytest.mark.realdata
PETITION_START = re.compile(r"[0-9a-f]{24},")


@cache
def service_requests():
    return read_service_requests_csv(shared_data("service_requests", "baltimore_311_sample.csv"))


@cache
def petitions(name: str):
    return read_petitions_csv(shared_data("petitions", name))


def test_every_baltimore_service_request_is_read():
    signals, problems = service_requests()
    assert (len(signals), problems) == (10_000, [])
    assert len({signal.external_id for signal in signals}) == 10_000
    assert all(signal.time.tzinfo is not None and signal.category for signal in signals)
    assert {signal.time.year for signal in signals} == set(range(2014, 2020))
    assert len({signal.category for signal in signals}) == 231
    located = [signal for signal in signals if signal.latitude is not None]
    # 590 rows have no coordinates, 892 a whole-degree placeholder (885 × (39, -77), 7 × (39, -76)).
    assert len(located) == 10_000 - 590 - 892
    # A few requests are from Baltimore County (Middle River, Owings Mills): the box is the region.
    assert all(39.0 < signal.latitude < 39.8 and -77.0 < signal.longitude < -76.2 for signal in located)


def test_every_clean_petition_is_read_and_the_windows_1252_bytes_are_reported():
    signals, problems = petitions("we_the_people_1k.csv")
    assert len(signals) == 1_023
    [encoding] = problems
    assert "473 character(s)" in encoding.message
    assert not any("\ufffd" in signal.text for signal in signals[:20])
    assert all(signal.text and signal.time for signal in signals)
    assert sum(1 for signal in signals if signal.category) == 1_023 - 57  # 57 petitions are tagged "null"


def test_the_messy_petitions_are_mostly_read_and_every_lost_petition_is_reported():
    signals, problems = petitions("we_the_people_messy.csv")
    assert len(signals) == 772  # 1,000 petitions; the rest were cut in pieces by undoubled quotes
    assert len({signal.external_id for signal in signals}) == 772
    assert 150 < len(problems) < 300
    assert all(problem.message.endswith("skipped.") for problem in problems)
    read_ids = {signal.external_id for signal in signals}
    lines = shared_data("petitions", "we_the_people_messy.csv").read_text(encoding="utf-8").split("\n")
    petition_starts = {number: line[:24] for number, line in enumerate(lines, start=1) if PETITION_START.match(line)}
    read_lines = [number for number, pid in petition_starts.items() if pid in read_ids]
    lost_lines = [number for number, pid in petition_starts.items() if pid not in read_ids]
    assert len(petition_starts) == 1_000 and len(lost_lines) == 228
    reported = sorted(problem.line for problem in problems)
    for lost in lost_lines:
        # The stretch that holds a lost petition was reported: a problem starts at its first line
        # or earlier, with no petition read in between.
        opening = max(line for line in reported if line <= lost)
        assert not any(opening < line <= lost for line in read_lines), lost


def test_petition_times_are_us_eastern():
    """A petition id is a MongoDB id whose first 8 hex digits are its UTC creation second: read
    as Eastern time, `pcreated` lands minutes from it (read as UTC it would be 4 hours off)."""
    signals, _ = petitions("we_the_people_messy.csv")
    gaps = [
        (signal.time - datetime.fromtimestamp(int(signal.external_id[:8], 16), UTC)).total_seconds() / 60
        for signal in signals
    ]
    assert abs(statistics.median(gaps)) < 60
