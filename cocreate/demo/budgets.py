"""Demo: Porto Alegre's participatory budget (Orçamento Participativo), in Brazilian Portuguese.

Two spaces run by the Prefeitura:
- the 2026 cycle, complete: projects proposed online and at regional assemblies, reviewed and
  costed by staff (two found not feasible, with the reason), suggested changes accepted or
  declined, a vote by verified residents (online, on paper and with voting codes) counted with
  the Method of Equal Shares, and the funded projects with their delivery updates;
- the 2027 cycle, open for proposals now, with a few proposals waiting for review.

Everything is created through the services, like the rest of the demo. The one shortcut is
time: the 2026 phases are moved (as `tests.factories.change_phases` does) so that each step
happens while its phase is open, then put in the past. The residents list, who votes and in
which order are drawn with a seeded random generator; what the ballots chose is written below
as a tally, so every load gives the same results. In each district a majority and a minority
want different things, which is where Equal Shares can fund something a most-votes count
would not (the crèche in Restinga, the Restaurante Popular in the Centro).
"""

import io
import random
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from cocreate.budgets import services as budgets
from cocreate.budgets.models import (
    Budget,
    ChangeSuggestion,
    DeliveryUpdate,
    Project,
    ProjectStatus,
    VoterRecord,
    VotingCode,
)
from cocreate.spaces import services as spaces
from cocreate.spaces.models import Phase, Space

SEED = 1989  # the year Porto Alegre's participatory budget began

# District: (first digits of its CEP, entries on the 2026 residents list).
DISTRICTS = {
    "Restinga": ("91790", 160),
    "Partenon": ("90680", 150),
    "Lomba do Pinheiro": ("91560", 140),
    "Centro": ("90010", 130),
}
AGE_GROUPS = {"16-24": 16, "25-34": 20, "35-49": 27, "50-64": 22, "65+": 15}  # weights

ASSEMBLY = {
    "Restinga": "Assembleia regional da Restinga, no Centro Comunitário",
    "Partenon": "Assembleia regional do Partenon, na Escola Estadual",
    "Lomba do Pinheiro": "Assembleia regional da Lomba do Pinheiro, no salão da paróquia",
    "Centro": "Assembleia regional do Centro, na Câmara Municipal",
    "Temática": "Assembleia temática de Saúde e Assistência Social",
}


# ----------------------------------------------------------------------------------------------------
# The 2026 cycle: complete
# ----------------------------------------------------------------------------------------------------

