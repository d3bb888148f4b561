"""Pol.is openData exports (github.com/compdemocracy/openData): read one conversation's folder into
plain arrays. No Django.

A folder holds `comments.csv` (one row per statement: `comment-id`, `moderated` -1/0/1, …),
`participants-votes.csv` (one row per participant: `participant`, sometimes `xid`, `group-id` as
Pol.is assigned it, counts, then one column per statement holding 1 agree, -1 disagree, 0 pass or
nothing when not seen) and, when the export was small enough, `votes.csv` (`timestamp`,
`comment-id`, `voter-id`, `vote`: every vote cast, in no particular order, including votes later
changed). Columns are found by name, never by position.

With `votes.csv` the votes keep their timestamps (so the history can be replayed); without it they
are rebuilt from `participants-votes.csv`, one vote per filled cell, with no time.

A folder that cannot be read raises `PolisExportError`, whose message says which file and why
("participants-votes.csv line 12: the vote 'x' for statement 7 should be 1, -1, 0 or empty").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

AGREE, DISAGREE, PASS = 1, -1, 0
# Participant columns that are not statements (every other column of participants-votes.csv is one).
PARTICIPANT_COLUMNS = {"participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
VOTE_VALUES = {"1": AGREE, "-1": DISAGREE, "0": PASS, "1.0": AGREE, "-1.0": DISAGREE, "0.0": PASS}


class PolisExportError(ValueError):
    """The folder is not a readable Pol.is export; the message names the file and the problem."""


@dataclass(eq=False)
class PolisExport:
    """One conversation. Participants are numbered 0…n-1 (in the order of participants-votes.csv,
    then any voter only votes.csv knows), statements 0…m-1 (comments.csv's ids in ascending order,
    then any id only the votes name). Vote v is `vote_participant[v]` on `vote_statement[v]` with
    `vote_value[v]` (1, -1, 0) at `vote_time[v]` (milliseconds; None when rebuilt without times)."""

    participant_ids: list[str]
    statement_ids: list[str]
    moderated_out: np.ndarray  # bool per statement: moderated = -1 in comments.csv
    vote_participant: np.ndarray
    vote_statement: np.ndarray
    vote_value: np.ndarray
    vote_time: np.ndarray | None
    recorded_group: np.ndarray  # the group-id Pol.is recorded per participant, -1 when none
    statement_texts: list[str] = field(default_factory=list)  # comment-body, "" when unknown

    @property
    def num_participants(self) -> int:
        return len(self.participant_ids)

    @property
    def num_statements(self) -> int:
        return len(self.statement_ids)

    @property
    def num_votes(self) -> int:
        return len(self.vote_value)


def read_polis_export(folder: str | Path) -> PolisExport:
    """Read a conversation folder. Raises PolisExportError for a missing folder or file, a file
    that cannot be decoded, or a malformed row."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolisExportError(f"{folder} is not a folder (expected a Pol.is export folder)")
    comments = _rows(folder / "comments.csv", required=("comment-id", "moderated"))
    people = _rows(folder / "participants-votes.csv", required=("participant", "group-id"))
    votes_path = folder / "votes.csv"
    votes = _rows(votes_path, required=("timestamp", "comment-id", "voter-id", "vote")) if votes_path.exists() else None

    moderation: dict[str, int] = {}
    texts: dict[str, str] = {}
    for line, row in comments:
        sid = _integer_id(row["comment-id"], "comments.csv", line, "comment-id")
        moderation[sid] = _integer(row["moderated"], "comments.csv", line, "moderated")
        texts[sid] = row.get("comment-body") or ""
    header = people[0][1].keys() if people else _header(folder / "participants-votes.csv")
    vote_columns = [name for name in header if name not in PARTICIPANT_COLUMNS]
    for name in vote_columns:
        _integer_id(name, "participants-votes.csv", 1, "statement column")

    participant_ids: list[str] = []
    recorded: list[int] = []
    for line, row in people:
        participant_ids.append(_integer_id(row["participant"], "participants-votes.csv", line, "participant"))
        group = (row["group-id"] or "").strip()
        recorded.append(_integer(group, "participants-votes.csv", line, "group-id") if group else -1)
    if len(set(participant_ids)) != len(participant_ids):
        raise PolisExportError("participants-votes.csv names a participant twice")

    statement_ids = sorted(set(moderation) | set(vote_columns), key=int)
    if votes is not None:
        statement_ids = sorted(
            set(statement_ids) | {_integer_id(r["comment-id"], "votes.csv", i, "comment-id") for i, r in votes}, key=int
        )
        participant_ids += sorted({r["voter-id"].strip() for _, r in votes} - set(participant_ids), key=_sort_key)
        recorded += [-1] * (len(participant_ids) - len(recorded))
    statement_index = {sid: j for j, sid in enumerate(statement_ids)}
    participant_index = {pid: i for i, pid in enumerate(participant_ids)}

    if votes is not None:
        who, what, value, when = [], [], [], []
        for line, row in votes:
            who.append(participant_index[_integer_id(row["voter-id"], "votes.csv", line, "voter-id")])
            what.append(statement_index[row["comment-id"].strip()])
            value.append(_vote(row["vote"], "votes.csv", line, row["comment-id"]))
            when.append(_integer(row["timestamp"], "votes.csv", line, "timestamp"))
        times = np.asarray(when, dtype=np.int64)
    else:
        who, what, value, times = [], [], [], None
        for line, row in people:
            i = participant_index[row["participant"].strip()]
            for name in vote_columns:
                cell = (row[name] or "").strip()
                if cell:
                    who.append(i)
                    what.append(statement_index[name.strip()])
                    value.append(_vote(cell, "participants-votes.csv", line, name))
    return PolisExport(
        participant_ids=participant_ids,
        statement_ids=statement_ids,
        moderated_out=np.array([moderation.get(sid, 0) == -1 for sid in statement_ids], dtype=bool),
        vote_participant=np.asarray(who, dtype=np.int64),
        vote_statement=np.asarray(what, dtype=np.int64),
        vote_value=np.asarray(value, dtype=np.int8),
        vote_time=times,
        recorded_group=np.asarray(recorded, dtype=np.int64),
        statement_texts=[texts.get(sid, "") for sid in statement_ids],
    )


