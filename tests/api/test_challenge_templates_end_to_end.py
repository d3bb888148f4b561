"""Each challenge template run end to end through the API only: a member of staff starts the
challenge from the template (POST /api/challenges), moves it from phase to phase by changing the
phases' dates (PUT /api/phases/{id}, as staff would on the phase pages), and people do each phase's
steps through the endpoints. Only what the API cannot do is set up with the ORM and factories:
organisations, people (their skills and fields of expertise), memberships and sub-themes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Membership
from cocreate.ideas.models import Theme
from cocreate.spaces.models import Space
from tests.api.api_client import assert_error
from tests.challenges.teams_factories import person_with
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _staff_of(organisation):
    staff = PersonFactory()
    Membership.objects.create(person=staff, organisation=organisation, role="staff")
    return staff


def _start(staff_api, organisation, template: str) -> tuple[str, list[int]]:
    """Start a challenge from `template` and return its slug and the ids of its phases in order."""
    response = staff_api.post(
        "/challenges",
        {
            "organisation": organisation.slug,
            "template": template,
            "title": f"Better buses ({template})",
            "summary": "How should buses serve the town?",
            "question": "What would make the buses better for you?",
            "starts_at": (timezone.now() + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["template"] == template
    slug = response.json()["space"]
    phases = staff_api.get(f"/spaces/{slug}/phases").json()
    assert phases and all(p["state"] == "upcoming" for p in phases)
    return slug, [p["id"] for p in phases]


def _open_phase(staff_api, slug: str, phase_ids: list[int], number: int) -> dict:
    """Staff move the challenge to phase `number`: the phases before it end, it opens now, the
    later ones start afterwards. Each phase keeps its title, description and activities."""
    phases = {p["id"]: p for p in staff_api.get(f"/spaces/{slug}/phases").json()}
    now = timezone.now()
    opened = None
    for index, phase_id in enumerate(phase_ids):
        phase = phases[phase_id]
        starts = now - timedelta(hours=1) + timedelta(days=10) * (index - number)
        body = {
            "title": phase["title"],
            "description": phase["description"],
            "activities": phase["activities"],
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(days=10) - timedelta(minutes=1)).isoformat(),
        }
        response = staff_api.put(f"/phases/{phase_id}", body)
        assert response.status_code == 200, response.content
        if index == number:
            opened = response.json()
    assert opened["state"] == "open"
    space = staff_api.get(f"/spaces/{slug}").json()
    assert set(opened["activities"]) <= set(space["open_activities"])
    return opened


def _event(staff_api, slug: str, kind: str, title: str, capacity=None) -> dict:
    starts = timezone.now() + timedelta(days=2)
    response = staff_api.post(
        f"/spaces/{slug}/events",
        {
            "kind": kind,
            "title": title,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=6)).isoformat(),
            "time_zone": "Europe/London",
            "place_name": "Maidstone library",
            "capacity": capacity,
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def _register(api, slug: str, event_id: int) -> dict:
    response = api.post(f"/spaces/{slug}/events/{event_id}/registration", {"access_needs": ""})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "confirmed"
    return response.json()


def _form_team(api, slug: str, name: str) -> dict:
    response = api.post(f"/spaces/{slug}/teams", {"name": name, "pitch": "Buses people can rely on"})
    assert response.status_code == 201, response.content
    assert response.json()["members"][0]["role"] == "lead"
    return response.json()


def _invite_and_accept(lead_api, member_api, slug: str, team_id: int, email: str) -> None:
    invited = lead_api.post(f"/spaces/{slug}/teams/{team_id}/invitations", {"email": email})
    assert invited.status_code == 201, invited.content
    answered = member_api.post(f"/spaces/{slug}/team-invitations/{invited.json()['id']}/answer", {"accept": True})
    assert answered.status_code == 200 and answered.json()["status"] == "accepted", answered.content


def test_a_competition_runs_end_to_end_through_the_api(api_as, visitor):
    """Ideas → workshop with registration and check-in → a team formed and joined at the camp →
    prototype → test session and feedback → gate decision → entry → rubric, judge, conflicts,
    scores → published results → support asked, offered, matched, agreed, delivered → a prize and
    a public credit."""
    council = OrganisationFactory()
    staff_person = _staff_of(council)
    staff = api_as(staff_person)
    slug, phases = _start(staff, council, "competition")

    # Phase 1: people share ideas and support them.
    _open_phase(staff, slug, phases, 0)
    author, lead_person, member_person = PersonFactory(), PersonFactory(), PersonFactory()
    idea = api_as(author).post(
        f"/spaces/{slug}/ideas", {"title": "Live bus times at stops", "body": "Screens at every stop in town."}
    )
    assert idea.status_code == 201, idea.content
    idea_id = idea.json()["id"]
    assert [i["id"] for i in visitor.get(f"/spaces/{slug}/ideas").json()["items"]] == [idea_id]

    # Phase 2: the workshop; people register and staff check them in.
    _open_phase(staff, slug, phases, 1)
    refused = api_as(lead_person).post(f"/spaces/{slug}/teams", {"name": "Too early"})
    assert_error(refused, 403)  # teams form at the camp, which has not opened yet
    workshop = _event(staff, slug, "workshop", "Workshop: develop the ideas", capacity=20)
    for person in (author, lead_person):
        _register(api_as(person), slug, workshop["id"])
    event_path = f"/spaces/{slug}/events/{workshop['id']}"
    moved = staff.patch(event_path, {"starts_at": (timezone.now() - timedelta(minutes=5)).isoformat()})
    assert moved.status_code == 200, moved.content
    registrations = staff.get(f"{event_path}/registrations").json()
    assert registrations["count"] == 2
    for row in registrations["items"]:
        checked = staff.post(f"{event_path}/check-ins", {"registration": row["id"]})
        assert checked.status_code == 201, checked.content
    assert staff.get(f"{event_path}/check-ins").json()["count"] == 2

    # Phase 3: the innovation camp; a team forms, someone joins, the team submits a prototype.
    _open_phase(staff, slug, phases, 2)
    team = _form_team(api_as(lead_person), slug, "Stop screens")
    asked = api_as(member_person).post(f"/spaces/{slug}/teams/{team['id']}/join-requests", {"message": "I code"})
    assert asked.status_code == 201 and asked.json()["status"] == "pending", asked.content
    accepted = api_as(lead_person).post(
        f"/spaces/{slug}/team-invitations/{asked.json()['id']}/answer", {"accept": True}
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", accepted.content
    assert len(visitor.get(f"/spaces/{slug}/teams/{team['id']}").json()["members"]) == 2
    prototype = api_as(member_person).post(
        f"/spaces/{slug}/prototypes",
        {
            "title": "Stop screens",
            "summary": "A cheap screen at each stop showing the next buses.",
            "source_ideas": [idea_id],
            "team": team["id"],
            "link": "https://example.org/screens",
        },
    )
    assert prototype.status_code == 201, prototype.content
    prototype_id = prototype.json()["id"]
    assert prototype.json()["stage"] == "concept"

    # Phase 4: people test the prototype; staff decide the gate; the team enters; judges score.
    _open_phase(staff, slug, phases, 3)
    session = api_as(lead_person).post(
        f"/spaces/{slug}/prototypes/{prototype_id}/tests",
        {
            "title": "Testing at the library",
            "tasks": ["Find the next bus", "Read the screen from the bench"],
            "starts_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "ends_at": (timezone.now() + timedelta(days=3)).isoformat(),
        },
    )
    assert session.status_code == 201, session.content
    feedback = api_as(author).post(  # the idea's author is invited to test it
        f"/spaces/{slug}/prototypes/tests/{session.json()['id']}/feedback",
        {"tasks_done": [True, True], "ease": 4, "would_use": "yes", "comments": "Clear."},
    )
    assert feedback.status_code == 201, feedback.content
    summary = api_as(lead_person).get(f"/spaces/{slug}/prototypes/{prototype_id}/feedback").json()
    assert summary["versions"][0]["testers"] == 1
    gate = staff.post(
        f"/spaces/{slug}/prototypes/{prototype_id}/stage",
        {"to_stage": "tested", "evidence": "Residents read the next bus from the bench without help."},
    )
    assert gate.status_code == 201 and gate.json()["to_stage"] == "tested", gate.content
    entry = api_as(lead_person).post(f"/spaces/{slug}/entries", {"title": "Stop screens", "team": team["id"]})
    assert entry.status_code == 201, entry.content
    entry_id = entry.json()["id"]
    rubric = staff.post(
        f"/spaces/{slug}/rubrics", {"title": "Final judging", "lowest_score": 1, "highest_score": 3, "normalise": False}
    )
    assert rubric.status_code == 201, rubric.content
    rubric_path = f"/spaces/{slug}/rubrics/{rubric.json()['id']}"
    criterion = staff.post(
        f"{rubric_path}/criteria",
        {"name": "Impact", "levels": [{"score": s, "description": f"Level {s}"} for s in (1, 2, 3)]},
    )
    assert criterion.status_code == 201, criterion.content
    judge_person = PersonFactory()
    assert staff.post(f"{rubric_path}/judges", {"email": judge_person.email}).status_code == 201
    judge = api_as(judge_person)
    assert judge.put(f"{rubric_path}/conflicts", {"conflicts": []}).status_code == 200
    scored = judge.put(
        f"{rubric_path}/entries/{entry_id}/scores",
        {"scores": [{"criterion": criterion.json()["id"], "score": 3, "comment": "Useful"}]},
    )
    assert scored.status_code == 200, scored.content
    published = staff.post(
        f"{rubric_path}/results", {"reasons": [{"entry": entry_id, "reason": "Tested with residents."}]}
    )
    assert published.status_code == 201, published.content
    results = visitor.get(f"{rubric_path}/results").json()["results"]
    assert [(r["title"], r["rank"], r["reason"]) for r in results] == [("Stop screens", 1, "Tested with residents.")]

    # Phase 5: support after the competition.
    _open_phase(staff, slug, phases, 4)
    funder = OrganisationFactory(kind="funder")
    helper_person = _staff_of(funder)
    kinds = {k["code"]: k["id"] for k in visitor.get(f"/spaces/{slug}/support/kinds").json()}
    need = api_as(lead_person).post(
        f"/spaces/{slug}/support/needs",
        {"team": team["id"], "kind": kinds["funding"], "description": "Money for a pilot on two routes."},
    )
    assert need.status_code == 201, need.content
    offer = api_as(helper_person).post(
        f"/spaces/{slug}/support/offers",
        {"kind": kinds["funding"], "description": "Up to £5,000 for a pilot.", "organisation": funder.pk},
    )
    assert offer.status_code == 201, offer.content
    match = staff.post(f"/spaces/{slug}/support/matches", {"need": need.json()["id"], "offer": offer.json()["id"]})
    assert match.status_code == 201 and match.json()["status"] == "proposed", match.content
    match_path = f"/spaces/{slug}/support/matches/{match.json()['id']}"
    assert api_as(lead_person).post(f"{match_path}/answer", {"agree": True}).json()["team_agreed"] is True
    agreed = api_as(helper_person).post(f"{match_path}/answer", {"agree": True}).json()
    assert agreed["status"] == "agreed"
    delivered = staff.post(f"{match_path}/delivery", {"notes": "Paid in May."})
    assert delivered.status_code == 200 and delivered.json()["status"] == "delivered", delivered.content
    assert visitor.get(f"/spaces/{slug}/support/needs", {"status": "met"}).json()["count"] == 1

    # Recognition: a prize for the team and a public credit for the funder.
    prize = staff.post(f"/spaces/{slug}/prizes", {"title": "Best prototype", "amount": "1000", "team": team["id"]})
    assert prize.status_code == 201, prize.content
    split = staff.put(f"/spaces/{slug}/prizes/{prize.json()['id']}/split", {"how": "equal"})
    assert split.status_code == 200 and [s["amount"] for s in split.json()["shares"]] == ["500.00", "500.00"]
    credit = staff.post(
        f"/spaces/{slug}/recognitions",
        {"kind": "public_credit", "citation": "Funded the pilot on two routes.", "organisation": funder.pk},
    )
    assert credit.status_code == 201, credit.content
    assert [p["title"] for p in visitor.get(f"/spaces/{slug}/prizes").json()] == ["Best prototype"]
    assert visitor.get(f"/spaces/{slug}/credits").json()[0]["thanked"] == funder.name


def test_an_open_question_runs_end_to_end_through_the_api(api_as, visitor):
    """Proposals with sub-themes → condensed proposals → votes by sub-theme (the limit refused with
    its message) → the vote closes → co-design invitations → an author accepts."""
    council = OrganisationFactory()
    staff = api_as(_staff_of(council))
    slug, phases = _start(staff, council, "open_question")
    # There is no API for sub-themes: staff add them on the site, so the test makes them here.
    space = Space.objects.get(slug=slug)
    health = Theme.objects.create(space=space, name="Health")
    transport = Theme.objects.create(space=space, name="Transport")

    # Phase 1: people send proposals, each under a sub-theme.
    _open_phase(staff, slug, phases, 0)
    authors = [PersonFactory() for _ in range(3)]
    ideas = []
    for author, (title, theme) in zip(
        authors,
        (("Clinics open late", health), ("Evening GP surgeries", health), ("Night buses", transport)),
        strict=True,
    ):
        made = api_as(author).post(
            f"/spaces/{slug}/ideas", {"title": title, "body": f"{title}, please.", "themes": [theme.pk]}
        )
        assert made.status_code == 201, made.content
        assert made.json()["themes"] == [theme.name]
        ideas.append(made.json()["id"])

    # Phase 2: staff condense similar proposals.
    _open_phase(staff, slug, phases, 1)
    proposals = f"/spaces/{slug}/condensed-proposals"
    late = staff.post(
        proposals,
        {
            "title": "Health care in the evening",
            "body": "Clinics and surgeries open in the evening.",
            "theme": health.pk,
            "ideas": ideas[:2],
        },
    )
    assert late.status_code == 201, late.content
    assert sorted(late.json()["originals"]) == sorted(ideas[:2])
    buses = staff.post(
        proposals,
        {"title": "Buses at night", "body": "Buses after midnight.", "theme": transport.pk, "ideas": ideas[2:]},
    )
    assert buses.status_code == 201, buses.content
    second_health = staff.post(
        proposals,
        {"title": "More doctors", "body": "More doctors in the town.", "theme": health.pk, "ideas": ideas[1:2]},
    )
    assert second_health.status_code == 201, second_health.content

    # Phase 3: people vote, one proposal per sub-theme.
    _open_phase(staff, slug, phases, 2)
    voter = api_as(PersonFactory())
    assert voter.post(f"{proposals}/{late.json()['id']}/vote").status_code == 201
    assert voter.post(f"{proposals}/{buses.json()['id']}/vote").status_code == 201
    assert_error(
        voter.post(f"{proposals}/{second_health.json()['id']}/vote"),
        422,
        detail="You have already chosen 1 proposal in Health; withdraw that vote to choose this one.",
    )
    assert api_as(PersonFactory()).post(f"{proposals}/{late.json()['id']}/vote").status_code == 201

    # Phase 4: the vote is closed; staff invite the authors of the top proposal of each sub-theme.
    _open_phase(staff, slug, phases, 3)
    assert_error(voter.post(f"{proposals}/{buses.json()['id']}/vote"), 403)
    groups = {g["theme_name"]: g for g in visitor.get(f"{proposals}/results").json()}
    assert [p["id"] for p in groups["Health"]["proposals"] if p["invited_place"]] == [late.json()["id"]]
    co_design_day = _event(staff, slug, "co_design", "Co-design day")
    sent = staff.post(f"/spaces/{slug}/co-design/invitations", {"event": co_design_day["id"]})
    assert sent.status_code == 201, sent.content
    invited = {i["person"]: i for i in sent.json()}
    assert set(invited) == {a.pk for a in authors}
    answered = api_as(authors[0]).put(
        f"/spaces/{slug}/co-design/invitations/{invited[authors[0].pk]['id']}/answer", {"accept": True}
    )
    assert answered.status_code == 200 and answered.json()["status"] == "accepted", answered.content
    statuses = {i["person"]: i["status"] for i in staff.get(f"/spaces/{slug}/co-design/invitations").json()["items"]}
    assert statuses[authors[0].pk] == "accepted" and statuses[authors[2].pk] == "sent"


def test_a_hackathon_runs_end_to_end_through_the_api(api_as, visitor):
    """Dataset → hack day registration → teams → entries with repository and demo links →
    pairwise judging → published results."""
    council = OrganisationFactory()
    staff = api_as(_staff_of(council))
    slug, phases = _start(staff, council, "hackathon")
    dataset = staff.post(
        f"/spaces/{slug}/datasets",
        {"title": "Bus stops", "url": "https://data.example.org/stops", "licence": "OGL", "data_format": "CSV"},
    )
    assert dataset.status_code == 201, dataset.content
    assert [d["title"] for d in visitor.get(f"/spaces/{slug}/datasets").json()] == ["Bus stops"]

    # Phase 1: register for the hack day and form teams.
    _open_phase(staff, slug, phases, 0)
    hack_day = _event(staff, slug, "hack_day", "Hack day", capacity=50)
    leads = [PersonFactory(), PersonFactory()]
    coder = PersonFactory(email="coder@example.org")
    for person in (*leads, coder):
        _register(api_as(person), slug, hack_day["id"])
    teams = [_form_team(api_as(lead), slug, name) for lead, name in zip(leads, ("Owls", "Larks"), strict=True)]
    _invite_and_accept(api_as(leads[0]), api_as(coder), slug, teams[0]["id"], "coder@example.org")

    # Phase 2: hack and submit, with links to the code and a demo.
    _open_phase(staff, slug, phases, 1)
    assert_error(
        api_as(leads[0]).post(f"/spaces/{slug}/entries", {"title": "Bus times", "team": teams[0]["id"]}),
        422,
        "repository_url",
        "A hackathon entry needs a link to its code repository or to its demo.",
    )
    entries = []
    for lead, team, title in zip(leads, teams, ("Bus times", "Stop finder"), strict=True):
        made = api_as(lead).post(
            f"/spaces/{slug}/entries",
            {
                "title": title,
                "team": team["id"],
                "repository_url": f"https://github.com/example/{team['name'].lower()}",
                "demo_url": f"https://{team['name'].lower()}.example.org",
            },
        )
        assert made.status_code == 201, made.content
        entries.append(made.json()["id"])
    assert visitor.get(f"/spaces/{slug}/entries").json()["count"] == 2

    # Phase 3: a judge compares the entries two at a time; staff publish.
    _open_phase(staff, slug, phases, 2)
    rubric = staff.post(f"/spaces/{slug}/rubrics", {"title": "Hack judging", "mode": "pairwise"})
    assert rubric.status_code == 201 and rubric.json()["mode"] == "pairwise", rubric.content
    rubric_path = f"/spaces/{slug}/rubrics/{rubric.json()['id']}"
    judge_person = PersonFactory()
    assert staff.post(f"{rubric_path}/judges", {"email": judge_person.email}).status_code == 201
    judge = api_as(judge_person)
    assert judge.put(f"{rubric_path}/conflicts", {"conflicts": []}).status_code == 200
    pair = judge.get(f"{rubric_path}/next-pair").json()
    assert {pair["first"]["id"], pair["second"]["id"]} == set(entries)
    better = "first" if pair["first"]["id"] == entries[1] else "second"
    compared = judge.post(
        f"{rubric_path}/comparisons", {"first": pair["first"]["id"], "second": pair["second"]["id"], "better": better}
    )
    assert compared.status_code == 201 and compared.json()["winner"] == entries[1], compared.content
    assert judge.get(f"{rubric_path}/next-pair").json()["first"] is None
    published = staff.post(f"{rubric_path}/results", {"note": "Thank you all."})
    assert published.status_code == 201, published.content
    results = visitor.get(f"{rubric_path}/results").json()
    assert [r["title"] for r in results["results"]] == ["Stop finder", "Bus times"]
    assert results["results"][0]["rank"] == 1 and results["note"] == "Thank you all."


def test_a_partnered_challenge_runs_end_to_end_through_the_api(api_as, visitor):
    """The composition rules are shown; a team's entry is refused with what it still needs, then
    accepted once a member of a public agency joins."""
    council = OrganisationFactory()
    staff = api_as(_staff_of(council))
    slug, phases = _start(staff, council, "partnered")
    rules = visitor.get(f"/spaces/{slug}/challenge").json()["composition_rules"]
    assert [(r["label"], r["match"], r["value"]) for r in rules] == [
        ("a digital specialist", "expertise", "Digital technology"),
        ("a public-service provider", "organisation_kind", "public_agency"),
    ]

    # Phase 2: teams form; the team shows what it still needs.
    _open_phase(staff, slug, phases, 1)
    dana = person_with(expertise=["Digital technology"], display_name="Dana")
    sam = person_with(skills=["Design"], display_name="Sam", email="sam@example.org")
    team = _form_team(api_as(dana), slug, "Bus partners")
    assert team["still_needs"] == ["a public-service provider"]
    _invite_and_accept(api_as(dana), api_as(sam), slug, team["id"], "sam@example.org")

    # Phase 3: the entry is refused while the rules are not met.
    _open_phase(staff, slug, phases, 2)
    body = {"title": "Bus buddy", "team": team["id"], "description": "Pairs new riders with regulars."}
    assert_error(
        api_as(dana).post(f"/spaces/{slug}/entries", body),
        422,
        "team",
        "This team still needs: a public-service provider. Invite people on the “looking for a team” board",
    )
    pat = person_with(organisation_kind="public_agency", display_name="Pat", email="pat@example.org")
    on_board = api_as(pat).put(f"/spaces/{slug}/board/me", {"note": "I run the bus service"})
    assert on_board.status_code == 201, on_board.content
    _invite_and_accept(api_as(dana), api_as(pat), slug, team["id"], "pat@example.org")
    assert visitor.get(f"/spaces/{slug}/teams/{team['id']}").json()["still_needs"] == []
    entry = api_as(dana).post(f"/spaces/{slug}/entries", body)
    assert entry.status_code == 201, entry.content
    assert entry.json()["team"] == "Bus partners"
    assert [e["title"] for e in visitor.get(f"/spaces/{slug}/entries").json()["items"]] == ["Bus buddy"]
