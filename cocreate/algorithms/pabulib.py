"""Pabulib files (pabulib.org): read them into plain arrays and write them back. No Django.

A file has three sections, each a line with its name and then a `;`-separated header line:
META (`key;value`), PROJECTS (`project_id;cost;…`) and VOTES (`voter_id;vote;…`, with a
`points` column for cumulative and scoring ballots). Values may be quoted as in CSV.

Ballots are kept in compressed form (one entry per project named on a ballot, in the voter's
order) so that Łódź's 90,000 ballots load in a fraction of a second: the VOTES section is split
column by column, not ballot by ballot.

A file that is not valid Pabulib raises `PabulibError`, whose message names the line and why
("line 3 should start a section (META, PROJECTS or VOTES)").
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np

from cocreate.algorithms.budget_counting import Election, VoteType

SECTIONS = ("meta", "projects", "votes")
VOTE_TYPES = tuple(v.value for v in VoteType)
POINTS_NEEDED = (VoteType.CUMULATIVE.value, VoteType.SCORING.value)


class PabulibError(ValueError):
    """The text is not a valid Pabulib file. The message reads "line 3 should start a section
    (META, PROJECTS or VOTES)": `line` (1-based, None when the problem is the whole file) and
    `reason`, which continues the sentence."""

    def __init__(self, line: int | None, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"line {line} {reason}" if line else reason)


@dataclass(eq=False)
class PabulibFile:
    """Everything a Pabulib file holds, as written (strings) except costs, ballots and points.

    Projects are numbered 0…m-1 in file order; voters 0…n-1 in file order. Voter i's ballot is
    `vote_projects[vote_starts[i]:vote_starts[i + 1]]` (project numbers, in the order written,
    which is the order of preference for ordinal ballots) with `vote_points` aligned to it when
    the file has a points column.
    """

    meta: dict[str, str]
    project_ids: list[str]
    costs: np.ndarray
    project_columns: list[str] = field(default_factory=list)
    project_fields: list[dict[str, str]] = field(default_factory=list)
    voter_ids: list[str] = field(default_factory=list)
    vote_starts: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    vote_projects: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    vote_points: np.ndarray | None = None
    voter_columns: dict[str, list[str]] = field(default_factory=dict)

    @property
    def budget(self) -> float:
        return _number(self.meta.get("budget", ""), "budget")

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "").strip().lower()

    @property
    def num_projects(self) -> int:
        return len(self.project_ids)

    @property
    def num_voters(self) -> int:
        return len(self.vote_starts) - 1

    def column(self, name: str) -> list[str]:
        """One PROJECTS column (e.g. "name", "selected"), "" where a project has no value."""
        return [fields.get(name, "") for fields in self.project_fields]

    @property
    def names(self) -> list[str]:
        return self.column("name")

    @property
    def categories(self) -> list[list[str]]:
        """Each project's categories (the `category` or `categories` column, comma-separated)."""
        key = "categories" if "categories" in self.project_columns else "category"
        return [[c.strip() for c in value.split(",") if c.strip()] for value in self.column(key)]

    @property
    def districts(self) -> list[str] | None:
        return self.column("district") if "district" in self.project_columns else None

    def ballot(self, voter: int) -> list[str]:
        """The project ids on one voter's ballot, in the order written."""
        start, end = self.vote_starts[voter], self.vote_starts[voter + 1]
        return [self.project_ids[p] for p in self.vote_projects[start:end]]

    def election(self) -> Election:
        """What counting needs: costs, budget, the kind of ballot and the ballots."""
        return Election(
            project_ids=list(self.project_ids),
            costs=self.costs,
            budget=self.budget,
            vote_type=VoteType(self.vote_type),
            vote_starts=self.vote_starts,
            vote_projects=self.vote_projects,
            vote_points=self.vote_points,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PabulibFile):
            return NotImplemented
        same_points = (self.vote_points is None) == (other.vote_points is None) and (
            self.vote_points is None or np.array_equal(self.vote_points, other.vote_points)
        )
        return (
            self.meta == other.meta
            and self.project_ids == other.project_ids
            and np.array_equal(self.costs, other.costs)
            and self.project_columns == other.project_columns
            and self.project_fields == other.project_fields
            and self.voter_ids == other.voter_ids
            and np.array_equal(self.vote_starts, other.vote_starts)
            and np.array_equal(self.vote_projects, other.vote_projects)
            and same_points
            and self.voter_columns == other.voter_columns
        )


