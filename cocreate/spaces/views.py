"""Pages for spaces: overview, opening and running a space, phases, roles, residents, and the
moderation queue. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Membership, MembershipRole, Organisation, Person
from cocreate.spaces import registry, selectors, services
from cocreate.spaces.forms import (
    HideForm,
    PhaseForm,
    ReportForm,
    ResidencyForm,
    ResidentsUploadForm,
    SpaceForm,
    SpaceRoleForm,
)
from cocreate.spaces.models import Phase, Space, SpaceKind, SpaceRole
from cocreate.spaces.permissions import Refused, can, ensure_can, open_activities, refuse
from cocreate.web.forms import add_service_errors, say_service_errors


def _organisations_run_by(person):
    if person.is_superuser:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(
        memberships__person=person, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.STAFF]
    ).order_by("name")


def _programmes_run_by(person):
    """Programmes a new space may belong to: those the person organises."""
    programmes = Space.objects.filter(kind=SpaceKind.PROGRAMME).order_by("title")
    return programmes.filter(pk__in=[p.pk for p in programmes if can(person, "manage_space", p)])


def space_index(request):
    kind = request.GET.get("kind", "")
    if kind not in SpaceKind.values:
        kind = ""
    spaces = list(selectors.space_list(viewer=request.user, kind=kind))
    return render(request, "spaces/index.html", {"spaces": spaces, "kind": kind, "kinds": SpaceKind.choices})


def space_detail(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    latest, budgets, challenge = [], [], {}
    if space.kind == SpaceKind.CHALLENGE:
        from cocreate.challenges.selectors.setup import challenge_overview

        challenge = challenge_overview(space=space)
    if space.kind == SpaceKind.BUDGET:
        # A participatory budget space shows its budgets where other spaces show ideas.
        from cocreate.budgets.selectors import budget_list

        budgets = budget_list(space=space)
    else:
        from cocreate.ideas.selectors import IdeaFilters, idea_list

        latest = list(idea_list(space=space, viewer=request.user, filters=IdeaFilters(sort="newest"))[:3])
        for idea in latest:
            idea.space = space
    # Each app tells what it has to show of this space (None when nothing).
    from cocreate.dialogue.selectors.listening import listening_overview
    from cocreate.dialogue.selectors.questions import question_overview
    from cocreate.opinions.selectors import opinion_overview

    sections = {
        "question_overview": question_overview(space=space, viewer=request.user),
        "listening_overview": listening_overview(space=space, viewer=request.user),
        "opinion_overview": opinion_overview(space=space, viewer=request.user),
    }
    return render(
        request,
        "spaces/detail.html",
        {
            "space": space,
            "latest_ideas": latest,
            "budgets": budgets,
            "challenge_overview": challenge,
            **sections,
            "open_activities": open_activities(space),
            "children": [c for c in space.children.all() if c.is_public() or can(request.user, "view", c)],
        },
    )


@login_required
def space_new(request):
    organisations = _organisations_run_by(request.user)
    if not organisations.exists():
        raise Refused(refuse(_("Only staff and administrators of an organisation can open a space.")))
    parents = _programmes_run_by(request.user)
    form = SpaceForm(
        request.POST or None,
        organisations=organisations,
        parents=parents,
        initial={"content_language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            space = services.space_create(
                person=request.user, organisations=list(data.pop("organisations")), parent=data.pop("parent"), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The space is open. Add its phases so that people can take part."))
            return redirect("spaces:detail", slug=space.slug)
    return render(request, "spaces/space_form.html", {"form": form, "space": None})


@login_required
def space_edit(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_space", space)
    organisations = _organisations_run_by(request.user) | space.organisations.all()
    parents = _programmes_run_by(request.user).exclude(pk=space.pk)
    initial = {name: getattr(space, name) for name in services.SPACE_FIELDS}
    initial.update(organisations=list(space.organisations.all()), parent=space.parent)
    form = SpaceForm(request.POST or None, organisations=organisations.distinct(), parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisations_chosen = list(data.pop("organisations"))
        parent = data.pop("parent")
        try:
            services.space_update(
                person=request.user, space=space, organisations=organisations_chosen, parent=parent, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The space is saved."))
            return redirect("spaces:detail", slug=space.slug)
    return render(request, "spaces/space_form.html", {"form": form, "space": space})


def _phase_form_view(request, space, phase=None):
    initial = {}
    if phase:
        initial = {
            "title": phase.title,
            "description": phase.description,
            "activities": phase.activities,
            "starts_at": phase.starts_at,
            "ends_at": phase.ends_at,
        }
    form = PhaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if phase:
                services.phase_update(person=request.user, phase=phase, **form.cleaned_data)
            else:
                services.phase_create(person=request.user, space=space, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The phase is saved."))
            return redirect("spaces:detail", slug=space.slug)
    return render(request, "spaces/phase_form.html", {"form": form, "space": space, "phase": phase})


@login_required
def phase_new(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_space", space)
    return _phase_form_view(request, space)


@login_required
def phase_edit(request, slug, phase_id):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_space", space)
    phase = get_object_or_404(Phase, pk=phase_id, space=space)
    return _phase_form_view(request, space, phase)


@login_required
def phase_delete(request, slug, phase_id):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_space", space)
    phase = get_object_or_404(Phase, pk=phase_id, space=space)
    if request.method == "POST":
        services.phase_delete(person=request.user, phase=phase)
        messages.success(request, _("The phase “%(title)s” is deleted.") % {"title": phase.title})
        return redirect("spaces:detail", slug=space.slug)
    return render(request, "spaces/phase_delete.html", {"space": space, "phase": phase})


@login_required
def space_people(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_space", space)
    form = SpaceRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grantee = Person.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        if grantee is None:
            form.add_error("email", _("No one has an account with this e-mail address. Ask them to sign up first."))
        else:
            try:
                services.space_role_grant(
                    person=request.user, space=space, grantee=grantee, role=form.cleaned_data["role"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(name)s now has this role.") % {"name": grantee.public_name})
                return redirect("spaces:people", slug=space.slug)
    organisation_people = (
        Membership.objects.filter(organisation__in=space.organisations.all())
        .select_related("person", "organisation")
        .order_by("organisation__name", "role")
    )
    return render(
        request,
        "spaces/people.html",
        {
            "space": space,
            "form": form,
            "roles": selectors.space_roles(space=space),
            "organisation_people": organisation_people,
        },
    )


@login_required
@require_POST
def space_role_remove(request, slug, role_id):
    space_role = get_object_or_404(SpaceRole.objects.select_related("space", "person"), pk=role_id, space__slug=slug)
    services.space_role_revoke(person=request.user, space_role=space_role)
    messages.success(request, _("The role is removed."))
    return redirect("spaces:people", slug=slug)


@login_required
def residents(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "manage_space", space)
    form = ResidentsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.residents_upload(person=request.user, space=space, csv_file=form.cleaned_data["file"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(added)s residents added; %(already)s were already on the list.")
                % {"added": result["added"], "already": result["already_listed"]},
            )
            return redirect("spaces:residents", slug=space.slug)
    return render(
        request,
        "spaces/residents.html",
        {
            "space": space,
            "form": form,
            "summary": selectors.residents_summary(space=space),
        },
    )


@login_required
def residency(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    form = ResidencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.residency_verify(person=request.user, space=space, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: you are verified as a resident."))
            wanted = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(
                wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            return redirect(wanted if wanted and safe else space.get_absolute_url())
    return render(request, "spaces/residency.html", {"space": space, "form": form})


@login_required
def moderation(request, slug):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "moderate", space)
    return render(
        request,
        "spaces/moderation.html",
        {
            "space": space,
            "queue": selectors.moderation_queue(space=space),
        },
    )


def _content_or_404(space: Space, kind: str, content_id: int, viewer):
    """The contribution, if it is in this space and the viewer may read what it belongs to
    (a comment on a hidden idea is as hidden as the idea)."""
    content = registry.moderated_content(kind, content_id)
    if content is None or content.space_id != space.pk:
        raise Http404
    content.space = space
    container = content.belongs_to()
    if container is not None:
        container.space = space
        if not can(viewer, "view", container):
            raise Http404
    return content


@login_required
def report(request, slug, kind, content_id):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    content = _content_or_404(space, kind, content_id, request.user)
    ensure_can(request.user, "report", content)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_report(person=request.user, content=content, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at it."))
            return redirect(content.get_absolute_url())
    return render(request, "spaces/report.html", {"space": space, "content": content, "kind": kind, "form": form})


@login_required
def hide(request, slug, kind, content_id):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    content = _content_or_404(space, kind, content_id, request.user)
    ensure_can(request.user, "moderate", content)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_hide(person=request.user, content=content, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("It is hidden, and its author is told why."))
            return redirect("spaces:moderation", slug=space.slug)
    return render(request, "spaces/hide.html", {"space": space, "content": content, "kind": kind, "form": form})


@login_required
@require_POST
def restore(request, slug, kind, content_id):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    content = _content_or_404(space, kind, content_id, request.user)
    try:
        services.contribution_restore(person=request.user, content=content)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("It is visible again."))
    return redirect(content.get_absolute_url())


@login_required
@require_POST
def dismiss(request, slug, report_id):
    space = selectors.space_detail(slug=slug, viewer=request.user)
    report_row = get_object_or_404(space.reports.all(), pk=report_id)
    try:
        services.report_dismiss(person=request.user, report=report_row)
    except ValidationError as error:
        say_service_errors(request, error)
    else:
        messages.success(request, _("The content stays visible; the reports on it are closed."))
    return redirect("spaces:moderation", slug=space.slug)
