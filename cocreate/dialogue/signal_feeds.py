"""Reading RSS and Atom feeds into signals, for listening: each entry becomes a signal (its id,
or its link, as the id; its time; its title and summary as text; its first tag as category).
Fetching has a time limit and a size limit; a feed that cannot be fetched or parsed raises
`FeedProblem` with a message for staff. Parsing is feedparser's."""

from datetime import UTC, datetime

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cocreate.dialogue import signal_files


class FeedProblem(Exception):
    """The feed cannot be read; the message says why."""


def _entry_time(entry) -> datetime | None:
    """feedparser gives each date as a UTC time tuple."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC)
    return None


def _strip_tags(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


FEED_TIMEOUT_SECONDS = 20
FEED_MAX_BYTES = 10 * 1024 * 1024


def _download(address: str) -> tuple[bytes, dict]:
    """The feed's bytes and headers, with a time limit and a size limit: feedparser's own fetching
    has neither, and one slow or endless feed must not hold the task worker."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(address, headers={"User-Agent": "Cocreate listening (feed reader)"})
    try:
        with urllib.request.urlopen(request, timeout=FEED_TIMEOUT_SECONDS) as response:  # noqa: S310 (checked scheme)
            content = response.read(FEED_MAX_BYTES + 1)
            headers = dict(response.headers.items()) if response.headers else {}
    except urllib.error.HTTPError as error:
        raise FeedProblem(
            _("The feed's address answered with the error %(status)s.") % {"status": error.code}
        ) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise FeedProblem(_("The feed could not be read: %(error)s.") % {"error": reason}) from error
    if len(content) > FEED_MAX_BYTES:
        raise FeedProblem(_("The feed is larger than 10 MB: it cannot be read."))
    return content, headers


def read_feed(address: str) -> list[signal_files.Signal]:
    """The entries of an RSS or Atom feed as signals; raises FeedProblem when it cannot be read."""
    import feedparser

    content, headers = _download(address)
    try:
        parsed = feedparser.parse(content, response_headers={k.lower(): v for k, v in headers.items()})
    except Exception as error:  # a parser error in one feed must not stop the worker
        raise FeedProblem(_("The feed could not be read: %(error)s.") % {"error": error}) from error
    status = parsed.get("status")
    if status and status >= 400:
        raise FeedProblem(_("The feed's address answered with the error %(status)s.") % {"status": status})
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedProblem(
            _("This address is not an RSS or Atom feed that can be read: %(error)s.") % {"error": reason or "?"}
        )
    if not parsed.get("version") and not parsed.entries:
        raise FeedProblem(_("This address is not an RSS or Atom feed: no entries were found."))
    signals = []
    for entry in parsed.entries:
        title = " ".join((entry.get("title") or "").split())
        summary = _strip_tags(entry.get("summary") or "")
        link = entry.get("link") or ""
        external_id = entry.get("id") or link or ""
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        text = f"{title}\n\n{summary}".strip() if summary and summary != title else title
        if not external_id and not text:
            continue
        signals.append(
            signal_files.Signal(
                source="feed",
                external_id=external_id,
                time=_entry_time(entry),
                category=(tags[0] if tags else ""),
                text=text,
                extra={"link": link},
            )
        )
    return signals
