"""Demo: what happened in “Transformed by You” and “O Governador Pergunta” after the ideas
(the content is in `cocreate.demo.challenge_content`).

Everything goes through the services people use, so permissions, counters, notifications and
the action log are what real use produces. The one shortcut is time, as in the budgets demo:
each step runs while the phase that allows it is opened for the moment (`phases_open`), and
what was created is then dated back to when it happened.
"""

import contextlib
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import (
    Attendance,
    Challenge,
    CheckIn,
    CoDesignInvitation,
    CondensedProposal,
    CondensedVote,
    Entry,
    Event,
    EventNote,
    Feedback,
    GateDecision,
    Prize,
    PrizeShare,
    Prototype,
    PrototypeVersion,
    Recognition,
    Registration,
    Rubric,
    SupportMatch,
    SupportNeed,
    SupportOffer,
    Team,
    TeamMember,
    TestSession,
)
from cocreate.challenges.models.support import built_in_support_kinds
from cocreate.challenges.services import condensing, events, judging, prototypes, recognition, support, teams
from cocreate.demo import challenge_content as content
from cocreate.ideas.models import Idea, Theme
from cocreate.spaces.models import Phase, Space, phases_of

LONDON = "Europe/London"


def load(people: dict, organisations: dict, spaces: dict[str, Space], ideas: dict[str, Idea]) -> None:
    _transformed_by_you(spaces["tby"], people, organisations, ideas)
    _governor_asks(spaces["governor"], people, ideas)


# --- Time --------------------------------------------------------------------------------------


def _fresh(space: Space) -> Space:
    return Space.objects.get(pk=space.pk)


@contextlib.contextmanager
def phases_open(space: Space, *activities: str):
    """For the time of the block, the phases of `space` enabling any of `activities` are open
    (from an hour ago to tomorrow); afterwards they get their own dates back."""
    now = timezone.now()
    saved = list(Phase.objects.filter(space=space).values_list("pk", "starts_at", "ends_at", "activities"))
    chosen = [pk for pk, _s, _e, enabled in saved if set(enabled or ()) & set(activities)]
    Phase.objects.filter(pk__in=chosen).update(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1))
    _fresh(space).touch()
    # Phases are remembered per settings version; objects loaded before the change still carry
    # the old version, so what is remembered is forgotten on the way in and out.
    phases_of.cache_clear()
    try:
        yield _fresh(space)
    finally:
        for pk, starts_at, ends_at, _enabled in saved:
            Phase.objects.filter(pk=pk).update(starts_at=starts_at, ends_at=ends_at)
        _fresh(space).touch()
        phases_of.cache_clear()


def _day(days: float, at: str = "10:00", zone: str = LONDON) -> datetime:
    """An aware moment `days` from today at local time `at` in `zone`."""
    local_day = (timezone.now() + timedelta(days=days)).astimezone(ZoneInfo(zone)).date()
    hours, minutes = (int(part) for part in at.split(":"))
    return datetime.combine(local_day, time(hours, minutes), tzinfo=ZoneInfo(zone))


def _dated(model, pks, **fields) -> None:
    model.objects.filter(pk__in=list(pks)).update(**fields)


# --- Transformed by You ---------------------------------------------------------------------------


def _transformed_by_you(space: Space, people: dict, organisations: dict, ideas: dict[str, Idea]) -> None:
    staff = people["organiser"]
    held = {spec["key"]: _event(space, spec, staff, people, ideas) for spec in content.TBY_EVENTS}
    team_by_key = _teams(space, people)
    made = _prototypes(space, staff, people, ideas, team_by_key, held)
    _judging(space, staff, people, team_by_key, made)
    _prizes_and_recognition(space, staff, people, organisations, team_by_key)
    _support(space, staff, people, organisations, team_by_key, made)


