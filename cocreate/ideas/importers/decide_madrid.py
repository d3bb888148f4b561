"""Import Decide Madrid proposals and their comment threads (`proposals.csv`, `comments.csv`
as published in argrecsys/decide-madrid-2019-annotations) into a space.

- Authors become pseudonymous placeholder people (one per Decide Madrid user id, named by a
  short hash of it), who cannot sign in.
- The supports counted on Decide Madrid are kept as the ideas' imported count, beside the
  supports given here; a recount never touches them.
- Importing again updates what is there instead of duplicating it (rows are matched on their
  Decide Madrid ids).
"""

import csv
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify

from cocreate.accounts.models import Organisation, OrganisationKind, Person, PersonKind
from cocreate.ideas.models import Comment, Idea, IdeaAuthor, IdeaStatus, IdeaStatusChange
from cocreate.ideas.search import normalise
from cocreate.spaces.models import Origin, Phase, Space, SpaceKind
from cocreate.web.importing import ImportProblem, ImportSource, register_source

SOURCE = "decide-madrid"
SITE = "https://decide.madrid.es"
MADRID = timezone.get_fixed_timezone(60)  # CET; the files give local dates and times
PROPOSAL_COLUMNS = {"id", "url", "title", "userId", "date", "summary", "text", "numSupports"}
IMPORTED_IDEA_FIELDS = ["title", "body", "created_at", "imported_supports_count", "external_url", "search_text"]
COMMENT_FIELDS = [
    "idea_id",
    "author_id",
    "body",
    "created_at",
    "imported_upvotes",
    "imported_downvotes",
    "parent_id",
    "depth",
]
COMMENT_COLUMNS = {
    "id",
    "parentId",
    "proposalId",
    "userId",
    "date",
    "time",
    "text",
    "numPositiveVotes",
    "numNegativeVotes",
}


@dataclass
class Proposal:
    id: str
    url: str
    title: str
    author: str
    created: datetime
    body: str
    supports: int


@dataclass
class Reply:
    id: str
    parent: str | None
    proposal: str
    author: str
    created: datetime
    body: str
    up: int
    down: int


def _read(path: Path, required: set[str]) -> list[tuple[int, dict]]:
    if not path.is_file():
        raise ImportProblem(f"{path} is missing: the folder must hold proposals.csv and comments.csv.")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = required - set(reader.fieldnames or [])
            if missing:
                raise ImportProblem(f"{path.name} line 1: missing column(s) {', '.join(sorted(missing))}.")
            return [(reader.line_num, row) for row in reader]
    except UnicodeDecodeError as error:
        raise ImportProblem(f"{path.name}: not UTF-8 text ({error.reason} at byte {error.start}).")
    except csv.Error as error:
        raise ImportProblem(f"{path.name}: not a readable CSV file ({error}).")


def _integer(value: str, where: str, what: str) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        raise ImportProblem(f"{where}: {what} should be a number, not {value!r}.")


def _when(day: str, clock: str, where: str) -> datetime:
    try:
        moment = datetime.combine(date.fromisoformat(day), time())
    except ValueError:
        raise ImportProblem(f"{where}: the date should look like 2015-09-15, not {day!r}.")
    if clock:
        try:
            days, _word, hms = clock.split(" ", 2)
            hours, minutes, seconds = (int(float(part)) for part in hms.split(":"))
            moment += timedelta(days=int(days), hours=hours, minutes=minutes, seconds=seconds)
        except ValueError:
            raise ImportProblem(f"{where}: the time should look like '0 days 10:50:19', not {clock!r}.")
    return moment.replace(tzinfo=MADRID)