CYCLE_2026 = {
    "title": "Orçamento Participativo de Porto Alegre 2026",
    "summary": (
        "Os moradores de Porto Alegre decidiram onde investir parte do orçamento da Prefeitura: propuseram "
        "projetos online e nas assembleias, votaram por região e por tema, e acompanham aqui as obras escolhidas."
    ),
    "question": "Onde a Prefeitura deve investir na sua região em 2026?",
    "description": (
        "O Orçamento Participativo (OP) de Porto Alegre existe desde 1989. Todos os anos, os moradores de cada "
        "região da cidade se reúnem em assembleias, apresentam as obras e os serviços de que o bairro precisa, "
        "elegem delegados e decidem as prioridades que a Prefeitura inclui no orçamento. A experiência de Porto "
        "Alegre inspirou orçamentos participativos em milhares de cidades no mundo.\n\n"
        "Nesta edição, quatro regiões do OP usaram esta plataforma: Restinga, Partenon, Lomba do Pinheiro e "
        "Centro. Cada região tem o seu próprio valor para investir, e só os moradores da região votam nele. Há "
        "também uma temática, Saúde e Assistência Social, com um valor para a cidade inteira, em que todos os "
        "moradores podem votar.\n\n"
        "1. Propostas: qualquer pessoa pôde propor um projeto aqui ou nas assembleias regionais, onde a equipe "
        "do OP registrou as propostas em nome de quem as apresentou. Cada projeto diz quanto custa, quem ganha "
        "com ele, que transtornos a obra causa e quanto tempo leva.\n"
        "2. Análise técnica: as secretarias verificaram se cada projeto é viável e estimaram o seu custo. Os "
        "projetos inviáveis têm a justificativa publicada. Os moradores sugeriram mudanças, aceitas ou "
        "recusadas com resposta pública.\n"
        "3. Votação: os moradores da lista do OP votaram pela internet (depois de confirmar o endereço com os "
        "dados da carta que receberam), com cédula de papel nas assembleias ou com um código de votação "
        "entregue nos centros comunitários. Cada pessoa votou uma vez em cada orçamento que lhe cabe: na "
        "região, em até três projetos; na temática, em projetos que, somados, cabem no valor disponível.\n"
        "4. Apuração: os votos foram contados pelo Método das Parcelas Iguais (Equal Shares). O valor é "
        "dividido igualmente entre os eleitores, e cada projeto é pago pelas parcelas de quem votou nele. "
        "Assim a maioria decide a maior parte do dinheiro, mas um grupo menor de moradores que se une em "
        "torno de uma prioridade também é atendido, na proporção do seu tamanho.\n"
        "5. Execução: a Prefeitura publica aqui o andamento de cada projeto escolhido: licitação, início da "
        "obra, entrega. Siga um projeto para receber as novidades."
    ),
    "target_community": (
        "Moradores de Porto Alegre a partir de 16 anos, em especial das regiões Restinga, Partenon, Lomba do "
        "Pinheiro e Centro."
    ),
    # Days relative to the load; the vote is the third phase.
    "phases": [
        {
            "title": "Assembleias e propostas",
            "description": (
                "Proponha projetos para a sua região ou para a temática, aqui ou na assembleia regional, e "
                "sugira mudanças nos projetos dos outros."
            ),
            "start": -330,
            "end": -270,
            "activities": ["propose_project", "suggest_change"],
        },
        {
            "title": "Análise técnica e custos",
            "description": (
                "As secretarias verificam se cada projeto é viável e estimam o seu custo. Ainda é possível "
                "sugerir mudanças."
            ),
            "start": -270,
            "end": -236,
            "activities": ["suggest_change"],
        },
        {
            "title": "Votação",
            "description": (
                "Moradores verificados votam pela internet, com cédula de papel nas assembleias ou com o código "
                "de votação."
            ),
            "start": -236,
            "end": -222,
            "activities": ["vote"],
        },
        {
            "title": "Apuração e resultados",
            "description": "Os votos são contados pelo Método das Parcelas Iguais e os resultados publicados.",
            "start": -222,
            "end": -215,
            "activities": [],
        },
        {
            "title": "Execução das obras",
            "description": (
                "A Prefeitura publica o andamento de cada projeto escolhido. Siga os projetos para receber as "
                "novidades."
            ),
            "start": -215,
            "end": 150,
            "activities": [],
        },
    ],
    "vote_phase": 2,
    "budgets": [
        {
            "key": "restinga",
            "title": "Região Restinga",
            "description": (
                "Investimentos escolhidos pelos moradores da Restinga. Vote em até três projetos; só moradores "
                "da região votam."
            ),
            "amount": 2_000_000,
            "voters_district": "Restinga",
            "ballot_kind": "approval",
            "max_projects": 3,
            "counting_rule": "mes-add1",
            # The paper and code ballots, by what they chose: a majority for the streets and the
            # sports court, a minority for the crèche (funded by Equal Shares, not by most votes).
            "ballots": [
                (20, ["r-pavimentacao", "r-iluminacao", "r-quadra"]),
                (8, ["r-pavimentacao", "r-quadra"]),
                (6, ["r-pavimentacao", "r-iluminacao"]),
                (3, ["r-iluminacao", "r-quadra"]),
                (16, ["r-creche", "r-horta"]),
                (7, ["r-creche", "r-iluminacao"]),
                (2, ["r-creche"]),
            ],
            "projects": [
                {
                    "key": "r-pavimentacao",
                    "title": "Pavimentação das ruas do Núcleo Esperança",
                    "description": (
                        "Pavimentar com asfalto a Rua Dona Alzira Brum, a Rua Sete de Abril e o Beco das "
                        "Hortênsias, no Núcleo Esperança, com meio-fio, calçadas e bocas de lobo. São cerca de "
                        "900 metros de ruas de chão batido que viram lama quando chove: nesses dias o ônibus "
                        "escolar e o caminhão do lixo não entram."
                    ),
                    "cost": 820_000,
                    "benefits": (
                        "Cerca de 350 famílias do Núcleo Esperança, as crianças que pegam o ônibus escolar e os "
                        "moradores com mobilidade reduzida. Menos poeira no verão e menos lama dentro das casas."
                    ),
                    "disruption": (
                        "Ruas fechadas em trechos de 100 metros durante cerca de quatro meses. A passagem a pé "
                        "fica sempre garantida e as garagens são liberadas à noite."
                    ),
                    "schedule": "Projeto e licitação em 5 meses; obra de cerca de 4 meses.",
                    "place_name": "Núcleo Esperança, Restinga",
                    "category": "Pavimentação",
                    "by": "carlos",
                    "day": -322,
                    "review": {
                        "note": (
                            "Viável. A Secretaria de Obras confirma o custo: a rede de esgoto da rua já existe, "
                            "então a obra é só de drenagem e pavimentação."
                        ),
                    },
                    "delivery": [
                        {
                            "day": -170,
                            "stage": "planning",
                            "progress": 15,
                            "milestone": "Projeto executivo concluído",
                            "body": (
                                "O projeto executivo das três ruas está pronto e foi apresentado aos moradores na "
                                "reunião da associação. O edital de licitação sai no próximo mês."
                            ),
                        },
                        {
                            "day": -95,
                            "stage": "under_way",
                            "progress": 35,
                            "milestone": "Licitação concluída",
                            "body": (
                                "A licitação foi concluída e a empresa vencedora assinou o contrato. A obra começa "
                                "pela Rua Dona Alzira Brum, a mais baixa, por causa da drenagem."
                            ),
                        },
                        {
                            "day": -20,
                            "stage": "under_way",
                            "progress": 70,
                            "milestone": "Drenagem concluída",
                            "body": (
                                "A drenagem das três ruas está pronta e o asfalto da Rua Dona Alzira Brum foi "
                                "colocado. Falta o Beco das Hortênsias e a Rua Sete de Abril; a previsão de "
                                "término é de seis semanas, se o tempo ajudar."
                            ),
                        },
                    ],
                },
                {
                    "key": "r-iluminacao",
                    "title": "Iluminação em LED na Estrada da Restinga Velha",
                    "description": (
                        "Trocar as 64 luminárias antigas de vapor de sódio por LED e instalar mais 28 postes no "
                        "trecho sem iluminação entre a parada final do ônibus e a escola estadual."
                    ),
                    "cost": 450_000,
                    "benefits": (
                        "Quem volta a pé do trabalho ou da escola à noite: cerca de 4 mil pessoas passam pelo "
                        "trecho por dia. Mais segurança e metade do gasto de energia."
                    ),
                    "disruption": "Uma faixa da estrada interditada durante o dia, por cerca de três semanas.",
                    "schedule": "Instalação em 2 meses depois da compra das luminárias.",
                    "place_name": "Estrada da Restinga Velha",
                    "category": "Iluminação pública",
                    "on_behalf_of": "Comissão de segurança da Restinga Velha",
                    "day": -310,
                    "review": {"note": "Viável. A compra das luminárias entra na ata de registro de preços vigente."},
                    "delivery": [
                        {
                            "day": -150,
                            "stage": "under_way",
                            "progress": 40,
                            "milestone": "Luminárias compradas",
                            "body": (
                                "As 92 luminárias de LED foram entregues e os 28 postes novos começam a ser "
                                "instalados na semana que vem, a partir da parada final."
                            ),
                        },
                        {
                            "day": -60,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Iluminação ligada",
                            "body": (
                                "Toda a Estrada da Restinga Velha já está iluminada com LED, da parada final até a "
                                "escola estadual. Se algum poste apagar, avise pelo 156."
                            ),
                        },
                    ],
                },
                {
                    "key": "r-quadra",
                    "title": "Cobertura e reforma da quadra da Vila Castelo",
                    "description": (
                        "Cobrir a quadra poliesportiva da praça da Vila Castelo, trocar o piso e as traves, "
                        "instalar iluminação e um bebedouro. A quadra é usada pelas escolinhas de futebol e pelo "
                        "projeto social de vôlei, mas fica inutilizável com chuva ou com sol forte."
                    ),
                    "cost": 560_000,
                    "benefits": (
                        "Cerca de 300 crianças e adolescentes das escolinhas e dos projetos sociais, e os "
                        "campeonatos da comunidade à noite."
                    ),
                    "disruption": (
                        "Quadra fechada por cinco meses; durante a obra as escolinhas usam o ginásio da escola "
                        "estadual."
                    ),
                    "schedule": "Obra de 5 meses.",
                    "place_name": "Praça da Vila Castelo, Restinga",
                    "category": "Esporte e lazer",
                    "on_behalf_of": "Escolinha de Futebol Vila Castelo",
                    "day": -305,
                    "review": {
                        "cost_estimate": 610_000,
                        "note": (
                            "Viável. A estimativa da Secretaria de Obras inclui a fundação da cobertura metálica "
                            "e a sondagem do solo: R$ 610 mil."
                        ),
                    },
                },
                {
                    "key": "r-creche",
                    "title": "Ampliação da EMEI Pequeno Príncipe: 60 novas vagas de creche",
                    "description": (
                        "Construir duas salas, um fraldário e um solário na Escola Municipal de Educação Infantil "
                        "Pequeno Príncipe, para abrir 60 vagas para crianças de 0 a 3 anos. Hoje a lista de "
                        "espera da escola tem mais de 140 crianças."
                    ),
                    "cost": 650_000,
                    "benefits": (
                        "60 famílias por ano, sobretudo mães que não conseguem trabalhar por falta de vaga na creche."
                    ),
                    "disruption": (
                        "Barulho de obra durante o horário das aulas por seis meses; a entrada da escola muda de "
                        "lado durante a obra."
                    ),
                    "schedule": "Projeto em 3 meses e obra de 6 meses; vagas abertas no início do ano letivo seguinte.",
                    "place_name": "EMEI Pequeno Príncipe, Restinga",
                    "category": "Educação",
                    "on_behalf_of": "Grupo de mães da EMEI Pequeno Príncipe",
                    "day": -318,
                    "review": {
                        "note": (
                            "Viável. O terreno é da própria escola e a Secretaria de Educação garante as "
                            "professoras das novas turmas."
                        ),
                    },
                    "delivery": [
                        {
                            "day": -140,
                            "stage": "planning",
                            "progress": 10,
                            "milestone": "Projeto aprovado",
                            "body": (
                                "O projeto das duas salas, do fraldário e do solário foi aprovado pela Secretaria "
                                "de Educação. A licitação está marcada para o mês que vem."
                            ),
                        },
                        {
                            "day": -45,
                            "stage": "under_way",
                            "progress": 40,
                            "milestone": "Obra iniciada",
                            "body": (
                                "A obra começou pelas fundações. Durante a obra a entrada da escola é pela rua de "
                                "trás; as aulas continuam normalmente."
                            ),
                        },
                    ],
                },
                {
                    "key": "r-horta",
                    "title": "Horta comunitária e cozinha-escola no Centro Comunitário",
                    "description": (
                        "Transformar o terreno dos fundos do Centro Comunitário da Restinga numa horta com "
                        "irrigação e equipar uma cozinha-escola para cursos de alimentação saudável e de geração "
                        "de renda."
                    ),
                    "cost": 150_000,
                    "benefits": (
                        "Cerca de 80 famílias cultivando na horta, cursos para 120 pessoas por ano e alimentos "
                        "para a merenda do projeto social."
                    ),
                    "disruption": "Pouca: uma obra pequena nos fundos do centro comunitário, por seis semanas.",
                    "schedule": "Pronta em 3 meses.",
                    "place_name": "Centro Comunitário da Restinga",
                    "category": "Segurança alimentar",
                    "on_behalf_of": "Dona Ivone Rosa, do Clube de Mães da Restinga",
                    "day": -300,
                    "review": {"note": "Viável. A Secretaria de Desenvolvimento Social acompanha os cursos."},
                },
                {
                    "key": "r-ponte",
                    "title": "Ponte para carros sobre o Arroio do Salso",
                    "description": (
                        "Construir uma ponte de concreto para carros sobre o Arroio do Salso, ligando a Restinga "
                        "Nova ao loteamento do outro lado. Hoje só há uma pinguela de madeira e quem vai de carro "
                        "dá uma volta de 6 km."
                    ),
                    "cost": 1_600_000,
                    "benefits": "Cerca de 600 famílias do loteamento, o transporte escolar e as ambulâncias.",
                    "disruption": "Obra no leito do arroio durante cerca de oito meses.",
                    "schedule": "Cerca de 12 meses.",
                    "place_name": "Arroio do Salso, Restinga Nova",
                    "category": "Mobilidade",
                    "on_behalf_of": "Associação de Moradores da Restinga Nova",
                    "day": -296,
                    "review": {
                        "feasible": False,
                        "note": (
                            "Não é viável neste OP: este trecho do Arroio do Salso faz parte da obra de "
                            "macrodrenagem que vai alargar o leito do arroio, e essa obra já prevê uma ponte neste "
                            "ponto. Uma ponte construída agora teria de ser demolida. A Secretaria de Obras "
                            "apresenta o cronograma da macrodrenagem na próxima assembleia regional."
                        ),
                    },
                },
            ],
        },
        {
            "key": "partenon",
            "title": "Região Partenon",
            "description": (
                "Investimentos escolhidos pelos moradores do Partenon. Vote em até três projetos; só moradores da "
                "região votam."
            ),
            "amount": 1_500_000,
            "voters_district": "Partenon",
            "ballot_kind": "approval",
            "max_projects": 3,
            "counting_rule": "mes-add1",
            "ballots": [
                (12, ["p-encosta", "p-recapeamento"]),
                (10, ["p-encosta"]),
                (6, ["p-encosta", "p-ubs"]),
                (12, ["p-ubs", "p-praca", "p-biblioteca"]),
                (8, ["p-ubs", "p-praca"]),
                (4, ["p-praca", "p-biblioteca"]),
            ],
            "projects": [
                {
                    "key": "p-encosta",
                    "title": "Contenção da encosta e escadaria no Morro da Cruz",
                    "description": (
                        "Muro de contenção e escadaria de concreto com corrimão e iluminação no acesso da Rua "
                        "Sete à parte alta do Morro da Cruz, onde houve um deslizamento na última enchente. Hoje "
                        "a subida é por uma trilha de barro."
                    ),
                    "cost": 600_000,
                    "benefits": (
                        "Cerca de 200 famílias da parte alta do morro, e menos risco de deslizamento sobre as casas "
                        "de baixo."
                    ),
                    "disruption": (
                        "Caminhões na rua de baixo durante dois meses; a trilha fica fechada e é aberto um acesso "
                        "provisório."
                    ),
                    "schedule": "Laudo geotécnico em 2 meses; obra de 6 meses.",
                    "place_name": "Morro da Cruz, Partenon",
                    "category": "Habitação e encostas",
                    "on_behalf_of": "Associação de Moradores do Morro da Cruz",
                    "day": -315,
                    "review": {
                        "cost_estimate": 680_000,
                        "note": (
                            "Viável. A Defesa Civil confirmou o risco. O laudo geotécnico pede estacas mais "
                            "profundas do que o previsto: a estimativa da Secretaria de Obras é de R$ 680 mil."
                        ),
                    },
                    "delivery": [
                        {
                            "day": -160,
                            "stage": "planning",
                            "progress": 20,
                            "milestone": "Laudo geotécnico concluído",
                            "body": (
                                "O laudo geotécnico foi concluído e confirma o traçado da escadaria. A licitação "
                                "foi publicada."
                            ),
                        },
                        {
                            "day": -50,
                            "stage": "delayed",
                            "progress": 30,
                            "milestone": "Licitação refeita",
                            "body": (
                                "A primeira licitação não teve empresas interessadas e foi refeita com o preço "
                                "atualizado. A nova previsão de início da obra é daqui a dois meses. Pedimos "
                                "desculpas aos moradores pelo atraso."
                            ),
                        },
                    ],
                },
                {
                    "key": "p-ubs",
                    "title": "Acolhimento e acessibilidade na Unidade de Saúde Vila Vargas",
                    "description": (
                        "Reformar a entrada da unidade de saúde com rampa e banheiro acessível, ampliar a sala "
                        "de espera com cobertura e criar uma sala de acolhimento reservada, para que ninguém "
                        "precise contar os seus problemas na frente da fila."
                    ),
                    "cost": 380_000,
                    "benefits": (
                        "As cerca de 9 mil pessoas cadastradas na unidade; os idosos, cadeirantes e gestantes que "
                        "hoje esperam na calçada."
                    ),
                    "disruption": "O atendimento passa por dois meses para o salão da paróquia, a 300 metros.",
                    "schedule": "Obra de 4 meses.",
                    "place_name": "Unidade de Saúde Vila Vargas, Partenon",
                    "category": "Saúde",
                    "by": "lucia",
                    "day": -325,
                    "review": {"note": "Viável. A Secretaria da Saúde aprovou o projeto de arquitetura."},
                    "delivery": [
                        {
                            "day": -130,
                            "stage": "under_way",
                            "progress": 50,
                            "milestone": "Obra iniciada",
                            "body": (
                                "A obra começou. Até o fim da reforma, o atendimento é no salão da paróquia, na "
                                "mesma rua, das 7h às 19h."
                            ),
                        },
                        {
                            "day": -30,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Unidade reaberta",
                            "body": (
                                "A unidade reabriu com a rampa, o banheiro acessível, a sala de espera coberta e "
                                "a sala de acolhimento. Obrigado a todos pela paciência durante a obra."
                            ),
                        },
                    ],
                },
                {
                    "key": "p-praca",
                    "title": "Praça com brinquedos e academia ao ar livre na Vila São José",
                    "description": (
                        "Transformar o terreno baldio da esquina da Rua Três com a Rua Cinco numa praça com "
                        "brinquedos, bancos, árvores e aparelhos de ginástica para adultos e idosos."
                    ),
                    "cost": 260_000,
                    "benefits": "As crianças da vila, que hoje brincam na rua, e os idosos do grupo de caminhada.",
                    "disruption": "Pouca: o terreno está vazio. Obra de dois meses.",
                    "schedule": "Obra de 2 meses.",
                    "place_name": "Vila São José, Partenon",
                    "category": "Esporte e lazer",
                    "on_behalf_of": "Coletivo Jovem da Vila São José",
                    "day": -312,
                    "review": {
                        "note": "Viável, com o custo atualizado depois da mudança aceita (brinquedos acessíveis)."
                    },
                    "delivery": [
                        {
                            "day": -140,
                            "stage": "under_way",
                            "progress": 50,
                            "milestone": "Obra iniciada",
                            "body": (
                                "O terreno foi limpo e nivelado, e os brinquedos, inclusive os dois acessíveis, já "
                                "foram comprados."
                            ),
                        },
                        {
                            "day": -70,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Inaugurada",
                            "body": (
                                "A praça foi inaugurada com uma festa organizada pelo Coletivo Jovem da Vila São "
                                "José. Os brinquedos acessíveis e o piso emborrachado estão prontos para as crianças."
                            ),
                        },
                    ],
                },
                {
                    "key": "p-recapeamento",
                    "title": "Recapeamento da Rua Santa Edwiges",
                    "description": (
                        "Asfalto novo sobre o calçamento irregular nos 700 metros da Rua Santa Edwiges, por onde "
                        "passam duas linhas de ônibus, com nova sinalização e faixas de pedestres elevadas em "
                        "frente à escola."
                    ),
                    "cost": 480_000,
                    "benefits": "Os passageiros das duas linhas de ônibus, os moradores da rua e os alunos da escola.",
                    "disruption": "Desvio das linhas de ônibus por cerca de três semanas.",
                    "schedule": "Obra de 1 mês.",
                    "place_name": "Rua Santa Edwiges, Partenon",
                    "category": "Pavimentação",
                    "on_behalf_of": "Moradores da Rua Santa Edwiges (abaixo-assinado com 212 assinaturas)",
                    "day": -290,
                    "review": {"note": "Viável. A Secretaria de Mobilidade inclui as faixas elevadas no projeto."},
                },
                {
                    "key": "p-biblioteca",
                    "title": "Biblioteca comunitária e sala de estudos no Centro Comunitário do Partenon",
                    "description": (
                        "Equipar uma sala do Centro Comunitário do Partenon com estantes, mesas, 10 computadores "
                        "com internet e livros, aberta à noite para quem estuda para o vestibular e o ENEM."
                    ),
                    "cost": 120_000,
                    "benefits": "Estudantes do bairro que não têm onde estudar em casa: cerca de 150 por semana.",
                    "disruption": "Nenhuma.",
                    "schedule": "Pronta em 2 meses.",
                    "place_name": "Centro Comunitário do Partenon",
                    "category": "Educação",
                    "on_behalf_of": "Cursinho Popular do Partenon",
                    "day": -285,
                    "review": {"note": "Viável. A Secretaria de Cultura doa o primeiro acervo de livros."},
                    "delivery": [
                        {
                            "day": -100,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Biblioteca aberta",
                            "body": (
                                "A sala de estudos está aberta de segunda a sexta, das 14h às 22h, com 10 "
                                "computadores e os primeiros 1.200 livros doados pela Secretaria de Cultura."
                            ),
                        },
                    ],
                },
            ],
        },
        {
            "key": "lomba",
            "title": "Região Lomba do Pinheiro",
            "description": (
                "Investimentos escolhidos pelos moradores da Lomba do Pinheiro. Vote em até três projetos; só "
                "moradores da região votam."
            ),
            "amount": 1_600_000,
            "voters_district": "Lomba do Pinheiro",
            "ballot_kind": "approval",
            "max_projects": 3,
            "counting_rule": "mes-add1",
            "ballots": [
                (16, ["l-esgoto", "l-abrigos", "l-ecoponto"]),
                (8, ["l-esgoto", "l-abrigos"]),
                (6, ["l-esgoto", "l-ecoponto"]),
                (10, ["l-escola", "l-feira", "l-abrigos"]),
                (5, ["l-escola", "l-feira"]),
                (3, ["l-escola"]),
            ],
            "projects": [
                {
                    "key": "l-abrigos",
                    "title": "Abrigos de ônibus cobertos e iluminados na Estrada do Pinheiro Alto",
                    "description": (
                        "Instalar 14 abrigos com cobertura, banco e iluminação solar nas paradas da Estrada do "
                        "Pinheiro Alto, da parada 8 até o fim da linha. Hoje a maior parte das paradas é só uma "
                        "placa no barranco, sem lugar para se proteger da chuva."
                    ),
                    "cost": 210_000,
                    "benefits": (
                        "Os cerca de 5 mil passageiros por dia das linhas da Lomba, sobretudo quem pega o ônibus "
                        "de madrugada para trabalhar."
                    ),
                    "disruption": "Cada abrigo é instalado em um dia; a parada muda de lugar por algumas horas.",
                    "schedule": "Instalação em 2 meses depois da compra.",
                    "place_name": "Estrada do Pinheiro Alto, Lomba do Pinheiro",
                    "category": "Mobilidade",
                    "by": "jussara",
                    "day": -320,
                    "review": {"note": "Viável. Os abrigos seguem o modelo padrão da Secretaria de Mobilidade."},
                    "delivery": [
                        {
                            "day": -110,
                            "stage": "under_way",
                            "progress": 50,
                            "milestone": "Primeiros abrigos instalados",
                            "body": "Sete dos 14 abrigos estão instalados, da parada 8 à parada 14.",
                        },
                        {
                            "day": -40,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Entregue à comunidade",
                            "body": (
                                "Os 14 abrigos estão instalados e com a iluminação solar funcionando. A entrega "
                                "foi feita na parada final, com a presença da associação de moradores."
                            ),
                        },
                    ],
                },
                {
                    "key": "l-esgoto",
                    "title": "Rede de esgoto e drenagem na Vila Recanto da Lomba",
                    "description": (
                        "Construir 1,2 km de rede de esgoto ligada à estação de tratamento e a drenagem da chuva "
                        "na Vila Recanto da Lomba, onde hoje o esgoto corre a céu aberto nas valas em frente às "
                        "casas."
                    ),
                    "cost": 700_000,
                    "benefits": (
                        "Cerca de 280 famílias; menos doenças de pele e diarreia nas crianças, segundo a unidade "
                        "de saúde da vila."
                    ),
                    "disruption": (
                        "Valas abertas nas ruas da vila durante cerca de seis meses, trecho a trecho, com "
                        "passagens provisórias para os moradores."
                    ),
                    "schedule": "Projeto em 4 meses; obra de 6 meses.",
                    "place_name": "Vila Recanto da Lomba",
                    "category": "Saneamento",
                    "on_behalf_of": "Associação de Moradores da Vila Recanto da Lomba",
                    "day": -316,
                    "review": {
                        "cost_estimate": 780_000,
                        "note": (
                            "Viável. O Departamento de Água e Esgotos estimou R$ 780 mil, incluindo as "
                            "ligações das casas à rede."
                        ),
                    },
                    "delivery": [
                        {
                            "day": -150,
                            "stage": "planning",
                            "progress": 15,
                            "milestone": "Projeto executivo concluído",
                            "body": (
                                "O projeto da rede foi concluído e apresentado na associação de moradores. Cada "
                                "casa recebe a visita de um técnico para marcar o ponto da ligação."
                            ),
                        },
                        {
                            "day": -60,
                            "stage": "under_way",
                            "progress": 45,
                            "milestone": "Obra iniciada",
                            "body": (
                                "A obra começou pela rua principal da vila. As valas são fechadas no fim de cada "
                                "trecho; o caminhão do lixo passa por um desvio sinalizado."
                            ),
                        },
                    ],
                },
                {
                    "key": "l-ecoponto",
                    "title": "Ecoponto para entulho e recicláveis na Parada 12",
                    "description": (
                        "Um ecoponto cercado, com contêineres para entulho, móveis velhos, podas e recicláveis, "
                        "no terreno municipal da Parada 12, para acabar com os focos de lixo na beira da estrada."
                    ),
                    "cost": 160_000,
                    "benefits": "Toda a região: menos lixo na estrada e nos arroios, menos ratos e mosquitos.",
                    "disruption": "Nenhuma: o terreno já é municipal.",
                    "schedule": "Pronto em 3 meses.",
                    "place_name": "Parada 12, Lomba do Pinheiro",
                    "category": "Limpeza urbana",
                    "on_behalf_of": "Grupo de catadores da Lomba do Pinheiro",
                    "day": -298,
                    "review": {"note": "Viável. O Departamento de Limpeza Urbana opera o ecoponto."},
                },
                {
                    "key": "l-escola",
                    "title": "Quadra coberta e biblioteca na Escola Municipal Lomba Alta",
                    "description": (
                        "Cobrir a quadra da Escola Municipal Lomba Alta e transformar a antiga sala de depósito "
                        "numa biblioteca aberta também à comunidade nos fins de semana."
                    ),
                    "cost": 450_000,
                    "benefits": "Os 620 alunos da escola e as famílias do bairro nos fins de semana.",
                    "disruption": "Educação física no pátio durante quatro meses de obra.",
                    "schedule": "Obra de 4 meses, nas férias e no primeiro semestre.",
                    "place_name": "Escola Municipal Lomba Alta",
                    "category": "Educação",
                    "on_behalf_of": "Conselho Escolar da Escola Municipal Lomba Alta",
                    "day": -306,
                    "review": {"note": "Viável. A Secretaria de Educação confirma o custo."},
                    "delivery": [
                        {
                            "day": -130,
                            "stage": "planning",
                            "progress": 20,
                            "milestone": "Projeto aprovado",
                            "body": (
                                "O projeto da cobertura e da biblioteca foi aprovado pelo conselho escolar. A obra "
                                "começa nas férias."
                            ),
                        },
                        {
                            "day": -35,
                            "stage": "under_way",
                            "progress": 65,
                            "milestone": "Cobertura montada",
                            "body": (
                                "A estrutura da cobertura da quadra está montada; faltam as telhas e a iluminação. A "
                                "sala da biblioteca está sendo pintada."
                            ),
                        },
                    ],
                },
                {
                    "key": "l-feira",
                    "title": "Feira do produtor coberta na praça da Lomba",
                    "description": (
                        "Uma estrutura coberta com bancas e pontos de água na praça central da Lomba, para a "
                        "feira semanal dos agricultores da região, que hoje vendem debaixo de lonas."
                    ),
                    "cost": 95_000,
                    "benefits": "Cerca de 30 famílias de agricultores e quem compra verdura fresca no bairro.",
                    "disruption": "Praça parcialmente fechada por um mês.",
                    "schedule": "Obra de 1 mês.",
                    "place_name": "Praça central da Lomba do Pinheiro",
                    "category": "Segurança alimentar",
                    "by": "jussara",
                    "day": -292,
                    "review": {"note": "Viável."},
                    "delivery": [
                        {
                            "day": -150,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Inaugurada",
                            "body": (
                                "A feira coberta foi inaugurada com 24 bancas de agricultores da região. Funciona aos "
                                "sábados, das 7h ao meio-dia."
                            ),
                        },
                    ],
                },
            ],
        },
        {
            "key": "centro",
            "title": "Região Centro",
            "description": (
                "Investimentos escolhidos pelos moradores do Centro. Vote em até três projetos; só moradores da "
                "região votam."
            ),
            "amount": 1_200_000,
            "voters_district": "Centro",
            "ballot_kind": "approval",
            "max_projects": 3,
            "counting_rule": "mes-add1",
            "ballots": [
                (10, ["c-ciclofaixa", "c-calcadas", "c-banheiros"]),
                (8, ["c-ciclofaixa", "c-calcadas"]),
                (6, ["c-ciclofaixa", "c-banheiros"]),
                (8, ["c-restaurante", "c-banheiros"]),
                (9, ["c-restaurante"]),
                (3, ["c-restaurante", "c-calcadas"]),
            ],
            "projects": [
                {
                    "key": "c-banheiros",
                    "title": "Banheiros públicos 24 horas na Praça da Alfândega",
                    "description": (
                        "Dois módulos de banheiro público abertos 24 horas, com limpeza e vigilância, na Praça da "
                        "Alfândega: hoje não há nenhum banheiro público aberto à noite no Centro Histórico."
                    ),
                    "cost": 350_000,
                    "benefits": (
                        "Quem trabalha e circula no Centro, os ambulantes, os turistas e as pessoas em situação de rua."
                    ),
                    "disruption": "Parte da praça cercada por dois meses.",
                    "schedule": "Instalação em 3 meses.",
                    "place_name": "Praça da Alfândega, Centro Histórico",
                    "category": "Serviços urbanos",
                    "by": "beatriz",
                    "day": -319,
                    "review": {"note": "Viável. A limpeza e a vigilância entram no contrato de zeladoria do Centro."},
                    "delivery": [
                        {
                            "day": -90,
                            "stage": "under_way",
                            "progress": 60,
                            "milestone": "Módulos instalados",
                            "body": (
                                "Os dois módulos foram instalados e estão sendo ligados à rede de água e esgoto. "
                                "A abertura está prevista para o mês que vem."
                            ),
                        },
                        {
                            "day": -25,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Inaugurado",
                            "body": (
                                "Os banheiros estão abertos 24 horas, com banheiro adaptado e fraldário nos dois "
                                "módulos, como sugerido na análise do projeto."
                            ),
                        },
                    ],
                },
                {
                    "key": "c-ciclofaixa",
                    "title": "Ciclofaixa protegida entre a Usina do Gasômetro e o Mercado Público",
                    "description": (
                        "Uma ciclofaixa de mão dupla, separada dos carros por balizadores, ligando a Usina do "
                        "Gasômetro ao Mercado Público e às ciclovias que já existem na orla."
                    ),
                    "cost": 520_000,
                    "benefits": "Quem vai de bicicleta ao trabalho no Centro e quem passeia na orla.",
                    "disruption": (
                        "Obras de sinalização à noite, por cerca de um mês; perda de 40 vagas de estacionamento."
                    ),
                    "schedule": "Obra de 2 meses.",
                    "place_name": "Da Usina do Gasômetro ao Mercado Público",
                    "category": "Mobilidade",
                    "on_behalf_of": "Coletivo Pedal Centro",
                    "day": -314,
                    "review": {"note": "Viável. A Secretaria de Mobilidade aprovou o traçado pela pista."},
                },
                {
                    "key": "c-restaurante",
                    "title": "Restaurante Popular do Centro: mais 300 refeições por dia",
                    "description": (
                        "Ampliar a cozinha e o salão do Restaurante Popular do Centro, com fogões industriais, "
                        "câmara fria e mais 80 lugares, para servir mais 300 almoços por dia a preço popular."
                    ),
                    "cost": 480_000,
                    "benefits": (
                        "Trabalhadores de baixa renda do Centro, idosos que moram sozinhos e pessoas em situação de "
                        "rua: hoje a fila fecha antes do meio-dia."
                    ),
                    "disruption": "Atendimento reduzido por um mês durante a troca da cozinha.",
                    "schedule": "Obra de 3 meses.",
                    "place_name": "Restaurante Popular do Centro",
                    "category": "Assistência social",
                    "on_behalf_of": "Movimento Nacional da População de Rua – Porto Alegre",
                    "day": -302,
                    "review": {
                        "note": "Viável. A Secretaria de Desenvolvimento Social mantém o custeio das refeições."
                    },
                    "delivery": [
                        {
                            "day": -160,
                            "stage": "planning",
                            "progress": 20,
                            "milestone": "Licitação concluída",
                            "body": (
                                "Os fogões industriais e a câmara fria foram comprados; a entrega está prevista para "
                                "daqui a dois meses."
                            ),
                        },
                        {
                            "day": -55,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Cozinha ampliada",
                            "body": (
                                "A cozinha e o salão ampliados começaram a funcionar: o restaurante serve agora 1.100 "
                                "almoços por dia, 300 a mais do que antes."
                            ),
                        },
                    ],
                },
                {
                    "key": "c-calcadas",
                    "title": "Calçadas acessíveis na Rua dos Andradas",
                    "description": (
                        "Refazer as calçadas quebradas da Rua dos Andradas entre a Praça da Alfândega e a Rua "
                        "General Câmara, com piso tátil e rampas em todas as esquinas."
                    ),
                    "cost": 300_000,
                    "benefits": "Pedestres, cadeirantes, pessoas cegas e quem empurra carrinho de bebê.",
                    "disruption": "Calçada estreitada trecho a trecho durante dois meses; lojas com acesso garantido.",
                    "schedule": "Obra de 2 meses.",
                    "place_name": "Rua dos Andradas, Centro Histórico",
                    "category": "Acessibilidade",
                    "on_behalf_of": "Associação dos Lojistas da Rua dos Andradas",
                    "day": -294,
                    "review": {"note": "Viável."},
                    "delivery": [
                        {
                            "day": -80,
                            "stage": "under_way",
                            "progress": 40,
                            "milestone": "Obra iniciada",
                            "body": (
                                "A obra começou pelo trecho entre a Praça da Alfândega e a Rua Caldas Júnior. As "
                                "lojas continuam abertas, com passagem sinalizada."
                            ),
                        },
                    ],
                },
            ],
        },
        {
            "key": "saude",
            "title": "Temática: Saúde e Assistência Social",
            "description": (
                "Investimentos em saúde e assistência social para toda a cidade. Todos os moradores podem votar: "
                "escolha os projetos que quiser, desde que o total caiba no valor disponível."
            ),
            "amount": 3_000_000,
            "voters_district": "",
            "ballot_kind": "knapsack",
            "max_projects": None,
            "counting_rule": "mes",
            "ballots": [
                (30, ["t-terceiro-turno", "t-farmacia", "t-vans"]),
                (14, ["t-terceiro-turno", "t-farmacia"]),
                (8, ["t-terceiro-turno", "t-caps"]),
                (24, ["t-caps", "t-centro-dia", "t-vans"]),
                (12, ["t-caps", "t-centro-dia"]),
                (8, ["t-farmacia", "t-vans", "t-caps"]),
                (4, ["t-centro-dia", "t-vans"]),
            ],
            "projects": [
                {
                    "key": "t-terceiro-turno",
                    "title": "Unidades de saúde abertas até as 22h em quatro bairros",
                    "description": (
                        "Preparar quatro unidades de saúde (Restinga, Partenon, Lomba do Pinheiro e Sarandi) para "
                        "atender até as 22h: iluminação, segurança, climatização e consultórios a mais, para quem "
                        "trabalha o dia todo e só pode consultar à noite."
                    ),
                    "cost": 1_400_000,
                    "benefits": (
                        "Trabalhadores que hoje perdem um dia de serviço para ir ao posto: cerca de 60 mil pessoas."
                    ),
                    "disruption": "Obras pequenas em cada unidade, sem fechar o atendimento.",
                    "schedule": "As quatro unidades em 8 meses.",
                    "place_name": "Quatro unidades de saúde",
                    "category": "Saúde",
                    "on_behalf_of": "Conselho Municipal de Saúde",
                    "day": -317,
                    "review": {
                        "cost_estimate": 1_600_000,
                        "note": (
                            "Viável. A adequação das quatro unidades custa R$ 1,6 milhão; as equipes do turno da "
                            "noite são pagas pela Secretaria da Saúde, fora do OP."
                        ),
                    },
                },
                {
                    "key": "t-farmacia",
                    "title": "Farmácia distrital com horário estendido na Restinga",
                    "description": (
                        "Uma farmácia pública na Restinga aberta das 7h às 22h, também aos sábados, para que os "
                        "moradores não precisem ir até o Centro buscar medicamentos controlados."
                    ),
                    "cost": 650_000,
                    "benefits": "Cerca de 100 mil moradores do extremo sul; menos viagens de duas horas de ônibus.",
                    "disruption": "Nenhuma: funciona num prédio municipal desocupado.",
                    "schedule": "Reforma e equipamento em 5 meses.",
                    "place_name": "Restinga",
                    "category": "Saúde",
                    "district": "Restinga",
                    "by": "carlos",
                    "day": -309,
                    "review": {"note": "Viável. A Secretaria da Saúde garante os farmacêuticos."},
                    "delivery": [
                        {
                            "day": -175,
                            "stage": "planning",
                            "progress": 15,
                            "milestone": "Prédio escolhido",
                            "body": (
                                "A farmácia vai funcionar num prédio municipal desocupado perto do terminal de ônibus "
                                "da Restinga, que será adaptado."
                            ),
                        },
                        {
                            "day": -85,
                            "stage": "under_way",
                            "progress": 60,
                            "milestone": "Reforma em andamento",
                            "body": (
                                "A reforma do prédio está na metade. Os farmacêuticos da nova farmácia já foram "
                                "escolhidos pela Secretaria da Saúde."
                            ),
                        },
                        {
                            "day": -5,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Inaugurada",
                            "body": (
                                "A farmácia distrital da Restinga está aberta das 7h às 22h, também aos sábados. Leve "
                                "a receita e um documento com foto."
                            ),
                        },
                    ],
                },
                {
                    "key": "t-caps",
                    "title": "Equipe de saúde mental itinerante nos bairros",
                    "description": (
                        "Duas vans adaptadas e equipamentos para que uma equipe do CAPS atenda uma vez por semana "
                        "nos centros comunitários das regiões mais distantes, onde as pessoas desistem do "
                        "tratamento por não conseguirem chegar ao CAPS."
                    ),
                    "cost": 900_000,
                    "benefits": "Pessoas com sofrimento mental e as suas famílias nas regiões periféricas.",
                    "disruption": "Nenhuma.",
                    "schedule": "Vans e equipamentos em 4 meses.",
                    "place_name": "Centros comunitários das regiões periféricas",
                    "category": "Saúde mental",
                    "by": "lucia",
                    "day": -311,
                    "review": {"note": "Viável. A equipe vem do CAPS existente, reforçada pela Secretaria da Saúde."},
                    "delivery": [
                        {
                            "day": -100,
                            "stage": "planning",
                            "progress": 25,
                            "milestone": "Vans compradas",
                            "body": "As duas vans foram compradas e estão sendo adaptadas para atendimento.",
                        },
                        {
                            "day": -15,
                            "stage": "under_way",
                            "progress": 75,
                            "milestone": "Primeiros atendimentos",
                            "body": (
                                "A equipe começou a atender às terças na Restinga e às quintas na Lomba do "
                                "Pinheiro. O Partenon entra no calendário no mês que vem."
                            ),
                        },
                    ],
                },
                {
                    "key": "t-vans",
                    "title": "Transporte adaptado para consultas e terapias",
                    "description": (
                        "Três vans com elevador para levar pessoas com deficiência e idosos acamados às consultas, "
                        "exames e terapias, com agendamento pelo telefone 156."
                    ),
                    "cost": 600_000,
                    "benefits": "Cerca de 1.500 pessoas com deficiência ou acamadas que hoje perdem consultas.",
                    "disruption": "Nenhuma.",
                    "schedule": "Compra e adaptação em 6 meses.",
                    "place_name": "Toda a cidade",
                    "category": "Assistência social",
                    "on_behalf_of": "Fórum das Pessoas com Deficiência de Porto Alegre",
                    "day": -303,
                    "review": {"note": "Viável."},
                    "delivery": [
                        {
                            "day": -125,
                            "stage": "under_way",
                            "progress": 50,
                            "milestone": "Vans entregues",
                            "body": "As três vans com elevador foram entregues e os motoristas estão em treinamento.",
                        },
                        {
                            "day": -40,
                            "stage": "delivered",
                            "progress": 100,
                            "milestone": "Serviço funcionando",
                            "body": (
                                "O transporte adaptado está funcionando. Agende pelo telefone 156 com até cinco dias "
                                "de antecedência da consulta."
                            ),
                        },
                    ],
                },
                {
                    "key": "t-centro-dia",
                    "title": "Centro-dia para idosos no Partenon",
                    "description": (
                        "Reformar um prédio municipal no Partenon para um centro-dia onde idosos passam o dia com "
                        "cuidadores, refeições e atividades, enquanto as famílias trabalham."
                    ),
                    "cost": 1_100_000,
                    "benefits": (
                        "40 idosos por dia e as suas famílias, sobretudo as filhas que deixam de trabalhar para cuidar."
                    ),
                    "disruption": "Obra de seis meses num prédio desocupado.",
                    "schedule": "Obra de 6 meses.",
                    "place_name": "Partenon",
                    "category": "Assistência social",
                    "district": "Partenon",
                    "on_behalf_of": "Conselho Municipal do Idoso",
                    "day": -299,
                    "review": {"note": "Viável. A Fundação de Assistência Social assume a gestão do centro-dia."},
                },
                {
                    "key": "t-pronto-atendimento",
                    "title": "Pronto-atendimento 24 horas na Lomba do Pinheiro",
                    "description": (
                        "Construir e equipar um pronto-atendimento aberto 24 horas na Lomba do Pinheiro, para que "
                        "os moradores não precisem ir até o Partenon ou o Centro numa emergência."
                    ),
                    "cost": 2_800_000,
                    "benefits": "Os cerca de 60 mil moradores da Lomba do Pinheiro.",
                    "disruption": "Obra de cerca de um ano.",
                    "schedule": "Cerca de 18 meses.",
                    "place_name": "Lomba do Pinheiro",
                    "category": "Saúde",
                    "district": "Lomba do Pinheiro",
                    "by": "jussara",
                    "day": -297,
                    "review": {
                        "feasible": False,
                        "note": (
                            "Não é viável pelo OP: um pronto-atendimento 24 horas precisa de equipes médicas "
                            "permanentes, que custam cerca de R$ 14 milhões por ano, e o OP financia "
                            "investimentos, não equipes. A Secretaria da Saúde incluiu o pedido no Plano "
                            "Municipal de Saúde e responde na assembleia temática."
                        ),
                    },
                },
            ],
        },
    ],
    # Suggested changes, made while proposals are open and decided by staff in public.
    "suggestions": [
        {
            "project": "p-praca",
            "author": "lucia",
            "body": (
                "Sugiro incluir brinquedos acessíveis (balanço para cadeira de rodas, gira-gira no nível do chão) e "
                "piso emborrachado. Na vila há pelo menos seis crianças com deficiência que hoje não têm onde "
                "brincar."
            ),
            "accept": True,
            "response": (
                "Aceita. Incluímos dois brinquedos acessíveis e piso emborrachado; o custo do projeto passa de "
                "R$ 260 mil para R$ 295 mil."
            ),
            "update": {
                "cost": 295_000,
                "description": (
                    "Transformar o terreno baldio da esquina da Rua Três com a Rua Cinco numa praça com brinquedos "
                    "(dois deles acessíveis a crianças em cadeira de rodas), piso emborrachado, bancos, árvores e "
                    "aparelhos de ginástica para adultos e idosos."
                ),
            },
            "day": -300,
            "decided": -262,
        },
        {
            "project": "c-banheiros",
            "author": "jussara",
            "body": "Incluir um fraldário nos dois módulos, não só no feminino: pai também troca fralda.",
            "accept": True,
            "response": (
                "Aceita. O projeto já previa um banheiro adaptado em cada módulo; incluímos o fraldário nos dois, "
                "sem mudar o custo."
            ),
            "day": -298,
            "decided": -260,
        },
        {
            "project": "r-pavimentacao",
            "author": "beatriz",
            "body": (
                "Em vez de asfalto, usar bloquete de concreto intertravado: deixa a água da chuva infiltrar e "
                "ajuda a evitar os alagamentos no pé do morro."
            ),
            "accept": False,
            "response": (
                "Recusada. As ruas do Núcleo Esperança têm declive forte e vão receber ônibus escolar; nessas "
                "condições o bloquete se solta em pouco tempo e custaria cerca de 35% a mais. Os alagamentos são "
                "resolvidos pela nova drenagem, que está no projeto."
            ),
            "day": -296,
            "decided": -258,
        },
        {
            "project": "c-ciclofaixa",
            "author": "gabinete",
            "body": "Fazer a ciclofaixa sobre a calçada, para não tirar as vagas de estacionamento da rua.",
            "accept": False,
            "response": (
                "Recusada. A calçada tem menos de 3 metros em vários trechos e é muito usada por pedestres; uma "
                "ciclofaixa sobre ela colocaria pedestres e ciclistas em conflito. A ciclofaixa fica na pista, no "
                "lugar de 40 vagas de estacionamento rotativo."
            ),
            "day": -288,
            "decided": -255,
        },
    ],
    # The demo people on the residents list: they verify online and vote online.
    "residents": {
        "carlos": "Restinga",
        "lucia": "Partenon",
        "jussara": "Lomba do Pinheiro",
        "beatriz": "Centro",
        "gabinete": "Centro",
    },
    "online_votes": {
        "carlos": {"restinga": ["r-pavimentacao", "r-creche", "r-iluminacao"], "saude": ["t-farmacia", "t-vans"]},
        "lucia": {"partenon": ["p-ubs", "p-praca", "p-encosta"], "saude": ["t-caps", "t-centro-dia", "t-vans"]},
        "jussara": {"lomba": ["l-esgoto", "l-abrigos", "l-feira"], "saude": ["t-terceiro-turno", "t-caps"]},
        "beatriz": {"centro": ["c-ciclofaixa", "c-calcadas", "c-banheiros"]},
        "gabinete": {"centro": ["c-restaurante", "c-banheiros"], "saude": ["t-caps", "t-vans", "t-farmacia"]},
    },
    # Besides proposers (who follow their own projects) and suggestion authors.
    "follows": {
        "carlos": ["r-creche", "r-horta", "t-caps"],
        "lucia": ["p-encosta", "t-terceiro-turno"],
        "jussara": ["l-esgoto", "t-terceiro-turno", "t-caps"],
        "beatriz": ["c-ciclofaixa", "c-calcadas"],
        "gabinete": ["t-caps", "c-restaurante"],
    },
    "counted": -221,
}


