"""What happened in the demo's two challenges after the ideas: the data only (the loader is
`cocreate.demo.challenges`). Days are counted from the day the demo is loaded (negative: in
the past); times are local to the event's time zone.

- “Transformed by You” (Kent): a workshop develops the ideas, teams form at an innovation camp
  and build three prototypes, people test them at Margate library and online, judges score the
  entries (one judge declares a conflict), prizes and certificates, then support agreed with each
  team, and check-ins at 3 and 6 months: one prototype is in a pilot, one is tested and looking
  for money, one was adopted by another council. The ideas board stays open for next year's
  workshop, which people can register for now.
- “O Governador Pergunta: saúde pública” (Rio Grande do Sul): the proposals are condensed into
  proposals-síntese by sub-theme, voted on, and the authors of the originals inside the top ones
  are invited to a co-design workshop (soon).
"""


# ----------------------------------------------------------------------------------------------------
# Transformed by You: its events (the timeline is the space's phases in `content`)
# ----------------------------------------------------------------------------------------------------

TBY_EVENTS = [
    {
        "key": "workshop",
        "kind": "workshop",
        "title": "Workshop: develop the ideas",
        "description": (
            "Bring an idea, yours or someone else's, and spend a day making it real with the people who would "
            "use it and the people who would run it. Lunch is provided."
        ),
        "day": -260,
        "start": "10:00",
        "end": "16:00",
        "place": "Maidstone Museum",
        "address": "St Faith's Street, Maidstone ME14 1LH",
        "capacity": 40,
        "registrations": [
            ("gemma", ""),
            ("amir", ""),
            ("chloe", ""),
            ("kwame", "I'm vegetarian."),
            ("linda", "Step-free access, please: I use a wheelchair."),
            ("fiona", ""),
            ("mark", "A hearing loop if there is one."),
            ("ellie", ""),
            ("citizen", ""),
        ],
        "attended": ["gemma", "amir", "chloe", "kwame", "linda", "fiona", "mark", "ellie"],
        "walk_ins": ["margaret"],
        "notes": [
            {
                "title": "Table 1: getting to appointments",
                "body": (
                    "Gemma's volunteer drivers already do 60 journeys a month in Thanet, booked by phone on three "
                    "different numbers. People ring the wrong one, and drivers don't know who else is going the "
                    "same way. Idea for the camp: one number and one shared diary, so a coordinator can fill a "
                    "car. Linda: carers need to book for someone else, and to know the driver's name in advance."
                ),
                "contributors": ["gemma", "linda", "amir"],
            },
            {
                "title": "Table 2: bus times at rural stops",
                "body": (
                    "Mark's and Linda's ideas are the same need: people at village stops without a smartphone. "
                    "Chloe's company makes low-power e-ink displays; a text-message service costs less per stop "
                    "and works today. Plan: try both at the camp, test at the Margate library afternoon."
                ),
                "contributors": ["mark", "chloe", "linda"],
            },
            {
                "title": "Table 3: warm spaces",
                "body": (
                    "Six different lists of warm spaces exist, none complete. Kwame and Ellie will build one map "
                    "that venues update themselves, with opening hours and what's on offer (food, Wi-Fi, "
                    "activities). Fiona offers to evaluate it with her students."
                ),
                "contributors": ["kwame", "ellie", "fiona", "margaret"],
            },
        ],
        "captured_ideas": [
            {
                "author": "margaret",
                "title": "A printed weekly timetable of warm spaces at every library desk",
                "body": (
                    "Margaret doesn't use the internet. A printed sheet at the library desk, updated every "
                    "Monday from the same map, would reach people like her."
                ),
            },
        ],
    },
    {
        "key": "camp",
        "kind": "camp",
        "title": "Innovation camp",
        "description": (
            "Two days to turn the ideas developed at the workshop into working prototypes, in mixed teams of "
            "developers, designers, service staff and idea authors. Mentors from the council and the university "
            "are on hand."
        ),
        "day": -240,
        "start": "09:30",
        "end": "17:30",
        "days_long": 2,
        "place": "The Beaney House of Art and Knowledge",
        "address": "18 High Street, Canterbury CT1 2RA",
        "capacity": 30,
        "registrations": [
            ("gemma", ""),
            ("amir", ""),
            ("chloe", ""),
            ("kwame", ""),
            ("linda", "Step-free access, please."),
            ("fiona", ""),
            ("mark", ""),
            ("ellie", ""),
        ],
        "attended": ["gemma", "amir", "chloe", "kwame", "linda", "fiona", "mark", "ellie"],
        "walk_ins": [],
        "notes": [],
        "captured_ideas": [],
    },
    {
        "key": "testing",
        "kind": "testing",
        "title": "Try the prototypes: testing afternoon at Margate library",
        "description": (
            "Three prototypes made at the innovation camp, ready to be tried. Come for half an hour, try one or "
            "all three, and tell the teams what works and what doesn't. Tea and cake."
        ),
        "day": -225,
        "start": "13:00",
        "end": "17:00",
        "place": "Margate Library",
        "address": "Thanet Gateway Plus, Cecil Street, Margate CT9 1RE",
        "capacity": 60,
        "registrations": [("citizen", ""), ("sanjay", ""), ("moderator", "")],
        "attended": ["citizen", "sanjay", "moderator"],
        "walk_ins": ["margaret", "derek"],
        "notes": [],
        "captured_ideas": [],
    },
    {
        "key": "next-workshop",
        "kind": "workshop",
        "title": "Workshop 2027: develop this year's ideas",
        "description": (
            "This year's ideas workshop: bring your idea, or come and help develop someone else's. Places are "
            "limited; if the workshop is full, join the waiting list and we'll tell you when a place frees up."
        ),
        "day": 45,
        "start": "10:00",
        "end": "16:00",
        "place": "Maidstone Museum",
        "address": "St Faith's Street, Maidstone ME14 1LH",
        "capacity": 3,
        "registrations": [("gemma", ""), ("kwame", ""), ("mark", "A hearing loop if there is one.")],
        "waiting": ["ellie"],
        "attended": [],
        "walk_ins": [],
        "notes": [],
        "captured_ideas": [],
    },
]

