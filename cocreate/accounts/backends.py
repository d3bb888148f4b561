"""Signing in (django-allauth's e-mail and password check), and finding who is signed in on each
request with one plain query instead of a compiled ORM query: it runs on every signed-in request
(and when the session was read with the person, see `cocreate.accounts.sessions`, with none)."""

from allauth.account.auth_backends import AuthenticationBackend

from cocreate.accounts.models import Person
from cocreate.web import plain_rows

FIELDS = tuple(f.name for f in Person._meta.concrete_fields)


class SignInBackend(AuthenticationBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        sql = f"SELECT {plain_rows.select(Person, FIELDS)} FROM accounts_person WHERE id = %s"
        return self.person_from_row(plain_rows.fetchone(sql, [user_id]))

    def person_from_row(self, row):
        """The person in `row` (the values of FIELDS), if there is one who may be signed in."""
        if row is None:
            return None
        person = plain_rows.instance(Person, FIELDS, row)
        return person if self.user_can_authenticate(person) else None