# ----------------------------------------------------------------------------------------------------
# The 2027 cycle: proposals open now
# ----------------------------------------------------------------------------------------------------

CYCLE_2027 = {
    "title": "Orçamento Participativo de Porto Alegre 2027",
    "summary": (
        "Estão abertas as propostas do OP 2027: proponha obras e serviços para a sua região, aqui ou na "
        "assembleia regional. A votação, só para moradores verificados, abre depois da análise técnica."
    ),
    "question": "O que a sua região precisa em 2027?",
    "description": (
        "O Orçamento Participativo de Porto Alegre, que existe desde 1989, começa um novo ciclo. Até o fim da "
        "fase de propostas, qualquer pessoa pode propor um projeto para as regiões Restinga, Partenon, Lomba do "
        "Pinheiro e Centro, aqui ou na assembleia da sua região. Diga o que quer fazer, onde, quanto acha que "
        "custa, quem ganha com isso e que transtornos a obra pode causar: a equipe técnica da Prefeitura "
        "analisa cada proposta, estima o custo e publica a resposta.\n\n"
        "Depois vem a votação, só para os moradores verificados de cada região, contada pelo Método das "
        "Parcelas Iguais, como no OP 2026. Veja no OP 2026 o que foi escolhido e como andam as obras."
    ),
    "target_community": "Moradores de Porto Alegre a partir de 16 anos, nas regiões Restinga, Partenon, Lomba do "
    "Pinheiro e Centro.",
    "phases": [
        {
            "title": "Assembleias e propostas",
            "description": (
                "Proponha projetos para a sua região, aqui ou na assembleia regional, e sugira mudanças nos "
                "projetos dos outros."
            ),
            "start": -12,
            "end": 33,
            "activities": ["propose_project", "suggest_change"],
        },
        {
            "title": "Análise técnica e custos",
            "description": "As secretarias verificam se cada projeto é viável e estimam o seu custo.",
            "start": 33,
            "end": 68,
            "activities": ["suggest_change"],
        },
        {
            "title": "Votação",
            "description": "Moradores verificados votam pela internet, com cédula de papel ou com o código de votação.",
            "start": 68,
            "end": 82,
            "activities": ["vote"],
        },
        {
            "title": "Resultados e execução",
            "description": "Os resultados são publicados e a Prefeitura informa aqui o andamento das obras.",
            "start": 82,
            "end": 450,
            "activities": [],
        },
    ],
    "budgets": [
        {
            "key": "restinga",
            "title": "Região Restinga",
            "amount": 2_100_000,
            "voters_district": "Restinga",
            "where": "da Restinga",
        },
        {
            "key": "partenon",
            "title": "Região Partenon",
            "amount": 1_600_000,
            "voters_district": "Partenon",
            "where": "do Partenon",
        },
        {
            "key": "lomba",
            "title": "Região Lomba do Pinheiro",
            "amount": 1_700_000,
            "voters_district": "Lomba do Pinheiro",
            "where": "da Lomba do Pinheiro",
        },
        {
            "key": "centro",
            "title": "Região Centro",
            "amount": 1_250_000,
            "voters_district": "Centro",
            "where": "do Centro",
        },
    ],
    "projects": [
        {
            "key": "27-ciclovia-restinga",
            "budget": "restinga",
            "title": "Ciclovia ligando a Restinga Velha à Restinga Nova",
            "description": (
                "Uma ciclovia de 2,5 km ao lado da avenida principal, ligando a Restinga Velha à Restinga Nova, com "
                "bicicletários no terminal de ônibus e na escola técnica."
            ),
            "cost": 900_000,
            "benefits": (
                "Estudantes da escola técnica e trabalhadores que já vão de bicicleta pela avenida, sem proteção."
            ),
            "disruption": "Obra no canteiro da avenida por cerca de três meses.",
            "schedule": "Cerca de 4 meses.",
            "place_name": "Avenida principal da Restinga",
            "category": "Mobilidade",
            "by": "carlos",
            "day": -6,
        },
        {
            "key": "27-posto-lomba",
            "budget": "lomba",
            "title": "Calçamento e iluminação do caminho até a escola da Vila Recanto",
            "description": (
                "Calçada com iluminação no caminho de 800 metros entre a Vila Recanto da Lomba e a escola, que "
                "as crianças fazem a pé pela beira da estrada."
            ),
            "cost": 380_000,
            "benefits": "As cerca de 200 crianças da vila que vão a pé para a escola, e as suas famílias.",
            "disruption": "Trânsito em meia pista na estrada durante um mês.",
            "schedule": "Obra de 2 meses.",
            "place_name": "Vila Recanto da Lomba",
            "category": "Mobilidade",
            "by": "jussara",
            "day": -4,
        },
        {
            "key": "27-partenon-cozinha",
            "budget": "partenon",
            "title": "Cozinha comunitária no Morro da Cruz",
            "description": (
                "Equipar a cozinha do salão comunitário do Morro da Cruz para servir almoço a famílias em "
                "insegurança alimentar e oferecer cursos de culinária."
            ),
            "cost": 140_000,
            "benefits": "Cerca de 120 famílias do morro que passam necessidade, sobretudo no fim do mês.",
            "disruption": "Nenhuma.",
            "schedule": "Pronta em 2 meses.",
            "place_name": "Salão comunitário do Morro da Cruz",
            "category": "Segurança alimentar",
            "on_behalf_of": "Associação de Moradores do Morro da Cruz",
            "event_name": "Plenária de abertura do OP 2027 no Partenon",
            "day": -3,
        },
    ],
    "suggestions": [
        {
            "project": "27-ciclovia-restinga",
            "author": "beatriz",
            "body": (
                "Sugiro separar a ciclovia da calçada com uma faixa de grama e prever travessias elevadas nos "
                "cruzamentos com mais movimento."
            ),
            "day": -2,
        },
    ],
}


