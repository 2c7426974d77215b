"""What the crawler may fetch: http(s) URLs whose host resolves only to public addresses. No Scrapy here.

A remote site decides which URLs the crawler asks for (feed entries, sitemap
<loc>s, redirects, <link rel=alternate>, robots.txt `Sitemap:` lines), so every
one is checked before a connection is made:

- only the `http` and `https` schemes (no file:, ftp:, data:, s3:);
- the host is resolved and *every* address it resolves to must be public:
  loopback, private, link-local (169.254.169.254, the cloud metadata service),
  shared, multicast, reserved and unspecified addresses are refused. Resolving
  first also catches the odd spellings of an address (2130706433, 0x7f000001,
  127.1), since the resolver reads them exactly as a connection would.

Loopback can be allowed (TRACKER_ALLOW_LOOPBACK=1, `--allow-loopback`) for the
demo, the tests and local mirrors; the other ranges stay refused either way.

The classification is Python's `ipaddress` (IANA's special-purpose registries),
not ranges written out here. The check is made before the connection, so by
itself it does not stop a name whose DNS answer changes in between (DNS
rebinding); the Scrapy crawler also checks the address it actually connects to
(crawlers/middlewares.py, SafeResolver). Other HTTP clients should connect to
the addresses `check_url` returns, or accept that limit.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsafeURL(ValueError):
    """The URL is not fetched; the message is one line saying why (for the errors table)."""


class UnresolvableHost(UnsafeURL):
    """The host name does not resolve: nothing can be checked, so nothing is fetched."""


def loopback_allowed() -> bool:
    """TRACKER_ALLOW_LOOPBACK=1 (or true/yes): the operator crawls servers on this machine on purpose."""
    return os.environ.get("TRACKER_ALLOW_LOOPBACK", "").strip().lower() in ("1", "true", "yes")


def split_target(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL; UnsafeURL for any other scheme or a URL that names no usable host."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535", ...
        raise UnsafeURL(f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UnsafeURL(f"scheme {scheme + ':' if scheme else '(none)'} is not fetched; only http and https are")
    host = parts.hostname
    if not host:
        raise UnsafeURL("URL has no host")
    if any(c.isspace() for c in url):
        raise UnsafeURL("URL contains whitespace")
    return host, port if port is not None else DEFAULT_PORTS[scheme]


def refusal(address: str, allow_loopback: bool | None = None) -> str | None:
    """What kind of non-public address this is ("a private address"...), or None if it may be fetched."""
    allow = loopback_allowed() if allow_loopback is None else allow_loopback
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside an IPv6 one reaches that IPv4 host: judge the IPv4 address.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return refusal(str(embedded), allow)
    if ip.is_loopback:
        return None if allow else "a loopback address (allowed only with TRACKER_ALLOW_LOOPBACK=1)"
    for kind, label in (("unspecified", "an unspecified"), ("link_local", "a link-local"), ("multicast", "a multicast"),
                        ("reserved", "a reserved"), ("private", "a private")):
        if getattr(ip, f"is_{kind}"):
            return f"{label} address"
    if not ip.is_global:  # e.g. 100.64.0.0/10, shared address space for carrier-grade NAT
        return "not a public address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to (IPv4 and IPv6), as the system resolver gives them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvableHost(f"DNS lookup failed for {host}: {getattr(exc, 'strerror', None) or exc}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def check_host(host: str, port: int, allow_loopback: bool | None = None) -> list[str]:
    """The host's addresses if every one of them is public; UnsafeURL naming the first that is not."""
    addresses = resolve(host, port)
    for address in addresses:
        reason = refusal(address, allow_loopback)
        if reason:
            if host.strip("[]") == address:
                raise UnsafeURL(f"not fetched: {address} is {reason}")
            raise UnsafeURL(f"not fetched: {host} resolves to {address}, {reason}")
    return addresses


def check_url(url: str, allow_loopback: bool | None = None) -> list[str]:
    """Check a URL before fetching it: http(s) only, to public addresses only (loopback if allowed).

    Returns the addresses its host resolves to (all checked). Raises UnsafeURL
    with a one-line reason otherwise; `allow_loopback=None` reads TRACKER_ALLOW_LOOPBACK.
    """
    host, port = split_target(url)
    return check_host(host, port, allow_loopback)