# ----------------------------------------------------------------------------------------------------
# Teams, prototypes, tests
# ----------------------------------------------------------------------------------------------------

TBY_TEAMS = [
    {
        "key": "liftshare",
        "name": "Lift Share Kent",
        "pitch": (
            "One number and one shared diary for Thanet's volunteer drivers, so that nobody misses a GP or "
            "hospital appointment for want of a lift, and a coordinator can fill each car."
        ),
        "skills_wanted": ["UX design", "volunteer coordination"],
        "ideas": ["gp-car-scheme"],
        "members": [
            ("gemma", "lead", "runs the volunteer drivers"),
            ("amir", "member", "Python and Django"),
            ("linda", "member", "knows what carers need"),
        ],
        "mentors": ["fiona"],
    },
    {
        "key": "stoptimes",
        "name": "Stop Times",
        "pitch": "Live bus times at village stops, for people without a smartphone: by text message, and on "
        "a small solar e-ink display where there is no mobile signal.",
        "skills_wanted": ["timetabling", "embedded systems"],
        "ideas": ["rural-bus-times"],
        "members": [("chloe", "lead", "e-ink displays and product"), ("mark", "member", "knows the rural routes")],
        "mentors": [],
    },
    {
        "key": "warmwelcome",
        "name": "Warm Welcome",
        "pitch": "One map of warm spaces that the venues keep up to date themselves, with opening hours and "
        "what's on offer, printed weekly for library desks.",
        "skills_wanted": ["graphic design", "OpenStreetMap"],
        "ideas": ["warm-spaces-map", "digital-cafes"],
        "members": [("kwame", "lead", "runs a community café"), ("ellie", "member", "design and social media")],
        "mentors": [],
    },
]