def read_folder(folder: Path) -> tuple[list[Proposal], list[Reply]]:
    """Read and check both files; nothing is written until both are known to be usable."""
    if not folder.is_dir():
        raise ImportProblem(f"{folder} is not a folder.")
    proposals = []
    for line, row in _read(folder / "proposals.csv", PROPOSAL_COLUMNS):
        where = f"proposals.csv line {line}"
        if not row["id"].strip():
            raise ImportProblem(f"{where}: the proposal has no id.")
        title = " ".join(row["title"].split())
        if not title:
            raise ImportProblem(f"{where}: the proposal has no title.")
        body = "\n\n".join(part.strip() for part in (row["summary"], row["text"]) if part.strip())
        proposals.append(
            Proposal(
                id=row["id"].strip(),
                url=row["url"].strip(),
                title=title[:150],
                author=row["userId"].strip(),
                created=_when(row["date"], "", where),
                body=body or title,
                supports=max(0, _integer(row["numSupports"], where, "numSupports")),
            )
        )
    known = {p.id for p in proposals}
    replies = []
    for line, row in _read(folder / "comments.csv", COMMENT_COLUMNS):
        where = f"comments.csv line {line}"
        if row["proposalId"].strip() not in known:
            raise ImportProblem(f"{where}: proposal {row['proposalId']!r} is not in proposals.csv.")
        parent = row["parentId"].strip()
        replies.append(
            Reply(
                id=row["id"].strip(),
                parent=None if parent in ("", "-1") else parent,
                proposal=row["proposalId"].strip(),
                author=row["userId"].strip(),
                created=_when(row["date"], row["time"].strip(), where),
                body=row["text"].strip(),
                up=max(0, _integer(row["numPositiveVotes"], where, "numPositiveVotes")),
                down=max(0, _integer(row["numNegativeVotes"], where, "numNegativeVotes")),
            )
        )
    return proposals, replies


def _pseudonym(user_id: str) -> str:
    return "Participante " + hashlib.sha256(f"{SOURCE}:{user_id}".encode()).hexdigest()[:6]


def _space(name: str) -> Space:
    space = Space.objects.filter(title=name).first()
    if space is not None:
        return space
    madrid, _created = Organisation.objects.get_or_create(
        name="Ayuntamiento de Madrid",
        defaults={"kind": OrganisationKind.PUBLIC_AGENCY, "website": SITE},
    )
    base, slug, n = slugify(name)[:100] or "decide-madrid", None, 1
    slug = base
    while Space.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    space = Space.objects.create(
        slug=slug,
        title=name,
        kind=SpaceKind.CHALLENGE,
        content_language="es",
        summary="Propuestas ciudadanas y sus debates, importados de Decide Madrid (2015–2019).",
        question="¿Qué propones para mejorar Madrid?",
        description=(
            "Las propuestas y los comentarios vienen de decide.madrid.es. Los apoyos recibidos allí se "
            "muestran junto a los que se den aquí."
        ),
        target_community="Vecinas y vecinos de Madrid",
    )
    space.organisations.set([madrid])
    now = timezone.now()
    Phase.objects.create(
        space=space,
        title="Apoya y comenta",
        starts_at=now,
        ends_at=now + timedelta(days=365),
        activities=["support", "comment"],
    )
    return space


def _people(user_ids: set[str]) -> dict[str, int]:
    existing = dict(
        Person.objects.filter(external_source=SOURCE, external_id__in=user_ids).values_list("external_id", "pk")
    )
    Person.objects.bulk_create(
        [
            Person(
                kind=PersonKind.IMPORTED,
                external_source=SOURCE,
                external_id=uid,
                display_name=_pseudonym(uid),
                is_active=False,
                password="!",
            )
            for uid in sorted(user_ids - set(existing))
        ],
        batch_size=1000,
    )
    return dict(
        Person.objects.filter(external_source=SOURCE, external_id__in=user_ids).values_list("external_id", "pk")
    )


