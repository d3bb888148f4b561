import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts import selectors, services
from cocreate.accounts.forms import (
    ApiTokenForm,
    DeleteAccountForm,
    MembershipForm,
    OrganisationForm,
    ProfileForm,
)
from cocreate.accounts.models import ApiToken, Membership, MembershipRole, Motivation, Person
from cocreate.ideas.selectors import ideas_authored
from cocreate.spaces.permissions import runs_organisation
from cocreate.web.forms import add_service_errors


@login_required
def profile(request):
    person = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "person": person,
            "memberships": selectors.memberships_of(person=person),
            "ideas": ideas_authored(person=person)[:20],
            "motivations": [str(Motivation(m).label) for m in person.motivations if m in Motivation.values],
        },
    )


@login_required
def profile_edit(request):
    person = request.user
    initial = {
        "display_name": person.display_name,
        "bio": person.bio,
        "languages": person.languages,
        "motivations": person.motivations,
        "skills": ", ".join(s.name for s in person.skills.all()),
        "expertise": ", ".join(f.name for f in person.expertise.all()),
        "preferred_language": person.preferred_language,
        "email_frequency": person.email_frequency,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update_profile(person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
def data_download(request):
    data = selectors.person_data_export(person=request.user)
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="cocreate-my-data-{stamp}.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_delete(person=request.user, actor=request.user)
        logout(request)
        messages.success(
            request, _("Your account is deleted. What you contributed stays, shown as from a deleted account.")
        )
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(person=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
            "new_key": new_key,
        },
    )


@login_required
@require_POST
def api_token_revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, person=request.user)
    services.api_token_revoke(person=request.user, token=token)
    messages.success(request, _("The key “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:api_tokens")


def person_public(request, person_id):
    person = get_object_or_404(Person, pk=person_id, kind="account", deleted_at__isnull=True, is_active=True)
    return render(
        request,
        "accounts/person.html",
        {
            "person": person,
            "memberships": selectors.memberships_of(person=person),
        },
    )


def organisations(request):
    return render(request, "accounts/organisations.html", {"organisations": selectors.organisation_list()})


@login_required
def organisation_new(request):
    if not request.user.is_superuser:
        raise PermissionDenied(_("Only site administrators can register organisations."))
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(person=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": organisation.name})
            return redirect("accounts:organisation", slug=organisation.slug)
    return render(request, "accounts/organisation_new.html", {"form": form})


def _organisation_or_404(slug):
    org = selectors.organisation_detail(slug=slug)
    if org is None:
        raise Http404
    return org


def organisation(request, slug):
    org = _organisation_or_404(slug)
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": org,
            "runs_it": runs_organisation(request.user, org),
        },
    )


@login_required
def organisation_members(request, slug):
    org = _organisation_or_404(slug)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(person=request.user, organisation=org, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is now a member.") % {"name": membership.person.public_name})
            return redirect("accounts:organisation_members", slug=org.slug)
    return render(
        request,
        "accounts/organisation_members.html",
        {
            "organisation": org,
            "form": form,
            "roles": MembershipRole.choices,
            "runs_it": runs_organisation(request.user, org),
        },
    )


@login_required
@require_POST
def membership_edit(request, slug, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "person"), pk=membership_id, organisation__slug=slug
    )
    try:
        if request.POST.get("action") == "remove":
            services.membership_remove(person=request.user, membership=membership)
            messages.success(request, _("%(name)s is no longer a member.") % {"name": membership.person.public_name})
        else:
            services.membership_change_role(
                person=request.user, membership=membership, role=request.POST.get("role", "")
            )
            messages.success(request, _("The role of %(name)s is changed.") % {"name": membership.person.public_name})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    if membership.person_id == request.user.pk and request.POST.get("action") == "remove":
        return redirect("accounts:organisations")
    return redirect("accounts:organisation_members", slug=slug)
