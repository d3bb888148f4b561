"""Listening writes: sources, importing files (twice = no duplicates; a bad file changes
nothing), feeds (a broken feed only records its problem), emerging issues and staff decisions.
A feed's address inside the platform's own network is refused when the source is added."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreate.dialogue.models import EmergingIssue, IssueStatus, ListeningSource, Signal, SourceKind
from cocreate.dialogue.services import listening as services
from tests.dialogue.listening_factories import area_burst_signals, burst_signals, listening_space, write_json
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SERVICE_REQUESTS = (
    "ServiceRequestNum,SRType,CreatedDate,Address,Neighborhood,Latitude,Longitude\n"
    '18-001,SW-Dirty Alley,04/12/2018 11:11:26 AM,"1 Main St, BALTIMORE",Canton,39.28,-76.58\n'
    "18-002,SW-Dirty Alley,04/13/2018 09:00:00 AM,2 Main St,Canton,39.29,-76.59\n"
    "18-003,TRS-Parking Complaint,13/45/2018 09:00:00 AM,3 Main St,Canton,,\n"
)


@pytest.fixture
def setup():
    return listening_space()


@pytest.fixture(autouse=True)
def _after_commit(django_capture_on_commit_callbacks, monkeypatch):
    """Each service call runs what it leaves for after its commit (recomputing the issues in the
    task backend), as it would outside the test's transaction."""
    for name in ("signals_import", "feed_fetch", "listening_source_remove"):
        original = getattr(services, name)

        def committed(*args, _original=original, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return _original(*args, **kwargs)

        monkeypatch.setattr(services, name, committed)


def upload(text, name="requests.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_311_file_becomes_signals_with_place_area_and_position_and_bad_rows_are_reported(setup):
    space, staff, _org = setup
    report = services.signals_import(person=staff, space=space, file=upload(SERVICE_REQUESTS))
    assert (report.imported, report.updated) == (2, 0)
    assert [p.line for p in report.problems] == [4]
    assert "not a real date" in report.problems[0].message
    signal = Signal.objects.get(external_id="18-001")
    assert (signal.category, signal.area, signal.place) == ("SW-Dirty Alley", "Canton", "1 Main St, BALTIMORE")
    assert signal.latitude == pytest.approx(39.28)
    assert report.source.name == "Service requests" and report.source.signals_count == 2


def test_importing_the_same_file_twice_updates_instead_of_duplicating(setup):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=upload(SERVICE_REQUESTS), source_name="Baltimore 311")
    changed = SERVICE_REQUESTS.replace("2 Main St", "22 Main St")
    report = services.signals_import(person=staff, space=space, file=upload(changed), source_name="Baltimore 311")
    assert (report.imported, report.updated) == (0, 2)
    assert Signal.objects.filter(space=space).count() == 2
    assert Signal.objects.get(external_id="18-002").place == "22 Main St"
    assert ListeningSource.objects.filter(space=space).count() == 1


def test_the_same_ids_under_another_source_are_other_signals(setup):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=upload(SERVICE_REQUESTS), source_name="A")
    services.signals_import(person=staff, space=space, file=upload(SERVICE_REQUESTS), source_name="B")
    assert Signal.objects.filter(space=space).count() == 4


def test_a_file_that_is_not_a_signals_file_is_refused_and_changes_nothing(setup):
    space, staff, _org = setup
    with pytest.raises(ValidationError) as refused:
        services.signals_import(person=staff, space=space, file=upload("name,age\nAnna,3\n"), file_format="311")
    assert "has no column" in refused.value.message_dict["file"][0]
    assert not Signal.objects.exists() and not ListeningSource.objects.exists()


def test_a_file_whose_every_row_is_broken_imports_nothing(setup):
    space, staff, _org = setup
    broken = "ServiceRequestNum,SRType,CreatedDate\n,X,yesterday\n"
    with pytest.raises(ValidationError) as refused:
        services.signals_import(person=staff, space=space, file=upload(broken))
    assert "nothing was imported" in refused.value.message_dict["file"][0]
    assert not ListeningSource.objects.exists()


def test_only_the_space_organisers_may_import(setup):
    space, _staff, _org = setup
    with pytest.raises(PermissionDenied):
        services.signals_import(person=PersonFactory(), space=space, file=upload(SERVICE_REQUESTS))
    assert not Signal.objects.exists()


