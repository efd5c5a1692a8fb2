"""Fetch a URL on behalf of an untrusted client: SSRF-guarded, size-capped and deadline-bound.

Every hop (the first request and each redirect) is parsed, its host resolved once, and every
resolved address checked; the connection then goes to one of exactly those addresses, so DNS
rebinding between check and connect cannot switch it. The URL keeps its hostname, so the Host
header, TLS SNI and certificate verification all use the name, never the pinned IP. Redirects are
followed by hand, bodies are streamed and inflated under ``max_bytes``, and a total deadline bounds
every socket operation, headers included (slow-loris servers).

Decisions: URLs with credentials (``user:pw@host``) are refused (they would be sent to whatever
host a redirect names, end up in logs, and ``http://good.com\\@evil.com`` confuses parsers).
``allow_private`` opens loopback and private ranges for trusted local use, but cloud metadata
endpoints stay refused even then. Proxies and environment settings are ignored.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from precis.errors import FetchError, FetchTimeoutError, TooLargeError, UrlRefusedError
from precis.ingest.netpolicy import NUMERIC_LABEL, IPAddress, address_refusal, loose_ipv4
from precis.options import FetchOptions

log = logging.getLogger(__name__)

_SCHEMES = {"http": 80, "https": 443}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HOSTNAME = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$")


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL and what the server said it is."""

    data: bytes
    content_type: str | None  # media type only, lowercased, e.g. "text/html"
    charset: str | None  # lowercased, e.g. "utf-8"
    final_url: str


@dataclass(frozen=True)
class _Hop:
    """One validated request target and the addresses it may connect to."""

    url: httpx.URL
    host: str
    port: int
    addresses: tuple[IPAddress, ...]

    @property
    def display(self) -> str:
        return _display(self.url)


def is_url(source: str) -> bool:
    """True when ``source`` is an http(s) URL rather than a path (case-insensitive scheme)."""
    return source[:8].lower().startswith(("http://", "https://"))


def fetch_url(url: str, options: FetchOptions) -> Fetched:
    """Fetch ``url`` under the SSRF guard, size cap and timeouts of ``options``.

    Raises:
        UrlRefusedError: bad scheme, credentials, malformed host, or a forbidden address on any hop.
        TooLargeError: the declared or (decompressed) streamed body exceeds ``max_bytes``.
        FetchTimeoutError: a connect/read timeout or the ``total_timeout`` deadline passed.
        FetchError: HTTP status >= 400, too many redirects, DNS or connection failure.
    """
    deadline = time.monotonic() + options.total_timeout
    return _fetch(url, options, deadline)


def check_url(url: str, options: FetchOptions) -> tuple[IPAddress, ...]:
    """Validate one hop without fetching; returns the checked addresses a request would pin."""
    return _check_hop(url, options, time.monotonic() + options.total_timeout).addresses


def _fetch(
    url: str, options: FetchOptions, deadline: float, ssl_context: ssl.SSLContext | None = None
) -> Fetched:
    """Follow redirects by hand so that every hop is validated before anything connects.

    ``ssl_context`` (tests pass one trusting their own CA) must verify certificates and
    hostnames; by default the certifi bundle is loaded at the first https hop.
    """
    if ssl_context is not None and (
        ssl_context.verify_mode != ssl.CERT_REQUIRED or not ssl_context.check_hostname
    ):
        raise ValueError("TLS verification must stay on")
    current = url
    for _ in range(options.max_redirects + 1):
        hop = _check_hop(current, options, deadline)
        if ssl_context is None and hop.url.scheme == "https":
            ssl_context = httpx.create_ssl_context()
        result = _request(hop, options, ssl_context, deadline)
        if isinstance(result, Fetched):
            return result
        try:
            current = str(hop.url.join(result))
        except (httpx.InvalidURL, ValueError, TypeError):
            raise UrlRefusedError(f"invalid redirect location from {hop.display}") from None
        log.debug("redirect from %s to %s", hop.display, _display_raw(current))
    raise FetchError(
        f"too many redirects (more than {options.max_redirects}) from {_display_raw(url)}"
    )


def _check_hop(url: str, options: FetchOptions, deadline: float) -> _Hop:
    """Parse, resolve and check one hop; raises UrlRefusedError if any address is forbidden."""
    parsed, host, port, literal = _parse(url)
    addresses = (literal,) if literal is not None else _resolve(host, port, deadline, options)
    for ip in addresses:
        why = address_refusal(ip, allow_private=options.allow_private)
        if why is not None:
            raise UrlRefusedError(f"refused {_display(parsed)}: {why} address {ip}")
    return _Hop(parsed, host, port, addresses)


