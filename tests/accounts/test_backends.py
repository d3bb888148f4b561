import pytest
from django.utils import timezone

from cocreate.accounts.backends import SignInBackend
from cocreate.accounts.models import Person

pytestmark = pytest.mark.django_db


def test_signed_in_person_is_loaded_as_the_orm_would(person):
    person.languages, person.motivations, person.last_login = ["pt", "en"], ["portfolio"], timezone.now()
    person.save()
    loaded, expected = SignInBackend().get_user(person.pk), Person.objects.get(pk=person.pk)
    for field in Person._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert not loaded._state.adding and loaded.get_session_auth_hash() == expected.get_session_auth_hash()


def test_deactivated_or_unknown_people_are_not_signed_in(person):
    Person.objects.filter(pk=person.pk).update(is_active=False)
    assert SignInBackend().get_user(person.pk) is None
    assert SignInBackend().get_user(987654) is None
    assert SignInBackend().get_user("not a number") is None