def test_petition_tags_give_their_first_tag_as_category(setup, tmp_path):
    space, staff, _org = setup
    text = 'id,title,content,tags,CD\nabc,Fund schools,More money for schools,"Education,Economy & Jobs",25-Sep-11\n'
    services.signals_import(person=staff, space=space, file=upload(text, "petitions.csv"))
    signal = Signal.objects.get()
    assert signal.category == "Education"
    assert signal.text.startswith("Fund schools")


def test_signals_without_ids_are_not_duplicated_on_a_second_import(setup, tmp_path):
    space, staff, _org = setup
    path = write_json(tmp_path, [{"time": "2024-01-01T10:00:00Z", "text": "Bins not emptied", "category": "Waste"}])
    services.signals_import(person=staff, space=space, file=path)
    services.signals_import(person=staff, space=space, file=path)
    assert Signal.objects.count() == 1


def test_a_burst_becomes_an_emerging_issue_after_the_import(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    issue = EmergingIssue.objects.get(space=space, area="")  # the immediate task backend ran the recomputation
    assert issue.category == "Snow" and issue.bin_days == 1
    assert issue.starts_on == date(2024, 2, 15)
    assert issue.observed >= 12 and issue.expected < 1
    assert issue.status == IssueStatus.NEW


def test_staff_decisions_survive_a_recomputation_and_undecided_issues_that_vanish_are_removed(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    issue = EmergingIssue.objects.get(space=space, area="")
    services.emerging_issue_decide(person=staff, issue=issue, status=IssueStatus.WATCHING)
    assert services.emerging_issues_recompute(space=space) == 2  # over the whole space and in Canton
    again = EmergingIssue.objects.get(space=space, area="")
    assert (again.pk, again.status) == (issue.pk, IssueStatus.WATCHING)

    EmergingIssue.objects.filter(pk=issue.pk).update(status=IssueStatus.NEW)
    Signal.objects.filter(external_id__startswith="b").delete()
    services.emerging_issues_recompute(space=space)
    assert not EmergingIssue.objects.exists()


def test_a_burst_of_signals_the_agency_raised_itself_is_no_emerging_issue(setup, tmp_path):
    """A crew's round of forty addresses in one day is the agency at work, not the public speaking."""
    space, staff, _org = setup
    rounds = [{**item, "raised_by_agency": True} for item in burst_signals(burst=40)]
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, rounds))
    assert Signal.objects.filter(space=space, raised_by_agency=True).count() == len(rounds)
    assert services.emerging_issues_recompute(space=space) == 0
    assert not EmergingIssue.objects.filter(space=space).exists()
    public = [{**item, "id": f"public-{item['id']}"} for item in burst_signals()]
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, public, "public.json"))
    assert services.emerging_issues_recompute(space=space) == 2  # Snow, and Snow in Canton


def test_a_decided_issue_stays_when_the_burst_is_no_longer_found(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    issue = EmergingIssue.objects.get(space=space, area="")
    services.emerging_issue_decide(person=staff, issue=issue, status=IssueStatus.DISMISSED)
    Signal.objects.filter(external_id__startswith="b").delete()
    services.emerging_issues_recompute(space=space)
    assert EmergingIssue.objects.get().status == IssueStatus.DISMISSED  # the undecided one in Canton is gone


def test_a_decision_must_be_one_staff_can_take(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    issue = EmergingIssue.objects.get(space=space, area="")
    with pytest.raises(ValidationError):
        services.emerging_issue_decide(person=staff, issue=issue, status=IssueStatus.QUESTION)
    with pytest.raises(PermissionDenied):
        services.emerging_issue_decide(person=PersonFactory(), issue=issue, status=IssueStatus.DISMISSED)
    assert EmergingIssue.objects.get(pk=issue.pk).status == IssueStatus.NEW


def test_long_series_are_read_week_by_week(setup, tmp_path):
    space, staff, _org = setup
    items = burst_signals(days=400, burst_day=300, burst=20, usual_every=7)
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, items))
    issue = EmergingIssue.objects.get(space=space, category="Snow", area="")
    assert issue.bin_days == 7


# --- emerging issues in one area -----------------------------------------------------------------


