"""The demo's two challenges have been through every phase: events, teams, prototypes tested
and moved through their stages, judging with published results, prizes and recognition,
support matched and check-ins answered; condensed proposals voted by sub-theme, and co-design
invitations to the authors of the top ones."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cocreate.challenges.models import (
    CheckIn,
    CoDesignInvitation,
    CondensedProposal,
    EntryResult,
    Event,
    Feedback,
    Prototype,
    Registration,
    Rubric,
    SupportMatch,
)
from cocreate.demo import challenge_content
from cocreate.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("demo", "--if-empty")
    capsys.readouterr()
    return {
        "tby": Space.objects.get(title="Transformed by You"),
        "governor": Space.objects.get(title__startswith="O Governador Pergunta"),
    }


def test_every_phase_of_both_challenges_is_over_or_open_now(demo):
    for space in demo.values():
        phases = space.phase_list()
        assert all(p.state() == "closed" for p in phases[1:-1]), "the middle phases have happened"
        assert phases[-1].state() == "open"


def test_transformed_by_you_went_from_ideas_to_tested_prototypes_and_support(demo):
    space = demo["tby"]
    assert Event.objects.filter(space=space).count() == len(challenge_content.TBY_EVENTS)
    stages = dict(Prototype.objects.filter(space=space).values_list("title", "stage"))
    assert sorted(stages.values()) == ["adopted_elsewhere", "pilot", "tested"]
    assert Feedback.objects.filter(session__prototype__space=space).count() == sum(
        len(p["test"]["feedback"]) for p in challenge_content.TBY_PROTOTYPES
    )
    rubric = Rubric.objects.get(space=space)
    assert rubric.published_at is not None
    winner = EntryResult.objects.get(rubric=rubric, rank=1)
    assert winner.entry.team.name == "Lift Share Kent" and winner.reason
    assert SupportMatch.objects.filter(need__team__space=space, status="delivered").count() == 2
    answered = CheckIn.objects.filter(prototype__space=space, answered_at__isnull=False)
    assert answered.count() == 6 and all(c.still_alive for c in answered)
    assert CheckIn.objects.filter(prototype__space=space, months=12, answered_at__isnull=True).count() == 3


def test_access_needs_are_gone_after_events_and_the_next_workshop_has_a_waiting_list(demo):
    from django.utils import timezone

    ended = Registration.objects.filter(event__space=demo["tby"], event__ends_at__lt=timezone.now())
    assert ended.exists() and not ended.exclude(access_needs="").exists()
    upcoming = Event.objects.get(space=demo["tby"], title__startswith="Workshop 2027")
    assert upcoming.registrations.exclude(access_needs="").exists(), "kept until the event is over"
    assert upcoming.registrations.filter(status="waiting").count() == 1


def test_the_governor_asks_condensed_voted_and_invited_the_authors(demo):
    space = demo["governor"]
    proposals = CondensedProposal.objects.filter(space=space)
    assert proposals.count() == len(challenge_content.GOVERNOR_CONDENSED)
    assert sum(p.votes_count for p in proposals) == sum(len(v) for v in challenge_content.GOVERNOR_VOTES.values())
    invited = set(CoDesignInvitation.objects.filter(condensed__space=space).values_list("person__email", flat=True))
    assert "marlene.zanella@demo.cocreate.test" in invited
    assert CoDesignInvitation.objects.filter(condensed__space=space, status="accepted").exists()


def test_the_challenge_pages_of_the_demo_open(client, demo):
    slug = demo["tby"].slug
    for name in ("events", "teams_list", "prototypes_list", "judging_entries", "support_board", "recognition_credits"):
        assert client.get(reverse(f"challenges:{name}", args=[slug])).status_code == 200, name
    assert client.get(reverse("challenges:condensing_list", args=[demo["governor"].slug])).status_code == 200
