"""Reading signals from small inline CSV and JSON files: good rows become signals, bad rows are
reported with their line and skipped, a file that cannot be read raises a clear error."""

import io
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from cocreate.dialogue.signal_files import (
    SignalFileError,
    read_petitions_csv,
    read_service_requests_csv,
    read_signals_json,
)

EASTERN = ZoneInfo("America/New_York")

SERVICE_HEADER = "ServiceRequestNum,SRType,MethodReceived,CreatedDate,Address,Neighborhood,Latitude,Longitude\n"


def text_file(content: str) -> io.StringIO:
    return io.StringIO(content)


def test_a_service_request_becomes_a_signal_with_local_time_place_and_position():
    signals, problems = read_service_requests_csv(
        text_file(
            SERVICE_HEADER
            + '18-1,SW-Dirty Alley,Phone,04/16/2018 05:30:13 PM,"12 S STOCKTON ST, BALTIMORE",Hollins Market,'
            "39.28,-76.63\n"
        )
    )
    assert problems == []
    [signal] = signals
    assert signal.source == "Baltimore 311"
    assert signal.external_id == "18-1"
    assert signal.time == datetime(2018, 4, 16, 17, 30, 13, tzinfo=EASTERN)
    assert signal.time.utcoffset() is not None
    assert signal.place == "12 S STOCKTON ST, BALTIMORE"
    assert (signal.latitude, signal.longitude) == (39.28, -76.63)
    assert signal.category == "SW-Dirty Alley"
    assert signal.text == ""
    assert signal.extra == {"MethodReceived": "Phone", "Neighborhood": "Hollins Market"}


def test_a_request_the_city_created_itself_is_marked_raised_by_the_agency():
    signals, _ = read_service_requests_csv(
        text_file(
            SERVICE_HEADER
            + "18-3,SW-Rat Rubout Proactive,Internal,04/12/2018 11:11:26 AM,,,,\n"
            + "18-4,TRM-Pickup Pothole,System,04/12/2018 11:11:26 AM,,,,\n"
            + "18-5,SW-Dirty Alley,Phone,04/12/2018 11:11:26 AM,,,,\n"
        )
    )
    assert [s.raised_by_agency for s in signals] == [True, True, False]


def test_whole_degree_coordinates_mean_the_address_was_not_located():
    signals, _ = read_service_requests_csv(
        text_file(SERVICE_HEADER + "18-2,TRT-Signal,Phone,04/12/2018 11:11:26 AM,,,39,-77\n")
    )
    assert (signals[0].latitude, signals[0].longitude) == (None, None)


def test_bad_service_request_rows_are_reported_with_their_line_and_skipped():
    content = (
        SERVICE_HEADER
        + "18-1,SW-Dirty Alley,Phone,04/16/2018 05:30:13 PM,,,,\n"
        + "18-2,SW-Dirty Alley,Phone,02/31/2019 05:30:13 PM,,,,\n"  # 31 February
        + "18-3,SW-Dirty Alley,Phone,yesterday,,,,\n"
        + "18-4,SW-Dirty Alley,Phone\n"  # too few values
        + ",SW-Dirty Alley,Phone,04/16/2018 05:30:13 PM,,,,\n"
        + "18-6,SW-Dirty Alley,Phone,04/16/2018 05:30:13 PM,,,north,\n"
        + "18-7,SW-Dirty Alley,Phone,04/16/2018 05:30:13 PM,,,,\n"
    )
    signals, problems = read_service_requests_csv(text_file(content))
    assert [signal.external_id for signal in signals] == ["18-1", "18-7"]
    assert [problem.line for problem in problems] == [3, 4, 5, 6, 7]
    messages = [problem.message for problem in problems]
    assert messages[0] == "Line 3: the date “02/31/2019 05:30:13 PM” is not a real date; the row was skipped."
    assert "“yesterday” is not a date written like “04/12/2018 11:11:26 AM”" in messages[1]
    assert "has 3 value(s) where the first line names 8" in messages[2]
    assert "no number" in messages[3]
    assert "latitude “north” is not a number" in messages[4]


def test_a_file_without_the_required_columns_is_refused_with_the_missing_names():
    with pytest.raises(SignalFileError, match="no column 'SRType', 'CreatedDate'"):
        read_service_requests_csv(text_file("ServiceRequestNum,Address\n1,Main St\n"))


def test_a_missing_file_or_an_empty_file_or_a_binary_file_is_refused(tmp_path):
    with pytest.raises(SignalFileError, match="cannot be read"):
        read_service_requests_csv(tmp_path / "absent.csv")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(SignalFileError, match="is empty"):
        read_service_requests_csv(tmp_path / "empty.csv")
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(SignalFileError, match="not a text file"):
        read_service_requests_csv(tmp_path / "book.xlsx")
    assert issubclass(SignalFileError, ValueError)


