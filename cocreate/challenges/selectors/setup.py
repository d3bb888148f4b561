"""Reads about a challenge's set-up: the challenge of a space with its rules, its datasets."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cocreate.challenges.models import Challenge, CompositionRule, Dataset
from cocreate.spaces.models import Space


def challenge_of(*, space: Space) -> Challenge:
    """The challenge run in `space`, with its composition rules; 404 for other spaces."""
    challenge = (
        Challenge.objects.filter(space_id=space.pk)
        .prefetch_related(Prefetch("composition_rules", queryset=CompositionRule.objects.order_by("pk")))
        .first()
    )
    if challenge is None:
        raise Http404
    challenge.space = space
    return challenge


def dataset_list(*, challenge: Challenge) -> QuerySet[Dataset]:
    return Dataset.objects.filter(challenge=challenge).order_by("title", "pk")


def dataset_for_page(*, challenge: Challenge, dataset_id: int) -> Dataset:
    dataset = Dataset.objects.filter(challenge=challenge, pk=dataset_id).first()
    if dataset is None:
        raise Http404
    dataset.challenge = challenge
    return dataset


def challenge_overview(*, space: Space) -> dict:
    """What a challenge space's page shows about the challenge: its template, the parts of the
    challenge it leads to (in the order people meet them) and the next events."""
    from cocreate.challenges.selectors.events import space_events_summary
    from cocreate.challenges.templates_catalogue import plan_for

    challenge = Challenge.objects.filter(space_id=space.pk).first()
    if challenge is None:
        return {}
    challenge.space = space
    parts = list(plan_for(challenge.template).parts)
    if "datasets" not in parts and challenge.datasets.exists():
        parts.insert(0, "datasets")
    return {"challenge": challenge, "parts": parts, "events": space_events_summary(space=space)}