# ----------------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------------


def load(people: dict, organisations: dict) -> None:
    staff, poa = people["claudia"], organisations["poa"]
    _cycle_2026(staff, poa, people)
    _cycle_2027(staff, poa, people)


def _days(days: float, hour: int = 10) -> datetime:
    """A moment `days` from now, during working hours."""
    moment = timezone.now() + timedelta(days=days)
    return moment.replace(hour=hour, minute=(hour * 7) % 60, second=0, microsecond=0)


def _space(spec: dict, staff, poa, *, shift: int) -> Space:
    """The space, with its phases placed `shift` days later than in the spec."""
    space = spaces.space_create(
        person=staff,
        organisations=[poa],
        title=spec["title"],
        kind="budget",
        summary=spec["summary"],
        question=spec["question"],
        description=spec["description"],
        target_community=spec["target_community"],
        content_language="pt-br",
        residency_required_for=["vote"],
        residency_area="Porto Alegre",
    )
    now = timezone.now()
    for phase in spec["phases"]:
        spaces.phase_create(
            person=staff,
            space=space,
            title=phase["title"],
            description=phase["description"],
            starts_at=now + timedelta(days=phase["start"] + shift),
            ends_at=now + timedelta(days=phase["end"] + shift),
            activities=phase["activities"],
        )
    return Space.objects.get(pk=space.pk)