# A team's prototype: its stage path (gate decisions, days), versions and test session.
TBY_PROTOTYPES = [
    {
        "team": "liftshare",
        "title": "Ring for a Ride",
        "summary": (
            "One local number and a simple web diary for volunteer driving schemes. A caller (or a carer, for "
            "someone else) books a lift to an appointment; the coordinator sees every booking on one screen, "
            "groups people going the same way, and the driver gets the passenger's name and pick-up time by text."
        ),
        "versions": [
            {
                "day": -238,
                "notes": "Built at the innovation camp: booking by phone (coordinator's screen) "
                "and a text to the driver.",
                "link": "https://example.org/ring-for-a-ride/v1",
            },
            {
                "day": -212,
                "notes": "After testing: carers can book for someone else; bigger text; the "
                "driver's name is sent the day before.",
                "link": "https://example.org/ring-for-a-ride/v2",
            },
        ],
        "gates": [
            ("prototype", -238, "organiser", "A working prototype shown at the end of the innovation camp."),
            (
                "tested",
                -210,
                "organiser",
                "Tested by 7 people at Margate library and online: 6 of 7 managed to "
                "book a lift, ease 4.1 out of 5, 6 would use it. Carers asked to book for someone else: done in "
                "version 2.",
            ),
            (
                "pilot",
                -150,
                "organiser",
                "A six-month pilot with Thanet Good Neighbours and the county's "
                "transport team, funded by Kent Community Foundation: 42 journeys booked in the first month.",
            ),
        ],
        "test": {
            "title": "Book a lift to a GP appointment",
            "instructions": "Imagine you need a lift to the surgery next Tuesday at 10:30.",
            "tasks": ["Book a lift for yourself", "Book a lift for someone you care for", "Cancel a booking"],
            "event": "testing",
            "feedback": [
                ("citizen", [True, True, True], 5, "yes", "Quicker than ringing round the drivers."),
                ("sanjay", [True, False, True], 4, "yes", "Booking for someone else wasn't obvious."),
                ("moderator", [True, True, False], 4, "maybe", "I couldn't find how to cancel."),
                ("margaret", [True, True, True], 4, "yes", "I'd rather ring, and I can: that's the point."),
                ("derek", [True, False, True], 3, "yes", "Make the text bigger please."),
                ("ellie", [False, False, True], 4, "no", "I gave up on booking for my nan."),
                ("chloe", [True, True, True], 5, "yes", "Lovely and simple."),
            ],
        },
    },
    {
        "team": "stoptimes",
        "title": "Stop Times: live bus times by text and on a solar display",
        "summary": (
            "Text the code on the stop's sign to get the next three buses, live. Where there is no signal, a "
            "small solar e-ink display at the stop shows the same times."
        ),
        "versions": [
            {
                "day": -238,
                "notes": "Text service for 12 stops on route 8 and a display on the bench.",
                "link": "https://example.org/stop-times/v1",
            },
        ],
        "gates": [
            ("prototype", -238, "organiser", "Working text service and one display, shown at the camp."),
            (
                "tested",
                -209,
                "organiser",
                "Tested by 6 people: 5 of 6 got the next bus by text at the first "
                "try; the display was readable in sunlight. Needs funding for displays before a pilot.",
            ),
        ],
        "test": {
            "title": "Find the next bus from your stop",
            "instructions": "Use the sign of the stop outside the library (code 8-MAR-12).",
            "tasks": ["Get the next bus by text", "Read the times on the display"],
            "event": "testing",
            "feedback": [
                ("citizen", [True, True], 4, "yes", ""),
                ("margaret", [True, True], 5, "yes", "My son could text for me, and so can I now."),
                ("derek", [True, True], 4, "yes", "Would the display work at night?"),
                ("sanjay", [True, True], 5, "yes", ""),
                ("moderator", [False, True], 3, "maybe", "The code on the sign was too small."),
                ("gemma", [True, True], 4, "yes", "Our drivers would use this too."),
            ],
        },
    },
    {
        "team": "warmwelcome",
        "title": "Warm Welcome map",
        "summary": (
            "A map of warm spaces that the venues update themselves (opening hours, food, Wi-Fi, what's on), "
            "with a printed weekly timetable for library desks."
        ),
        "versions": [
            {
                "day": -238,
                "notes": "The map with 40 venues from the six existing lists, and a printable weekly sheet.",
                "link": "https://example.org/warm-welcome/v1",
            },
        ],
        "gates": [
            ("prototype", -238, "organiser", "Map and printable sheet shown at the camp."),
            ("tested", -208, "organiser", "Tested by 5 people; venues updated their own entry in under five minutes."),
            (
                "adopted_elsewhere",
                -60,
                "organiser",
                "Medway Council adopted the map for its own warm spaces "
                "this winter, with the team's help; Kent's libraries print the weekly sheet.",
            ),
        ],
        "test": {
            "title": "Find a warm space open this afternoon",
            "instructions": "Find somewhere warm near Margate that is open this afternoon and has Wi-Fi.",
            "tasks": ["Find a place open now", "Filter by Wi-Fi", "Print the week's timetable"],
            "event": "testing",
            "feedback": [
                ("citizen", [True, True, True], 5, "yes", ""),
                ("margaret", [True, False, True], 3, "maybe", "The printed sheet is what I'd use."),
                ("moderator", [True, True, True], 4, "yes", ""),
                ("sanjay", [True, True, False], 4, "yes", "Printing didn't fit on one page."),
                ("derek", [True, True, True], 4, "yes", ""),
            ],
        },
    },
]

