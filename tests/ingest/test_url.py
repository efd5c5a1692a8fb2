"""Tests for precis.ingest.url against real HTTP(S) servers on 127.0.0.1 (no HTTP mocks).

Loopback servers are only reachable with ``allow_private=True``; the SSRF guard itself is tested
with URLs that are refused before any socket is opened (the ``no_network`` fixture proves it), by
calling the per-hop check directly, and by redirects from a loopback server to targets that stay
refused even with ``allow_private=True`` (forbidden schemes, cloud metadata addresses). Hostnames
other than 127.0.0.1 come from a stub for ``socket.getaddrinfo`` (the only way to test DNS
answers offline).
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from precis.errors import FetchError, FetchTimeoutError, TooLargeError, UrlRefusedError
from precis.ingest import url as url_mod
from precis.ingest.url import Fetched, check_url, fetch_url, is_url, parse_content_type
from precis.options import FetchOptions

HTML = b"<html><head><title>t</title></head><body><p>Hello, world.</p></body></html>"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
BOMB = gzip.compress(bytes(16 * 1024 * 1024), compresslevel=9)  # ~16 KB that inflates to 16 MB
LOCAL = FetchOptions(allow_private=True)
Resolve = Callable[[str, list[str]], list[str]]  # the stub DNS fixture below


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes for every behaviour under test; HTTP/1.1 so that chunked bodies work."""

    protocol_version = "HTTP/1.1"
    tls_names: list[str | None] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass

    def send_body(self, body: bytes, content_type: str, *extra: tuple[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def dribble(self, data: bytes, interval: float = 0.5) -> None:
        for i in range(len(data)):
            self.wfile.write(data[i : i + 1])
            time.sleep(interval)

    def do_GET(self) -> None:  # noqa: C901 (a route table)
        path = self.path.split("?")[0]
        try:
            if path == "/page.html":
                self.send_body(HTML, "Text/HTML; Charset=UTF-8")
            elif path == "/doc.pdf":
                self.send_body(PDF, "application/pdf")
            elif path == "/echo-host":
                self.send_body(self.headers["Host"].encode(), "text/plain")
            elif path.startswith("/redirect/"):
                left = int(path.rsplit("/", 1)[1])
                self.redirect(f"/redirect/{left - 1}" if left > 1 else "/page.html")
            elif path == "/loop":
                self.redirect("/loop")
            elif path.startswith("/to/"):
                self.redirect(self.path[len("/to/") :])
            elif path == "/declared-big":
                self.send_response(200)
                self.send_header("Content-Length", str(50 * 1024 * 1024))
                self.end_headers()
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"%x\r\n%s\r\n" % (65536, b"a" * 65536)
                for _ in range(100_000):
                    self.wfile.write(chunk)
            elif path == "/slow-body":
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.dribble(b"x" * 100)
            elif path == "/slow-headers":
                self.close_connection = True
                self.dribble(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 100)
            elif path == "/gzip-bomb":
                self.send_body(BOMB, "text/plain", ("Content-Encoding", "gzip"))
            elif path == "/gzip":
                self.send_body(gzip.compress(HTML), "text/html", ("Content-Encoding", "gzip"))
            elif path == "/deflate":
                self.send_body(zlib.compress(HTML), "text/html", ("Content-Encoding", "deflate"))
            elif path == "/raw-deflate":
                raw = zlib.compressobj(wbits=-15)
                body = raw.compress(HTML) + raw.flush()
                self.send_body(body, "text/html", ("Content-Encoding", "deflate"))
            elif path == "/gzip-members":
                body = gzip.compress(HTML[:20]) + gzip.compress(HTML[20:])
                self.send_body(body, "text/html", ("Content-Encoding", "gzip"))
            elif path == "/bad-gzip":
                self.send_body(
                    b"\x1f\x8b not gzip at all", "text/html", ("Content-Encoding", "gzip")
                )
            elif path == "/brotli":
                self.send_body(b"\x0b\x02\x80", "text/html", ("Content-Encoding", "br"))
            elif path.startswith("/status/"):
                self.send_error(int(path.rsplit("/", 1)[1]))
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True


class Server(http.server.ThreadingHTTPServer):
    """A deep accept backlog: concurrent tests must not wait for SYN retransmits."""

    daemon_threads = True
    request_queue_size = 64


def _serve(server: Server) -> Iterator[str]:
    """Run ``server`` in a thread for the duration of a fixture."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host = "[::1]" if server.address_family == socket.AF_INET6 else "127.0.0.1"
    try:
        yield f"{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """host:port of a plain HTTP test server."""
    yield from _serve(Server(("127.0.0.1", 0), Handler))


class Server6(Server):
    address_family = socket.AF_INET6


@pytest.fixture(scope="module")
def server6() -> Iterator[str]:
    """[::1]:port of an IPv6 HTTP test server (skipped where ::1 is unavailable)."""
    try:
        server = Server6(("::1", 0), Handler)
    except OSError:
        pytest.skip("no IPv6 loopback")
    yield from _serve(server)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the code resolves or connects anything."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> Resolve:
    """Stub DNS: ``resolver(name, [answers...])``; returns a log of names asked for."""
    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}
    asked: list[str] = []

    def fake(host: str, port: int, *args: object, **kwargs: object) -> list[object]:
        if host not in answers:
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        if not answers[host]:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        result: list[object] = []
        for ip in answers[host]:
            if ipaddress.ip_address(ip).version == 4:
                result.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)))
            else:
                result.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, port, 0, 0)))
        return result

    monkeypatch.setattr(socket, "getaddrinfo", fake)

    def add(name: str, ips: list[str]) -> list[str]:
        answers[name] = ips
        return asked

    return add


# --- scheme and address policy, no network ------------------------------------------------------

REFUSED = [
    ("file:///etc/passwd", "scheme"),
    ("ftp://example.com/file.txt", "scheme"),
    ("gopher://example.com/", "scheme"),
    ("data:text/plain,hello", "scheme"),
    ("javascript:alert(1)", "scheme"),
    ("example.com/page.html", "scheme"),
    ("http://169.254.169.254/latest/meta-data", "metadata"),
    ("http://[::1]/", "loopback"),
    ("http://[::]/", "unspecified"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://192.168.1.1:8080/", "private"),
    ("http://127.0.0.1/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f.1/", "loopback"),
    ("http://0177.0.0.1/", "invalid URL"),  # httpx rejects zero-padded dotted quads itself
    ("http://0177.1/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:a9fe:a9fe]/", "metadata"),
    ("http://[2002:7f00:1::]/", "loopback"),
    ("http://[64:ff9b::a00:1]/", "private"),
    ("http://100.100.100.200/", "metadata"),
    ("http://[fd00:ec2::254]/", "metadata"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://169.254.1.1/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://user:secret@example.com/", "credentials"),
    ("http://example.com@127.0.0.1/", "credentials"),
    ("http://1.2.3.256/", "invalid URL"),
    ("http://1.2.3.0x100/", "invalid numeric host"),
    ("http://example.123/", "invalid numeric host"),
    ("http://exa mple.com/", "invalid host"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_fetch_url_refuses_without_touching_network(
    url: str, reason: str, no_network: None
) -> None:
    with pytest.raises(UrlRefusedError, match=reason):
        fetch_url(url, FetchOptions())


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:169.254.169.254]/",
        "http://100.100.100.200/",
        "http://[fd00:ec2::254]/",
    ],
)
def test_check_url_refuses_metadata_even_when_private_allowed(url: str, no_network: None) -> None:
    with pytest.raises(UrlRefusedError, match="metadata"):
        check_url(url, LOCAL)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://93.184.216.34/", "93.184.216.34"),
        ("HTTPS://1.1.1.1:8443/x?q=1", "1.1.1.1"),
        ("http://[2606:4700:4700::1111]/", "2606:4700:4700::1111"),
        ("http://[64:ff9b::808:808]/", "64:ff9b::808:808"),  # NAT64 of a public address
        ("http://10.0.0.1/", "10.0.0.1"),  # only because allow_private below
    ],
)
def test_check_url_allows_public_and_opted_in_addresses(
    url: str, expected: str, no_network: None
) -> None:
    options = LOCAL if "10.0.0.1" in url else FetchOptions()
    assert check_url(url, options) == (ipaddress.ip_address(expected),)


def test_check_url_refuses_if_any_resolved_address_is_private(
    no_network: None, resolver: Resolve
) -> None:
    resolver("mixed.test", ["93.184.216.34", "10.1.2.3"])
    with pytest.raises(UrlRefusedError, match="private address 10.1.2.3"):
        fetch_url("http://mixed.test/", FetchOptions())


def test_fetch_url_refuses_localhost_name_by_its_address(server: str) -> None:
    port = server.split(":")[1]
    with pytest.raises(UrlRefusedError, match="loopback"):
        fetch_url(f"http://localhost:{port}/page.html", FetchOptions())


def test_fetch_url_refuses_loopback_server_without_allow_private(server: str) -> None:
    with pytest.raises(UrlRefusedError, match="loopback address 127.0.0.1"):
        fetch_url(f"http://{server}/page.html", FetchOptions())


# --- fetching --------------------------------------------------------------------------------


def test_fetch_url_returns_html_with_type_and_charset(server: str) -> None:
    got = fetch_url(f"http://{server}/page.html", LOCAL)
    assert got == Fetched(HTML, "text/html", "utf-8", f"http://{server}/page.html")


def test_fetch_url_returns_binary_body(server: str) -> None:
    got = fetch_url(f"http://{server}/doc.pdf", LOCAL)
    assert (got.data, got.content_type, got.charset) == (PDF, "application/pdf", None)


@pytest.mark.parametrize("path", ["/gzip", "/gzip-members", "/deflate", "/raw-deflate"])
def test_fetch_url_decodes_content_encoding(server: str, path: str) -> None:
    assert fetch_url(f"http://{server}{path}", LOCAL).data == HTML


def test_fetch_url_fetches_ipv6_literal(server6: str) -> None:
    got = fetch_url(f"http://{server6}/echo-host", LOCAL)
    assert (got.data, got.final_url) == (server6.encode(), f"http://{server6}/echo-host")
    with pytest.raises(UrlRefusedError, match="loopback address ::1"):
        fetch_url(f"http://{server6}/echo-host", FetchOptions())


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/bad-gzip", "corrupt gzip body"), ("/brotli", "unsupported content-encoding 'br'")],
)
def test_fetch_url_rejects_undecodable_body(server: str, path: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        fetch_url(f"http://{server}{path}", LOCAL)


def test_fetch_url_is_thread_safe(server: str) -> None:
    with ThreadPoolExecutor(8) as pool:
        results = list(
            pool.map(
                lambda p: fetch_url(f"http://{server}{p}", LOCAL).data,
                ["/page.html", "/doc.pdf", "/gzip"] * 4,
            )
        )
    assert results == [HTML, PDF, HTML] * 4


def test_fetch_url_pins_the_checked_address(server: str, resolver: Resolve) -> None:
    """DNS rebinding: the name is resolved once; a second answer would be a blackhole."""
    port = server.split(":")[1]
    asked = resolver("rebind.test", ["127.0.0.1"])
    got = fetch_url(f"http://rebind.test:{port}/echo-host", LOCAL)
    resolver("rebind.test", ["10.255.255.1"])  # what a rebinding DNS would answer next
    assert got.data == f"rebind.test:{port}".encode()
    assert asked == ["rebind.test"]


def test_fetch_url_reports_dns_failure(resolver: Resolve) -> None:
    resolver("nowhere.test", [])
    with pytest.raises(FetchError, match="could not resolve host nowhere.test"):
        fetch_url("http://nowhere.test/", FetchOptions())


# --- redirects ---------------------------------------------------------------------------------


def test_fetch_url_follows_redirect_chain(server: str) -> None:
    got = fetch_url(
        f"http://{server}/redirect/3", FetchOptions(allow_private=True, max_redirects=3)
    )
    assert (got.data, got.final_url) == (HTML, f"http://{server}/page.html")


@pytest.mark.parametrize("path", ["/redirect/3", "/loop"])
def test_fetch_url_stops_after_max_redirects(server: str, path: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"http://{server}{path}", FetchOptions(allow_private=True, max_redirects=2))


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("gopher://127.0.0.1:70/", "scheme 'gopher'"),
        ("http://169.254.169.254/latest/meta-data", "metadata"),
        ("http://[::ffff:169.254.169.254]/latest/meta-data", "metadata"),
        ("/to/http://169.254.169.254/latest/meta-data", "metadata"),  # second hop of a chain
        ("http://100.100.100.200/latest/meta-data", "metadata"),
        ("http://user:pw@127.0.0.1/", "credentials"),
    ],
)
def test_fetch_url_refuses_redirect_target(server: str, target: str, reason: str) -> None:
    """allow_private lets us reach the loopback server; the hop after it is still checked."""
    with pytest.raises(UrlRefusedError, match=reason):
        fetch_url(f"http://{server}/to/{target}", LOCAL)


# --- limits and failures ----------------------------------------------------------------------


def test_fetch_url_refuses_declared_length_over_cap(server: str) -> None:
    with pytest.raises(TooLargeError, match="declares"):
        fetch_url(f"http://{server}/declared-big", LOCAL)


def test_fetch_url_aborts_endless_body(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(TooLargeError, match="max_bytes"):
        fetch_url(f"http://{server}/endless", FetchOptions(allow_private=True, max_bytes=1 << 20))
    assert time.monotonic() - start < 2


def test_fetch_url_stops_gzip_bomb_with_bounded_memory(server: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="max_bytes"):
            fetch_url(
                f"http://{server}/gzip-bomb", FetchOptions(allow_private=True, max_bytes=1 << 20)
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # the 16 MB body was never materialised


@pytest.mark.parametrize("path", ["/slow-body", "/slow-headers"])
def test_fetch_url_enforces_total_deadline_on_slow_loris(server: str, path: str) -> None:
    options = FetchOptions(allow_private=True, total_timeout=2, read_timeout=5)
    start = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="total_timeout"):
        fetch_url(f"http://{server}{path}", options)
    assert 1.8 < time.monotonic() - start < 3


def test_fetch_url_times_out_on_silent_server() -> None:
    with socket.socket() as listener:  # the kernel accepts; nobody ever answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        start = time.monotonic()
        with pytest.raises(FetchTimeoutError, match="read timeout"):
            fetch_url(f"http://127.0.0.1:{port}/", FetchOptions(allow_private=True, read_timeout=1))
        assert time.monotonic() - start < 2.5


@pytest.mark.parametrize("status", [404, 500])
def test_fetch_url_reports_http_status_without_query(server: str, status: int) -> None:
    with pytest.raises(FetchError, match=f"HTTP {status} from http://{server}/status/{status}$"):
        fetch_url(f"http://{server}/status/{status}?token=SECRET", LOCAL)


def test_fetch_url_reports_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=f"could not connect to http://127.0.0.1:{port}/") as info:
        fetch_url(f"http://127.0.0.1:{port}/", LOCAL)
    assert "\n" not in str(info.value)


# --- TLS: pinned address, hostname verification ------------------------------------------------


def _certificate(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for DNS name ``name`` (openssl CLI)."""
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module", params=["precis.test", "other.test"])
def tls_server(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(port, certificate) of an HTTPS server whose certificate names ``param`` only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl CLI not available")
    cert, key = _certificate(tmp_path_factory.mktemp("tls"), request.param)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: Handler.tls_names.append(name)  # type: ignore[assignment]
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    for address in _serve(server):
        yield address.split(":")[1], cert


def test_fetch_url_verifies_certificate_against_hostname_not_ip(
    tls_server: tuple[str, Path], resolver: Resolve
) -> None:
    port, cert = tls_server
    resolver("precis.test", ["127.0.0.1"])
    trust = ssl.create_default_context(cafile=str(cert))
    Handler.tls_names.clear()
    fetch = lambda: url_mod._fetch(  # noqa: E731
        f"https://precis.test:{port}/echo-host", LOCAL, time.monotonic() + 10, trust
    )
    if cert.name.startswith("precis.test"):
        assert fetch().data == f"precis.test:{port}".encode()  # Host header names the host
        assert Handler.tls_names == ["precis.test"]  # and so does SNI, not 127.0.0.1
    else:
        with pytest.raises(FetchError, match="certificate verification failed"):
            fetch()


def test_fetch_url_rejects_untrusted_certificate(
    tls_server: tuple[str, Path], resolver: Resolve
) -> None:
    port, _ = tls_server
    resolver("precis.test", ["127.0.0.1"])
    with pytest.raises(FetchError, match="certificate verification failed"):
        fetch_url(f"https://precis.test:{port}/page.html", LOCAL)


def test_fetch_refuses_context_without_verification() -> None:
    with pytest.raises(ValueError, match="verification"):
        url_mod._fetch("https://example.com/", LOCAL, 0.0, ssl._create_unverified_context())


# --- small helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, None)),
        ("", (None, None)),
        ("text/html", ("text/html", None)),
        ("Text/HTML; Charset=UTF-8", ("text/html", "utf-8")),
        ('text/plain; format=flowed; charset="ISO-8859-1"', ("text/plain", "iso-8859-1")),
        ("garbage", (None, None)),
    ],
)
def test_parse_content_type_splits_media_type_and_charset(
    value: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert parse_content_type(value) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("http://example.com", True),
        ("HTTPS://example.com/a", True),
        ("ftp://example.com", False),
        ("file:///etc/passwd", False),
        ("report.pdf", False),
        ("http:/x", False),
    ],
)
def test_is_url_accepts_only_http_and_https(source: str, expected: bool) -> None:
    assert is_url(source) is expected
