"""Errors as JSON with a clear message, and the field it is about where there is one:

{"detail": "Write a title of at least 5 characters.", "field": "title",
 "errors": [{"field": "title", "message": "…"}]}
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.parser import Parser

# Where ninja says a value came from: the first part of an error's location.
SOURCES = ("path", "query", "header", "cookie", "body", "form", "file")
# For these, the second part is the name of the view's parameter (`payload`), not a field.
NAMED_SOURCES = ("body", "form", "file")


class UnreadableBody(ValueError):
    """The request body is not a JSON object; the message says what to send instead."""


class JsonObjectParser(Parser):
    """Bodies must be JSON objects: anything else is refused with a message saying so, rather
    than reported as every field missing."""

    def parse_body(self, request):
        try:
            data = json.loads(request.body)
        except json.JSONDecodeError as error:
            raise UnreadableBody(
                _(
                    "The request body is not valid JSON (line %(line)s, column %(column)s: %(problem)s). "
                    "Send a JSON object, with the header Content-Type: application/json."
                )
                % {"line": error.lineno, "column": error.colno, "problem": error.msg}
            )
        except ValueError:  # not UTF-8
            raise UnreadableBody(_("The request body is not UTF-8 text. Send a JSON object in UTF-8."))
        if not isinstance(data, dict):
            raise UnreadableBody(_('Send a JSON object ({"name": value, …}), not a list or a single value.'))
        return data


def _body(errors: list[dict]) -> dict:
    first = errors[0] if errors else {"field": None, "message": _("The request is not valid.")}
    return {"detail": first["message"], "field": first["field"], "errors": errors}


def field_name(location) -> str | None:
    """("body", "payload", "themes", 0) → "themes.0"; ("query", "page") → "page"."""
    parts = list(location)
    if parts and parts[0] in SOURCES:
        source = parts.pop(0)
        if source in NAMED_SOURCES and parts:
            parts.pop(0)
    return ".".join(str(part) for part in parts) or None


def install(api) -> None:
    @api.exception_handler(RequestValidationError)
    def request_invalid(request, exc):
        errors = [{"field": field_name(error.get("loc", ())), "message": _explain(error)} for error in exc.errors]
        return api.create_response(request, _body(errors), status=422)

    @api.exception_handler(DjangoValidationError)
    def service_invalid(request, exc):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": None if field == "__all__" else field, "message": message}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": None, "message": message} for message in exc.messages]
        return api.create_response(request, _body(errors), status=422)

    @api.exception_handler(PermissionDenied)
    def refused(request, exc):
        return api.create_response(
            request, {"detail": str(exc) or _("You may not do this."), "field": None}, status=403
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found."), "field": None}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = (
            exc.message
            if exc.message != "Unauthorized"
            else _("Sign in, or send an API key in the Authorization header (Bearer cc_…).")
        )
        return api.create_response(request, {"detail": message, "field": None}, status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        message = str(exc)
        if isinstance(exc.__cause__, UnreadableBody):
            message = str(exc.__cause__)
        return api.create_response(request, {"detail": message, "field": None}, status=exc.status_code)


def _explain(error: dict) -> str:
    kind = error.get("type", "")
    limits = error.get("ctx") or {}
    if kind == "missing":
        if tuple(error.get("loc", ()))[:1] == ("body",) and len(error["loc"]) <= 2:
            return _("Send a JSON object in the request body (Content-Type: application/json).")
        return _("This field is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type"):
        return _("Enter a number.")
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(n)s.") % {"n": limits.get("ge")}
    if kind == "greater_than":
        return _("Enter a number greater than %(n)s.") % {"n": limits.get("gt")}
    if kind == "less_than_equal":
        return _("Enter a number of at most %(n)s.") % {"n": limits.get("le")}
    if kind == "less_than":
        return _("Enter a number less than %(n)s.") % {"n": limits.get("lt")}
    if kind == "nul_character":  # cocreate.api.inputs.Text
        return _("Remove the NUL character (\\u0000): it cannot be stored.")
    if kind == "datetime_out_of_range":  # cocreate.api.inputs.Moment
        return _("This date is out of range: enter one between the years 1 and 9999.")
    if kind == "timezone_aware":
        return _("Give the time zone too, such as 2026-05-03T09:00:00Z or 2026-05-03T10:00:00+01:00.")
    if kind.startswith("datetime"):
        return _("Enter a date and time such as 2026-05-03T09:00:00Z.")
    # Text checked by our own validators reports its length as "too_long" of a "Value".
    is_text = kind.startswith("string_") or limits.get("field_type") == "Value"
    if kind in ("string_too_long", "too_long"):
        if is_text:
            return _("This is too long: write at most %(n)s characters.") % {"n": limits.get("max_length", "")}
        return _("This list is too long: give at most %(n)s.") % {"n": limits.get("max_length", "")}
    if kind in ("string_too_short", "too_short"):
        if is_text:
            return _("This is too short: write at least %(n)s characters.") % {"n": limits.get("min_length", "")}
        return _("This list is too short: give at least %(n)s.") % {"n": limits.get("min_length", "")}
    if kind in ("string_type", "string_unicode"):
        return _("Enter text.")
    if kind == "list_type":
        return _("Enter a list ([…]).")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _('Send a JSON object ({"name": value, …}).')
    if kind in ("enum", "literal_error"):
        return _("Choose one of: %(choices)s.") % {"choices": limits.get("expected", "")}
    return str(error.get("msg", _("This value is not valid.")))
