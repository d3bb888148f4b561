"""Every write about teams: forming one, inviting people and asking to join, answering,
changing roles, removing members, leaving, and the "looking for a team" board.

Rules kept here, with the database as the last word:
- a person is in a team once (unique constraint), with one pending invitation or request per
  team (unique constraint);
- when the challenge says so, a person is lead or member of one team only; mentors may help
  several teams and are not counted in sizes or composition rules;
- a team never grows past the challenge's largest size: joins lock the challenge row, so two
  people accepting at the same moment cannot both take the last place (nor join two teams);
- a team always has a lead while it has members.

Composition rules ("at least one public-service provider") do not stop people joining or
leaving: a team forms one person at a time. They are shown on the team page, a member leaving
is warned of what the team will then lack, and they are enforced when a team submits an entry
or a prototype: `ensure_team_composition(team)` (composition rules and the smallest team size)
is for those services to call; `team_composition_problems(team)` lists the unmet rules.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.accounts.models import Person, Skill
from cocreate.algorithms.team_composition import Shortfall
from cocreate.algorithms.text import clean_text
from cocreate.challenges.models import (
    Challenge,
    InvitationDirection,
    InvitationStatus,
    Team,
    TeamInvitation,
    TeamMember,
    TeamRole,
    TeamSeeker,
)
from cocreate.challenges.selectors.teams import rules_of, shortfalls, traits_of
from cocreate.challenges.services.cached_pages import space_changed
from cocreate.notifications.models import NotificationKind
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.spaces.services import log_action

NAME_MAX, PITCH_MAX, MESSAGE_MAX, NOTE_MAX = 120, 3000, 1000, 1000
SKILLS_WANTED_MAX = 20


def _challenge(space: Space, *, lock: bool = False) -> Challenge:
    challenges = Challenge.objects.filter(space_id=space.pk)
    if lock:
        challenges = challenges.select_for_update()
    challenge = challenges.first()
    if challenge is None:
        raise ValidationError(_("Teams can be formed only in challenges."))
    return challenge


def _link(team: Team) -> str:
    return reverse("challenges:teams_team", kwargs={"slug": team.space.slug, "team_id": team.pk})


def _tell(kind: str, recipient_ids, team: Team, actor) -> None:
    from cocreate.challenges.tasks.teams import tell_about_team

    arguments = {
        "kind": kind,
        "recipient_ids": sorted(set(recipient_ids)),
        "title": team.name,
        "link": _link(team),
        "actor_id": actor.pk if actor else None,
    }
    transaction.on_commit(lambda: tell_about_team.enqueue(**arguments))


def _lead_ids(team: Team) -> list[int]:
    return list(TeamMember.objects.filter(team=team, role=TeamRole.LEAD).values_list("person_id", flat=True))


def _fresh(team: Team) -> Team:
    """The team with its members as they are now (permission checks read them)."""
    fresh = Team.objects.select_related("space").prefetch_related("members").get(pk=team.pk)
    return fresh


def _other_team(challenge: Challenge, person: Person, *, excluding: Team | None = None) -> Team | None:
    """The active team of the challenge the person leads or is a member of, if any."""
    memberships = TeamMember.objects.filter(
        person=person, team__space_id=challenge.space_id, team__disbanded_at__isnull=True
    ).exclude(role=TeamRole.MENTOR)
    if excluding is not None:
        memberships = memberships.exclude(team=excluding)
    found = memberships.select_related("team").first()
    return found.team if found else None


def _check_may_join(challenge: Challenge, team: Team, person: Person, role: str, *, field: str = "person") -> None:
    """Refuse (with what to do instead) a join that would break the challenge's team rules."""
    if role == TeamRole.MENTOR:
        return
    if challenge.one_team_per_person:
        other = _other_team(challenge, person, excluding=team)
        if other is not None:
            raise ValidationError(
                {
                    field: _(
                        "%(who)s is already in the team “%(team)s”: in this challenge each person joins one team. "
                        "Leave that team first, or join as a mentor."
                    )
                    % {"who": person.public_name, "team": other.name}
                }
            )
    if challenge.team_max_size is not None:
        counted = TeamMember.objects.filter(team=team).exclude(role=TeamRole.MENTOR).count()
        if counted >= challenge.team_max_size:
            raise ValidationError(
                {
                    field: ngettext(
                        "The team “%(team)s” is full: teams have at most %(n)s member.",
                        "The team “%(team)s” is full: teams have at most %(n)s members.",
                        challenge.team_max_size,
                    )
                    % {"team": team.name, "n": challenge.team_max_size}
                }
            )


