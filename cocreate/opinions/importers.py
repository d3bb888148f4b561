"""`cocreate import polis DIR --space SLUG`: a Pol.is openData export folder into a space.

- Statements keep their Pol.is moderation (1 accepted, 0 waiting, -1 moderated out), their time
  and their Pol.is comment-id; their authors and the voters become pseudonymous placeholder
  people (one per Pol.is participant of this space, named by a short hash), who cannot sign in.
- Votes keep their timestamps where the export has `votes.csv` (a later vote by the same person
  on the same statement replaces the earlier one); otherwise they are rebuilt from
  `participants-votes.csv` and dated at the import, in the order Pol.is numbered the people.
- Importing again updates what is there instead of duplicating it (statements are matched on
  their comment-id, people on their participant id, votes on statement and person).
- The space's opinion map is computed at the end.
"""

import csv
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cocreate.accounts.models import Person, PersonKind
from cocreate.algorithms.polis_export import PolisExportError, read_polis_export
from cocreate.opinions.models import STORED_TEXT_LENGTH, Moderation, Statement, StatementVote
from cocreate.opinions.services import opinion_map_update, statements_recount
from cocreate.spaces.models import Origin, Space
from cocreate.web.importing import ImportProblem, ImportSource, register_source

SOURCE = "polis"
MODERATION = {1: Moderation.ACCEPTED, 0: Moderation.AWAITING, -1: Moderation.MODERATED_OUT}
BATCH = 2000


def _comment_details(folder: Path) -> dict[str, tuple[int, datetime | None, str]]:
    """comment-id → (moderated, time, author-id) from comments.csv (already checked by the reader)."""
    details = {}
    with (folder / "comments.csv").open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            stamp = (row.get("timestamp") or "").strip()
            when = datetime.fromtimestamp(int(stamp) / 1000, tz=UTC) if stamp.isdigit() else None
            details[row["comment-id"].strip()] = (
                int(row["moderated"]),
                when,
                (row.get("author-id") or "").strip(),
            )
    return details


def _pseudonym(source: str, participant: str) -> str:
    return "Participant " + hashlib.sha256(f"{source}:{participant}".encode()).hexdigest()[:6]


def _people(source: str, participant_ids: list[str]) -> dict[str, int]:
    """Placeholder people for the participants, created once: participant id → person id."""
    existing = dict(Person.objects.filter(external_source=source).values_list("external_id", "pk"))
    Person.objects.bulk_create(
        [
            Person(
                kind=PersonKind.IMPORTED,
                external_source=source,
                external_id=pid,
                display_name=_pseudonym(source, pid),
                is_active=False,
                password="!",
            )
            for pid in participant_ids
            if pid not in existing
        ],
        batch_size=BATCH,
    )
    return dict(Person.objects.filter(external_source=source).values_list("external_id", "pk"))


def _statements(space: Space, export, details, people) -> dict[str, int]:
    """Create or update the statements: comment-id → statement id."""
    existing = {s.external_id: s for s in Statement.objects.filter(space=space, external_source=SOURCE)}
    now = timezone.now()
    new, changed = [], []
    for sid, text in zip(export.statement_ids, export.statement_texts, strict=True):
        moderated, when, author = details.get(sid, (0, None, ""))
        fields = {
            "text": " ".join(text.split())[:STORED_TEXT_LENGTH] or f"Pol.is statement {sid}",
            "moderation": MODERATION.get(moderated, Moderation.AWAITING),
            "author_id": people.get(author),
        }
        statement = existing.get(sid)
        if statement is None:
            new.append(
                Statement(
                    space=space,
                    external_source=SOURCE,
                    external_id=sid,
                    origin=Origin.ONLINE,
                    created_at=when or now,
                    moderated_at=now if moderated else None,
                    **fields,
                )
            )
        elif any(getattr(statement, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(statement, name, value)
            changed.append(statement)
    Statement.objects.bulk_create(new, batch_size=BATCH)
    Statement.objects.bulk_update(changed, ["text", "moderation", "author_id"], batch_size=500)
    return dict(Statement.objects.filter(space=space, external_source=SOURCE).values_list("external_id", "pk"))


def _votes(space: Space, export, statements: dict[str, int], people: dict[str, int]) -> int:
    """Create or replace the votes, the latest per person and statement. Returns how many."""
    who, what, value = export.vote_participant, export.vote_statement, export.vote_value
    timed = export.vote_time is not None
    order = np.argsort(export.vote_time, kind="stable") if timed else np.arange(len(who))
    latest: dict[tuple[int, int], int] = {}  # (participant, statement) → index of its latest vote
    for v in order:
        latest[(int(who[v]), int(what[v]))] = int(v)
    kept = sorted(latest.values(), key=lambda v: (export.vote_time[v], v)) if timed else sorted(latest.values())
    now = timezone.now()
    statement_pk = [statements[sid] for sid in export.statement_ids]
    person_pk = [people[pid] for pid in export.participant_ids]
    rows = [
        StatementVote(
            space=space,
            statement_id=statement_pk[what[v]],
            person_id=person_pk[who[v]],
            choice=int(value[v]),
            voted_at=datetime.fromtimestamp(int(export.vote_time[v]) / 1000, tz=UTC) if timed else now,
        )
        for v in kept
    ]
    StatementVote.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["statement", "person"],
        # Without times, a vote imported again keeps the date it was first imported with.
        update_fields=["choice", "voted_at"] if timed else ["choice"],
    )
    return len(rows)


def import_polis(folder: Path, slug: str, progress=lambda items, **_: items) -> dict:
    """Read the folder (nothing is written if it cannot be read), then write everything in one
    transaction, then compute the map. Returns counts for the summary."""
    try:
        export = read_polis_export(folder)
        details = _comment_details(folder)
    except PolisExportError as error:
        raise ImportProblem(str(error)) from None
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as error:
        raise ImportProblem(f"{folder}/comments.csv: {error}") from None
    space = Space.objects.filter(slug=slug).first()
    if space is None:
        raise ImportProblem(f"There is no space with the address {slug!r}: create it first, or check --space.")
    source = f"polis:{space.pk}"  # participants of one conversation imported into this space
    with transaction.atomic():
        voters = set(export.vote_participant.tolist())
        authors = {author for _m, _w, author in details.values() if author}
        wanted = [pid for i, pid in enumerate(export.participant_ids) if i in voters or pid in authors]
        wanted += sorted(authors - set(export.participant_ids))
        people = _people(source, wanted)
        statements = _statements(space, export, details, people)
        votes = _votes(space, export, statements, people)
        statements_recount(space=space)
        Space.objects.filter(pk=space.pk).update(version=F("version") + 1)
    opinion_map = opinion_map_update(space=space, when_new_votes=0)
    return {
        "space": space.slug,
        "statements": len(statements),
        "participants": len(voters),
        "votes": votes,
        "groups": opinion_map.k,
        "placed": opinion_map.participants_counted,
    }


def add_arguments(parser):
    parser.add_argument("directory", metavar="DIR", help="a Pol.is openData export folder (comments.csv, …)")
    parser.add_argument("--space", required=True, metavar="SLUG", help="address (slug) of the space to import into")


def run(options, progress) -> str:
    counts = import_polis(Path(options["directory"]), options["space"], progress)
    return (
        "imported {statements} statements, {votes} votes by {participants} participants into {space}; "
        "opinion map: {groups} groups, {placed} people placed".format(**counts)
    )


register_source(
    ImportSource(
        name=SOURCE,
        help="a Pol.is openData export (statements, votes) into a space, then its opinion map",
        add_arguments=add_arguments,
        run=run,
    )
)
