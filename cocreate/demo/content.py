"""Demo content: the idea phases of two stories, as plain data read by `cocreate.demo.loader`.

- “Transformed by You” (Kent Connects, Kent, England), in English.
- “O Governador Pergunta” (Gabinete Digital, Rio Grande do Sul, Brazil), in Brazilian Portuguese.

The third story, Porto Alegre's participatory budget, keeps its spaces in `cocreate.demo.budgets`;
its organisation and people are here with the others.

All people, addresses and organisations other than the public bodies and the university are
invented. Days are relative to the moment the demo is loaded.
"""

PASSWORD = "cocreate-demo"  # shared by all demo accounts


# ----------------------------------------------------------------------------------------------------
# Organisations
# ----------------------------------------------------------------------------------------------------

ORGANISATIONS = [
    {
        "key": "kcc",
        "name": "Kent County Council",
        "kind": "public_agency",
        "description": (
            "The county council for Kent, responsible for services such as social care, highways, libraries, "
            "public transport support, education and the blue badge scheme."
        ),
        "website": "https://www.kent.gov.uk",
    },
    {
        "key": "kentconnects",
        "name": "Kent Connects",
        "kind": "public_agency",
        "description": (
            "A partnership of Kent's public bodies (the county council, district and borough councils, fire "
            "and rescue, police and health partners) that work together on better, joined-up public services "
            "and run the “Transformed by You” challenge."
        ),
        "website": "https://www.kentconnects.gov.uk",
    },
    {
        "key": "goodneighbours",
        "name": "Thanet Good Neighbours",
        "kind": "community_group",
        "description": (
            "Volunteers in Broadstairs, Ramsgate, Margate and the Thanet villages who befriend older and "
            "isolated neighbours, drive them to appointments and run a community fridge."
        ),
        "website": "",
    },
    {
        "key": "carers",
        "name": "Carers Together Kent",
        "kind": "charity",
        "description": (
            "A local charity supporting unpaid carers of all ages across Kent, with support workers, a young "
            "carers' group and help with forms and benefits."
        ),
        "website": "",
    },
    {
        "key": "unikent",
        "name": "University of Kent",
        "kind": "university",
        "description": (
            "A university based in Canterbury, with students and researchers taking part in the challenge."
        ),
        "website": "https://www.kent.ac.uk",
    },
    {
        "key": "stopwise",
        "name": "Stopwise",
        "kind": "start_up",
        "description": (
            "A two-person start-up in Ashford building solar-powered e-paper displays that show live bus "
            "times at stops with no mains power."
        ),
        "website": "",
    },
    {
        "key": "rs",
        "name": "Governo do Estado do Rio Grande do Sul",
        "kind": "public_agency",
        "description": (
            "Governo estadual do Rio Grande do Sul. O Gabinete Digital, ligado ao gabinete do governador, "
            "conduz as consultas “O Governador Pergunta”."
        ),
        "website": "https://www.estado.rs.gov.br",
    },
    {
        "key": "saude",
        "name": "Secretaria Estadual da Saúde",
        "kind": "public_agency",
        "description": (
            "Secretaria da Saúde do Estado do Rio Grande do Sul, responsável pela gestão estadual do SUS, "
            "pela regulação de consultas e cirurgias e pela assistência farmacêutica estadual."
        ),
        "website": "https://saude.rs.gov.br",
    },
    {
        "key": "poa",
        "name": "Prefeitura Municipal de Porto Alegre",
        "kind": "public_agency",
        "description": (
            "Prefeitura da capital do Rio Grande do Sul. Coordena o Orçamento Participativo, criado em Porto "
            "Alegre em 1989, em que os moradores de cada região decidem parte dos investimentos da cidade."
        ),
        "website": "https://prefeitura.poa.br",
    },
    {
        "key": "kentfoundation",
        "name": "Kent Community Foundation",
        "kind": "funder",
        "description": "A charitable foundation giving grants to community projects across Kent and Medway.",
        "website": "https://example.org/kent-community-foundation",
    },
    {
        "key": "kentfire",
        "name": "Kent Fire and Rescue Service",
        "kind": "public_agency",
        "description": "Fire and rescue for Kent and Medway; a partner of Kent Connects.",
        "website": "https://example.org/kent-fire-rescue",
    },
    {
        "key": "medway",
        "name": "Medway Council",
        "kind": "public_agency",
        "description": "The unitary council for Medway, next door to Kent.",
        "website": "https://example.org/medway",
    },
]


# ----------------------------------------------------------------------------------------------------
# People with accounts (every e-mail ends with @demo.cocreate.test)
# ----------------------------------------------------------------------------------------------------

