"""The demo's opinion map in the Governor Asks space: fifteen statements, sixty placeholder
voters in three camps, and a map computed at load that finds them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cocreate.demo import opinions as demo_opinions
from cocreate.demo.content import PASSWORD
from cocreate.opinions.models import Moderation, OpinionMap, Statement, StatementVote
from cocreate.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def governor(capsys):
    call_command("demo", "--if-empty")
    capsys.readouterr()
    return Space.objects.get(title__startswith="O Governador Pergunta")


def test_demo_map_recognises_the_camps(governor):
    statements = Statement.objects.filter(space=governor)
    assert statements.filter(moderation=Moderation.ACCEPTED).count() == 15
    assert statements.filter(moderation=Moderation.AWAITING).count() == 1
    assert statements.filter(source_idea__isnull=False).count() == 1
    voters = StatementVote.objects.filter(space=governor).values("person").distinct().count()
    assert voters == 3 * demo_opinions.VOTERS_PER_CAMP + len(demo_opinions.DEMO_VOTERS)
    opinion_map = OpinionMap.objects.get(space=governor)
    assert 2 <= opinion_map.k <= 3
    assert opinion_map.consensus, "the statements everyone agrees with are found"
    assert all(g["representative"] for g in opinion_map.groups)


def test_demo_citizen_sees_themself_on_the_map(governor, client):
    client.login(email="citizen@demo.cocreate.test", password=PASSWORD)
    page = client.get(reverse("opinions:map", args=[governor.slug])).content.decode()
    assert "You are in group" in page
