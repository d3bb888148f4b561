"""Emerging issues in real service requests: 10,000 Baltimore 311 requests from 2014 to early 2019
(../shared/data/service_requests). The strongest bursts must be events that really happened,
and the bursts few enough for a person to read."""

import csv
from datetime import datetime
from functools import cache

import numpy as np
import pytest

from cocreate.algorithms.bursts import count_signals, find_bursts
from tests.conftest import shared_data

pytestmark = pytest.mark.realdata

CREATED = "%m/%d/%Y %I:%M:%S %p"  # 04/12/2018 11:11:26 AM


@cache
def requests() -> tuple[list[np.datetime64], list[str], list[str]]:
    path = shared_data("service_requests", "baltimore_311_sample.csv")
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    days = [np.datetime64(datetime.strptime(row["CreatedDate"], CREATED).date()) for row in rows]
    return days, [row["SRType"] for row in rows], [row["Neighborhood"] or "(no neighbourhood)" for row in rows]


def show(title, bursts):
    print(f"\n{title}: {len(bursts)} bursts; top five:")
    for b in bursts[:5]:
        print(
            f"  {b.group!s:<55} {b.start} → {b.end}  peak {b.peak_count} on {b.peak}, "
            f"observed {b.observed} vs expected {b.expected:.2f} (baseline {b.baseline_rate:.3f}/bin), "
            f"score {b.score:.1f}"
        )


def plausible(series, bursts, most: int):
    assert 0 < len(bursts) <= most
    for b in bursts:
        assert b.observed > b.expected and b.score > 0
        assert series.bin_starts[0] <= b.start <= b.peak <= b.end <= series.bin_starts[-1]


def test_daily_bursts_by_request_type_find_the_january_2016_blizzard():
    days, types, _ = requests()
    series = count_signals(days, types)
    assert series.counts.sum() == 10_000 and len(series.groups) == 231
    bursts = find_bursts(series)
    show("Daily, by request type", bursts)
    # 231 types × ~1,840 tested days: a few dozen bursts, not hundreds.
    plausible(series, bursts, most=60)
    top = bursts[0]
    # The blizzard of 22–24 January 2016 (winter storm Jonas) buried Baltimore.
    assert top.group == "TRM-Snow/Icy Conditions"
    assert np.datetime64("2016-01-22") <= top.peak <= np.datetime64("2016-01-31")
    # February 2015's cold snap froze pipes: "no water" calls among the strongest bursts.
    assert any(
        b.group == "WW-Water No Water" and np.datetime64("2015-02-01") <= b.peak <= np.datetime64("2015-03-15")
        for b in bursts[:5]
    )


def test_weekly_bursts_by_request_type_and_by_neighbourhood():
    days, types, places = requests()
    by_type = count_signals(days, types, bin_days=7, first_day="2013-12-30")  # weeks start on Monday
    type_bursts = find_bursts(by_type, window=26, guard=1)
    show("Weekly, by request type (26-week baseline)", type_bursts)
    plausible(by_type, type_bursts, most=60)
    assert type_bursts[0].group == "TRM-Snow/Icy Conditions"

    by_place = count_signals(days, places, bin_days=7, first_day="2013-12-30")
    place_bursts = find_bursts(by_place, window=26, guard=1)
    show("Weekly, by neighbourhood (26-week baseline)", place_bursts)
    plausible(by_place, place_bursts, most=120)  # 274 neighbourhoods × 241 tested weeks


def test_weekly_bursts_by_request_type_in_each_neighbourhood():
    days, types, places = requests()
    series = count_signals(days, list(zip(types, places, strict=True)), bin_days=7, first_day="2013-12-30")
    bursts = find_bursts(series, window=26, guard=1)
    show("Weekly, by request type and neighbourhood", bursts)
    plausible(series, bursts, most=200)  # ~4,600 groups, almost all of them nearly empty
    assert find_bursts(series, window=26, guard=1) == bursts
