"""Pages for participatory budgets: budgets and their projects, proposing and reviewing,
suggested changes, voting (choose → review → cast, change until the vote closes), ballots
entered by staff, voting codes, results and delivery. Thin: parse, call, render."""

import csv
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.budgets import selectors, services
from cocreate.budgets.ballots import ballot_check, money
from cocreate.budgets.forms import (
    BudgetForm,
    DecideForm,
    DeliveryUpdateForm,
    EnterBallotForm,
    OnBehalfProjectForm,
    ProjectForm,
    ReviewForm,
    SuggestionForm,
)
from cocreate.budgets.models import BallotKind, ChangeSuggestion, DeliveryUpdate, ProjectStatus
from cocreate.budgets.results import explain_rule
from cocreate.spaces.permissions import Refused, can, ensure_can, unwrapped
from cocreate.spaces.selectors import space_detail, space_for_page
from cocreate.web.exports import spreadsheet_cell
from cocreate.web.forms import add_service_errors
from cocreate.web.forms import saved as _saved


def _budget(request, slug, budget_id):
    space = space_for_page(slug=slug, viewer=unwrapped(request.user))
    return selectors.budget_for_page(space=space, budget_id=budget_id)


def _project(request, slug, project_id):
    space = space_for_page(slug=slug, viewer=unwrapped(request.user))
    project = selectors.project_for_page(space=space, project_id=project_id, viewer=request.user)
    for suggestion in project.suggestions.all():  # the page asks `can` about each: no query per row
        suggestion.space, suggestion.project = space, project
    return project


def budget_detail(request, slug, budget_id):
    budget = _budget(request, slug, budget_id)
    status = request.GET.get("status", "")
    status = status if status in ProjectStatus.values else ""
    district, category = request.GET.get("district", "")[:120], request.GET.get("category", "")[:80]
    projects = list(
        selectors.project_list(budget=budget, viewer=request.user, status=status, district=district, category=category)
    )
    for project in projects:
        project.space, project.budget = budget.space, budget
    voted = services.has_voted(person=request.user, budget=budget)
    return render(
        request,
        "budgets/budget.html",
        {
            "space": budget.space,
            "budget": budget,
            "projects": projects,
            "filters": selectors.project_filters(budget=budget),
            "chosen": {"status": status, "district": district, "category": category},
            "statuses": ProjectStatus.choices,
            "voted": voted,
            "rule_explained": explain_rule(budget),
        },
    )


def _budget_form_view(request, space, budget=None):
    frozen = bool(budget and budget.rules_frozen)
    initial = {}
    if budget:
        initial = {name: getattr(budget, name) for name in services.BUDGET_FIELDS}
    else:
        initial = {"ballot_kind": BallotKind.APPROVAL, "counting_rule": "mes-add1", "currency": "EUR"}
    form = BudgetForm(request.POST or None, initial=initial, frozen=frozen)

    def save(data):
        if budget:
            return services.budget_update(person=request.user, budget=budget, **data)
        return services.budget_create(person=request.user, space=space, **data)

    saved = _saved(request, form, save, _("The budget is saved."))
    if saved:
        return redirect(saved.get_absolute_url())
    return render(request, "budgets/budget_form.html", {"form": form, "space": space, "budget": budget})


@login_required
def budget_new(request, slug):
    space = space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_budget", space)
    return _budget_form_view(request, space)


@login_required
def budget_edit(request, slug, budget_id):
    budget = _budget(request, slug, budget_id)
    ensure_can(request.user, "manage_budget", budget)
    return _budget_form_view(request, budget.space, budget)


@login_required
def project_new(request, slug, budget_id):
    budget = _budget(request, slug, budget_id)
    on_behalf = request.GET.get("for") == "someone" or "on_behalf_of" in request.POST
    ensure_can(request.user, "manage_budget" if on_behalf else "propose_project", budget)
    form = (OnBehalfProjectForm if on_behalf else ProjectForm)(request.POST or None)
    project = _saved(
        request,
        form,
        lambda data: services.project_propose(person=request.user, budget=budget, **data),
        _("Your project is proposed. Staff will review it and estimate its cost."),
    )
    if project:
        return redirect(project.get_absolute_url())
    return render(request, "budgets/project_form.html", {"form": form, "space": budget.space, "budget": budget})