def test_an_area_that_bursts_is_an_issue_even_where_the_whole_space_is_flat(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, area_burst_signals()))
    (issue,) = EmergingIssue.objects.filter(space=space)  # 15 instead of the usual 10 a day is no burst everywhere
    assert (issue.category, issue.area, issue.name) == ("Dirty alleys", "Canton", "Dirty alleys — Canton")
    assert issue.starts_on == date(2024, 2, 15) and issue.bin_days == 1
    assert (issue.observed, issue.peak_count) == (5, 5) and issue.baseline_rate < 0.1
    assert str(issue) == "Dirty alleys — Canton (2024-02-15)"


def test_a_burst_from_one_area_is_found_over_the_whole_space_and_in_that_area(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    issues = EmergingIssue.objects.filter(space=space).order_by("area")
    assert [(i.category, i.area, i.starts_on) for i in issues] == [
        ("Snow", "", date(2024, 2, 15)),
        ("Snow", "Canton", date(2024, 2, 15)),
    ]
    everywhere, in_canton = issues
    assert (everywhere.observed, in_canton.observed) == (13, 12)  # one usual signal had no area


def test_a_category_without_areas_gives_the_same_issue_as_before(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals(area="")))
    (issue,) = EmergingIssue.objects.filter(space=space)
    assert (issue.category, issue.area, issue.bin_days, issue.starts_on) == ("Snow", "", 1, date(2024, 2, 15))
    assert issue.observed == 13 and issue.expected < 1


def test_a_decision_on_an_area_issue_survives_a_recomputation_that_moves_its_period(setup, tmp_path):
    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, area_burst_signals()))
    issue = EmergingIssue.objects.get(space=space, area="Canton")
    services.emerging_issue_decide(person=staff, issue=issue, status=IssueStatus.DISMISSED)
    # Late reports from Canton the day before: the same burst, now starting a day earlier.
    more = [
        {"id": f"late{i}", "time": "2024-02-14T09:00:00Z", "category": "Dirty alleys", "area": "Canton", "text": "x"}
        for i in range(3)
    ]
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, more, "more.json"))
    again = EmergingIssue.objects.get(space=space, area="Canton")
    assert (again.pk, again.status, again.decided_by) == (issue.pk, IssueStatus.DISMISSED, staff)
    assert (again.starts_on, again.ends_on, again.observed) == (date(2024, 2, 14), date(2024, 2, 15), 8)


def test_area_issues_nobody_decided_on_are_removed_when_no_longer_found_and_decided_ones_stay(setup, tmp_path):
    space, staff, _org = setup
    items = area_burst_signals() + area_burst_signals(area="Fells Point", category="Rats", prefix="r")
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, items))
    assert {i.name for i in EmergingIssue.objects.filter(space=space)} == {
        "Dirty alleys — Canton",
        "Rats — Fells Point",
    }
    rats = EmergingIssue.objects.get(space=space, area="Fells Point")
    services.emerging_issue_decide(person=staff, issue=rats, status=IssueStatus.WATCHING)
    Signal.objects.filter(space=space, area__in=["Canton", "Fells Point"]).delete()
    assert services.emerging_issues_recompute(space=space) == 0
    assert list(EmergingIssue.objects.filter(space=space)) == [rats]


def test_a_question_or_a_challenge_raised_from_an_area_issue_says_which_area(setup, tmp_path):
    from datetime import UTC, datetime

    space, staff, organisation = setup
    items = area_burst_signals() + area_burst_signals(category="Rats", prefix="r")
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, items))
    alleys = EmergingIssue.objects.get(space=space, category="Dirty alleys")
    question = services.emerging_issue_to_question(
        person=staff, issue=alleys, dialogue_space=space, title="Who will sweep the alleys of Canton?"
    )
    assert "Raised from the emerging issue “Dirty alleys — Canton”: 5 signals" in question.details
    rats = EmergingIssue.objects.get(space=space, category="Rats")
    challenge = services.emerging_issue_to_challenge(
        person=staff,
        issue=rats,
        organisation=organisation,
        template="competition",
        title="Fewer rats in Canton",
        starts_at=datetime(2026, 5, 4, 9, tzinfo=UTC),
    )
    assert "“Rats — Canton”" in challenge.description and "“Rats — Canton”" in challenge.summary