def _parse(url: str) -> tuple[httpx.URL, str, int, IPAddress | None]:
    """Split a URL into (url, ascii host, port, literal address or None), refusing what we never fetch."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError, TypeError):
        raise UrlRefusedError(f"invalid URL {_display_raw(url)}") from None
    if parsed.scheme not in _SCHEMES:
        scheme = parsed.scheme or "(none)"
        raise UrlRefusedError(
            f"refused URL scheme {scheme[:20]!r}: only http and https are fetched"
        )
    if parsed.userinfo:
        raise UrlRefusedError(f"refused {_display(parsed)}: URLs with credentials are not fetched")
    host = parsed.raw_host.decode("ascii").lower()
    if not host:
        raise UrlRefusedError(f"invalid URL {_display_raw(url)}: no host")
    port = parsed.port or _SCHEMES[parsed.scheme]
    return parsed, host, port, _literal_address(host, parsed)


def _literal_address(host: str, parsed: httpx.URL) -> IPAddress | None:
    """The address an IP-literal host names (any form a resolver accepts), None for a hostname."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:  # also zone ids (%25eth0): link-local only, never fetched
            raise UrlRefusedError(f"invalid IPv6 host in {_display(parsed)}") from None
    if len(host) > 253 or not _HOSTNAME.match(host):
        raise UrlRefusedError(f"invalid host in {_display(parsed)}")
    labels = host.rstrip(".").split(".")
    if not NUMERIC_LABEL.match(labels[-1]):
        return None
    address = loose_ipv4(labels)  # WHATWG: a host ending in a number is an IPv4 address
    if address is None:
        raise UrlRefusedError(f"invalid numeric host in {_display(parsed)}")
    return address


def _resolve(host: str, port: int, deadline: float, options: FetchOptions) -> tuple[IPAddress, ...]:
    """getaddrinfo in a helper thread, because the resolver itself has no timeout."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchTimeoutError(f"total_timeout passed before resolving {host}")
    timeout = min(options.connect_timeout, left)
    found: list[Any] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            failed.append(exc)

    worker = threading.Thread(target=work, name="precis-resolve", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise FetchTimeoutError(f"timed out resolving {host}")
    addresses: dict[IPAddress, None] = {}
    for family, _, _, _, sockaddr in found:
        if family in (socket.AF_INET, socket.AF_INET6):
            addresses[ipaddress.ip_address(sockaddr[0])] = None
    if failed or not addresses:
        raise FetchError(f"could not resolve host {host}")
    return tuple(addresses)


def _request(
    hop: _Hop, options: FetchOptions, ssl_context: ssl.SSLContext | None, deadline: float
) -> Fetched | str:
    """One GET over a fresh pinned pool; returns the Fetched body or a redirect Location."""
    backend = _PinnedBackend(hop, deadline)
    target = hop.url.raw_path or b"/"
    request_url = httpcore.URL(
        scheme=hop.url.raw_scheme, host=hop.host.encode(), port=hop.port, target=target
    )
    headers = [
        (b"Host", hop.url.netloc),
        (b"User-Agent", options.user_agent.encode("latin-1", "replace")),
        (b"Accept", b"*/*"),
        (b"Accept-Encoding", b"gzip, deflate"),
        (b"Connection", b"close"),
    ]
    timeouts = {
        "connect": options.connect_timeout,
        "read": options.read_timeout,
        "write": options.read_timeout,
        "pool": options.connect_timeout,
    }
    log.debug("GET %s via %s", hop.display, ", ".join(map(str, hop.addresses)))
    try:
        with (
            httpcore.ConnectionPool(
                ssl_context=ssl_context, max_connections=1, network_backend=backend
            ) as pool,
            pool.stream(
                "GET", request_url, headers=headers, extensions={"timeout": timeouts}
            ) as response,
        ):
            return _handle(hop, response, options)
    except httpcore.TimeoutException as exc:
        if time.monotonic() >= deadline:
            raise FetchTimeoutError(
                f"{hop.display} took longer than total_timeout {options.total_timeout:g}s"
            ) from None
        kind = "connect" if isinstance(exc, httpcore.ConnectTimeout) else "read"
        raise FetchTimeoutError(f"{kind} timeout fetching {hop.display}") from None
    except httpcore.ConnectError as exc:
        if isinstance(exc.__cause__ or exc.__context__, ssl.SSLCertVerificationError):
            raise FetchError(f"TLS certificate verification failed for {hop.display}") from None
        raise FetchError(f"could not connect to {hop.display}") from None
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol, OSError):
        raise FetchError(f"connection failed or invalid HTTP response from {hop.display}") from None


def _handle(hop: _Hop, response: httpcore.Response, options: FetchOptions) -> Fetched | str:
    """Turn a response into a redirect Location, an error, or the capped, decoded body."""
    headers: dict[str, str] = {}
    for name, value in response.headers:  # first occurrence wins
        headers.setdefault(name.decode("latin-1").lower(), _header_text(value))
    status = response.status
    if status in _REDIRECTS:
        if "location" not in headers:
            raise FetchError(f"HTTP {status} redirect without Location from {hop.display}")
        return headers["location"]
    if status >= 400:
        raise FetchError(f"HTTP {status} from {hop.display}")
    if not 200 <= status < 300:
        raise FetchError(f"unexpected HTTP {status} from {hop.display}")
    declared = headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise TooLargeError(
            f"{hop.display} declares {declared} bytes, over max_bytes {options.max_bytes}"
        )
    decoder = _Inflater(headers.get("content-encoding", ""), hop.display)
    data = _read_capped(response.iter_stream(), decoder, options.max_bytes, hop.display)
    media_type, charset = parse_content_type(headers.get("content-type"))
    return Fetched(data=data, content_type=media_type, charset=charset, final_url=str(hop.url))


def _header_text(value: bytes) -> str:
    """Header bytes as text: UTF-8 where valid (some servers send raw UTF-8 Locations), else Latin-1."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _read_capped(chunks: Iterable[bytes], decoder: _Inflater, limit: int, display: str) -> bytes:
    """Stream and decode, aborting as soon as raw or decoded bytes pass the cap."""
    body = bytearray()
    raw = 0
    for chunk in chunks:
        raw += len(chunk)
        if raw > limit:
            raise TooLargeError(f"{display} is larger than max_bytes {limit}")
        for piece in decoder.feed(chunk, limit + 1):
            body += piece
            if len(body) > limit:
                raise TooLargeError(f"{display} is larger than max_bytes {limit}")
    body += decoder.flush(limit + 1)
    if len(body) > limit:
        raise TooLargeError(f"{display} is larger than max_bytes {limit}")
    return bytes(body)