def project_detail(request, slug, project_id):
    project = _project(request, slug, project_id)
    return render(
        request,
        "budgets/project.html",
        {
            "space": project.space,
            "budget": project.budget,
            "project": project,
            "following": selectors.is_following(person=request.user, project=project),
            "suggestion_form": SuggestionForm(),
        },
    )


@login_required
def project_review(request, slug, project_id):
    project = _project(request, slug, project_id)
    ensure_can(request.user, "review_project", project)
    initial = {"cost_estimate": project.reviewed_cost, "note": project.review_note}
    if project.status != ProjectStatus.PROPOSED:
        initial["feasible"] = "yes" if project.status == ProjectStatus.FEASIBLE else "no"
    form = ReviewForm(request.POST or None, initial=initial)
    review = lambda data: services.project_review(person=request.user, project=project, **data)  # noqa: E731
    if _saved(request, form, review, _("The review is published.")):
        return redirect(project.get_absolute_url())
    return render(
        request,
        "budgets/review.html",
        {"form": form, "space": project.space, "budget": project.budget, "project": project},
    )


@login_required
def project_edit(request, slug, project_id):
    """Staff correct a project while it is reviewed, e.g. after accepting a suggested change."""
    project = _project(request, slug, project_id)
    ensure_can(request.user, "review_project", project)
    names = ("title", "description", "cost", "benefits", "disruption", "schedule", "place_name", "district", "category")
    form = ProjectForm(request.POST or None, initial={name: getattr(project, name) for name in names})
    update = lambda data: services.project_update(person=request.user, project=project, **data)  # noqa: E731
    if _saved(request, form, update, _("The project is saved.")):
        return redirect(project.get_absolute_url())
    return render(
        request,
        "budgets/project_form.html",
        {"form": form, "space": project.space, "budget": project.budget, "project": project},
    )


def attachment(request, slug, update_id):
    """A delivery update's photo or document, for those who may read the project."""
    update = get_object_or_404(DeliveryUpdate.objects.select_related("project"), pk=update_id)
    project = _project(request, slug, update.project_id)
    if not update.attachment:
        raise Http404
    try:
        handle = update.attachment.open("rb")
    except FileNotFoundError:
        raise Http404
    name = update.attachment.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=name.lower().endswith(".pdf"), filename=name)
    response["Cache-Control"] = "private, max-age=3600" if not project.space.is_public() else "max-age=86400"
    return response


@login_required
@require_POST
def project_withdraw(request, slug, project_id):
    project = _project(request, slug, project_id)
    services.project_withdraw(person=request.user, project=project)
    messages.success(request, _("Your project is withdrawn."))
    return redirect(project.get_absolute_url())


@login_required
@require_POST
def project_follow(request, slug, project_id):
    project = _project(request, slug, project_id)
    if request.POST.get("action") == "unfollow":
        services.project_unfollow(person=request.user, project=project)
        messages.success(request, _("You no longer follow this project."))
    else:
        services.project_follow(person=request.user, project=project)
        messages.success(request, _("You follow this project: we will tell you about its review and delivery."))
    return redirect(project.get_absolute_url())


@login_required
@require_POST
def suggestion_new(request, slug, project_id):
    project = _project(request, slug, project_id)
    form = SuggestionForm(request.POST)
    suggest = lambda data: services.suggestion_create(person=request.user, project=project, body=data["body"])  # noqa: E731
    if _saved(request, form, suggest, _("Thank you: your suggestion is published and staff will answer it.")):
        return redirect(project.get_absolute_url() + "#suggestions")
    return render(
        request,
        "budgets/project.html",
        {
            "space": project.space,
            "budget": project.budget,
            "project": project,
            "suggestion_form": form,
            "following": selectors.is_following(person=request.user, project=project),
        },
        status=400,
    )


@login_required
def suggestion_decide(request, slug, project_id, suggestion_id):
    project = _project(request, slug, project_id)
    suggestion = get_object_or_404(ChangeSuggestion, pk=suggestion_id, project=project)
    suggestion.project, suggestion.space = project, project.space
    ensure_can(request.user, "decide_suggestion", suggestion)
    form = DecideForm(request.POST or None)
    decide = lambda data: services.suggestion_decide(person=request.user, suggestion=suggestion, **data)  # noqa: E731
    if _saved(request, form, decide, _("Your decision is published.")):
        return redirect(project.get_absolute_url() + "#suggestions")
    return render(
        request,
        "budgets/decide.html",
        {"form": form, "space": project.space, "budget": project.budget, "project": project, "suggestion": suggestion},
    )