def _move_phases(space: Space, spec: dict, *, shift: int) -> Space:
    """Put the phases `shift` days later than in the spec. Done directly, as a change of dates
    through the services would be logged as if staff had made it; the space's settings version
    is bumped like the services do, so that permissions see the new dates."""
    now = timezone.now()
    for phase, phase_spec in zip(Phase.objects.filter(space=space).order_by("pk"), spec["phases"], strict=True):
        Phase.objects.filter(pk=phase.pk).update(
            starts_at=now + timedelta(days=phase_spec["start"] + shift),
            ends_at=now + timedelta(days=phase_spec["end"] + shift),
        )
    Space.objects.filter(pk=space.pk).update(settings_version=F("settings_version") + 1, version=F("version") + 1)
    return Space.objects.get(pk=space.pk)


def _fresh(budgets_by_key: dict) -> dict:
    """The budgets again, with their space as it is now (its phases are read by version)."""
    return {key: Budget.objects.select_related("space").get(pk=b.pk) for key, b in budgets_by_key.items()}


def _residents(space: Space, staff, people: dict, spec: dict, rng: random.Random) -> dict:
    """Upload the residents list (reference, CEP, district, age group), as staff would from the
    city's records, and verify the demo people who live in the four districts, as they would
    from the letter they received. Returns the entries not claimed by anyone, by district."""
    lines = ["reference,postcode,district,age"]
    references = rng.sample(range(10_000_000, 100_000_000), sum(n for _cep, n in DISTRICTS.values()))
    details = {}
    n = 0
    for district, (cep, count) in DISTRICTS.items():
        for _i in range(count):
            reference, postcode = str(references[n]), f"{cep}-{rng.randrange(0, 1000):03d}"
            age = rng.choices(list(AGE_GROUPS), weights=list(AGE_GROUPS.values()))[0]
            lines.append(f"{reference},{postcode},{district},{age}")
            details.setdefault(district, []).append((reference, postcode))
            n += 1
    spaces.residents_upload(person=staff, space=space, csv_file=io.StringIO("\n".join(lines) + "\n"))
    claimed = set()
    for key, district in spec["residents"].items():
        reference, postcode = next(d for d in details[district] if d[0] not in claimed)
        spaces.residency_verify(person=people[key], space=space, reference=reference, postcode=postcode)
        claimed.add(reference)
    return {district: [ref for ref, _pc in rows if ref not in claimed] for district, rows in details.items()}


