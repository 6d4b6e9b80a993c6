"""Full UK address: address line 1, line 2 (optional), town or city, county (optional) and postcode.

One fieldset with the question as its legend; each field has its own label and the autocomplete token
browsers fill it from (WCAG 1.3.5). The postcode is kept in capitals with one space, as on its own.

Stored as one answer row whose text is a small JSON object of the parts that were filled in
({"line1": "1 High Street", "town": "Cardiff", "postcode": "CF10 1AA"}): the parts keep their names,
so an empty line 2 is never mistaken for a county, and one row per answer keeps "how many answered"
the same count as for every other text answer and gives data retention one row to anonymise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from consult.questions._personal import PersonalDetail, clean_line
from consult.questions.base import AnswerRow, Example, Parsed, PrintField
from consult.questions.postcode import POSTCODE_BOXES, PostcodeProblem, read_postcode
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

LINE_LONGEST = 100


@dataclass(frozen=True)
class Part:
    key: str  # in the field's name and id ("q12-town") and in the stored JSON
    label: object
    autocomplete: str  # the WCAG 1.3.5 / HTML autofill token
    required: bool
    missing: object  # the message when it is left empty and the rest is not
    too_long: object
    width: str = ""  # a CSS modifier: shorter boxes for shorter answers
    # A code, not words (the postcode): written left to right on an Arabic page, never spellchecked.
    code: bool = False


# In the order shown, sent and kept in a draft (a draft holds the raw values by position).
PARTS = (
    Part("line1", _l("Address line 1"), "address-line1", True,
         _l("Enter address line 1, typically the building and street"),
         _l("Address line 1 must be %(limit)s characters or fewer", limit=LINE_LONGEST)),
    Part("line2", _l("Address line 2"), "address-line2", False, None,
         _l("Address line 2 must be %(limit)s characters or fewer", limit=LINE_LONGEST)),
    Part("town", _l("Town or city"), "address-level2", True, _l("Enter town or city"),
         _l("Town or city must be %(limit)s characters or fewer", limit=LINE_LONGEST), "medium"),
    # For a UK address browsers keep the county as address-level1.
    Part("county", _l("County"), "address-level1", False, None,
         _l("County must be %(limit)s characters or fewer", limit=LINE_LONGEST), "medium"),
    Part("postcode", _l("Postcode"), "postal-code", True, _l("Enter postcode"), None, "postcode", code=True),
)
KEYS = tuple(part.key for part in PARTS)


def encode(value: dict) -> str:
    """The stored text: the filled parts, in the order above, as compact JSON."""
    return json.dumps({key: value[key] for key in KEYS if value.get(key)}, ensure_ascii=False, separators=(",", ":"))


def decode(text: str | None) -> dict:
    """The parts back from the stored text. Text that is not ours (say an answer that data retention
    replaced with a placeholder) comes back as line 1, so it is still shown rather than lost."""
    if not text:
        return {}
    try:
        found = json.loads(text)
    except ValueError:
        found = None
    if not isinstance(found, dict):
        return {"line1": text}
    return {key: str(found[key]) for key in KEYS if found.get(key)}


def lines(value: dict) -> list[str]:
    return [value[key] for key in KEYS if value.get(key)]


class Address(PersonalDetail):
    key = "address"
    name = _l("Address")
    template = "questions/address.html"
    missing_message = _l("Enter an address")
    parts = PARTS

    def part_id(self, question, part: Part) -> str:
        return f"{self.field_name(question)}-{part.key}"

    def input_id(self, question):
        return self.part_id(question, PARTS[0])

    def read(self, question, formdata):
        return [formdata.get(self.part_id(question, part), "") for part in PARTS]

    def _cleaned(self, raw) -> dict[str, str]:
        raw = list(raw or [])
        return {part.key: clean_line(raw[place] if place < len(raw) else "", keep_format_marks=True)
                for place, part in enumerate(PARTS)}

    def _problem(self, cleaned: dict) -> tuple[Part, str] | None:
        """The first part at fault and what to say about it, in the order the fields are shown."""
        for part in PARTS:
            text = cleaned[part.key]
            if not text:
                if part.required:
                    return part, str(part.missing)
                continue
            if part.key == "postcode":
                try:
                    read_postcode(text)
                except PostcodeProblem as problem:
                    return part, str(problem.message)
            elif len(text) > LINE_LONGEST:
                return part, str(part.too_long)
        return None

    def part_at_fault(self, question, raw) -> str | None:
        """The key of the field the error is about ("town"), or None when it is about the whole address."""
        cleaned = self._cleaned(raw)
        if not any(cleaned.values()):
            return None
        problem = self._problem(cleaned)
        return problem[0].key if problem else None

    def error_input_id(self, question, raw):
        fault = self.part_at_fault(question, raw)
        return f"{self.field_name(question)}-{fault}" if fault else self.input_id(question)

    def parse(self, question, raw):
        cleaned = self._cleaned(raw)
        if not any(cleaned.values()):
            return Parsed()
        problem = self._problem(cleaned)
        if problem is not None:
            return Parsed(error=problem[1])
        cleaned["postcode"] = read_postcode(cleaned["postcode"])
        return Parsed(value={key: text for key, text in cleaned.items() if text})

    def rows(self, question, value):
        return [AnswerRow(text=encode(value))]

    def value_from_rows(self, question, rows):
        return decode(rows[0].text) if rows else None

    def display(self, question, value, texts):
        return lines(value)

    def export_cell(self, question, answers, option_label, option_position):
        found = [answer.text for answer in answers if answer.text]
        return ", ".join(lines(decode(found[0]))) if found else None

    def export_sql(self, question, cells):
        return None  # the stored address is JSON, laid out as one line in Python

    def shown_values(self, question, answers, texts):
        return [line for answer in answers if answer.text for line in lines(decode(answer.text))] or None

    def example(self, question):
        sent = {"line1": "Flat 2, 14 High Street", "line2": "", "town": "Cardiff", "county": "",
                "postcode": "cf10 1aa"}
        return Example({self.part_id(question, part): sent[part.key] for part in PARTS}, "CF10 1AA",
                       "Flat 2, 14 High Street, Cardiff, CF10 1AA")

    def print_instructions(self, question, easy):
        if easy:
            return [_("Write the address on the lines."), _("Write the postcode in the boxes."),
                    _("Put 1 letter or number in each box.")]
        return [_("Write the address on the lines, and the postcode in the boxes, one letter or number in "
                  "each box.")]

    def print_fields(self, question, easy):
        return [PrintField(label=str(part.label), boxes=POSTCODE_BOXES if part.key == "postcode" else (),
                           optional=not part.required) for part in PARTS]


TYPE = Address()