@transaction.atomic
def import_folder(folder: Path, space_name: str, progress=lambda items, **_: items) -> tuple[int, int]:
    proposals, replies = read_folder(folder)
    space = _space(space_name)
    people = _people({p.author for p in proposals} | {r.author for r in replies if r.author})

    ideas = {i.external_id: i for i in Idea.objects.filter(space=space, external_source=SOURCE)}
    for p in progress(proposals, total=len(proposals), what="ideas"):
        idea = ideas.get(p.id) or Idea(space=space, external_source=SOURCE, external_id=p.id, origin=Origin.ONLINE)
        idea.title, idea.body, idea.created_at = p.title, p.body, p.created
        idea.imported_supports_count = p.supports
        idea.external_url = SITE + p.url if p.url.startswith("/") else p.url
        idea.search_text = normalise(f"{p.title} {p.body}")
        is_new = idea.pk is None
        # An existing idea: only what comes from the file, so that supports, comments and
        # answers given here meanwhile are not written back as they were read.
        idea.save(update_fields=None if is_new else IMPORTED_IDEA_FIELDS)
        if is_new:
            ideas[p.id] = idea
            IdeaStatusChange.objects.create(idea=idea, status=IdeaStatus.SUBMITTED, changed_at=p.created)
        IdeaAuthor.objects.update_or_create(idea=idea, person_id=people[p.author], defaults={"is_lead": True})

    # Threads: a reply points at its parent; a reply to a comment missing from the file starts a
    # thread of its own, and a reply deeper than the site shows (two levels of replies) hangs
    # from its ancestor on the first level, as replies made here do.
    by_id = {r.id: r for r in replies}
    placed: dict[str, tuple[str | None, int]] = {}

    for reply in replies:
        path, current, seen = [], reply.id, set()
        while current not in placed:
            parent = by_id[current].parent
            if parent not in by_id or parent in seen:
                placed[current] = (None, 0)
                break
            seen.add(current)
            path.append(current)
            current = parent
        for reply_id in reversed(path):
            parent = by_id[reply_id].parent
            grandparent, level = placed[parent]
            placed[reply_id] = (parent, level + 1) if level < 2 else (grandparent, 2)

    comments = {c.external_id: c for c in Comment.objects.filter(space=space, external_source=SOURCE)}
    for level in range(3):  # parents before their replies, so that each reply knows its parent's id
        new, changed = [], []
        for r in progress([r for r in replies if placed[r.id][1] == level], what=f"comments, level {level}"):
            parent = comments[placed[r.id][0]].pk if placed[r.id][0] else None
            fields = {
                "idea_id": ideas[r.proposal].pk,
                "author_id": people.get(r.author),
                "body": r.body,
                "created_at": r.created,
                "imported_upvotes": r.up,
                "imported_downvotes": r.down,
                "parent_id": parent,
                "depth": level,
            }
            comment = comments.get(r.id)
            if comment is None:
                comment = Comment(space=space, external_source=SOURCE, external_id=r.id, origin=Origin.ONLINE, **fields)
                new.append(comment)
                comments[r.id] = comment
            elif any(getattr(comment, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(comment, name, value)
                changed.append(comment)
        Comment.objects.bulk_create(new, batch_size=1000)
        Comment.objects.bulk_update(changed, COMMENT_FIELDS, batch_size=500)

    counts = dict(
        Idea.objects.filter(space=space)
        .annotate(visible=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
        .values_list("pk", "visible")
    )
    for idea in ideas.values():
        Idea.objects.filter(pk=idea.pk).update(comments_count=counts.get(idea.pk, 0), version=F("version") + 1)
    Space.objects.filter(pk=space.pk).update(version=F("version") + 1)
    return len(proposals), len(replies)


def add_arguments(parser):
    parser.add_argument("directory", metavar="DIR", help="folder with proposals.csv and comments.csv")
    parser.add_argument(
        "--space",
        default="Decide Madrid",
        metavar="NAME",
        help="title of the space to import into (created if missing; default “Decide Madrid”)",
    )


def run(options, progress) -> str:
    ideas, comments = import_folder(Path(options["directory"]), options["space"], progress)
    return f"imported {ideas} ideas, {comments} comments"


register_source(
    ImportSource(
        name=SOURCE, help="Decide Madrid proposals and comment threads (CSV)", add_arguments=add_arguments, run=run
    )
)
