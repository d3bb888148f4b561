"""Pages: starting a challenge from a template, its settings and team composition rules, and
the catalogue of open datasets for a hackathon. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import MembershipRole, Organisation
from cocreate.challenges.forms.setup import ChallengeSettingsForm, ChallengeStartForm, CompositionRuleForm, DatasetForm
from cocreate.challenges.models import CompositionRule
from cocreate.challenges.selectors.setup import challenge_of, dataset_for_page, dataset_list
from cocreate.challenges.services import setup as services
from cocreate.challenges.templates_catalogue import CATALOGUE
from cocreate.challenges.views import file_download, page_space
from cocreate.spaces.permissions import Refused, ensure_can, refuse
from cocreate.web.forms import saved


def _challenge(request, slug):
    space = page_space(request, slug)
    return challenge_of(space=space)


@login_required
def challenge_start_page(request):
    """Choose a template, the organisation and the dates; the phases follow from the template."""
    person = request.user
    if person.is_superuser:
        runs = Organisation.objects.order_by("name")
    else:
        runs = Organisation.objects.filter(
            memberships__person=person, memberships__role__in=[MembershipRole.ADMIN, MembershipRole.STAFF]
        ).order_by("name")
    if not runs.exists():
        raise Refused(refuse(_("Only staff and administrators of an organisation can start a challenge.")))
    form = ChallengeStartForm(
        request.POST or None,
        organisations=runs,
        partners=Organisation.objects.order_by("name"),
        initial={"starts_at": timezone.localtime().replace(second=0, microsecond=0)},
    )

    def start(data):
        return services.challenge_start(person=person, partners=list(data.pop("partners")), **data)

    challenge = saved(
        request, form, start, _("The challenge is ready. Check its phases and settings before people join.")
    )
    if challenge:
        return redirect("challenges:setup_settings", slug=challenge.space.slug)
    return render(request, "challenges/setup/start.html", {"form": form, "plans": list(CATALOGUE.values())})


@login_required
def challenge_settings(request, slug):
    challenge = _challenge(request, slug)
    ensure_can(request.user, "manage_challenge", challenge.space)
    initial = {name: getattr(challenge, name) for name in services.SETTING_FIELDS}
    form = ChallengeSettingsForm(request.POST or None, initial=initial)
    update = lambda data: services.challenge_update(person=request.user, challenge=challenge, **data)  # noqa: E731
    if saved(request, form, update, _("The challenge's settings are saved.")):
        return redirect("challenges:setup_settings", slug=slug)
    return render(
        request,
        "challenges/setup/settings.html",
        {
            "space": challenge.space,
            "challenge": challenge,
            "form": form,
            "rules": list(challenge.composition_rules.all()),
            "phases": challenge.space.phase_list(),
            "plan": CATALOGUE.get(challenge.template),
        },
    )


@login_required
def rule_new(request, slug):
    challenge = _challenge(request, slug)
    ensure_can(request.user, "manage_challenge", challenge.space)
    form = CompositionRuleForm(request.POST or None)
    add = lambda data: services.composition_rule_add(person=request.user, challenge=challenge, **data)  # noqa: E731
    if saved(request, form, add, _("The rule is added: teams are told what they still need.")):
        return redirect("challenges:setup_settings", slug=slug)
    return render(request, "challenges/setup/rule_form.html", {"space": challenge.space, "form": form})


@login_required
@require_POST
def rule_remove(request, slug, rule_id):
    challenge = _challenge(request, slug)
    rule = get_object_or_404(CompositionRule, pk=rule_id, challenge=challenge)
    rule.challenge = challenge
    services.composition_rule_remove(person=request.user, rule=rule)
    messages.success(request, _("The rule “%(label)s” is removed.") % {"label": rule.label})
    return redirect("challenges:setup_settings", slug=slug)


def datasets(request, slug):
    challenge = _challenge(request, slug)
    return render(
        request,
        "challenges/setup/datasets.html",
        {"space": challenge.space, "challenge": challenge, "datasets": list(dataset_list(challenge=challenge))},
    )


def _dataset_form_view(request, challenge, dataset=None):
    initial = {}
    if dataset:
        names = ("title", "description", "publisher", "licence", "licence_url", "url", "data_format")
        initial = {name: getattr(dataset, name) for name in names}
    form = DatasetForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data):
        data = {k: v for k, v in data.items() if k != "file" or v}
        if dataset:
            return services.dataset_update(person=request.user, dataset=dataset, **data)
        return services.dataset_add(person=request.user, challenge=challenge, **data)

    if saved(request, form, save, _("The dataset is saved in the catalogue.")):
        return redirect("challenges:setup_datasets", slug=challenge.space.slug)
    return render(
        request,
        "challenges/setup/dataset_form.html",
        {"space": challenge.space, "form": form, "dataset": dataset},
    )


@login_required
def dataset_new(request, slug):
    challenge = _challenge(request, slug)
    ensure_can(request.user, "manage_challenge", challenge.space)
    return _dataset_form_view(request, challenge)


@login_required
def dataset_edit(request, slug, dataset_id):
    challenge = _challenge(request, slug)
    ensure_can(request.user, "manage_challenge", challenge.space)
    return _dataset_form_view(request, challenge, dataset_for_page(challenge=challenge, dataset_id=dataset_id))


@login_required
def dataset_remove(request, slug, dataset_id):
    challenge = _challenge(request, slug)
    ensure_can(request.user, "manage_challenge", challenge.space)
    dataset = dataset_for_page(challenge=challenge, dataset_id=dataset_id)
    if request.method == "POST":
        services.dataset_remove(person=request.user, dataset=dataset)
        messages.success(request, _("“%(title)s” is removed from the catalogue.") % {"title": dataset.title})
        return redirect("challenges:setup_datasets", slug=slug)
    return render(request, "challenges/setup/dataset_remove.html", {"space": challenge.space, "dataset": dataset})


def dataset_file(request, slug, dataset_id):
    """A dataset's uploaded file, for anyone who may read the challenge."""
    challenge = _challenge(request, slug)  # 404 for those who may not read the space
    ensure_can(request.user, "view", challenge.space)
    dataset = dataset_for_page(challenge=challenge, dataset_id=dataset_id)
    return file_download(dataset.file, public=challenge.space.is_public())


urlpatterns = [
    path("challenge/settings/", challenge_settings, name="setup_settings"),
    path("challenge/rules/new/", rule_new, name="setup_rule_new"),
    path("challenge/rules/<int:rule_id>/remove/", rule_remove, name="setup_rule_remove"),
    path("datasets/", datasets, name="setup_datasets"),
    path("datasets/new/", dataset_new, name="setup_dataset_new"),
    path("datasets/<int:dataset_id>/edit/", dataset_edit, name="setup_dataset_edit"),
    path("datasets/<int:dataset_id>/remove/", dataset_remove, name="setup_dataset_remove"),
    path("datasets/<int:dataset_id>/file/", dataset_file, name="setup_dataset_file"),
]
