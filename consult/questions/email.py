"""Email address: checked on the server for the shape of an address; nothing is sent to it.

The part before the @ is kept exactly as typed (some mail systems tell capitals apart there); the
domain is kept in small letters, as domains ignore case. An address such as "name@example.com" passes;
one with a space, two @ signs, no dot in the domain or a dot at either end does not.
"""

from __future__ import annotations

import re

from consult.questions._personal import PersonalDetail
from consult.questions.base import Example, Parsed, PrintField
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

# RFC 5321: 64 characters before the @, 254 in all (the longest address a mail server accepts).
LOCAL_LONGEST = 64
LONGEST = 254
# The characters RFC 5322 allows before the @ without quotes, in dot-separated pieces.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# A domain label once in its ASCII form: letters, digits and inner hyphens.
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# The last label: letters (".uk", ".cymru"), or an internationalised one ("xn--...").
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

FORMAT_MESSAGE = _l("Enter an email address in the correct format, like name@example.com")
TOO_LONG_MESSAGE = _l("Email address must be %(limit)s characters or fewer", limit=LONGEST)


def read_email(text: str) -> str | None:
    """The address in its stored form (domain in small letters), or None when it is not one."""
    if any(char.isspace() for char in text):
        return None
    local, at, domain = text.rpartition("@")
    if not at or not local or "@" in local or len(local) > LOCAL_LONGEST or not _LOCAL.fullmatch(local):
        return None
    domain = domain.lower()
    try:
        # Internationalised domains ("café.cymru") are checked in the ASCII form mail servers use.
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    if not _TOP_LEVEL.fullmatch(labels[-1]):
        return None
    return f"{local}@{domain}"


class Email(PersonalDetail):
    key = "email"
    name = _l("Email address")
    template = "questions/email.html"
    missing_message = _l("Enter an email address")
    longest = LONGEST
    too_long_message = TOO_LONG_MESSAGE

    def read_value(self, question, text):
        address = read_email(text)
        if address is None:
            return Parsed(error=str(FORMAT_MESSAGE))
        return Parsed(value=address)

    def example(self, question):
        return Example({self.field_name(question): " Sam.Jones@Example.org "}, "Sam.Jones@example.org",
                       "Sam.Jones@example.org")

    def print_instructions(self, question, easy):
        if easy:
            return [_("Write the email address on the line."), _("Write clearly, 1 letter at a time.")]
        return [_("Write the email address clearly on the line.")]

    def print_fields(self, question, easy):
        return [PrintField()]


TYPE = Email()
