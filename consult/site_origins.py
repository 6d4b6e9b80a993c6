"""The sites allowed to frame Consult's resident pages, as admins type them: checked and normalised.

Each becomes a source in the Content-Security-Policy's ``frame-ancestors`` and a target origin for
the frame's height messages, so only a bare origin is accepted: scheme, host and an optional port.
A path, a query, a user name, a quote, a semicolon or a space could change the policy's meaning or
would never match a browser's origin. No wildcards: ``https://*.example.gov.uk`` would let every
subdomain frame the consultations, including ones hosted by someone else (blogs, suppliers' portals).
https only, except http://localhost and http://127.0.0.1, for trying it out on one's own machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consult.translating import lazy_gettext as _l
from consult.translating import lazy_ngettext

MAX_ORIGINS = 20
MAX_LENGTH = 200
LOCAL_HOSTS = ("localhost", "127.0.0.1")
DEFAULT_PORTS = {"https": "443", "http": "80"}
# Hostname labels of letters, digits and hyphens (a Welsh or Arabic domain name is given in its
# xn-- form, which is what browsers put in an origin), at least two labels unless it is local.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_ORIGIN = re.compile(rf"^(?P<scheme>[a-z]+)://(?P<host>{_LABEL}(?:\.{_LABEL})*)(?::(?P<port>[0-9]{{1,5}}))?/?$")


class OriginProblem(ValueError):
    """Why a line is not an allowed origin, in words for staff (str() gives the translated message)."""


@dataclass(frozen=True)
class CheckedOrigins:
    origins: tuple[str, ...]
    problems: tuple[str, ...]


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def normalise_origin(text: str) -> str:
    """``"HTTPS://Www.Example.gov.uk:443/"`` -> ``"https://www.example.gov.uk"``; raises OriginProblem."""
    value = text.strip()
    shown = _shown(value)
    if len(value) > MAX_LENGTH:
        raise OriginProblem(_l("“%(origin)s” is too long for a web address", origin=shown))
    if "*" in value:
        raise OriginProblem(_l("“%(origin)s” has a *: list each site on its own line, like https://www.example.gov.uk",
                               origin=shown))
    lowered = value.lower()
    scheme, separator, rest = lowered.partition("://")
    if not separator or not scheme.isalpha():
        raise OriginProblem(_l("“%(origin)s” is not a web address: enter it like https://www.example.gov.uk",
                               origin=shown))
    host_part = rest.rstrip("/") if rest.count("/") <= 1 else rest
    if any(mark in host_part for mark in "/?#@"):
        raise OriginProblem(_l("Enter only the start of the address in “%(origin)s”, like https://www.example.gov.uk "
                               "(no page, no ? and no #)", origin=shown))
    match = _ORIGIN.match(lowered)
    if match is None:
        raise OriginProblem(_l("“%(origin)s” is not a web address: enter it like https://www.example.gov.uk",
                               origin=shown))
    host, port = match["host"], match["port"]
    if match["scheme"] == "http" and host in LOCAL_HOSTS:
        pass  # someone trying embedding on their own computer
    elif match["scheme"] != "https":
        raise OriginProblem(_l("“%(origin)s” must start with https:// (http:// is only for localhost or 127.0.0.1, "
                               "when trying it out)", origin=shown))
    if "." not in host and host not in LOCAL_HOSTS:
        raise OriginProblem(_l("“%(origin)s” is not a web address: enter it like https://www.example.gov.uk",
                               origin=shown))
    if port is not None and not 1 <= int(port) <= 65535:
        raise OriginProblem(_l("“%(origin)s” has a port number that does not exist", origin=shown))
    if port == DEFAULT_PORTS[match["scheme"]]:
        port = None  # a browser leaves the usual port out of an origin
    return f"{match['scheme']}://{host}" + (f":{port}" if port else "")


def check_origins(text: str) -> CheckedOrigins:
    """Every line of ``text`` (commas and spaces also separate), normalised, in order, without repeats."""
    found: list[str] = []
    problems: list[str] = []
    for line in re.split(r"[\s,]+", text or ""):
        if not line.strip():
            continue
        try:
            origin = normalise_origin(line)
        except OriginProblem as problem:
            problems.append(str(problem.args[0]))
            continue
        if origin not in found:
            found.append(origin)
    if len(found) > MAX_ORIGINS:
        problems.append(str(lazy_ngettext("List at most %(num)s site", "List at most %(num)s sites", MAX_ORIGINS)))
    return CheckedOrigins(tuple(found), tuple(problems))


def stored_origins(value) -> tuple[str, ...]:
    """The saved list as the rest of the app uses it: anything that is not a valid origin is dropped
    (a row written by hand, or by an older version, must never put junk into a header)."""
    if not isinstance(value, list):
        return ()
    kept = []
    for item in value:
        try:
            origin = normalise_origin(item) if isinstance(item, str) else None
        except OriginProblem:
            origin = None
        if origin and origin not in kept:
            kept.append(origin)
    return tuple(kept[:MAX_ORIGINS])
