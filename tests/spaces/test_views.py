import pytest
from django.urls import reverse

from cocreate.ideas import services as ideas
from cocreate.spaces.models import Resident, Space
from cocreate.spaces.services import contribution_hide
from tests import factories

pytestmark = pytest.mark.django_db


def test_comments_of_a_hidden_idea_cannot_be_read_through_the_report_page(client, idea, person, moderator):
    comment = ideas.comment_create(person=moderator, idea=idea, body="A comment on a hidden idea")
    contribution_hide(person=moderator, content=idea, reason="Off topic")
    client.force_login(person)
    assert client.get(reverse("spaces:report", args=[idea.space.slug, "comment", comment.pk])).status_code == 404


def test_verifying_residency_never_sends_people_to_another_site(client, space, person):
    Resident.objects.create(space=space, reference="A1")
    client.force_login(person)
    response = client.post(
        reverse("spaces:residency", args=[space.slug]) + "?next=https://evil.example/", {"reference": "A1"}
    )
    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_only_programmes_the_person_organises_are_offered_as_parents(client, organisation, organiser):
    mine = factories.SpaceFactory(kind="programme", title="Our programme", organisations=[organisation])
    factories.SpaceFactory(kind="programme", title="Another council's private programme", visibility="private")
    client.force_login(organiser)
    page = client.get(reverse("spaces:new")).content.decode()
    assert mine.title in page and "Another council's private programme" not in page


def test_members_of_a_programme_see_its_private_challenges_listed(organisation, person):
    programme = factories.SpaceFactory(kind="programme", organisations=[organisation])
    private = factories.SpaceFactory(visibility="private", parent=programme)
    factories.MembershipFactory(person=person, organisation=organisation)
    assert private in Space.objects.visible_to(person)
