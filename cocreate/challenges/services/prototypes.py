"""Every write about prototypes: submitting and changing them, versions, gate decisions, test
sessions and their invitations, and feedback (given online or typed in from paper). Each
function checks the actor's permission first, validates with a clear message per field, runs in
one transaction and bumps the space's version when public pages change."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cocreate.accounts.models import Person, PersonKind
from cocreate.algorithms.text import clean_text
from cocreate.challenges.activities.prototypes import allowed_stages
from cocreate.challenges.models import (
    Event,
    Feedback,
    GateDecision,
    InvitedBecause,
    Prototype,
    PrototypeSource,
    PrototypeVersion,
    Team,
    TeamMember,
    TestInvitation,
    TestSession,
    WouldUse,
)
from cocreate.challenges.services.cached_pages import ideas_changed, space_changed
from cocreate.ideas.models import Idea, IdeaAuthor, Support
from cocreate.spaces.models import Origin, Space
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.spaces.services import log_action
from cocreate.web.text_fields import text_within, web_address

TITLE_MIN, TITLE_MAX = 5, 150
SUMMARY_MIN, SUMMARY_MAX = 20, 5000
TASKS_MAX, TASK_MAX_LENGTH = 20, 200
EVIDENCE_MIN = 20


def _link(value: str, field: str, errors: dict) -> str:
    return web_address(value, field=field, errors=errors)


def _clean_prototype(title: str, summary: str, errors: dict) -> tuple[str, str]:
    title = text_within(
        title,
        field="title",
        errors=errors,
        minimum=TITLE_MIN,
        maximum=TITLE_MAX,
        too_short=_("Give the prototype a name of at least %(n)s characters.") % {"n": TITLE_MIN},
        too_long=_("Keep the name under %(n)s characters.") % {"n": TITLE_MAX},
    )
    summary = text_within(
        summary,
        field="summary",
        errors=errors,
        minimum=SUMMARY_MIN,
        maximum=SUMMARY_MAX,
        too_short=_("Say in at least %(n)s characters what the prototype is and who it is for.") % {"n": SUMMARY_MIN},
        too_long=_("Keep the description under 5,000 characters."),
    )
    return title, summary


def _clean_sources(space: Space, ideas, errors: dict) -> list[Idea]:
    """Source ideas must be ideas of the same space that people can still see."""
    ids = {getattr(idea, "pk", idea) for idea in ideas or ()}
    found = list(Idea.objects.filter(pk__in=ids, space=space, hidden_at__isnull=True))
    if len(found) != len(ids):
        errors["source_ideas"] = _("Choose ideas from this space only.")
    return found


# --- Prototypes -----------------------------------------------------------------------------


@transaction.atomic
def prototype_submit(
    *,
    person: Person,
    space: Space,
    title: str,
    summary: str,
    source_ideas=(),
    team: Team | None = None,
    origin: str = Origin.ONLINE,
    event_name: str = "",
    link: str = "",
) -> Prototype:
    """Submit a prototype built from ideas of the space, on one's own or for one's team. Its
    first version (number 1) is created with it, so that it can be tested straight away."""
    ensure_can(person, "submit_prototype", space)
    if team is not None:
        if team.space_id != space.pk:
            raise ValidationError({"team": _("Choose one of the teams of this challenge.")})
        if not TeamMember.objects.filter(team=team, person=person).exists():
            raise Refused(refuse(_("Only members of “%(team)s” can submit a prototype for it.") % {"team": team.name}))
    if origin not in (Origin.ONLINE, Origin.EVENT):
        raise ValidationError({"origin": _("Choose whether it was made online or at an event.")})
    errors: dict = {}
    title, summary = _clean_prototype(title, summary, errors)
    ideas = _clean_sources(space, source_ideas, errors)
    event_name = clean_text(event_name)[:200]
    if origin == Origin.EVENT and not event_name:
        errors["event_name"] = _("Name the event where it was made, e.g. “Innovation camp, 3 May”.")
    link = _link(link, "link", errors)
    if errors:
        raise ValidationError(errors)
    prototype = Prototype.objects.create(
        space=space,
        title=title,
        summary=summary,
        team=team,
        created_by=person,
        origin=origin,
        event_name=event_name if origin == Origin.EVENT else "",
    )
    PrototypeSource.objects.bulk_create([PrototypeSource(prototype=prototype, idea=idea) for idea in ideas])
    PrototypeVersion.objects.create(
        prototype=prototype, number=1, notes=_("First version."), link=link, created_by=person
    )
    space_changed(space.pk)
    ideas_changed(idea.pk for idea in ideas)
    return prototype


@transaction.atomic
def prototype_update(*, person: Person, prototype: Prototype, title: str, summary: str, source_ideas=None) -> Prototype:
    """The team (or organisers) change the name, the description or the ideas it came from."""
    prototype = Prototype.objects.select_for_update().select_related("space").get(pk=prototype.pk)
    ensure_can(person, "edit_prototype", prototype)
    errors: dict = {}
    title, summary = _clean_prototype(title, summary, errors)
    ideas = _clean_sources(prototype.space, source_ideas, errors) if source_ideas is not None else None
    if errors:
        raise ValidationError(errors)
    prototype.title, prototype.summary = title, summary
    prototype.save(update_fields=["title", "summary", "updated_at"])
    before = set(prototype.sources.values_list("idea_id", flat=True))
    if ideas is not None:
        after = {idea.pk for idea in ideas}
        PrototypeSource.objects.filter(prototype=prototype).exclude(idea_id__in=after).delete()
        PrototypeSource.objects.bulk_create(
            [PrototypeSource(prototype=prototype, idea_id=pk) for pk in sorted(after - before)]
        )
        before |= after
    if not prototype.is_authored_by(person):
        log_action(actor=person, action="prototype_update", space=prototype.space, target=prototype)
    space_changed(prototype.space_id)
    ideas_changed(before)
    return prototype


@transaction.atomic
def version_add(*, person: Person, prototype: Prototype, notes: str, link: str = "", file=None) -> PrototypeVersion:
    """A new version, numbered after the last one (1, 2, 3…)."""
    prototype = Prototype.objects.select_for_update().select_related("space").get(pk=prototype.pk)
    ensure_can(person, "edit_prototype", prototype)
    errors: dict = {}
    notes = clean_text(notes)
    if len(notes) < 5:
        errors["notes"] = _("Say in a few words what changed in this version.")
    elif len(notes) > 5000:
        errors["notes"] = _("Keep this under 5,000 characters.")
    link = _link(link, "link", errors)
    if errors:
        raise ValidationError(errors)
    last = prototype.versions.aggregate(last=Max("number"))["last"] or 0
    version = PrototypeVersion.objects.create(
        prototype=prototype, number=last + 1, notes=notes, link=link, file=file or "", created_by=person
    )
    space_changed(prototype.space_id)
    return version


# --- Gate decisions -------------------------------------------------------------------------


@transaction.atomic
def gate_decide(
    *, person: Person, prototype: Prototype, to_stage: str, evidence: str, evidence_link: str = ""
) -> GateDecision:
    """Organisers or evaluators move a prototype to another stage, on evidence they record. The
    decision and the new stage are written together; the team and the followers of its source
    ideas are told after the commit."""
    prototype = Prototype.objects.select_for_update().select_related("space").get(pk=prototype.pk)
    ensure_can(person, "decide_gate", prototype)
    errors: dict = {}
    if to_stage not in allowed_stages(prototype.stage):
        if to_stage == prototype.stage:
            errors["to_stage"] = _("The prototype is already at this stage. Choose another stage.")
        else:
            errors["to_stage"] = _(
                "A prototype can move forward to a later stage, or be retired; it cannot go back to an earlier "
                "stage. To try again, add a new version and test it."
            )
    evidence = clean_text(evidence)
    if not evidence:
        errors["evidence"] = _(
            "Record the evidence for this decision: what the tests, the pilot or the figures showed."
        )
    elif len(evidence) < EVIDENCE_MIN:
        errors["evidence"] = _("Describe the evidence in at least %(n)s characters, so others can follow it.") % {
            "n": EVIDENCE_MIN
        }
    elif len(evidence) > 5000:
        errors["evidence"] = _("Keep the evidence under 5,000 characters; link to a longer report.")
    evidence_link = _link(evidence_link, "evidence_link", errors)
    if errors:
        raise ValidationError(errors)
    decision = GateDecision.objects.create(
        prototype=prototype,
        from_stage=prototype.stage,
        to_stage=to_stage,
        evidence=evidence,
        evidence_link=evidence_link,
        decided_by=person,
    )
    prototype.stage = to_stage
    prototype.save(update_fields=["stage", "updated_at"])
    log_action(
        actor=person,
        action="gate_decide",
        space=prototype.space,
        target=prototype,
        from_stage=decision.from_stage,
        to_stage=to_stage,
    )
    space_changed(prototype.space_id)
    ideas_changed(prototype.sources.values_list("idea_id", flat=True))
    from cocreate.challenges.tasks.prototypes import tell_stage_changed

    prototype_id, actor_id = prototype.pk, person.pk
    transaction.on_commit(lambda: tell_stage_changed.enqueue(prototype_id=prototype_id, actor_id=actor_id))
    return decision


# --- Test sessions --------------------------------------------------------------------------


def _clean_tasks(tasks, errors: dict) -> list[str]:
    if isinstance(tasks, str):
        tasks = tasks.splitlines()
    cleaned = [" ".join(clean_text(str(task)).split()) for task in tasks or ()]
    cleaned = [task for task in cleaned if task]
    if not cleaned:
        errors["tasks"] = _("List at least one task for testers to try, e.g. “Book a collection of bulky waste”.")
    elif len(cleaned) > TASKS_MAX:
        errors["tasks"] = _("List at most %(n)s tasks: testers tire after a few.") % {"n": TASKS_MAX}
    elif any(len(task) > TASK_MAX_LENGTH for task in cleaned):
        errors["tasks"] = _("Keep each task under %(n)s characters: one short sentence.") % {"n": TASK_MAX_LENGTH}
    elif len(set(cleaned)) != len(cleaned):
        errors["tasks"] = _("Each task appears once; two of them are the same.")
    return cleaned


def _people_by_email(emails, errors: dict) -> list[Person]:
    if isinstance(emails, str):
        emails = emails.replace(",", "\n").split()
    wanted = {clean_text(e).lower() for e in emails or () if clean_text(e)}
    if not wanted:
        return []
    found = list(Person.objects.filter(email__in=wanted, kind=PersonKind.ACCOUNT, is_active=True))
    missing = wanted - {p.email.lower() for p in found}
    if missing:
        errors["invite_emails"] = _(
            "Nobody has an account with %(emails)s. Check the address, or ask them to sign up first."
        ) % {"emails": ", ".join(sorted(missing))}
    return found


def _invite(session: TestSession, people: dict[int, str]) -> list[int]:
    """Create the invitations that do not exist yet; returns who was newly invited."""
    already = set(TestInvitation.objects.filter(session=session).values_list("person_id", flat=True))
    new = [
        TestInvitation(session=session, person_id=pk, reason=reason)
        for pk, reason in people.items()
        if pk not in already
    ]
    TestInvitation.objects.bulk_create(new, ignore_conflicts=True)
    return [row.person_id for row in new]


def _tell_invited(session: TestSession, person_ids: list[int], actor: Person) -> None:
    if not person_ids:
        return
    from cocreate.challenges.tasks.prototypes import tell_test_invitations

    session_id, actor_id = session.pk, actor.pk
    transaction.on_commit(
        lambda: tell_test_invitations.enqueue(session_id=session_id, person_ids=person_ids, actor_id=actor_id)
    )


@transaction.atomic
def test_session_create(
    *,
    person: Person,
    prototype: Prototype,
    title: str,
    tasks,
    starts_at: datetime,
    ends_at: datetime,
    version: PrototypeVersion | None = None,
    instructions: str = "",
    open_to_everyone_at: datetime | None = None,
    event: Event | None = None,
    invite_emails=(),
) -> TestSession:
    """Open a test session on a version (the latest by default). The authors and supporters of
    the prototype's source ideas are invited automatically; others can be invited by e-mail."""
    prototype = Prototype.objects.select_related("space").get(pk=prototype.pk)
    ensure_can(person, "run_test_session", prototype)
    errors: dict = {}
    title = clean_text(title)
    if len(title) < 3:
        errors["title"] = _("Give the test session a name, e.g. “Testing at Ramsgate library”.")
    elif len(title) > 200:
        errors["title"] = _("Keep the name under 200 characters.")
    instructions = clean_text(instructions)
    if len(instructions) > 5000:
        errors["instructions"] = _("Keep the instructions under 5,000 characters.")
    task_list = _clean_tasks(tasks, errors)
    if version is None:
        version = prototype.versions.order_by("-number").first()
    elif version.prototype_id != prototype.pk:
        errors["version"] = _("Choose one of this prototype's versions.")
    if not starts_at:
        errors["starts_at"] = _("Enter when the session opens.")
    if not ends_at:
        errors["ends_at"] = _("Enter when the session closes.")
    elif starts_at and ends_at <= starts_at:
        errors["ends_at"] = _("The session must close after it opens.")
    if open_to_everyone_at and ends_at and open_to_everyone_at >= ends_at:
        errors["open_to_everyone_at"] = _(
            "Open it to everyone before it closes, or leave this empty to keep it to invited people."
        )
    if event is not None and event.space_id != prototype.space_id:
        errors["event"] = _("Choose one of this challenge's events.")
    invited_by_hand = _people_by_email(invite_emails, errors)
    if errors:
        raise ValidationError(errors)
    session = TestSession.objects.create(
        prototype=prototype,
        version=version,
        title=title,
        instructions=instructions,
        tasks=task_list,
        event=event,
        starts_at=starts_at,
        ends_at=ends_at,
        open_to_everyone_at=open_to_everyone_at,
        created_by=person,
    )
    idea_ids = list(prototype.sources.values_list("idea_id", flat=True))
    invited: dict[int, str] = {}
    for pk in Support.objects.filter(idea_id__in=idea_ids).values_list("person_id", flat=True):
        invited[pk] = InvitedBecause.SUPPORTER
    for pk in IdeaAuthor.objects.filter(idea_id__in=idea_ids).values_list("person_id", flat=True):
        invited[pk] = InvitedBecause.AUTHOR  # an author who also supports is invited as author
    for someone in invited_by_hand:
        invited.setdefault(someone.pk, InvitedBecause.INVITED)
    # The makers do not test their own prototype.
    for pk in prototype.maker_ids():
        invited.pop(pk, None)
    accounts = set(
        Person.objects.filter(pk__in=invited, kind=PersonKind.ACCOUNT, is_active=True).values_list("pk", flat=True)
    )
    _tell_invited(session, _invite(session, {pk: r for pk, r in invited.items() if pk in accounts}), person)
    space_changed(prototype.space_id)
    return session


