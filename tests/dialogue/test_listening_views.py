"""Listening pages: the dashboard with its charts, importing a file, sources, an issue and
turning it into a question or a challenge; only the space's organisers get in."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cocreate.dialogue.models import EmergingIssue, IssueStatus, ListeningSource, Question, Signal
from tests.dialogue.listening_factories import (
    area_burst_signals,
    burst_signals,
    listening_space,
    space_with_issue,
    write_json,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def url(name, space, **kwargs):
    return reverse(f"dialogue:{name}", kwargs={"slug": space.slug, **kwargs})


def test_staff_see_the_dashboard_with_each_issue_chart_and_its_table(client, tmp_path):
    space, staff, _org, issue = space_with_issue(tmp_path)
    client.force_login(staff)
    page = client.get(url("listening", space)).content.decode()
    assert "Emerging issues" in page and "Snow" in page
    assert '<svg viewBox="0 0 640 180"' in page and '<desc id="chart-' in page
    assert "The figures as a table" in page
    assert "Signals by category" in page and "Signals by area" in page
    assert "Map of the signals with a position" in page


def test_the_dashboard_filters_by_source_and_period(client, tmp_path):
    space, staff, _org, _issue = space_with_issue(tmp_path)
    client.force_login(staff)
    page = client.get(url("listening", space), {"since": "2030-01-01"}).content.decode()
    assert "No emerging issue" in page
    page = client.get(url("listening", space), {"since": "2024-03-01", "until": "2024-01-01"}).content.decode()
    assert "The end of the period comes before its start." in page


def test_people_who_are_not_organisers_are_refused(client, tmp_path):
    space, _staff, _org, issue = space_with_issue(tmp_path)
    client.force_login(PersonFactory())
    for address in (
        url("listening", space),
        url("listening_import", space),
        url("listening_issue", space, issue_id=issue.pk),
    ):
        assert client.get(address).status_code == 403
    response = client.post(url("listening_issue_decide", space, issue_id=issue.pk), {"status": "dismissed"})
    assert response.status_code == 403
    assert EmergingIssue.objects.get(pk=issue.pk).status == IssueStatus.NEW


def test_visitors_are_asked_to_sign_in(client, tmp_path):
    space, *_ = listening_space()
    response = client.get(url("listening", space))
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_upload_a_file_and_read_the_report(client, django_capture_on_commit_callbacks):
    space, staff, _org = listening_space()
    client.force_login(staff)
    import json

    items = burst_signals() + [{"id": "bad", "time": "yesterday", "text": "?"}]
    upload = SimpleUploadedFile("signals.json", json.dumps(items).encode(), content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("listening_import", space), {"file": upload, "source_name": "Street reports"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file is imported" in page and "problem: this row was skipped" in page
    assert "is not a date written like" in page
    assert Signal.objects.filter(source__name="Street reports").count() == len(items) - 1
    assert EmergingIssue.objects.filter(space=space).exists()


def test_a_bad_upload_shows_the_reason_and_imports_nothing(client):
    space, staff, _org = listening_space()
    client.force_login(staff)
    upload = SimpleUploadedFile("photo.csv", b"\x89PNG\x00\x00\x00", content_type="text/csv")
    page = client.post(url("listening_import", space), {"file": upload}).content.decode()
    assert "There is a problem" in page and "is not a text file" in page
    assert not Signal.objects.exists() and not ListeningSource.objects.exists()


def test_staff_add_a_feed_on_the_sources_page(client):
    space, staff, _org = listening_space()
    client.force_login(staff)
    response = client.post(
        url("listening_sources", space),
        {"name": "City news", "kind": "feed", "feed_url": "https://example.org/rss", "fetch_every_hours": 2},
    )
    assert response.status_code == 302
    page = client.get(url("listening_sources", space)).content.decode()
    assert "City news" in page and "every 2 hours" in page
    page = client.post(
        url("listening_sources", space), {"name": "Other", "kind": "feed", "feed_url": "", "fetch_every_hours": 2}
    ).content.decode()
    assert "Enter the feed&#x27;s address" in page or "Enter the feed's address" in page


def test_a_feed_address_inside_the_platforms_network_is_refused_on_the_form(client, settings):
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = False  # the default
    space, staff, _org = listening_space()
    client.force_login(staff)
    response = client.post(
        url("listening_sources", space),
        {"name": "Metadata", "kind": "feed", "feed_url": "http://169.254.169.254/latest/", "fetch_every_hours": 2},
    )
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert "There is a problem" in page
    assert "This address points inside the platform's own network, so it cannot be read as a feed." in page
    assert 'value="http://169.254.169.254/latest/"' in page  # kept on the form, to be corrected
    assert not ListeningSource.objects.exists()


def test_staff_watch_an_issue_and_see_it_on_its_page(client, tmp_path):
    space, staff, _org, issue = space_with_issue(tmp_path)
    client.force_login(staff)
    client.post(url("listening_issue_decide", space, issue_id=issue.pk), {"status": "watching"})
    issue.refresh_from_db()
    assert issue.status == IssueStatus.WATCHING
    page = client.get(url("listening_issue", space, issue_id=issue.pk)).content.decode()
    assert "Watching" in page and "Signals in this period" in page and "Main St" in page


def test_turning_an_issue_into_a_question_leads_to_the_question(client, tmp_path):
    space, staff, _org, issue = space_with_issue(tmp_path)
    client.force_login(staff)
    form = client.get(url("listening_issue_question", space, issue_id=issue.pk)).content.decode()
    assert "Raised from the emerging issue" in form  # the details are suggested
    response = client.post(
        url("listening_issue_question", space, issue_id=issue.pk),
        {"dialogue_space": space.pk, "title": "What will you do about the snow?", "details": ""},
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert EmergingIssue.objects.get(pk=issue.pk).question == question


def test_turning_an_issue_into_a_challenge_leads_to_the_challenge(client, tmp_path):
    space, staff, organisation, issue = space_with_issue(tmp_path)
    client.force_login(staff)
    response = client.post(
        url("listening_issue_challenge", space, issue_id=issue.pk),
        {"organisation": organisation.pk, "template": "competition", "title": "Snow", "starts_at": "2026-05-04T09:00"},
    )
    issue.refresh_from_db()
    assert issue.challenge_space and response["Location"] == issue.challenge_space.get_absolute_url()


def test_the_space_page_shows_the_public_only_what_staff_acted_on(client, tmp_path):
    space, staff, _org, issue = space_with_issue(tmp_path)
    page = client.get(space.get_absolute_url()).content.decode()
    assert "The government listens" in page and "Listening dashboard" not in page
    assert "Snow" not in page
    from cocreate.dialogue.services.listening import emerging_issue_to_question

    emerging_issue_to_question(person=staff, issue=issue, dialogue_space=space, title="What about the snow?")
    page = client.get(space.get_absolute_url()).content.decode()
    assert "What about the snow?" in page
    client.force_login(staff)
    assert "Listening dashboard" in client.get(space.get_absolute_url()).content.decode()


def test_the_signals_page_lists_signals_by_category(client, tmp_path):
    space, staff, _org, _issue = space_with_issue(tmp_path)
    client.force_login(staff)
    page = client.get(url("listening_signals", space), {"category": "Potholes"}).content.decode()
    assert "pothole" in page and "Street 3 not cleared" not in page


# --- emerging issues in one area -----------------------------------------------------------------


def _import(space, staff, tmp_path, items, name):
    from cocreate.dialogue.services import listening as services

    services.signals_import(person=staff, space=space, file=write_json(tmp_path, items, name), source_name=name)
    services.emerging_issues_recompute(space=space)


def _renamed(items, prefix):
    return [{**item, "id": f"{prefix}-{item['id']}"} for item in items]


def test_the_dashboard_lists_the_areas_of_an_issue_under_where_and_issues_in_one_area_apart(client, tmp_path):
    space, staff, _org, snow = space_with_issue(tmp_path)
    _import(space, staff, tmp_path, area_burst_signals(), "alleys.json")
    in_canton = EmergingIssue.objects.get(category="Snow", area="Canton")
    alleys = EmergingIssue.objects.get(category="Dirty alleys")
    client.force_login(staff)
    page = client.get(url("listening", space)).content.decode()
    page = page.split('<div class="grid grid--halves">')[0]  # the issues, before the counts and the map
    everywhere, in_one_area = page.split("Emerging issues in one area")
    snow_card = everywhere[everywhere.index(url("listening_issue", space, issue_id=snow.pk)) :]
    assert "Where" in snow_card
    assert f'<a href="{url("listening_issue", space, issue_id=in_canton.pk)}">Canton</a>' in snow_card
    assert "Dirty alleys" not in everywhere and "Snow — Canton" not in page  # each burst is shown once
    assert f'<a href="{url("listening_issue", space, issue_id=alleys.pk)}">Dirty alleys — Canton</a>' in in_one_area
    assert "Signals per day: Dirty alleys — Canton" in in_one_area


def test_the_dashboard_says_when_only_areas_rose(client, tmp_path):
    space, staff, _org = listening_space()
    _import(space, staff, tmp_path, area_burst_signals(), "alleys.json")
    client.force_login(staff)
    page = client.get(url("listening", space)).content.decode()
    assert "No category of signals rose clearly above its usual level over the whole space." in page
    assert "Dirty alleys — Canton" in page and "No emerging issue:" not in page
    from cocreate.dialogue.selectors.listening import listening_dashboard

    ((issue, chart),) = listening_dashboard(space=space)["area_issues"]
    counts = {bar.label: bar.count for bar in chart.bars}  # Canton's signals only, not the ten a day elsewhere
    assert counts["2024-02-15"] == 5 and counts["2024-02-14"] == 0 and chart.baseline < 0.1


def test_an_area_issue_page_shows_its_area_its_signals_and_the_issue_over_the_whole_space(client, tmp_path):
    space, staff, _org, snow = space_with_issue(tmp_path)
    in_canton = EmergingIssue.objects.get(category="Snow", area="Canton")
    client.force_login(staff)
    page = client.get(url("listening_issue", space, issue_id=in_canton.pk)).content.decode()
    assert "Emerging issue: Snow — Canton" in page and "<dd>Canton</dd>" in page
    assert f'<a href="{url("listening_issue", space, issue_id=snow.pk)}">Snow</a>' in page  # over the whole space
    assert "Street 3 not cleared" in page and ": usual" not in page  # the usual signal that day has no area
    assert "?category=Snow&amp;area=Canton" in page
    page = client.get(url("listening_issue", space, issue_id=snow.pk)).content.decode()
    assert "<dd>The whole space</dd>" in page and ": usual" in page
    assert f'<a href="{url("listening_issue", space, issue_id=in_canton.pk)}">Snow — Canton</a>' in page
    form = client.get(url("listening_issue_question", space, issue_id=in_canton.pk)).content.decode()
    assert 'value="Snow — Canton"' in form and "Raised from the emerging issue “Snow — Canton”" in form


def test_the_signals_page_lists_the_signals_of_one_area(client, tmp_path):
    space, staff, _org, _issue = space_with_issue(tmp_path)
    client.force_login(staff)
    page = client.get(url("listening_signals", space), {"category": "Snow", "area": "Canton"}).content.decode()
    assert "Area: Canton." in page and "Street 3 not cleared" in page and ">usual<" not in page


def test_the_dashboard_the_issue_list_and_an_issue_page_run_the_same_queries_for_few_or_many_issues(
    client, tmp_path, django_assert_num_queries
):
    from cocreate.dialogue.selectors import listening as selectors
    from tests.challenges.page_queries import page_queries

    space, staff, _org, snow = space_with_issue(tmp_path)
    _import(space, staff, tmp_path, area_burst_signals(), "alleys.json")
    client.force_login(staff)
    dashboard, issue_page = url("listening", space), url("listening_issue", space, issue_id=snow.pk)
    few = (page_queries(client, dashboard), page_queries(client, issue_page))
    for n, (category, area) in enumerate([("Rats", "Fells Point"), ("Noise", "Hampden"), ("Graffiti", "Canton")]):
        start = date(2024, 1, 1) + timedelta(days=n)
        _import(space, staff, tmp_path, _renamed(burst_signals(category=category, start=start, area=area), n), f"{n}")
        more = area_burst_signals(category=f"{category} at night", area=area, prefix=f"{n}")
        _import(space, staff, tmp_path, more, f"{n}-areas")
    # Snow in another area at the same time: one more area under the issue's “Where”.
    _import(space, staff, tmp_path, _renamed(burst_signals(area="Hampden"), "hampden"), "hampden")
    issues = selectors.listening_dashboard(space=space)
    assert len(issues["issues"]) == 4 and len(issues["area_issues"]) == 4
    assert sum(len(issue.area_issues) for issue, _chart in issues["issues"]) == 5
    assert [i.area for i in selectors.related_issues(issue=snow)] == ["Canton", "Hampden"]
    assert (page_queries(client, dashboard), page_queries(client, issue_page)) == few
    with django_assert_num_queries(1):
        assert len(list(selectors.issue_list(space=space))) == 13


def test_the_space_page_counts_new_issues_as_the_dashboard_lists_them(tmp_path):
    """“Snow” over the whole space and “Snow — Canton” under its “Where” are one issue to decide on;
    “Dirty alleys — Canton”, which rose in Canton only, is another."""
    from cocreate.dialogue.selectors.listening import listening_overview

    space, staff, _org, _snow = space_with_issue(tmp_path)
    assert EmergingIssue.objects.filter(space=space).count() == 2
    assert listening_overview(space=space, viewer=staff)["new_count"] == 1
    _import(space, staff, tmp_path, area_burst_signals(), "alleys.json")
    assert listening_overview(space=space, viewer=staff)["new_count"] == 2


def test_an_area_issue_whose_whole_space_issue_is_not_shown_is_listed_on_its_own(tmp_path, monkeypatch):
    from cocreate.dialogue.selectors import listening as selectors

    space, staff, _org, snow = space_with_issue(tmp_path)
    rats = _renamed(burst_signals(category="Rats", burst=40, area=""), "rats")  # stronger, with no area
    _import(space, staff, tmp_path, rats, "rats.json")
    monkeypatch.setattr(selectors, "DASHBOARD_ISSUES", 1)  # only the strongest issue over the whole space
    dashboard = selectors.listening_dashboard(space=space)
    assert [issue.category for issue, _chart in dashboard["issues"]] == ["Rats"]
    assert [issue.name for issue, _chart in dashboard["area_issues"]] == ["Snow — Canton"]


def test_the_dashboard_says_how_many_signals_the_agency_raised_itself(client, tmp_path):
    space, staff, _org, _snow = space_with_issue(tmp_path)
    rounds = [{**item, "id": f"round-{item['id']}", "raised_by_agency": True} for item in burst_signals(burst=3)]
    _import(space, staff, tmp_path, rounds[-3:], "rounds.json")
    client.force_login(staff)
    page = client.get(url("listening", space)).content.decode()
    assert "3 of them were raised by the agency itself" in page
    signals = client.get(url("listening_signals", space), {"source": ""}).content.decode()
    assert signals.count("Raised by the agency itself") == 3
