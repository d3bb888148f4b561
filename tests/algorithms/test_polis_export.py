"""Reading a Pol.is openData export folder: columns by name (with or without `xid`), votes from
votes.csv with their times or rebuilt from participants-votes.csv, and clear refusals."""

import numpy as np
import pytest

from cocreate.algorithms.polis_export import PolisExportError, read_polis_export

COMMENTS = """timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body
1000,Mon,0,0,2,1,1,"More buses, please"
1001,Mon,1,1,1,1,-1,Off topic
1002,Mon,2,1,0,1,0,"A long statement
over two lines"
"""
PARTICIPANTS = """participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2
0,0,1,3,1,1,1,-1,0
1,1,1,2,1,0,1,,
5,,0,1,0,1,-1,,
"""
VOTES = """timestamp,datetime,comment-id,voter-id,vote
1010,Mon,0,0,-1
1020,Mon,1,0,-1
1030,Mon,2,0,0
1040,Mon,0,1,1
1050,Mon,0,5,-1
1060,Mon,0,0,1
"""


def export_folder(tmp_path, *, comments=COMMENTS, participants=PARTICIPANTS, votes=VOTES):
    for name, text in (("comments.csv", comments), ("participants-votes.csv", participants), ("votes.csv", votes)):
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def cells(export):
    return sorted(
        zip(
            (export.participant_ids[i] for i in export.vote_participant),
            (export.statement_ids[j] for j in export.vote_statement),
            export.vote_value.tolist(),
            strict=True,
        )
    )


def test_votes_csv_gives_every_vote_with_its_time(tmp_path):
    export = read_polis_export(export_folder(tmp_path))
    assert export.participant_ids == ["0", "1", "5"]
    assert export.statement_ids == ["0", "1", "2"]
    assert export.moderated_out.tolist() == [False, True, False]
    assert export.recorded_group.tolist() == [0, 1, -1]
    assert export.num_votes == 6  # the changed vote is kept: the later one wins when replayed
    assert export.vote_time.tolist() == [1010, 1020, 1030, 1040, 1050, 1060]
    assert export.statement_texts[2] == "A long statement\nover two lines"


def test_without_votes_csv_votes_are_rebuilt_from_the_participants_file(tmp_path):
    export = read_polis_export(export_folder(tmp_path, votes=None))
    assert export.vote_time is None
    assert cells(export) == [("0", "0", 1), ("0", "1", -1), ("0", "2", 0), ("1", "0", 1), ("5", "0", -1)]


def test_an_xid_column_is_not_a_statement(tmp_path):
    with_xid = PARTICIPANTS.replace("participant,group-id", "participant,xid,group-id")
    with_xid = "\n".join(
        line if i == 0 else line.replace(",", ",abc-" + str(i) + ",", 1) for i, line in enumerate(with_xid.splitlines())
    )
    export = read_polis_export(export_folder(tmp_path, participants=with_xid + "\n", votes=None))
    assert export.statement_ids == ["0", "1", "2"]
    assert cells(export) == [("0", "0", 1), ("0", "1", -1), ("0", "2", 0), ("1", "0", 1), ("5", "0", -1)]
    assert export.recorded_group.tolist() == [0, 1, -1]


def test_a_voter_only_votes_csv_knows_is_added_without_a_group(tmp_path):
    export = read_polis_export(export_folder(tmp_path, votes=VOTES + "1070,Mon,2,9,1\n"))
    assert export.participant_ids[-1] == "9" and export.recorded_group[-1] == -1
    assert np.count_nonzero(export.vote_participant == 3) == 1


def test_a_missing_folder_or_file_is_named(tmp_path):
    with pytest.raises(PolisExportError, match="is not a folder"):
        read_polis_export(tmp_path / "nowhere")
    with pytest.raises(PolisExportError, match="comments.csv is missing"):
        read_polis_export(export_folder(tmp_path, comments=None))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"votes": VOTES.replace("1040,Mon,0,1,1", "1040,Mon,0,1,yes")}, "votes.csv line 5: the vote 'yes'"),
        (
            {"participants": PARTICIPANTS.replace("1,-1,0\n", "1,2,0\n"), "votes": None},
            "participants-votes.csv line 2: the vote '2'",
        ),
        ({"participants": PARTICIPANTS.replace("group-id", "group")}, "no 'group-id' column"),
        ({"comments": COMMENTS.replace("1001,Mon,1,", "1001,Mon,one,")}, "comments.csv line 3: comment-id"),
        ({"votes": VOTES + "1070,Mon,0\n"}, "votes.csv line 8: expected 5 cells"),
        ({"participants": PARTICIPANTS.replace(",0,1,2\n", ",0,1,x\n")}, "statement column should be a whole number"),
    ],
)
def test_malformed_files_are_refused_with_the_line(tmp_path, change, message):
    with pytest.raises(PolisExportError, match=message):
        read_polis_export(export_folder(tmp_path, **change))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    folder = export_folder(tmp_path)
    (folder / "comments.csv").write_bytes(COMMENTS.encode("utf-8") + b"\xff\xfe,\n")
    with pytest.raises(PolisExportError, match="not UTF-8"):
        read_polis_export(folder)
