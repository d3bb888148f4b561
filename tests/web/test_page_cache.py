"""Visitors are served cached pages, and a write makes the old page unreachable at once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.ideas import services
from cocreate.spaces.models import Phase, Space
from tests import factories

pytestmark = pytest.mark.django_db


def test_second_visit_is_served_from_the_cache(client, idea):
    url = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_a_support_shows_at_once_on_the_list_and_the_idea(client, idea, person):
    page = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    listing = reverse("ideas:list", args=[idea.space.slug])
    client.get(page), client.get(listing)
    services.idea_support(person=person, idea=idea)
    fresh_page, fresh_list = client.get(page), client.get(listing)
    assert fresh_page["X-Cache"] == "miss" and fresh_list["X-Cache"] == "miss"
    assert '<span class="support-count">1</span>' in fresh_page.content.decode()
    assert "1 support" in fresh_list.content.decode()


def test_a_comment_hidden_by_a_moderator_disappears_at_once(client, idea, person, moderator):
    comment = services.comment_create(person=person, idea=idea, body="Visit my shop at example.com")
    url = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    assert "example.com" in client.get(url).content.decode()
    from cocreate.spaces.services import contribution_hide

    comment.space = idea.space
    contribution_hide(person=moderator, content=comment, reason="Advertising")
    assert "example.com" not in client.get(url).content.decode()


def test_a_phase_opening_changes_the_page_without_any_write(client, space, idea):
    url = reverse("ideas:detail", args=[space.slug, idea.pk])
    opens = timezone.now() + timedelta(hours=1)
    Phase.objects.filter(space=space).update(starts_at=opens)
    Space.objects.filter(pk=space.pk).update(settings_version=999)  # as the phase service would
    assert "You can support ideas from" in client.get(url).content.decode()
    later = opens + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        # Nothing was written: only the clock moved, and with it the activities open now.
        assert "Sign in to support ideas." in client.get(url).content.decode()


def test_signed_in_people_and_private_spaces_are_never_cached(client, idea, person):
    url = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    client.force_login(person)
    assert "X-Cache" not in client.get(url)
    client.logout()
    private = factories.open_space(visibility="private")
    assert "X-Cache" not in client.get(reverse("ideas:list", args=[private.slug]))


def test_visitor_pages_carry_no_csrf_token(client, idea):
    response = client.get(reverse("ideas:detail", args=[idea.space.slug, idea.pk]))
    assert "csrfmiddlewaretoken" not in response.content.decode() and not response.cookies
