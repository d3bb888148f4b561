"""Pages for condensing, under /<language>/spaces/<slug>/proposals/: the condensed proposals by
sub-theme and the vote on them, one condensed proposal, the staff workbench where ideas are
grouped, the results, the co-design invitations (staff) and the invited person's answer.
Thin: parse, call a selector or a service, render. Every action is a plain form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.challenges.forms.condensing import AnswerForm, CondensedForm, InviteForm, WorkbenchForm
from cocreate.challenges.models import CondensedProposal
from cocreate.challenges.selectors import condensing as selectors
from cocreate.challenges.selectors.setup import challenge_of
from cocreate.challenges.services import condensing as services
from cocreate.challenges.views import page_space
from cocreate.ideas.models import Idea, IdeaStatus, Theme
from cocreate.ideas.selectors import IdeaFilters
from cocreate.spaces.permissions import can, ensure_can, unwrapped
from cocreate.web.forms import add_service_errors, posted_id, saved, say_service_errors


def _proposal(request, slug, condensed_id):
    space = page_space(request, slug)
    return selectors.condensed_for_page(space=space, condensed_id=condensed_id, viewer=unwrapped(request.user))


def _posted(request):
    """The form's data when posted (even empty, so that an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def _back(request, fallback: str) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return fallback


# --- Public pages --------------------------------------------------------------------------


def condensed_list(request, slug):
    """The condensed proposals by sub-theme, each with its originals and the vote."""
    space = page_space(request, slug)
    viewer = unwrapped(request.user)
    challenge = challenge_of(space=space)
    groups = selectors.condensed_by_theme(space=space, viewer=viewer, challenge=challenge)
    return render(
        request,
        "challenges/condensing/list.html",
        {
            "space": space,
            "challenge": challenge,
            "groups": groups,
            "may_vote": can(viewer, "vote_condensed", space),
            "may_condense": can(viewer, "condense", space),
        },
    )


def condensed_detail(request, slug, condensed_id):
    proposal = _proposal(request, slug, condensed_id)
    viewer = unwrapped(request.user)
    chosen = selectors.viewer_choices_in_theme(proposal=proposal, viewer=viewer)
    challenge = challenge_of(space=proposal.space)
    full = not proposal.voted and len(chosen) >= challenge.votes_per_theme
    theme_name = proposal.theme.name if proposal.theme else _("this sub-theme")
    return render(
        request,
        "challenges/condensing/detail.html",
        {
            "space": proposal.space,
            "proposal": proposal,
            "challenge": challenge,
            "limit_reason": selectors.limit_reason(theme_name, chosen) if full and chosen else "",
        },
    )


def condensed_results(request, slug):
    space = page_space(request, slug)
    challenge = challenge_of(space=space)
    return render(
        request,
        "challenges/condensing/results.html",
        {
            "space": space,
            "challenge": challenge,
            "groups": selectors.results_by_theme(space=space, challenge=challenge),
            "may_invite": can(unwrapped(request.user), "invite_co_design", space),
        },
    )


@login_required
@require_POST
def condensed_vote(request, slug, condensed_id):
    proposal = _proposal(request, slug, condensed_id)
    fallback = reverse("challenges:condensing_list", kwargs={"slug": slug}) + f"#proposal-{proposal.pk}"
    try:
        _vote, created = services.condensed_vote(person=request.user, condensed=proposal)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        if created:
            messages.success(request, _("Your vote for “%(title)s” is counted.") % {"title": proposal.title})
        else:
            messages.info(request, _("You had already voted for “%(title)s”.") % {"title": proposal.title})
    return redirect(_back(request, fallback))


@login_required
@require_POST
def condensed_unvote(request, slug, condensed_id):
    proposal = _proposal(request, slug, condensed_id)
    fallback = reverse("challenges:condensing_list", kwargs={"slug": slug}) + f"#proposal-{proposal.pk}"
    if services.condensed_unvote(person=request.user, condensed=proposal):
        messages.success(request, _("Your vote for “%(title)s” is withdrawn.") % {"title": proposal.title})
    else:
        messages.info(request, _("You had not voted for “%(title)s”.") % {"title": proposal.title})
    return redirect(_back(request, fallback))


# --- Staff: the workbench and the condensed proposals ----------------------------------------


