"""Signing in (django-allauth's e-mail and password check), and finding who is signed in on each
request with one plain query instead of a compiled ORM query: it runs on every signed-in request."""

from allauth.account.auth_backends import AuthenticationBackend
from django.db import connection

from cocreate.accounts.models import Person
from cocreate.web import plain_rows

FIELDS = tuple(f.name for f in Person._meta.concrete_fields)


class SignInBackend(AuthenticationBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {plain_rows.select(Person, FIELDS)} FROM accounts_person WHERE id = %s", [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        person = plain_rows.instance(Person, FIELDS, row)
        return person if self.user_can_authenticate(person) else None
