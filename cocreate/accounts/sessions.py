"""Sessions in the database (the source of truth: signing out deletes the row, everywhere at
once), read with one plain query on every request that carries a session cookie.

Two savings, neither of which keeps anything that could go stale:
- Checking a session's signature and decoding it costs more than reading it, and gives the same
  answer every time for the same stored text, so each process remembers the answers for recent
  sessions, keyed by the stored text itself (any change to the session is a new key).
- Who is signed in with a session only changes with a new session key (Django makes one when
  someone signs in), so when a process has seen a session before, it reads the person's row in
  the same query as the session (`person_row`), which `SignedInPersonMiddleware` then uses if
  the session still names that person. Both rows are read fresh every time.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone

from cocreate.accounts.backends import FIELDS
from cocreate.accounts.models import Person
from cocreate.web import plain_rows
from cocreate.web.memory import Recent

_decoded = Recent(size=4096)
_person_of = Recent(size=4096)  # session key → id of the person it signed in
_PLAIN = (str, int, float, bool, type(None))


class SessionStore(DatabaseSessionStore):
    # The row (FIELDS of Person) of the person this session signs in, when read with it.
    person_row: tuple | None = None

    def load(self):
        if not self.session_key:
            return {}
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        person_id = _person_of.get(self.session_key)
        if person_id is None:
            row = plain_rows.fetchone(
                "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
        else:
            row = plain_rows.fetchone(
                f"SELECT s.session_data, {plain_rows.select(Person, FIELDS, 'p')} FROM django_session s"
                " LEFT JOIN accounts_person p ON p.id = %s WHERE s.session_key = %s AND s.expire_date > %s",
                [person_id, self.session_key, now],
            )
        if row is None:
            self._session_key = None
            return {}
        session = self.decode(row[0])
        signed_in = session.get(SESSION_KEY)
        if isinstance(signed_in, str) and signed_in.isdigit():
            _person_of.put(self.session_key, int(signed_in))
            if person_id is not None and int(signed_in) == person_id and row[1] is not None:
                self.person_row = row[1:]
        return session

    def decode(self, session_data):
        remembered = _decoded.get(session_data)
        if remembered is not None:
            return dict(remembered)
        decoded = super().decode(session_data)
        # Only sessions of plain values (as signing in makes): a copy of them cannot be changed
        # in place by one request behind the back of the next.
        if decoded and all(isinstance(value, _PLAIN) for value in decoded.values()):
            _decoded.put(session_data, dict(decoded))
        return decoded