def _skills(names) -> list[Skill]:
    """The skills with these names, added to the list of skills when new (matched without
    regard to case, so “Design” and “design” are one skill)."""
    if isinstance(names, str):
        names = names.split(",")
    wanted: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())[:120]
        if name:
            wanted.setdefault(name.casefold(), name)
    if len(wanted) > SKILLS_WANTED_MAX:
        raise ValidationError({"skills_wanted": _("List at most %(n)s skills.") % {"n": SKILLS_WANTED_MAX}})
    found = []
    for name in wanted.values():
        skill = Skill.objects.filter(name__iexact=name).first()
        if skill is None:
            try:
                with transaction.atomic():
                    skill = Skill.objects.create(name=name)
            except IntegrityError:
                skill = Skill.objects.get(name__iexact=name)
        found.append(skill)
    return found


def _clean_team(fields: dict, *, space: Space, current: Team | None = None) -> dict:
    errors: dict = {}
    cleaned: dict = {}
    if "name" in fields or current is None:
        name = clean_text(fields.get("name") or "")
        if len(name) < 2:
            errors["name"] = _("Give the team a name of at least 2 characters.")
        elif len(name) > NAME_MAX:
            errors["name"] = _("Keep the name under %(n)s characters.") % {"n": NAME_MAX}
        elif Team.objects.filter(space=space, name__iexact=name).exclude(pk=current.pk if current else None).exists():
            errors["name"] = _("There is already a team called “%(name)s” here. Choose another name.") % {"name": name}
        cleaned["name"] = name
    if "pitch" in fields:
        pitch = clean_text(fields.get("pitch") or "")
        if len(pitch) > PITCH_MAX:
            errors["pitch"] = _("Keep this under %(n)s characters.") % {"n": PITCH_MAX}
        cleaned["pitch"] = pitch
    if "looking_for_members" in fields:
        cleaned["looking_for_members"] = bool(fields["looking_for_members"])
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def team_create(
    *, person: Person, space: Space, name: str, pitch: str = "", skills_wanted=(), contribution: str = ""
) -> Team:
    """Form a team; its founder is its lead."""
    ensure_can(person, "form_team", space)
    challenge = _challenge(space, lock=True)
    cleaned = _clean_team({"name": name, "pitch": pitch}, space=space)
    other = _other_team(challenge, person) if challenge.one_team_per_person else None
    if other is not None:
        raise ValidationError(
            {
                "name": _(
                    "You are already in the team “%(team)s”: in this challenge each person joins one team. "
                    "Leave it first to form another."
                )
                % {"team": other.name}
            }
        )
    skills = _skills(skills_wanted)
    try:
        with transaction.atomic():
            team = Team.objects.create(space=space, created_by=person, **cleaned)
    except IntegrityError:
        raise ValidationError({"name": _("There is already a team with this name here. Choose another name.")})
    team.skills_wanted.set(skills)
    TeamMember.objects.create(team=team, person=person, role=TeamRole.LEAD, contribution=clean_text(contribution)[:200])
    TeamSeeker.objects.filter(space=space, person=person).delete()
    space_changed(space.pk)
    return team


@transaction.atomic
def team_update(*, person: Person, team: Team, skills_wanted=None, **fields) -> Team:
    """Change the team's name, pitch, the skills it looks for, or whether it takes new members."""
    team = _fresh(team)
    ensure_can(person, "manage_team", team)
    unknown = set(fields) - {"name", "pitch", "looking_for_members"}
    if unknown:
        raise TypeError(f"Unknown team fields: {sorted(unknown)}")
    cleaned = _clean_team(fields, space=team.space, current=team)
    for name, value in cleaned.items():
        setattr(team, name, value)
    if cleaned:
        team.save(update_fields=list(cleaned))
    if skills_wanted is not None:
        team.skills_wanted.set(_skills(skills_wanted))
    space_changed(team.space_id)
    return team


# --- Invitations and requests to join ------------------------------------------------------


def _clean_message(message: str) -> str:
    message = clean_text(message or "")
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": _("Keep the message under %(n)s characters.") % {"n": MESSAGE_MAX}})
    return message


