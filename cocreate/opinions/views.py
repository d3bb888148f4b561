"""Pages of a space's opinion map: the map and its text equivalent, voting one statement at a
time, writing a statement, and the moderators' page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.ideas.models import Comment, Idea
from cocreate.opinions import selectors, services
from cocreate.opinions.forms import StatementForm
from cocreate.opinions.models import Moderation, Statement
from cocreate.spaces.permissions import can, ensure_can, unwrapped
from cocreate.spaces.selectors import space_for_page
from cocreate.web.forms import posted_id, saved, say_service_errors


def _space(request, slug):
    return space_for_page(slug=slug, viewer=unwrapped(request.user))


def _vote_url(space) -> str:
    return reverse("opinions:vote", kwargs={"slug": space.slug})


def opinion_map(request, slug):
    space = _space(request, slug)
    page = selectors.opinion_map_page(space=space, viewer=request.user)
    return render(
        request,
        "opinions/map.html",
        {
            "space": space,
            "page": page,
            "may_vote": can(request.user, "vote_statement", space),
            "may_moderate": can(request.user, "moderate_statements", space),
        },
    )


def _vote_context(request, space, statement_id=None) -> dict:
    shown = selectors.next_statement(space=space, viewer=request.user, statement_id=statement_id)
    return {
        "space": space,
        "shown": shown,
        "may_vote": can(request.user, "vote_statement", shown.statement or space),
        "may_write": can(request.user, "write_statement", space),
    }


def vote(request, slug):
    space = _space(request, slug)
    context = _vote_context(request, space, posted_id(request.GET.get("statement", "")))
    return render(request, "opinions/vote.html", context)


@require_POST
@login_required
def cast(request, slug, statement_id):
    space = _space(request, slug)
    statement = get_object_or_404(Statement.objects.select_related("space"), space=space, pk=statement_id)
    try:
        services.statement_vote(person=request.user, statement=statement, choice=request.POST.get("choice", ""))
    except ValidationError as error:
        say_service_errors(request, error)
        return redirect(_vote_url(space) + f"?statement={statement.pk}")
    if request.headers.get("HX-Request"):
        context = _vote_context(request, space)
        context["just_voted"] = True
        return render(request, "opinions/_vote_card.html", context)
    messages.success(request, _("Your vote is recorded."))
    return redirect(_vote_url(space))


@login_required
def write(request, slug):
    space = _space(request, slug)
    ensure_can(request.user, "write_statement", space)
    form = StatementForm(request.POST or None)
    statement = saved(
        request,
        form,
        lambda data: services.statement_write(person=request.user, space=space, text=data["text"]),
        _("Thank you: your statement is in the conversation."),
    )
    if statement:
        if statement.moderation == Moderation.AWAITING:
            messages.info(request, _("A moderator will read it before people can vote on it."))
        return redirect(_vote_url(space))
    return render(request, "opinions/write.html", {"space": space, "form": form})


@login_required
def moderate(request, slug):
    space = _space(request, slug)
    ensure_can(request.user, "moderate_statements", space)
    form = StatementForm(request.POST or None)
    form.fields["text"].label = _("Add a seed statement")
    if saved(
        request,
        form,
        lambda data: services.statement_seed(person=request.user, space=space, text=data["text"]),
        _("The statement is added: people can vote on it now."),
    ):
        return redirect(reverse("opinions:moderate", kwargs={"slug": space.slug}))
    return render(
        request,
        "opinions/moderate.html",
        {
            "space": space,
            "form": form,
            "statements": selectors.statements_for_moderation(space=space),
            "ideas": selectors.ideas_to_turn_into_statements(space=space),
            "states": Moderation,
            "may_seed": can(request.user, "seed_statements", space),
        },
    )


@require_POST
@login_required
def moderate_statement(request, slug, statement_id):
    space = _space(request, slug)
    statement = get_object_or_404(Statement.objects.select_related("space"), space=space, pk=statement_id)
    try:
        statement = services.statement_moderate(
            person=request.user, statement=statement, moderation=request.POST.get("moderation", "")
        )
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("The statement is now: %(state)s.") % {"state": statement.get_moderation_display()})
    return redirect(reverse("opinions:moderate", kwargs={"slug": space.slug}))


@login_required
def from_source(request, slug):
    """Staff turn an idea (?idea=ID) or a comment (?comment=ID) of the space into a statement."""
    space = _space(request, slug)
    ensure_can(request.user, "seed_statements", space)
    source = request.GET if request.method == "GET" else request.POST
    idea = comment = None
    if posted_id(source.get("idea", "")):
        idea = get_object_or_404(Idea, space=space, pk=posted_id(source["idea"]))
    elif posted_id(source.get("comment", "")):
        comment = get_object_or_404(
            Comment.objects.select_related("idea"), space=space, pk=posted_id(source["comment"])
        )
    else:
        messages.error(request, _("Choose an idea or a comment of this space to turn into a statement."))
        return redirect(reverse("opinions:moderate", kwargs={"slug": space.slug}))
    original = idea.title if idea else comment.body
    form = StatementForm(request.POST or None, initial={"text": " ".join(original.split())[:280]})
    form.fields["text"].label = _("The statement")
    if saved(
        request,
        form,
        lambda data: services.statement_seed(
            person=request.user, space=space, text=data["text"], source_idea=idea, source_comment=comment
        ),
        _("The statement is added: people can vote on it now."),
    ):
        return redirect(reverse("opinions:moderate", kwargs={"slug": space.slug}))
    return render(
        request,
        "opinions/from_source.html",
        {"space": space, "form": form, "idea": idea, "comment": comment, "original": original},
    )


urlpatterns = [
    path("", opinion_map, name="map"),
    path("vote/", vote, name="vote"),
    path("vote/<int:statement_id>/", cast, name="cast"),
    path("write/", write, name="write"),
    path("moderate/", moderate, name="moderate"),
    path("moderate/<int:statement_id>/", moderate_statement, name="moderate_statement"),
    path("from/", from_source, name="from_source"),
]
