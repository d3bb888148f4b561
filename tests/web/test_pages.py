"""Every page answers for the people who may see it, and says why to those who may not."""

import pytest
from django.urls import reverse

from cocreate.ideas import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(space, organiser, moderator, person):
    theme = factories.theme(space, "Getting around")
    idea = factories.IdeaFactory(space=space, author=person, title="Bus times at rural stops", themes=[theme])
    other = factories.IdeaFactory(space=space, title="Live bus times in villages")
    comment = services.comment_create(person=organiser, idea=idea, body="Which stops?")
    services.comment_create(person=person, idea=idea, body="Near Ashford.", parent=comment)
    return {"space": space, "idea": idea, "other": other, "comment": comment}


def public_pages(site):
    space, idea = site["space"], site["idea"]
    return [
        reverse("home"),
        reverse("accessibility"),
        reverse("open_data"),
        reverse("spaces:index"),
        reverse("spaces:detail", args=[space.slug]),
        reverse("ideas:list", args=[space.slug]),
        reverse("ideas:list", args=[space.slug]) + "?q=bus&sort=relevance",
        reverse("ideas:list", args=[space.slug]) + "?sort=most_supported&status=submitted",
        reverse("ideas:detail", args=[space.slug, idea.pk]),
        reverse("accounts:organisations"),
        reverse("accounts:organisation", args=[space.organisations.first().slug]),
        reverse("ideas:similar", args=[space.slug]) + "?title=bus",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_public_pages_answer_visitors(client, site):
    for url in public_pages(site):
        response = client.get(url)
        assert response.status_code == 200, url


def test_public_pages_answer_signed_in_people(client, site, person):
    client.force_login(person)
    for url in public_pages(site)[:-3]:
        assert client.get(url).status_code == 200, url


def test_root_sends_people_to_their_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/fr/"


def test_pages_speak_the_chosen_language(client, site):
    response = client.get(reverse("ideas:list", args=[site["space"].slug]).replace("/en/", "/fr/"))
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()


def test_organiser_pages(client, site, organiser):
    space, idea = site["space"], site["idea"]
    client.force_login(organiser)
    for url in [
        reverse("spaces:new"),
        reverse("spaces:edit", args=[space.slug]),
        reverse("spaces:phase_new", args=[space.slug]),
        reverse("spaces:phase_edit", args=[space.slug, space.phases.first().pk]),
        reverse("spaces:people", args=[space.slug]),
        reverse("spaces:residents", args=[space.slug]),
        reverse("spaces:moderation", args=[space.slug]),
        reverse("ideas:answer", args=[space.slug, idea.pk]),
        reverse("ideas:merge", args=[space.slug, idea.pk]),
        reverse("ideas:new_for_someone", args=[space.slug]),
        reverse("spaces:hide", args=[space.slug, "comment", site["comment"].pk]),
        reverse("accounts:organisation_members", args=[space.organisations.first().slug]),
    ]:
        assert client.get(url).status_code == 200, url


def test_participant_pages(client, site, person):
    space, idea = site["space"], site["idea"]
    client.force_login(person)
    for url in [
        reverse("ideas:new", args=[space.slug]),
        reverse("ideas:edit", args=[space.slug, idea.pk]),
        reverse("ideas:withdraw", args=[space.slug, idea.pk]),
        reverse("spaces:residency", args=[space.slug]),
        reverse("spaces:report", args=[space.slug, "comment", site["comment"].pk]),
        reverse("accounts:profile"),
        reverse("accounts:profile_edit"),
        reverse("accounts:api_tokens"),
        reverse("accounts:delete"),
        reverse("notifications:inbox"),
        reverse("mfa_index"),
        reverse("account_email"),
        reverse("account_change_password"),
    ]:
        assert client.get(url).status_code == 200, url


def test_participant_is_told_why_staff_pages_are_closed(client, site, person):
    client.force_login(person)
    response = client.get(reverse("spaces:moderation", args=[site["space"].slug]))
    assert response.status_code == 403
    assert "Only the moderators of this space can do this." in response.content.decode()


def test_visitor_asked_to_sign_in_to_share_an_idea(client, site):
    response = client.get(reverse("ideas:new", args=[site["space"].slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_space_and_idea_are_not_found(client, site):
    assert client.get("/en/spaces/nowhere/").status_code == 404
    assert client.get(reverse("ideas:detail", args=[site["space"].slug, 99999])).status_code == 404
    other_space = factories.open_space()
    assert client.get(reverse("ideas:detail", args=[other_space.slug, site["idea"].pk])).status_code == 404


def test_hello_is_thirteen_bytes_of_plain_text(client):
    response = client.get("/hello")
    assert response.content == b"Hello, world!" and response["Content-Type"].startswith("text/plain")