PEOPLE = [
    {
        "key": "admin",
        "email": "admin@demo.cocreate.test",
        "name": "Site Administrator",
        "superuser": True,
        "role_in": [],
        "motivations": [],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": [],
        "expertise": [],
        "bio": "",
        "login_note": "site administrator",
    },
    {
        "key": "organiser",
        "email": "organiser@demo.cocreate.test",
        "name": "Priya Shah",
        "superuser": False,
        "role_in": [("kcc", "staff")],
        "motivations": ["community_impact"],
        "languages": ["en", "gu"],
        "preferred_language": "en",
        "skills": ["service design", "workshop facilitation", "stakeholder engagement"],
        "expertise": ["public service innovation", "digital inclusion"],
        "bio": (
            "Innovation lead at Kent County Council. I look after “Transformed by You” with our Kent "
            "Connects partners, and I'll be at the workshop and the innovation camp. Before the council I "
            "worked in a community health trust in Medway."
        ),
        "login_note": "innovation lead at Kent County Council: runs “Transformed by You”",
    },
    {
        "key": "moderator",
        "email": "moderator@demo.cocreate.test",
        "name": "Daniel Okafor",
        "superuser": False,
        "role_in": [("kentconnects", "moderator")],
        "motivations": ["discussion"],
        "languages": ["en", "yo"],
        "preferred_language": "en",
        "skills": ["online moderation", "customer service", "plain English"],
        "expertise": ["digital services", "council contact centres"],
        "bio": (
            "I work for the Kent Connects partnership and moderate the discussions on “Transformed by You”. "
            "If something here worries you, report it and I'll look at it, usually the same day."
        ),
        "login_note": "moderator of “Transformed by You”",
    },
    {
        "key": "citizen",
        "email": "citizen@demo.cocreate.test",
        "name": "Tom Hughes",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "discussion"],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": ["football coaching", "event set-up", "customer service"],
        "expertise": ["hospitality", "seasonal work"],
        "bio": (
            "Margate born and bred. I work shifts at a hotel on the seafront and coach an under-12s football "
            "team on Saturdays."
        ),
        "login_note": "a resident of Margate who shares ideas",
    },
    {
        "key": "gabinete",
        "email": "gabinete@demo.cocreate.test",
        "name": "Ana Paula Ribeiro",
        "superuser": False,
        "role_in": [("rs", "staff")],
        "motivations": ["community_impact", "discussion"],
        "languages": ["pt", "es", "en"],
        "preferred_language": "pt-br",
        "skills": ["participação digital", "moderação de debates", "comunicação pública"],
        "expertise": ["participação cidadã", "governo aberto"],
        "bio": (
            "Trabalho no Gabinete Digital do Governo do Estado e coordeno a consulta “O Governador "
            "Pergunta”. Sou jornalista de formação e moro em Porto Alegre."
        ),
        "login_note": "staff of the Gabinete Digital: runs “O Governador Pergunta”, “Responde” and “O Governo Escuta”",
    },
    {
        "key": "gemma",
        "email": "gemma.whitfield@demo.cocreate.test",
        "name": "Gemma Whitfield",
        "superuser": False,
        "role_in": [("goodneighbours", "member")],
        "motivations": ["community_impact"],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": ["community organising", "volunteer coordination", "fundraising"],
        "expertise": ["befriending", "older people", "community fridges"],
        "bio": (
            "Volunteer coordinator with Thanet Good Neighbours in Broadstairs. We have about forty "
            "volunteers who visit, drive and phone people who'd otherwise see nobody all week."
        ),
        "login_note": "",
    },
    {
        "key": "amir",
        "email": "amir.haddad@demo.cocreate.test",
        "name": "Amir Haddad",
        "superuser": False,
        "role_in": [("unikent", "member")],
        "motivations": ["portfolio", "discussion"],
        "languages": ["en", "ar"],
        "preferred_language": "en",
        "skills": ["Python", "Django", "UX design", "OpenStreetMap"],
        "expertise": ["open data", "accessibility"],
        "bio": (
            "Third-year computer science student at the University of Kent in Canterbury. Looking for a real "
            "project to build at the innovation camp and put in my portfolio."
        ),
        "login_note": "",
    },
    {
        "key": "chloe",
        "email": "chloe.bennett@demo.cocreate.test",
        "name": "Chloe Bennett",
        "superuser": False,
        "role_in": [("stopwise", "admin")],
        "motivations": ["commercial_viability", "spin_out"],
        "languages": ["en", "fr"],
        "preferred_language": "en",
        "skills": ["product management", "embedded systems", "pitching"],
        "expertise": ["public transport information", "low-power hardware"],
        "bio": (
            "Co-founder of Stopwise in Ashford. We make solar e-paper bus stop displays and we're looking "
            "for councils and operators willing to run a paid pilot."
        ),
        "login_note": "",
    },
    {
        "key": "kwame",
        "email": "kwame.mensah@demo.cocreate.test",
        "name": "Kwame Mensah",
        "superuser": False,
        "role_in": [],
        "motivations": ["spin_out", "community_impact"],
        "languages": ["en", "tw"],
        "preferred_language": "en",
        "skills": ["catering", "business planning", "food hygiene training"],
        "expertise": ["food waste", "employability", "social enterprise"],
        "bio": (
            "I run Riverside Kitchen, a social enterprise café in Gravesend that trains young people for "
            "jobs in hospitality. Dad of two, always looking for things for them to do in the holidays."
        ),
        "login_note": "",
    },
    {
        "key": "linda",
        "email": "linda.marsh@demo.cocreate.test",
        "name": "Linda Marsh",
        "superuser": False,
        "role_in": [("carers", "staff")],
        "motivations": ["community_impact"],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": ["casework", "benefits advice", "safeguarding"],
        "expertise": ["social care", "unpaid carers", "young carers"],
        "bio": (
            "Support worker with Carers Together Kent, covering Maidstone and the villages of the Weald. I "
            "spend a lot of my week helping carers with forms and getting to appointments."
        ),
        "login_note": "",
    },
    {
        "key": "fiona",
        "email": "fiona.macleod@demo.cocreate.test",
        "name": "Fiona MacLeod",
        "superuser": False,
        "role_in": [("unikent", "staff")],
        "motivations": ["discussion", "community_impact"],
        "languages": ["en", "gd"],
        "preferred_language": "en",
        "skills": ["qualitative research", "survey design", "evaluation"],
        "expertise": ["social policy", "fuel poverty", "rural services"],
        "bio": (
            "Lecturer in social policy at the University of Kent. I research how people on low incomes use "
            "public services, and I volunteer at a warm space in Canterbury in the winter."
        ),
        "login_note": "",
    },
    {
        "key": "mark",
        "email": "mark.pettigrew@demo.cocreate.test",
        "name": "Mark Pettigrew",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "discussion"],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": ["driving", "timetabling", "DIY"],
        "expertise": ["transport", "rural bus routes"],
        "bio": (
            "Retired bus driver living near Tenterden. Drove country routes across the Weald for 30 years, "
            "now a volunteer driver taking neighbours to hospital appointments."
        ),
        "login_note": "",
    },
    {
        "key": "ellie",
        "email": "ellie.watts@demo.cocreate.test",
        "name": "Ellie Watts",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "portfolio"],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": ["graphic design", "social media", "video editing"],
        "expertise": ["young carers"],
        "bio": (
            "19, from Sittingbourne. I look after my mum and my younger brother and study graphic design at "
            "college in Canterbury."
        ),
        "login_note": "",
    },
    {
        # An account created to advertise: its one comment is reported as spam.
        "key": "easycredit",
        "email": "easycredit.offers@demo.cocreate.test",
        "name": "EasyCredit Solutions",
        "superuser": False,
        "role_in": [],
        "motivations": [],
        "languages": ["en"],
        "preferred_language": "en",
        "skills": [],
        "expertise": [],
        "bio": "",
        "login_note": "",
    },
    {
        "key": "lucia",
        "email": "lucia.fernandes@demo.cocreate.test",
        "name": "Lúcia Fernandes",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "discussion"],
        "languages": ["pt", "es"],
        "preferred_language": "pt-br",
        "skills": ["acolhimento", "educação em saúde", "grupos terapêuticos"],
        "expertise": ["atenção básica", "saúde mental", "enfermagem"],
        "bio": "Enfermeira há 15 anos numa Unidade Básica de Saúde do Partenon, em Porto Alegre.",
        "login_note": "",
    },
    {
        "key": "joao",
        "email": "joao.machado@demo.cocreate.test",
        "name": "João Batista Machado",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact"],
        "languages": ["pt"],
        "preferred_language": "pt-br",
        "skills": ["visita domiciliar", "cadastro de famílias", "mobilização comunitária"],
        "expertise": ["saúde da família", "zona rural"],
        "bio": (
            "Agente comunitário de saúde em Pelotas há onze anos. Acompanho cerca de 150 famílias na zona "
            "rural do município."
        ),
        "login_note": "",
    },
    {
        "key": "marlene",
        "email": "marlene.zanella@demo.cocreate.test",
        "name": "Marlene Zanella",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "discussion"],
        "languages": ["pt", "it"],
        "preferred_language": "pt-br",
        "skills": ["redação", "organização de reuniões", "leitura de orçamentos públicos"],
        "expertise": ["controle social", "educação"],
        "bio": (
            "Professora aposentada da rede estadual, moro em Caxias do Sul. Sou conselheira municipal de "
            "saúde representando os usuários."
        ),
        "login_note": "",
    },
    {
        "key": "rafael",
        "email": "rafael.becker@demo.cocreate.test",
        "name": "Rafael Becker",
        "superuser": False,
        "role_in": [],
        "motivations": ["portfolio", "discussion", "community_impact"],
        "languages": ["pt", "en", "de"],
        "preferred_language": "pt-br",
        "skills": ["análise de dados", "Python", "primeiros socorros"],
        "expertise": ["medicina de família e comunidade", "telessaúde"],
        "bio": (
            "Estudante do quinto ano de Medicina na Universidade Federal de Santa Maria. Quero fazer "
            "residência em Medicina de Família e trabalhar no interior."
        ),
        "login_note": "",
    },
    {
        "key": "fernanda",
        "email": "fernanda.oliveira@demo.cocreate.test",
        "name": "Fernanda Oliveira",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact"],
        "languages": ["pt", "es"],
        "preferred_language": "pt-br",
        "skills": ["assistência farmacêutica", "gestão de estoque", "atendimento ao público"],
        "expertise": ["medicamentos", "farmácia pública"],
        "bio": "Farmacêutica numa farmácia pública municipal de Passo Fundo.",
        "login_note": "",
    },
    {
        "key": "carlos",
        "email": "carlos.silveira@demo.cocreate.test",
        "name": "Carlos Eduardo Silveira",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "discussion"],
        "languages": ["pt"],
        "preferred_language": "pt-br",
        "skills": ["mobilização comunitária", "organização de reuniões", "eletricista"],
        "expertise": ["direitos dos usuários do SUS", "associativismo"],
        "bio": (
            "Eletricista e presidente da associação de moradores do meu bairro, na Restinga, em Porto "
            "Alegre. A saúde é a reclamação número um nas nossas reuniões."
        ),
        "login_note": "",
    },
    {
        "key": "tatiane",
        "email": "tatiane.rodrigues@demo.cocreate.test",
        "name": "Tatiane Rodrigues",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact"],
        "languages": ["pt"],
        "preferred_language": "pt-br",
        "skills": ["agricultura familiar", "costura"],
        "expertise": ["vida no meio rural"],
        "bio": "Agricultora e mãe de dois filhos, moro no interior de Canguçu, a 40 km da cidade.",
        "login_note": "",
    },
    # Porto Alegre's participatory budget (cocreate.demo.budgets); Lúcia (Partenon) and Carlos
    # (Restinga) above live in Porto Alegre too.
    {
        "key": "claudia",
        "email": "orcamento@demo.cocreate.test",
        "name": "Cláudia Menezes",
        "superuser": False,
        "role_in": [("poa", "staff")],
        "motivations": ["community_impact"],
        "languages": ["pt", "es"],
        "preferred_language": "pt-br",
        "skills": ["orçamento público", "mediação de assembleias", "acompanhamento de obras"],
        "expertise": ["orçamento participativo", "planejamento urbano"],
        "bio": (
            "Servidora da Prefeitura de Porto Alegre há 18 anos. Coordeno o Orçamento Participativo nas regiões "
            "Restinga, Partenon, Lomba do Pinheiro e Centro: as assembleias, a análise dos projetos, a "
            "votação e o acompanhamento das obras."
        ),
        "login_note": (
            "staff of Porto Alegre's participatory budget: reviews projects, enters paper ballots, counts "
            "votes, posts delivery updates"
        ),
    },
    {
        "key": "jussara",
        "email": "jussara.pereira@demo.cocreate.test",
        "name": "Jussara Pereira",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "discussion"],
        "languages": ["pt"],
        "preferred_language": "pt-br",
        "skills": ["mobilização comunitária", "cozinha", "organização de reuniões"],
        "expertise": ["orçamento participativo", "saneamento"],
        "bio": (
            "Merendeira aposentada, moro na Lomba do Pinheiro há 30 anos. Sou delegada do Orçamento "
            "Participativo pela minha região e cuido da horta da associação de moradores."
        ),
        "login_note": (
            "a resident of Lomba do Pinheiro, Porto Alegre: voted in the 2026 participatory budget, follows "
            "funded projects, can propose for 2027"
        ),
    },
    {
        "key": "beatriz",
        "email": "beatriz.kuhn@demo.cocreate.test",
        "name": "Beatriz Kuhn",
        "superuser": False,
        "role_in": [],
        "motivations": ["community_impact", "portfolio"],
        "languages": ["pt", "en", "de"],
        "preferred_language": "pt-br",
        "skills": ["arquitetura", "desenho universal", "bicicleta"],
        "expertise": ["acessibilidade", "mobilidade urbana"],
        "bio": "Arquiteta, moro no Centro Histórico de Porto Alegre e vou de bicicleta para todo lado.",
        "login_note": "",
    },
    {
        "key": "helen",
        "email": "helen.carter@demo.cocreate.test",
        "name": "Helen Carter",
        "bio": "Head of community safety at Kent Fire and Rescue. I judge for Transformed by You.",
        "skills": ["community safety", "service improvement"],
        "expertise": ["Public services"],
        "motivations": ["community_impact"],
        "role_in": [("kentfire", "staff")],
        "login_note": "a judge of “Transformed by You” (Kent Fire and Rescue)",
    },
    {
        "key": "ruth",
        "email": "ruth.adeyemi@demo.cocreate.test",
        "name": "Ruth Adeyemi",
        "bio": "Grants manager at Kent Community Foundation: I look for community projects worth funding.",
        "skills": ["grant making", "social investment"],
        "expertise": ["Funding"],
        "motivations": ["community_impact"],
        "role_in": [("kentfoundation", "staff")],
        "login_note": "a funder (Kent Community Foundation): offers support to the teams, judges",
    },
    {
        "key": "sanjay",
        "email": "sanjay.patel@demo.cocreate.test",
        "name": "Sanjay Patel",
        "bio": "Digital lead for a community health trust; I help services go online without leaving people out.",
        "skills": ["digital inclusion", "product management"],
        "expertise": ["Health services"],
        "motivations": ["community_impact", "discussion"],
        "role_in": [],
    },
]