def _project_fields(spec: dict, district: str) -> dict:
    fields = {
        name: spec[name]
        for name in ("title", "description", "cost", "benefits", "disruption", "schedule", "place_name", "category")
    }
    fields["district"] = spec.get("district", district)
    return fields


def _propose(spec: dict, budget: Budget, staff, people: dict, district: str) -> Project:
    fields = _project_fields(spec, district)
    if spec.get("by"):
        return budgets.project_propose(person=people[spec["by"]], budget=budget, **fields)
    return budgets.project_propose(
        person=staff,
        budget=budget,
        on_behalf_of=spec["on_behalf_of"],
        event_name=spec.get("event_name") or ASSEMBLY[district or "Temática"],
        **fields,
    )


def entered_ballots(budget_spec: dict) -> list[list[str]]:
    """The ballots staff enter in one budget, as lists of project keys, in a shuffled order (the
    same at every load)."""
    ballots = [list(chosen) for n, chosen in budget_spec["ballots"] for _copy in range(n)]
    random.Random(f"{SEED}:{budget_spec['key']}").shuffle(ballots)
    return ballots


def _vote(spec: dict, by_key: dict, projects: dict, unclaimed: dict, staff, people) -> None:
    """The online ballots of the demo people, then the ballots entered by staff: a quarter with
    the voting codes handed out at the community centres, the rest on paper at the assemblies."""
    for key, votes in spec["online_votes"].items():
        for budget_key, chosen in votes.items():
            budgets.ballot_cast(
                person=people[key], budget=by_key[budget_key], choices=[(projects[k].pk, 1) for k in chosen]
            )
    everyone = [ref for refs in unclaimed.values() for ref in refs]
    for budget_spec in spec["budgets"]:
        budget = by_key[budget_spec["key"]]
        codes = {resident.reference: code for resident, code in budgets.voting_codes_issue(person=staff, budget=budget)}
        eligible = unclaimed[budget.voters_district] if budget.voters_district else everyone
        ballots = entered_ballots(budget_spec)
        voters = random.Random(f"{SEED}:{budget_spec['key']}:voters").sample(eligible, len(ballots))
        for n, (reference, chosen) in enumerate(zip(voters, ballots, strict=True)):
            choices = [(projects[key].pk, 1) for key in chosen]
            if n % 4 == 0:
                budgets.ballot_enter(person=staff, budget=budget, choices=choices, code=codes[reference])
            else:
                budgets.ballot_enter(person=staff, budget=budget, choices=choices, reference=reference)


