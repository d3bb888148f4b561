"""Pages for judging, under /<language>/spaces/<slug>/judging/: entries, rubrics, the judge's
dashboard (conflicts first), scoring and pairwise pages, the organisers' preview and exports,
and the published results. Thin: parse, call, render."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Person
from cocreate.challenges.activities.judging import JudgedEntry, judge_standing
from cocreate.challenges.forms.judging import (
    CompareForm,
    ConflictsForm,
    CriterionForm,
    EntryForm,
    JudgeAssignForm,
    PublishForm,
    RubricForm,
    ScoreForm,
)
from cocreate.challenges.models import ChallengeTemplate, Entry, JudgingMode
from cocreate.challenges.selectors import judging as selectors
from cocreate.challenges.selectors.teams import teams_joined
from cocreate.challenges.services import judging as services
from cocreate.challenges.views import page_space
from cocreate.spaces.permissions import Refused, can, ensure_can, refuse, unwrapped
from cocreate.web.exports import spreadsheet_cell
from cocreate.web.forms import add_service_errors, saved


def _rubric(request, slug, rubric_id):
    return selectors.rubric_for_page(space=page_space(request, slug), rubric_id=rubric_id)


def _url(name, rubric, **kwargs):
    return reverse(f"challenges:{name}", kwargs={"slug": rubric.space.slug, "rubric_id": rubric.pk, **kwargs})


# --- Entries -------------------------------------------------------------------------------


def entries(request, slug):
    """The judging page of a challenge: its entries and rubrics, and what the viewer can do."""
    space = page_space(request, slug)
    viewer = unwrapped(request.user)
    rubrics = selectors.rubric_list(space=space)
    return render(
        request,
        "challenges/judging/entries.html",
        {
            "space": space,
            "entries": selectors.entry_list(space=space),
            "rubrics": rubrics,
            "hidden": selectors.identity_hidden(viewer=viewer, space=space),
            "may_submit": can(viewer, "submit_entry", space),
            "may_manage": can(viewer, "manage_judging", space),
            "judging": [r for r in rubrics if judge_standing(viewer, r)[0] is not None],
        },
    )


@login_required
def entry_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "submit_entry", space)
    challenge = getattr(space, "challenge", None)
    form = EntryForm(
        request.POST or None,
        teams=teams_joined(person=request.user, space=space),
        hackathon=bool(challenge and challenge.template == ChallengeTemplate.HACKATHON),
    )

    def save(data):
        return services.entry_submit(person=request.user, space=space, **data)

    entry = saved(request, form, save, _("Your entry is submitted. The judges will see it."))
    if entry:
        return redirect(entry.get_absolute_url())
    return render(request, "challenges/judging/entry_form.html", {"space": space, "form": form})


def entry_detail(request, slug, entry_id):
    space = page_space(request, slug)
    entry = selectors.entry_for_page(space=space, entry_id=entry_id)
    if entry.withdrawn_at and not entry.is_authored_by(request.user) and not can(request.user, "manage_judging", space):
        raise Http404
    return render(
        request,
        "challenges/judging/entry.html",
        {"space": space, "entry": entry, "hidden": selectors.identity_hidden(viewer=request.user, space=space)},
    )


@login_required
@require_POST
def entry_withdraw(request, slug, entry_id):
    space = page_space(request, slug)
    entry = selectors.entry_for_page(space=space, entry_id=entry_id)
    services.entry_withdraw(person=request.user, entry=entry)
    messages.success(request, _("Your entry is withdrawn: the judges no longer judge it."))
    return redirect("challenges:judging_entries", slug=slug)


# --- Rubrics (organisers) ------------------------------------------------------------------


RUBRIC_FORM_FIELDS = tuple(RubricForm.base_fields)


@login_required
def rubric_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "manage_judging", space)
    form = RubricForm(request.POST or None, initial={"mode": JudgingMode.SCORES})
    rubric = saved(
        request,
        form,
        lambda data: services.rubric_create(person=request.user, space=space, **data),
        _("The rubric is saved. Now add its criteria and judges."),
    )
    if rubric:
        rubric.space = space
        return redirect(_url("judging_rubric", rubric))
    return render(request, "challenges/judging/rubric_form.html", {"space": space, "form": form})


@login_required
def rubric_edit(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    form = RubricForm(request.POST or None, initial={name: getattr(rubric, name) for name in RUBRIC_FORM_FIELDS})
    done = saved(
        request,
        form,
        lambda data: services.rubric_update(person=request.user, rubric=rubric, **data),
        _("The rubric is saved."),
    )
    if done:
        return redirect(_url("judging_rubric", rubric))
    return render(
        request, "challenges/judging/rubric_form.html", {"space": rubric.space, "form": form, "rubric": rubric}
    )


@login_required
def rubric_detail(request, slug, rubric_id):
    """The organisers' page of a rubric: criteria with their levels, judges, and what next."""
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    return render(
        request,
        "challenges/judging/rubric.html",
        {
            "space": rubric.space,
            "rubric": rubric,
            "judges": selectors.judge_list(rubric=rubric),
            "judge_form": JudgeAssignForm(),
        },
    )


