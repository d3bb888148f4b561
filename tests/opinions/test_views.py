"""The opinion map pages: voting without JavaScript and with htmx, writing, moderating, the map
and its text equivalent, and the space page's section."""

import pytest
from django.urls import reverse

from cocreate.opinions import services
from cocreate.opinions.models import Moderation, Statement, StatementVote
from tests.challenges.page_queries import page_queries
from tests.factories import PASSWORD, IdeaFactory, PersonFactory, PhaseFactory
from tests.opinions.factories import opinion_space, seed, statement, voters_in_two_camps

pytestmark = pytest.mark.django_db


def url(name, space, *args):
    return reverse(f"opinions:{name}", args=[space.slug, *args])


def signed_in(client, person):
    client.login(email=person.email, password=PASSWORD)
    return client


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def setup():
    space, staff = opinion_space()
    statements = seed(space, staff, "Buses should run all night.", "Cycle lanes need kerbs.")
    return space, staff, statements


def test_vote_page_shows_one_statement_with_three_buttons(client, setup):
    space, _staff, statements = setup
    page = text(signed_in(client, PersonFactory()).get(url("vote", space)))
    assert statements[0].text in page and statements[1].text not in page
    for label in ("Agree", "Disagree", "Pass / unsure"):
        assert f">{label}</button>" in page
    assert "You have voted on 0 of 2 statements" in page


def test_voting_without_javascript_records_and_shows_the_next(client, setup):
    space, _staff, statements = setup
    person = PersonFactory()
    response = signed_in(client, person).post(url("cast", space, statements[0].pk), {"choice": "agree"})
    assert response.status_code == 302 and response["Location"] == url("vote", space)
    assert StatementVote.objects.get(person=person).choice == 1
    page = text(client.get(url("vote", space)))
    assert statements[1].text in page and "You have voted on 1 of 2 statements" in page


def test_voting_with_htmx_answers_the_next_card(client, setup):
    space, _staff, statements = setup
    response = signed_in(client, PersonFactory()).post(
        url("cast", space, statements[0].pk), {"choice": "disagree"}, HTTP_HX_REQUEST="true"
    )
    page = text(response)
    assert response.status_code == 200 and 'id="vote-card"' in page and "<html" not in page
    assert statements[1].text in page and "Your vote is recorded." in page


def test_after_the_last_statement_the_page_says_thank_you(client, setup):
    space, _staff, statements = setup
    person = PersonFactory()
    for s in statements:
        services.statement_vote(person=person, statement=s, choice="pass")
    assert "You have voted on every statement" in text(signed_in(client, person).get(url("vote", space)))


def test_wrong_choice_says_why_and_changes_nothing(client, setup):
    space, _staff, statements = setup
    response = signed_in(client, PersonFactory()).post(
        url("cast", space, statements[0].pk), {"choice": "x"}, follow=True
    )
    assert "Choose agree, disagree or pass." in text(response)
    assert not StatementVote.objects.exists()


def test_moderated_out_statement_vote_is_refused_with_the_reason(client, setup):
    space, _staff, _statements = setup
    out = statement(space, text="Out of the conversation.", moderation=Moderation.MODERATED_OUT)
    response = signed_in(client, PersonFactory()).post(url("cast", space, out.pk), {"choice": "agree"})
    assert response.status_code == 403
    assert "taken this statement out" in text(response)
    assert not StatementVote.objects.exists()


def test_visitor_sees_the_statement_and_is_asked_to_sign_in(client, setup):
    space, _staff, statements = setup
    page = text(client.get(url("vote", space)))
    assert statements[0].text in page and "Sign in to vote on statements." in page and "<button" not in page


def test_writing_a_statement_shows_errors_in_the_summary(client, setup):
    space, _staff, _statements = setup
    signed_in(client, PersonFactory())
    page = text(client.post(url("write", space), {"text": "y" * 200}))
    assert "There is a problem" in page and "at most 140 characters" in page
    response = client.post(url("write", space), {"text": "Parks should open at dawn."})
    assert response.status_code == 302
    assert Statement.objects.get(text="Parks should open at dawn.").moderation == Moderation.AWAITING