def _ensure_not_pending(team: Team, invitee: Person) -> None:
    pending = TeamInvitation.objects.filter(team=team, person=invitee, status=InvitationStatus.PENDING).first()
    if pending is None:
        return
    if pending.direction == InvitationDirection.REQUEST:
        raise ValidationError(
            {"person": _("%(who)s has already asked to join: answer their request.") % {"who": invitee.public_name}}
        )
    raise ValidationError(
        {"person": _("%(who)s has already been invited and has not answered yet.") % {"who": invitee.public_name}}
    )


@transaction.atomic
def team_invite(
    *, person: Person, team: Team, invitee: Person, role: str = TeamRole.MEMBER, message: str = ""
) -> TeamInvitation:
    """The team invites someone (as a member or a mentor); they accept or decline."""
    team = _fresh(team)
    ensure_can(person, "manage_team", team)
    if role not in (TeamRole.MEMBER, TeamRole.MENTOR):
        raise ValidationError({"role": _("Invite people as a member or a mentor.")})
    if invitee.kind != "account" or not invitee.is_active or invitee.deleted_at:
        raise ValidationError({"person": _("Only people with an account can be invited to a team.")})
    if any(m.person_id == invitee.pk for m in team.members.all()):
        raise ValidationError({"person": _("%(who)s is already in this team.") % {"who": invitee.public_name}})
    _ensure_not_pending(team, invitee)
    try:
        with transaction.atomic():
            invitation = TeamInvitation.objects.create(
                team=team,
                person=invitee,
                direction=InvitationDirection.INVITATION,
                role=role,
                message=_clean_message(message),
                sent_by=person,
            )
    except IntegrityError:
        raise ValidationError({"person": _("%(who)s already has an invitation to this team.") % {"who": invitee}})
    _tell(NotificationKind.TEAM_INVITATION, [invitee.pk], team, person)
    return invitation


@transaction.atomic
def team_request_join(*, person: Person, team: Team, message: str = "") -> TeamInvitation:
    """Ask to join a team; its leads accept or decline."""
    team = _fresh(team)
    ensure_can(person, "join_team", team)
    if any(m.person_id == person.pk for m in team.members.all()):
        raise ValidationError({"message": _("You are already in this team.")})
    if not team.looking_for_members:
        raise ValidationError(
            {"message": _("This team is not taking new members at the moment. Look for another team on the board.")}
        )
    challenge = _challenge(team.space)
    _check_may_join(challenge, team, person, TeamRole.MEMBER, field="message")
    pending = TeamInvitation.objects.filter(team=team, person=person, status=InvitationStatus.PENDING).first()
    if pending is not None:
        if pending.direction == InvitationDirection.INVITATION:
            raise ValidationError({"message": _("The team has already invited you: accept its invitation.")})
        raise ValidationError({"message": _("You have already asked to join. The team's leads will answer.")})
    try:
        with transaction.atomic():
            request = TeamInvitation.objects.create(
                team=team,
                person=person,
                direction=InvitationDirection.REQUEST,
                message=_clean_message(message),
                sent_by=person,
            )
    except IntegrityError:
        raise ValidationError({"message": _("You have already asked to join. The team's leads will answer.")})
    _tell(NotificationKind.TEAM_INVITATION, _lead_ids(team), team, person)
    return request


def _may_answer(person: Person, invitation: TeamInvitation) -> None:
    if invitation.direction == InvitationDirection.INVITATION:
        if invitation.person_id != person.pk:
            raise Refused(refuse(_("Only the person invited can answer this invitation.")))
    else:
        ensure_can(person, "manage_team", invitation.team)


