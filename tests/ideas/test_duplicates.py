"""Ideas that look like duplicates: the moderators' page, merging a group, saying a group is
not one; and the topics found in a space's ideas."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cocreate.ideas import selectors, services
from cocreate.ideas.models import Idea, IdeaStatus, NotDuplicatesDecision, Support
from cocreate.spaces import similarity
from cocreate.spaces.models import ActionLog
from tests import factories
from tests.challenges.page_queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_indexes():
    similarity.forget_indexes()
    yield
    similarity.forget_indexes()


def libraries(space):
    first = factories.IdeaFactory(space=space, title="Open the libraries on Sunday afternoons")
    second = factories.IdeaFactory(space=space, title="Libraries open on Sunday afternoons")
    return first, second


def potholes(space):
    return (
        factories.IdeaFactory(space=space, title="Repair the potholes on Station Road"),
        factories.IdeaFactory(space=space, title="Fix the potholes of Station Road"),
    )


def test_groups_hold_the_ideas_written_in_much_the_same_words(space):
    first, second = libraries(space)
    factories.IdeaFactory(space=space, title="A music festival in the square")
    groups = selectors.duplicate_groups(space=space)
    assert [[i.pk for i in g.ideas] for g in groups] == [[first.pk, second.pk]]


def test_the_suggested_idea_to_keep_is_the_most_supported(space, person):
    first, second = libraries(space)
    services.idea_support(person=person, idea=second)
    [group] = selectors.duplicate_groups(space=space)
    assert group.suggested_target.pk == second.pk


def test_the_duplicates_page_runs_a_constant_number_of_queries(client, space, moderator):
    client.force_login(moderator)
    address = reverse("ideas:duplicates", args=[space.slug])
    libraries(space)
    small = page_queries(client, address)
    potholes(space)
    for n in range(4):
        factories.IdeaFactory(space=space, title=f"Skate park number {n} for teenagers")
    assert page_queries(client, address) == small


def test_only_organisers_and_moderators_see_the_duplicates_page(client, space, person):
    client.force_login(person)
    assert client.get(reverse("ideas:duplicates", args=[space.slug])).status_code == 403


def test_merging_a_group_keeps_the_chosen_idea_and_its_lineage(client, space, moderator, person):
    first, second = libraries(space)
    services.idea_support(person=person, idea=first)
    client.force_login(moderator)
    response = client.post(
        reverse("ideas:duplicates", args=[space.slug]),
        {"ideas": [first.pk, second.pk], "target": second.pk, "action": "merge"},
        follow=True,
    )
    assert "The ideas are merged." in response.content.decode()
    first.refresh_from_db()
    assert first.status == IdeaStatus.MERGED and first.merged_into_id == second.pk
    assert Support.objects.filter(idea=second, person=person, carried_from=first).exists()
    assert selectors.duplicate_groups(space=space) == []


def test_merging_needs_the_idea_to_keep(client, space, moderator):
    first, second = libraries(space)
    client.force_login(moderator)
    response = client.post(
        reverse("ideas:duplicates", args=[space.slug]), {"ideas": [first.pk, second.pk], "action": "merge"}
    )
    assert "Choose the idea to keep." in response.content.decode()
    assert not Idea.objects.filter(status=IdeaStatus.MERGED).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "merge"}, "This group has no ideas any more. Reload the page."),
        ({"ideas": ["99999999999999999999"], "action": "merge"}, "Select a valid choice."),
        ({"ideas": ["FIRST", "SECOND"], "target": "OTHER", "action": "merge"}, "Choose one of the ideas"),
        ({"ideas": ["FIRST", "SECOND"], "target": "FIRST", "action": "explode"}, "Choose to merge the ideas"),
        ({"ideas": ["FIRST"], "target": "FIRST", "action": "dismiss"}, "merged or hidden in the meantime"),
    ],
)
def test_wrong_input_says_why_and_changes_nothing(client, space, moderator, data, message):
    first, second = libraries(space)
    other = factories.IdeaFactory(space=space, title="A music festival in the square")
    names = {"FIRST": str(first.pk), "SECOND": str(second.pk), "OTHER": str(other.pk)}
    data = {k: [names.get(v, v) for v in v] if isinstance(v, list) else names.get(v, v) for k, v in data.items()}
    client.force_login(moderator)
    response = client.post(reverse("ideas:duplicates", args=[space.slug]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Idea.objects.filter(status=IdeaStatus.MERGED).exists()
    assert not NotDuplicatesDecision.objects.exists()


def test_a_group_merged_in_the_meantime_is_refused(client, space, moderator):
    first, second = libraries(space)
    third = factories.IdeaFactory(space=space, title="Sunday afternoons at the libraries")
    services.ideas_merge(person=moderator, target=third, sources=[second])
    client.force_login(moderator)
    response = client.post(
        reverse("ideas:duplicates", args=[space.slug]),
        {"ideas": [first.pk, second.pk], "target": first.pk, "action": "merge"},
    )
    assert "Select a valid choice." in response.content.decode()
    first.refresh_from_db()
    assert first.status == IdeaStatus.SUBMITTED


def test_not_duplicates_hides_the_group_next_time(client, space, moderator):
    first, second = libraries(space)
    potholes(space)
    client.force_login(moderator)
    response = client.post(
        reverse("ideas:duplicates", args=[space.slug]),
        {"ideas": [first.pk, second.pk], "action": "dismiss"},
        follow=True,
    )
    assert "will not be suggested as duplicates again" in response.content.decode()
    groups = selectors.duplicate_groups(space=space)
    assert len(groups) == 1 and first not in groups[0].ideas
    assert NotDuplicatesDecision.objects.get().decided_by == moderator
    assert ActionLog.objects.filter(action="duplicates_dismiss").count() == 1


def test_a_new_idea_brings_a_dismissed_group_back(space, moderator):
    first, second = libraries(space)
    services.duplicates_dismiss(person=moderator, space=space, ideas=[first, second])
    services.duplicates_dismiss(person=moderator, space=space, ideas=[second, first])  # twice: once recorded
    assert NotDuplicatesDecision.objects.count() == 1
    third = factories.IdeaFactory(space=space, title="Open libraries on Sunday afternoons")
    [group] = selectors.duplicate_groups(space=space)
    assert {i.pk for i in group.ideas} == {first.pk, second.pk, third.pk}


def test_not_duplicates_is_for_moderators_and_needs_two_ideas_of_the_space(space, organisation, moderator, person):
    first, second = libraries(space)
    with pytest.raises(PermissionDenied):
        services.duplicates_dismiss(person=person, space=space, ideas=[first, second])
    with pytest.raises(ValidationError, match="at least two ideas"):
        services.duplicates_dismiss(person=moderator, space=space, ideas=[first])
    elsewhere = factories.IdeaFactory(space=factories.open_space(organisation), title="Sunday libraries")
    with pytest.raises(ValidationError, match="Only ideas of this space"):
        services.duplicates_dismiss(person=moderator, space=space, ideas=[first, elsewhere])
    assert not NotDuplicatesDecision.objects.exists()


def test_the_moderation_page_links_to_the_duplicates(client, space, moderator):
    client.force_login(moderator)
    page = client.get(reverse("spaces:moderation", args=[space.slug])).content.decode()
    assert reverse("ideas:duplicates", args=[space.slug]) in page


def _topical_ideas(space):
    for title in ("Carril bici en Alcalá", "Más carriles bici", "Carril bici al colegio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Para ir en bici seguros por la ciudad.")
    for title in ("Árboles en la plaza", "Más árboles con sombra", "Sombra de árboles en el patio") * 2:
        factories.IdeaFactory(space=space, title=title, body="Plantar árboles que den sombra en verano.")


def test_topics_page_shows_groups_named_after_their_words_with_counts(client, space):
    _topical_ideas(space)
    page = client.get(reverse("ideas:topics", args=[space.slug])).content.decode()
    assert "What the ideas are about" in page and "árboles" in page and "6 ideas" in page
    assert "Sombra de árboles en el patio" in page


def test_topics_page_says_when_there_are_too_few_ideas(client, space):
    libraries(space)
    page = client.get(reverse("ideas:topics", args=[space.slug])).content.decode()
    assert "There are not yet enough ideas here" in page


def test_the_ideas_list_shows_the_topics_with_counts(client, space):
    _topical_ideas(space)
    page = client.get(reverse("ideas:list", args=[space.slug])).content.decode()
    assert reverse("ideas:topics", args=[space.slug]) + "#topic-0" in page and "6 ideas" in page


def test_the_topics_page_runs_a_constant_number_of_queries(client, space):
    address = reverse("ideas:topics", args=[space.slug])
    _topical_ideas(space)
    small = page_queries(client, address)
    for n in range(6):
        factories.IdeaFactory(space=space, title=f"Bibliotecas abiertas {n}", body="Abrir bibliotecas los domingos.")
    similarity.forget_indexes()
    assert page_queries(client, address) == small
