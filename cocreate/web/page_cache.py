"""Whole-page caching for visitors who have not signed in.

A cached page's key carries the version counters of what it shows, read from the database
(`Space.version`, `Space.settings_version`, `Idea.version`; services bump them in the same
transaction as every write) and the set of activities open right now (so that a phase opening at
9:00 changes the key at 9:00). A write therefore makes the old page unreachable at once, in
every server process, whatever cache backend is configured; the old entry simply expires.

Two layers:
- `cached_for_visitors`: whole pages, as bytes, for requests without a session cookie: their
  pages hold no personal data and no CSRF token (visitors get links to sign in, never forms).
- `serve_shared`: for everyone else, the page shared by all viewers with the same signature
  (`viewer_signature`), cached with markers where the personal parts go (`cocreate.web.personal`),
  which are filled for each request.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from cocreate.spaces.models import phases_of
from cocreate.spaces.permissions import standing
from cocreate.web.memory import Recent
from cocreate.web.personal import fill

TIMEOUT = 60 * 10


recent_pages = Recent(size=256)


def is_plain_visitor(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def open_now_signature(space_id: int, settings_version: int) -> str:
    """The activities open right now: part of every page key, so that a phase opening or
    closing changes the page at that moment, with no write to invalidate anything."""
    now = timezone.now()
    return ",".join(sorted({a for p in phases_of(space_id, settings_version) if p.is_open(now) for a in p.activities}))


def cached_for_visitors(versions: Callable) -> Callable:
    """Decorate a GET view. `versions(request, **kwargs)` returns a string naming the versions
    of what the page shows, or None when the page must not be cached (e.g. a private space)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_plain_visitor(request):
                return view(request, *args, **kwargs)
            state = versions(request, **kwargs)
            if state is None:
                return view(request, *args, **kwargs)
            digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=12).hexdigest()
            key = f"page:{view.__module__}.{view.__name__}:{get_language()}:{state}:{digest}"
            cached = recent_pages.get(key) or cache.get(key)
            if cached is not None:
                recent_pages.put(key, cached)
                content, content_type = cached
                response = HttpResponse(content, content_type=content_type)
                response["X-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
                entry = (response.content, response["Content-Type"])
                cache.set(key, entry, TIMEOUT)
                recent_pages.put(key, entry)
                response["X-Cache"] = "miss"
            return response

        return wrapped

    return decorator


def viewer_signature(person, target) -> str:
    """What a shared page may depend on about its viewer: their standing for the page's target
    (see `cocreate.spaces.permissions.standing`), which decides every answer `can()` gives them
    there. People with the same signature see the same shared page; everything personal beyond
    it goes through personal slots."""
    found = standing(person, target)
    if found == ("visitor",):
        return "visitor"
    return "p" + hashlib.blake2b(repr(found).encode(), digest_size=8).hexdigest()


def page_key(request, name: str, state: str, signature: str) -> str:
    digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=12).hexdigest()
    htmx = "h" if "HTTP_HX_REQUEST" in request.META else "f"
    return f"shared:{name}:{get_language()}:{htmx}:{state}:{signature}:{digest}"


def serve_shared(request, *, key: str, render: Callable, personal: Callable) -> HttpResponse:
    """Serve a page whose shared part is cached under `key` and whose personal slots are
    filled for this viewer. `render()` returns (response rendered with `shared_render` in its
    context, meta: data the slots need later, such as the ideas listed); `personal(meta)`
    returns the context the slots are filled from."""
    entry = recent_pages.get(key) or cache.get(key)
    state = "hit"
    if entry is None:
        response, meta = render()
        if response.status_code != 200:
            return response
        entry = (response.content.decode(), response["Content-Type"], meta)
        cache.set(key, entry, TIMEOUT)
        state = "miss"
    recent_pages.put(key, entry)
    html, content_type, meta = entry
    response = HttpResponse(fill(html, request, personal(meta)), content_type=content_type)
    response["X-Cache"] = state
    return response
