"""Pages: a challenge's teams, one team, forming, joining, inviting, answering, roles, leaving,
and the "looking for a team" board. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Person
from cocreate.challenges.forms.teams import InviteForm, JoinRequestForm, RoleForm, SeekerForm, TeamEditForm, TeamForm
from cocreate.challenges.models import InvitationDirection, TeamInvitation, TeamMember, TeamSeeker
from cocreate.challenges.selectors import teams as selectors
from cocreate.challenges.selectors.setup import challenge_of
from cocreate.challenges.services import teams as services
from cocreate.challenges.views import page_space
from cocreate.spaces.permissions import can, ensure_can, unwrapped
from cocreate.web.forms import saved, say_service_errors


def _challenge(request, slug):
    space = page_space(request, slug)
    return challenge_of(space=space)


def _team(request, slug, team_id):
    challenge = _challenge(request, slug)
    return challenge, selectors.team_for_page(space=challenge.space, challenge=challenge, team_id=team_id)


def _composition_warning(request, problems):
    if problems:
        messages.warning(request, services.composition_message(problems))


def team_list(request, slug):
    challenge = _challenge(request, slug)
    space = challenge.space
    viewer = unwrapped(request.user)
    return render(
        request,
        "challenges/teams/list.html",
        {
            "space": space,
            "challenge": challenge,
            "teams": selectors.team_list(space=space, challenge=challenge),
            "pending": selectors.pending_for_person(person=viewer, space=space),
            "mine": selectors.teams_of(person=viewer, space=space),
        },
    )


@login_required
def team_new(request, slug):
    challenge = _challenge(request, slug)
    ensure_can(request.user, "form_team", challenge.space)
    form = TeamForm(request.POST or None)
    create = lambda data: services.team_create(person=request.user, space=challenge.space, **data)  # noqa: E731
    team = saved(request, form, create, _("Your team is formed. Invite people, or wait for them to ask to join."))
    if team:
        return redirect("challenges:teams_team", slug=slug, team_id=team.pk)
    return render(request, "challenges/teams/team_form.html", {"space": challenge.space, "form": form, "team": None})


def team_detail(request, slug, team_id):
    challenge, team = _team(request, slug, team_id)
    viewer = unwrapped(request.user)
    manages = bool(can(viewer, "manage_team", team))
    return render(
        request,
        "challenges/teams/team.html",
        {
            "space": team.space,
            "challenge": challenge,
            "team": team,
            "problems_message": services.composition_message(team.shortfalls) if team.shortfalls else "",
            "size_message": services.team_size_problem(team, challenge),
            "pending": selectors.pending_for_team(team=team) if manages else [],
            "own_pending": [
                i for i in selectors.pending_for_person(person=viewer, space=team.space) if i.team_id == team.pk
            ],
            "suggestions": selectors.suggested_people(team=team, challenge=challenge) if manages else [],
            "manages": manages,
            "role_form": RoleForm(),
        },
    )


@login_required
def team_edit(request, slug, team_id):
    challenge, team = _team(request, slug, team_id)
    ensure_can(request.user, "manage_team", team)
    initial = {
        "name": team.name,
        "pitch": team.pitch,
        "skills_wanted": ", ".join(s.name for s in team.skills_wanted.all()),
        "looking_for_members": team.looking_for_members,
    }
    form = TeamEditForm(request.POST or None, initial=initial)
    update = lambda data: services.team_update(person=request.user, team=team, **data)  # noqa: E731
    if saved(request, form, update, _("The team is saved.")):
        return redirect("challenges:teams_team", slug=slug, team_id=team.pk)
    return render(request, "challenges/teams/team_form.html", {"space": team.space, "form": form, "team": team})


@login_required
def team_join(request, slug, team_id):
    challenge, team = _team(request, slug, team_id)
    ensure_can(request.user, "join_team", team)
    form = JoinRequestForm(request.POST or None)
    ask = lambda data: services.team_request_join(person=request.user, team=team, **data)  # noqa: E731
    if saved(request, form, ask, _("Your request is sent. The team's leads will answer; we will tell you.")):
        return redirect("challenges:teams_team", slug=slug, team_id=team.pk)
    return render(request, "challenges/teams/join.html", {"space": team.space, "form": form, "team": team})


@login_required
def team_invite(request, slug, team_id):
    """Invite someone by the e-mail address of their account."""
    challenge, team = _team(request, slug, team_id)
    ensure_can(request.user, "manage_team", team)
    form = InviteForm(request.POST or None)

    def invite(data):
        invitee = Person.objects.filter(email__iexact=data["email"], kind="account").first()
        if invitee is None:
            raise ValidationError(
                {"email": _("No account uses this address. Ask them to sign up first, or check the address.")}
            )
        return services.team_invite(
            person=request.user, team=team, invitee=invitee, role=data["role"], message=data["message"]
        )

    if saved(request, form, invite, _("The invitation is sent. We will tell you when they answer.")):
        return redirect("challenges:teams_team", slug=slug, team_id=team.pk)
    return render(request, "challenges/teams/invite.html", {"space": team.space, "form": form, "team": team})


@login_required
@require_POST
def invite_seeker(request, slug, team_id, seeker_id):
    """Invite, from the suggestions on the team page, someone on the board."""
    challenge, team = _team(request, slug, team_id)
    seeker = get_object_or_404(TeamSeeker.objects.select_related("person"), pk=seeker_id, space=team.space)
    try:
        services.team_invite(person=request.user, team=team, invitee=seeker.person)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(
            request, _("%(who)s is invited. We will tell you when they answer.") % {"who": seeker.person.public_name}
        )
    return redirect("challenges:teams_team", slug=slug, team_id=team.pk)


def _invitation(request, slug, invitation_id):
    challenge = _challenge(request, slug)
    invitation = get_object_or_404(
        TeamInvitation.objects.select_related("team", "person"), pk=invitation_id, team__space=challenge.space
    )
    invitation.team.space = challenge.space
    return invitation


@login_required
@require_POST
def invitation_answer(request, slug, invitation_id):
    invitation = _invitation(request, slug, invitation_id)
    accept = request.POST.get("answer") == "accept"
    try:
        services.invitation_answer(person=request.user, invitation=invitation, accept=accept)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        if invitation.direction == InvitationDirection.INVITATION:
            text = _("Welcome to the team.") if accept else _("You declined the invitation. The team is told.")
        else:
            text = (
                _("%(who)s is now in the team.") % {"who": invitation.person.public_name}
                if accept
                else _("The request is declined. %(who)s is told.") % {"who": invitation.person.public_name}
            )
        messages.success(request, text)
    return redirect("challenges:teams_team", slug=slug, team_id=invitation.team_id)


@login_required
@require_POST
def invitation_withdraw(request, slug, invitation_id):
    invitation = _invitation(request, slug, invitation_id)
    try:
        services.invitation_withdraw(person=request.user, invitation=invitation)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("It is withdrawn."))
    return redirect("challenges:teams_team", slug=slug, team_id=invitation.team_id)


def _member(team, member_id):
    member = next((m for m in team.members.all() if m.pk == member_id), None)
    if member is None:
        member = get_object_or_404(TeamMember, pk=member_id, team=team)
    member.team = team
    return member


@login_required
def member_role(request, slug, team_id, member_id):
    challenge, team = _team(request, slug, team_id)
    ensure_can(request.user, "manage_team", team)
    member = _member(team, member_id)
    form = RoleForm(request.POST or None, initial={"role": member.role})
    change = lambda data: services.team_member_role_change(person=request.user, member=member, **data)  # noqa: E731
    if saved(request, form, change, _("The role is changed.")):
        return redirect("challenges:teams_team", slug=slug, team_id=team.pk)
    return render(
        request, "challenges/teams/role.html", {"space": team.space, "form": form, "team": team, "member": member}
    )


@login_required
@require_POST
def member_remove(request, slug, team_id, member_id):
    challenge, team = _team(request, slug, team_id)
    member = _member(team, member_id)
    try:
        problems = services.team_member_remove(person=request.user, member=member)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("%(who)s is no longer in the team.") % {"who": member.person.public_name})
        _composition_warning(request, problems)
    return redirect("challenges:teams_team", slug=slug, team_id=team.pk)


@login_required
def team_leave(request, slug, team_id):
    """Confirm, with what the team would then lack, before leaving."""
    challenge, team = _team(request, slug, team_id)
    ensure_can(request.user, "leave_team", team)
    if request.method == "POST":
        try:
            services.team_leave(person=request.user, team=team)
        except ValidationError as error:
            say_service_errors(request, error)
            return redirect("challenges:teams_team", slug=slug, team_id=team.pk)
        messages.success(request, _("You have left the team “%(team)s”.") % {"team": team.name})
        return redirect("challenges:teams_list", slug=slug)
    viewer = unwrapped(request.user)
    lost = selectors.lost_without(team=team, challenge=challenge, person=viewer)
    return render(
        request,
        "challenges/teams/leave.html",
        {
            "space": team.space,
            "team": team,
            "warning": services.composition_message(lost) if lost else "",
            "last_member": all(m.person_id == viewer.pk for m in team.members.all()),
            "only_lead": [m.person_id for m in team.members.all() if m.role == "lead"] == [viewer.pk],
        },
    )


def board(request, slug):
    """Who is looking for a team; for the person, the teams that want their skills; the form
    to add or remove oneself."""
    challenge = _challenge(request, slug)
    space = challenge.space
    viewer = unwrapped(request.user)
    entry = selectors.on_board(person=viewer, space=space)
    form = SeekerForm(request.POST or None, initial={"note": entry.note if entry else ""})
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            ensure_can(request.user, "look_for_team", space)
            services.seeker_remove(person=request.user, space=space)
            messages.success(request, _("You are no longer on the board."))
            return redirect("challenges:teams_board", slug=slug)
        add = lambda data: services.seeker_add(person=request.user, space=space, **data)  # noqa: E731
        if saved(request, form, add, _("You are on the board. Teams that need your skills will see you.")):
            return redirect("challenges:teams_board", slug=slug)
    return render(
        request,
        "challenges/teams/board.html",
        {
            "space": space,
            "challenge": challenge,
            "seekers": selectors.board(space=space),
            "entry": entry,
            "form": form,
            "wanting": selectors.teams_wanting(person=viewer, space=space, challenge=challenge),
        },
    )


urlpatterns = [
    path("teams/", team_list, name="teams_list"),
    path("teams/new/", team_new, name="teams_new"),
    path("teams/board/", board, name="teams_board"),
    path("teams/<int:team_id>/", team_detail, name="teams_team"),
    path("teams/<int:team_id>/edit/", team_edit, name="teams_edit"),
    path("teams/<int:team_id>/join/", team_join, name="teams_join"),
    path("teams/<int:team_id>/invite/", team_invite, name="teams_invite"),
    path("teams/<int:team_id>/invite/<int:seeker_id>/", invite_seeker, name="teams_invite_seeker"),
    path("teams/<int:team_id>/leave/", team_leave, name="teams_leave"),
    path("teams/<int:team_id>/members/<int:member_id>/role/", member_role, name="teams_role"),
    path("teams/<int:team_id>/members/<int:member_id>/remove/", member_remove, name="teams_remove"),
    path("teams/invitations/<int:invitation_id>/answer/", invitation_answer, name="teams_answer"),
    path("teams/invitations/<int:invitation_id>/withdraw/", invitation_withdraw, name="teams_withdraw"),
]