def _event(space: Space, spec: dict, staff: Person, people: dict, ideas: dict) -> Event:
    """Create the event in the future, let people register and take part, then date it where it
    belongs (registration is refused once an event has started)."""
    zone = spec.get("time_zone", LONDON)
    days = spec.get("days_long", 1)
    starts, ends = _day(spec["day"], spec["start"], zone), _day(spec["day"] + days - 1, spec["end"], zone)
    placeholder = timezone.now() + timedelta(days=2)
    event = events.event_create(
        person=staff,
        space=space,
        kind=spec["kind"],
        title=spec["title"],
        description=spec["description"],
        starts_at=placeholder,
        ends_at=placeholder + (ends - starts),
        time_zone=zone,
        place_name=spec["place"],
        address=spec["address"],
        capacity=spec["capacity"],
    )
    registrations = {}
    for key, access_needs in spec["registrations"]:
        registrations[key] = events.registration_create(person=people[key], event=event, access_needs=access_needs)
    for key in spec.get("waiting", []):
        events.registration_create(person=people[key], event=event)
    present = {}
    for key in spec["attended"]:
        present[key] = events.attendance_check_in(person=staff, event=event, registration=registrations[key])[0].person
    for key in spec["walk_ins"]:
        present[key] = events.attendance_check_in(person=staff, event=event, name=people[key])[0].person
    for note in spec["notes"]:
        events.event_note_create(
            person=staff,
            event=event,
            title=note["title"],
            body=note["body"],
            contributors=[present[key] for key in note["contributors"]],
        )
    for captured in spec["captured_ideas"]:
        made = events.captured_idea_create(
            person=staff,
            event=event,
            title=captured["title"],
            body=captured["body"],
            authors=[present[captured["author"]]],
        )
        _dated(Idea, [made.idea_id], created_at=starts + timedelta(hours=3))
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=ends)
    if spec["day"] < 0:
        before = starts - timedelta(days=12)
        _dated(Registration, event.registrations.values_list("pk", flat=True), registered_at=before)
        _dated(Attendance, event.attendances.values_list("pk", flat=True), checked_in_at=starts)
        _dated(EventNote, event.notes.values_list("pk", flat=True), created_at=ends)
        events.access_needs_delete()  # as the hourly job would have, after the event
    return Event.objects.get(pk=event.pk)


def _teams(space: Space, people: dict) -> dict[str, Team]:
    camp = _day(-240, "11:00")
    made = {}
    with phases_open(space, "form_team", "join_team") as space:
        for spec in content.TBY_TEAMS:
            (lead_key, _role, lead_brings), *members = spec["members"]
            team = teams.team_create(
                person=people[lead_key],
                space=space,
                name=spec["name"],
                pitch=spec["pitch"],
                skills_wanted=spec["skills_wanted"],
                contribution=lead_brings,
            )
            joining = [(key, role) for key, role, _brings in members] + [(key, "mentor") for key in spec["mentors"]]
            for key, role in joining:
                invitation = teams.team_invite(
                    person=people[lead_key], team=team, invitee=people[key], role=role, message=""
                )
                teams.invitation_answer(person=people[key], invitation=invitation, accept=True)
            made[spec["key"]] = Team.objects.get(pk=team.pk)
    _dated(Team, [t.pk for t in made.values()], created_at=camp)
    _dated(TeamMember, TeamMember.objects.filter(team__space=space).values_list("pk", flat=True), joined_at=camp)
    return made


def _prototypes(space, staff, people, ideas, team_by_key, held) -> dict[str, Prototype]:
    made = {}
    with phases_open(space, "submit_prototype", "give_feedback") as space:
        for spec in content.TBY_PROTOTYPES:
            team = team_by_key[spec["team"]]
            lead = TeamMember.objects.filter(team=team, role="lead").select_related("person").first().person
            first, *later = spec["versions"]
            prototype = prototypes.prototype_submit(
                person=lead,
                space=space,
                title=spec["title"],
                summary=spec["summary"],
                source_ideas=[ideas[key] for key in _team_spec(spec["team"])["ideas"]],
                team=team,
                origin="event",
                event_name=held["camp"].title,
                link=first["link"],
            )
            PrototypeVersion.objects.filter(prototype=prototype, number=1).update(notes=first["notes"])
            _test(prototype, spec["test"], staff, people, held)
            for version in later:
                prototypes.version_add(person=lead, prototype=prototype, notes=version["notes"], link=version["link"])
            made[spec["team"]] = prototype
    for spec in content.TBY_PROTOTYPES:
        prototype = made[spec["team"]]
        for stage, day, by, evidence in spec["gates"]:
            prototypes.gate_decide(person=people[by], prototype=prototype, to_stage=stage, evidence=evidence)
            GateDecision.objects.filter(prototype=prototype, to_stage=stage).update(decided_at=_day(day, "16:00"))
        for number, version in enumerate(spec["versions"], start=1):
            PrototypeVersion.objects.filter(prototype=prototype, number=number).update(
                created_at=_day(version["day"], "17:00")
            )
        _dated(Prototype, [prototype.pk], created_at=_day(spec["versions"][0]["day"], "17:00"))
    return made


def _team_spec(key: str) -> dict:
    return next(spec for spec in content.TBY_TEAMS if spec["key"] == key)


