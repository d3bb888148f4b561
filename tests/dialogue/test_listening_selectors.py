"""Listening reads run a fixed number of queries whatever the number of signals and issues."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from cocreate.dialogue.selectors import listening as selectors
from cocreate.dialogue.services import listening as services
from tests.challenges.page_queries import page_queries
from tests.dialogue.listening_factories import burst_signals, listening_space
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _import(space, staff, tmp_path, items, name):
    path = tmp_path / name
    path.write_text(json.dumps(items))
    services.signals_import(person=staff, space=space, file=path, source_name=name)
    services.emerging_issues_recompute(space=space)


def _more(category, start):
    return [{**item, "id": f"{category}-{item['id']}"} for item in burst_signals(category=category, start=start)]


def test_the_dashboard_runs_the_same_queries_for_one_issue_or_many(client, tmp_path):
    space, staff, _org = listening_space()
    client.force_login(staff)
    _import(space, staff, tmp_path, burst_signals(), "a.json")
    address = reverse("dialogue:listening", kwargs={"slug": space.slug})
    one = page_queries(client, address)
    for n, category in enumerate(["Rats", "Noise", "Graffiti"]):
        _import(space, staff, tmp_path, _more(category, date(2024, 1, 1) + timedelta(days=n)), f"{category}.json")
    assert len(selectors.listening_dashboard(space=space)["issues"]) == 4
    assert page_queries(client, address) == one


def test_the_overview_runs_the_same_queries_for_few_or_many_issues(tmp_path, django_assert_max_num_queries):
    space, staff, _org = listening_space()
    _import(space, staff, tmp_path, burst_signals(), "a.json")
    viewer = PersonFactory()
    import django.db
    from django.test.utils import CaptureQueriesContext

    selectors.listening_overview(space=space, viewer=viewer)  # the viewer's roles are then known
    with CaptureQueriesContext(django.db.connection) as few:
        assert selectors.listening_overview(space=space, viewer=viewer)["signals_count"] > 0
    _import(space, staff, tmp_path, _more("Rats", date(2024, 1, 3)), "b.json")
    with CaptureQueriesContext(django.db.connection) as many:
        selectors.listening_overview(space=space, viewer=viewer)
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_the_overview_is_none_without_signals():
    space, _staff, _org = listening_space()
    assert selectors.listening_overview(space=space, viewer=None) is None


def test_an_issue_chart_shows_the_baseline_window_and_highlights_the_burst(tmp_path):
    space, staff, _org = listening_space()
    _import(space, staff, tmp_path, burst_signals(), "a.json")
    ((issue, chart),) = selectors.listening_dashboard(space=space)["issues"]
    burst_bars = [bar for bar in chart.bars if bar.in_issue]
    assert burst_bars[0].label == "2024-02-15" and burst_bars[0].count == 13  # 12 in the burst, 1 usual
    assert len(chart.bars) > 28  # the baseline weeks before it are drawn
    assert chart.baseline == pytest.approx(issue.baseline_rate, abs=0.01)
    assert all(0 <= bar.y <= chart.height for bar in chart.bars)


def test_the_signal_list_is_filtered_and_runs_one_query_per_page(tmp_path, django_assert_num_queries):
    space, staff, _org = listening_space()
    _import(space, staff, tmp_path, burst_signals(), "a.json")
    filters = selectors.SignalFilters(category="Snow", since=date(2024, 2, 15), until=date(2024, 2, 15))
    with django_assert_num_queries(1):
        signals = list(selectors.signal_list(space=space, filters=filters)[:50])
        assert {s.source.name for s in signals} == {"a.json"}
    assert len(signals) == 13
