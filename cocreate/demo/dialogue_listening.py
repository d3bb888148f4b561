"""Demo: “O Governo Escuta” (The Government Listens), the Digital Cabinet's listening dashboard.

Fed from the real public files next to the project, when they are there
(../shared/data/service_requests: 10,000 Baltimore 311 service requests, 2014–2019;
../shared/data/petitions: We the People petitions, one clean sample and one messy export whose
broken rows are reported and skipped). They are imported through the same service staff use on
the import page; the emerging issues are computed; the staff turned one issue into a question in
“O Governador Responde” (or in this space when that one is absent) and watch another.
Without ../shared/data the space is still created, with a printed note.
"""

import sys
from pathlib import Path

from django.conf import settings

from cocreate.accounts.models import Person
from cocreate.dialogue.models import EmergingIssue, IssueStatus
from cocreate.dialogue.services import listening as services
from cocreate.spaces import services as spaces
from cocreate.spaces.models import Space

SHARED_DATA = Path(settings.BASE_DIR).parent.parent / "shared" / "data"  # next to the project
FILES = [
    ("service_requests/baltimore_311_sample.csv", "311", "Baltimore 311 (pedidos de serviço)"),
    ("petitions/we_the_people_1k.csv", "petitions", "We the People (petições)"),
    ("petitions/we_the_people_messy.csv", "petitions", "We the People (exportação com erros)"),
]
GOVERNOR_RESPONDS = "O Governador Responde"

SPACE = {
    "title": "O Governo Escuta",
    "kind": "dialogue",
    "summary": (
        "O governo acompanha pedidos de serviço, petições e notícias para perceber cedo os problemas que "
        "crescem, e responde a eles."
    ),
    "description": (
        "O Governo Escuta é o painel de escuta do Gabinete Digital. Pedidos de serviço, petições e feeds de "
        "notícias chegam como sinais; quando uma categoria de sinais cresce claramente acima do seu nível "
        "habitual, ela aparece como um tema emergente. A equipe decide o que fazer: acompanhar, descartar, "
        "transformar numa pergunta ao governador ou num desafio.\n\n"
        "Nesta demonstração os sinais são dados públicos reais de outros lugares: 10.000 pedidos ao 311 de "
        "Baltimore (2014–2019) e petições do site We the People."
    ),
    "target_community": "Todas as pessoas que vivem no Rio Grande do Sul.",
    "content_language": "pt-br",
}

QUESTION = {
    "category": "WW-Water No Water",
    "title": "Por que bairros inteiros ficaram sem água em fevereiro, e o que será feito para que não se repita?",
}
WATCHED = "TRM-Snow/Icy Conditions"


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def load(people: dict, organisations: dict, spaces_by_key: dict[str, Space]) -> Space:
    staff: Person = people["gabinete"]
    space = spaces.space_create(person=staff, organisations=[organisations["rs"]], **SPACE)
    space = Space.objects.get(pk=space.pk)
    if not SHARED_DATA.exists():
        _say(f"Demo: {SHARED_DATA} is absent, so “O Governo Escuta” has no signals.")
        return space
    for relative, file_format, source_name in FILES:
        path = SHARED_DATA / relative
        if path.exists():
            services.signals_import(
                person=staff, space=space, file=path, file_format=file_format, source_name=source_name
            )
        else:
            _say(f"Demo: {path} is absent; “{source_name}” is left out.")
    services.emerging_issues_recompute(space=space)

    issues = EmergingIssue.objects.filter(space=space, area="").order_by("-score")  # over the whole space
    to_ask = issues.filter(category=QUESTION["category"]).first() or issues.exclude(category=WATCHED).first()
    if to_ask is not None:
        governor = Space.objects.filter(title=GOVERNOR_RESPONDS, kind="dialogue").first() or space
        services.emerging_issue_to_question(
            person=staff, issue=to_ask, dialogue_space=governor, title=QUESTION["title"]
        )
    watched = issues.filter(category=WATCHED, status=IssueStatus.NEW).first()
    if watched is not None:
        services.emerging_issue_decide(person=staff, issue=watched, status=IssueStatus.WATCHING)
    spaces_by_key["listens"] = space
    return space