# ----------------------------------------------------------------------------------------------------
# Judging
# ----------------------------------------------------------------------------------------------------

TBY_RUBRIC = {
    "title": "Transformed by You 2026: judges' rubric",
    "guidance": (
        "Score each entry on each criterion from 1 to 5, using the descriptions. Declare any conflict of "
        "interest before you start: you won't be asked to score an entry you are involved with."
    ),
    "min_scores_to_normalise": 3,
    "shortlist_size": 2,
    "criteria": [
        (
            "Need",
            3,
            "Is there evidence that people need it?",
            [
                "No evidence anyone needs it",
                "A plausible need, not yet checked",
                "Some evidence from users",
                "Clear evidence from the people who would use it",
                "Strong evidence, from testing with users",
            ],
        ),
        (
            "Tested with users",
            2,
            "Did the team learn from testing, and change the prototype?",
            [
                "Not tested",
                "Tested with a few people",
                "Tested; some changes",
                "Tested; clear changes",
                "Tested widely; changed and tested again",
            ],
        ),
        (
            "Can be run",
            2,
            "Could a public service or a partner run it for real?",
            [
                "Nobody could run it",
                "Unclear who would run it",
                "Someone might run it",
                "A partner is willing to run it",
                "A partner has agreed to run a pilot",
            ],
        ),
        (
            "Value for money",
            1,
            "Is the cost reasonable for what it does?",
            ["Very costly for little benefit", "Costly", "Reasonable", "Good value", "Excellent value"],
        ),
    ],
    "judges": ["helen", "ruth", "sanjay", "fiona"],
    # fiona mentored Lift Share Kent: she declares it and does not score it.
    "conflicts": [("fiona", "liftshare", "I mentored this team at the innovation camp.")],
    "scores": {  # judge: {team: [Need, Tested, Can be run, Value]}
        "helen": {"liftshare": [5, 5, 4, 4], "stoptimes": [4, 3, 3, 3], "warmwelcome": [4, 4, 4, 5]},
        "ruth": {"liftshare": [4, 4, 5, 4], "stoptimes": [4, 3, 2, 3], "warmwelcome": [3, 3, 4, 4]},
        "sanjay": {"liftshare": [5, 4, 4, 3], "stoptimes": [5, 4, 3, 2], "warmwelcome": [3, 4, 3, 4]},
        "fiona": {"stoptimes": [3, 3, 3, 3], "warmwelcome": [4, 4, 3, 4]},
    },
    "reasons": {
        "liftshare": "Strong evidence of need from the volunteer drivers' own records, tested and changed, and a "
        "partner ready to run a pilot.",
        "stoptimes": "A real need in rural Kent and a promising test; the displays need funding before anyone "
        "can run a pilot.",
        "warmwelcome": "Cheap and useful, and venues can keep it up to date themselves.",
    },
    "results_note": "Three strong entries. The judges thank every team and everyone who tested the prototypes.",
}

TBY_PRIZES = [
    {
        "title": "Transformed by You award",
        "amount": "5000.00",
        "team": "liftshare",
        "reason": "The judges' first choice: a pilot partner ready, and evidence from testing.",
        "shares": [("gemma", "paid"), ("amir", "paid"), ("linda", "paid")],
    },
    {
        "title": "Runner-up",
        "amount": "2000.00",
        "team": "warmwelcome",
        "reason": "Second in the judges' ranking.",
        "shares": [("kwame", "paid"), ("ellie", "due")],
    },
]

