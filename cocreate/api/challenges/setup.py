"""A challenge's set-up, as people taking part need it: its settings, the rules its teams
follow, and its catalogue of open datasets."""

from django.urls import reverse
from ninja import Field, Router, Schema

from cocreate.api.auth import ANYONE
from cocreate.api.spaces import readable_space
from cocreate.challenges.models import Challenge, ChallengeTemplate, Dataset, RuleMatch
from cocreate.challenges.selectors.setup import challenge_of, dataset_list

router = Router(tags=["challenges"])


class RuleOut(Schema):
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
        return context["request"].build_absolute_uri(dataset.file_path)


@router.get("/spaces/{slug}/challenge", response=ChallengeOut, auth=ANYONE, summary="How a challenge is run")
def get_challenge(request, slug: str):
    return challenge_of(space=readable_space(request, slug))


@router.get("/spaces/{slug}/datasets", response=list[DatasetOut], auth=ANYONE, summary="A challenge's datasets")
def list_datasets(request, slug: str):
    challenge = challenge_of(space=readable_space(request, slug))
    datasets = list(dataset_list(challenge=challenge))
    for dataset in datasets:
        dataset.file_path = reverse(
            "challenges:setup_dataset_file", kwargs={"slug": challenge.space.slug, "dataset_id": dataset.pk}
        )
    return datasets