def _test(prototype: Prototype, spec: dict, staff: Person, people: dict, held: dict) -> None:
    """A test session at the event, feedback from people with an account and, on paper, from
    those without one; then dated to the event."""
    now = timezone.now()
    event = held[spec["event"]]
    session = prototypes.test_session_create(
        person=staff,
        prototype=prototype,
        title=spec["title"],
        instructions=spec["instructions"],
        tasks=spec["tasks"],
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
        open_to_everyone_at=now - timedelta(hours=1),
        event=event,
    )
    for key, done, ease, would_use, comments in spec["feedback"]:
        tester = people[key]
        if isinstance(tester, str):  # took part offline: typed in from the paper form
            prototypes.feedback_enter(
                person=staff,
                session=session,
                tester_name=tester,
                tasks_done=done,
                ease=ease,
                would_use=would_use,
                comments=comments,
            )
        else:
            prototypes.feedback_give(
                person=tester, session=session, tasks_done=done, ease=ease, would_use=would_use, comments=comments
            )
    TestSession.objects.filter(pk=session.pk).update(
        starts_at=event.starts_at, ends_at=event.ends_at + timedelta(days=14), open_to_everyone_at=event.starts_at
    )
    _dated(Feedback, session.feedback.values_list("pk", flat=True), created_at=event.starts_at + timedelta(hours=2))


def _judging(space, staff, people, team_by_key, made) -> None:
    spec = content.TBY_RUBRIC
    entries = {}
    with phases_open(space, "submit_entry", "judge") as space:
        for key, team in team_by_key.items():
            lead = TeamMember.objects.filter(team=team, role="lead").select_related("person").first().person
            entries[key] = judging.entry_submit(
                person=lead,
                space=space,
                title=made[key].title,
                description=made[key].summary,
                team=team,
                prototype=made[key],
                repository_url="",
                demo_url=PrototypeVersion.objects.filter(prototype=made[key]).order_by("-number").first().link,
            )
        rubric = judging.rubric_create(
            person=staff,
            space=space,
            title=spec["title"],
            guidance=spec["guidance"],
            mode="scores",
            lowest_score=1,
            highest_score=5,
            normalise=True,
            min_scores_to_normalise=spec["min_scores_to_normalise"],
            trim=0,
            shortlist_size=spec["shortlist_size"],
        )
        criteria = {}
        for name, weight, description, levels in spec["criteria"]:
            criteria[name] = judging.criterion_add(
                person=staff,
                rubric=rubric,
                name=name,
                description=description,
                weight=weight,
                levels={n: text for n, text in enumerate(levels, start=1)},
            )
        for key in spec["judges"]:
            judging.judge_assign(person=staff, rubric=rubric, judge_person=people[key])
        conflicts = {}
        for judge, team, reason in spec["conflicts"]:
            conflicts.setdefault(judge, {})[entries[team].pk] = reason
        for key in spec["judges"]:
            judging.conflicts_declare(person=people[key], rubric=rubric, conflicts=conflicts.get(key, {}))
        order = [name for name, *_rest in spec["criteria"]]
        for judge, marks in spec["scores"].items():
            for team, values in marks.items():
                judging.score_record(
                    person=people[judge],
                    rubric=rubric,
                    entry=entries[team],
                    values={criteria[name].pk: value for name, value in zip(order, values, strict=True)},
                )
        judging.results_publish(
            person=staff,
            rubric=rubric,
            reasons={entries[team].pk: text for team, text in spec["reasons"].items()},
            note=spec["results_note"],
        )
    _dated(Entry, [e.pk for e in entries.values()], submitted_at=_day(-203, "12:00"))
    _dated(Rubric, [rubric.pk], created_at=_day(-204, "09:00"), published_at=_day(-195, "18:00"))


def _prizes_and_recognition(space, staff, people, organisations, team_by_key) -> None:
    awarded = _day(-195, "18:30")
    for spec in content.TBY_PRIZES:
        prize = recognition.prize_award(
            person=staff,
            space=space,
            title=spec["title"],
            amount=Decimal(spec["amount"]),
            currency="GBP",
            team=team_by_key[spec["team"]],
            reason=spec["reason"],
        )
        recognition.prize_split(person=staff, prize=prize)
        for key, status in spec["shares"]:
            share = PrizeShare.objects.get(prize=prize, person=people[key])
            if status != "due":
                recognition.prize_share_record_payment(person=staff, share=share, status=status)
        _dated(Prize, [prize.pk], awarded_at=awarded)
    for kind, person_key, organisation_key, team_key, citation in content.TBY_RECOGNITIONS:
        recognition.recognition_award(
            person=staff,
            space=space,
            kind=kind,
            citation=citation,
            recipient=people[person_key] if person_key else None,
            organisation=organisations[organisation_key] if organisation_key else None,
            team=team_by_key[team_key],
        )
    _dated(Recognition, Recognition.objects.filter(space=space).values_list("pk", flat=True), awarded_at=awarded)


