"""Which addresses a fetch may connect to: the SSRF policy of :mod:`precis.ingest.url`.

Explicit tables rather than ``ipaddress.is_private``, whose answers changed between Python patch
releases; embedded IPv4 forms (mapped, 6to4, NAT64) are judged by the address inside.
"""

from __future__ import annotations

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

# Refused even with allow_private: fetching them hands a client the host's cloud credentials.
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "192.0.0.192")
)
# Explicit tables, because ipaddress.is_private changed between Python patch releases.
_BLOCKED = tuple(
    (ipaddress.ip_network(net), why)
    for net, why in (
        ("0.0.0.0/8", "unspecified"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "reserved"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "reserved"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved/broadcast"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("::/8", "reserved"),  # IPv4-compatible, IPv4-translated, local-use NAT64 64:ff9b:1::/48
        ("100::/64", "discard-only"),
        ("2001::/23", "reserved"),  # includes Teredo 2001::/32
        ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"),
        ("5f00::/16", "reserved"),
        ("fc00::/7", "private (unique local)"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
    )
)


def loose_ipv4(labels: list[str]) -> ipaddress.IPv4Address | None:
    """inet_aton/WHATWG forms (2130706433, 0x7f.1, 0177.0.0.1) that resolvers turn into addresses."""
    if len(labels) > 4 or not all(NUMERIC_LABEL.match(label) for label in labels):
        return None
    try:
        values = [
            int(v[2:] or "0", 16)
            if v.startswith("0x")
            else int(v, 8 if len(v) > 1 and v[0] == "0" else 10)
            for v in labels
        ]
    except ValueError:  # "08": not octal
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for i, value in enumerate(head):
        number += value << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def address_refusal(ip: IPAddress, *, allow_private: bool) -> str | None:
    """Why connecting to ``ip`` is refused (a short label), or None when it is allowed."""
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ipaddress.IPv6Address(str(ip).split("%")[0])  # judge the address, not its zone
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            why = address_refusal(inner, allow_private=allow_private)
            return None if why is None else f"{why} (embedded IPv4 {inner})"
    if ip in _METADATA:
        return "cloud metadata"
    if allow_private:
        return None
    for network, why in _BLOCKED:
        if ip in network:
            return why
    return None if ip.is_global else "non-global"
