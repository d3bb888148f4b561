"""Pages for the listening part of a dialogue space, for its organisers: the dashboard, the
sources, importing a file, an emerging issue and turning it into a question or a challenge.
Thin: parse, call a service or a selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import MembershipRole, Organisation
from cocreate.dialogue.forms.listening import (
    DashboardFilterForm,
    IssueChallengeForm,
    IssueQuestionForm,
    SignalFileForm,
    SourceForm,
)
from cocreate.dialogue.models import IssueStatus, ListeningSource
from cocreate.dialogue.selectors import listening as selectors
from cocreate.dialogue.services import listening as services
from cocreate.spaces.models import Space, SpaceKind
from cocreate.spaces.permissions import ensure_can, unwrapped
from cocreate.spaces.selectors import space_for_page
from cocreate.web.forms import add_service_errors, posted_id, saved, say_service_errors


def _space(request, slug, activity="listen"):
    space = space_for_page(slug=slug, viewer=unwrapped(request.user))
    ensure_can(request.user, activity, space)
    return space


def _issue(space, issue_id):
    issue = selectors.issue_for_page(space=space, issue_id=issue_id)
    if issue is None:
        raise Http404
    return issue


@login_required
def dashboard(request, slug):
    """The listening dashboard. Emerging issues are found over the whole space and in each area;
    to keep the list readable they are grouped rather than listed side by side. Each issue over
    the whole space comes with “Where”: the areas where its category rose over an overlapping
    period, as one line each, so a city-wide burst says where it happened without a card per
    area. A second list holds only the issues in one area whose category did not rise over the
    whole space at the time (“Dirty alleys — Canton” when only Canton reports far more than its
    usual). So each burst appears once, in its place. A filter “everywhere / by area” was the
    other choice; it shows one list at a time, which separates a city-wide burst from the areas
    it came from."""
    space = _space(request, slug)
    sources = ListeningSource.objects.filter(space=space)
    form = DashboardFilterForm(request.GET or None, sources=sources)
    filters = selectors.SignalFilters()
    if form.is_bound and form.is_valid():
        source = form.cleaned_data.get("source")
        filters = selectors.SignalFilters(
            source_id=source.pk if source else None,
            since=form.cleaned_data.get("since"),
            until=form.cleaned_data.get("until"),
        )
    context = selectors.listening_dashboard(space=space, filters=filters)
    return render(request, "dialogue/listening.html", {"space": space, "form": form, "filters": filters, **context})


@login_required
def sources(request, slug):
    space = _space(request, slug)
    form = SourceForm(request.POST or None)
    add = lambda data: services.listening_source_add(person=request.user, space=space, **data)  # noqa: E731
    if saved(request, form, add, _("The source is added. A feed is read within a few minutes.")):
        return redirect("dialogue:listening_sources", slug=slug)
    return render(
        request,
        "dialogue/listening_sources.html",
        {"space": space, "form": form, "sources": selectors.source_list(space=space)},
    )


@login_required
@require_POST
def source_fetch(request, slug, source_id):
    space = _space(request, slug, "manage_listening")
    source = get_object_or_404(ListeningSource, pk=source_id, space=space)
    try:
        services.feed_fetch_now(person=request.user, source=source)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("The feed “%(name)s” will be read in a moment.") % {"name": source.name})
    return redirect("dialogue:listening_sources", slug=slug)


@login_required
@require_POST
def source_remove(request, slug, source_id):
    space = _space(request, slug, "manage_listening")
    source = get_object_or_404(ListeningSource, pk=source_id, space=space)
    services.listening_source_remove(person=request.user, source=source)
    messages.success(request, _("The source “%(name)s” and its signals are removed.") % {"name": source.name})
    return redirect("dialogue:listening_sources", slug=slug)


@login_required
def signal_import(request, slug):
    space = _space(request, slug, "manage_listening")
    form = SignalFileForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.signals_import(
                person=request.user,
                space=space,
                file=form.cleaned_data["file"],
                file_format=form.cleaned_data["file_format"],
                source_name=form.cleaned_data["source_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "dialogue/listening_import.html", {"space": space, "form": form, "report": report})


@login_required
def signals(request, slug):
    space = _space(request, slug)
    source_id = posted_id(request.GET.get("source", ""))
    filters = selectors.SignalFilters(
        source_id=source_id, category=request.GET.get("category", "")[:200], area=request.GET.get("area", "")[:200]
    )
    page = Paginator(selectors.signal_list(space=space, filters=filters), 50).get_page(request.GET.get("page"))
    query = urlencode(
        {k: v for k, v in (("source", source_id), ("category", filters.category), ("area", filters.area)) if v}
    )
    return render(
        request,
        "dialogue/listening_signals.html",
        {"space": space, "page": page, "filters": filters, "query": query},
    )


@login_required
def issue_detail(request, slug, issue_id):
    space = _space(request, slug)
    issue = _issue(space, issue_id)
    chart = selectors.issue_charts(space=space, issues=[issue])[issue.pk]
    return render(
        request,
        "dialogue/listening_issue.html",
        {
            "space": space,
            "issue": issue,
            "chart": chart,
            "signals": selectors.issue_signals(issue=issue),
            "related": selectors.related_issues(issue=issue),
            "decided": issue.status in {IssueStatus.QUESTION, IssueStatus.CHALLENGE},
        },
    )


@login_required
@require_POST
def issue_decide(request, slug, issue_id):
    space = _space(request, slug, "manage_listening")
    issue = _issue(space, issue_id)
    try:
        services.emerging_issue_decide(person=request.user, issue=issue, status=request.POST.get("status", ""))
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(
            request, _("The issue is marked “%(status)s”.") % {"status": IssueStatus(request.POST["status"]).label}
        )
    return redirect("dialogue:listening_issue", slug=slug, issue_id=issue.pk)


def _dialogue_spaces(person):
    spaces = Space.objects.filter(kind=SpaceKind.DIALOGUE)
    if not person.is_superuser:
        spaces = spaces.filter(
            Q(organisations__memberships__person=person)
            & Q(organisations__memberships__role__in=[MembershipRole.ADMIN, MembershipRole.STAFF])
        )
    return spaces.distinct().order_by("title")


def _organisations(person):
    if person.is_superuser:
        return Organisation.objects.order_by("name")
    return (
        Organisation.objects.filter(
            memberships__person=person, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.STAFF]
        )
        .distinct()
        .order_by("name")
    )


@login_required
def issue_to_question(request, slug, issue_id):
    space = _space(request, slug, "manage_listening")
    issue = _issue(space, issue_id)
    form = IssueQuestionForm(
        request.POST or None,
        spaces=_dialogue_spaces(request.user),
        initial={"dialogue_space": space.pk, "title": issue.name[:200], "details": services.issue_summary(issue)},
    )
    turn = lambda data: services.emerging_issue_to_question(person=request.user, issue=issue, **data)  # noqa: E731
    question = saved(request, form, turn, _("The question is asked. People can now support it."))
    if question:
        return redirect(question.get_absolute_url())
    return render(
        request, "dialogue/listening_turn.html", {"space": space, "issue": issue, "form": form, "into": "question"}
    )


@login_required
def issue_to_challenge(request, slug, issue_id):
    space = _space(request, slug, "manage_listening")
    issue = _issue(space, issue_id)
    form = IssueChallengeForm(
        request.POST or None,
        organisations=_organisations(request.user),
        initial={"title": issue.name[:200], "starts_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    turn = lambda data: services.emerging_issue_to_challenge(person=request.user, issue=issue, **data)  # noqa: E731
    challenge_space = saved(request, form, turn, _("The challenge is ready. Check its phases and settings."))
    if challenge_space:
        return redirect(challenge_space.get_absolute_url())
    return render(
        request, "dialogue/listening_turn.html", {"space": space, "issue": issue, "form": form, "into": "challenge"}
    )


urlpatterns = [
    path("listening/", dashboard, name="listening"),
    path("listening/sources/", sources, name="listening_sources"),
    path("listening/sources/<int:source_id>/fetch/", source_fetch, name="listening_source_fetch"),
    path("listening/sources/<int:source_id>/remove/", source_remove, name="listening_source_remove"),
    path("listening/import/", signal_import, name="listening_import"),
    path("listening/signals/", signals, name="listening_signals"),
    path("listening/issues/<int:issue_id>/", issue_detail, name="listening_issue"),
    path("listening/issues/<int:issue_id>/decide/", issue_decide, name="listening_issue_decide"),
    path("listening/issues/<int:issue_id>/question/", issue_to_question, name="listening_issue_question"),
    path("listening/issues/<int:issue_id>/challenge/", issue_to_challenge, name="listening_issue_challenge"),
]