def _header(path: Path) -> list[str]:
    with _open(path) as handle:
        return next(csv.reader(handle), [])


def _open(path: Path):
    if not path.is_file():
        raise PolisExportError(f"{path.name} is missing from {path.parent} (every Pol.is export has one)")
    return path.open(encoding="utf-8", newline="")


def _rows(path: Path, *, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers (the header is line 1; a quoted cell may span
    lines, so the number is the line the row starts on)."""
    try:
        with _open(path) as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            missing = [name for name in required if name not in columns]
            if missing:
                raise PolisExportError(f"{path.name} has no {', '.join(repr(m) for m in missing)} column")
            rows = []
            start = reader.line_num + 1
            for row in reader:
                if None in row or any(value is None for value in row.values()):
                    raise PolisExportError(f"{path.name} line {start}: expected {len(columns)} cells")
                rows.append((start, row))
                start = reader.line_num + 1
            return rows
    except UnicodeDecodeError:
        raise PolisExportError(f"{path.name} is not UTF-8 text")
    except csv.Error as error:
        raise PolisExportError(f"{path.name} is not valid CSV: {error}")


def _integer(text: str, file: str, line: int, column: str) -> int:
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        raise PolisExportError(f"{file} line {line}: {column} should be a whole number, not {text!r}")


def _integer_id(text: str, file: str, line: int, column: str) -> str:
    """An id as written (Pol.is ids are whole numbers); checked, then kept as a string."""
    _integer(text, file, line, column)
    return text.strip()


def _vote(text: str, file: str, line: int, statement: str) -> int:
    value = VOTE_VALUES.get(text.strip())
    if value is None:
        raise PolisExportError(f"{file} line {line}: the vote {text!r} for statement {statement} should be 1, -1 or 0")
    return value


def _sort_key(pid: str) -> tuple[int, str]:
    return (int(pid), pid) if pid.lstrip("-").isdigit() else (0, pid)
