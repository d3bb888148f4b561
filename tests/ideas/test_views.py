"""The HTML forms: wrong input gets a clear message on the page and changes nothing."""

import pytest
from django.urls import reverse

from cocreate.ideas.models import Comment, Idea
from tests import factories

pytestmark = pytest.mark.django_db


def test_theme_no_theme_could_have_is_refused_on_the_form(client, space, person):
    factories.theme(space)
    client.force_login(person)
    response = client.post(
        reverse("ideas:new", args=[space.slug]),
        {
            "title": "Benches in the park",
            "body": "More benches along the river path.",
            "themes": ["99999999999999999999"],
            "publish": "1",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Idea.objects.exists()


def test_preview_shows_similar_ideas_and_publishes_nothing(client, space, person):
    factories.IdeaFactory(space=space, title="Live bus times at rural stops")
    client.force_login(person)
    response = client.post(
        reverse("ideas:new", args=[space.slug]),
        {
            "title": "Bus times at my village stop",
            "body": "A screen with the next buses.",
            "preview": "1",
        },
    )
    page = response.content.decode()
    assert "Live bus times at rural stops" in page and "Publish your idea" in page
    assert Idea.objects.count() == 1


def test_publish_creates_the_idea_and_shows_it(client, space, person):
    client.force_login(person)
    response = client.post(
        reverse("ideas:new", args=[space.slug]),
        {
            "title": "Bus times at my village stop",
            "body": "A screen with the next buses.",
            "publish": "1",
        },
        follow=True,
    )
    assert "Your idea is published." in response.content.decode()
    assert Idea.objects.get().author_people() == [person]


def test_invisible_characters_are_removed_from_what_people_type(client, idea, person):
    client.force_login(person)
    url = reverse("ideas:comment", args=[idea.space.slug, idea.pk])
    refused = client.post(url, {"body": "Fine\x00 by me"})
    assert refused.status_code == 400 and not Comment.objects.exists()
    client.post(url, {"body": "Fine by me\x07"})
    assert Comment.objects.get().body == "Fine by me"


def test_empty_comment_shows_the_error_at_the_top_and_on_the_field(client, idea, person):
    client.force_login(person)
    response = client.post(reverse("ideas:comment", args=[idea.space.slug, idea.pk]), {"body": "  "})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page and 'href="#id_body"' in page
    assert not Comment.objects.exists()


def test_support_with_htmx_answers_with_the_support_box(client, idea, person):
    client.force_login(person)
    response = client.post(
        reverse("ideas:support", args=[idea.space.slug, idea.pk]), {"action": "support"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="support-box"' in page and "You support this idea." in page
    assert "<html" not in page


def test_unknown_filter_values_are_explained_not_fatal(client, space):
    factories.IdeaFactory(space=space)
    response = client.get(reverse("ideas:list", args=[space.slug]) + "?status=sleeping&sort=loudest&theme=x")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no such status" in page and "cannot be sorted that way" in page


def test_random_order_gets_a_seed_in_the_address(client, space):
    response = client.get(reverse("ideas:list", args=[space.slug]) + "?sort=random")
    assert response.status_code == 302 and "seed=" in response["Location"]


def test_reply_page_without_javascript_and_its_errors(client, idea, person, other_person):
    from cocreate.ideas import services

    question = services.comment_create(person=other_person, idea=idea, body="Which stops?")
    client.force_login(person)
    url = reverse("ideas:reply", args=[idea.space.slug, idea.pk, question.pk])
    page = client.get(url).content.decode()
    assert "Which stops?" in page and "Publish your reply" in page and "<html" in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'name="parent"' in fragment
    empty = client.post(reverse("ideas:comment", args=[idea.space.slug, idea.pk]), {"body": " ", "parent": question.pk})
    assert empty.status_code == 400 and "Reply to" in empty.content.decode()
    assert Comment.objects.count() == 1
    client.post(reverse("ideas:comment", args=[idea.space.slug, idea.pk]), {"body": "Ashford", "parent": question.pk})
    assert Comment.objects.get(parent=question).body == "Ashford"


def test_failed_reply_to_a_hidden_comment_does_not_show_its_text(client, idea, person, other_person, moderator):
    from cocreate.ideas import services
    from cocreate.spaces.services import contribution_hide

    secret = services.comment_create(person=other_person, idea=idea, body="Call me on 07123 456789")
    secret.space = idea.space
    contribution_hide(person=moderator, content=secret, reason="Personal data")
    client.force_login(person)
    url = reverse("ideas:comment", args=[idea.space.slug, idea.pk])
    response = client.post(url, {"body": "x", "parent": secret.pk})
    assert "07123" not in response.content.decode()
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["?theme=²", "?sort=random&seed=²", "?status=²"])
def test_unicode_digits_in_the_address_are_not_numbers(client, space, query):
    factories.IdeaFactory(space=space)
    assert client.get(reverse("ideas:list", args=[space.slug]) + query).status_code in (200, 302)


def test_unicode_digits_and_huge_numbers_on_idea_pages(client, idea, person):
    url = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    assert client.get(url + "?comments=²").status_code == 200
    huge = f"/en/spaces/{idea.space.slug}/ideas/99999999999999999999999/"
    assert client.get(huge).status_code == 404
    client.force_login(person)
    assert client.post(huge + "support/", {"action": "support"}).status_code == 404
    assert (
        client.post(reverse("ideas:comment", args=[idea.space.slug, idea.pk]), {"body": "x", "parent": "²"}).status_code
        == 400
    )
