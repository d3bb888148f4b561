"""Reading and writing Pabulib files: what each section becomes, round trips, and the line and
reason given for every kind of broken file."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate.algorithms.budget_counting import VoteType
from cocreate.algorithms.pabulib import PabulibError, PabulibFile, parse_pabulib, read_pabulib, write_pabulib

APPROVAL = '''META
key;value
description;Small town
budget;1500,5
vote_type;approval
currency;EUR
PROJECTS
project_id;cost;votes;name;category;district
p1;1000;2;Park;green,sport;North
p2;500.5;2;"Library; new ""wing""";culture;South
p3;200;1;Bench;green;North
VOTES
voter_id;vote;age;sex
v1;p1,p2;30;F
v2;p2;41;M

v3;p1,p3;;F
'''


def test_sections_become_meta_projects_and_compressed_ballots():
    pb = parse_pabulib(APPROVAL)
    assert pb.meta["description"] == "Small town" and pb.budget == 1500.5 and pb.vote_type == "approval"
    assert pb.project_ids == ["p1", "p2", "p3"]
    assert pb.costs.tolist() == [1000, 500.5, 200]
    assert pb.names == ["Park", 'Library; new "wing"', "Bench"]
    assert pb.categories == [["green", "sport"], ["culture"], ["green"]]
    assert pb.districts == ["North", "South", "North"]
    assert pb.project_columns == ["votes", "name", "category", "district"]
    assert pb.column("votes") == ["2", "2", "1"]
    assert pb.voter_ids == ["v1", "v2", "v3"]
    assert pb.num_voters == 3 and pb.vote_starts.tolist() == [0, 2, 3, 5]
    assert pb.ballot(0) == ["p1", "p2"] and pb.ballot(2) == ["p1", "p3"]
    assert pb.vote_points is None
    assert pb.voter_columns == {"age": ["30", "41", ""], "sex": ["F", "M", "F"]}


def test_points_and_ranking_keep_the_voters_order():
    cumulative = parse_pabulib(
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\nb;5\n"
        "VOTES\nvoter_id;vote;points\n1;b,a;2,1\n2;a;3\n"
    )
    assert cumulative.ballot(0) == ["b", "a"] and cumulative.vote_points.tolist() == [2, 1, 3]
    ordinal = parse_pabulib(
        "META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\na;5\nb;5\nc;1\n"
        "VOTES\nvoter_id;vote\n1;c,a,b\n"
    )
    assert ordinal.ballot(0) == ["c", "a", "b"]
    assert ordinal.election().scores().tolist() == [2, 1, 0]  # Borda: length − position − 1
    assert ordinal.election().vote_type == VoteType.ORDINAL


def test_spaces_around_values_are_ignored():
    pb = parse_pabulib(APPROVAL.replace("v1;p1,p2;30;F", " v1 ; p1, p2 ;30 ;F"))
    assert pb.voter_ids[0] == "v1" and pb.ballot(0) == ["p1", "p2"] and pb.voter_columns["age"][0] == "30"
    assert pb == parse_pabulib(APPROVAL)


def test_windows_line_endings_and_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "crlf.pb"
    path.write_bytes(b"\xef\xbb\xbf" + APPROVAL.replace("\n", "\r\n").encode())
    assert read_pabulib(path) == parse_pabulib(APPROVAL)


def test_write_then_parse_gives_back_the_same_file():
    pb = parse_pabulib(APPROVAL)
    text = write_pabulib(pb)
    assert parse_pabulib(text) == pb
    assert '"Library; new ""wing"""' in text


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12).map(str.strip)
ids = st.from_regex(r"[A-Za-z0-9_./-]{1,6}", fullmatch=True)


@st.composite
def pabulib_files(draw):
    vote_type = draw(st.sampled_from(["approval", "choose-1", "cumulative", "ordinal", "scoring"]))
    project_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    m = len(project_ids)
    costs = draw(st.lists(st.integers(0, 10**7) | st.sampled_from([0.5, 1234.25]), min_size=m, max_size=m))
    n = draw(st.integers(0, 8))
    starts, entries, points = [0], [], []
    for _ in range(n):
        chosen = draw(st.lists(st.integers(0, m - 1), unique=True, max_size=m))
        entries += chosen
        points += [draw(st.integers(1, 9)) for _ in chosen]
        starts.append(len(entries))
    with_points = vote_type in ("cumulative", "scoring")
    return PabulibFile(
        meta={"description": draw(names), "budget": str(draw(st.integers(0, 10**8))), "vote_type": vote_type},
        project_ids=project_ids,
        costs=np.array(costs, dtype=np.float64),
        project_columns=["name", "category"],
        project_fields=[{"name": draw(names), "category": draw(names)} for _ in project_ids],
        voter_ids=[f"v{i}" for i in range(n)],
        vote_starts=np.array(starts, dtype=np.int64),
        vote_projects=np.array(entries, dtype=np.int32),
        vote_points=np.array(points, dtype=np.float64) if with_points else None,
        voter_columns={"age": [str(draw(st.integers(16, 99))) for _ in range(n)]},
    )


@settings(max_examples=150, deadline=None)
@given(pabulib_files())
def test_any_file_survives_a_round_trip(pb):
    assert parse_pabulib(write_pabulib(pb)) == pb


def broken(text: str) -> PabulibError:
    with pytest.raises(PabulibError) as problem:
        parse_pabulib(text)
    return problem.value


def replace_line(number: int, new: str) -> str:
    lines = APPROVAL.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("hello\n" + APPROVAL, 1, "should start a section (META, PROJECTS or VOTES)"),
        (replace_line(17, "v3;p9;1;F"), 17, "names an unknown project 'p9' in its vote"),
        (replace_line(10, "p2;cheap;2;Library;culture;South"), 10, "gives a cost for project p2 that is not a number"),
        (replace_line(4, "edition;1"), 1, "starts a META section without a budget"),
        (replace_line(4, "budget;lots"), 4, "gives a budget that is not a number: 'lots'"),
        (replace_line(5, "vote_type;lottery"), 5, "gives an unknown vote_type 'lottery'"),
        (replace_line(10, "p1;500;2;Library;culture;South"), 10, "repeats the project id 'p1'"),
        (replace_line(10, "p2;500;2;Library"), 10, "has 4 fields but the PROJECTS header has 6"),
        (replace_line(17, "v1;p2;41;M"), 17, "repeats the voter id 'v1'"),
        (replace_line(17, "v3;p2,p2;41;M"), 17, "names project 'p2' twice in its vote"),
        (replace_line(17, "v3;p2,;41;M"), 17, "has an empty project id in its vote"),
        (replace_line(8, "project_id;price;votes;name;category;district"), 8, "without a cost column"),
        (replace_line(13, "voter_id;age;sex;more"), 13, "is a VOTES header without a vote column"),
        (replace_line(2, "name;value"), 2, "should be the META header key;value"),
        (APPROVAL.replace("PROJECTS\n", "VOTES\n", 1), 7, "starts the VOTES section before the PROJECTS section"),
        (APPROVAL + "META\nkey;value\n", 18, "starts a second META section"),
    ],
)
def test_a_broken_file_is_refused_with_its_line_and_why(text, line, words):
    problem = broken(text)
    assert problem.line == line
    assert words in problem.reason
    assert str(problem).startswith(f"line {line} ")


def test_missing_sections_and_points_are_explained():
    assert "without a VOTES section" in str(broken(APPROVAL.split("VOTES")[0]))
    assert "empty" in str(broken("\n\n"))
    cumulative = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\nb;5\nVOTES\n"
    assert "without a points column" in str(broken(cumulative + "voter_id;vote\n1;a\n"))
    mismatch = broken(cumulative + "voter_id;vote;points\n1;a,b;2\n")
    assert mismatch.line == 11 and "names 2 project(s) but gives 1 point value(s)" in mismatch.reason
    assert "points that are not a number: 'x'" in str(broken(cumulative + "voter_id;vote;points\n1;a;x\n"))


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "binary.pb"
    path.write_bytes(b"META\nkey;value\n\xff\xfe\n")
    with pytest.raises(PabulibError, match="line 3 is not UTF-8 text"):
        read_pabulib(path)