@transaction.atomic
def invitation_answer(*, person: Person, invitation: TeamInvitation, accept: bool) -> TeamMember | None:
    """Accept or decline an invitation (the person invited) or a request to join (the team's
    leads or the organisers). Accepting adds the person to the team, within the challenge's
    rules; the other side is told."""
    # The challenge's row first, then the invitation's: every join takes the locks in this order
    # (a join also withdraws the person's other invitations, which others may be answering).
    challenge = _challenge(invitation.team.space, lock=True) if accept else None
    invitation = (
        TeamInvitation.objects.select_for_update().select_related("team__space", "person").get(pk=invitation.pk)
    )
    invitation.team = _fresh(invitation.team)
    team = invitation.team
    _may_answer(person, invitation)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("This has already been answered or withdrawn."))
    member = None
    if accept:
        if invitation.direction == InvitationDirection.INVITATION:
            ensure_can(person, "join_team", team)
        elif team.disbanded_at is not None:
            raise ValidationError(_("This team has disbanded."))
        joiner = invitation.person
        if not TeamMember.objects.filter(team=team, person=joiner).exists():
            _check_may_join(challenge, team, joiner, invitation.role, field="__all__")
            member = TeamMember.objects.create(team=team, person=joiner, role=invitation.role)
        if invitation.role != TeamRole.MENTOR:
            TeamSeeker.objects.filter(space=team.space, person=joiner).delete()
            if challenge.one_team_per_person:
                # Their other invitations and requests can no longer be accepted.
                TeamInvitation.objects.filter(
                    person=joiner, team__space=team.space, status=InvitationStatus.PENDING, role=TeamRole.MEMBER
                ).exclude(pk=invitation.pk).update(status=InvitationStatus.WITHDRAWN, answered_at=timezone.now())
        space_changed(team.space_id)
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_at, invitation.answered_by = timezone.now(), person
    invitation.save(update_fields=["status", "answered_at", "answered_by"])
    if invitation.direction == InvitationDirection.INVITATION:
        told = set(_lead_ids(team)) | ({invitation.sent_by_id} if invitation.sent_by_id else set())
    else:
        told = {invitation.person_id}
    _tell(NotificationKind.TEAM_ANSWER, told, team, person)
    return member


@transaction.atomic
def invitation_withdraw(*, person: Person, invitation: TeamInvitation) -> None:
    """The side that sent it takes back an invitation or a request still waiting."""
    invitation = TeamInvitation.objects.select_for_update().select_related("team__space").get(pk=invitation.pk)
    invitation.team = _fresh(invitation.team)
    if invitation.direction == InvitationDirection.REQUEST:
        if invitation.person_id != person.pk:
            raise Refused(refuse(_("Only the person who asked to join can withdraw the request.")))
    else:
        ensure_can(person, "manage_team", invitation.team)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("This has already been answered or withdrawn."))
    invitation.status, invitation.answered_at, invitation.answered_by = (
        InvitationStatus.WITHDRAWN,
        timezone.now(),
        person,
    )
    invitation.save(update_fields=["status", "answered_at", "answered_by"])


# --- Members -------------------------------------------------------------------------------


def _only_lead(team: Team, member: TeamMember) -> bool:
    return member.role == TeamRole.LEAD and not team.members.filter(role=TeamRole.LEAD).exclude(pk=member.pk).exists()


@transaction.atomic
def team_member_role_change(*, person: Person, member: TeamMember, role: str) -> TeamMember:
    member = TeamMember.objects.select_for_update().select_related("person").get(pk=member.pk)
    team = _fresh(member.team)
    ensure_can(person, "manage_team", team)
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if role == member.role:
        return member
    if _only_lead(team, member):
        raise ValidationError({"role": _("A team needs a lead: make another member lead first.")})
    if member.role == TeamRole.MENTOR:
        # A mentor becoming a member or lead counts like someone joining.
        _check_may_join(_challenge(team.space, lock=True), team, member.person, role, field="role")
    member.role = role
    member.save(update_fields=["role"])
    log_action(actor=person, action="team_role_change", space=team.space, target=member, role=role)
    space_changed(team.space_id)
    return member


@transaction.atomic
def team_member_remove(*, person: Person, member: TeamMember) -> list[Shortfall]:
    """The team's leads or the organisers remove someone from the team. Returns the
    composition rules the team then no longer meets."""
    member = TeamMember.objects.select_for_update().select_related("person").get(pk=member.pk)
    team = _fresh(member.team)
    ensure_can(person, "manage_team", team)
    if member.person_id == person.pk:
        raise ValidationError(_("To leave the team yourself, use “Leave this team”."))
    if _only_lead(team, member):
        raise ValidationError(_("A team needs a lead: make another member lead first."))
    member.delete()
    log_action(actor=person, action="team_member_remove", space=team.space, target=team, person_id=member.person_id)
    _tell(NotificationKind.TEAM_ANSWER, [member.person_id], team, person)
    space_changed(team.space_id)
    return team_composition_problems(_fresh(team))