def read_pabulib(path: str | os.PathLike) -> PabulibFile:
    """Parse the file at `path`. Raises PabulibError, or OSError when the file cannot be read."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PabulibError(line, "is not UTF-8 text") from None
    return parse_pabulib(text)


def parse_pabulib(text: str) -> PabulibFile:
    """Parse the text of a Pabulib file."""
    lines = text.lstrip("\ufeff").splitlines()
    sections = _find_sections(lines)
    meta = _parse_meta(lines, sections["meta"])
    project_ids, costs, project_columns, project_fields = _parse_projects(lines, sections["projects"])
    pb = PabulibFile(meta, project_ids, costs, project_columns, project_fields)
    _parse_votes(lines, sections["votes"], pb)
    return pb


def write_pabulib(pb: PabulibFile) -> str:
    """The text of a Pabulib file holding `pb` (parse_pabulib(write_pabulib(pb)) == pb)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    out.write("META\nkey;value\n")
    writer.writerows(meta_row for meta_row in pb.meta.items())
    out.write("PROJECTS\n")
    writer.writerow(["project_id", "cost", *pb.project_columns])
    for project_id, cost, fields in zip(pb.project_ids, pb.costs, pb.project_fields, strict=True):
        writer.writerow([project_id, _format_number(cost), *(fields.get(c, "") for c in pb.project_columns)])
    out.write("VOTES\n")
    has_points = pb.vote_points is not None
    writer.writerow(["voter_id", "vote", *(["points"] if has_points else []), *pb.voter_columns])
    ids = pb.project_ids
    starts = pb.vote_starts.tolist()
    projects = pb.vote_projects.tolist()
    points = [_format_number(p) for p in pb.vote_points] if has_points else None
    extra = list(pb.voter_columns.values())
    for voter, voter_id in enumerate(pb.voter_ids):
        start, end = starts[voter], starts[voter + 1]
        row = [voter_id, ",".join(ids[p] for p in projects[start:end])]
        if points is not None:
            row.append(",".join(points[start:end]))
        row.extend(column[voter] for column in extra)
        writer.writerow(row)
    return out.getvalue()


# --- sections ------------------------------------------------------------------------------------


def _section_name(line: str) -> str | None:
    head = line.split(";", 1)[0].strip().strip('"').strip().lower()
    return head if head in SECTIONS else None


