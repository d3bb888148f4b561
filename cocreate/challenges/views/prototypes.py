"""Pages about prototypes: the list per space, a prototype's page (stage and its history, source
ideas, versions, test sessions, a summary of the feedback per version), submitting and changing
prototypes, gate decisions, test sessions with their feedback form, feedback typed in from paper,
and the full feedback (with comments) for the team and organisers. Thin: parse, call, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from cocreate.challenges.forms.prototypes import (
    FeedbackForm,
    GateForm,
    InviteForm,
    PaperFeedbackForm,
    PrototypeEditForm,
    PrototypeForm,
    TestSessionForm,
    VersionForm,
)
from cocreate.challenges.models import Event, Stage, Team
from cocreate.challenges.selectors import prototypes as selectors
from cocreate.challenges.services import prototypes as services
from cocreate.challenges.views import file_download, page_space
from cocreate.ideas.models import Idea
from cocreate.spaces.permissions import ensure_can, unwrapped
from cocreate.web.forms import saved


def _prototype(request, slug, prototype_id):
    return selectors.prototype_for_page(
        space=page_space(request, slug), prototype_id=prototype_id, viewer=unwrapped(request.user)
    )


def _session(request, slug, session_id):
    return selectors.session_for_page(
        space=page_space(request, slug), session_id=session_id, viewer=unwrapped(request.user)
    )


def _ideas(space):
    return Idea.objects.filter(space=space, hidden_at__isnull=True).order_by("title", "pk")


def prototype_list(request, slug):
    space = page_space(request, slug)
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    viewer = unwrapped(request.user)
    return render(
        request,
        "challenges/prototypes/list.html",
        {
            "space": space,
            "prototypes": selectors.prototype_page_rows(space=space, viewer=viewer, stage=stage),
            "stages": Stage.choices,
            "chosen_stage": stage,
        },
    )


@login_required
def prototype_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "submit_prototype", space)
    teams = Team.objects.filter(space=space, members__person=request.user, disbanded_at__isnull=True)
    form = PrototypeForm(request.POST or None, ideas=_ideas(space), teams=teams)
    prototype = saved(
        request,
        form,
        lambda data: services.prototype_submit(person=request.user, space=space, **data),
        _("Your prototype is submitted. Add versions as it changes, and test it with people."),
    )
    if prototype:
        return redirect(prototype.get_absolute_url())
    return render(request, "challenges/prototypes/form.html", {"space": space, "form": form})


def prototype_detail(request, slug, prototype_id):
    prototype = _prototype(request, slug, prototype_id)
    return render(
        request,
        "challenges/prototypes/detail.html",
        {
            "space": prototype.space,
            "prototype": prototype,
            "summaries": selectors.feedback_summaries(prototype=prototype),
        },
    )


def version_file(request, slug, prototype_id, version_id):
    """A version's uploaded file, for those who may see the prototype (404 for others)."""
    prototype = _prototype(request, slug, prototype_id)
    version = next((v for v in prototype.versions.all() if v.pk == version_id), None)
    if version is None:
        raise Http404
    return file_download(version.file, public=prototype.space.is_public() and not prototype.hidden_at)


@login_required
def prototype_edit(request, slug, prototype_id):
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.user, "edit_prototype", prototype)
    initial = {
        "title": prototype.title,
        "summary": prototype.summary,
        "source_ideas": [source.idea_id for source in prototype.sources.all()],
    }
    form = PrototypeEditForm(request.POST or None, initial=initial, ideas=_ideas(prototype.space))
    update = lambda data: services.prototype_update(person=request.user, prototype=prototype, **data)  # noqa: E731
    if saved(request, form, update, _("The prototype is saved.")):
        return redirect(prototype.get_absolute_url())
    return render(
        request, "challenges/prototypes/form.html", {"space": prototype.space, "form": form, "prototype": prototype}
    )


@login_required
def version_new(request, slug, prototype_id):
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.user, "edit_prototype", prototype)
    form = VersionForm(request.POST or None, request.FILES or None)
    version = saved(
        request,
        form,
        lambda data: services.version_add(person=request.user, prototype=prototype, **data),
        _("The new version is added."),
    )
    if version:
        return redirect(prototype.get_absolute_url() + "#versions")
    return render(
        request,
        "challenges/prototypes/version_form.html",
        {"space": prototype.space, "form": form, "prototype": prototype},
    )


@login_required
def gate_decide(request, slug, prototype_id):
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.user, "decide_gate", prototype)
    form = GateForm(request.POST or None, stage=prototype.stage)
    decide = lambda data: services.gate_decide(person=request.user, prototype=prototype, **data)  # noqa: E731
    if saved(request, form, decide, _("The decision is recorded and the prototype has moved to its new stage.")):
        return redirect(prototype.get_absolute_url() + "#stage")
    return render(
        request, "challenges/prototypes/gate.html", {"space": prototype.space, "form": form, "prototype": prototype}
    )