def _cycle_2026(staff, poa, people: dict) -> None:
    spec = CYCLE_2026
    rng = random.Random(SEED)
    phases = spec["phases"]
    # 1. Proposals: the first phase is open.
    space = _space(spec, staff, poa, shift=-phases[0]["start"] - 1)
    unclaimed = _residents(space, staff, people, spec, rng)
    by_key = {}
    for position, budget_spec in enumerate(spec["budgets"]):
        by_key[budget_spec["key"]] = budgets.budget_create(
            person=staff,
            space=space,
            title=budget_spec["title"],
            description=budget_spec["description"],
            amount=budget_spec["amount"],
            currency="BRL",
            voters_district=budget_spec["voters_district"],
            ballot_kind=budget_spec["ballot_kind"],
            max_projects=budget_spec["max_projects"],
            counting_rule=budget_spec["counting_rule"],
            position=position,
        )
    by_key = _fresh(by_key)
    projects, project_specs = {}, {}
    for budget_spec in spec["budgets"]:
        for project_spec in sorted(budget_spec["projects"], key=lambda p: p["day"]):
            budget = by_key[budget_spec["key"]]
            projects[project_spec["key"]] = _propose(project_spec, budget, staff, people, budget.voters_district)
            project_specs[project_spec["key"]] = project_spec
    # 2. Suggested changes and the technical review.
    suggestions = []
    for item in spec["suggestions"]:
        project = projects[item["project"]]
        suggestion = budgets.suggestion_create(person=people[item["author"]], project=project, body=item["body"])
        budgets.suggestion_decide(person=staff, suggestion=suggestion, accept=item["accept"], response=item["response"])
        if item.get("update"):
            budgets.project_update(person=staff, project=project, **item["update"])
        suggestions.append((suggestion, item))
    for key, project in projects.items():
        review = project_specs[key]["review"]
        projects[key] = budgets.project_review(
            person=staff,
            project=project,
            feasible=review.get("feasible", True),
            note=review["note"],
            cost_estimate=review.get("cost_estimate"),
        )
    for person_key, keys in spec["follows"].items():
        for key in keys:
            budgets.project_follow(person=people[person_key], project=projects[key])
    # 3. The vote: its phase is open.
    vote_phase = phases[spec["vote_phase"]]
    _move_phases(space, spec, shift=-vote_phase["start"] - 1)
    by_key = _fresh(by_key)
    _vote(spec, by_key, projects, unclaimed, staff, people)
    # 4. The vote has closed: count every budget, then tell how the funded projects are going.
    space = _move_phases(space, spec, shift=0)
    by_key = _fresh(by_key)
    for budget in by_key.values():
        budgets.budget_count(person=staff, budget=budget)
    updates = []
    for key, project in projects.items():
        project.refresh_from_db(fields=["status"])
        if project.status != ProjectStatus.FUNDED:
            continue
        for item in project_specs[key].get("delivery") or [_FIRST_UPDATE]:
            update = budgets.delivery_update_post(
                person=staff,
                project=project,
                stage=item["stage"],
                progress=item["progress"],
                milestone=item["milestone"],
                body=item["body"],
            )
            updates.append((update, item["day"]))
    _backdate_2026(space, spec, by_key, projects, project_specs, suggestions, updates)


