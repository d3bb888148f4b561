"""Every e-mail leaves through `send_to_person`, which adds the unsubscribe link (in the text and
in the List-Unsubscribe headers, so mail programs can offer it in one click)."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

UNSUBSCRIBE_SALT = "cocreate.unsubscribe"


def unsubscribe_token(person) -> str:
    return signing.dumps(person.pk, salt=UNSUBSCRIBE_SALT)


def person_from_unsubscribe_token(token: str):
    from cocreate.accounts.models import Person

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=pk).first()


def unsubscribe_url(person) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(person)})


def unsubscribe_headers(person) -> dict:
    url = unsubscribe_url(person)
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_to_person(person, *, template: str, context: dict) -> None:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` and send them."""
    context = {
        **context,
        "person": person,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(person),
    }
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers=unsubscribe_headers(person),
    )
    message.attach_alternative(html, "text/html")
    message.send()