@transaction.atomic
def team_leave(*, person: Person, team: Team) -> list[Shortfall]:
    """Leave a team. The last member leaving disbands it; the only lead must hand over first.
    Returns the composition rules the team then no longer meets (the page warns about them
    before the person confirms)."""
    team = _fresh(team)
    ensure_can(person, "leave_team", team)
    member = TeamMember.objects.select_for_update().get(team=team, person=person)
    others = team.members.exclude(pk=member.pk)
    if not others.exists():
        member.delete()
        Team.objects.filter(pk=team.pk).update(disbanded_at=timezone.now(), looking_for_members=False)
        TeamInvitation.objects.filter(team=team, status=InvitationStatus.PENDING).update(
            status=InvitationStatus.WITHDRAWN, answered_at=timezone.now()
        )
        space_changed(team.space_id)
        return []
    if _only_lead(team, member):
        raise ValidationError(_("You are the team's only lead: make another member lead before you leave."))
    member.delete()
    _tell(NotificationKind.TEAM_ANSWER, _lead_ids(team), team, person)
    space_changed(team.space_id)
    return team_composition_problems(_fresh(team))


# --- Composition rules ---------------------------------------------------------------------


def team_composition_problems(team: Team) -> list[Shortfall]:
    """The challenge's composition rules the team does not meet now (mentors not counted);
    empty when it meets them all, or when the challenge has none."""
    challenge = Challenge.objects.filter(space_id=team.space_id).prefetch_related("composition_rules").first()
    if challenge is None:
        return []
    rules = rules_of(challenge)
    if not rules:
        return []
    members = list(team.members.all())
    traits = traits_of(m.person_id for m in members)
    return shortfalls(team, rules, traits)


def composition_message(problems: list[Shortfall]) -> str:
    """“This team still needs: a public-service provider, 2 more a digital specialist.”"""
    needs = [
        p.label if p.missing == 1 else _("%(n)s × %(label)s") % {"n": p.missing, "label": p.label} for p in problems
    ]
    return _("This team still needs: %(needs)s.") % {"needs": ", ".join(needs)}


def team_size_problem(team: Team, challenge: Challenge | None = None) -> str:
    """“This team needs at least 3 members to enter (it has 2; mentors are not counted).”, or
    "" when it is big enough."""
    challenge = challenge or Challenge.objects.filter(space_id=team.space_id).first()
    if challenge is None:
        return ""
    counted = sum(1 for m in team.members.all() if m.role != TeamRole.MENTOR)
    if counted >= challenge.team_min_size:
        return ""
    return ngettext(
        "This team needs at least %(n)s member to enter (it has %(has)s; mentors are not counted).",
        "This team needs at least %(n)s members to enter (it has %(has)s; mentors are not counted).",
        challenge.team_min_size,
    ) % {"n": challenge.team_min_size, "has": counted}


def ensure_team_composition(team: Team, *, field: str = "team") -> None:
    """For the services that let a team enter (an entry, a prototype): refuse while the team is
    smaller than the challenge's smallest team or does not meet its composition rules, saying
    what it still needs."""
    messages = []
    size = team_size_problem(team)
    if size:
        messages.append(size)
    problems = team_composition_problems(team)
    if problems:
        messages.append(composition_message(problems))
    if messages:
        messages.append(_("Invite people on the “looking for a team” board, then try again."))
        raise ValidationError({field: " ".join(messages)})


# --- The "looking for a team" board --------------------------------------------------------


@transaction.atomic
def seeker_add(*, person: Person, space: Space, note: str = "") -> TeamSeeker:
    """Put yourself on the board (or change your note): teams see your skills and note."""
    ensure_can(person, "look_for_team", space)
    _challenge(space)
    note = clean_text(note or "")
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Keep this under %(n)s characters.") % {"n": NOTE_MAX}})
    seeker, _created = TeamSeeker.objects.update_or_create(space=space, person=person, defaults={"note": note})
    space_changed(space.pk)
    return seeker


@transaction.atomic
def seeker_remove(*, person: Person, space: Space) -> None:
    """Take yourself off the board."""
    if not TeamSeeker.objects.filter(space=space, person=person).delete()[0]:
        raise ValidationError(_("You are not on the board."))
    space_changed(space.pk)
