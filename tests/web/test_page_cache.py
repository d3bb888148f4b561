"""Visitors are served cached pages, and a write makes the old page unreachable at once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.ideas import services
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
    factories.change_phases(space, starts_at=opens)
    assert "You can support ideas from" in client.get(url).content.decode()
    later = opens + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        # Nothing was written: only the clock moved, and with it the activities open now.
        assert "Sign in to support ideas." in client.get(url).content.decode()


def test_people_with_the_same_rights_share_a_page_but_see_their_own_parts(client, idea, person, other_person):
    services.idea_support(person=person, idea=idea)
    listing = reverse("ideas:list", args=[idea.space.slug])
    third = factories.PersonFactory()
    client.force_login(person)
    mine = client.get(listing)
    assert mine["X-Cache"] == "miss" and "including yours" in mine.content.decode()
    client.force_login(third)
    theirs = client.get(listing)
    assert theirs["X-Cache"] == "hit" and "including yours" not in theirs.content.decode()
    assert third.public_name not in mine.content.decode()


def test_staff_get_their_own_page_with_their_actions(client, idea, person, organiser):
    page = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    client.force_login(person)
    assert "Give the official answer" not in client.get(page).content.decode()
    client.force_login(organiser)
    staff_page = client.get(page)
    assert staff_page["X-Cache"] == "miss" and "Give the official answer" in staff_page.content.decode()


def test_forms_on_shared_pages_carry_each_persons_own_csrf_token(idea, person):
    from django.test import Client

    page = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    tokens = []
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(person)
        html = browser.get(page).content.decode()
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        tokens.append(token)
        response = browser.post(
            reverse("ideas:comment", args=[idea.space.slug, idea.pk]),
            {"body": "Posted from a cached page", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]


def test_message_after_an_action_shows_on_a_cached_page(client, idea, person):
    page = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    client.force_login(person)
    client.get(page)
    client.post(reverse("ideas:support", args=[idea.space.slug, idea.pk]), {"action": "support"})
    assert "Thank you for your support." in client.get(page).content.decode()


def test_private_spaces_are_not_cached_for_visitors(client):
    private = factories.open_space(visibility="private")
    assert "X-Cache" not in client.get(reverse("ideas:list", args=[private.slug]))


def test_visitor_pages_carry_no_csrf_token(client, idea):
    response = client.get(reverse("ideas:detail", args=[idea.space.slug, idea.pk]))
    assert "csrfmiddlewaretoken" not in response.content.decode() and not response.cookies


def test_a_new_name_shows_at_once_on_cached_pages(client, idea, other_person):
    from cocreate.accounts.services import person_update_profile

    url = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    assert other_person.display_name in client.get(url).content.decode()
    person_update_profile(person=other_person, display_name="Renamed Author")
    assert "Renamed Author" in client.get(url).content.decode()


def test_report_link_is_under_other_peoples_comments_only(client, idea, person, other_person):
    mine = services.comment_create(person=person, idea=idea, body="My own comment")
    theirs = services.comment_create(person=other_person, idea=idea, body="Someone else's comment")
    client.force_login(person)
    page = client.get(reverse("ideas:detail", args=[idea.space.slug, idea.pk])).content.decode()
    # Every comment has its link in the shared page; a style rule for this viewer hides their own.
    reports = f"/en/spaces/{idea.space.slug}/report/comment"
    assert f'<a class="report-by-{other_person.pk}" href="{reports}/{theirs.pk}/"' in page
    assert f"<style>.report-by-{person.pk} {{ display: none; }}</style>" in page
    assert f'class="report-by-{person.pk}" href="{reports}/{mine.pk}/"' in page


def test_a_new_space_title_shows_at_once_on_cached_idea_pages(client, idea, organiser):
    from cocreate.spaces.services import space_update

    url = reverse("ideas:detail", args=[idea.space.slug, idea.pk])
    client.get(url)
    space_update(person=organiser, space=idea.space, title="A brand new title")
    assert "A brand new title" in client.get(url).content.decode()


def test_a_hidden_merged_idea_disappears_from_the_idea_it_was_merged_into(client, space, organiser, moderator):
    from cocreate.spaces.services import contribution_hide

    target = factories.IdeaFactory(space=space, title="Bus times at rural stops")
    source = factories.IdeaFactory(space=space, title="Offensive title about buses")
    services.ideas_merge(person=organiser, target=target, sources=[source])
    url = reverse("ideas:detail", args=[space.slug, target.pk])
    assert "Offensive title" in client.get(url).content.decode()
    source.refresh_from_db()
    source.space = space
    contribution_hide(person=moderator, content=source, reason="Offensive")
    assert "Offensive title" not in client.get(url).content.decode()
