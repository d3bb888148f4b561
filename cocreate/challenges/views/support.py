"""Pages: support after the challenge — the support board, asking and offering, kinds of
support, the organisers' matching page, answering a match, and check-ins. Thin: parse, call,
render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Organisation
from cocreate.challenges.forms.support import CheckInForm, KindForm, NeedForm, OfferForm, ProposeForm
from cocreate.challenges.models import Prototype, SupportKind, SupportNeed, SupportOffer, Team
from cocreate.challenges.selectors import support as selectors
from cocreate.challenges.selectors.teams import teams_joined
from cocreate.challenges.services import support as services
from cocreate.challenges.views import page_space
from cocreate.spaces.permissions import Refused, can, ensure_can, is_organiser, open_activities, refuse, unwrapped
from cocreate.web.forms import saved, say_service_errors


def _board(space) -> str:
    return reverse("challenges:support_board", kwargs={"slug": space.slug})


def _kinds(space):
    return SupportKind.objects.filter(pk__in=[k.pk for k in selectors.support_kinds(space=space)])


def board(request, slug):
    space = page_space(request, slug)
    person = unwrapped(request.user)
    teams = teams_joined(person=person, space=space)
    board = selectors.support_board(space=space)
    for match in board["matches"]:
        match.awaits_me = services.awaits_answer_from(person, match)
        match.may_deliver = match.status == "agreed" and (
            bool(is_organiser(person, space)) or "team" in services.match_sides(person, match)
        )
    return render(
        request,
        "challenges/support/board.html",
        {
            "space": space,
            **board,
            "may_ask": can(person, "ask_for_support", teams[0]) if teams else False,
            "may_offer": can(person, "offer_support", space),
            "may_add_kind": can(person, "add_support_kind", space),
            "may_match": can(person, "match_support", space),
            "teams": teams,
            "check_ins": selectors.own_check_ins(person=person, space=space),
        },
    )


@login_required
def need_new(request, slug):
    space = page_space(request, slug)
    person = unwrapped(request.user)
    teams = teams_joined(person=person, space=space)
    if not teams:
        if "ask_for_support" not in open_activities(space):
            ensure_can(person, "ask_for_support", space)  # says when asking opens or closed
        raise Refused(refuse(_("Only members of a team can ask for support. Join or create a team first.")))
    ensure_can(person, "ask_for_support", teams[0])
    form = NeedForm(
        request.POST or None,
        teams=Team.objects.filter(pk__in=[t.pk for t in teams]),
        kinds=_kinds(space),
        prototypes=Prototype.objects.filter(team__in=teams, hidden_at__isnull=True),
    )

    def save(data):
        return services.support_need_create(
            person=person,
            team=data["team"],
            kind=data["kind"],
            description=data["description"],
            prototype=data.get("prototype"),
        )

    if saved(request, form, save, _("Your need is on the support board. The organisers will look for a match.")):
        return redirect(_board(space))
    return render(request, "challenges/support/need_form.html", {"space": space, "form": form})


@login_required
@require_POST
def need_withdraw(request, slug, need_id):
    space = page_space(request, slug)
    need = selectors.need_for_page(space=space, need_id=need_id)
    services.support_need_withdraw(person=request.user, need=need)
    messages.success(request, _("The need is withdrawn: it no longer shows on the board."))
    return redirect(_board(space))


@login_required
def offer_new(request, slug):
    space = page_space(request, slug)
    person = unwrapped(request.user)
    ensure_can(person, "offer_support", space)
    organiser = bool(is_organiser(person, space))
    organisations = selectors.partner_organisations(person=person)
    form = OfferForm(
        request.POST or None,
        kinds=_kinds(space),
        organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        organisation_required=not organiser,
        initial={"organisation": organisations[0].pk} if len(organisations) == 1 else {},
    )

    def save(data):
        return services.support_offer_create(
            person=person,
            space=space,
            kind=data["kind"],
            description=data["description"],
            organisation=data.get("organisation"),
            capacity=data.get("capacity"),
        )

    if saved(request, form, save, _("Thank you: your offer is on the support board.")):
        return redirect(_board(space))
    return render(request, "challenges/support/offer_form.html", {"space": space, "form": form})


@login_required
@require_POST
def offer_close(request, slug, offer_id):
    space = page_space(request, slug)
    offer = selectors.offer_for_page(space=space, offer_id=offer_id)
    services.support_offer_close(person=request.user, offer=offer)
    messages.success(request, _("The offer is closed. Matches already agreed stay."))
    return redirect(_board(space))


@login_required
def kind_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "add_support_kind", space)
    form = KindForm(request.POST or None)
    save = lambda data: services.support_kind_add(person=request.user, space=space, **data)  # noqa: E731
    if saved(request, form, save, _("The kind of support is added: teams and partners can now choose it.")):
        next_url = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
        return redirect(next_url if next_url and safe else _board(space))
    return render(request, "challenges/support/kind_form.html", {"space": space, "form": form})


@login_required
def matching(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "match_support", space)
    page = selectors.matching_page(space=space)
    form = ProposeForm(
        request.POST or None,
        needs=SupportNeed.objects.filter(pk__in=[n.pk for n in page["needs"]]).select_related("team", "kind"),
        offers=SupportOffer.objects.filter(pk__in=[o.pk for o in page["offers"]]).select_related(
            "kind", "organisation"
        ),
    )
    save = lambda data: services.support_match_propose(person=request.user, **data)  # noqa: E731
    if saved(request, form, save, _("The match is proposed: the team and the partner are asked to agree.")):
        return redirect(reverse("challenges:support_matching", kwargs={"slug": space.slug}))
    return render(request, "challenges/support/matching.html", {"space": space, "form": form, **page})


@login_required
@require_POST
def match_answer(request, slug, match_id):
    space = page_space(request, slug)
    match = selectors.match_for_page(space=space, match_id=match_id)
    agree = request.POST.get("answer") == "agree"
    try:
        match = services.support_match_answer(
            person=request.user, match=match, agree=agree, side=request.POST.get("side", "")
        )
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        if not agree:
            messages.success(request, _("You declined the match. The organisers will look for another."))
        elif match.status == "agreed":
            messages.success(request, _("Both sides agree: the support is matched."))
        else:
            messages.success(request, _("You agreed. We are waiting for the other side."))
    return redirect(_board(space))


@login_required
@require_POST
def match_deliver(request, slug, match_id):
    space = page_space(request, slug)
    match = selectors.match_for_page(space=space, match_id=match_id)
    try:
        services.support_match_deliver(person=request.user, match=match, notes=request.POST.get("notes", ""))
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("Recorded: the support was given and the need is met."))
    return redirect(_board(space))


@login_required
def check_ins(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "match_support", space)
    if request.method == "POST":
        created = services.check_ins_schedule(space=space, person=request.user)
        messages.success(request, _("%(n)s check-ins scheduled.") % {"n": created})
        return redirect(reverse("challenges:support_check_ins", kwargs={"slug": space.slug}))
    return render(
        request,
        "challenges/support/check_ins.html",
        {"space": space, "reference": services.check_in_reference(space), **selectors.check_ins_overview(space=space)},
    )


@login_required
def check_in_answer(request, slug, check_in_id):
    space = page_space(request, slug)
    check_in = selectors.check_in_for_page(space=space, check_in_id=check_in_id)
    ensure_can(request.user, "answer_check_in", check_in)
    initial = {}
    if check_in.answered_at:
        initial = {
            "still_alive": "yes" if check_in.still_alive else "no",
            "stage": check_in.stage,
            "notes": check_in.notes,
        }
    else:
        initial = {"stage": check_in.prototype.stage}
    form = CheckInForm(request.POST or None, initial=initial)

    def save(data):
        return services.check_in_answer(
            person=request.user,
            check_in=check_in,
            still_alive=data["still_alive"] == "yes",
            stage=data.get("stage", ""),
            notes=data.get("notes", ""),
        )

    if saved(request, form, save, _("Thank you: your answer is recorded.")):
        if is_organiser(unwrapped(request.user), space):
            return redirect(reverse("challenges:support_check_ins", kwargs={"slug": space.slug}))
        return redirect(_board(space))
    return render(
        request, "challenges/support/check_in_form.html", {"space": space, "check_in": check_in, "form": form}
    )


urlpatterns = [
    path("support/", board, name="support_board"),
    path("support/needs/new/", need_new, name="support_need_new"),
    path("support/needs/<int:need_id>/withdraw/", need_withdraw, name="support_need_withdraw"),
    path("support/offers/new/", offer_new, name="support_offer_new"),
    path("support/offers/<int:offer_id>/close/", offer_close, name="support_offer_close"),
    path("support/kinds/new/", kind_new, name="support_kind_new"),
    path("support/matching/", matching, name="support_matching"),
    path("support/matches/<int:match_id>/answer/", match_answer, name="support_match_answer"),
    path("support/matches/<int:match_id>/delivered/", match_deliver, name="support_match_deliver"),
    path("support/check-ins/", check_ins, name="support_check_ins"),
    path("support/check-ins/<int:check_in_id>/", check_in_answer, name="support_check_in"),
]