@transaction.atomic
def test_session_invite(*, person: Person, session: TestSession, invite_emails) -> list[int]:
    """Invite more people by e-mail address (people with an account). Returns who was new."""
    session = TestSession.objects.select_related("prototype__space").get(pk=session.pk)
    ensure_can(person, "run_test_session", session.prototype)
    errors: dict = {}
    people = _people_by_email(invite_emails, errors)
    if not people and not errors:
        errors["invite_emails"] = _("Enter the e-mail address of at least one person to invite.")
    if errors:
        raise ValidationError(errors)
    new = _invite(session, {p.pk: InvitedBecause.INVITED for p in people})
    _tell_invited(session, new, person)
    return new


# --- Feedback -------------------------------------------------------------------------------


def _clean_feedback(session: TestSession, tasks_done, ease, would_use, comments) -> dict:
    errors: dict = {}
    tasks_done = list(tasks_done or [])
    if len(tasks_done) != len(session.tasks) or not all(isinstance(done, bool) for done in tasks_done):
        errors["tasks_done"] = _(
            "Say for each of the %(n)s tasks whether you managed it (true or false, in the session's order)."
        ) % {"n": len(session.tasks)}
    try:
        ease = int(ease)
    except (TypeError, ValueError):
        ease = 0
    if not 1 <= ease <= 5:
        errors["ease"] = _("Choose how easy it was, from 1 (very hard) to 5 (very easy).")
    if would_use not in WouldUse.values:
        errors["would_use"] = _("Choose whether you would use it: yes, maybe or no.")
    comments = clean_text(comments or "")
    if len(comments) > 5000:
        errors["comments"] = _("Keep your comments under 5,000 characters.")
    if errors:
        raise ValidationError(errors)
    return {"tasks_done": tasks_done, "ease": ease, "would_use": would_use, "comments": comments}


