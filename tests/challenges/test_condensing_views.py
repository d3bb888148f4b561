"""Condensing pages: the proposals by sub-theme with their originals and the vote (reasons shown
when voting is not possible), the staff workbench without JavaScript, the idea page's mark,
results, co-design invitations and the invited person's answer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.challenges.models import CoDesignInvitation, CoDesignStatus, CondensedProposal, CondensedSource
from cocreate.challenges.services import condensing as services
from cocreate.ideas.models import Idea
from cocreate.spaces.models import Space
from tests.challenges.condensing_factories import condensed, idea, question, voter
from tests.challenges.page_queries import page_queries
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


def url(name, q, *args):
    return reverse(f"challenges:condensing_{name}", args=[q.space.slug, *args])


def page(response) -> str:
    return response.content.decode()


def close_vote(q):
    change_phases(q.space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=1))
    q.space = Space.objects.get(pk=q.space.pk)


@pytest.fixture
def q():
    return question()


def test_the_list_shows_each_sub_theme_with_originals_and_their_supports(client, q):
    original = idea(q, title="Night clinic in Restinga", supporters=2)
    condensed(q, [original], title="Better clinics")
    condensed(q, [idea(q)], title="Open schools", theme=q.education)
    html = page(client.get(url("list", q)))
    assert html.index("Education") < html.index("Health")
    assert "Better clinics" in html and "Night clinic in Restinga" in html
    assert original.get_absolute_url() in html
    assert "2 supports" in html
    assert "Sign in to vote for condensed proposals." in html


def test_voting_from_the_list_then_the_limit_reason_shows(client, q):
    clinics = condensed(q, [idea(q)], title="Better clinics")
    doctors = condensed(q, [idea(q)], title="More doctors")
    person = PersonFactory()
    client.force_login(person)
    response = client.post(url("vote", q, clinics.pk), {"next": url("list", q)})
    assert response.status_code == 302 and response.url == url("list", q)
    html = page(client.get(url("list", q)))
    assert "Your vote for “Better clinics” is counted." in html
    assert "You voted for this proposal." in html
    assert "You have already chosen 1 proposal in Health; withdraw that vote to choose this one." in html
    response = client.post(url("vote", q, doctors.pk), follow=True)
    assert "You have already chosen 1 proposal in Health" in page(response)
    assert CondensedProposal.objects.get(pk=doctors.pk).votes_count == 0
    client.post(url("unvote", q, clinics.pk))
    assert CondensedProposal.objects.get(pk=clinics.pk).votes_count == 0


def test_an_outside_next_address_is_ignored(client, q):
    clinics = condensed(q, [idea(q)])
    client.force_login(PersonFactory())
    response = client.post(url("vote", q, clinics.pk), {"next": "https://example.com/"})
    assert response.url.startswith(url("list", q))


def test_voting_after_the_close_is_refused_with_the_reason(client, q):
    clinics = condensed(q, [idea(q)])
    close_vote(q)
    client.force_login(PersonFactory())
    assert "The time to vote for condensed proposals ended on" in page(client.get(url("list", q)))
    response = client.post(url("vote", q, clinics.pk))
    assert response.status_code == 403
    assert "ended on" in page(response)


def _queries_for_list(client, q, rows: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    while CondensedProposal.objects.filter(space=q.space).count() < rows:
        n = CondensedProposal.objects.count()
        condensed(q, [idea(q), idea(q)], title=f"Proposal number {n}", theme=q.health if n % 2 else q.education)
    client.get(url("list", q))  # warm: the session, and the space kept in memory per version
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("list", q))
    assert response.status_code == 200
    return len(captured)


def test_the_list_runs_a_constant_number_of_queries(client, q, django_assert_num_queries):
    person = PersonFactory()
    client.force_login(person)
    small = _queries_for_list(client, q, 2)
    voter(q, CondensedProposal.objects.filter(space=q.space)[:1], person=person)
    large = _queries_for_list(client, q, 10)
    assert small == large
    with django_assert_num_queries(large):
        client.get(url("list", q))


def test_the_proposal_page_lists_originals_with_authors_and_links(client, q):
    ana = PersonFactory(display_name="Ana Souza")
    original = idea(q, author=ana, title="Clinic open at night")
    clinics = condensed(q, [original])
    html = page(client.get(url("detail", q, clinics.pk)))
    assert "Clinic open at night" in html and "Ana Souza" in html and original.get_absolute_url() in html


def test_staff_withdraw_a_proposal_with_a_reason_everyone_can_read(client, q):
    clinics = condensed(q, [idea(q)], title="Better clinics")
    person = voter(q, [clinics])
    client.force_login(q.staff)
    response = client.post(url("withdraw", q, clinics.pk), {"reason": ""}, follow=True)
    assert "Say why it is withdrawn" in page(response)
    response = client.post(url("withdraw", q, clinics.pk), {"reason": "Made twice by mistake."}, follow=True)
    assert "no longer appears in the vote" in page(response)
    client.force_login(person)
    html = page(client.get(url("detail", q, clinics.pk)))
    assert "The staff withdrew this condensed proposal" in html and "Made twice by mistake." in html
    assert "This condensed proposal has been withdrawn by the staff." in html  # the vote box says why
    assert "Better clinics" not in page(client.get(url("list", q)))
    client.force_login(q.staff)
    client.post(url("withdraw", q, clinics.pk), {"action": "restore"})
    assert CondensedProposal.objects.get(pk=clinics.pk).hidden_at is None
    client.force_login(PersonFactory())
    assert client.post(url("withdraw", q, clinics.pk), {"reason": "No."}).status_code == 403


def test_the_idea_page_says_it_is_included_and_stays_open(client, q):
    original = idea(q, title="Clinic open at night")
    html = page(client.get(original.get_absolute_url()))
    assert "Included in condensed proposal" not in html
    clinics = condensed(q, [original], title="Better clinics")
    html = page(client.get(original.get_absolute_url()))
    assert "Included in condensed proposal" in html
    assert url("detail", q, clinics.pk) in html
    assert "This idea stays open" in html


def test_the_workbench_is_for_staff(client, q):
    client.force_login(PersonFactory())
    response = client.get(url("workbench", q))
    assert response.status_code == 403
    assert "Only organisers and moderators" in page(response)


def test_the_workbench_searches_and_groups_ideas_without_javascript(client, q):
    night = idea(q, title="Clinic open at night")
    weekend = idea(q, title="Clinic open at weekends")
    idea(q, title="Bus lanes on the avenue")
    client.force_login(q.staff)
    html = page(client.get(url("workbench", q) + "?q=clinic"))
    assert "Clinic open at night" in html and "Clinic open at weekends" in html
    assert "Bus lanes" not in html
    response = client.post(url("workbench", q), {"ideas": [night.pk, weekend.pk], "action": "new"})
    assert response.status_code == 302
    assert response.url == url("new", q) + f"?ideas={night.pk}&ideas={weekend.pk}"
    form = page(client.get(response.url))
    assert 'name="ideas"' in form and "Clinic open at weekends" in form
    response = client.post(
        url("new", q),
        {
            "title": "Clinics open longer",
            "body": "Clinics open at night and at weekends.",
            "theme": q.health.pk,
            "ideas": [night.pk, weekend.pk],
        },
    )
    proposal = CondensedProposal.objects.get(title="Clinics open longer")
    assert response.status_code == 302 and response.url == url("detail", q, proposal.pk)
    assert set(proposal.originals.values_list("pk", flat=True)) == {night.pk, weekend.pk}
    html = page(client.get(url("workbench", q) + "?q=clinic"))
    assert "Already in:" in html
    assert "Clinic open at night" not in page(client.get(url("workbench", q) + "?not_included=1"))


def test_the_workbench_adds_ticked_ideas_to_an_existing_proposal(client, q):
    first, second = idea(q), idea(q)
    clinics = condensed(q, [first])
    client.force_login(q.staff)
    response = client.post(url("workbench", q), {"ideas": [second.pk], "action": "add"})
    assert response.status_code == 400
    assert "Choose the condensed proposal to add the ideas to." in page(response)
    response = client.post(url("workbench", q), {"ideas": [second.pk], "action": "add", "condensed": clinics.pk})
    assert response.status_code == 302
    assert CondensedSource.objects.filter(condensed=clinics, idea=second).exists()
    response = client.post(url("workbench", q), {"ideas": [first.pk], "action": "add", "condensed": clinics.pk})
    assert "already included" in page(response)
    response = client.post(url("workbench", q), {"action": "new"})
    assert "Tick at least one idea first." in page(response)


def test_the_create_form_shows_errors_at_the_top(client, q):
    client.force_login(q.staff)
    response = client.post(url("new", q), {"title": "x", "body": "", "ideas": []})
    html = page(response)
    assert response.status_code == 200
    assert "There is a problem" in html and "Choose the sub-theme people will vote in." in html


def test_staff_edit_and_take_out_originals(client, q):
    first, second = idea(q), idea(q, title="Second clinic idea")
    clinics = condensed(q, [first, second])
    client.force_login(q.staff)
    response = client.post(
        url("edit", q, clinics.pk),
        {"title": "Clinics for everyone", "body": "What these ideas propose together.", "theme": q.education.pk},
    )
    assert response.status_code == 302
    assert CondensedProposal.objects.get(pk=clinics.pk).theme == q.education
    response = client.post(url("remove_original", q, clinics.pk, second.pk), follow=True)
    assert "is no longer part of this condensed proposal" in page(response)
    assert Idea.objects.get(pk=second.pk).is_open
    response = client.post(url("remove_original", q, clinics.pk, first.pk), follow=True)
    assert "keeps at least one original idea" in page(response)


def test_results_rank_each_sub_theme_and_explain_ties(client, q):
    clinics = condensed(q, [idea(q)], title="Better clinics")
    condensed(q, [idea(q)], title="More doctors")
    voter(q, [clinics])
    html = page(client.get(url("results", q)))
    assert html.index("Better clinics") < html.index("More doctors")
    assert "Invited to co-design" in html
    assert "the one whose original ideas have more supports comes first" in html


def test_co_design_page_sends_invitations_and_the_invited_person_answers(client, q):
    ana = PersonFactory()
    clinics = condensed(q, [idea(q, author=ana)], title="Better clinics")
    voter(q, [clinics])
    client.force_login(q.staff)
    html = page(client.get(url("co_design", q)))
    assert "The vote on condensed proposals is still open" in html
    close_vote(q)
    html = page(client.get(url("co_design", q)))
    assert ana.public_name in html
    response = client.post(url("co_design", q), {"event": ""})
    assert response.status_code == 302
    invitation = CoDesignInvitation.objects.get(person=ana)
    assert "Invitation sent" in page(client.get(url("co_design", q)))

    answer = url("co_design_answer", q, invitation.pk)
    assert client.get(answer).status_code == 404  # staff do not answer for people
    client.force_login(ana)
    assert "Better clinics" in page(client.get(answer))
    response = client.post(answer, {})
    assert "Choose yes or no." in page(response)
    response = client.post(answer, {"answer": "accept"}, follow=True)
    assert "your answer is sent" in page(response)
    assert CoDesignInvitation.objects.get(pk=invitation.pk).status == CoDesignStatus.ACCEPTED


def test_co_design_page_is_not_for_participants(client, q):
    client.force_login(PersonFactory())
    response = client.get(url("co_design", q))
    assert response.status_code == 403


def test_services_link_matches_the_page(q):
    clinics = condensed(q, [idea(q)])
    assert services.condensed_link(clinics) == url("detail", q, clinics.pk)


def test_the_workbench_results_and_proposal_pages_run_the_same_queries_for_2_or_10_rows(client, q):
    """Rows: condensed proposals (each with originals and a vote) and originals of one proposal."""
    client.force_login(q.staff)
    first = condensed(q, [idea(q, supporters=1), idea(q)])
    pages = [url(name, q) for name in ("workbench", "results")] + [url("detail", q, first.pk)]

    def add(n):
        for _ in range(n):
            number = CondensedProposal.objects.count()
            made = condensed(
                q,
                [idea(q, supporters=1), idea(q)],
                title=f"Proposal number {number}",
                theme=[q.health, q.education][number % 2],
            )
            voter(q, [made])
            services.condensed_add_originals(person=q.staff, condensed=first, ideas=[idea(q, supporters=1).pk])

    add(2)
    few = [page_queries(client, address) for address in pages]
    add(8)
    assert [page_queries(client, address) for address in pages] == few
