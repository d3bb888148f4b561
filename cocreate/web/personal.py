"""Personal slots: the few parts of a page that depend on who is looking at it.

A page shared by many people (an idea, a list of ideas) is rendered once and cached with a
marker where each personal part goes; each request then fills the markers for its own viewer:

    {% personal "nav" %}                   the header links and the unread notifications count
    {% personal "viewer_style" %}          a style rule hiding "Report" under one's own comments
    {% personal "messages" %}              "Your comment is published." and the like
    {% personal "csrf" %}                  the form's CSRF token (use it instead of {% csrf_token %})
    {% personal "supported" idea %}        "· including yours" on a card
    {% personal "support_box" %}           support count and button of the idea on the page
    {% personal "follow_box" %}            follow button of the idea on the page

When a page is not cached (the context has no `shared_render`), the tag renders the part in
place, so that templates look the same either way. Markers carry a key derived from the
secret, so text typed by a participant can never pass for one.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cocreate.spaces.permissions import unwrapped
from cocreate.web.memory import Recent

_NONCE = hashlib.sha256(f"personal-slot:{settings.SECRET_KEY}".encode()).hexdigest()[:16]
_MARKER = re.compile("\x1e" + _NONCE + r":([a-z_]+):([0-9-]*)\x1e")

Renderer = Callable[[object, str, dict], str]
_renderers: dict[str, Renderer] = {}


def renderer(name: str):
    def register(fn: Renderer) -> Renderer:
        _renderers[name] = fn
        return fn

    return register


def marker(name: str, key: str = "") -> str:
    return f"\x1e{_NONCE}:{name}:{key}\x1e"


def render(name: str, request, key: str, context: dict) -> str:
    return _renderers[name](request, key, context)


def fill(html: str, request, context: dict) -> str:
    """Replace every marker in a shared page with its part for this request's viewer."""
    context = dict(context)
    csrf_marker = marker("csrf")
    if csrf_marker in html:  # every form's token at once
        html = html.replace(csrf_marker, render("csrf", request, "", context))
    return _MARKER.sub(lambda found: render(found[1], request, found[2], context), html)


@lru_cache(maxsize=4096)
def _nav(language: str, signed_in: bool, unread: int, path: str) -> str:
    from django.contrib.auth.models import AnonymousUser

    class Viewer:
        is_authenticated = signed_in

    request = type("Request", (), {"path": path})()
    return render_to_string(
        "includes/nav.html",
        {
            "user": Viewer() if signed_in else AnonymousUser(),
            "unread_notifications": unread,
            "request": request,
        },
    )


@renderer("nav")
def nav(request, key, context) -> str:
    """The header links: the same for everyone on a page but for the sign-in state and the
    unread count, so each combination is rendered once per process."""
    person = unwrapped(request.user)
    unread = 0
    if person.is_authenticated:
        from cocreate.notifications.selectors import unread_count

        unread = unread_count(person=person)
    return _nav(get_language(), person.is_authenticated, unread, request.path)


@renderer("viewer_style")
def viewer_style(request, key, context) -> str:
    """Hides "Report" under the person's own comments: one style rule instead of a personal
    part per comment (the report page refuses one's own comment anyway)."""
    person = unwrapped(request.user)
    if not person.is_authenticated:
        return ""
    return f"<style>.report-by-{int(person.pk)} {{ display: none; }}</style>"


@renderer("messages")
def messages(request, key, context) -> str:
    stored = get_messages(request)
    if not len(stored):  # counting does not mark them shown, so no cookie is touched
        return ""
    return render_to_string("includes/messages.html", {"messages": stored})


def _token(request, context: dict) -> str:
    """One CSRF token per response, however many forms the page has."""
    if "csrf_token" not in context:
        context["csrf_token"] = masked_token(request)
    return str(context["csrf_token"])


_ALPHABET = CSRF_ALLOWED_CHARS
_POSITION = {char: n for n, char in enumerate(_ALPHABET)}


def masked_token(request) -> str:
    """Django's `get_token`, with a quicker mask: the same format (a random mask, then the
    secret shifted by it, as `_unmask_cipher_token` expects), drawn from one call to the system's
    random source instead of 32."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None or len(secret) != CSRF_SECRET_LENGTH or any(c not in _POSITION for c in secret):
        return get_token(request)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token does: keep the cookie fresh
    size = len(_ALPHABET)
    mask = [_ALPHABET[b % size] for b in secrets.token_bytes(len(secret))]
    cipher = [_ALPHABET[(_POSITION[s] + _POSITION[m]) % size] for s, m in zip(secret, mask, strict=True)]
    return "".join(mask) + "".join(cipher)


@renderer("csrf")
def csrf(request, key, context) -> str:
    if "csrf_input" not in context:
        context["csrf_input"] = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', _token(request, context)
        )
    return context["csrf_input"]


@renderer("supported")
def supported(request, key, context) -> str:
    ids = context.get("supported_ids")
    yes = int(key) in ids if ids is not None else bool(getattr(context.get("idea"), "supported", False))
    return format_html(" · <strong>{}</strong>", _("including yours")) if yes else ""


# Stands for the CSRF token in remembered boxes: the token differs on every request.
_TOKEN = f"\x1e{_NONCE}:token\x1e"
_remembered_boxes = Recent(size=4096)


def _box(template: str, activity: str, request, context: dict) -> str:
    """The support or follow box of the idea on the page. A box depends only on the idea's counts,
    the viewer's own support or follow, what `can()` lets them do and the page's address, so each
    combination is rendered once per process and remembered, with a stand-in for the token."""
    from cocreate.spaces.permissions import can

    idea, space, announce = context["idea"], context["space"], context.get("announce", "")
    decision = can(request.user, activity, idea)
    key = (
        template,
        get_language(),
        space.slug,
        request.path,
        idea.pk,
        idea.supports_count,
        idea.imported_supports_count,
        bool(idea.supported),
        bool(idea.following),
        decision,
        announce,
    )
    html = _remembered_boxes.get(key)
    if html is None:
        html = render_to_string(
            template,
            {
                "idea": idea,
                "space": space,
                "request": request,
                "user": request.user,
                "csrf_token": _TOKEN,
                "announce": announce,
            },
        )
        _remembered_boxes.put(key, html)
    # The token is made only if the box has a form: visitors' pages must set no CSRF cookie.
    return html.replace(_TOKEN, _token(request, context)) if _TOKEN in html else html


@renderer("support_box")
def support_box(request, key, context) -> str:
    """Also the answer to a support with htmx, which replaces the box (with `announce`, the
    message read out to screen-reader users)."""
    return _box("ideas/_support.html", "support", request, context)


@renderer("follow_box")
def follow_box(request, key, context) -> str:
    return _box("ideas/_follow.html", "follow", request, context)