# People who took part offline (no account): their ideas are entered by staff.
OFFLINE_PEOPLE = [
    {"key": "margaret", "name": "Margaret (Ramsgate library workshop)"},
    {"key": "derek", "name": "Derek (by letter, Deal)"},
    {"key": "antonio", "name": "Seu Antônio (audiência pública em Santa Maria)"},
]


# ----------------------------------------------------------------------------------------------------
# Spaces: the idea phases of the two stories
# ----------------------------------------------------------------------------------------------------

# Each space's phases, in days from the day the demo is loaded (negative: in the past). Both
# challenges have been through every phase; Transformed by You keeps its ideas board open.
TBY_PHASES = [
    {
        "title": "Share your ideas",
        "description": (
            "Post your ideas for better public services in Kent, support the ones you'd like to see happen and "
            "help improve them with your comments. The board stays open all year: ideas posted now go to next "
            "year's workshop."
        ),
        "start": -300,
        "end": 35,
        "activities": ["submit_idea", "support", "comment"],
    },
    {
        "title": "Workshop: develop the ideas",
        "description": (
            "A day in Maidstone where authors, residents, staff and partners took the most supported ideas "
            "further: who they are for, what already exists, what a first version could look like."
        ),
        "start": -262,
        "end": -259,
        "activities": [],
    },
    {
        "title": "Innovation camp",
        "description": (
            "Two days in Canterbury in which mixed teams of developers, designers, service staff and idea "
            "authors built working prototypes of the ideas developed at the workshop."
        ),
        "start": -242,
        "end": -237,
        "activities": ["form_team", "join_team", "submit_prototype"],
    },
    {
        "title": "Test the prototypes with the public",
        "description": (
            "The prototypes went to Margate library and online, to be tried by the people they are meant for. "
            "The authors and supporters of the ideas behind them were invited first."
        ),
        "start": -232,
        "end": -205,
        "activities": ["give_feedback"],
    },
    {
        "title": "Judging",
        "description": (
            "Teams entered their prototypes; four judges scored them against a published rubric, and the "
            "results were published with the judges' reasons."
        ),
        "start": -204,
        "end": -195,
        "activities": ["submit_entry", "judge"],
    },
    {
        "title": "Support after the competition",
        "description": (
            "The teams say what would help them go further and partners offer support: a pilot with a council "
            "service, funding, mentoring, publicity. We check in with every team 3, 6 and 12 months on."
        ),
        "start": -194,
        "end": 175,
        "activities": ["ask_for_support", "offer_support"],
    },
]

GOVERNOR_PHASES = [
    {
        "title": "Envie sua proposta",
        "description": (
            "Qualquer pessoa pôde enviar propostas para melhorar o atendimento na saúde pública, apoiar e comentar "
            "as propostas de outras pessoas. As propostas das audiências públicas foram registradas pela equipe."
        ),
        "start": -110,
        "end": -60,
        "activities": ["submit_idea", "support", "comment"],
    },
    {
        "title": "Condensação das propostas",
        "description": (
            "A equipe do Gabinete Digital e da Secretaria da Saúde reuniu propostas parecidas em propostas-síntese "
            "por tema. As propostas originais continuam visíveis, com os seus apoios."
        ),
        "start": -59,
        "end": -45,
        "activities": [],
    },
    {
        "title": "Votação por tema",
        "description": "Cada pessoa pôde escolher uma proposta-síntese em cada tema.",
        "start": -44,
        "end": -30,
        "activities": ["vote_condensed"],
    },
    {
        "title": "Cocriação com os autores",
        "description": (
            "Os autores das propostas originais reunidas nas propostas-síntese mais votadas de cada tema são "
            "convidados a trabalhar com as equipes do governo para transformá-las em ações."
        ),
        "start": -29,
        "end": 120,
        "activities": [],
    },
]

