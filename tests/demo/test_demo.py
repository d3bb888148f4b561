"""The demo a newcomer sees after `make run`."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cocreate.demo import budgets as budget_demo
from cocreate.demo import content, dialogue_listening, dialogue_questions
from cocreate.ideas.models import Comment, Idea
from cocreate.spaces.models import Report, Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("demo", "--if-empty")
    return capsys.readouterr().out


def test_demo_loads_every_story_and_prints_the_logins(demo):
    budget_spaces = {budget_demo.CYCLE_2026["title"], budget_demo.CYCLE_2027["title"]}
    dialogue_spaces = {dialogue_questions.SPACE["title"], dialogue_listening.SPACE["title"]}
    assert {s.title for s in Space.objects.all()} == (
        {spec["title"] for spec in content.SPACES} | budget_spaces | dialogue_spaces
    )
    for spec in content.SPACES:
        space = Space.objects.get(title=spec["title"])
        # (and the ideas captured at the events that came after)
        assert Idea.objects.filter(space=space, captured_at__isnull=True).count() == len(spec["ideas"])
        assert any(phase.is_open() for phase in space.phase_list())
    assert Comment.objects.count() > 50
    assert Report.objects.filter(outcome="open").exists(), "moderators have something to look at"
    assert Idea.objects.filter(status="merged").count() == 1
    assert Idea.objects.filter(origin="event").exists() and Idea.objects.exclude(answer=None).exists()
    for person in content.PEOPLE:
        if person.get("login_note"):
            assert person["email"] in demo
    assert content.PASSWORD in demo


def test_demo_loads_only_once(demo, capsys):
    ideas = Idea.objects.count()
    call_command("demo", "--if-empty")
    assert Idea.objects.count() == ideas
    assert "Demo logins" in capsys.readouterr().out


def test_demo_people_can_sign_in_and_take_part(client, demo):
    organiser = next(p for p in content.PEOPLE if p["key"] == "organiser")
    response = client.post(reverse("account_login"), {"login": organiser["email"], "password": content.PASSWORD})
    assert response.status_code == 302
    space = Space.objects.get(title=content.SPACES[0]["title"])
    page = client.get(reverse("spaces:detail", args=[space.slug])).content.decode()
    assert "Moderation" in page and "Add a phase" in page
