"""Demo: an opinion map in “O Governador Pergunta” (the Governor Asks space, about public health).

The Digital Cabinet's staff seeded fifteen statements (one taken from a citizen's proposal), a
citizen wrote one more that waits for a moderator, and sixty people voted. The voters are
placeholder people generated deterministically (they cannot sign in), in three camps that the
map recognises: those who want the money spent on primary care, those who want efficiency and
partnerships with private hospitals, and the people of the countryside. Two demo accounts
(Lúcia and the citizen account) voted too, so that signing in as them shows “You” on the map.
Statements and the demo accounts' votes go through the services; the placeholder voters' votes
are written in bulk, as an import would, with their dates spread over the last three weeks.
"""

import random
from datetime import timedelta

from django.utils import timezone

from cocreate.accounts.models import Person, PersonKind
from cocreate.ideas.models import Idea
from cocreate.opinions import services
from cocreate.opinions.models import Statement, StatementVote
from cocreate.spaces import services as spaces
from cocreate.spaces.models import Phase, Space

SOURCE = "demo-opinions"
VOTERS_PER_CAMP = 20
SEED = 2026

# (statement, how each camp leans: primary care, efficiency, countryside). 1 agree, -1 disagree,
# 0 mostly pass; each voter follows their camp's leaning most of the time.
STATEMENTS = [
    ("Os postos de saúde devem abrir até as 22h nos dias de semana.", (1, 1, 1)),
    ("Deve ser possível marcar consultas pelo celular.", (1, 1, 1)),
    ("O estado deve publicar o tamanho da fila de cirurgias de cada hospital.", (1, 1, 1)),
    ("As farmácias populares deveriam abrir nos fins de semana.", (1, 1, 1)),
    ("Remédios de alto custo só deveriam ser fornecidos com decisão judicial.", (-1, -1, -1)),
    ("O dinheiro da saúde deve ir primeiro para a atenção básica, não para os hospitais.", (1, -1, -1)),
    ("Parcerias com hospitais privados são a forma mais rápida de reduzir as filas.", (-1, 1, 0)),
    ("A gestão dos hospitais regionais deve passar para organizações sociais.", (-1, 1, -1)),
    ("Quem falta à consulta sem avisar deveria pagar uma pequena taxa.", (-1, 1, -1)),
    ("Os conselhos municipais de saúde precisam de mais poder de decisão.", (1, -1, 0)),
    ("A telemedicina deve substituir parte das consultas presenciais no interior.", (1, 1, -1)),
    ("O estado deve pagar mais aos médicos que aceitam trabalhar no interior.", (0, -1, 1)),
    ("Os postos rurais devem ter transporte para levar pacientes até a cidade.", (-1, -1, 1)),
    ("Agentes comunitários de saúde devem visitar cada família todo mês.", (1, -1, 1)),
]
# Taken from a citizen's proposal of the space by the staff (the link to the idea is kept).
FROM_IDEA = "Cada região deve ter um hospital de referência com UTI a menos de duas horas."
FROM_IDEA_LEANING = (-1, 0, 1)
WAITING = "Os exames deveriam ser marcados no mesmo dia da consulta."
OPINION_PHASE_NOTE = (
    " Enquanto isso, vote concordo, discordo ou passo em frases curtas sobre a saúde pública e escreva as suas: "
    "o mapa de opiniões mostra os grupos de opinião e o que quase todos pensam."
)
# The demo accounts who voted, with the camp they vote like.
DEMO_VOTERS = [("lucia", 0), ("citizen", 2)]


def _opinion_phase(space: Space, staff: Person) -> Space:
    """The space's current phase (co-creation with the authors) also opens the opinion map: a
    phase of its own would sit among the phases that are over, out of their order."""
    current = max(space.phase_list(), key=lambda phase: phase.starts_at)
    spaces.phase_update(
        person=staff,
        phase=Phase.objects.get(pk=current.pk),
        title=current.title,
        description=current.description + OPINION_PHASE_NOTE,
        starts_at=current.starts_at,
        ends_at=current.ends_at,
        activities=[*current.activities, "write_statement", "vote_statement"],
    )
    return Space.objects.get(pk=space.pk)


def _voters() -> list[Person]:
    Person.objects.bulk_create(
        [
            Person(
                kind=PersonKind.IMPORTED,
                external_source=SOURCE,
                external_id=str(n),
                display_name=f"Participante {n + 1:02d}",
                is_active=False,
                password="!",
            )
            for n in range(3 * VOTERS_PER_CAMP)
        ]
    )
    return list(Person.objects.filter(external_source=SOURCE).order_by("pk"))


def _choice(leaning: int, rng: random.Random) -> int:
    """A voter's vote given their camp's leaning: mostly with it, sometimes pass, rarely against."""
    roll = rng.random()
    if leaning == 0:
        return 0 if roll < 0.6 else (1 if roll < 0.8 else -1)
    if roll < 0.8:
        return leaning
    return 0 if roll < 0.93 else -leaning


def load(people: dict, organisations: dict, spaces_by_key: dict[str, Space]) -> Space:
    space = spaces_by_key["governor"]
    staff: Person = people["gabinete"]
    space = _opinion_phase(space, staff)
    statements = [(services.statement_seed(person=staff, space=space, text=t), lean) for t, lean in STATEMENTS]
    idea = Idea.objects.filter(space=space).order_by("pk").first()
    statements.append(
        (services.statement_seed(person=staff, space=space, text=FROM_IDEA, source_idea=idea), FROM_IDEA_LEANING)
    )
    services.statement_write(person=people["joao"], space=space, text=WAITING)
    now = timezone.now()
    start = now - timedelta(days=20)
    Statement.objects.filter(space=space).update(created_at=start - timedelta(days=1))

    rng = random.Random(SEED)
    votes = []
    moment = start
    for n, voter in enumerate(_voters()):
        camp = n % 3
        order = list(range(len(statements)))
        rng.shuffle(order)
        for j in order[: rng.randint(10, len(statements))]:
            statement, leaning = statements[j]
            moment += timedelta(seconds=rng.randint(600, 1800))
            votes.append(
                StatementVote(
                    space=space,
                    statement=statement,
                    person=voter,
                    choice=_choice(leaning[camp], rng),
                    voted_at=moment,
                )
            )
    StatementVote.objects.bulk_create(votes)
    for key, camp in DEMO_VOTERS:
        for statement, leaning in statements:
            services.statement_vote(person=people[key], statement=statement, choice=_choice(leaning[camp], rng))
    services.statements_recount(space=space)
    services.opinion_map_update(space=space, when_new_votes=0)
    return space
