"""Reading RSS and Atom feeds into signals, for listening: each entry becomes a signal (its id,
or its link, as the id; its time; its title and summary as text; its first tag as category).
Fetching has a time limit and a size limit; a feed that cannot be fetched or parsed raises
`FeedProblem` with a message for staff. Parsing is feedparser's.
Only http(s) addresses on the public internet are read: the host name is resolved, every address
it resolves to must be public, and the connection goes to an address that was checked (no second
look-up that could answer differently); each redirect (at most 5) is checked the same way. An
agency that reads feeds on its own intranet sets LISTENING_FEEDS_ALLOW_PRIVATE."""

import functools
import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cocreate.dialogue import signal_files


class FeedProblem(Exception):
    """The feed cannot be read; the message says why."""


class InsideAddress(FeedProblem):
    """The feed's address leads inside the platform's own network (loopback, private, link-local…)."""


def inside_address_message() -> str:
    return _("This address points inside the platform's own network, so it cannot be read as a feed.")


def _entry_time(entry) -> datetime | None:
    """feedparser gives each date as a UTC time tuple."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC)
    return None


def _strip_tags(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


FEED_TIMEOUT_SECONDS = 20  # for each step: connecting, each answer, each piece of the feed
FEED_DEADLINE_SECONDS = 60  # for the whole reading, redirects included
FEED_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# NAT64 (RFC 6052): an IPv6 address that stands for the IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _carried(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The IPv4 address an IPv6 address carries (IPv4-mapped, 6to4, NAT64), or the address itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        carried = ip.ipv4_mapped or ip.sixtofour
        if carried is None and ip in NAT64:
            carried = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if carried is not None:
            return carried
    return ip


def is_public_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Is `ip` an address on the public internet? Not loopback, private, link-local, site-local,
    multicast, reserved, unspecified, shared (100.64.0.0/10) or for documentation. An IPv6 address
    that carries an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged by the IPv4 address it carries."""
    ip = _carried(ip)
    if isinstance(ip, ipaddress.IPv6Address) and (ip.is_site_local or ip.teredo):
        return False
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def is_readable_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """May a feed be read from `ip`? Public addresses; with LISTENING_FEEDS_ALLOW_PRIVATE also the
    agency's own network, but never link-local addresses (the cloud's metadata service,
    169.254.169.254, hands out the server's credentials), unspecified or multicast ones."""
    if is_public_ip(ip):
        return True
    ip = _carried(ip)
    return settings.LISTENING_FEEDS_ALLOW_PRIVATE and not (ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def is_inside_address(address: str) -> bool:
    """Does `address` name, as written, a host inside the platform's own network that feeds may
    not be read from ("localhost", 127.0.0.1, 10.x, 169.254.x, ::1…; see `is_readable_ip`)? No
    look-up: reading the feed checks what a name resolves to."""
    try:
        host = (urllib.parse.urlsplit(address.strip()).hostname or "").rstrip(".")
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return not settings.LISTENING_FEEDS_ALLOW_PRIVATE
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        try:
            ip = ipaddress.IPv4Address(socket.inet_aton(host))  # the short forms too: 127.1, 2130706433, 0x7f.1
        except (OSError, ValueError):
            return False
    return not is_readable_ip(ip)


def _checked_addresses(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to; refused (InsideAddress) when a feed may not be read from
    any one of them (`is_readable_ip`)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    for address in addresses:
        if not is_readable_ip(ipaddress.ip_address(address.split("%")[0])):
            raise InsideAddress(inside_address_message())
    return addresses


def _connect_checked(host: str, port: int, timeout, source_address) -> socket.socket:
    """A connection to one of the checked addresses of `host`, in the order the look-up gave them:
    the name is not looked up again, so a second answer cannot lead somewhere else."""
    problem = None
    for address in _checked_addresses(host, port):
        try:
            connection = socket.create_connection((address, port), timeout, source_address)
        except OSError as error:
            problem = error
            continue
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection
    raise problem or OSError(_("the name %(host)s has no address") % {"host": host})


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a checked address of the host; the Host header still names the host."""

    def connect(self):
        self.sock = _connect_checked(self.host, self.port, self.timeout, self.source_address)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address of the host; the TLS server name and the certificate check are
    the host's name."""

    def __init__(self, host, *, context: ssl.SSLContext, **kwargs):
        super().__init__(host, context=context, **kwargs)
        self.tls = context

    def connect(self):
        connection = _connect_checked(self.host, self.port, self.timeout, self.source_address)
        try:
            self.sock = self.tls.wrap_socket(connection, server_hostname=self.host)
        except BaseException:
            connection.close()
            raise


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Certificates checked against the system's authorities and the host's name."""
    context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=_tls_context())


def _feed_opener() -> urllib.request.OpenerDirector:
    """http and https only, through checked connections. No proxy (it would reach addresses that
    cannot be checked here) and no redirect handler: `_download` follows redirects itself."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _CheckedHTTPHandler(),
        _CheckedHTTPSHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise FeedProblem(
            _("The feed took longer than %(seconds)s seconds to read, so it was stopped.")
            % {"seconds": FEED_DEADLINE_SECONDS}
        )


def _read_until(response, deadline: float) -> bytes:
    """The answer's bytes, piece by piece as they arrive, up to FEED_MAX_BYTES + 1 and until the
    deadline: a server sending one byte at a time cannot hold the worker for hours."""
    pieces, size = [], 0
    while size <= FEED_MAX_BYTES:
        _check_deadline(deadline)
        piece = response.read1(65536)
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)[: FEED_MAX_BYTES + 1]


def _download(address: str) -> tuple[bytes, dict]:
    """The feed's bytes and headers, with a time limit and a size limit: feedparser's own fetching
    has neither, and one slow or endless feed must not hold the task worker. Only public http(s)
    addresses, and at most MAX_REDIRECTS redirects, each checked like the first address."""
    opener = _feed_opener()
    deadline = time.monotonic() + FEED_DEADLINE_SECONDS
    for redirects in range(MAX_REDIRECTS + 1):
        try:
            _check_deadline(deadline)
            if urllib.parse.urlsplit(address).scheme.lower() not in ("http", "https"):
                if redirects:
                    raise FeedProblem(
                        _(
                            "The feed's address redirects to an address that does not start with http:// or "
                            "https://, so it cannot be read."
                        )
                    )
                raise FeedProblem(_("A feed's address starts with http:// or https://."))
            request = urllib.request.Request(address, headers={"User-Agent": "Cocreate listening (feed reader)"})
            with opener.open(request, timeout=FEED_TIMEOUT_SECONDS) as response:
                content = _read_until(response, deadline)
                headers = dict(response.headers.items()) if response.headers else {}
        except InsideAddress as refused:
            if redirects:
                raise InsideAddress(
                    _("The feed's address redirects inside the platform's own network, so it cannot be read.")
                ) from refused
            raise
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if error.headers else None
            error.close()
            if error.code in REDIRECT_STATUSES and location:
                address = urllib.parse.urljoin(address, location.strip())
                continue
            raise FeedProblem(
                _("The feed's address answered with the error %(status)s.") % {"status": error.code}
            ) from error
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise FeedProblem(_("The feed could not be read: %(error)s.") % {"error": reason}) from error
        if len(content) > FEED_MAX_BYTES:
            raise FeedProblem(_("The feed is larger than 10 MB: it cannot be read."))
        return content, headers
    raise FeedProblem(
        _("The feed's address redirects more than %(count)s times, so it cannot be read.") % {"count": MAX_REDIRECTS}
    )


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