def _support(space, staff, people, organisations, team_by_key, made) -> None:
    kinds = built_in_support_kinds()
    for _organisation, by, name, description in content.TBY_SUPPORT_KINDS:
        kinds[name] = support.support_kind_add(person=people[by], space=space, name=name, description=description)
    started = _day(-194, "09:00")
    with phases_open(space, "ask_for_support", "offer_support") as space:
        offers = {}
        for spec in content.TBY_OFFERS:
            offers[spec["key"]] = support.support_offer_create(
                person=people[spec["by"]],
                space=space,
                kind=kinds[spec["kind"]],
                description=spec["description"],
                organisation=organisations[spec["organisation"]],
                capacity=spec["capacity"],
            )
        for team_key, kind, description, matches in content.TBY_NEEDS:
            team = team_by_key[team_key]
            lead = TeamMember.objects.filter(team=team, role="lead").select_related("person").first().person
            need = support.support_need_create(
                person=lead, team=team, kind=kinds[kind], description=description, prototype=made[team_key]
            )
            for offer_key, status in matches:
                offer = offers[offer_key]
                match = support.support_match_propose(person=staff, need=need, offer=offer, notes="")
                if status in ("agreed", "delivered"):
                    support.support_match_answer(person=lead, match=match, agree=True, side="team")
                    support.support_match_answer(
                        person=people[_offerer(offer_key)], match=match, agree=True, side="partner"
                    )
                if status == "delivered":
                    support.support_match_deliver(person=staff, match=match, notes="")
    _dated(SupportOffer, SupportOffer.objects.filter(space=space).values_list("pk", flat=True), created_at=started)
    _dated(SupportNeed, SupportNeed.objects.filter(team__space=space).values_list("pk", flat=True), created_at=started)
    matches = SupportMatch.objects.filter(need__team__space=space).values_list("pk", flat=True)
    _dated(SupportMatch, matches, created_at=started + timedelta(days=10))
    support.check_ins_schedule(space=space, reference=started)
    for team_key, answers in content.TBY_CHECK_INS.items():
        team = team_by_key[team_key]
        lead = TeamMember.objects.filter(team=team, role="lead").select_related("person").first().person
        for months, alive, stage, notes in answers:
            check_in = CheckIn.objects.get(prototype=made[team_key], months=months)
            support.check_in_answer(person=lead, check_in=check_in, still_alive=alive, stage=stage, notes=notes)
            CheckIn.objects.filter(pk=check_in.pk).update(
                sent_at=check_in.due_at, answered_at=check_in.due_at + timedelta(days=3)
            )


def _offerer(offer_key: str) -> str:
    return next(spec["by"] for spec in content.TBY_OFFERS if spec["key"] == offer_key)


# --- O Governador Pergunta ------------------------------------------------------------------------


def _governor_asks(space: Space, people: dict, ideas: dict[str, Idea]) -> None:
    staff = people["gabinete"]
    # The space was made as a plain challenge space (as the idea phases of the demo are, in
    # `loader`); it is run as an open question, which is what its page offers.
    Challenge.objects.filter(space=space).update(template="open_question")
    themes = {theme.name: theme for theme in Theme.objects.filter(space=space)}
    condensed = {}
    for spec in content.GOVERNOR_CONDENSED:
        condensed[spec["key"]] = condensing.condensed_create(
            person=staff,
            space=space,
            title=spec["title"],
            body=spec["body"],
            theme=themes[spec["theme"]],
            ideas=[ideas[key] for key in spec["originals"]],
        )
    _dated(CondensedProposal, [c.pk for c in condensed.values()], created_at=_day(-50, "15:00", "America/Sao_Paulo"))
    with phases_open(space, "vote_condensed"):
        for key, voters in content.GOVERNOR_VOTES.items():
            for voter in voters:
                condensing.condensed_vote(person=people[voter], condensed=condensed[key])
    _dated(
        CondensedVote,
        CondensedVote.objects.filter(proposal__space=space).values_list("pk", flat=True),
        created_at=_day(-38, "20:00", "America/Sao_Paulo"),
    )
    spec = content.GOVERNOR_CO_DESIGN_EVENT
    event = _event(
        space,
        {**spec, "registrations": [], "attended": [], "walk_ins": [], "notes": [], "captured_ideas": []},
        staff,
        people,
        ideas,
    )
    condensing.co_design_invite(person=staff, space=space, event=event)
    for key, answer in spec["answers"].items():
        for invitation in CoDesignInvitation.objects.filter(condensed__space=space, person=people[key]):
            condensing.co_design_answer(person=people[key], invitation=invitation, accept=answer == "accepted")
        if answer == "accepted":
            events.registration_create(person=people[key], event=event)
    _dated(
        CoDesignInvitation,
        CoDesignInvitation.objects.filter(condensed__space=space).values_list("pk", flat=True),
        sent_at=_day(-28, "10:00", "America/Sao_Paulo"),
    )
