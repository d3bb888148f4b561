"""Reading a feed never reaches the platform's own network: literal private addresses, names that
resolve to one (even among public ones), localhost, IPv6 loopback, redirects there and other schemes
are refused with a message for staff, before any connection; a public address is read, connecting to
the address that was checked (the name is looked up once) while HTTP and TLS still name the host.
No test touches the internet: look-ups are answered by a table and connections to public addresses
go to a local server."""

import http.server
import ipaddress
import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta

import pytest

from cocreate.dialogue import signal_feeds
from cocreate.dialogue.signal_feeds import FeedProblem, InsideAddress, is_inside_address, is_public_ip, read_feed

INSIDE = "This address points inside the platform's own network, so it cannot be read as a feed."
REDIRECTED_INSIDE = "The feed's address redirects inside the platform's own network, so it cannot be read."
PUBLIC_IP = "93.184.216.34"

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>City news</title><link>https://example.org/</link>
<description>News</description>
<item><title>Snow closes schools</title><link>https://example.org/1</link><guid>news-1</guid></item>
<item><title>Bins collected late</title><link>https://example.org/2</link><guid>news-2</guid></item>
</channel></rss>"""


class Names:
    """Answers host-name look-ups from a table: each look-up of a name takes its next answer (the
    last one repeats). Literal addresses are parsed without any look-up; other names are unknown."""

    def __init__(self):
        self.answers: dict[str, list[list[str]]] = {}
        self.looked_up: list[str] = []
        self.real = socket.getaddrinfo

    def add(self, name: str, *answers: list[str]) -> None:
        self.answers[name] = list(answers)

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        if host not in self.answers:  # a literal address, or an unknown name: never a real look-up
            return self.real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        self.looked_up.append(host)
        answers = self.answers[host]
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, port, 0, 0))
            if ":" in ip
            else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
            for ip in addresses
        ]


@pytest.fixture
def names(monkeypatch):
    table = Names()
    monkeypatch.setattr(socket, "getaddrinfo", table.getaddrinfo)
    return table


class Web:
    """A local web server standing in for the public internet: a connection to any public address
    goes to it (port 443 to its TLS side, once started); a connection to any other address fails.
    It keeps the addresses connected to and the Host header of each request."""

    def __init__(self):
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        self.connected: list[tuple] = []
        self.hosts: list[str] = []
        self.servers = []
        self.port = self._serve(None)
        self.tls_port = None

    def page(self, path: str, body: bytes = RSS, status: int = 200, **headers) -> None:
        self.pages[path] = (status, headers, body)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.page(path, b"", status, Location=location)

    def start_tls(self, certificate: str, key: str) -> None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        self.tls_port = self._serve(context)

    def _serve(self, tls: ssl.SSLContext | None) -> int:
        web = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                web.hosts.append(self.headers["Host"])
                status, headers, body = web.pages.get(self.path, (404, {}, b"Not found"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.servers.append(server)
        return server.server_address[1]

    def connect(self, real_create_connection):
        def create_connection(address, timeout=None, source_address=None):
            self.connected.append(address)
            if not is_public_ip(ipaddress.ip_address(address[0])):
                raise ConnectionRefusedError(f"test: no connection to {address[0]}")
            port = self.tls_port if address[1] == 443 else self.port
            return real_create_connection(("127.0.0.1", port), timeout)

        return create_connection

    def stop(self):
        for server in self.servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def web(monkeypatch, settings):
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = False
    internet = Web()
    monkeypatch.setattr(socket, "create_connection", internet.connect(socket.create_connection))
    yield internet
    internet.stop()


# --- refused -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:6379/",
        "http://127.0.0.1:5432/feed.xml",
        "https://10.0.0.1/feed.xml",
        "http://172.16.5.4/feed.xml",
        "http://192.168.1.1/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/feed.xml",
        "http://0.0.0.0/feed.xml",
        "http://224.0.0.1/feed.xml",
        "http://127.1/feed.xml",
        "http://2130706433/feed.xml",
        "http://[::1]/feed.xml",
        "http://[::]/feed.xml",
        "http://[::ffff:127.0.0.1]/feed.xml",
        "http://[::ffff:169.254.169.254]/feed.xml",
        "http://[fe80::1]/feed.xml",
        "http://[fc00::1]/feed.xml",
        "http://[fec0::1]/feed.xml",
        "http://[ff02::1]/feed.xml",
        "http://[64:ff9b::a00:1]/feed.xml",  # NAT64 for 10.0.0.1
        "http://[2002:7f00:1::]/feed.xml",  # 6to4 for 127.0.0.1
    ],
)
def test_a_literal_address_inside_the_network_is_refused_without_connecting(web, names, address):
    with pytest.raises(InsideAddress) as refused:
        read_feed(address)
    assert str(refused.value) == INSIDE
    assert web.connected == []


def test_localhost_is_refused(web, names):
    names.add("localhost", ["::1", "127.0.0.1"])
    with pytest.raises(InsideAddress, match="inside the platform's own network"):
        read_feed("http://localhost:8000/feed.xml")
    assert web.connected == []


def test_a_name_that_resolves_to_ipv6_loopback_is_refused(web, names):
    names.add("six.example.org", ["::1"])
    with pytest.raises(InsideAddress):
        read_feed("https://six.example.org/feed.xml")
    assert web.connected == []


def test_a_name_that_resolves_to_a_private_address_is_refused(web, names):
    names.add("intranet.example.org", ["10.20.30.40"])
    with pytest.raises(InsideAddress) as refused:
        read_feed("http://intranet.example.org/feed.xml")
    assert str(refused.value) == INSIDE
    assert names.looked_up == ["intranet.example.org"] and web.connected == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(web, names):
    names.add("mixed.example.org", [PUBLIC_IP, "169.254.169.254"])
    with pytest.raises(InsideAddress):
        read_feed("http://mixed.example.org/feed.xml")
    assert web.connected == []


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://example.org/feed.xml", "gopher://x/"])
def test_only_web_addresses_are_read(web, names, address):
    with pytest.raises(FeedProblem) as refused:
        read_feed(address)
    assert str(refused.value) == "A feed's address starts with http:// or https://."
    assert web.connected == []


def test_the_platforms_own_test_server_is_refused_unless_the_agency_allows_its_network(feed_server, tmp_path, settings):
    (tmp_path / "news.xml").write_bytes(RSS)
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = False
    with pytest.raises(InsideAddress):
        read_feed(f"{feed_server}/news.xml")
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = True
    assert [s.external_id for s in read_feed(f"{feed_server}/news.xml")] == ["news-1", "news-2"]


@pytest.mark.parametrize(
    "address",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
    ],
)
def test_an_agency_reading_its_intranet_still_never_reads_link_local_addresses(web, settings, address):
    """The cloud's metadata service (169.254.169.254) hands out the server's credentials."""
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = True
    assert is_inside_address(address)
    with pytest.raises(InsideAddress):
        read_feed(address)
    assert web.connected == []


def test_a_name_leading_to_the_metadata_service_is_refused_even_on_an_intranet(web, settings, monkeypatch):
    settings.LISTENING_FEEDS_ALLOW_PRIVATE = True
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", 80))]
    )
    with pytest.raises(InsideAddress):
        read_feed("http://metadata.example.org/latest/")
    assert web.connected == []


# --- redirects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    ["http://169.254.169.254/latest/meta-data/", "http://[::1]:6379/", "http://intranet.example.org/feed.xml"],
)
def test_a_redirect_inside_the_network_is_refused(web, names, location):
    names.add("news.example.org", [PUBLIC_IP])
    names.add("intranet.example.org", ["192.168.0.10"])
    web.redirect("/feed.xml", location)
    with pytest.raises(InsideAddress) as refused:
        read_feed("http://news.example.org/feed.xml")
    assert str(refused.value) == REDIRECTED_INSIDE
    assert web.connected == [(PUBLIC_IP, 80)]  # the first hop only


def test_a_redirect_to_another_kind_of_address_is_refused(web, names):
    names.add("news.example.org", [PUBLIC_IP])
    web.redirect("/feed.xml", "file:///etc/passwd")
    with pytest.raises(FeedProblem, match="redirects to an address that does not start with http:// or https://"):
        read_feed("http://news.example.org/feed.xml")


def test_redirects_between_public_addresses_are_followed_up_to_five(web, names):
    names.add("news.example.org", [PUBLIC_IP])
    names.add("www.example.org", ["2606:2800:220:1:248:1893:25c8:1946"])
    web.page("/feed.xml")
    web.redirect("/hop1", "http://www.example.org/feed.xml", status=301)
    for hop in range(2, 7):
        web.redirect(f"/hop{hop}", f"/hop{hop - 1}", status=307)  # relative to the address redirecting
    assert len(read_feed("http://news.example.org/hop5")) == 2
    assert web.hosts == ["news.example.org"] * 5 + ["www.example.org"]  # five redirects
    assert web.connected[-1] == ("2606:2800:220:1:248:1893:25c8:1946", 80)
    with pytest.raises(FeedProblem) as refused:
        read_feed("http://news.example.org/hop6")
    assert str(refused.value) == "The feed's address redirects more than 5 times, so it cannot be read."


# --- accepted ------------------------------------------------------------------------------------


def test_a_public_address_is_read_connecting_to_the_address_checked(web, names):
    names.add("news.example.org", [PUBLIC_IP])
    web.page("/feed.xml")
    signals = read_feed("http://news.example.org/feed.xml")
    assert [s.external_id for s in signals] == ["news-1", "news-2"]
    assert web.connected == [(PUBLIC_IP, 80)]
    assert web.hosts == ["news.example.org"]  # the server is still asked for the host by name


def test_the_name_is_looked_up_once_so_a_second_answer_cannot_lead_inside(web, names):
    """DNS rebinding: the first answer is public, any later one is the loopback address."""
    names.add("rebind.example.org", [PUBLIC_IP], ["127.0.0.1"])
    web.page("/feed.xml")
    assert len(read_feed("http://rebind.example.org/feed.xml")) == 2
    assert names.looked_up == ["rebind.example.org"]
    assert web.connected == [(PUBLIC_IP, 80)]


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34", "64:ff9b::5db8:d822"],
)
def test_public_addresses_are_public(address):
    assert is_public_ip(ipaddress.ip_address(address))


def _certificate_for(tmp_path, name: str) -> tuple[str, str, str]:
    """A test authority and a server certificate for `name` that it signed: their files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC)

    def certificate(subject, issuer, public_key, signing_key, *extensions):
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(hours=1))
        )
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(signing_key, hashes.SHA256())

    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Cocreate test authority")])
    usage = {key: False for key in ("content_commitment", "key_encipherment", "data_encipherment", "key_agreement")}
    authority = certificate(
        authority_name,
        authority_name,
        authority_key.public_key(),
        authority_key,
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
                **usage,
            ),
            True,
        ),
        (x509.SubjectKeyIdentifier.from_public_key(authority_key.public_key()), False),
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = certificate(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]),
        authority_name,
        server_key.public_key(),
        authority_key,
        (x509.SubjectAlternativeName([x509.DNSName(name)]), False),
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(authority_key.public_key()), False),
    )
    files = {"authority.pem": authority, "server.pem": server}
    for file_name, cert in files.items():
        (tmp_path / file_name).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.key").write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(tmp_path / "authority.pem"), str(tmp_path / "server.pem"), str(tmp_path / "server.key")