def _find_sections(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Where each section's header line is and where its rows end: {name: (header index, end index)}."""
    starts: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        first = line[:1]
        # Cheap first test: most lines are ballots and start with a digit or a voter id.
        if first and first not in 'mMpPvV \t"':
            if not starts:
                raise PabulibError(index + 1, "should start a section (META, PROJECTS or VOTES)")
            continue
        if not line.strip():
            continue
        name = _section_name(line)
        if name is None:
            if not starts:
                raise PabulibError(index + 1, "should start a section (META, PROJECTS or VOTES)")
            continue
        if any(seen == name for seen, _ in starts):
            raise PabulibError(index + 1, f"starts a second {name.upper()} section")
        expected = SECTIONS[len(starts)]
        if name != expected:
            raise PabulibError(index + 1, f"starts the {name.upper()} section before the {expected.upper()} section")
        starts.append((name, index))
        if name == "votes":
            break  # the rest are ballots (a stray section line among them is reported with the ballots)
    if not starts:
        raise PabulibError(None, "the file is empty (it should start with a META section)")
    if len(starts) < 3:
        missing = SECTIONS[len(starts)].upper()
        raise PabulibError(None, f"the file ends at line {len(lines)} without a {missing} section")
    sections = {}
    for position, (name, index) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else len(lines)
        if index + 1 >= end or not lines[index + 1].strip():
            raise PabulibError(index + 2, f"should be the header line of the {name.upper()} section")
        sections[name] = (index + 1, end)
    return sections


def _rows(lines: list[str], header_index: int, end: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The stripped header and the non-blank rows (with their 1-based line numbers) of a small section."""
    header = [h.strip() for h in next(csv.reader([lines[header_index]], delimiter=";"))]
    numbered = [(i + 1, lines[i]) for i in range(header_index + 1, end) if lines[i].strip()]
    rows = []
    for number, line in numbered:
        row = next(csv.reader([line], delimiter=";")) if '"' in line else line.split(";")
        rows.append((number, [value.strip() for value in row]))
    return header, rows


def _check_header(header: list[str], line: int, section: str, required: tuple[str, ...]) -> None:
    if len(set(header)) != len(header):
        twice = next(h for h in header if header.count(h) > 1)
        raise PabulibError(line, f"names the {section} column {twice!r} twice")
    for column in required:
        if column not in header:
            raise PabulibError(line, f"is a {section} header without a {column} column")


def _parse_meta(lines: list[str], section: tuple[int, int]) -> dict[str, str]:
    header_index, end = section
    header, rows = _rows(lines, header_index, end)
    if header[:2] != ["key", "value"]:
        raise PabulibError(header_index + 1, "should be the META header key;value")
    meta: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    for number, row in rows:
        if len(row) < 2:
            raise PabulibError(number, "should be key;value or start a section (META, PROJECTS or VOTES)")
        if len(row) > 2 and any(row[2:]):
            raise PabulibError(number, "has more than two fields (quote a value that holds a ;)")
        key, value = row[0], row[1]
        if key in meta:
            raise PabulibError(number, f"repeats the META key {key!r}")
        meta[key] = value
        key_lines[key] = number
    meta_line = header_index  # the META line itself
    if "budget" not in meta:
        raise PabulibError(meta_line, "starts a META section without a budget")
    budget_line = key_lines["budget"]
    try:
        budget = _number(meta["budget"], "budget")
    except PabulibError as error:
        raise PabulibError(budget_line, error.reason) from None
    if budget < 0:
        raise PabulibError(budget_line, "gives a negative budget")
    if "vote_type" not in meta:
        raise PabulibError(meta_line, "starts a META section without a vote_type")
    if meta["vote_type"].strip().lower() not in VOTE_TYPES:
        raise PabulibError(
            key_lines["vote_type"],
            f"gives an unknown vote_type {meta['vote_type']!r} (expected one of {', '.join(VOTE_TYPES)})",
        )
    return meta


def _parse_projects(
    lines: list[str], section: tuple[int, int]
) -> tuple[list[str], np.ndarray, list[str], list[dict[str, str]]]:
    header_index, end = section
    header, rows = _rows(lines, header_index, end)
    _check_header(header, header_index + 1, "PROJECTS", ("project_id", "cost"))
    id_at, cost_at = header.index("project_id"), header.index("cost")
    others = [(i, h) for i, h in enumerate(header) if i not in (id_at, cost_at)]
    ids: list[str] = []
    costs: list[float] = []
    fields: list[dict[str, str]] = []
    seen: set[str] = set()
    for number, row in rows:
        if len(row) != len(header):
            raise PabulibError(number, f"has {len(row)} fields but the PROJECTS header has {len(header)}")
        project_id = row[id_at]
        if not project_id:
            raise PabulibError(number, "has an empty project_id")
        if project_id in seen:
            raise PabulibError(number, f"repeats the project id {project_id!r}")
        seen.add(project_id)
        try:
            cost = _number(row[cost_at], f"cost for project {project_id}")
        except PabulibError as error:
            raise PabulibError(number, error.reason) from None
        if cost < 0:
            raise PabulibError(number, f"gives project {project_id} a negative cost")
        ids.append(project_id)
        costs.append(cost)
        fields.append({name: row[i] for i, name in others})
    return ids, np.array(costs, dtype=np.float64), [name for _, name in others], fields


def _parse_votes(lines: list[str], section: tuple[int, int], pb: PabulibFile) -> None:
    """Fill pb's voters and ballots. Column-wise for speed; on any irregularity, find the line."""
    header_index, end = section
    header = [h.strip() for h in next(csv.reader([lines[header_index]], delimiter=";"))]
    required = ("voter_id", "vote", "points") if pb.vote_type in POINTS_NEEDED else ("voter_id", "vote")
    _check_header(header, header_index + 1, "VOTES", required)
    body = lines[header_index + 1 : end]
    width = len(header)
    numbers = None  # 1-based line number of each row, only computed when there are blank lines

    def line_of(row: int) -> int:
        return numbers[row] if numbers is not None else header_index + 2 + row

    separators = width - 1
    if not all(count == separators for count in map(str.count, body, repeat(";"))):
        if not all(body) or any(not line.strip() for line in body):  # blank lines are allowed
            kept = [(header_index + 2 + i, line) for i, line in enumerate(body) if line.strip()]
            numbers = [number for number, _ in kept]
            body = [line for _, line in kept]
    if any('"' in line for line in body):
        rows = list(csv.reader(body, delimiter=";"))
    elif all(count == separators for count in map(str.count, body, repeat(";"))):
        # The common case, column by column: one split for the whole section.
        fields = ";".join(body).split(";") if body else []
        rows = None
    else:
        rows = [line.split(";") for line in body]
    if rows is not None:
        if any(len(row) != width for row in rows):
            bad = next(i for i, row in enumerate(rows) if len(row) != width)
            name = _section_name(body[bad])
            if name is not None and len(rows[bad]) == 1:
                raise PabulibError(line_of(bad), f"starts a second {name.upper()} section")
            raise PabulibError(line_of(bad), f"has {len(rows[bad])} fields but the VOTES header has {width}")
        fields = [value for row in rows for value in row]
        del rows
    columns = {name: _stripped(fields[k::width]) for k, name in enumerate(header)}
    del fields
    n = len(body)
    voter_ids = columns.pop("voter_id")
    if len(set(voter_ids)) != n:
        seen: set[str] = set()
        for row, voter_id in enumerate(voter_ids):
            if voter_id in seen:
                raise PabulibError(line_of(row), f"repeats the voter id {voter_id!r}")
            seen.add(voter_id)
    votes = columns.pop("vote")
    points_column = columns.pop("points", None)

    index = {project_id: i for i, project_id in enumerate(pb.project_ids)}
    lengths = _counts(votes)
    tokens = ",".join(filter(None, votes)).split(",") if lengths.any() else []
    try:
        vote_projects = np.fromiter(map(index.__getitem__, tokens), dtype=np.int32, count=len(tokens))
    except KeyError:  # perhaps "1, 2": try again without the spaces
        tokens = [token.strip() for token in tokens]
        vote_projects = np.array([index.get(token, -1) for token in tokens], dtype=np.int32)
    if (vote_projects < 0).any():
        first = int(np.argmax(vote_projects < 0))
        row = int(np.searchsorted(np.cumsum(lengths), first, side="right"))
        token = tokens[first]
        reason = f"names an unknown project {token!r} in its vote" if token else "has an empty project id in its vote"
        raise PabulibError(line_of(row), reason)
    del tokens
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])

    vote_points = None
    if points_column is not None:
        point_lengths = _counts(points_column)
        if not np.array_equal(point_lengths, lengths):
            row = int(np.argmax(point_lengths != lengths))
            raise PabulibError(
                line_of(row), f"names {lengths[row]} project(s) but gives {point_lengths[row]} point value(s)"
            )
        point_tokens = ",".join(filter(None, points_column)).split(",") if lengths.any() else []
        try:
            vote_points = np.array(point_tokens, dtype=np.float64)
        except ValueError:
            for row, value in enumerate(points_column):
                for token in value.split(",") if value else []:
                    if not _is_number(token):
                        raise PabulibError(line_of(row), f"gives points that are not a number: {token!r}") from None
            raise
        if not np.isfinite(vote_points).all():
            first = int(np.argmax(~np.isfinite(vote_points)))
            row = int(np.searchsorted(starts[1:], first, side="right"))
            raise PabulibError(line_of(row), "gives points that are not a finite number")

    if len(vote_projects):
        voter_of_entry = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys = np.sort(voter_of_entry * max(len(pb.project_ids), 1) + vote_projects)
        twice = np.flatnonzero(keys[1:] == keys[:-1])
        if len(twice):
            voter, project = divmod(int(keys[twice[0]]), max(len(pb.project_ids), 1))
            raise PabulibError(line_of(voter), f"names project {pb.project_ids[project]!r} twice in its vote")

    pb.voter_ids = voter_ids
    pb.vote_starts = starts
    pb.vote_projects = vote_projects
    pb.vote_points = vote_points
    pb.voter_columns = columns


def _stripped(values: list[str]) -> list[str]:
    """The values without surrounding spaces (only copied when some have them)."""
    joined = "\x00".join(values)
    if (
        joined[:1].isspace()
        or joined[-1:].isspace()
        or any(f"{c}\x00" in joined or f"\x00{c}" in joined for c in " \t")
    ):
        return [value.strip() for value in values]
    return values


def _counts(lists: list[str]) -> np.ndarray:
    """How many comma-separated items each string holds (0 for an empty string)."""
    commas = np.fromiter(map(str.count, lists, repeat(",")), dtype=np.int64, count=len(lists))
    filled = np.fromiter(map(bool, lists), dtype=bool, count=len(lists))
    return np.where(filled, commas + 1, 0)


# --- numbers -------------------------------------------------------------------------------------


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _number(text: str, what: str) -> float:
    """A number as Pabulib writes it: a decimal point or a decimal comma ("1500000,50")."""
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise PabulibError(None, f"gives a {what} that is not a number: {text!r}") from None
    if not math.isfinite(value):
        raise PabulibError(None, f"gives a {what} that is not a finite number: {text!r}")
    return value


def _format_number(value: float) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)
