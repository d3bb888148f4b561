"""Form helpers shared by the HTML views."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, each message on its field when the form
    has that field, otherwise at the top (in the error summary)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def say_service_errors(request, error: ValidationError) -> None:
    """For a button with no form to show errors on (vote, answer, withdraw): the service's
    messages shown at the top of the next page, so the person reads why nothing changed."""
    messages.error(request, " ".join(error.messages))


def _plausible_id(value) -> bool:
    value = str(value)
    return value.isascii() and value.isdigit() and len(value) < 19 and 0 < int(value) < 2**62


def posted_id(value) -> int | None:
    """An id sent by a page (a button's value, a query parameter), or None when no object could
    have it: a text, a negative number, a number too large for the database to compare."""
    return int(str(value)) if _plausible_id(value) else None


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of objects; a value no object could have (e.g. 99999999999999999999, which the
    database cannot even compare) is refused like any other wrong choice."""

    def _check_values(self, value):
        for pk in value:
            if not _plausible_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _plausible_id(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def saved(request, form, save, message: str):
    """When the form is posted and valid, run `save(cleaned_data)` (a service call) and say
    `message`; returns what it returned (or True). On the service's ValidationError its
    messages go on the form and None is returned, so the view shows the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, message)
    return result or True


def suggest_while_typing(field, *, url: str, target: str) -> None:
    """With JavaScript, what is typed in `field` is sent to `url` (htmx) 400 ms after the person
    stops typing, and the answer (similar ideas, similar questions…) replaces the element `target`
    ("#similar-ideas"). Without JavaScript the form's preview shows the same list."""
    field.widget.attrs.update(
        {"hx-get": url, "hx-trigger": "input changed delay:400ms", "hx-target": target, "autocomplete": "off"}
    )
