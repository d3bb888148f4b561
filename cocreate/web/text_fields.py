"""Checking what people write (the length of titles and descriptions, web addresses), shared
by every app's services so that limits and their messages are applied the same way everywhere."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from cocreate.algorithms.text import clean_text


def text_within(value, *, field: str, errors: dict, minimum: int, maximum: int, too_short: str, too_long: str) -> str:
    """`value` cleaned (stray whitespace and control characters removed). When it is shorter
    than `minimum` or longer than `maximum` characters, the matching message goes into
    `errors[field]`, so that a service can collect every field's problem before refusing."""
    text = clean_text(value or "")
    if len(text) < minimum:
        errors[field] = too_short
    elif len(text) > maximum:
        errors[field] = too_long
    return text


# Django's URLField stores at most 200 characters; a longer address is refused, never cut.
WEB_ADDRESS_MAX = 200


def web_address(value, *, field: str, errors: dict, invalid: str = "") -> str:
    """A link people give (a demo, a dataset, an online meeting): empty, or a full http(s)
    address of at most 200 characters. Otherwise the message for `field` goes into `errors`:
    `invalid` when given (with an example that fits the field), else a general one."""
    link = clean_text(value or "")
    if not link:
        return ""
    if len(link) > WEB_ADDRESS_MAX:
        errors[field] = _("Keep the web address under %(n)s characters.") % {"n": WEB_ADDRESS_MAX}
        return link
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        errors[field] = invalid or _("Enter a full web address starting with https://")
    return link
