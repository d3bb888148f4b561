"""A challenge's set-up: start one from a template (organisation staff), how it is run (its
settings and the rules its teams follow) and its catalogue of open datasets. Reading is for
anyone who can read the space; changing is for its organisers."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from cocreate.accounts.models import Organisation
from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Moment, Text
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import Challenge, ChallengeTemplate, CompositionRule, Dataset, RuleMatch
from cocreate.challenges.selectors.setup import challenge_of, dataset_for_page, dataset_list
from cocreate.challenges.services import setup as services
from cocreate.spaces.models import Visibility

router = Router(tags=["challenges"])


class RuleOut(Schema):
    id: int
    label: str
    minimum: int
    match: RuleMatch
    value: str


class ChallengeOut(Schema):
    space: str = Field(description="slug of its space")
    template: ChallengeTemplate
    team_min_size: int
    team_max_size: int | None
    one_team_per_person: bool
    votes_per_theme: int
    co_design_places: int
    composition_rules: list[RuleOut]

    @staticmethod
    def resolve_space(challenge: Challenge):
        return challenge.space.slug

    @staticmethod
    def resolve_composition_rules(challenge: Challenge):
        return list(challenge.composition_rules.all())


class DatasetOut(Schema):
    id: int
    title: str
    description: str
    publisher: str
    licence: str
    licence_url: str
    url: str = Field(description="link to the data, if it is published elsewhere")
    file_url: str | None = Field(description="download link of the uploaded file, if any")
    data_format: str

    @staticmethod
    def resolve_file_url(dataset: Dataset, context):
        if not dataset.file:
            return None
        path = getattr(dataset, "file_path", None) or _file_path(dataset.challenge.space.slug, dataset.pk)
        return context["request"].build_absolute_uri(path)


class ChallengeStartIn(Schema):
    organisation: Text = Field(max_length=200, description="slug of the organisation running it (you are its staff)")
    template: ChallengeTemplate = Field(description="the kind of challenge to start from")
    title: Text = Field(max_length=200)
    summary: Text = Field(max_length=300)
    question: Text = Field("", max_length=300, description="the question people answer")
    description: Text = Field("", max_length=20000)
    target_community: Text = Field("", max_length=300)
    visibility: Visibility = Visibility.PUBLIC
    starts_at: Moment = Field(description="when the first phase starts; the others follow from the template")
    partners: list[Annotated[Text, Field(max_length=200)]] = Field(
        default_factory=list, max_length=20, description="slugs of partner organisations running it too"
    )


class ChallengeSettingsIn(Schema):
    """Send only what changes."""

    team_min_size: int | None = Field(None, ge=1, le=100, description="smallest team that may enter")
    team_max_size: int | None = Field(None, ge=1, le=100, description="largest team; null for no limit")
    one_team_per_person: bool | None = Field(None, description="each person leads or joins one team only")
    votes_per_theme: int | None = Field(None, ge=1, le=100)
    co_design_places: int | None = Field(None, ge=0, le=100)


class RuleIn(Schema):
    label: Text = Field(max_length=120, description="who the team needs, in plain words: “a digital specialist”")
    match: RuleMatch = Field(description="how a member counts: by a skill, a field of expertise or their organisation")
    value: Text = Field(max_length=120, description="the skill, field of expertise, or kind of organisation")
    minimum: int = Field(1, ge=1, le=50, description="how many such members a team needs")


class DatasetIn(Schema):
    title: Text = Field(max_length=200)
    url: Text = Field(max_length=2000, description="link to the data (uploading a file is done on the site)")
    licence: Text = Field(max_length=120, description="e.g. “Open Government Licence v3.0” or “CC BY 4.0”")
    licence_url: Text = Field("", max_length=2000)
    description: Text = Field("", max_length=5000)
    publisher: Text = Field("", max_length=200)
    data_format: Text = Field("", max_length=40, description="e.g. CSV, GeoJSON")


class DatasetPatch(Schema):
    """Send only what changes."""

    title: Text | None = Field(None, max_length=200)
    url: Text | None = Field(None, max_length=2000)
    licence: Text | None = Field(None, max_length=120)
    licence_url: Text | None = Field(None, max_length=2000)
    description: Text | None = Field(None, max_length=5000)
    publisher: Text | None = Field(None, max_length=200)
    data_format: Text | None = Field(None, max_length=40)


def _file_path(slug: str, dataset_id: int) -> str:
    return reverse("challenges:setup_dataset_file", kwargs={"slug": slug, "dataset_id": dataset_id})


def _challenge(request, slug: str) -> Challenge:
    return challenge_of(space=readable_space(request, slug))


def _organisations(slugs: list[str], field: str) -> list[Organisation]:
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ValidationError(
            {
                field: _("No organisation has the slug “%(slug)s”: use the slug of a registered organisation.")
                % {"slug": missing[0][:200]}
            }
        )
    return [found[slug] for slug in slugs]


@router.post(
    "/challenges",
    response={201: ChallengeOut},
    auth=SIGNED_IN,
    summary="Start a challenge from a template (organisation staff)",
)
def start_challenge(request, payload: ChallengeStartIn):
    data = payload.dict()
    (organisation,) = _organisations([data.pop("organisation")], "organisation")
    partners = _organisations(list(dict.fromkeys(data.pop("partners"))), "partners")
    challenge = services.challenge_start(person=request.auth, organisation=organisation, partners=partners, **data)
    return Status(201, challenge_of(space=challenge.space))


@router.get("/spaces/{slug}/challenge", response=ChallengeOut, auth=ANYONE, summary="How a challenge is run")
def get_challenge(request, slug: str):
    return _challenge(request, slug)


@router.patch(
    "/spaces/{slug}/challenge", response=ChallengeOut, auth=SIGNED_IN, summary="Change its settings (organisers)"
)
def update_challenge(request, slug: str, payload: ChallengeSettingsIn):
    challenge = _challenge(request, slug)
    fields = payload.dict(exclude_unset=True)
    for name in ("team_min_size", "votes_per_theme", "co_design_places", "one_team_per_person"):
        if name in fields and fields[name] is None:
            fields.pop(name)  # null only means "no limit" for team_max_size
    services.challenge_update(person=request.auth, challenge=challenge, **fields)
    return _challenge(request, slug)


@router.post(
    "/spaces/{slug}/challenge/rules",
    response={201: RuleOut},
    auth=SIGNED_IN,
    summary="Add a team composition rule (organisers)",
)
def add_rule(request, slug: str, payload: RuleIn):
    challenge = _challenge(request, slug)
    return Status(201, services.composition_rule_add(person=request.auth, challenge=challenge, **payload.dict()))


@router.delete("/spaces/{slug}/challenge/rules/{rule_id}", response={204: None}, auth=SIGNED_IN)
def remove_rule(request, slug: str, rule_id: int):
    challenge = _challenge(request, slug)
    rule = CompositionRule.objects.filter(challenge=challenge, pk=rule_id).first()
    if rule is None:
        raise Http404
    rule.challenge = challenge
    services.composition_rule_remove(person=request.auth, rule=rule)
    return Status(204, None)


@router.get("/spaces/{slug}/datasets", response=list[DatasetOut], auth=ANYONE, summary="A challenge's datasets")
def list_datasets(request, slug: str):
    challenge = _challenge(request, slug)
    datasets = list(dataset_list(challenge=challenge))
    for dataset in datasets:
        dataset.file_path = _file_path(challenge.space.slug, dataset.pk)
    return datasets


@router.post(
    "/spaces/{slug}/datasets",
    response={201: DatasetOut},
    auth=SIGNED_IN,
    summary="Add a dataset by its link (organisers)",
)
def add_dataset(request, slug: str, payload: DatasetIn):
    challenge = _challenge(request, slug)
    dataset = services.dataset_add(person=request.auth, challenge=challenge, **payload.dict())
    dataset.challenge = challenge
    return Status(201, dataset)


def _dataset(request, slug: str, dataset_id: int) -> Dataset:
    return dataset_for_page(challenge=_challenge(request, slug), dataset_id=dataset_id)


@router.patch("/spaces/{slug}/datasets/{dataset_id}", response=DatasetOut, auth=SIGNED_IN)
def update_dataset(request, slug: str, dataset_id: int, payload: DatasetPatch):
    dataset = _dataset(request, slug, dataset_id)
    return services.dataset_update(person=request.auth, dataset=dataset, **payload.dict(exclude_none=True))


@router.delete("/spaces/{slug}/datasets/{dataset_id}", response={204: None}, auth=SIGNED_IN)
def remove_dataset(request, slug: str, dataset_id: int):
    services.dataset_remove(person=request.auth, dataset=_dataset(request, slug, dataset_id))
    return Status(204, None)