def test_moderation_page_for_staff_only(client, setup):
    space, staff, _statements = setup
    waiting = statement(space, text="Waiting statement.", moderation=Moderation.AWAITING)
    assert signed_in(client, PersonFactory()).get(url("moderate", space)).status_code == 403
    client.logout()
    signed_in(client, staff)
    page = text(client.get(url("moderate", space)))
    assert page.index("Waiting statement.") < page.index("Buses should run all night.")
    answer = client.post(url("moderate_statement", space, waiting.pk), {"moderation": "accepted"}, follow=True)
    assert "The statement is now: Accepted." in text(answer)
    waiting.refresh_from_db()
    assert waiting.moderation == Moderation.ACCEPTED
    client.post(url("moderate", space), {"text": "A new seed statement."})
    assert Statement.objects.get(text="A new seed statement.").is_seed


def test_staff_turn_an_idea_into_a_statement(client, setup):
    space, staff, _statements = setup
    PhaseFactory(space=space, activities=["submit_idea"])
    idea = IdeaFactory(space=space, title="Night buses on line 4")
    signed_in(client, staff)
    page = text(client.get(url("from_source", space) + f"?idea={idea.pk}"))
    assert "Night buses on line 4" in page
    client.post(url("from_source", space), {"idea": idea.pk, "text": "Line 4 needs night buses."})
    assert Statement.objects.get(text="Line 4 needs night buses.").source_idea == idea


def test_idea_page_offers_staff_to_put_the_idea_on_the_opinion_map(client, setup):
    space, staff, _statements = setup
    PhaseFactory(space=space, activities=["submit_idea"])
    idea = IdeaFactory(space=space, title="Night buses on line 4")
    link = url("from_source", space) + f"?idea={idea.pk}"
    idea_page = reverse("ideas:detail", args=[space.slug, idea.pk])
    assert link not in text(signed_in(client, PersonFactory()).get(idea_page))
    client.logout()
    page = text(signed_in(client, staff).get(idea_page))
    assert link in page
    assert "Put it on the opinion map as a statement" in page


def test_map_page_has_an_svg_with_title_and_the_text_equivalent(client):
    space, staff = opinion_space()
    statements = seed(space, staff, *[f"Statement number {n}." for n in range(8)])
    people = voters_in_two_camps(space, statements, per_camp=8)
    services.opinion_map_update(space=space)
    page = text(signed_in(client, people[0]).get(url("map", space)))
    assert '<svg viewBox="0 0 100 100"' in page and "<title" in page and "<desc" in page
    assert "Group A: 8 people" in page and "Group B: 8 people" in page
    assert "% of this group" in page and "How the groups are found" in page
    assert "You are in group" in page and "your group" in page


def test_map_page_before_any_map(client, setup):
    space, _staff, _statements = setup
    assert "The map is not drawn yet" in text(client.get(url("map", space)))


def test_space_page_shows_the_opinion_section(client, setup):
    space, staff, _statements = setup
    page = text(client.get(space.get_absolute_url()))
    assert "Opinion map" in page and url("vote", space) in page
    signed_in(client, staff)
    assert url("moderate", space) in text(client.get(space.get_absolute_url()))


def test_map_page_queries_do_not_grow_with_groups_and_statements(client):
    space, staff = opinion_space()
    statements = seed(space, staff, *[f"Statement number {n}." for n in range(4)])
    voters_in_two_camps(space, statements, per_camp=4)
    services.opinion_map_update(space=space)
    few = page_queries(client, url("map", space))
    more = seed(space, staff, *[f"Another statement {n}." for n in range(8)])
    voters_in_two_camps(space, statements + more, per_camp=10)
    services.opinion_map_update(space=space)
    assert page_queries(client, url("map", space)) == few


def test_vote_page_queries_do_not_grow_with_statements(client, setup):
    space, staff, _statements = setup
    signed_in(client, PersonFactory())
    few = page_queries(client, url("vote", space))
    seed(space, staff, *[f"Another statement {n}." for n in range(10)])
    assert page_queries(client, url("vote", space)) == few


def test_moderation_page_offers_the_most_supported_ideas_not_yet_taken(client, setup):
    space, staff, _statements = setup
    PhaseFactory(space=space, activities=["submit_idea"])
    taken = IdeaFactory(space=space, title="Already a statement")
    waiting = IdeaFactory(space=space, title="Not yet a statement")
    services.statement_seed(person=staff, space=space, text="Taken from an idea.", source_idea=taken)
    page = text(signed_in(client, staff).get(url("moderate", space)))
    assert f"?idea={waiting.pk}" in page and f"?idea={taken.pk}" not in page


def test_space_page_invites_staff_to_start_a_map(client):
    space, staff = opinion_space()
    page = text(signed_in(client, staff).get(space.get_absolute_url()))
    assert "No statement yet." in page and url("moderate", space) in page
    client.logout()
    assert 'id="opinions-heading"' not in text(client.get(space.get_absolute_url()))
