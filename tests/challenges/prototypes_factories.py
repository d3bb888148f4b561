"""Prototypes for the tests: a challenge space open for ideas, supports, prototypes and feedback,
an idea with an author and a supporter, a team, and a prototype made by the team from the idea."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import Prototype, Team, TeamMember, TeamRole, TestSession
from cocreate.challenges.services import prototypes as services
from cocreate.ideas.models import Idea
from cocreate.ideas.services import idea_support
from cocreate.spaces.models import Space
from tests.challenges.factories import challenge_space
from tests.factories import IdeaFactory, PersonFactory

ACTIVITIES = ("submit_idea", "support", "comment", "submit_prototype", "give_feedback")
TASKS = ["Find the booking page", "Book a collection", "Cancel it"]


@dataclass
class Lab:
    space: Space
    staff: Person
    idea: Idea
    idea_author: Person
    supporter: Person
    team: Team
    maker: Person
    prototype: Prototype


def make_team(space: Space, *members: Person, name: str = "Green Bins") -> Team:
    team = Team.objects.create(space=space, name=name, created_by=members[0] if members else None)
    for index, person in enumerate(members):
        TeamMember.objects.create(team=team, person=person, role=TeamRole.LEAD if index == 0 else TeamRole.MEMBER)
    return team


def lab(*, activities: tuple[str, ...] = ACTIVITIES) -> Lab:
    space, staff = challenge_space(activities=activities)
    idea_author, supporter, maker = PersonFactory(), PersonFactory(), PersonFactory()
    idea = IdeaFactory(space=space, author=idea_author, title="Book bulky waste collection by text")
    idea_support(person=supporter, idea=idea)
    team = make_team(space, maker)
    prototype = services.prototype_submit(
        person=maker,
        space=space,
        title="Bulky waste by text",
        summary="A text-message service to book a bulky waste collection.",
        source_ideas=[idea],
        team=team,
    )
    return Lab(space, staff, idea, idea_author, supporter, team, maker, prototype)


def open_session(the_lab: Lab, *, tasks=None, open_to_everyone_in: timedelta | None = None, **fields) -> TestSession:
    now = timezone.now()
    arguments = {
        "title": "Testing at the library",
        "tasks": tasks or TASKS,
        "starts_at": now - timedelta(hours=1),
        "ends_at": now + timedelta(days=7),
        "open_to_everyone_at": now + open_to_everyone_in if open_to_everyone_in is not None else None,
    }
    arguments.update(fields)
    return services.test_session_create(person=the_lab.maker, prototype=the_lab.prototype, **arguments)
