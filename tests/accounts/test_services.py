import json

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cocreate.accounts import services
from cocreate.accounts.models import ApiToken, Membership, Person
from cocreate.accounts.selectors import person_data_export
from cocreate.ideas import services as ideas
from cocreate.ideas.models import Comment, Follow, Support
from cocreate.spaces.permissions import Refused
from tests import factories

pytestmark = pytest.mark.django_db


def test_profile_keeps_skills_once_whatever_their_case(person):
    services.person_update_profile(
        person=person,
        display_name="  Ana   Lima ",
        skills="Python, python , user research",
        expertise=["Housing"],
        languages=["pt", "en"],
        motivations=["portfolio"],
    )
    person.refresh_from_db()
    assert person.display_name == "Ana Lima"
    assert [s.name for s in person.skills.all()] == ["Python", "user research"]
    assert person.motivations == ["portfolio"]


def test_profile_with_unknown_motivation_changes_nothing(person):
    with pytest.raises(ValidationError) as error:
        services.person_update_profile(person=person, display_name="Ana", motivations=["fame"])
    assert "motivations" in error.value.message_dict
    person.refresh_from_db()
    assert person.display_name != "Ana"


def test_deleted_account_keeps_contributions_under_a_deleted_name(idea, person):
    comment = ideas.comment_create(person=person, idea=idea, body="I agree")
    ideas.idea_support(person=person, idea=idea)
    services.api_token_create(person=person, name="script")
    services.person_delete(person=person, actor=person)
    person.refresh_from_db()
    assert person.public_name == "Deleted account" and person.email is None and not person.is_active
    assert not person.has_usable_password()
    assert Comment.objects.get(pk=comment.pk).author == person
    assert Support.objects.filter(person=person).count() == 1
    assert not Follow.objects.filter(person=person).exists()
    assert not ApiToken.objects.filter(person=person).exists()
    assert not EmailAddress.objects.filter(user=person).exists()


def test_only_the_person_deletes_their_account(person, other_person):
    with pytest.raises(PermissionDenied):
        services.person_delete(person=person, actor=other_person)


def test_data_download_holds_what_the_person_did(client, idea, person):
    ideas.comment_create(person=person, idea=idea, body="My comment")
    ideas.idea_support(person=person, idea=idea)
    data = person_data_export(person=person)
    assert data["profile"]["email"] == person.email
    assert data["comments"][0]["text"] == "My comment"
    assert data["supports"][0]["idea"] == idea.pk
    client.force_login(person)
    response = client.get(reverse("accounts:data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["following"][0]["idea"] == idea.pk


def test_api_key_is_shown_once_and_stored_hashed(person):
    token, key = services.api_token_create(person=person, name="Dashboard")
    assert key.startswith("cc_") and token.key_hash == ApiToken.hash(key) and key not in token.key_hash
    with pytest.raises(ValidationError):
        services.api_token_create(person=person, name="  ")


def test_members_are_added_by_staff_and_an_organisation_keeps_an_admin(organisation, organiser, person):
    with pytest.raises(Refused):
        services.membership_add(person=person, organisation=organisation, email=organiser.email, role="member")
    membership = services.membership_add(
        person=organiser, organisation=organisation, email=person.email.upper(), role="moderator"
    )
    assert membership.person == person
    with pytest.raises(ValidationError):
        services.membership_add(person=organiser, organisation=organisation, email="nobody@example.org", role="member")
    with pytest.raises(ValidationError):
        services.membership_add(person=organiser, organisation=organisation, email=person.email, role="member")
    admin = Membership.objects.create(person=factories.PersonFactory(), organisation=organisation, role="admin")
    with pytest.raises(ValidationError):
        services.membership_remove(person=admin.person, membership=admin)
    services.membership_remove(person=person, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_only_site_administrators_register_organisations(person):
    with pytest.raises(Refused):
        services.organisation_create(person=person, name="New Charity", kind="charity")
    admin = factories.PersonFactory(is_superuser=True)
    organisation = services.organisation_create(person=admin, name="New Charity", kind="charity")
    assert organisation.slug == "new-charity"
    with pytest.raises(ValidationError):
        services.organisation_create(person=admin, name="new charity", kind="charity")


def test_sign_up_verify_and_sign_in(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
            "display_name": "Newcomer",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="new@example.org")
    assert person.display_name == "Newcomer"
    message = mailoutbox[-1]
    assert "List-Unsubscribe" in message.extra_headers
    assert "/unsubscribe/" in message.body
    link = next(line for line in message.body.splitlines() if "/accounts/confirm-email/" in line).strip()
    path = link[link.index("/en/accounts/") :]
    client.post(path)
    assert EmailAddress.objects.get(user=person).verified


def test_staff_must_set_up_two_factor_when_the_deployment_requires_it(client, settings, organiser, person):
    settings.STAFF_MFA = "required"
    client.force_login(organiser)
    response = client.get(reverse("spaces:index"))
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]
    client.force_login(person)
    assert client.get(reverse("spaces:index")).status_code == 200