TBY_RECOGNITIONS = [
    (
        "certificate",
        "amir",
        None,
        "liftshare",
        "Built the booking diary and text messages of Ring for a Ride at "
        "the Transformed by You innovation camp, and version 2 after testing with carers.",
    ),
    (
        "certificate",
        "ellie",
        None,
        "warmwelcome",
        "Designed the Warm Welcome map and its printed weekly sheet, "
        "now used by Kent's libraries and adopted by Medway Council.",
    ),
    (
        "public_credit",
        None,
        "goodneighbours",
        "liftshare",
        "Thanet Good Neighbours' volunteer drivers shaped Ring for a Ride and now run its pilot.",
    ),
    (
        "public_credit",
        None,
        "carers",
        "liftshare",
        "Carers Together Kent made sure carers can book lifts for the people they look after.",
    ),
]

# ----------------------------------------------------------------------------------------------------
# Support after the competition
# ----------------------------------------------------------------------------------------------------

TBY_SUPPORT_KINDS = [
    (
        "kentfoundation",
        "ruth",
        "Help setting up a social enterprise",
        "Legal and governance advice for teams becoming a charity or community interest company.",
    )
]

TBY_OFFERS = [
    {
        "key": "pilot",
        "kind": "pilot_site",
        "by": "organiser",
        "organisation": "kcc",
        "capacity": 2,
        "description": "A six-month pilot with one of the county's services (transport, libraries or adult social "
        "care), with a named contact in the service.",
    },
    {
        "key": "grants",
        "kind": "funding",
        "by": "ruth",
        "organisation": "kentfoundation",
        "capacity": 3,
        "description": "Seed grants of up to £10,000 for community-led projects, decided within six weeks.",
    },
    {
        "key": "evaluation",
        "kind": "mentoring",
        "by": "fiona",
        "organisation": "unikent",
        "capacity": None,
        "description": "An evaluation plan and a student researcher for a term, from the School of Social Policy.",
    },
    {
        "key": "publicity",
        "kind": "publicity",
        "by": "organiser",
        "organisation": "kcc",
        "capacity": None,
        "description": (
            "A feature in the county's residents' newsletter and on the Kent Connects partners' social media."
        ),
    },
]

# (team, kind, description, matches: [(offer, final status)])
TBY_NEEDS = [
    (
        "liftshare",
        "pilot_site",
        "A pilot in Thanet with the county's transport team, to book real journeys.",
        [("pilot", "delivered")],
    ),
    ("liftshare", "funding", "£6,000 for a coordinator's hours during the pilot.", [("grants", "delivered")]),
    ("stoptimes", "funding", "£9,500 for ten solar displays on route 8.", [("grants", "proposed")]),
    ("stoptimes", "publicity", "Tell people on route 8 that the text service exists.", [("publicity", "agreed")]),
    ("warmwelcome", "data_access", "The council's list of warm spaces as open data, updated weekly.", []),
    (
        "warmwelcome",
        "mentoring",
        "Help to measure whether the map brings people to warm spaces.",
        [("evaluation", "agreed")],
    ),
]

# Check-ins months after the support phase began (reference: the end of judging).
TBY_CHECK_INS = {
    "liftshare": [
        (3, True, "pilot", "42 journeys booked in the pilot's first month; three new drivers."),
        (6, True, "pilot", "Thanet Good Neighbours runs it day to day; the county is planning Dover next."),
    ],
    "stoptimes": [
        (3, True, "tested", "The text service runs on route 8; waiting for the grant decision."),
        (6, True, "tested", "Grant application in; 300 texts a week."),
    ],
    "warmwelcome": [
        (3, True, "tested", "62 venues on the map; libraries print the sheet every Monday."),
        (6, True, "adopted_elsewhere", "Medway Council adopted it for its own warm spaces."),
    ],
}

# ----------------------------------------------------------------------------------------------------
# O Governador Pergunta: condensing, the vote by sub-theme, co-design
# ----------------------------------------------------------------------------------------------------