# --- sources and feeds ---------------------------------------------------------------------------

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>City news</title><link>https://example.org/</link>
<description>News</description>
<item><title>Snow closes schools</title><link>https://example.org/1</link><guid>news-1</guid>
<description>&lt;p&gt;All schools closed on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;</description>
<category>Weather</category><pubDate>Mon, 25 Jan 2016 08:00:00 GMT</pubDate></item>
<item><title>Bins collected late</title><link>https://example.org/2</link>
<pubDate>Tue, 26 Jan 2016 09:30:00 GMT</pubDate></item>
</channel></rss>"""


def feed_source(space, staff, tmp_path, server, text=RSS, name="City news"):
    """A feed source whose feed is `text`, served by the local `feed_server` (no internet)."""
    from urllib.parse import quote

    source = services.listening_source_add(
        person=staff, space=space, name=name, kind=SourceKind.FEED, feed_url="https://example.org/feed.xml"
    )
    (tmp_path / f"{name}.xml").write_text(text, encoding="utf-8")
    ListeningSource.objects.filter(pk=source.pk).update(feed_url=f"{server}/{quote(name)}.xml")
    source.refresh_from_db()
    return source


def test_each_feed_entry_becomes_a_signal_and_fetching_again_updates_it(setup, tmp_path, feed_server):
    space, staff, _org = setup
    source = feed_source(space, staff, tmp_path, feed_server)
    report = services.feed_fetch(source=source)
    assert (report.imported, report.updated) == (2, 0)
    snow = Signal.objects.get(link="https://example.org/1")
    assert snow.external_id.endswith("news-1")  # the entry's id (feedparser resolves it against the feed's address)
    assert snow.category == "Weather"
    assert snow.text == "Snow closes schools\n\nAll schools closed on Monday."
    assert snow.time.isoformat() == "2016-01-25T08:00:00+00:00"
    assert snow.link == "https://example.org/1"
    assert Signal.objects.get(external_id="https://example.org/2").category == ""  # id from the link
    report = services.feed_fetch(source=source)
    assert (report.imported, report.updated) == (0, 2)
    source.refresh_from_db()
    assert source.signals_count == 2 and source.last_fetched_at and not source.last_problem


def test_a_broken_feed_records_its_problem_and_changes_nothing_else(setup, tmp_path, feed_server):
    space, staff, _org = setup
    source = feed_source(space, staff, tmp_path, feed_server)
    services.feed_fetch(source=source)
    (tmp_path / "City news.xml").write_text("<html><body>Moved</body", encoding="utf-8")
    report = services.feed_fetch(source=source)
    source.refresh_from_db()
    assert "not an RSS or Atom feed" in source.last_problem
    assert report.problems and report.imported == 0
    assert Signal.objects.filter(source=source).count() == 2


def test_a_feed_that_cannot_be_reached_records_the_problem(setup, tmp_path, feed_server):
    space, staff, _org = setup
    source = feed_source(space, staff, tmp_path, feed_server)
    ListeningSource.objects.filter(pk=source.pk).update(feed_url="http://127.0.0.1:9/feed.xml")
    source.refresh_from_db()
    services.feed_fetch(source=source)
    source.refresh_from_db()
    assert source.last_problem.startswith("The feed could not be read:") and not Signal.objects.exists()


def test_a_feed_source_needs_a_web_address_and_a_unique_name(setup):
    space, staff, _org = setup
    with pytest.raises(ValidationError) as refused:
        services.listening_source_add(
            person=staff, space=space, name="News", kind=SourceKind.FEED, feed_url="file:///etc/passwd"
        )
    assert "feed_url" in refused.value.message_dict
    services.listening_source_add(
        person=staff, space=space, name="News", kind=SourceKind.FEED, feed_url="https://example.org/rss"
    )
    with pytest.raises(ValidationError) as refused:
        services.listening_source_add(person=staff, space=space, name="News")
    assert "name" in refused.value.message_dict
    assert ListeningSource.objects.count() == 1


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:6379/",
        "http://localhost:5432/feed",
        "https://LOCALHOST./rss",
        "http://intranet.localhost/rss",
        "http://10.1.2.3/rss",
        "http://192.168.1.10/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/rss",
        "http://[::ffff:127.0.0.1]/rss",
        "http://[fe80::1]/rss",
        "http://0.0.0.0/rss",
        "http://127.1/rss",
        "http://2130706433/rss",
    ],
)
def test_a_feed_address_inside_the_platforms_network_is_refused_and_nothing_is_added(setup, address, settings):
    space, staff, _org = setup
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = False  # the default
    with pytest.raises(ValidationError) as refused:
        services.listening_source_add(person=staff, space=space, name="News", kind=SourceKind.FEED, feed_url=address)
    assert refused.value.message_dict == {
        "feed_url": ["This address points inside the platform's own network, so it cannot be read as a feed."]
    }
    assert not ListeningSource.objects.exists()


def test_an_agency_reading_its_intranet_may_add_a_private_feed_address(setup, settings):
    space, staff, _org = setup
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = True
    source = services.listening_source_add(
        person=staff, space=space, name="Intranet", kind=SourceKind.FEED, feed_url="http://10.1.2.3/rss"
    )
    assert source.feed_url == "http://10.1.2.3/rss"
    with pytest.raises(ValidationError) as refused:
        services.listening_source_add(
            person=staff, space=space, name="Metadata", kind=SourceKind.FEED, feed_url="http://169.254.169.254/latest/"
        )
    assert "inside the platform's own network" in str(refused.value)
    assert ListeningSource.objects.count() == 1


def test_only_due_feeds_are_fetched(setup, tmp_path, feed_server):
    space, staff, _org = setup
    source = feed_source(space, staff, tmp_path, feed_server)
    assert services.feeds_fetch_due() == 1
    assert services.feeds_fetch_due() == 0  # fetched a moment ago; due again in 6 hours
    assert source.signals.count() == 2


def test_a_file_cannot_be_imported_under_a_feed_source(setup, tmp_path, feed_server):
    space, staff, _org = setup
    feed_source(space, staff, tmp_path, feed_server)
    with pytest.raises(ValidationError):
        services.signals_import(person=staff, space=space, file=upload(SERVICE_REQUESTS), source_name="City news")
    assert not Signal.objects.exists()


def test_removing_a_source_removes_its_signals_and_their_issues(setup, tmp_path):
    space, staff, _org = setup
    report = services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    assert EmergingIssue.objects.exists()
    services.listening_source_remove(person=staff, source=report.source)
    assert not Signal.objects.exists() and not EmergingIssue.objects.exists()


def test_ten_thousand_rows_are_imported_in_a_few_seconds(setup, tmp_path):
    import time

    space, staff, _org = setup
    items = [
        {"id": str(i), "time": f"2024-0{1 + i % 9}-1{i % 10}T10:00:00Z", "category": f"C{i % 20}", "text": "x"}
        for i in range(10_000)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(items))
    started = time.perf_counter()
    report = services.signals_import(person=staff, space=space, file=path)
    assert report.imported == 10_000
    assert time.perf_counter() - started < 20  # generous for a shared test machine; ~2 s on a laptop


def test_a_feed_is_read_over_http_and_a_missing_one_records_the_error(setup, tmp_path, feed_server):
    space, staff, _org = setup
    (tmp_path / "news.xml").write_text(RSS, encoding="utf-8")
    source = services.listening_source_add(
        person=staff, space=space, name="News", kind=SourceKind.FEED, feed_url=f"{feed_server}/news.xml"
    )
    assert services.feed_fetch(source=source).imported == 2
    assert Signal.objects.get(link="https://example.org/1").external_id == "news-1"
    ListeningSource.objects.filter(pk=source.pk).update(feed_url=f"{feed_server}/gone.xml")
    source.refresh_from_db()
    services.feed_fetch(source=source)
    source.refresh_from_db()
    assert source.last_problem == "The feed's address answered with the error 404."
    assert Signal.objects.filter(source=source).count() == 2


def test_the_data_download_lists_the_sources_added_and_the_decisions_taken(setup, tmp_path):
    from cocreate.accounts.personal_data import export_sections

    space, staff, _org = setup
    services.signals_import(person=staff, space=space, file=write_json(tmp_path, burst_signals()))
    issue = EmergingIssue.objects.get(space=space, area="")
    services.emerging_issue_decide(person=staff, issue=issue, status=IssueStatus.WATCHING)
    sections = export_sections()
    assert [s["source"] for s in sections["listening sources added"](staff)] == ["Uploaded signals"]
    (decision,) = sections["decisions on emerging issues"](staff)
    assert decision["decision"] == "watching" and decision["issue"].startswith("Snow")
    assert sections["decisions on emerging issues"](PersonFactory()) == []