@login_required
def session_new(request, slug, prototype_id):
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.user, "run_test_session", prototype)
    versions = prototype.versions.model.objects.filter(prototype=prototype).order_by("-number")
    events = Event.objects.filter(space=prototype.space).order_by("starts_at")
    latest = max((v.pk for v in prototype.versions.all()), default=None)
    form = TestSessionForm(request.POST or None, versions=versions, events=events, initial={"version": latest})
    session = saved(
        request,
        form,
        lambda data: services.test_session_create(person=request.user, prototype=prototype, **data),
        _("The test session is ready. The authors and supporters of the ideas it came from are invited."),
    )
    if session:
        return redirect(session.get_absolute_url())
    return render(
        request,
        "challenges/prototypes/session_form.html",
        {"space": prototype.space, "form": form, "prototype": prototype},
    )


def session_detail(request, slug, session_id):
    """The test session, with the feedback form for testers (POSTed here; works without JS)."""
    session = _session(request, slug, session_id)
    viewer = unwrapped(request.user)
    form = FeedbackForm(request.POST or None, tasks=session.tasks)
    if request.method == "POST":
        ensure_can(request.user, "give_feedback", session)
    give = lambda data: services.feedback_give(person=request.user, session=session, **data)  # noqa: E731
    if saved(request, form, give, _("Thank you: your feedback is sent to the team.")):
        return redirect(session.get_absolute_url())
    return render(
        request,
        "challenges/prototypes/session.html",
        {
            "space": session.prototype.space,
            "session": session,
            "prototype": session.prototype,
            "form": form,
            "own_feedback": selectors.own_feedback(person=viewer, session=session),
        },
    )


@login_required
def feedback_paper(request, slug, session_id):
    session = _session(request, slug, session_id)
    ensure_can(request.user, "run_test_session", session.prototype)
    form = PaperFeedbackForm(request.POST or None, tasks=session.tasks)
    enter = lambda data: services.feedback_enter(person=request.user, session=session, **data)  # noqa: E731
    if saved(request, form, enter, _("The feedback is entered. You can enter the next form.")):
        return redirect(request.path)
    return render(
        request,
        "challenges/prototypes/paper_feedback.html",
        {"space": session.prototype.space, "session": session, "prototype": session.prototype, "form": form},
    )


@login_required
def session_invite(request, slug, session_id):
    session = _session(request, slug, session_id)
    ensure_can(request.user, "run_test_session", session.prototype)
    form = InviteForm(request.POST or None)
    invite = lambda data: services.test_session_invite(person=request.user, session=session, **data)  # noqa: E731
    if saved(request, form, invite, _("The invitations are sent.")):
        return redirect(request.path)
    return render(
        request,
        "challenges/prototypes/invite.html",
        {
            "space": session.prototype.space,
            "session": session,
            "prototype": session.prototype,
            "form": form,
            "invitations": selectors.session_invitations(session=session),
        },
    )


@login_required
def feedback_summary(request, slug, prototype_id):
    """All the feedback with testers' comments: for the team and the organisers only (the
    public page shows the figures alone; testers wrote their comments for the team)."""
    prototype = _prototype(request, slug, prototype_id)
    ensure_can(request.user, "run_test_session", prototype)
    return render(
        request,
        "challenges/prototypes/feedback.html",
        {
            "space": prototype.space,
            "prototype": prototype,
            "summaries": selectors.feedback_summaries(prototype=prototype),
            "feedback": selectors.feedback_comments(prototype=prototype),
        },
    )


urlpatterns = [
    path("prototypes/", prototype_list, name="prototypes_list"),
    path("prototypes/new/", prototype_new, name="prototypes_new"),
    path("prototypes/<int:prototype_id>/", prototype_detail, name="prototypes_detail"),
    path("prototypes/<int:prototype_id>/edit/", prototype_edit, name="prototypes_edit"),
    path("prototypes/<int:prototype_id>/versions/<int:version_id>/file/", version_file, name="prototypes_version_file"),
    path("prototypes/<int:prototype_id>/versions/new/", version_new, name="prototypes_version_new"),
    path("prototypes/<int:prototype_id>/stage/", gate_decide, name="prototypes_gate"),
    path("prototypes/<int:prototype_id>/tests/new/", session_new, name="prototypes_session_new"),
    path("prototypes/<int:prototype_id>/feedback/", feedback_summary, name="prototypes_feedback"),
    path("prototypes/tests/<int:session_id>/", session_detail, name="prototypes_session"),
    path("prototypes/tests/<int:session_id>/paper/", feedback_paper, name="prototypes_paper"),
    path("prototypes/tests/<int:session_id>/invite/", session_invite, name="prototypes_invite"),
]
