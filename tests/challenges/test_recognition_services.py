"""Recognition and prizes: certificates (as a PDF anyone can check), public credits, prizes
split among the team to the cent, and each share's payment recorded with when and by whom."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cocreate.challenges.certificates import certificate_pdf
from cocreate.challenges.models import PaymentStatus, PrizeShare, Recognition, RecognitionKind
from cocreate.challenges.services import recognition as services
from cocreate.notifications.models import Notification, NotificationKind
from cocreate.spaces.permissions import Refused
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import partner, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    space, staff = challenge_space()
    team, people = team_with_members(space, members=3, mentor=True)
    return space, staff, team, people


def test_a_certificate_goes_to_a_person_and_tells_them(setup, django_capture_on_commit_callbacks):
    space, staff, team, people = setup
    with django_capture_on_commit_callbacks(execute=True):
        recognition = services.recognition_award(
            person=staff,
            space=space,
            kind=RecognitionKind.CERTIFICATE,
            citation="Designed the bus buddy app's onboarding.",
            recipient=people[0],
            team=team,
        )
    assert recognition.reference and recognition.awarded_by == staff
    note = Notification.objects.get(kind=NotificationKind.RECOGNITION)
    assert note.recipient == people[0] and "/recognition/mine/" in note.link


def test_a_certificate_is_not_for_an_organisation(setup):
    space, staff, _team, _people = setup
    _person, organisation = partner()
    with pytest.raises(ValidationError) as error:
        services.recognition_award(
            person=staff, space=space, kind="certificate", citation="Lent us a pilot site.", organisation=organisation
        )
    assert {"recipient", "organisation"} <= set(error.value.message_dict)


def test_a_public_credit_thanks_an_organisation(setup):
    space, staff, _team, _people = setup
    _person, organisation = partner()
    credit = services.recognition_award(
        person=staff, space=space, kind="public_credit", citation="Lent us a pilot site.", organisation=organisation
    )
    assert credit.organisation == organisation and credit.person is None


def test_only_organisers_recognise(setup):
    space, _staff, _team, people = setup
    with pytest.raises(Refused, match="Only the organisers"):
        services.recognition_award(
            person=people[0], space=space, kind="public_credit", citation="Myself, for my work.", recipient=people[0]
        )


def test_the_certificate_pdf_carries_the_reference_and_where_to_check_it():
    pdf = certificate_pdf(
        name="Zoë Ağaoğlu",
        challenge="Transformed by You",
        citation="Designed the onboarding.",
        awarded_at=timezone.now(),
        reference="6f1c7e0a-0000-4000-8000-000000000001",
        verify_url="https://example.org/en/spaces/tby/recognition/check/6f1c7e0a-0000-4000-8000-000000000001/",
        compress=False,
    )
    assert pdf.startswith(b"%PDF")
    assert b"6f1c7e0a-0000-4000-8000-000000000001" in pdf
    assert b"/recognition/check/" in pdf


def test_a_prize_is_split_equally_among_members_to_the_cent_mentors_left_out(setup):
    space, staff, team, people = setup
    prize = services.prize_award(person=staff, space=space, title="Best prototype", amount="100", team=team)
    shares = services.prize_split(person=staff, prize=prize)
    assert sorted(s.amount for s in shares) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    assert {s.person_id for s in shares} == {p.pk for p in people[:3]}  # not the mentor
    assert sum(s.amount for s in shares) == prize.amount


def test_custom_shares_must_add_up_to_the_prize_and_say_by_how_much(setup):
    space, staff, team, people = setup
    prize = services.prize_award(person=staff, space=space, title="Best prototype", amount="1000", team=team)
    with pytest.raises(ValidationError) as error:
        services.prize_split(person=staff, prize=prize, amounts={people[0].pk: "500", people[1].pk: "400"})
    message = error.value.message_dict["amounts"][0]
    assert "900" in message and "100.00" in message and "still to share" in message
    with pytest.raises(ValidationError, match="too much"):
        services.prize_split(person=staff, prize=prize, amounts={people[0].pk: "600", people[1].pk: "600"})
    assert not PrizeShare.objects.exists()
    shares = services.prize_split(person=staff, prize=prize, amounts={people[0].pk: "600", people[1].pk: "400"})
    assert sorted(s.amount for s in shares) == [Decimal("400"), Decimal("600")]


def test_shares_go_only_to_team_members(setup):
    space, staff, team, _people = setup
    outsider, _org = partner()
    prize = services.prize_award(person=staff, space=space, title="Best prototype", amount="100", team=team)
    with pytest.raises(ValidationError, match="only to the team's members"):
        services.prize_split(person=staff, prize=prize, amounts={outsider.pk: "100"})


def test_payments_are_recorded_with_date_and_who_and_freeze_the_split(setup):
    space, staff, team, _people = setup
    prize = services.prize_award(
        person=staff, space=space, title="Best prototype", amount="90", currency="gbp", team=team
    )
    assert prize.currency == "GBP"
    share = services.prize_split(person=staff, prize=prize)[0]
    share = services.prize_share_record_payment(person=staff, share=share, status=PaymentStatus.PAID)
    assert share.paid_at and share.recorded_at and share.recorded_by == staff
    with pytest.raises(ValidationError, match="already paid or declined"):
        services.prize_split(person=staff, prize=prize)
    share = services.prize_share_record_payment(person=staff, share=share, status=PaymentStatus.DECLINED)
    assert share.paid_at is None and share.payment_status == "declined"


def test_a_prize_needs_a_team_and_a_proper_currency(setup):
    space, staff, _team, _people = setup
    with pytest.raises(ValidationError) as error:
        services.prize_award(person=staff, space=space, title="Best prototype", amount="-5", currency="pounds")
    assert {"team", "amount", "currency"} <= set(error.value.message_dict)


@given(st.decimals(min_value=0, max_value=10**8, places=2), st.integers(1, 40))
def test_an_equal_split_always_adds_up_exactly(amount, people):
    shares = services.equal_split(amount, people)
    assert len(shares) == people
    assert sum(shares, Decimal(0)) == amount
    assert max(shares) - min(shares) <= Decimal("0.01")


def test_withdrawing_a_recognition_removes_it(setup):
    space, staff, _team, people = setup
    recognition = services.recognition_award(
        person=staff, space=space, kind="certificate", citation="Built the prototype.", recipient=people[1]
    )
    services.recognition_withdraw(person=staff, recognition=recognition)
    assert not Recognition.objects.exists()


def test_recognitions_and_shares_are_in_the_download_and_certificates_go_with_the_account(setup):
    from cocreate.accounts.personal_data import export_sections
    from cocreate.accounts.services import person_delete

    space, staff, team, people = setup
    services.recognition_award(
        person=staff, space=space, kind="certificate", citation="Built the prototype.", recipient=people[0]
    )
    prize = services.prize_award(person=staff, space=space, title="Best prototype", amount="90", team=team)
    services.prize_split(person=staff, prize=prize)
    sections = export_sections()
    assert sections["certificates and credits"](people[0])[0]["kind"] == "certificate"
    assert sections["prize shares"](people[0])[0]["share"] == "30.00"
    person_delete(person=people[0], actor=people[0])
    assert not Recognition.objects.exists()
    assert PrizeShare.objects.filter(person=people[0]).exists()  # the record of money stays
