"""Demo: “O Governador Responde” (The Governor Responds), the Digital Cabinet of Rio Grande do Sul's
monthly questions to the governor, with the people of “O Governador Pergunta”.

Citizens asked and supported questions; two past monthly rounds selected the most supported;
officials answered them (one on video with its transcript, one announcing a measure, one pointing
to the Governor Asks space), one question is still waiting, one was declined with its reason,
and the next round is open. Everything goes through the services; only dates are set afterwards
(as the challenges demo does), since a round cannot be opened in the past.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.dialogue.models import Question, QuestionAnswer, QuestionSupport, SelectionRound
from cocreate.dialogue.services import questions as services
from cocreate.spaces import services as spaces
from cocreate.spaces.models import Origin, Space

SPACE = {
    "title": "O Governador Responde",
    "kind": "dialogue",
    "summary": (
        "Pergunte ao governador e apoie as perguntas de outras pessoas. Todo mês, as perguntas mais apoiadas "
        "são selecionadas e respondidas, muitas vezes em vídeo."
    ),
    "question": "O que você quer perguntar ao governador?",
    "description": (
        "O Governador Responde é um canal do Gabinete Digital do Governo do Estado do Rio Grande do Sul. "
        "Qualquer pessoa pode fazer uma pergunta e apoiar as perguntas de outras pessoas.\n\n"
        "No primeiro dia de cada mês, a equipe do Gabinete Digital seleciona as perguntas mais apoiadas. O "
        "governador ou a secretaria responsável responde em texto, muitas vezes também em vídeo (com a "
        "transcrição), e indica as medidas anunciadas. Quando uma pergunta não cabe ao governo do estado, a "
        "equipe explica por quê.\n\n"
        "Os prazos de resposta são publicados: quanto tempo cada resposta levou e quais perguntas ainda esperam."
    ),
    "target_community": "Todas as pessoas que vivem no Rio Grande do Sul.",
    "content_language": "pt-br",
}

ASK_AND_SUPPORT = ["ask_question", "support_question"]

# (key, asker, days ago, title, details, supporters). `antonio` took part offline: the team
# entered his question at a public meeting.
QUESTIONS = [
    (
        "onibus",
        "lucia",
        95,
        "Quando as linhas de ônibus intermunicipais para Canoas e Eldorado do Sul voltam a operar normalmente?",
        "Desde as enchentes, os ônibus da região metropolitana passam com menos da metade dos horários. "
        "Quem trabalha em Porto Alegre perde duas horas por dia.",
        ["joao", "marlene", "rafael", "fernanda", "carlos", "tatiane", "claudia", "jussara", "beatriz"],
    ),
    (
        "auxilio",
        "jussara",
        90,
        "Como as famílias atingidas pelas enchentes pedem o auxílio para reconstruir a casa?",
        "Minha mãe mora em Roca Sales e perdeu tudo. Ninguém na prefeitura sabe dizer onde se inscrever.",
        ["lucia", "marlene", "carlos", "tatiane", "claudia", "beatriz", "fernanda"],
    ),
    (
        "cirurgias",
        "fernanda",
        88,
        "Por que a espera por cirurgia ortopédica pelo SUS passa de dois anos no interior?",
        "Estou na fila para uma cirurgia de joelho em Passo Fundo desde 2023.",
        ["joao", "rafael", "claudia", "jussara", "beatriz", "lucia"],
    ),
    (
        "pontes",
        "rafael",
        62,
        "Qual é o prazo para reconstruir as pontes da ERS-130 no Vale do Taquari?",
        "As empresas de Lajeado e Estrela estão fazendo desvios de 40 km para escoar a produção.",
        ["lucia", "joao", "marlene", "carlos", "jussara", "beatriz", "tatiane", "fernanda"],
    ),
    (
        "dados_saude",
        "carlos",
        60,
        "O governo pode publicar os dados de tempo de espera das consultas especializadas por região?",
        "Como conselheiro municipal de saúde, preciso desses números para acompanhar a regulação.",
        ["fernanda", "claudia", "rafael", "tatiane", "jussara"],
    ),
    (
        "piso",
        "marlene",
        58,
        "Quando os professores da rede estadual vão receber o piso nacional do magistério?",
        "",
        ["lucia", "joao", "tatiane", "claudia"],
    ),
    (
        "estrada",
        "antonio",
        50,
        "Vão asfaltar a estrada de acesso ao distrito de Arroio Grande, em Santa Maria?",
        "Em dia de chuva o ônibus escolar não passa.",
        ["joao", "beatriz"],
    ),
    (
        "climatizacao",
        "tatiane",
        25,
        "Há plano para climatizar as salas de aula das escolas estaduais antes do próximo verão?",
        "No verão passado as aulas foram suspensas em várias escolas de Uruguaiana por causa do calor.",
        ["marlene", "lucia", "claudia", "fernanda", "jussara", "carlos"],
    ),
    (
        "balsa",
        "joao",
        21,
        "Quando a travessia de balsa entre São José do Norte e Rio Grande terá horários à noite?",
        "",
        ["rafael", "beatriz", "tatiane"],
    ),
    (
        "passe_livre",
        "claudia",
        16,
        "Por que o Passe Livre Estudantil não vale para alunos de cursos técnicos?",
        "",
        ["tatiane", "marlene", "fernanda", "lucia", "jussara"],
    ),
    (
        "policiamento",
        "beatriz",
        12,
        "O estado vai ter mais policiais no policiamento comunitário das cidades pequenas?",
        "",
        ["joao", "rafael"],
    ),
    (
        "farmacia",
        "lucia",
        6,
        "A Farmácia de Medicamentos Especiais vai atender também aos sábados?",
        "Quem trabalha durante a semana precisa faltar para buscar os remédios.",
        ["fernanda", "claudia", "jussara", "carlos"],
    ),
]

OFFLINE = {"antonio": ("Seu Antônio (audiência pública em Santa Maria)", "Audiência pública em Santa Maria")}

ANSWERS = {
    "onibus": {
        "after_selection": 9,
        "body": (
            "As linhas intermunicipais para Canoas e Eldorado do Sul voltam à grade completa em duas etapas: a "
            "partir do dia 1º do próximo mês, nos horários de pico; e, um mês depois, em todos os horários. A "
            "Metroplan vai publicar a nova grade com uma semana de antecedência."
        ),
        "video_url": "https://www.youtube.com/watch?v=gabinete-digital-onibus",
        "transcript": (
            "Boa noite. A Lúcia perguntou quando os ônibus para Canoas e Eldorado do Sul voltam ao normal. "
            "Muita gente perguntou a mesma coisa: foram 10 apoios. As enchentes danificaram garagens e "
            "veículos das empresas, e as pontes interditadas aumentaram o tempo de viagem. Acertamos com as "
            "empresas a volta da grade completa em duas etapas: primeiro os horários de pico, a partir do "
            "dia 1º do próximo mês; depois, todos os horários. A Metroplan publica a grade uma semana antes. "
            "Obrigado pela pergunta."
        ),
    },
    "auxilio": {
        "after_selection": 14,
        "body": (
            "As famílias atingidas se inscrevem no programa de reconstrução de moradias pela Defesa Civil do "
            "município, que confirma o endereço atingido. Quem já está no cadastro da Defesa Civil não precisa "
            "se inscrever de novo. O decreto abaixo fixa os valores e os prazos."
        ),
        "measure_title": "Decreto do programa estadual de reconstrução de moradias",
        "measure_url": "https://www.estado.rs.gov.br/reconstrucao-moradias",
    },
    "cirurgias": {
        "after_selection": 41,
        "body": (
            "A Secretaria da Saúde contratou mutirões de cirurgias ortopédicas em seis hospitais regionais, "
            "entre eles o de Passo Fundo, para reduzir a fila em 40% em um ano. A posição de cada pessoa na "
            "fila pode ser consultada no portal da regulação."
        ),
    },
    "pontes": {
        "after_selection": 12,
        "body": (
            "A primeira ponte da ERS-130, entre Lajeado e Arroio do Meio, será liberada em 60 dias; as outras "
            "duas estão em licitação, com obras previstas para seis meses. Enquanto isso, o desvio pela BR-386 "
            "tem sinalização reforçada."
        ),
        "video_url": "https://www.youtube.com/watch?v=gabinete-digital-pontes",
        "transcript": (
            "Olá, Rafael. A ponte entre Lajeado e Arroio do Meio será liberada em 60 dias. As outras duas pontes "
            "da ERS-130 estão em licitação e as obras devem durar seis meses. Sabemos do custo dos desvios para "
            "as empresas do Vale do Taquari e reforçamos a sinalização na BR-386."
        ),
    },
    "dados_saude": {
        "after_selection": 20,
        "body": (
            "Sim. A Secretaria da Saúde vai publicar todo mês, em dados abertos, o tempo de espera por consulta "
            "especializada em cada região de saúde. Antes, queremos ouvir quem vai usar esses dados: participe "
            "da consulta “O Governador Pergunta” sobre a saúde pública."
        ),
        "space": "governor",
    },
}

DECLINED = {
    "estrada": (
        "A estrada de acesso ao distrito de Arroio Grande é municipal: a pavimentação é decidida pela "
        "Prefeitura de Santa Maria. Encaminhamos a pergunta à Prefeitura, que se comprometeu a responder ao "
        "Seu Antônio."
    )
}


def _first_of_month(months_from_now: int) -> date:
    today = timezone.localdate()
    month = today.month - 1 + months_from_now
    return date(today.year + month // 12, month % 12 + 1, 1)


def load(people: dict, organisations: dict, spaces_by_key: dict[str, Space]) -> Space:
    staff: Person = people["gabinete"]
    space = spaces.space_create(person=staff, organisations=[organisations["rs"]], **SPACE)
    now = timezone.now()
    spaces.phase_create(
        person=staff,
        space=space,
        title="Perguntas e apoios",
        description="Faça a sua pergunta e apoie as de outras pessoas. A seleção é no primeiro dia de cada mês.",
        starts_at=now - timedelta(days=120),
        ends_at=now + timedelta(days=240),
        activities=ASK_AND_SUPPORT,
    )
    space = Space.objects.get(pk=space.pk)

    asked: dict[str, Question] = {}
    for key, asker, days_ago, title, details, supporters in QUESTIONS:
        if asker in OFFLINE:
            name, event = people.get(asker) or OFFLINE[asker][0], OFFLINE[asker][1]
            question = services.question_ask(
                person=staff,
                space=space,
                title=title,
                details=details,
                origin=Origin.EVENT,
                on_behalf_of_name=name,
                event_name=event,
            )
        else:
            question = services.question_ask(person=people[asker], space=space, title=title, details=details)
        for supporter in supporters:
            services.question_support(person=people[supporter], question=question)
        question.created_at = now - timedelta(days=days_ago, hours=len(title) % 9)
        Question.objects.filter(pk=question.pk).update(created_at=question.created_at)
        QuestionSupport.objects.filter(question=question).update(created_at=question.created_at + timedelta(hours=6))
        asked[key] = question

    # Two past monthly rounds, chosen by the staff; the rounds are opened for a coming date and
    # then given the date they had.
    past_rounds = [(-2, ["onibus", "auxilio", "cirurgias"]), (-1, ["pontes", "dados_saude", "piso"])]
    for n, (months, keys) in enumerate(past_rounds, start=1):
        selection_round = services.selection_round_open(
            person=staff, space=space, selects_on=timezone.localdate() + timedelta(days=n), top_n=3
        )
        services.questions_select(
            person=staff, selection_round=selection_round, question_ids=[asked[k].pk for k in keys]
        )
        selects_on = _first_of_month(months)
        selected_at = timezone.make_aware(datetime.combine(selects_on, time(10, 0)))
        SelectionRound.objects.filter(pk=selection_round.pk).update(
            selects_on=selects_on, closed_at=selected_at, created_at=selected_at - timedelta(days=30)
        )
        Question.objects.filter(pk__in=[asked[k].pk for k in keys]).update(selected_at=selected_at)
        for key in keys:
            if key not in ANSWERS:
                continue  # still waiting for its answer
            spec = ANSWERS[key]
            question = Question.objects.get(pk=asked[key].pk)
            services.question_answer(
                person=staff,
                question=question,
                body=spec["body"],
                video_url=spec.get("video_url", ""),
                transcript=spec.get("transcript", ""),
                measure_title=spec.get("measure_title", ""),
                measure_url=spec.get("measure_url", ""),
                linked_space=spaces_by_key.get(spec.get("space", "")),
            )
            answered_at = min(selected_at + timedelta(days=spec["after_selection"]), now - timedelta(hours=2))
            Question.objects.filter(pk=question.pk).update(answered_at=answered_at)
            QuestionAnswer.objects.filter(question=question).update(answered_at=answered_at)

    for key, reason in DECLINED.items():
        services.question_decline(person=staff, question=asked[key], reason=reason)
        Question.objects.filter(pk=asked[key].pk).update(declined_at=asked[key].created_at + timedelta(days=8))

    # The next round, on the first day of next month.
    services.selection_round_open(person=staff, space=space, selects_on=_first_of_month(1), top_n=3)
    return space
