"""Whole-page caching for visitors who have not signed in.

A cached page's key carries the version counters of what it shows, read from the database
(`Space.version`, `Space.settings_version`, `Idea.version`; services bump them in the same
transaction as every write) and the set of activities open right now (so that a phase opening at
9:00 changes the key at 9:00). A write therefore makes the old page unreachable at once, in
every server process, whatever cache backend is configured; the old entry simply expires.

Only requests without a session cookie are served from the cache: their pages hold no personal
data and no CSRF token (templates offer visitors links to sign in, never forms that POST).
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from cocreate.spaces.models import Phase

TIMEOUT = 60 * 10


def is_plain_visitor(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.headers.get("HX-Request")
    )


def phase_windows(space_id: int, settings_version: int) -> list[tuple]:
    """(starts, ends, activities) of a space's phases, cached under its settings version."""
    key = f"phases:{space_id}:{settings_version}"
    windows = cache.get(key)
    if windows is None:
        windows = [
            (p.starts_at, p.ends_at, tuple(sorted(p.activities)))
            for p in Phase.objects.filter(space_id=space_id).only("starts_at", "ends_at", "activities")
        ]
        cache.set(key, windows, TIMEOUT)
    return windows


def open_now_signature(space_id: int, settings_version: int) -> str:
    now = timezone.now()
    names = sorted(
        {a for starts, ends, acts in phase_windows(space_id, settings_version) if starts <= now < ends for a in acts}
    )
    return ",".join(names)


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
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                response = HttpResponse(content, content_type=content_type)
                response["X-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
                response["X-Cache"] = "miss"
            return response

        return wrapped

    return decorator