def _workbench_filters(request, space) -> IdeaFilters:
    get = request.GET
    filters = IdeaFilters(search=get.get("q", "").strip()[:200])
    theme = posted_id(get.get("theme"))
    if theme and Theme.objects.filter(space_id=space.pk, pk=theme).exists():
        filters.theme = theme
    elif get.get("theme"):
        filters.errors["theme"] = _("There is no such theme in this space; showing all themes.")
    status = get.get("status", "")
    if status in IdeaStatus.values:
        filters.status = status
    sort = get.get("sort", "")
    filters.sort = sort if sort in ("newest", "most_supported") else ("relevance" if filters.search else "newest")
    return filters


def _ideas_of(space):
    return Idea.objects.filter(space_id=space.pk)


@login_required
def workbench(request, slug):
    """Pick ideas to group: search and filter the space's ideas, tick some, then start a
    condensed proposal with them or add them to one."""
    space = page_space(request, slug)
    ensure_can(request.user, "condense", space)
    proposals = CondensedProposal.objects.filter(space_id=space.pk).order_by("theme__name", "title")
    form = WorkbenchForm(_posted(request), ideas=_ideas_of(space), condensed=proposals)
    if request.method == "POST" and form.is_valid():
        ids = [idea.pk for idea in form.cleaned_data["ideas"]]
        if form.cleaned_data["action"] == "new":
            query = "&".join(f"ideas={pk}" for pk in ids)
            return redirect(reverse("challenges:condensing_new", kwargs={"slug": slug}) + f"?{query}")
        target = form.cleaned_data["condensed"]
        try:
            added = services.condensed_add_originals(person=request.user, condensed=target, ideas=ids)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(n)s idea(s) added to “%(title)s”. Their authors are told.")
                % {"n": len(added), "title": target.title},
            )
            return redirect(request.get_full_path())
    filters = _workbench_filters(request, space)
    not_included = request.GET.get("not_included") == "1"
    page = selectors.workbench_page(
        space=space, filters=filters, number=request.GET.get("page", 1), not_included=not_included
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "challenges/condensing/workbench.html",
        {
            "space": space,
            "form": form,
            "filters": filters,
            "not_included": not_included,
            "page": page,
            "page_query": query.urlencode(),
            "themes": Theme.objects.filter(space_id=space.pk).order_by("name"),
            "statuses": IdeaStatus.choices,
            "proposals": selectors.condensed_for_staff(space=space),
            "ticked": {posted_id(v) for v in request.POST.getlist("ideas")} if request.method == "POST" else set(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def condensed_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "condense", space)
    wanted = request.POST.getlist("ideas") if request.method == "POST" else request.GET.getlist("ideas")
    ids = [pk for pk in (posted_id(v) for v in wanted[:500]) if pk]
    ideas = Idea.objects.visible().filter(space_id=space.pk, pk__in=ids).order_by("title", "pk")
    themes = Theme.objects.filter(space_id=space.pk).order_by("name")
    form = CondensedForm(_posted(request), themes=themes, ideas=ideas, initial={"ideas": ids})
    create = lambda data: services.condensed_create(  # noqa: E731
        person=request.user,
        space=space,
        title=data["title"],
        body=data["body"],
        theme=data["theme"],
        ideas=list(data["ideas"]),
    )
    proposal = saved(
        request, form, create, _("The condensed proposal is published. The authors of its ideas are told.")
    )
    if proposal:
        return redirect(services.condensed_link(proposal))
    return render(
        request,
        "challenges/condensing/form.html",
        {"space": space, "form": form, "chosen": selectors.ideas_by_id(space=space, ids=ids), "proposal": None},
    )


@login_required
def condensed_edit(request, slug, condensed_id):
    proposal = _proposal(request, slug, condensed_id)
    ensure_can(request.user, "condense", proposal)
    themes = Theme.objects.filter(space_id=proposal.space_id).order_by("name")
    initial = {"title": proposal.title, "body": proposal.body, "theme": proposal.theme_id}
    form = CondensedForm(_posted(request), themes=themes, initial=initial)
    update = lambda data: services.condensed_update(  # noqa: E731
        person=request.user, condensed=proposal, title=data["title"], body=data["body"], theme=data["theme"]
    )
    if saved(request, form, update, _("The condensed proposal is saved.")):
        return redirect(services.condensed_link(proposal))
    return render(
        request,
        "challenges/condensing/form.html",
        {"space": proposal.space, "form": form, "proposal": proposal, "chosen": []},
    )


@login_required
@require_POST
def remove_original(request, slug, condensed_id, idea_id):
    proposal = _proposal(request, slug, condensed_id)
    idea = Idea.objects.filter(space_id=proposal.space_id, pk=idea_id).first()
    if idea is None:
        messages.error(request, _("This idea is not in this space."))
    else:
        try:
            services.condensed_remove_original(person=request.user, condensed=proposal, idea=idea)
        except ValidationError as error:
            say_service_errors(request, error)
        else:
            messages.success(
                request,
                _("“%(idea)s” is no longer part of this condensed proposal. The idea itself is unchanged.")
                % {"idea": idea.title},
            )
    return redirect(services.condensed_link(proposal))


@login_required
@require_POST
def condensed_withdraw(request, slug, condensed_id):
    """Withdraw a condensed proposal (with the reason), or publish a withdrawn one again."""
    proposal = _proposal(request, slug, condensed_id)
    withdrawn = request.POST.get("action") != "restore"
    try:
        services.condensed_withdraw(
            person=request.user, condensed=proposal, reason=request.POST.get("reason", ""), withdrawn=withdrawn
        )
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(
            request,
            _("The condensed proposal is withdrawn: it no longer appears in the vote.")
            if withdrawn
            else _("The condensed proposal is published again."),
        )
    return redirect(services.condensed_link(proposal))


# --- Co-design -----------------------------------------------------------------------------


@login_required
def co_design(request, slug):
    """Staff: who the top proposals' authors are, sending them the invitation, their answers."""
    space = page_space(request, slug)
    viewer = unwrapped(request.user)
    decision = can(viewer, "invite_co_design", space)
    if not decision and not can(viewer, "condense", space):
        ensure_can(viewer, "invite_co_design", space)  # the 403 page says why
    form = InviteForm(_posted(request), events=selectors.co_design_events(space=space))
    if request.method == "POST":
        ensure_can(viewer, "invite_co_design", space)
    send = lambda data: services.co_design_invite(person=request.user, space=space, event=data["event"])  # noqa: E731
    sent = saved(request, form, send, _("The invitations are sent."))
    if sent:
        return redirect(reverse("challenges:condensing_co_design", kwargs={"slug": slug}))
    challenge = challenge_of(space=space)
    plan = services.co_design_plan(space=space)
    groups = selectors.results_by_theme(space=space, challenge=challenge)
    for group in groups:
        for proposal in group.proposals:
            proposal.authors = plan.get(proposal.pk, [])
    return render(
        request,
        "challenges/condensing/co_design.html",
        {
            "space": space,
            "challenge": challenge,
            "form": form,
            "may_invite": decision,
            "groups": groups,
            "invitations": selectors.invitations_sent(space=space),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def co_design_answer(request, slug, invitation_id):
    space = page_space(request, slug)
    invitation = selectors.invitation_for_person(
        space=space, invitation_id=invitation_id, viewer=unwrapped(request.user)
    )
    initial = {"answer": {"accepted": "accept", "declined": "decline"}.get(invitation.status)}
    form = AnswerForm(_posted(request), initial=initial)
    answer = lambda data: services.co_design_answer(  # noqa: E731
        person=request.user, invitation=invitation, accept=data["answer"] == "accept"
    )
    message = _("Thank you: your answer is sent to the organisers.")
    if saved(request, form, answer, message):
        return redirect(request.path)
    return render(
        request,
        "challenges/condensing/answer.html",
        {"space": space, "invitation": invitation, "proposal": invitation.condensed, "form": form},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns: list = [
    path("proposals/", condensed_list, name="condensing_list"),
    path("proposals/results/", condensed_results, name="condensing_results"),
    path("proposals/condense/", workbench, name="condensing_workbench"),
    path("proposals/new/", condensed_new, name="condensing_new"),
    path("proposals/<int:condensed_id>/", condensed_detail, name="condensing_detail"),
    path("proposals/<int:condensed_id>/edit/", condensed_edit, name="condensing_edit"),
    path(
        "proposals/<int:condensed_id>/originals/<int:idea_id>/remove/",
        remove_original,
        name="condensing_remove_original",
    ),
    path("proposals/<int:condensed_id>/withdraw/", condensed_withdraw, name="condensing_withdraw"),
    path("proposals/<int:condensed_id>/vote/", condensed_vote, name="condensing_vote"),
    path("proposals/<int:condensed_id>/withdraw-vote/", condensed_unvote, name="condensing_unvote"),
    path("proposals/co-design/", co_design, name="condensing_co_design"),
    path("proposals/co-design/<int:invitation_id>/", co_design_answer, name="condensing_co_design_answer"),
]