class _Inflater:
    """gzip/deflate decoding with bounded output per step, so a bomb meets the cap, not the RAM."""

    def __init__(self, content_encoding: str, display: str) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(
                f"unsupported content-encoding {content_encoding[:40]!r} from {display}"
            )
        self._coding = codings[0] if codings else "identity"
        self._display = display
        self._zlib: Any = None
        self._probing = self._coding == "deflate"  # zlib-wrapped per RFC, raw from some servers
        if self._coding != "identity":
            self._zlib = zlib.decompressobj(31 if self._coding != "deflate" else 15)

    def feed(self, data: bytes, max_out: int) -> Iterator[bytes]:
        """Yield decoded pieces of at most ``max_out`` bytes each."""
        if self._zlib is None:
            yield data
            return
        try:
            while data:
                if self._zlib.eof:  # another gzip member, or trailing bytes we ignore
                    if self._coding == "deflate" or not data.startswith(b"\x1f\x8b"):
                        return
                    self._zlib = zlib.decompressobj(31)
                yield self._step(data, max_out)
                data = self._zlib.unused_data if self._zlib.eof else self._zlib.unconsumed_tail
        except zlib.error:
            raise FetchError(f"corrupt {self._coding} body from {self._display}") from None

    def _step(self, data: bytes, max_out: int) -> bytes:
        """One bounded decompress call; the first deflate call also picks zlib-wrapped or raw."""
        if not self._probing:
            return self._zlib.decompress(data, max_out)
        self._probing = False
        try:
            return self._zlib.decompress(data, max_out)
        except zlib.error:
            self._zlib = zlib.decompressobj(-15)
            return self._zlib.decompress(data, max_out)

    def flush(self, max_out: int) -> bytes:
        """Whatever zlib still buffers once the stream has ended."""
        if self._zlib is None or self._zlib.eof:
            return b""
        try:
            return bytes(self._zlib.flush(max_out))
        except zlib.error:
            raise FetchError(f"corrupt {self._coding} body from {self._display}") from None


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset), both lowercased, None if absent."""
    if not value:
        return None, None
    media, *params = value.split(";")
    media = media.strip().lower()
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip().lower() or None
            break
    return (media if "/" in media else None), charset


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects only to the hop's checked addresses, and binds every socket call to the deadline."""

    def __init__(self, hop: _Hop, deadline: float) -> None:
        self._hop = hop
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if (host, port) != (self._hop.host, self._hop.port):  # a bug, never a client's doing
            raise UrlRefusedError(f"refused connection to unchecked origin {host}:{port}")
        error: Exception = httpcore.ConnectError("no address")
        for ip in self._hop.addresses:
            budget = _remaining(timeout, self._deadline, httpcore.ConnectTimeout)
            try:
                stream = self._inner.connect_tcp(
                    str(ip), port, budget, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc  # try the next checked address (no happy eyeballs, but no dead end)
                continue
            return _DeadlineStream(stream, self._deadline)
        raise error

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never used")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    """Clamps each read/write/handshake timeout to the time left, so dribbling cannot stall us."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(
            max_bytes, _remaining(timeout, self._deadline, httpcore.ReadTimeout)
        )

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout, self._deadline, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        budget = _remaining(timeout, self._deadline, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, budget), self._deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _remaining(timeout: float | None, deadline: float, expired: type[Exception]) -> float:
    """The smaller of ``timeout`` and the time left before ``deadline``; raises once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("total deadline passed")
    return left if timeout is None else min(timeout, left)


def _display(url: httpx.URL) -> str:
    """scheme://host[:port]/path for messages: no credentials, no query (it may hold secrets)."""
    path = url.raw_path.split(b"?")[0].decode("ascii", "replace")
    text = f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}{path}"
    return text if len(text) <= 200 else text[:197] + "..."


def _display_raw(url: str) -> str:
    """Best-effort message form of a string we could not (or did not) parse."""
    text = url.strip().split("?")[0].split("#")[0]
    text = re.sub(r"//[^/@]*@", "//", text)  # drop userinfo
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 200 else text[:197] + "..."