def _already_given() -> Refused:
    return Refused(
        refuse(_("You have already given feedback in this test session. Thank you: each person gives it once."))
    )


@transaction.atomic
def feedback_give(
    *, person: Person, session: TestSession, tasks_done, ease, would_use: str, comments: str = ""
) -> Feedback:
    """A tester's own feedback: once per person per session (the database makes sure)."""
    session = TestSession.objects.select_related("prototype__space").get(pk=session.pk)
    ensure_can(person, "give_feedback", session)
    if Feedback.objects.filter(session=session, person=person).exists():
        raise _already_given()
    cleaned = _clean_feedback(session, tasks_done, ease, would_use, comments)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(session=session, person=person, **cleaned)
    except IntegrityError:
        raise _already_given()
    space_changed(session.prototype.space_id)
    return feedback


@transaction.atomic
def feedback_enter(
    *,
    person: Person,
    session: TestSession,
    tester_name: str = "",
    tasks_done,
    ease,
    would_use: str,
    comments: str = "",
) -> Feedback:
    """The team or staff type in feedback given on paper or in person at a session: it is kept
    under a person who took part offline, with who typed it in."""
    session = TestSession.objects.select_related("prototype__space").get(pk=session.pk)
    ensure_can(person, "run_test_session", session.prototype)
    cleaned = _clean_feedback(session, tasks_done, ease, would_use, comments)
    name = clean_text(tester_name)[:80] or _("Anonymous")
    tester = Person.objects.create(kind=PersonKind.OFFLINE, display_name=name)
    feedback = Feedback.objects.create(session=session, person=tester, entered_by=person, **cleaned)
    log_action(actor=person, action="feedback_enter", space=session.prototype.space, target=feedback)
    space_changed(session.prototype.space_id)
    return feedback
