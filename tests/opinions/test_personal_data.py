"""A person's statements and votes are in their data download; deleting the account keeps the
statements (as from a deleted account) and forgets the person's point on the maps."""

import pytest

from cocreate.accounts.personal_data import erasers, export_sections
from cocreate.opinions import services
from cocreate.opinions.models import OpinionMap, Statement, StatementVote
from tests.factories import PersonFactory
from tests.opinions.factories import opinion_space, seed, voters_in_two_camps

pytestmark = pytest.mark.django_db


def test_export_holds_statements_and_votes():
    space, staff = opinion_space()
    (s,) = seed(space, staff, "One.")
    person = PersonFactory()
    services.statement_write(person=person, space=space, text="My own statement.")
    services.statement_vote(person=person, statement=s, choice="disagree")
    sections = export_sections()
    assert [row["text"] for row in sections["statements"](person)] == ["My own statement."]
    assert sections["statement_votes"](person) == [
        {
            "statement": s.pk,
            "statement_text": "One.",
            "space": space.title,
            "vote": "Disagree",
            "voted": StatementVote.objects.get(person=person).voted_at.isoformat(),
        }
    ]


def test_erasure_keeps_statements_and_forgets_the_position():
    space, staff = opinion_space()
    statements = seed(space, staff, *[f"Statement {n}." for n in range(6)])
    people = voters_in_two_camps(space, statements, per_camp=5)
    leaving = people[0]
    services.statement_write(person=leaving, space=space, text="Written before leaving.")
    services.opinion_map_update(space=space)
    assert str(leaving.pk) in OpinionMap.objects.get(space=space).positions
    for erase in erasers():
        erase(leaving)
    assert Statement.objects.filter(text="Written before leaving.", author=leaving).exists()
    assert str(leaving.pk) not in OpinionMap.objects.get(space=space).positions
    assert str(people[1].pk) in OpinionMap.objects.get(space=space).positions