# A funded project without its own updates in the spec gets this one.
_FIRST_UPDATE = {
    "day": -180,
    "stage": "planning",
    "progress": 5,
    "milestone": "Projeto em elaboração",
    "body": "A equipe técnica da Prefeitura está preparando o projeto executivo e o edital de licitação.",
}


def _backdate_2026(space, spec, by_key, projects, project_specs, suggestions, updates) -> None:
    """Give what was created in one go the dates it would have had over the cycle."""
    phases = spec["phases"]
    Space.objects.filter(pk=space.pk).update(created_at=_days(phases[0]["start"] - 15))
    vote_start, vote_end = phases[spec["vote_phase"]]["start"], phases[spec["vote_phase"]]["end"]
    counted = _days(spec["counted"], hour=16)
    Budget.objects.filter(space=space).update(
        created_at=_days(phases[0]["start"] - 10),
        rules_frozen_at=_days(vote_start, hour=9),
        counted_at=counted,
        results_published_at=counted,
    )
    for key, project in projects.items():
        day = project_specs[key]["day"]
        Project.objects.filter(pk=project.pk).update(
            created_at=_days(day, hour=9 + project.pk % 10),
            reviewed_at=_days(phases[1]["start"] + 3 + project.pk % 25, hour=14),
        )
    for suggestion, item in suggestions:
        ChangeSuggestion.objects.filter(pk=suggestion.pk).update(
            created_at=_days(item["day"], hour=20), decided_at=_days(item["decided"], hour=11)
        )
    for update, day in updates:
        DeliveryUpdate.objects.filter(pk=update.pk).update(created_at=_days(day, hour=15))
    # The ballots over the days of the vote.
    days = vote_end - vote_start
    for budget in by_key.values():
        records = list(VoterRecord.objects.filter(budget=budget).order_by("pk").values_list("pk", flat=True))
        for day in range(days):
            chunk = records[day * len(records) // days : (day + 1) * len(records) // days]
            VoterRecord.objects.filter(pk__in=chunk).update(created_at=_days(vote_start + day, hour=11 + day % 8))
        VotingCode.objects.filter(budget=budget).update(issued_at=_days(vote_start - 5))
        VotingCode.objects.filter(budget=budget, used_at__isnull=False).update(used_at=_days(vote_start + 6, hour=19))


def _cycle_2027(staff, poa, people: dict) -> None:
    spec = CYCLE_2027
    space = _space(spec, staff, poa, shift=0)
    by_key = {}
    for position, budget_spec in enumerate(spec["budgets"]):
        by_key[budget_spec["key"]] = budgets.budget_create(
            person=staff,
            space=space,
            title=budget_spec["title"],
            description=(
                f"Investimentos escolhidos pelos moradores {budget_spec['where']}. Vote em até três projetos; só "
                "moradores da região votam."
            ),
            amount=budget_spec["amount"],
            currency="BRL",
            voters_district=budget_spec["voters_district"],
            ballot_kind="approval",
            max_projects=3,
            counting_rule="mes-add1",
            position=position,
        )
    by_key = _fresh(by_key)
    projects = {}
    for item in spec["projects"]:
        budget = by_key[item["budget"]]
        projects[item["key"]] = project = _propose(item, budget, staff, people, budget.voters_district)
        Project.objects.filter(pk=project.pk).update(created_at=_days(item["day"], hour=19))
    for item in spec["suggestions"]:
        suggestion = budgets.suggestion_create(
            person=people[item["author"]], project=projects[item["project"]], body=item["body"]
        )
        ChangeSuggestion.objects.filter(pk=suggestion.pk).update(created_at=_days(item["day"], hour=21))
    Space.objects.filter(pk=space.pk).update(created_at=_days(spec["phases"][0]["start"] - 3))
