"""The challenge set-up API: how a challenge is run, and its dataset catalogue."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreate.challenges.models import Challenge
from cocreate.challenges.services import setup as services
from tests.challenges.factories import challenge_space

pytestmark = pytest.mark.django_db


def test_the_challenge_and_its_datasets_are_public(visitor):
    space, staff = challenge_space(template="hackathon")
    challenge = Challenge.objects.get(space=space)
    services.composition_rule_add(person=staff, challenge=challenge, label="a coder", match="skill", value="Python")
    services.dataset_add(person=staff, challenge=challenge, title="Stops", licence="OGL", url="https://x.example.org")
    services.dataset_add(
        person=staff,
        challenge=challenge,
        title="Footfall",
        licence="CC BY 4.0",
        file=SimpleUploadedFile("footfall.csv", b"a,b\n"),
    )
    read = visitor.get(f"/spaces/{space.slug}/challenge").json()
    assert read["template"] == "hackathon" and read["composition_rules"][0]["label"] == "a coder"
    datasets = visitor.get(f"/spaces/{space.slug}/datasets").json()
    assert [d["title"] for d in datasets] == ["Footfall", "Stops"]
    assert datasets[0]["file_url"].endswith("/file/") and datasets[1]["file_url"] is None
