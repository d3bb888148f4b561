"""The web benchmark's data set, at Decide Madrid's scale, written with bulk SQL (a minute, not
an hour). Run by bench/web.py in a process configured for the benchmark's database:

    python bench/web_data.py IDEAS SUPPORTS PEOPLE COMMENTS
"""

import datetime
import random
import sys

import django
import numpy as np

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from cocreate.accounts.models import Organisation, Person  # noqa: E402
from cocreate.ideas.search import normalise  # noqa: E402
from cocreate.spaces.models import Phase, Space  # noqa: E402

WORDS = (
    "calle parque barrio bus bicicleta limpieza árboles biblioteca colegio mercado plaza metro "
    "accesible seguridad vecinos mayores jóvenes cultura deporte agua ruido tráfico aparcamiento "
    "carril peatonal zona verde centro salud empleo vivienda alquiler comercio residuos reciclaje "
    "iluminación fuente banco sombra piscina polideportivo música fiesta huerto escuela infantil"
).split()


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def insert(cursor, table: str, columns: list[str], rows: list[tuple], chunk: int = 20_000) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    for start in range(0, len(rows), chunk):
        cursor.executemany(sql, rows[start : start + chunk])


def main(ideas: int, supports: int, people: int, comments: int) -> None:
    rng, np_rng = random.Random(7), np.random.default_rng(7)
    now = timezone.now()
    stamp = now.isoformat()
    madrid = Organisation.objects.create(name="Ayuntamiento de Madrid", kind="public_agency")
    space = Space.objects.create(
        slug="madrid", title="Decide Madrid", summary="Propuestas ciudadanas", content_language="es"
    )
    space.organisations.set([madrid])
    Phase.objects.create(
        space=space,
        title="Propuestas",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=3650),
        activities=["submit_idea", "support", "comment"],
    )
    with transaction.atomic(), connection.cursor() as cursor:
        insert(
            cursor,
            "accounts_person",
            [
                "password",
                "is_superuser",
                "email",
                "display_name",
                "kind",
                "is_active",
                "is_staff",
                "date_joined",
                "bio",
                "languages",
                "motivations",
                "preferred_language",
                "email_frequency",
                "external_source",
                "external_id",
            ],
            [
                (
                    "!",
                    False,
                    f"vecino{n}@bench.test",
                    f"Vecino {n}",
                    "account",
                    True,
                    False,
                    stamp,
                    "",
                    "[]",
                    "[]",
                    "",
                    "never",
                    "",
                    "",
                )
                for n in range(people)
            ],
        )
        person_ids = np.array(Person.objects.order_by("pk").values_list("pk", flat=True))

        rows = []
        for n in range(ideas):
            title, body = sentence(rng, 4, 9), sentence(rng, 30, 120) + "."
            created = (now - datetime.timedelta(minutes=ideas - n)).isoformat()
            rows.append(
                (
                    space.pk,
                    "online",
                    "",
                    "",
                    created,
                    created,
                    title,
                    body,
                    "",
                    "submitted",
                    0,
                    0,
                    0,
                    normalise(f"{title} {body}"),
                    1,
                    "",
                    "",
                    "",
                )
            )
        insert(
            cursor,
            "ideas_idea",
            [
                "space_id",
                "origin",
                "event_name",
                "hidden_reason",
                "created_at",
                "updated_at",
                "title",
                "body",
                "place_name",
                "status",
                "supports_count",
                "imported_supports_count",
                "comments_count",
                "search_text",
                "version",
                "external_source",
                "external_id",
                "external_url",
            ],
            rows,
        )
        cursor.execute("SELECT id FROM ideas_idea ORDER BY id")
        idea_ids = np.array([row[0] for row in cursor.fetchall()])
        insert(
            cursor,
            "ideas_ideaauthor",
            ["idea_id", "person_id", "is_lead", "added_at"],
            [(int(i), int(person_ids[rng.randrange(len(person_ids))]), True, stamp) for i in idea_ids],
        )

        # Popularity follows a power law, as on Decide Madrid: a few ideas gather thousands.
        weights = 1.0 / np.arange(1, len(idea_ids) + 1) ** 0.8
        weights /= weights.sum()
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < supports:
            n = int((supports - len(pairs)) * 1.1) + 1000
            chosen = np_rng.choice(len(idea_ids), size=n, p=weights)
            who = np_rng.integers(0, len(person_ids), size=n)
            pairs.update(zip(chosen.tolist(), who.tolist(), strict=True))
        insert(
            cursor,
            "ideas_support",
            ["idea_id", "person_id", "created_at"],
            [(int(idea_ids[i]), int(person_ids[p]), stamp) for i, p in list(pairs)[:supports]],
            chunk=50_000,
        )

        popular = np_rng.choice(len(idea_ids), size=comments, p=weights)
        rows = []
        for n in range(comments):
            idea = int(idea_ids[popular[n]] if n % 50 == 0 else idea_ids[rng.randrange(len(idea_ids))])
            rows.append(
                (
                    space.pk,
                    "online",
                    "",
                    "",
                    stamp,
                    stamp,
                    idea,
                    int(person_ids[rng.randrange(len(person_ids))]),
                    sentence(rng, 8, 40) + ".",
                    0,
                    0,
                    0,
                    "",
                    "",
                )
            )
        insert(
            cursor,
            "ideas_comment",
            [
                "space_id",
                "origin",
                "event_name",
                "hidden_reason",
                "created_at",
                "updated_at",
                "idea_id",
                "author_id",
                "body",
                "depth",
                "imported_upvotes",
                "imported_downvotes",
                "external_source",
                "external_id",
            ],
            rows,
        )
        cursor.execute(
            "UPDATE ideas_idea SET"
            " supports_count = (SELECT count(*) FROM ideas_support s WHERE s.idea_id = ideas_idea.id),"
            " comments_count = (SELECT count(*) FROM ideas_comment c WHERE c.idea_id = ideas_idea.id)"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {people:,} people, {ideas:,} ideas, {supports:,} supports, {comments:,} comments")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:5]))
