"""What the API accepts as text, ids and moments. Checked here, with a message and the field, so
that nothing a database cannot store reaches a service: PostgreSQL refuses text containing NUL
characters and time zone offsets beyond ±15:59, and no column holds an id beyond 64 bits."""

from datetime import UTC, datetime
from typing import Annotated

from django.core.validators import slug_re
from django.http import Http404
from pydantic import AfterValidator, AwareDatetime, Field
from pydantic_core import PydanticCustomError


def _storable_text(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Remove the NUL character (\\u0000): it cannot be stored.")
    return value


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("datetime_out_of_range", "This date is out of range.")


# Text of any kind sent to the API (give each field its own max_length).
Text = Annotated[str, AfterValidator(_storable_text)]
# The id of something stored.
Id = Annotated[int, Field(ge=1, le=2**62)]
# A moment, with its time zone (a bare "09:00" would be read differently by each server and
# person), kept in UTC.
Moment = Annotated[AwareDatetime, AfterValidator(_in_utc)]


def ensure_slug(slug: str) -> str:
    """A slug in a path that no space could have is simply not found."""
    if not slug_re.fullmatch(slug):
        raise Http404
    return slug