GOVERNOR_CONDENSED = [
    {
        "key": "agendamento",
        "theme": "Atenção básica",
        "title": "Marcar consulta na UBS sem fila: por SMS, WhatsApp ou telefone, com horário estendido",
        "body": (
            "Agendamento de consultas nas Unidades Básicas de Saúde por SMS, WhatsApp e telefone, com confirmação "
            "e lembrete, e atendimento à noite e aos sábados nas UBS dos bairros onde as pessoas trabalham longe. "
            "Acaba a fila de madrugada para conseguir ficha."
        ),
        "originals": ["agendamento-whatsapp", "ubs-horario-estendido"],
    },
    {
        "key": "acolhimento",
        "theme": "Atenção básica",
        "title": "Acolhimento em saúde mental na UBS, sem esperar encaminhamento",
        "body": (
            "Profissionais preparados para o acolhimento em saúde mental em cada UBS, com grupos terapêuticos, "
            "sem que a pessoa precise esperar um encaminhamento ao CAPS para ser ouvida."
        ),
        "originals": ["saude-mental-ubs"],
    },
    {
        "key": "interior",
        "theme": "Saúde da família",
        "title": "Mais Saúde da Família no interior: equipes, residência médica e teleconsulta",
        "body": (
            "Mais equipes de Saúde da Família nos municípios do interior, com incentivo para os profissionais, "
            "vagas de residência médica nos hospitais regionais e teleconsulta com especialistas nos postos."
        ),
        "originals": ["esf-interior", "residencia-interior", "teleconsulta"],
    },
    {
        "key": "transparencia",
        "theme": "Gestão e financiamento",
        "title": "Fila única de cirurgias e contas da saúde em linguagem simples",
        "body": (
            "Uma fila única e transparente para cirurgias eletivas, consultável pelo número do Cartão SUS, e a "
            "prestação de contas da saúde de cada município em linguagem simples."
        ),
        "originals": ["fila-cirurgias", "contas-saude-municipio"],
    },
    {
        "key": "prontuario",
        "theme": "Gestão e financiamento",
        "title": "Prontuário eletrônico integrado entre UBS, pronto-atendimento e hospital",
        "body": "O histórico do paciente disponível para quem o atende, da UBS ao hospital.",
        "originals": ["prontuario-integrado"],
    },
    {
        "key": "farmacia",
        "theme": "Medicamentos e assistência farmacêutica",
        "title": "Saber pela internet se o remédio está disponível na farmácia pública",
        "body": "Consulta pela internet e por telefone do estoque de medicamentos nas farmácias públicas.",
        "originals": ["farmacia-estoque"],
    },
    {
        "key": "samu",
        "theme": "Urgência e emergência",
        "title": "Bases regionais do SAMU nos municípios pequenos",
        "body": "Bases do SAMU mantidas em consórcio pelos municípios pequenos de cada região.",
        "originals": ["samu-regional"],
    },
]

# Who voted for what (one proposal per sub-theme each).
GOVERNOR_VOTES = {
    "agendamento": ["lucia", "joao", "marlene", "carlos", "fernanda", "tatiane", "jussara"],
    "acolhimento": ["rafael", "beatriz"],
    "interior": ["joao", "tatiane", "rafael", "beatriz", "lucia"],
    "transparencia": ["marlene", "carlos", "jussara", "fernanda"],
    "prontuario": ["lucia", "rafael"],
    "farmacia": ["fernanda", "tatiane", "jussara"],
    "samu": ["joao", "carlos"],
}

GOVERNOR_CO_DESIGN_EVENT = {
    "key": "co-design",
    "kind": "co_design",
    "title": "Oficina de cocriação com os autores das propostas mais votadas",
    "description": (
        "Os autores das propostas reunidas nas propostas-síntese mais votadas de cada tema trabalham com as "
        "equipes da Secretaria da Saúde para transformá-las em ações, com prazos e responsáveis."
    ),
    "day": 12,
    "start": "09:00",
    "end": "17:00",
    "place": "Centro Administrativo Fernando Ferrari",
    "address": "Av. Borges de Medeiros, 1501, Porto Alegre",
    "time_zone": "America/Sao_Paulo",
    "capacity": 30,
    "answers": {"marlene": "accepted", "carlos": "accepted", "joao": "accepted", "tatiane": "declined"},
}