@login_required
def delivery_update_new(request, slug, project_id):
    project = _project(request, slug, project_id)
    ensure_can(request.user, "post_delivery_update", project)
    form = DeliveryUpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"stage": project.delivery_stage, "progress": project.progress},
    )
    post = lambda data: services.delivery_update_post(person=request.user, project=project, **data)  # noqa: E731
    if _saved(request, form, post, _("The update is published and followers are told.")):
        return redirect(project.get_absolute_url() + "#delivery")
    return render(
        request,
        "budgets/update_form.html",
        {"form": form, "space": project.space, "budget": project.budget, "project": project},
    )


# --- Voting --------------------------------------------------------------------------------


CHOICE_FIELD = re.compile(r"project-([0-9]{1,18})")


def _posted_choices(request, budget) -> list[tuple[int, int]]:
    """The ballot as the form sent it: `project-<id>` checkboxes, points or ranks (whether each
    project is on the ballot is the service's to check)."""
    raw = []
    for name, value in request.POST.items():
        found = CHOICE_FIELD.fullmatch(name)
        value = value.strip()
        if not found or not value:
            continue
        if len(raw) >= 1000:
            raise ValidationError(_("This ballot names too many projects."))
        if budget.ballot_kind in (BallotKind.APPROVAL, BallotKind.KNAPSACK):
            raw.append((int(found.group(1)), 1))
            continue
        if not (value.isascii() and value.isdigit()) or len(value) > 4:  # "²" is a digit to isdigit()
            raise ValidationError(_("Enter whole numbers only."))
        raw.append((int(found.group(1)), int(value)))
    return raw


def _ballot_rows(projects, raw):
    given = dict(raw)
    return [(project, given.get(project.pk, "")) for project in projects.values()]


@login_required
def vote(request, slug, budget_id):
    """Choose → review → cast. Without JavaScript every step is a page; the choices travel in
    the form, so nothing is stored until the voter casts the ballot."""
    budget = _budget(request, slug, budget_id)
    error, step, raw = "", "choose", []
    if request.method == "POST" and request.POST.get("action") == "cast":
        # Casting needs nothing the page shows: the service checks and stores in one go.
        try:
            raw = _posted_choices(request, budget)
            _ballot, created = services.ballot_cast(person=request.user, budget=budget, choices=raw)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                _("Your ballot is cast. You can change it until voting closes.")
                if created
                else _("Your ballot is changed."),
            )
            return redirect(budget.get_absolute_url())
    decision = can(request.user, "vote", budget)
    projects = services.ballot_projects(budget)
    for project in projects.values():
        project.space, project.budget = budget.space, budget
    own = services.own_ballot(person=unwrapped(request.user), budget=budget)
    if own and not raw:
        raw = [tuple(pair) for pair in own.choices]
        if budget.ballot_kind == BallotKind.RANKED:
            raw = [(pid, rank) for rank, (pid, _s) in enumerate(own.choices, start=1)]
    if request.method == "POST" and decision and not error:
        try:
            raw = _posted_choices(request, budget)
            summary = ballot_check(budget, projects, raw)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if request.POST.get("action") == "review":
                step = "review"
    elif request.method == "POST":
        ensure_can(request.user, "vote", budget)
    voted_elsewhere = own is None and services.has_voted(person=request.user, budget=budget)
    context = {
        "space": budget.space,
        "budget": budget,
        "decision": decision,
        "rows": _ballot_rows(projects, raw),
        "error": error,
        "own": own,
        "voted_elsewhere": voted_elsewhere,
        "amount": money(budget.amount, budget.currency),
    }
    if step == "review":
        chosen = [(projects[pid], score) for pid, score in summary.choices]
        if budget.ballot_kind == BallotKind.RANKED:
            chosen = [(projects[pid], rank) for rank, (pid, _s) in enumerate(summary.choices, start=1)]
        context.update(
            chosen=chosen,
            raw=raw,
            total=money(summary.cost, budget.currency),
            left=money(budget.amount - summary.cost, budget.currency),
            points=summary.points,
        )
        return render(request, "budgets/vote_review.html", context)
    return render(request, "budgets/vote.html", context, status=400 if error else 200)


