"""What each statement is made of: its sections, their headings and what staff should write there.

The accessibility statement has the parts the Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018 ask for (compliance status, non-accessible content, how to
get help and report a problem, the enforcement procedure); the privacy notice has what UK GDPR
Articles 13 and 14 ask a public body to say. Headings and hints are interface strings; the words
under them are content (consult/statements/defaults_*.py, then whatever admins write).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, has_app_context

from consult.statements import defaults_cy, defaults_en
from consult.translating import lazy_gettext as _l


@dataclass(frozen=True)
class Section:
    key: str
    heading: object  # a lazy interface string
    hint: object  # what staff should write here


@dataclass(frozen=True)
class Statement:
    kind: str
    title: object
    endpoint: str  # the public page
    sections: tuple[Section, ...]


ACCESSIBILITY = Statement("accessibility", _l("Accessibility statement"), "main.accessibility", (
    Section("using", _l("Using this website"),
            _l("Who runs this website and what people can do with it.")),
    Section("compliance", _l("Compliance status"),
            _l("Say whether the website fully, partly or does not meet WCAG 2.2 level AA, and why.")),
    Section("non_accessible", _l("Non-accessible content"),
            _l("Each known problem in plain words, the WCAG success criterion it fails and when you will fix it. "
               "Say if you claim a disproportionate burden.")),
    Section("contact", _l("If you need information in a different format"),
            _l("How people can get information in another format or answer another way, and how soon you reply.")),
    Section("reporting", _l("Reporting accessibility problems"),
            _l("How to tell you about a problem with this website: an email address, phone number or postal "
               "address.")),
    Section("enforcement", _l("Enforcement procedure"),
            _l("Who enforces the regulations, and where to go if people are not happy with your reply.")),
    Section("testing", _l("How we tested this website"),
            _l("When and how the website was last tested, and by whom.")),
))

PRIVACY = Statement("privacy", _l("Privacy notice"), "main.privacy", (
    Section("who", _l("Who we are"),
            _l("Your organisation’s name and address, and how to contact your data protection officer.")),
    Section("collect", _l("What we collect"),
            _l("What Consult keeps. Add anything your consultations ask for beyond this.")),
    Section("why", _l("Why we use it, and our lawful basis"),
            _l("What you use the information for, and your lawful basis under UK GDPR. Check this with your "
               "data protection officer.")),
    Section("who_sees", _l("Who sees it"),
            _l("Who can see the information, including anyone who hosts or supports the website for you.")),
    Section("how_long", _l("How long we keep it"),
            _l("How long you keep each kind of information, from your records retention schedule.")),
    Section("rights", _l("Your rights"),
            _l("The rights people have over their information, and how to use them.")),
    Section("cookies", _l("Cookies"),
            _l("The cookies this website uses. Consult itself uses none for analytics or advertising.")),
    Section("complain", _l("How to complain"),
            _l("How to complain to you, and to the Information Commissioner’s Office (ICO).")),
))

STATEMENTS = {statement.kind: statement for statement in (ACCESSIBILITY, PRIVACY)}

# Consult's own words, by language. A language missing here starts empty and shows English.
_DEFAULTS = {
    "en": {"accessibility": defaults_en.ACCESSIBILITY, "privacy": defaults_en.PRIVACY},
    "cy": {"accessibility": defaults_cy.ACCESSIBILITY, "privacy": defaults_cy.PRIVACY},
}
DEFAULT_LANGUAGE = "en"
LANGUAGES_WITH_DEFAULTS = tuple(_DEFAULTS)


def default_texts(kind: str, language: str, draft_days: int) -> dict[str, str]:
    """Consult's words for a statement in a language ({} when it has none), settings filled in."""
    texts = _DEFAULTS.get(language, {}).get(kind, {})
    settings = {"{draft_days}": draft_days, **_retention_settings()}

    def filled(text: str) -> str:
        for placeholder, value in settings.items():
            text = text.replace(placeholder, str(value))
        return text

    return {key: filled(text) for key, text in texts.items()}


def _retention_settings() -> dict[str, int]:
    """The installation's retention periods (consult/retention), for the privacy notice's own words;
    outside an app (a unit test of the words) the built-in defaults."""
    from consult import config

    settings = current_app.config if has_app_context() else {}
    return {
        "{free_text_months}": settings.get("RETENTION_FREE_TEXT_MONTHS", config.DEFAULT_FREE_TEXT_MONTHS),
        "{contact_months}": settings.get("RETENTION_CONTACT_MONTHS", config.DEFAULT_CONTACT_MONTHS),
        "{rights_reply_days}": settings.get("RIGHTS_REPLY_DAYS", config.DEFAULT_RIGHTS_REPLY_DAYS),
    }
