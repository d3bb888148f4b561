"""Condensing for the tests: an open-question challenge with two sub-themes, ideas proposed and
supported through the ideas services, and condensed proposals made through ours."""

from dataclasses import dataclass

from cocreate.accounts.models import Person
from cocreate.challenges.models import Challenge, CondensedProposal
from cocreate.challenges.services import condensing as services
from cocreate.ideas import services as idea_services
from cocreate.ideas.models import Idea, Theme
from cocreate.spaces.models import Space
from tests.challenges.factories import challenge_space
from tests.factories import IdeaFactory, PersonFactory

OPEN = ("submit_idea", "support", "vote_condensed")


@dataclass
class Question:
    space: Space
    staff: Person
    health: Theme
    education: Theme

    @property
    def challenge(self) -> Challenge:
        return Challenge.objects.get(space=self.space)


def question(*, activities=OPEN, votes_per_theme: int = 1, co_design_places: int = 1) -> Question:
    """The Governor asks: a challenge space open for ideas, supports and the vote."""
    space, staff = challenge_space(template="open_question", activities=activities)
    Challenge.objects.filter(space=space).update(votes_per_theme=votes_per_theme, co_design_places=co_design_places)
    health = Theme.objects.create(space=space, name="Health")
    education = Theme.objects.create(space=space, name="Education")
    return Question(space=space, staff=staff, health=health, education=education)


def idea(q: Question, *, author: Person | None = None, title: str | None = None, supporters: int = 0) -> Idea:
    made = IdeaFactory(space=q.space, author=author or PersonFactory(), title=title)
    for _n in range(supporters):
        idea_services.idea_support(person=PersonFactory(), idea=made)
    return Idea.objects.get(pk=made.pk)


def condensed(q: Question, ideas, *, theme: Theme | None = None, title: str = "Better clinics") -> CondensedProposal:
    return services.condensed_create(
        person=q.staff,
        space=q.space,
        title=title,
        body="What these ideas propose together, in plain words.",
        theme=theme or q.health,
        ideas=list(ideas),
    )


def voter(q: Question, proposals, person: Person | None = None) -> Person:
    person = person or PersonFactory()
    for proposal in proposals:
        services.condensed_vote(person=person, condensed=CondensedProposal.objects.get(pk=proposal.pk))
    return person
