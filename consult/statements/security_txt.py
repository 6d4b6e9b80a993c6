"""/.well-known/security.txt (RFC 9116), made from settings only: never from the request's Host header.

Contact is SECURITY_CONTACT. Until the operators set it, it is the privacy notice (which says who
runs the site and how to reach them) with a comment asking them to set it; with neither that nor a
public address there is no honest file to serve, and the view answers 404 saying what to set.
Expires moves forward day by day (the file is made from live settings, so it cannot go stale); it
stays well under the year RFC 9116 recommends, and the same all day, so caches can keep it.
"""

from __future__ import annotations

from datetime import date, timedelta

EXPIRES_AFTER = timedelta(days=180)
# Reports in English or Welsh: the Welsh Language Standards ask public bodies in Wales to answer
# Welsh correspondence in Welsh.
PREFERRED_LANGUAGES = "en, cy"
PATH = "/.well-known/security.txt"


def security_txt(contact: str, base_url: str | None, privacy_path: str, today: date) -> str | None:
    """The file's text, or None when there is no contact to give."""
    lines = ["# How to tell the people who run this website about a security problem (RFC 9116)."]
    if contact:
        lines.append(f"Contact: {contact}")
    elif base_url:
        lines += [
            "# The operators have not set SECURITY_CONTACT yet: until they do, the privacy notice says",
            "# who runs this site and how to reach them. Operators: see Consult's README, Configuration.",
            f"Contact: {base_url}{privacy_path}",
        ]
    else:
        return None
    expires = today + EXPIRES_AFTER
    lines.append(f"Expires: {expires.isoformat()}T00:00:00Z")
    lines.append(f"Preferred-Languages: {PREFERRED_LANGUAGES}")
    if base_url:
        lines.append(f"Canonical: {base_url}{PATH}")
    return "\n".join(lines) + "\n"


MISSING = ("This website has no security contact yet.\n"
           "Its operators: set SECURITY_CONTACT (an email address or https:// address) and PUBLIC_URL,\n"
           "as Consult's README explains under Configuration.\n")
