"""Messages ("Thank you for your support.") carried to the next page in a signed cookie, as
Django's CookieStorage does, so that a visitor with no session keeps getting cached pages.

Signing the cookie (JSON, compression, an HMAC) costs more than the rest of an action such as a
support, and the same few messages are signed again and again: each process remembers the
cookie made for each list of messages during the current second. The cookie is the very one
Django would make (its signature carries the time to the second, which is part of the key)."""

import time

from django.contrib.messages.storage.cookie import CookieStorage

from cocreate.web.memory import Recent

_signed = Recent(size=256)


class RememberingCookieStorage(CookieStorage):
    def _encode_parts(self, messages, encode_empty=False):
        if not (messages or encode_empty):
            return None
        key = (tuple(messages), encode_empty, int(time.time()))
        encoded = _signed.get(key)
        if encoded is None:
            encoded = super()._encode_parts(messages, encode_empty=encode_empty)
            _signed.put(key, encoded)
        return encoded