def test_windows_1252_bytes_are_read_and_reported_once(tmp_path):
    path = tmp_path / "requests.csv"
    path.write_bytes(
        SERVICE_HEADER.encode()
        + "1,Caf\u00e9 noise,Phone,04/16/2018 05:30:13 PM,,,,\n".encode("cp1252")
        + "2,It\u2019s loud,Phone,04/16/2018 05:30:13 PM,,,,\n".encode("cp1252")
    )
    signals, problems = read_service_requests_csv(path)
    assert [signal.category for signal in signals] == ["Caf\u00e9 noise", "It\u2019s loud"]
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "not entirely UTF-8; 2 character(s)" in problems[0].message


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path):
    path = tmp_path / "requests.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (SERVICE_HEADER + "1,Pothole,Web,04/16/2018 05:30:13 PM,,,,\n").encode())
    signals, problems = read_service_requests_csv(path)
    assert (len(signals), problems) == (1, [])


PETITIONS_FULL = (
    "PID,title,body,pcreated,serial,signature_count,signatures_needed,signature_threshold,status\n"
    '4e7b352b4bd5046c04000000,"Stop Animal Homelessness","\n'
    "Every year, millions of pets enter shelters.\n"
    "\n"
    'Sign the petition.\n","2011-09-22 09:18:43",1,11786,0,5000,Reviewed\n'
    '4e7b35898d8c37d975000000,"Abolish the college","Candidates focus on "swing" states, like Florida, '
    'and neglect others.","2011-09-22 09:30:13",6,29311,0,5000,Reviewed\n'
    '4e7b3623709f036e7a000002,"Reject the pipeline","It threatens our water.","2011-09-22 09:24:18",11,7875,0,5000,'
    "Reviewed\n"
)


def test_multi_line_petitions_are_read_and_a_row_cut_by_a_stray_quote_is_reported():
    signals, problems = read_petitions_csv(text_file(PETITIONS_FULL))
    assert [signal.external_id for signal in signals] == ["4e7b352b4bd5046c04000000", "4e7b3623709f036e7a000002"]
    first = signals[0]
    assert (
        first.text == "Stop Animal Homelessness\n\nEvery year, millions of pets enter shelters.\n\nSign the petition."
    )
    assert first.time == datetime(2011, 9, 22, 9, 18, 43, tzinfo=EASTERN)
    assert first.extra["signature_count"] == "11786"
    assert first.extra["title"] == "Stop Animal Homelessness"
    [problem] = problems
    assert problem.line == 7
    assert "a quote inside a text was not doubled" in problem.message
    assert problem.message.endswith("the row was skipped.")


def test_a_piece_of_text_that_looks_like_a_row_is_not_taken_for_a_petition():
    content = PETITIONS_FULL.splitlines(keepends=True)[0] + (
        'Drug use is a social issue," and health"," not prison.","2011-09-22 16:54:05",91,30018,0,5000,Reviewed\n'
    )
    signals, problems = read_petitions_csv(text_file(content))
    assert signals == []
    assert problems[0].message.startswith("Line 2: the petition id “Drug use is a social issue” is not a petition id")


def test_the_sample_export_reads_a_day_and_a_category():
    content = (
        ",id,url,title,content,statement,tags,signs,createdDate,Month,Day,Year,CD,FCD\n"
        '66,lwQW9,https://x/p,Allow access,"Research has shown.",null,Health Care,8261,,September,25.0,2011.0,'
        "25-Sep-11,25-Sep-11\n"
        "67,liZnR#snowden,https://x/q,Pardon,Text.,null,null,10,,June,9.0,2013.0,9-Jun-13,09-Jun-13\n"
        "68,abc,https://x/r,Bad day,Text.,null,null,10,,June,31.0,2013.0,31-Jun-13,31-Jun-13\n"
    )
    signals, problems = read_petitions_csv(text_file(content))
    assert [signal.external_id for signal in signals] == ["lwQW9", "liZnR#snowden"]
    assert signals[0].time == datetime(2011, 9, 25, tzinfo=EASTERN)
    assert signals[0].category == "Health Care"
    assert signals[0].text == "Allow access\n\nResearch has shown."
    assert signals[1].category == ""
    assert "statement" not in signals[0].extra  # "null" means no value
    assert problems == [(4, "Line 4: the date “31-Jun-13” is not a real date; the row was skipped.")]


def test_a_petitions_file_without_a_body_column_is_refused():
    with pytest.raises(SignalFileError, match="no column 'body'"):
        read_petitions_csv(text_file("PID,title,pcreated\n4e7b352b4bd5046c04000000,T,2011-09-22 09:18:43\n"))


