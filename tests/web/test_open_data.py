"""The site's open data page offers each space's own files: questions and answers for a dialogue
space, the Pabulib note for a participatory budget, ideas and comments for the others; and runs
the same number of queries however many spaces there are."""

import pytest
from django.urls import reverse

from tests import factories
from tests.challenges.page_queries import page_queries

pytestmark = pytest.mark.django_db


def spaces_of_each_kind() -> dict:
    return {
        kind: factories.open_space(kind=kind, title=f"A {kind} space")
        for kind in ("challenge", "dialogue", "budget", "programme")
    }


def test_each_space_offers_the_files_of_its_kind(client):
    spaces = spaces_of_each_kind()
    page = client.get(reverse("open_data")).content.decode()
    dialogue = spaces["dialogue"]
    assert reverse("dialogue:question_export", args=[dialogue.slug, "csv"]) in page
    assert reverse("dialogue:question_export", args=[dialogue.slug, "json"]) in page
    assert reverse("ideas:export", args=[dialogue.slug, "ideas", "csv"]) not in page
    for kind in ("challenge", "programme"):
        slug = spaces[kind].slug
        assert reverse("ideas:export", args=[slug, "ideas", "csv"]) in page
        assert reverse("ideas:export", args=[slug, "comments", "json"]) in page
        assert reverse("dialogue:question_export", args=[slug, "csv"]) not in page
    budget = spaces["budget"]
    assert reverse("ideas:export", args=[budget.slug, "ideas", "csv"]) not in page
    assert "as a Pabulib file" in page
    assert "questions to the officials and their answers" in page


def test_every_link_on_the_page_gives_a_file(client):
    spaces_of_each_kind()
    page = client.get(reverse("open_data")).content.decode()
    links = [part.split('"', 1)[0] for part in page.split('href="')[1:] if "/export" in part.split('"', 1)[0]]
    assert len(links) == 2 * 4 + 2  # ideas and comments of two spaces, questions of one: CSV and JSON each
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response["Content-Disposition"].startswith("attachment"), link


def test_the_page_runs_the_same_number_of_queries_at_4_and_12_spaces(client):
    spaces_of_each_kind()
    few = page_queries(client, reverse("open_data"))
    for _ in range(2):
        spaces_of_each_kind()
    assert page_queries(client, reverse("open_data")) == few
