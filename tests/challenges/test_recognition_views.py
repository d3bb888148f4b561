"""The recognition pages: public credits and prizes for everyone, organisers' pages to award and
share prizes out, a person's own certificates as PDF, and the public check of a reference."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreate.challenges.models import PaymentStatus, Prize, PrizeShare, Recognition
from cocreate.challenges.services import recognition as services
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import partner, team_with_members
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    space, staff = challenge_space()
    team, people = team_with_members(space, members=2, motivations=["portfolio"])

    class Setup:
        pass

    setup = Setup()
    setup.space, setup.staff, setup.team, setup.people = space, staff, team, people
    return setup


def url(name, s, *args):
    return reverse(f"challenges:{name}", args=[s.space.slug, *args])


def text(response) -> str:
    return response.content.decode()


def _certificate(s, person=None):
    return services.recognition_award(
        person=s.staff,
        space=s.space,
        kind="certificate",
        citation="Designed the onboarding of the app.",
        recipient=person or s.people[0],
    )


def test_the_credits_page_thanks_organisations_and_shows_prizes(client, s):
    _person, organisation = partner()
    services.recognition_award(
        person=s.staff, space=s.space, kind="public_credit", citation="Lent us a pilot site.", organisation=organisation
    )
    services.prize_award(person=s.staff, space=s.space, title="Best prototype", amount="500", team=s.team)
    response = client.get(url("recognition_credits", s))
    assert response.status_code == 200
    body = text(response)
    assert "With thanks to" in body and organisation.name in body and "Lent us a pilot site." in body
    assert "Best prototype" in body and s.team.name in body


def test_the_credits_page_runs_the_same_queries_for_2_or_10_credits(client, s, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            _p, organisation = partner()
            services.recognition_award(
                person=s.staff,
                space=s.space,
                kind="public_credit",
                citation="Thank you all.",
                organisation=organisation,
            )
            team, _people = team_with_members(s.space, name=f"Team {Prize.objects.count()}")
            services.prize_award(person=s.staff, space=s.space, title="A prize", amount="10", team=team)

    add(2)
    client.get(url("recognition_credits", s))
    with CaptureQueriesContext(connection) as captured:
        client.get(url("recognition_credits", s))
    two = len(captured)
    add(8)
    client.get(url("recognition_credits", s))
    with django_assert_num_queries(two):
        client.get(url("recognition_credits", s))


def test_the_organisers_page_suggests_a_certificate_for_portfolio_builders(client, s):
    client.force_login(s.staff)
    response = client.get(url("recognition_manage", s))
    assert response.status_code == 200
    assert "Award a certificate" in text(response)
    _certificate(s)
    assert "Certificate awarded" in text(client.get(url("recognition_manage", s)))


def test_the_organisers_page_runs_the_same_queries_for_2_or_10_members(client, s, django_assert_num_queries):
    client.force_login(s.staff)

    def queries():
        client.get(url("recognition_manage", s))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("recognition_manage", s)).status_code == 200
        return len(captured)

    prize = services.prize_award(person=s.staff, space=s.space, title="A prize", amount="10", team=s.team)
    services.prize_split(person=s.staff, prize=prize)
    two = queries()
    for i in range(4):
        team, people = team_with_members(s.space, name=f"More {i}", motivations=["community_impact"])
        _certificate(s, people[0])
        prize = services.prize_award(person=s.staff, space=s.space, title="A prize", amount="10", team=team)
        services.prize_split(person=s.staff, prize=prize)
    assert queries() == two


def test_recognition_pages_for_organisers_refuse_others_with_the_reason(client, s):
    client.force_login(s.people[0])
    for name in ("recognition_manage", "recognition_award", "recognition_prize_new"):
        response = client.get(url(name, s))
        assert response.status_code == 403 and "Only the organisers" in text(response)


def test_an_organiser_awards_a_certificate_through_the_form(client, s):
    client.force_login(s.staff)
    assert client.get(url("recognition_award", s) + f"?person={s.people[0].pk}").status_code == 200
    response = client.post(
        url("recognition_award", s),
        {"kind": "certificate", "recipient": s.people[0].pk, "citation": "Ran the user research sessions."},
    )
    assert response.status_code == 302
    assert Recognition.objects.get().person == s.people[0]


def test_a_prize_is_awarded_and_split_with_the_difference_shown(client, s):
    client.force_login(s.staff)
    response = client.post(
        url("recognition_prize_new", s),
        {"title": "Best prototype", "amount": "1000", "currency": "GBP", "team": s.team.pk},
    )
    prize = Prize.objects.get()
    assert response.status_code == 302 and response["Location"] == url("recognition_prize", s, prize.pk)
    first, second = s.people
    response = client.post(
        url("recognition_prize", s, prize.pk),
        {"how": "custom", f"share_{first.pk}": "700", f"share_{second.pk}": "200"},
    )
    assert response.status_code == 200 and "100.00 GBP still to share" in text(response)
    client.post(url("recognition_prize", s, prize.pk), {"how": "equal"})
    assert sorted(PrizeShare.objects.values_list("amount", flat=True)) == [Decimal("500"), Decimal("500")]
    share = PrizeShare.objects.first()
    client.post(url("recognition_share_payment", s, share.pk), {"payment_status": "paid"})
    share.refresh_from_db()
    assert share.payment_status == PaymentStatus.PAID and share.recorded_by == s.staff
    assert "recorded by" in text(client.get(url("recognition_prize", s, prize.pk)))


def test_a_person_downloads_their_certificate_as_pdf(client, s):
    recognition = _certificate(s)
    client.force_login(s.people[0])
    assert "Download the certificate" in text(client.get(url("recognition_mine", s)))
    response = client.get(url("recognition_certificate", s, recognition.reference))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and str(recognition.reference).encode() in pdf


def test_someone_else_cannot_download_a_certificate(client, s):
    recognition = _certificate(s)
    client.force_login(PersonFactory())
    assert client.get(url("recognition_certificate", s, recognition.reference)).status_code == 403


def test_anyone_can_check_a_certificate_by_its_reference(client, s):
    recognition = _certificate(s)
    response = client.get(url("recognition_verify", s, recognition.reference))
    assert response.status_code == 200
    assert "This reference is genuine" in text(response) and s.people[0].public_name in text(response)
    missing = client.get(url("recognition_verify", s, "00000000-0000-4000-8000-000000000000"))
    assert missing.status_code == 404 and "No certificate with the reference" in text(missing)
    assert client.get(url("recognition_verify", s, "not-a-reference")).status_code == 404
