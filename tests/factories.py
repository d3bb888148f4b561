"""Factories for the tests. Ideas are created through the service, so that counters, search
text, authorship and follows are what real use produces."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from cocreate.accounts.models import Membership, Organisation, Person
from cocreate.ideas import services as idea_services
from cocreate.ideas.models import Theme
from cocreate.spaces.models import Phase, Space

PASSWORD = "a-long-test-password"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
        if create and obj.email:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Council {n}")
    kind = "public_agency"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "member"


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"space-{n}")
    title = factory.Sequence(lambda n: f"Space {n}")
    summary = "A question to the public."
    kind = "challenge"

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create:
            obj.organisations.set(extracted or [OrganisationFactory()])


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    space = factory.SubFactory(SpaceFactory)
    title = "Share your ideas"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    activities = factory.LazyFunction(lambda: ["submit_idea", "support", "comment"])


def open_space(organisation=None, **fields) -> Space:
    space = SpaceFactory(organisations=[organisation or OrganisationFactory()], **fields)
    PhaseFactory(space=space)
    return Space.objects.get(pk=space.pk)


class IdeaFactory:
    """`IdeaFactory(space=…, author=…, title=…)`: an idea submitted through the service."""

    counter = 0

    def __new__(cls, *, space, author=None, title=None, body=None, **fields):
        cls.counter += 1
        author = author or PersonFactory()
        return idea_services.idea_submit(
            person=author,
            space=space,
            title=title or f"Idea number {cls.counter} for the town",
            body=body or "A description long enough to pass the checks.",
            **fields,
        )


def theme(space, name="Getting around") -> Theme:
    return Theme.objects.create(space=space, name=name)


def change_phases(space, **fields) -> None:
    """Change a space's phases directly, and bump its settings version as the phase services
    do (phases are remembered per settings version)."""
    from django.db.models import F

    Phase.objects.filter(space=space).update(**fields)
    Space.objects.filter(pk=space.pk).update(settings_version=F("settings_version") + 1, version=F("version") + 1)
