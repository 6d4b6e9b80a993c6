"""The retention rule in the words residents read on a consultation's start page.

Made from the same rule the command applies (consult.retention.rules.rule_for), in the page's
language, so the page can never promise one period while the data is kept for another.
"""

from __future__ import annotations

from consult.retention.rules import rule_for
from consult.translating import gettext as _
from consult.translating import ngettext


def retention_sentences(consultation) -> list[str]:
    rule = rule_for(consultation)
    return [
        ngettext("We remove anything you write in your own words %(num)s month after the consultation closes.",
                 "We remove anything you write in your own words %(num)s months after the consultation closes.",
                 rule.free_text_months),
        ngettext("We delete contact details, such as an email address or phone number, %(num)s month after "
                 "it closes.",
                 "We delete contact details, such as an email address or phone number, %(num)s months after "
                 "it closes.",
                 rule.contact_months),
        # Not "for ever": the organisation's records policy decides, and the privacy notice says so.
        _("We keep your other answers, such as the options you choose, so we can count them."),
    ]