@login_required
def enter_ballot(request, slug, budget_id):
    """Staff enter a ballot cast at a meeting, with a voting code or for a paper ballot."""
    budget = _budget(request, slug, budget_id)
    ensure_can(request.user, "enter_ballot", budget)
    form = EnterBallotForm(request.POST or None)
    raw, error = [], ""
    if request.method == "POST" and form.is_valid():
        try:
            raw = _posted_choices(request, budget)
            services.ballot_enter(person=request.user, budget=budget, choices=raw, **form.cleaned_data)
        except ValidationError as problem:
            if hasattr(problem, "error_dict"):
                add_service_errors(form, problem)
            else:
                error = " ".join(problem.messages)
        except Refused as refusal:
            # This voter has already voted (online or at a meeting): say so on the form, so
            # staff can go on with the next voter instead of landing on an error page.
            form.add_error(None, refusal.reason)
        else:
            messages.success(request, _("The ballot is entered and counted once. Next voter?"))
            return redirect("budgets:enter", slug=slug, budget_id=budget.pk)
    projects = services.ballot_projects(budget)
    return render(
        request,
        "budgets/enter_ballot.html",
        {"space": budget.space, "budget": budget, "form": form, "rows": _ballot_rows(projects, raw), "error": error},
        status=400 if (form.errors or error) else 200,
    )


@login_required
def voting_codes(request, slug, budget_id):
    budget = _budget(request, slug, budget_id)
    ensure_can(request.user, "manage_budget", budget)
    if request.method == "POST":
        issued = services.voting_codes_issue(person=request.user, budget=budget)
        if not issued:
            messages.info(request, _("Every eligible resident already has a voting code or has voted."))
            return redirect("budgets:codes", slug=slug, budget_id=budget.pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="voting-codes-budget-{budget.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow(["reference", "postcode", "district", "voting_code"])
        for resident, code in issued:
            cells = (resident.reference, resident.postcode, resident.district)
            writer.writerow([*(spreadsheet_cell(cell, numbers_as_text=True) for cell in cells), code])
        return response
    return render(
        request,
        "budgets/codes.html",
        {
            "space": budget.space,
            "budget": budget,
            "issued": budget.voting_codes.count(),
            "used": budget.voting_codes.filter(used_at__isnull=False).count(),
        },
    )


@login_required
@require_POST
def count(request, slug, budget_id):
    budget = _budget(request, slug, budget_id)
    services.budget_count(person=request.user, budget=budget)
    messages.success(request, _("The votes are counted and the results are published."))
    return redirect("budgets:results", slug=slug, budget_id=budget.pk)


def results(request, slug, budget_id):
    from cocreate.budgets.results import results_page

    budget = _budget(request, slug, budget_id)
    if not budget.results_published_at:
        raise Http404
    return render(
        request,
        "budgets/results.html",
        {"space": budget.space, "budget": budget, **results_page(budget)},
    )


def delivery(request, slug):
    space = space_detail(slug=slug, viewer=request.user)
    projects = selectors.delivery_list(space=space)
    for project in projects:
        project.space = space
    return render(request, "budgets/delivery.html", {"space": space, "projects": projects})


# --- Pabulib files ---------------------------------------------------------------------------


def export_pabulib(request, slug, budget_id):
    """The budget as a Pabulib file: projects and pseudonymous ballots, once the vote is counted."""
    from cocreate.budgets.pabulib_io import budget_export_pabulib

    budget = _budget(request, slug, budget_id)
    if not budget.results_published_at:
        raise Http404
    response = HttpResponse(budget_export_pabulib(budget=budget), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-budget-{budget.pk}.pb"'
    return response


@login_required
def import_pabulib(request, slug):
    """Staff add a budget from a Pabulib file (projects and pseudonymous ballots)."""
    from cocreate.algorithms.pabulib import PabulibError, parse_pabulib
    from cocreate.budgets.forms import PabulibImportForm
    from cocreate.budgets.pabulib_io import budget_import_pabulib

    space = space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_budget", space)
    form = PabulibImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            pb = parse_pabulib(raw.decode("utf-8-sig"))
            budget = budget_import_pabulib(person=request.user, space=space, pb=pb, title=form.cleaned_data["title"])
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        except PabulibError as problem:
            form.add_error("file", _("This file is not a Pabulib file: %(problem)s.") % {"problem": problem})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The budget is imported: %(projects)s projects and %(ballots)s ballots.")
                % {"projects": pb.num_projects, "ballots": pb.num_voters},
            )
            return redirect(budget.get_absolute_url())
    return render(request, "budgets/import.html", {"form": form, "space": space}, status=400 if form.errors else 200)