SPACES = [
    {
        "key": "tby",
        "title": "Transformed by You",
        "kind": "challenge",
        "organisations": ["kcc", "kentconnects"],
        "summary": (
            "Kent's public services, improved by the people who use them. Share your idea, support the ones "
            "you like, then help turn the best into prototypes at a workshop and an innovation camp."
        ),
        "question": "How could Kent's public services work better for you, your family or your community?",
        "description": (
            "Transformed by You is run by Kent County Council with the Kent Connects partnership of Kent's "
            "councils, fire and rescue, police and health services. We want ideas from the people who use "
            "our services every day, not only from the people who run them.\n\n"
            "The ideas board is open all year: anyone can post an idea, support other people's ideas and "
            "comment on them. An idea can be small (a text reminder, a clearer letter) or ambitious (a new way "
            "of getting to hospital). You don't need to know which council is responsible: we'll work that out "
            "together. If you'd rather not use the website, come to one of our library workshops or write to "
            "us, and we'll post your idea for you under your name.\n\n"
            "This year's competition has run its course. A one-day workshop in Maidstone developed the most "
            "promising ideas with residents, council staff, community groups, charities, students and "
            "businesses. At a two-day innovation camp in Canterbury, teams of designers, developers and service "
            "staff turned them into working prototypes, which people then tried at Margate library and online. "
            "Judges chose the most useful, and their reasons are published.\n\n"
            "The teams now get support agreed with each of them, not decided in advance: a pilot with a council "
            "service, a grant, mentoring, publicity, or a certificate for a student's portfolio. We check in with "
            "every team 3, 6 and 12 months on. Next year's workshop is open for registration."
        ),
        "target_community": (
            "Everyone who lives, works or studies in Kent, and the community groups, charities, social "
            "enterprises, start-ups and students who want to build better services with us."
        ),
        "content_language": "en",
        "themes": [
            "Getting around",
            "Health and care",
            "Libraries and learning",
            "Young people and families",
            "Waste and environment",
            "Contacting the council",
        ],
        "phases": TBY_PHASES,
        "ideas": [
            {
                "key": "rural-bus-times",
                "author": "mark",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Show live bus times at rural stops, by text message or a small screen",
                "body": (
                    "Most of the stops around Tenterden, Rolvenden and Woodchurch have nothing but a pole "
                    "and a paper timetable that's often out of date. When a bus is late or cancelled, people "
                    "stand in the rain with no idea whether it's coming, and a lot of older people simply "
                    "give up and stay at home.\n\n"
                    "Each stop could have a short code you text to get the next two buses in real time, and "
                    "the busier stops a small solar-powered screen. The buses already send their position "
                    "for the journey planner apps, so the information exists. It just doesn't reach the "
                    "people without smartphones, who are the ones most likely to be waiting at a rural stop."
                ),
                "themes": ["Getting around"],
                "place_name": "Tenterden and surrounding villages",
                "days_ago": 296,
                "supporters": ["citizen", "gemma", "amir", "chloe", "kwame", "fiona"],
                "comments": [
                    {
                        "author": "chloe",
                        "body": (
                            "This is exactly the problem we're working on at Stopwise. We've built a solar "
                            "e-paper display that runs for months without mains power and uses the same live "
                            "feed as the apps. We'd love to try a few in the Weald if this goes through to "
                            "the innovation camp."
                        ),
                        "replies": [
                            {
                                "author": "mark",
                                "body": (
                                    "That sounds ideal. The stop by the Co-op in Tenterden and the one at "
                                    "Rolvenden Layne would be good places to start: lots of older "
                                    "passengers, and no shelter at either."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "fiona",
                        "body": (
                            "Worth checking how reliable the live data is on rural routes. In interviews we "
                            "did last year, people said the app sometimes shows buses that never turn up, "
                            "which is worse than no information at all. Whatever is built should say clearly "
                            "when a bus has been cancelled."
                        ),
                        "replies": [
                            {
                                "author": "amir",
                                "body": (
                                    "Agreed. The open bus data does include cancellations for some operators "
                                    "but not all. I could look at how complete it is for the Kent routes "
                                    "before the workshop, if that's useful."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "gemma",
                        "body": (
                            "Please keep the text option whatever else happens. Half the people we visit "
                            "have a basic phone and nothing else, and they'd never download an app."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "village-stop-times",
                "author": "linda",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Bus times at village stops that work without a smartphone",
                "body": (
                    "I visit carers in the villages around Cranbrook and Hawkhurst, and several have told me "
                    "they don't go out any more because they can't tell whether the bus will come. Could "
                    "each village stop have a number you can ring or text to hear when the next bus is "
                    "really due? It would make a big difference to people who are already isolated."
                ),
                "themes": ["Getting around"],
                "place_name": "Cranbrook and Hawkhurst",
                "days_ago": 290,
                "supporters": ["ellie", "gemma"],
                "comments": [
                    {
                        "author": "mark",
                        "body": (
                            "Linda, I posted something very similar a week or so ago (“Show live bus times "
                            "at rural stops”). Might be worth joining forces so the support isn't split "
                            "between two ideas."
                        ),
                        "replies": [
                            {
                                "author": "linda",
                                "body": "Ah, I missed that, sorry! Happy for the two to be combined.",
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": "rural-bus-times",
                "reports": [],
            },
            {
                "key": "gp-car-scheme",
                "author": "gemma",
                "co_authors": ["mark"],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "One phone number to book a volunteer driver to GP and hospital appointments",
                "body": (
                    "There are lots of volunteer car schemes in Kent, but each covers a handful of parishes, "
                    "has its own phone number and its own rules, and most people have never heard of them. "
                    "Meanwhile people miss appointments at the QEQM in Margate or the William Harvey in "
                    "Ashford because a taxi costs £40 each way.\n\n"
                    "We'd like one number and one online form, shared by all the schemes, so anyone can book "
                    "a driver and be matched with the nearest scheme that has someone free. Mileage would be "
                    "paid at the same rate everywhere, and GP receptionists could book the lift at the same "
                    "time as the appointment. Mark, who co-wrote this, has driven for one of the schemes for "
                    "six years."
                ),
                "themes": ["Getting around", "Health and care"],
                "place_name": "Thanet villages and the Weald",
                "days_ago": 288,
                "supporters": ["citizen", "amir", "kwame", "linda", "fiona", "ellie", "chloe"],
                "comments": [
                    {
                        "author": "linda",
                        "body": (
                            "Carers ask us about this every week. One thing to build in: many patients need "
                            "the driver to wait, or to come in with them, and not every scheme allows that. "
                            "A shared booking line should say up front what each driver can and can't do."
                        ),
                        "replies": [
                            {
                                "author": "gemma",
                                "body": (
                                    "Good point, we'd add that to the booking questions. Our drivers in "
                                    "Thanet do wait, but they don't go into the consulting room."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "chloe",
                        "body": (
                            "What do the schemes use to take bookings now? If it's mostly spreadsheets, a "
                            "shared scheduling tool is a realistic thing to build in two days at the "
                            "innovation camp."
                        ),
                        "replies": [
                            {
                                "author": "mark",
                                "body": (
                                    "Mostly spreadsheets and a diary next to the phone, honestly. The scheme "
                                    "I drive for only stopped using a paper book two years ago."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "organiser",
                        "body": (
                            "Thank you both. Colleagues from the local NHS care partnership are coming to "
                            "the workshop, so this is a good one to develop with them in the room."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "bin-reminders",
                "author": "citizen",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "A text the night before bin day, and a warning when collections change",
                "body": (
                    "Our collections alternate between recycling and general waste, and the day moves after "
                    "bank holidays. I've missed the recycling twice this year and ended up with overflowing "
                    "bins and seagulls ripping the bags open all over the pavement.\n\n"
                    "A free text or email the evening before, saying which bins go out, plus a warning when "
                    "the day changes because of a bank holiday or bad weather. You'd sign up once with your "
                    "postcode. Simple, but it would save a lot of mess."
                ),
                "themes": ["Waste and environment", "Contacting the council"],
                "place_name": "Margate",
                "days_ago": 20,
                "supporters": ["gemma", "amir", "kwame", "linda", "ellie", "fiona"],
                "comments": [
                    {
                        "author": "amir",
                        "body": (
                            "Some councils already publish their collection calendars as open data. If ours "
                            "do, the reminders are maybe a weekend's work; the hard part is keeping them "
                            "accurate when the crews change rounds."
                        ),
                        "replies": [
                            {
                                "author": "citizen",
                                "body": (
                                    "That's the bit that catches us out. They changed our day in the spring "
                                    "and nobody on our road knew for a fortnight."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "kwame",
                        "body": (
                            "It would be great if the message also said what can go in each bin. Half the "
                            "contamination in our building's recycling is people guessing."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "fiona",
                        "body": ("Please make it text and email, not an app. Nobody installs an app just for bins."),
                        "replies": [],
                    },
                ],
                "answer": {
                    "by": "organiser",
                    "status": "accepted",
                    "body": (
                        "Thank you, Tom. Bin collections are run by the district and borough councils, and "
                        "two of them in the Kent Connects partnership have agreed to pilot opt-in text and "
                        "email reminders from their existing collection calendars, including a warning when "
                        "the day changes. We'll post here when sign-up opens, and we'd welcome a few "
                        "volunteers to test the messages first."
                    ),
                },
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "digital-cafes",
                "author": "margaret",
                "co_authors": [],
                "origin": "event",
                "event_name": "Ramsgate library workshop",
                "entered_by": "organiser",
                "title": "Drop-in digital help cafés at the library, with volunteers who have time",
                "body": (
                    "Margaret is 78 and has been told by the council, her GP surgery and her bank to “do it "
                    "online”. Her son gave her a tablet but there's nobody nearby to show her how to use "
                    "it.\n\n"
                    "Her idea: a weekly café at the library where you bring your own phone or tablet and sit "
                    "with a volunteer for as long as it takes. Not a course, just help with whatever you "
                    "need that day: ordering a repeat prescription, renewing a bus pass, a video call with "
                    "the grandchildren. Tea and biscuits make it less intimidating, and people would come "
                    "back for the company as much as the help."
                ),
                "themes": ["Libraries and learning", "Contacting the council"],
                "place_name": "Ramsgate Library",
                "days_ago": 276,
                "supporters": [
                    "citizen",
                    "gemma",
                    "amir",
                    "kwame",
                    "linda",
                    "fiona",
                    "mark",
                    "ellie",
                    "chloe",
                ],
                "comments": [
                    {
                        "author": "amir",
                        "body": (
                            "I'd volunteer for this in Canterbury. Students on my course need volunteering "
                            "hours anyway, and explaining things to people who've never used an app is the "
                            "best way to find out how confusing our designs are."
                        ),
                        "replies": [
                            {
                                "author": "organiser",
                                "body": (
                                    "Thanks Amir, we'll note you down as a possible volunteer. Margaret will "
                                    "be pleased: we're keeping her posted by phone."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "gemma",
                        "body": (
                            "Some of our members would come if they could get a lift from the villages. "
                            "Could this link up with the volunteer driver idea?"
                        ),
                        "replies": [],
                    },
                    {
                        "author": "ellie",
                        "body": (
                            "My mum would love this but she can't leave the house for long. Could the "
                            "volunteers do the odd home visit?"
                        ),
                        "replies": [
                            {
                                "author": "linda",
                                "body": (
                                    "Ellie, some carers' services lend tablets and do sessions at home. Get "
                                    "in touch with our office and I'll find out what's available near "
                                    "Sittingbourne."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "plain-letters",
                "author": "margaret",
                "co_authors": [],
                "origin": "event",
                "event_name": "Ramsgate library workshop",
                "entered_by": "organiser",
                "title": "Council letters in plain English, with a named team to ring",
                "body": (
                    "Margaret brought a letter about her council tax reduction that she had read three times "
                    "and still didn't understand. She suggested that every standard letter is tested with a "
                    "few residents before it is sent out, starts with a short box saying what you need to do "
                    "and by when, and gives a direct number for the team that wrote it instead of the main "
                    "switchboard."
                ),
                "themes": ["Contacting the council"],
                "place_name": "Ramsgate Library",
                "days_ago": 14,
                "supporters": ["citizen", "gemma", "linda", "mark"],
                "comments": [
                    {
                        "author": "fiona",
                        "body": (
                            "There's good evidence for the summary box: councils that tried it had fewer "
                            "calls asking what a letter means. Testing letters is cheap too. Five people at "
                            "a library will find most of the problems."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "moderator",
                        "body": (
                            "From the notes of the workshop table: several people agreed with Margaret, and "
                            "two asked that once you've asked for large print, every later letter comes in "
                            "large print without asking again."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "blue-badge-bus-pass",
                "author": "derek",
                "co_authors": [],
                "origin": "on_behalf",
                "event_name": "",
                "entered_by": "organiser",
                "title": "One application for the blue badge and the disabled person's bus pass",
                "body": (
                    "Entered on behalf of Derek, who wrote to us from Deal. In his words:\n\n"
                    "“After my stroke I had to apply for a blue badge and for a disabled person's bus pass. "
                    "Both forms wanted the same proof of address, the same letter from the hospital and the "
                    "same photo, and I had to send copies twice to two different teams in the same council. "
                    "Why can't one form do both, and let me tick the ones I need?”"
                ),
                "themes": ["Contacting the council", "Getting around"],
                "place_name": "Deal",
                "days_ago": 16,
                "supporters": ["gemma", "linda", "mark", "ellie", "citizen"],
                "comments": [
                    {
                        "author": "linda",
                        "body": (
                            "This would help so many of the carers we support: they end up filling in the "
                            "forms for someone else, twice. The same “tell us once” approach would help with "
                            "assisted bin collections too."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "mark",
                        "body": (
                            "Same story with the companion pass for my wife. We had to prove her condition "
                            "three times in one year to three different offices."
                        ),
                        "replies": [],
                    },
                ],
                "answer": {
                    "by": "organiser",
                    "status": "under_consideration",
                    "body": (
                        "Thank you, Derek, for writing to us. The blue badge and the disabled person's bus "
                        "pass are both run by Kent County Council, but by different teams, and the "
                        "eligibility rules are set nationally. We are looking at a shared application that "
                        "asks for your evidence once and lets you apply for either or both. We'll report "
                        "back here after the workshop and write to Derek with the outcome."
                    ),
                },
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "young-carers-card",
                "author": "ellie",
                "co_authors": ["linda"],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "A young carers' card that schools, GPs and pharmacies recognise",
                "body": (
                    "I've looked after my mum since I was 13. The hardest part isn't the caring, it's "
                    "explaining it again and again: to teachers when I'm late, to the pharmacy when I "
                    "collect her medication, to the GP receptionist who won't talk to me because I'm not the "
                    "patient.\n\n"
                    "A card with my photo and a number to call that says I'm a young carer would save a lot "
                    "of awkward conversations. It could also get young carers small things that help, like "
                    "priority at the pharmacy counter or a free swim at the leisure centre. Linda from "
                    "Carers Together Kent helped me write this up."
                ),
                "themes": ["Young people and families", "Health and care"],
                "place_name": "Sittingbourne",
                "days_ago": 16,
                "supporters": ["citizen", "gemma", "amir", "kwame", "fiona", "mark"],
                "comments": [
                    {
                        "author": "fiona",
                        "body": (
                            "Some areas have tried similar cards. The ones that worked were those where "
                            "schools and pharmacies were trained to recognise them; the card on its own "
                            "wasn't enough. Worth planning for that from the start."
                        ),
                        "replies": [
                            {
                                "author": "ellie",
                                "body": (
                                    "Yes! A card nobody recognises is just one more thing to explain. Maybe "
                                    "a short video for staff, made by young carers ourselves?"
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "kwame",
                        "body": (
                            "Could it be on your phone as well as a plastic card? Teenagers lose cards. They "
                            "don't lose phones."
                        ),
                        "replies": [
                            {
                                "author": "linda",
                                "body": (
                                    "We asked our young carers' group and they want both: the phone for "
                                    "every day, the plastic card for when the battery dies at the pharmacy."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "organiser",
                        "body": (
                            "Ellie and Linda, this is just the kind of idea the innovation camp could "
                            "prototype. Would you both be able to come to the workshop?"
                        ),
                        "replies": [
                            {
                                "author": "ellie",
                                "body": "Definitely, as long as it's after college.",
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "community-fridges",
                "author": "kwame",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "A network of community fridges supplied by local shops and cafés",
                "body": (
                    "At our café we throw out good food every week because we can't sell it the next day, "
                    "and the supermarkets in Gravesend do the same on a much bigger scale. Meanwhile "
                    "families down the road are skipping meals.\n\n"
                    "Put community fridges in a few public buildings (a library, a children's centre, a "
                    "leisure centre) where businesses drop off surplus food and anyone can take it, no "
                    "questions asked. The council could help with the space, the food hygiene guidance and a "
                    "map of the fridges, and a social enterprise like ours could run the collections."
                ),
                "themes": ["Waste and environment", "Health and care"],
                "place_name": "Gravesend",
                "days_ago": 15,
                "supporters": ["gemma", "citizen", "fiona", "ellie"],
                "comments": [
                    {
                        "author": "gemma",
                        "body": (
                            "We run a fridge in a church hall in Broadstairs. The hard part isn't the food, "
                            "it's finding volunteers for the daily temperature checks and cleaning. Happy to "
                            "share our rota and checklists."
                        ),
                        "replies": [
                            {
                                "author": "kwame",
                                "body": (
                                    "Thanks Gemma, that would really help. Could we compare notes before the workshop?"
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "chloe",
                        "body": (
                            "How would the collections be paid for long term? Supermarkets pay to get rid of "
                            "waste, so there might be a case for them paying a small fee for collection "
                            "instead."
                        ),
                        "replies": [
                            {
                                "author": "kwame",
                                "body": (
                                    "That's the model I'd like to test. If it works it pays for itself, "
                                    "without depending on a grant every year."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "pothole-tracker",
                "author": "amir",
                "co_authors": ["chloe"],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Report a pothole with a photo and follow it until it's fixed",
                "body": (
                    "You can already report a pothole online, but after that it disappears. I reported one "
                    "on the Old Dover Road months ago and never heard anything back.\n\n"
                    "Our idea: a public map where each report shows its photo, its status (reported, "
                    "inspected, repair booked, fixed) and the dates, with a message to you when the status "
                    "changes. Reports of the same hole would be grouped rather than counted again, so the "
                    "council can see where problems cluster. Chloe and I would like to build a prototype at "
                    "the innovation camp."
                ),
                "themes": ["Getting around", "Contacting the council"],
                "place_name": "Canterbury",
                "days_ago": 12,
                "supporters": ["citizen", "mark", "kwame"],
                "comments": [
                    {
                        "author": "moderator",
                        "body": (
                            "Useful to know: the current fault reporting tool does send an update when the "
                            "job is closed, but only if you gave an email address. Would a tracker still "
                            "help if that worked better?"
                        ),
                        "replies": [
                            {
                                "author": "amir",
                                "body": (
                                    "I think so: the map is the main thing. Seeing that twelve people have "
                                    "already reported a hole stops you reporting it again, and tells you "
                                    "it's in hand."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "mark",
                        "body": (
                            "Please add blocked drains and overgrown hedges. On the lanes round here they "
                            "cause more trouble than the potholes do."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                # Written after the pothole tracker, in much the same words: moderators find the two
                # under "Ideas that look like duplicates" and decide whether to merge them.
                "key": "pothole-photos",
                "author": "linda",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Report potholes with a photo and follow them on a map until they are fixed",
                "body": (
                    "When I report a pothole I never know what happens next. A map of reported potholes, "
                    "each with its photo and its status until it is fixed, would stop people reporting the "
                    "same hole again and show the council where the roads are worst."
                ),
                "themes": ["Getting around"],
                "place_name": "Whitstable",
                "days_ago": 4,
                "supporters": ["gemma"],
                "comments": [],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "warm-spaces-map",
                "author": "fiona",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "One up-to-date map of warm spaces, with opening hours and what's on offer",
                "body": (
                    "Last winter I helped at a warm space in a church hall in Canterbury, and people kept "
                    "arriving on days we were closed because a list online was out of date. There were at "
                    "least four lists (council, churches, libraries, a Facebook group) and none of them "
                    "agreed.\n\n"
                    "One map, which each venue can update itself in a minute, showing opening hours, whether "
                    "there's a hot meal, wifi, a quiet corner and step-free access. Printed copies in GP "
                    "surgeries, pharmacies and libraries for people who aren't online."
                ),
                "themes": ["Health and care", "Libraries and learning"],
                "place_name": "Canterbury",
                "days_ago": 281,
                "supporters": ["gemma", "linda", "citizen", "kwame", "mark"],
                "comments": [
                    {
                        "author": "gemma",
                        "body": (
                            "Yes please. We had the same problem in Thanet and ended up phoning round every "
                            "Monday to keep our own list up to date."
                        ),
                        "replies": [
                            {
                                "author": "fiona",
                                "body": (
                                    "If venues are to keep it updated it has to be very easy. Maybe a text "
                                    "like “OPEN TODAY 10-4” that updates the map?"
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "easycredit",
                        "body": (
                            "Struggling with heating bills this winter? EasyCredit Solutions can approve "
                            "loans up to £2,000 in 10 minutes, NO credit checks!! Apply today at "
                            "easycredit-solutions.example and quote WARM24 for 0% fees in your first month."
                        ),
                        "replies": [],
                        "reports": [
                            {
                                "by": "citizen",
                                "reason": "spam",
                                "details": (
                                    "Advertising payday loans on an idea about people who can't afford to "
                                    "heat their homes."
                                ),
                            },
                        ],
                    },
                    {
                        "author": "amir",
                        "body": (
                            "This could be built on OpenStreetMap: opening hours are already a standard "
                            "field there, and the data would stay open for anyone to reuse in their own apps."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "holiday-activities",
                "author": "kwame",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "All school-holiday activities in one place, showing which have free places left",
                "body": (
                    "Every school holiday I spend my evenings searching the council website, the leisure "
                    "centre, the library and three Facebook groups to find things for my two kids to do. The "
                    "free holiday club places for children on free school meals go within hours, and the "
                    "booking link is different every time.\n\n"
                    "One listing by town, which you can filter by age and price, showing how many free "
                    "places are left, with booking in one step."
                ),
                "themes": ["Young people and families"],
                "place_name": "Gravesend",
                "days_ago": 9,
                "supporters": ["citizen", "ellie", "gemma", "linda"],
                "comments": [
                    {
                        "author": "ellie",
                        "body": (
                            "Please include things for older teenagers. Everything seems to be for under-11s "
                            "and my brother is 14."
                        ),
                        "replies": [
                            {
                                "author": "kwame",
                                "body": (
                                    "Good shout. A 12 to 16 filter would also show how little there is for "
                                    "that age, which is useful to know in itself."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "linda",
                        "body": (
                            "Young carers often can't book weeks ahead because they don't know how things "
                            "will be at home. Keeping a few places back for last-minute bookings would make "
                            "a real difference."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "job-fairs",
                "author": "citizen",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Job and training fairs in coastal towns, with employers and courses in one room",
                "body": (
                    "In Margate a lot of jobs are seasonal and finish in October. Every winter people I work "
                    "with are looking for something, and the help is split between the jobcentre, the "
                    "college and the agencies.\n\n"
                    "Twice a year, hold a fair in Margate, Folkestone and Sheerness where local employers, "
                    "the college, apprenticeship providers and benefits advisers are all in one room. You "
                    "could ask about a job and the course that gets you there on the same afternoon."
                ),
                "themes": ["Libraries and learning", "Young people and families"],
                "place_name": "Margate",
                "days_ago": 6,
                "supporters": ["kwame", "ellie"],
                "comments": [
                    {
                        "author": "kwame",
                        "body": (
                            "We'd take a stall. Believe it or not, hospitality employers struggle to find "
                            "people in the winter too."
                        ),
                        "replies": [
                            {
                                "author": "citizen",
                                "body": (
                                    "That's the thing: the jobs and the people are in the same towns, they "
                                    "just never meet."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "fiona",
                        "body": (
                            "Worth holding them in the evening or on a Saturday. People in seasonal or shift "
                            "work often can't get to a weekday daytime event."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "online-only-forms",
                "author": "chloe",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Make all council applications online-only and spend the savings on services",
                "body": (
                    "Paper forms have to be posted, opened, scanned, typed in and chased when something is "
                    "missing. Online forms check themselves and go straight into the system. If every "
                    "application moved online and the savings went into front-line services, everyone would "
                    "benefit. People who can't use a computer could be helped by a library volunteer to fill "
                    "in the online version."
                ),
                "themes": ["Contacting the council"],
                "place_name": "Ashford",
                "days_ago": 10,
                "supporters": ["amir"],
                "comments": [
                    {
                        "author": "gemma",
                        "body": (
                            "I see the logic, but a lot of the people we visit would simply be cut off. Help "
                            "at the library only works if you can get to the library."
                        ),
                        "replies": [
                            {
                                "author": "chloe",
                                "body": (
                                    "Fair point. Maybe the real idea is “make online the easy default and "
                                    "keep paper for whoever needs it”, which is less exciting but more "
                                    "honest."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "linda",
                        "body": (
                            "Carers often fill in forms for someone else, and many online forms don't allow "
                            "that. Sometimes paper is the only route that works for us."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "amir",
                        "body": (
                            "Supported, mostly because the online forms need to get much better. Some of "
                            "them don't work on a phone at all."
                        ),
                        "replies": [],
                    },
                ],
                "answer": {
                    "by": "organiser",
                    "status": "rejected",
                    "body": (
                        "Thank you, Chloe. We agree that online forms are quicker and cheaper for most "
                        "people, and we will keep improving them. But we won't make applications "
                        "online-only: many Kent residents don't use the internet, and they are often the "
                        "people who most need services such as blue badges or care assessments. Instead we "
                        "want the online route to be so good that most people choose it, while keeping paper "
                        "and phone routes; the digital help cafés idea on this site is one way to close the "
                        "gap."
                    ),
                },
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "flytipping-cameras",
                "author": "mark",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Cameras at fly-tipping hotspots on country lanes",
                "body": (
                    "The lay-by on the lane between Tenterden and Smallhythe gets fly-tipped almost every "
                    "weekend: mattresses, builders' rubble, once a whole kitchen. I'm fairly sure it's the "
                    "man with the white van at Hillside Cottages who advertises cheap rubbish clearance on "
                    "Facebook, everyone round here knows who it is.\n\n"
                    "Mobile cameras, moved between the worst spots, would catch people in the act and would "
                    "pay for themselves in fines."
                ),
                "themes": ["Waste and environment"],
                "place_name": "Tenterden",
                "days_ago": 7,
                "supporters": ["citizen", "kwame"],
                "comments": [
                    {
                        "author": "moderator",
                        "body": (
                            "Thanks Mark, cameras at hotspots are a fair idea to discuss. Please don't point "
                            "to individuals or addresses here though. If you've seen someone tipping, report "
                            "it to the district council with the details so they can investigate."
                        ),
                        "replies": [
                            {
                                "author": "mark",
                                "body": ("Fair enough, I got carried away. Happy for that sentence to be taken out."),
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [
                    {
                        "by": "gemma",
                        "reason": "personal_data",
                        "details": (
                            "The idea itself is fine, but it says where a specific person lives and accuses "
                            "him of a crime. Could that part be removed?"
                        ),
                    },
                ],
            },
            {
                "key": "library-returns-stations",
                "author": "ellie",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Return library books at railway stations",
                "body": (
                    "I borrow from Sittingbourne library, but I'm at college in Canterbury most days and by "
                    "the time I get home the library has shut. A returns box at the station, emptied by the "
                    "library van, would mean fewer overdue books and probably more people borrowing."
                ),
                "themes": ["Libraries and learning"],
                "place_name": "Sittingbourne station",
                "days_ago": 3,
                "supporters": [],
                "comments": [
                    {
                        "author": "amir",
                        "body": (
                            "Canterbury West already has parcel lockers. Maybe the library could rent one of "
                            "those instead of installing a new box?"
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
        ],
    },
    {
        "key": "governor",
        "title": "O Governador Pergunta: saúde pública",
        "kind": "challenge",
        "organisations": ["rs", "saude"],
        "summary": (
            "O Governo do Estado perguntou e você respondeu: propostas para melhorar o atendimento na saúde "
            "pública do Rio Grande do Sul, reunidas em propostas-síntese e votadas por tema. Agora, os autores "
            "das mais votadas trabalham com o governo para transformá-las em ações."
        ),
        "question": "Como melhorar o atendimento na saúde pública?",
        "description": (
            "O Governador Pergunta é uma consulta do Gabinete Digital do Governo do Estado do Rio Grande do "
            "Sul. Nesta edição, feita com a Secretaria Estadual da Saúde, a pergunta é: como melhorar o "
            "atendimento na saúde pública?\n\n"
            "Qualquer pessoa pôde participar: usuários do SUS, profissionais de saúde, estudantes, conselheiros "
            "e associações enviaram propostas, apoiaram as de outras pessoas e comentaram para melhorá-las. Quem "
            "participou das audiências públicas no interior teve a sua proposta registrada aqui pela equipe do "
            "Gabinete Digital, com o seu nome.\n\n"
            "Depois, uma equipe do Gabinete Digital e da Secretaria da Saúde fez a condensação: propostas "
            "parecidas foram reunidas em propostas-síntese por tema, sempre com a indicação de quem as "
            "escreveu. As propostas originais continuam abertas, com os seus apoios.\n\n"
            "Na votação por tema, cada pessoa escolheu uma proposta-síntese em cada tema.\n\n"
            "Agora, os autores das propostas reunidas nas propostas-síntese mais votadas de cada tema estão "
            "convidados para uma oficina de cocriação com as equipes do governo, para transformar as propostas "
            "em ações. O andamento é publicado nesta página."
        ),
        "target_community": (
            "Todas as pessoas que vivem no Rio Grande do Sul, usuárias e trabalhadoras do SUS, nos 497 "
            "municípios do estado."
        ),
        "content_language": "pt-br",
        "themes": [
            "Atenção básica",
            "Urgência e emergência",
            "Saúde da família",
            "Gestão e financiamento",
            "Saúde mental",
            "Medicamentos e assistência farmacêutica",
        ],
        "phases": GOVERNOR_PHASES,
        "ideas": [
            {
                "key": "agendamento-whatsapp",
                "author": "marlene",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Agendamento de consultas na UBS por SMS e WhatsApp, sem fila de madrugada",
                "body": (
                    "No meu bairro, em Caxias do Sul, quem precisa de consulta tem que chegar na UBS às "
                    "cinco da manhã para pegar ficha, no frio, e muitas vezes volta para casa sem ser "
                    "atendido.\n\n"
                    "Proponho que as consultas possam ser marcadas por SMS ou WhatsApp, com horário "
                    "definido, e que a unidade mande uma mensagem de confirmação na véspera. Quem não puder "
                    "ir responde cancelando e a vaga passa para outra pessoa. Quem não tem celular continua "
                    "marcando no balcão, mas também com hora marcada."
                ),
                "themes": ["Atenção básica"],
                "place_name": "Caxias do Sul",
                "days_ago": 108,
                "supporters": ["lucia", "joao", "carlos", "rafael", "fernanda", "tatiane"],
                "comments": [
                    {
                        "author": "lucia",
                        "body": (
                            "Como enfermeira de UBS, apoio. Só lembro que uma parte das vagas precisa ficar "
                            "livre para a demanda do dia: criança com febre não pode esperar agendamento "
                            "para a semana seguinte."
                        ),
                        "replies": [
                            {
                                "author": "marlene",
                                "body": (
                                    "Concordo, Lúcia. A ideia não é acabar com o atendimento do dia, é "
                                    "acabar com a fila de madrugada para o que pode ser marcado."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "tatiane",
                        "body": (
                            "No interior o sinal de celular é fraco, mas SMS costuma chegar. Melhor SMS do "
                            "que aplicativo."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "rafael",
                        "body": (
                            "Na UBS onde faço estágio muita gente falta à consulta marcada sem avisar. A "
                            "confirmação na véspera liberaria várias vagas por semana."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "gabinete",
                        "body": (
                            "Obrigada pela proposta, Marlene. Vários municípios gaúchos já testam o "
                            "agendamento por mensagem. Na fase de condensação, vamos reunir esta proposta "
                            "com as outras sobre marcação de consultas."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "fila-cirurgias",
                "author": "carlos",
                "co_authors": ["marlene"],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": ("Fila única e transparente para cirurgias eletivas, consultável pelo número do Cartão SUS"),
                "body": (
                    "Minha vizinha espera uma cirurgia de catarata há dois anos e ninguém sabe dizer em que "
                    "posição ela está. Na associação de moradores da Restinga ouvimos a mesma história toda "
                    "semana, e a professora Marlene, que assina comigo, espera uma prótese de quadril em "
                    "Caxias do Sul.\n\n"
                    "Proposta: uma fila única estadual por especialidade, publicada na internet, em que cada "
                    "paciente consulta a sua posição com o número do Cartão SUS, sem mostrar nomes. Assim "
                    "acaba o “jeitinho” de passar na frente e as pessoas podem se planejar."
                ),
                "themes": ["Gestão e financiamento"],
                "place_name": "Restinga, Porto Alegre",
                "days_ago": 110,
                "supporters": ["lucia", "joao", "rafael", "fernanda", "tatiane"],
                "comments": [
                    {
                        "author": "lucia",
                        "body": (
                            "Muito importante. Hoje a gente não consegue nem dizer ao paciente se vale a "
                            "pena esperar ou procurar outra alternativa."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "rafael",
                        "body": (
                            "A fila precisa considerar a gravidade, não só a ordem de chegada. Seria bom "
                            "mostrar a classificação de prioridade junto com a posição, para as pessoas "
                            "entenderem por que alguém passou na frente."
                        ),
                        "replies": [
                            {
                                "author": "carlos",
                                "body": (
                                    "Boa observação, Rafael. Se a regra for pública, ninguém reclama de quem "
                                    "passou na frente por ser mais grave. O problema é quando não existe "
                                    "regra nenhuma."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "joao",
                        "body": (
                            "Em Pelotas tem gente que perde o lugar na fila porque mudou de endereço e o "
                            "hospital não conseguiu avisar. Com a consulta pelo Cartão SUS isso não "
                            "aconteceria."
                        ),
                        "replies": [],
                    },
                ],
                "answer": {
                    "by": "gabinete",
                    "status": "accepted",
                    "body": (
                        "Obrigada, Carlos e Marlene. A Secretaria Estadual da Saúde decidiu publicar a "
                        "posição de cada paciente na fila das cirurgias eletivas reguladas pelo Estado, "
                        "consultável pelo número do Cartão SUS e sem identificação, começando por catarata e "
                        "ortopedia. A proposta segue também para a votação, e vamos convidar vocês para "
                        "testar a consulta antes do lançamento."
                    ),
                },
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "esf-interior",
                "author": "joao",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": ("Mais equipes de Saúde da Família no interior, com incentivo para o profissional ficar"),
                "body": (
                    "Sou agente comunitário de saúde há onze anos. Nas localidades rurais de Pelotas e dos "
                    "municípios vizinhos, as equipes ficam meses sem médico, porque o profissional vai "
                    "embora assim que aparece coisa melhor, e a cada troca a gente recomeça do zero com as "
                    "famílias.\n\n"
                    "Proponho que o Estado complemente o salário das equipes de Saúde da Família nos "
                    "municípios pequenos e na zona rural, com um valor que aumenta a cada ano de "
                    "permanência, e que ajude a pagar o transporte das equipes até as localidades mais "
                    "distantes."
                ),
                "themes": ["Saúde da família", "Atenção básica"],
                "place_name": "Zona rural de Pelotas",
                "days_ago": 106,
                "supporters": ["lucia", "rafael", "tatiane", "marlene"],
                "comments": [
                    {
                        "author": "tatiane",
                        "body": (
                            "Aqui em Canguçu o médico vem uma vez por semana ao posto da nossa localidade. "
                            "Quando chove e a estrada fica ruim, nem isso."
                        ),
                        "replies": [
                            {
                                "author": "joao",
                                "body": (
                                    "É exatamente isso, Tatiane. E a estrada é problema para a equipe toda, "
                                    "não só para o médico."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "rafael",
                        "body": (
                            "Muitos colegas meus topariam ir para o interior se houvesse formação e "
                            "supervisão a distância, não só salário. Ficar sozinho num município pequeno "
                            "assusta quem acabou de se formar."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "fernanda",
                        "body": (
                            "Eu incluiria o farmacêutico no apoio a essas equipes. No interior muita gente "
                            "toma o remédio errado por falta de orientação."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "teleconsulta",
                "author": "tatiane",
                "co_authors": ["rafael"],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Teleconsulta com especialistas nos postos de saúde dos municípios pequenos",
                "body": (
                    "Para consultar um cardiologista, minha mãe precisa ir até Pelotas: sai de casa às "
                    "quatro da manhã no ônibus da prefeitura e volta à noite, para uma consulta de quinze "
                    "minutos.\n\n"
                    "Com uma sala de teleconsulta no posto, o médico ou a enfermeira da unidade conversaria "
                    "com o especialista junto com o paciente, e só iria para a cidade quem realmente precisa "
                    "de exame ou cirurgia. O Rafael, estudante de Medicina que assina comigo, lembrou que já "
                    "existe telessaúde para apoiar os médicos; a ideia é usar isso também com o paciente "
                    "presente."
                ),
                "themes": ["Atenção básica", "Saúde da família"],
                "place_name": "Canguçu",
                "days_ago": 103,
                "supporters": ["joao", "lucia", "marlene"],
                "comments": [
                    {
                        "author": "joao",
                        "body": (
                            "A internet é o desafio. Muitos postos do interior ainda têm conexão que cai toda hora."
                        ),
                        "replies": [
                            {
                                "author": "rafael",
                                "body": (
                                    "Verdade, João. Por isso sugerimos começar pelos postos que já têm "
                                    "conexão estável e incluir a melhoria da internet no projeto, talvez "
                                    "junto com a escola da mesma localidade."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "fernanda",
                        "body": (
                            "A receita feita na teleconsulta precisa valer na farmácia do município. Senão o "
                            "paciente vai ter que ir à cidade só para trocar a receita."
                        ),
                        "replies": [
                            {
                                "author": "tatiane",
                                "body": "Bem lembrado, Fernanda. Não tinha pensado nisso.",
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "farmacia-estoque",
                "author": "fernanda",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Consulta pela internet do estoque de medicamentos nas farmácias públicas",
                "body": (
                    "Trabalho numa farmácia pública em Passo Fundo e todos os dias atendo pessoas que "
                    "atravessaram a cidade para descobrir que o remédio acabou.\n\n"
                    "Proposta: um site e um número de WhatsApp onde se consulte, pelo nome do medicamento, "
                    "quais farmácias municipais e qual Farmácia de Medicamentos Especiais têm estoque "
                    "naquele dia. O sistema que usamos para controlar o estoque já tem essa informação; "
                    "falta mostrá-la ao público."
                ),
                "themes": ["Medicamentos e assistência farmacêutica"],
                "place_name": "Passo Fundo",
                "days_ago": 101,
                "supporters": ["marlene", "carlos", "tatiane", "lucia"],
                "comments": [
                    {
                        "author": "carlos",
                        "body": (
                            "Na Restinga isso acontece direto. Gente idosa pega dois ônibus e volta para "
                            "casa sem o remédio da pressão."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "lucia",
                        "body": (
                            "Poderia também avisar quando o remédio chegar: a pessoa se cadastra e recebe uma mensagem."
                        ),
                        "replies": [
                            {
                                "author": "fernanda",
                                "body": ("Ótima ideia, Lúcia. Seria simples de fazer e evitaria muita viagem perdida."),
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": {
                    "by": "gabinete",
                    "status": "under_consideration",
                    "body": (
                        "Obrigada, Fernanda. A Secretaria está avaliando publicar o estoque das Farmácias de "
                        "Medicamentos Especiais a partir do sistema estadual, começando por algumas "
                        "regionais. As farmácias municipais usam sistemas diferentes, por isso vamos "
                        "conversar com os municípios antes de assumir um compromisso. Daremos notícias aqui "
                        "até o fim da fase de condensação."
                    ),
                },
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "residencia-interior",
                "author": "rafael",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": ("Mais vagas de residência médica em hospitais do interior, com bolsa complementar do Estado"),
                "body": (
                    "A maioria dos médicos continua trabalhando onde fez a residência. Como a maior parte "
                    "das vagas está em Porto Alegre, o interior segue sem especialistas.\n\n"
                    "Proponho que o Estado abra vagas de residência em Medicina de Família e Comunidade e em "
                    "Clínica Médica em hospitais regionais, com uma bolsa complementar para quem se "
                    "comprometer a trabalhar alguns anos na região depois de formado."
                ),
                "themes": ["Saúde da família", "Gestão e financiamento"],
                "place_name": "Santa Maria",
                "days_ago": 98,
                "supporters": ["joao", "lucia"],
                "comments": [
                    {
                        "author": "lucia",
                        "body": (
                            "Apoio, mas residência sem preceptor bem preparado não funciona. É preciso "
                            "investir também nos profissionais que vão orientar os residentes."
                        ),
                        "replies": [
                            {
                                "author": "rafael",
                                "body": "Com certeza, Lúcia. Parte da bolsa poderia ir para os preceptores.",
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "marlene",
                        "body": (
                            "Em Caxias já temos hospitais com estrutura para isso. Seria bom começar pelas "
                            "cidades médias."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "saude-mental-ubs",
                "author": "lucia",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Acolhimento em saúde mental nas UBS, sem esperar encaminhamento ao CAPS",
                "body": (
                    "Na UBS do Partenon onde trabalho recebemos todos os dias pessoas com ansiedade, "
                    "depressão ou problemas com álcool. O CAPS está lotado e só atende os casos graves, e a "
                    "pessoa fica meses sem nenhum apoio.\n\n"
                    "Proponho que cada UBS tenha um horário semanal de acolhimento em saúde mental, com "
                    "psicólogo de apoio e grupos, e que as equipes recebam formação para acompanhar os casos "
                    "leves e moderados sem encaminhar tudo ao CAPS."
                ),
                "themes": ["Saúde mental", "Atenção básica"],
                "place_name": "Partenon, Porto Alegre",
                "days_ago": 104,
                "supporters": ["marlene", "joao", "carlos", "rafael", "tatiane"],
                "comments": [
                    {
                        "author": "joao",
                        "body": (
                            "Nas visitas a gente encontra muita gente sofrendo calada, principalmente homens "
                            "no meio rural. Um grupo na UBS ajudaria, mas precisa ser num horário em que "
                            "eles possam ir."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "rafael",
                        "body": (
                            "Concordo. A formação das equipes é o ponto-chave: muitos profissionais não se "
                            "sentem preparados para acompanhar esses casos."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "carlos",
                        "body": (
                            "Na Restinga, o grupo de apoio que a paróquia fazia acabou e as pessoas ficaram "
                            "sem nada. Se a UBS assumir, a associação ajuda a divulgar."
                        ),
                        "replies": [
                            {
                                "author": "lucia",
                                "body": (
                                    "Obrigada, Carlos! Divulgar junto com a associação faz toda a diferença, "
                                    "as pessoas confiam mais."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "samu-regional",
                "author": "antonio",
                "co_authors": [],
                "origin": "event",
                "event_name": "Audiência pública do Gabinete Digital em Santa Maria",
                "entered_by": "gabinete",
                "title": "Bases regionais do SAMU nos municípios pequenos, mantidas em consórcio",
                "body": (
                    "Proposta apresentada pelo Seu Antônio, agricultor de São Pedro do Sul, na audiência "
                    "pública de Santa Maria, e registrada pela equipe do Gabinete Digital. Nas palavras "
                    "dele:\n\n"
                    "“Quando o meu vizinho infartou, a ambulância demorou mais de uma hora, porque vinha de "
                    "Santa Maria. Os municípios pequenos da região podiam se juntar e manter uma base do "
                    "SAMU no meio do caminho, com ambulância e equipe, em vez de cada prefeitura ter uma "
                    "ambulância velha que só serve para levar paciente para consulta.”"
                ),
                "themes": ["Urgência e emergência"],
                "place_name": "São Pedro do Sul",
                "days_ago": 100,
                "supporters": ["lucia", "joao", "marlene", "rafael", "fernanda", "carlos", "tatiane"],
                "comments": [
                    {
                        "author": "rafael",
                        "body": (
                            "Os consórcios intermunicipais de saúde já permitem isso. No estágio de urgência "
                            "a gente vê como cada minuto conta no infarto e no AVC."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "tatiane",
                        "body": (
                            "Aqui é a mesma coisa. A gente leva o doente de carro até a cidade porque não dá "
                            "para esperar."
                        ),
                        "replies": [
                            {
                                "author": "gabinete",
                                "body": (
                                    "Tatiane, foi por isso que a proposta do Seu Antônio chamou tanta "
                                    "atenção na audiência. Vamos levar os comentários até ele, que não usa "
                                    "internet."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                    {
                        "author": "joao",
                        "body": (
                            "Junto com a ambulância, seria bom treinar os agentes comunitários em primeiros "
                            "socorros. Muitas vezes somos os primeiros a chegar."
                        ),
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "ubs-horario-estendido",
                "author": "carlos",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "UBS abertas à noite e no sábado nos bairros onde as pessoas trabalham longe",
                "body": (
                    "Na Restinga a maioria trabalha no centro ou em outra cidade e passa duas horas no "
                    "ônibus. Quando chega em casa, o posto já fechou, e a única saída é o "
                    "pronto-atendimento.\n\n"
                    "Proposta: em cada bairro grande, pelo menos uma UBS aberta até as 22 horas e no sábado "
                    "de manhã, com uma equipe própria para esse turno."
                ),
                "themes": ["Atenção básica"],
                "place_name": "Restinga, Porto Alegre",
                "days_ago": 95,
                "supporters": ["marlene"],
                "comments": [
                    {
                        "author": "lucia",
                        "body": (
                            "Faz sentido, mas precisa ser equipe nova, não a mesma equipe fazendo hora "
                            "extra. A gente já está no limite."
                        ),
                        "replies": [
                            {
                                "author": "carlos",
                                "body": "Concordo plenamente. Escrevi “equipe própria” justamente por isso.",
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "prontuario-integrado",
                "author": "lucia",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Prontuário eletrônico integrado entre UBS, pronto-atendimento e hospital",
                "body": (
                    "Quando um paciente nosso vai ao pronto-atendimento, ninguém lá sabe que remédios ele "
                    "toma nem que exames já fez. E quando ele volta à UBS, nós não sabemos o que "
                    "aconteceu.\n\n"
                    "Proposta: um prontuário eletrônico que as UBS, os pronto-atendimentos e os hospitais do "
                    "SUS no estado possam consultar, com o consentimento do paciente, para evitar exames "
                    "repetidos e erros de medicação."
                ),
                "themes": ["Gestão e financiamento", "Urgência e emergência"],
                "place_name": "Porto Alegre",
                "days_ago": 94,
                "supporters": ["fernanda", "rafael", "joao"],
                "comments": [
                    {
                        "author": "fernanda",
                        "body": (
                            "Do lado da farmácia, ver a lista completa de medicamentos evitaria muitas "
                            "interações perigosas. Apoio."
                        ),
                        "replies": [],
                    },
                    {
                        "author": "marlene",
                        "body": ("Só peço cuidado com a privacidade. Não quero qualquer pessoa vendo o meu histórico."),
                        "replies": [
                            {
                                "author": "lucia",
                                "body": (
                                    "Com razão, Marlene. Por isso escrevi “com o consentimento do paciente”: "
                                    "cada acesso deveria ficar registrado, e a pessoa poderia ver quem "
                                    "consultou."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
            {
                "key": "contas-saude-municipio",
                "author": "marlene",
                "co_authors": [],
                "origin": "online",
                "event_name": "",
                "entered_by": "",
                "title": "Prestação de contas da saúde de cada município em linguagem simples",
                "body": (
                    "Sou conselheira municipal de saúde em Caxias do Sul e mesmo eu tenho dificuldade para "
                    "entender os relatórios de gastos.\n\n"
                    "Proposta: que o Estado publique, para cada município, um resumo de uma página com "
                    "quanto foi recebido para a saúde, quanto foi gasto em cada área e quais metas foram "
                    "cumpridas, numa linguagem que qualquer cidadão entenda, e que esse resumo seja "
                    "apresentado nas reuniões dos conselhos de saúde."
                ),
                "themes": ["Gestão e financiamento"],
                "place_name": "Caxias do Sul",
                "days_ago": 92,
                "supporters": ["carlos"],
                "comments": [
                    {
                        "author": "carlos",
                        "body": "Apoio. Na associação a gente tenta acompanhar, mas se perde nos números.",
                        "replies": [],
                    },
                ],
                "answer": None,
                "merge_into": None,
                "reports": [],
            },
        ],
    },
]
