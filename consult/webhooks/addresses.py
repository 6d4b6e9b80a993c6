"""Which addresses a webhook may be sent to, and which machine exactly to connect to.

A webhook makes the server send a request where staff say. Left open, an address such as
``http://169.254.169.254/`` (a cloud's metadata service), ``http://127.0.0.1:6379/`` or a machine on
the council's private network would let anyone who can add a webhook reach what only the server can
(server-side request forgery). So an address must resolve to public internet addresses only: not
loopback, private, shared, link-local, unique-local, multicast, reserved or unspecified ones.

It is checked twice: when staff save it (``address_problem``, a clear message), and again right
before every try (``target_of``), because what a name resolves to can change after it was saved.
The sender then connects to the very address that was checked (consult/webhooks/sending.py), never
to a second lookup that could answer differently.

``WEBHOOK_ALLOW_PRIVATE_ADDRESSES`` (off unless set) lifts the rule, and allows plain ``http://`` to
such an address, for a receiver on this machine in development and tests. It is configuration, read
here and nowhere else: no code path depends on the app being in testing mode.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app

from consult.translating import gettext as _

LONGEST = 500
# A last label of digits (or 0x...) is not a name but a way of writing a number: "2130706433",
# "0177.1", "0x7f.1". Only the usual forms (1.2.3.4, [::1]) are accepted as addresses.
_NUMERIC_LOOKING = re.compile(r"(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)\.?$", re.IGNORECASE)

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """The address may not be sent to now (the reason is for the delivery log, in English)."""


@dataclass(frozen=True)
class Target:
    """Where one try goes: the name to ask for (Host header, TLS certificate) and the checked address."""

    scheme: str
    host: str
    port: int
    path: str
    ip: str


def private_addresses_allowed() -> bool:
    return bool(current_app.config.get("WEBHOOK_ALLOW_PRIVATE_ADDRESSES"))


def is_public(address: IpAddress) -> bool:
    """True for an address on the public internet; False for this machine, private networks and the rest."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv4 address written as IPv6 (::ffff:127.0.0.1, 2002:7f00:1::) is judged as that IPv4 address.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public(embedded)
        if address.teredo is not None:
            return False
    return address.is_global and not (
        address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified)


def resolve(host: str, port: int) -> list[IpAddress]:
    """Every address ``host`` resolves to (socket.gaierror when it resolves to none)."""
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        # Always this machine (RFC 6761), whether or not a resolver knows the spelling.
        return [ipaddress.ip_address("127.0.0.1")]
    found = []
    for *_rest, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        # An IPv6 link-local address may carry a zone ("fe80::1%eth0"): the address is what is judged.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise socket.gaierror("no addresses")
    return found


@dataclass(frozen=True)
class _Parts:
    scheme: str
    host: str
    port: int
    path: str


def _parts(url: str) -> _Parts | None:
    """The pieces of a well-formed http(s) address without a user name or password, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:  # a port that is not a number, or a broken [IPv6] literal
        return None
    if not host or parts.scheme not in ("https", "http") or parts.username or parts.password:
        return None
    if _NUMERIC_LOOKING.search(host):
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return _Parts(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


def address_problem(url: str) -> str | None:
    """A translated reason staff cannot save this address, or None when they can.

    A name that does not resolve now is accepted (the receiver may not be set up yet): it is checked
    again before every try, and a try to a name that resolves to nothing simply fails.
    """
    url = url.strip()
    if not url:
        return _("Enter the address to send to, starting with https://")
    if len(url) > LONGEST:
        return _("The address must be %(count)s characters or fewer.", count=LONGEST)
    parts = _parts(url)
    if parts is None:
        return _("Enter a web address such as https://example.org/consult-hook")
    try:
        addresses = resolve(parts.host, parts.port)
    except (OSError, UnicodeError, ValueError):
        addresses = []
    private = [address for address in addresses if not is_public(address)]
    if private and not private_addresses_allowed():
        return _("This address leads to this server or a private network, which webhooks may not reach. "
                 "Give an address on the internet, starting with https://")
    if parts.scheme == "http" and not (addresses and len(private) == len(addresses)):
        return _("The address must start with https:// so that answers are sent encrypted.")
    return None


def target_of(url: str) -> Target:
    """Where to send a try now, after resolving and checking the address afresh (Refused if it may not be)."""
    parts = _parts(url.strip())
    if parts is None:
        raise Refused("not a usable web address")
    try:
        addresses = resolve(parts.host, parts.port)
    except (OSError, UnicodeError, ValueError) as error:
        raise Refused(f"the name could not be resolved ({error.__class__.__name__})") from None
    allowed = private_addresses_allowed()
    if not allowed and any(not is_public(address) for address in addresses):
        raise Refused("the address resolves to this server or a private network")
    if parts.scheme == "http" and not (allowed and not any(is_public(address) for address in addresses)):
        raise Refused("plain http:// is only for a receiver on a private network, when allowed")
    return Target(parts.scheme, parts.host, parts.port, parts.path, str(addresses[0]))