@login_required
def criterion_new(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    form = CriterionForm(request.POST or None, rubric=rubric)

    def save(data):
        return services.criterion_add(
            person=request.user,
            rubric=rubric,
            name=data["name"],
            description=data["description"],
            weight=data["weight"],
            levels=form.levels(),
        )

    if saved(request, form, save, _("The criterion is added.")):
        return redirect(_url("judging_rubric", rubric))
    return render(
        request, "challenges/judging/criterion_form.html", {"space": rubric.space, "rubric": rubric, "form": form}
    )


@login_required
def judge_assign(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    form = JudgeAssignForm(request.POST or None)

    def save(data):
        person = Person.objects.filter(email__iexact=data["email"], is_active=True).first()
        if person is None:
            raise ValidationError(
                {"email": _("No one has an account with this email address. Ask them to sign up first.")}
            )
        return services.judge_assign(person=request.user, rubric=rubric, judge_person=person)

    if saved(request, form, save, _("The judge is added. They declare their conflicts of interest first.")):
        return redirect(_url("judging_rubric", rubric))
    return render(
        request,
        "challenges/judging/rubric.html",
        {"space": rubric.space, "rubric": rubric, "judges": selectors.judge_list(rubric=rubric), "judge_form": form},
    )


# --- Judges --------------------------------------------------------------------------------


def _assigned(request, rubric):
    judge = judge_standing(request.user, rubric)[0]
    if judge is None:
        raise Refused(refuse(_("Only the judges the organisers assigned can judge these entries.")))
    return judge


@login_required
def dashboard(request, slug, rubric_id):
    """A judge's page: conflicts first, then the entries to score with progress (or the next pair)."""
    rubric = _rubric(request, slug, rubric_id)
    judge = _assigned(request, rubric)
    if judge.declared_at is None:
        return redirect(_url("judging_conflicts", rubric))
    context = {"space": rubric.space, "rubric": rubric, "judge": judge, "decision": can(request.user, "judge", rubric)}
    if rubric.is_pairwise:
        context["progress"] = selectors.pair_next(rubric=rubric, person=request.user)
    else:
        rows = selectors.judge_dashboard(rubric=rubric, person=request.user)
        context["rows"] = rows
        context["done"] = sum(1 for r in rows if r.done)
        context["to_do"] = sum(1 for r in rows if not r.conflicted)
    return render(request, "challenges/judging/dashboard.html", context)


@login_required
def conflicts(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    judge = _assigned(request, rubric)
    entries = selectors.entry_list(space=rubric.space)
    declared = {c.entry_id: c.reason for c in judge.conflicts.all()}
    form = ConflictsForm(request.POST or None, entries=entries, declared=declared)
    done = saved(
        request,
        form,
        lambda data: services.conflicts_declare(person=request.user, rubric=rubric, conflicts=form.conflicts()),
        _("Thank you: your declaration is recorded. You will not judge the entries you named."),
    )
    if done:
        return redirect(_url("judging_dashboard", rubric))
    return render(
        request,
        "challenges/judging/conflicts.html",
        {
            "space": rubric.space,
            "rubric": rubric,
            "form": form,
            "hidden": selectors.identity_hidden(viewer=request.user, space=rubric.space),
        },
    )


@login_required
def score(request, slug, rubric_id, entry_id):
    rubric = _rubric(request, slug, rubric_id)
    entry = selectors.entry_for_page(space=rubric.space, entry_id=entry_id)
    ensure_can(request.user, "judge", JudgedEntry(rubric, entry))
    form = ScoreForm(
        request.POST or None,
        rubric=rubric,
        scores=selectors.own_scores(rubric=rubric, person=request.user, entry=entry),
    )

    def save(data):
        return services.score_record(
            person=request.user, rubric=rubric, entry=entry, values=form.values(), comments=form.comments()
        )

    if saved(request, form, save, _("Your scores for “%(title)s” are saved.") % {"title": entry.title}):
        return redirect(_url("judging_dashboard", rubric))
    return render(
        request,
        "challenges/judging/score.html",
        {
            "space": rubric.space,
            "rubric": rubric,
            "entry": entry,
            "form": form,
            "hidden": selectors.identity_hidden(viewer=request.user, space=rubric.space),
        },
    )


@login_required
def compare(request, slug, rubric_id):
    """Two entries side by side; the judge says which is better, or that they are about the same."""
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "judge", rubric)
    if not rubric.is_pairwise:
        return redirect(_url("judging_dashboard", rubric))
    form = CompareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = (form.cleaned_data["first"], form.cleaned_data["second"])
        found = {e.pk: e for e in Entry.objects.filter(space=rubric.space, pk__in=ids)}
        try:
            if len(found) != 2:
                raise ValidationError(_("One of these entries is no longer in the challenge. Compare the next pair."))
            for entry in found.values():
                entry.space = rubric.space
            services.comparison_record(
                person=request.user,
                rubric=rubric,
                first=found[ids[0]],
                second=found[ids[1]],
                better=form.cleaned_data["better"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comparison is saved. Here is the next pair."))
            return redirect(_url("judging_compare", rubric))
    progress = selectors.pair_next(rubric=rubric, person=request.user)
    if progress.pair and not form.is_bound:
        form = CompareForm(initial={"first": progress.pair[0].pk, "second": progress.pair[1].pk})
    return render(
        request,
        "challenges/judging/compare.html",
        {
            "space": rubric.space,
            "rubric": rubric,
            "progress": progress,
            "form": form,
            "hidden": selectors.identity_hidden(viewer=request.user, space=rubric.space),
        },
    )


# --- Results -------------------------------------------------------------------------------


@login_required
def preview(request, slug, rubric_id):
    """The organisers' preview: the ranking with ties explained, and each entry's public reason
    to edit before publishing."""
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    if rubric.published_at:
        return redirect(_url("judging_results", rubric))
    results = selectors.results_compute(rubric=rubric)
    form = PublishForm(request.POST or None, rows=results.rows, note=rubric.results_note)
    done = saved(
        request,
        form,
        lambda data: services.results_publish(
            person=request.user, rubric=rubric, reasons=form.reasons(), note=data["note"]
        ),
        _("The results are published and the entrants are told."),
    )
    if done:
        return redirect(_url("judging_results", rubric))
    return render(
        request,
        "challenges/judging/preview.html",
        {"space": rubric.space, "rubric": rubric, "results": results, "form": form},
    )


def results(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    if not rubric.published_at:
        raise Http404
    return render(
        request,
        "challenges/judging/results.html",
        {"space": rubric.space, "rubric": rubric, "results": selectors.published_results(rubric=rubric)},
    )


def _csv(name: str, header: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])
    return response


@login_required
def export_judges(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    header, rows = selectors.judges_table(rubric=rubric)
    return _csv(f"judging-{rubric.pk}-per-judge.csv", header, rows)


@login_required
def export_entries(request, slug, rubric_id):
    rubric = _rubric(request, slug, rubric_id)
    ensure_can(request.user, "manage_judging", rubric)
    header, rows = selectors.entries_table(rubric=rubric)
    return _csv(f"judging-{rubric.pk}-per-entry.csv", header, rows)


R = "judging/rubrics/<int:rubric_id>/"
urlpatterns: list = [
    path("judging/", entries, name="judging_entries"),
    path("judging/entries/new/", entry_new, name="judging_entry_new"),
    path("judging/entries/<int:entry_id>/", entry_detail, name="judging_entry"),
    path("judging/entries/<int:entry_id>/withdraw/", entry_withdraw, name="judging_entry_withdraw"),
    path("judging/rubrics/new/", rubric_new, name="judging_rubric_new"),
    path(R, rubric_detail, name="judging_rubric"),
    path(R + "edit/", rubric_edit, name="judging_rubric_edit"),
    path(R + "criteria/new/", criterion_new, name="judging_criterion_new"),
    path(R + "judges/", judge_assign, name="judging_judge_assign"),
    path(R + "judge/", dashboard, name="judging_dashboard"),
    path(R + "conflicts/", conflicts, name="judging_conflicts"),
    path(R + "entries/<int:entry_id>/score/", score, name="judging_score"),
    path(R + "compare/", compare, name="judging_compare"),
    path(R + "preview/", preview, name="judging_preview"),
    path(R + "results/", results, name="judging_results"),
    path(R + "export/per-judge.csv", export_judges, name="judging_export_judges"),
    path(R + "export/per-entry.csv", export_entries, name="judging_export_entries"),
]