SIGNALS = [
    {"id": "a1", "time": "2024-05-03T10:15:00Z", "text": "Streetlight out", "lat": 51.5, "lng": -0.12, "ward": "C"},
    {"source": "Survey", "created": "2024-05-03", "category": "Parks", "place": "Victoria Park"},
    {"time": "2024-05-03T10:15:00", "message": "No offset: UTC", "extra": {"channel": "app"}},
]


def test_a_json_array_becomes_signals_with_the_accepted_spellings(tmp_path):
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(SIGNALS, indent=2), encoding="utf-8")
    signals, problems = read_signals_json(path)
    assert problems == []
    first, second, third = signals
    assert (first.source, first.external_id, first.text) == ("posts.json", "a1", "Streetlight out")
    assert first.time == datetime(2024, 5, 3, 10, 15, tzinfo=UTC)
    assert (first.latitude, first.longitude) == (51.5, -0.12)
    assert first.extra == {"ward": "C"}
    assert (second.source, second.category, second.place) == ("Survey", "Parks", "Victoria Park")
    assert second.time == datetime(2024, 5, 3, tzinfo=UTC)
    assert third.time == datetime(2024, 5, 3, 10, 15, tzinfo=UTC)
    assert third.extra == {"channel": "app"}


def test_bad_objects_in_a_json_array_are_reported_with_their_line_and_skipped():
    content = '[\n  {"text": "fine"},\n  "just a string",\n  {"text": "x", "time": "2024-02-30"},\n  {"id": 3}\n]\n'
    signals, problems = read_signals_json(text_file(content), source_name="Forum")
    assert [(signal.source, signal.text) for signal in signals] == [("Forum", "fine")]
    assert [problem.line for problem in problems] == [3, 4, 5]
    assert "not an object" in problems[0].message
    assert problems[1].message == "Line 4: the date “2024-02-30” is not a real date; the signal was skipped."
    assert "neither a text nor a category" in problems[2].message


def test_a_broken_json_array_is_refused_with_its_position():
    with pytest.raises(SignalFileError, match="line 2, column"):
        read_signals_json(text_file('[\n  {"text": "a"} {"text": "b"}\n]'))


def test_json_lines_skip_the_broken_lines_and_keep_the_others():
    content = "\n".join(
        [
            json.dumps({"id": "1", "text": "Bins not collected", "time": "2024-05-03T08:00:00+01:00"}),
            '{"id": "2", "text": "cut off',
            "",
            json.dumps({"id": "3", "text": "Far away", "lat": 123, "lon": 0}),
            json.dumps({"id": "4", "category": "Noise"}),
        ]
    )
    signals, problems = read_signals_json(text_file(content))
    assert [signal.external_id for signal in signals] == ["1", "4"]
    assert signals[0].time.utcoffset().total_seconds() == 3600
    assert [problem.line for problem in problems] == [2, 4]
    assert problems[0].message.startswith("Line 2: this line is not valid JSON")
    assert "latitude 123 is not between -90 and 90" in problems[1].message


def test_a_file_that_is_not_json_at_all_is_refused():
    with pytest.raises(SignalFileError, match="neither a JSON array nor JSON Lines"):
        read_signals_json(text_file("id,text\n1,hello\n"))


def test_a_file_opened_in_binary_mode_is_read_like_a_path(tmp_path):
    path = tmp_path / "requests.csv"
    path.write_text(SERVICE_HEADER + "1,Pothole,Web,04/16/2018 05:30:13 PM,,,,\n", encoding="utf-8")
    with path.open("rb") as opened:
        signals, problems = read_service_requests_csv(opened)
    assert ([signal.category for signal in signals], problems) == (["Pothole"], [])


def test_an_empty_uploaded_file_is_refused_without_a_name():
    with pytest.raises(SignalFileError, match="^The file is empty.$"):
        read_signals_json(text_file("  \n"))


def test_a_json_signal_may_say_the_agency_raised_it_and_a_wrong_value_is_reported():
    signals, problems = read_signals_json(
        text_file(
            json.dumps(
                [
                    {"id": "a", "category": "Rats", "raised_by_agency": True},
                    {"id": "b", "category": "Rats"},
                    {"id": "c", "category": "Rats", "raised_by_agency": "yes"},
                ]
            )
        )
    )
    assert [(s.external_id, s.raised_by_agency) for s in signals] == [("a", True), ("b", False)]
    assert "raised_by_agency" not in signals[0].extra
    assert len(problems) == 1 and "“raised_by_agency” is not true or false" in problems[0].message