def test_https_connects_to_the_address_checked_and_checks_the_certificate_against_the_name(
    web, names, tmp_path, monkeypatch
):
    authority, certificate, key = _certificate_for(tmp_path, "news.example.org")
    web.start_tls(certificate, key)
    web.page("/feed.xml")
    names.add("news.example.org", [PUBLIC_IP])
    names.add("other.example.org", [PUBLIC_IP])
    default = signal_feeds._tls_context()
    assert default.check_hostname and default.verify_mode == ssl.CERT_REQUIRED
    trusting_the_test_authority = ssl.create_default_context(cafile=authority)
    monkeypatch.setattr(signal_feeds, "_tls_context", lambda: trusting_the_test_authority)

    assert len(read_feed("https://news.example.org/feed.xml")) == 2
    assert web.connected == [(PUBLIC_IP, 443)] and web.hosts == ["news.example.org"]
    # The same server and address under another name: its certificate does not match that name.
    with pytest.raises(FeedProblem) as refused:
        read_feed("https://other.example.org/feed.xml")
    assert "certificate" in str(refused.value).lower() and "other.example.org" in str(refused.value)
    assert web.hosts == ["news.example.org"]


def test_a_feed_sent_a_byte_at_a_time_is_stopped_at_the_deadline(monkeypatch):
    """Each piece arrives within the per-step time limit, but the whole reading has a deadline."""
    clock = iter(range(1000))
    monkeypatch.setattr(signal_feeds.time, "monotonic", lambda: next(clock) * 10.0)  # 10 s pass per piece

    class Trickle:
        def read1(self, size):
            return b"x"

    with pytest.raises(FeedProblem) as stopped:
        signal_feeds._read_until(Trickle(), deadline=signal_feeds.FEED_DEADLINE_SECONDS)
    assert "took longer than 60 seconds" in str(stopped.value)


def test_a_feed_is_read_in_pieces_until_its_end():
    class Pieces:
        def __init__(self):
            self.pieces = [b"<rss>", b"</rss>", b""]

        def read1(self, size):
            return self.pieces.pop(0)

    assert signal_feeds._read_until(Pieces(), deadline=float("inf")) == b"<rss></rss>"
