"""Date: a day, a month and a year in three boxes (the GOV.UK "date input" pattern), any date, or one
today or in the past, today or in the future, or between two dates staff choose.

Messages follow GOV.UK's: they say which part is missing or wrong ("The date must include a year"),
and the template marks only those boxes. "The date" stands for the question: the question's own words
are a question, not a name that reads well inside a sentence. What was typed stays as typed.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from flask_babel import format_date

from consult.models._time import utcnow
from consult.questions.base import (
    DATE,
    PRINT_DATE_BOXES,
    AnswerRow,
    Example,
    Parsed,
    QuestionType,
    SqlCell,
    settings_value,
)
from consult.times import to_local
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

PARTS = ("day", "month", "year")
ANY, PAST, FUTURE, RANGE = "any", "past", "future", "range"
RULES = (ANY, PAST, FUTURE, RANGE)


def _missing_message(missing: tuple[str, ...]) -> str:
    # Whole sentences, one per combination, so every language can word each its own way.
    return {
        ("day",): _("The date must include a day"),
        ("month",): _("The date must include a month"),
        ("year",): _("The date must include a year"),
        ("day", "month"): _("The date must include a day and month"),
        ("day", "year"): _("The date must include a day and year"),
        ("month", "year"): _("The date must include a month and year"),
    }[missing]


def _whole(text: str) -> int | None:
    """Digits only (any script's), at most 4 of them; else None."""
    if not text or len(text) > 4 or not all(unicodedata.decimal(char, None) is not None for char in text):
        return None
    return int("".join(str(unicodedata.decimal(char)) for char in text))


def today() -> date:
    """Today where the service runs (Europe/London by default), not in UTC."""
    return to_local(utcnow()).date()


def _setting_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class DateType(QuestionType):
    key = "date"
    xlsform_types = ("date",)
    name = _l("Date")
    template = "questions/date.html"
    missing_message = _l("Enter a date")
    settings_template = "build/settings/date.html"
    results_shape = DATE
    results_figures = "date"  # its figures in the API's results (consult.results.figures.FIGURES)
    print_area = PRINT_DATE_BOXES

    # -- settings ----------------------------------------------------------------------------------
    def settings_defaults(self):
        return {"rule": ANY, "earliest": None, "latest": None, "birthday": False}

    def settings_from_form(self, form):
        rule = form.date_rule.data if form.date_rule.data in RULES else ANY
        earliest = form.date_earliest.data if rule == RANGE else None
        latest = form.date_latest.data if rule == RANGE else None
        return {"rule": rule, "earliest": earliest.isoformat() if earliest else None,
                "latest": latest.isoformat() if latest else None, "birthday": bool(form.date_birthday.data)}

    def settings_form_data(self, question):
        return {"date_rule": self.rule(question), "date_earliest": self.earliest(question),
                "date_latest": self.latest(question), "date_birthday": self.birthday(question)}

    def rule(self, question) -> str:
        rule = settings_value(question, "rule", self)
        return rule if rule in RULES else ANY

    def earliest(self, question) -> date | None:
        return _setting_date(settings_value(question, "earliest", self)) if self.rule(question) == RANGE else None

    def latest(self, question) -> date | None:
        return _setting_date(settings_value(question, "latest", self)) if self.rule(question) == RANGE else None

    def birthday(self, question) -> bool:
        """The question asks for the person's own date of birth: browsers may fill it in (bday-*)."""
        return bool(settings_value(question, "birthday", self))

    # -- the form ----------------------------------------------------------------------------------
    def part_name(self, question, part: str) -> str:
        return f"{self.field_name(question)}-{part}"

    def input_id(self, question):
        return self.part_name(question, "day")

    def error_input_id(self, question, raw):
        """The first box at fault, as GOV.UK links it ("must include a year" goes to the year)."""
        wrong = self.wrong_parts(question, raw)
        first = next((part for part in PARTS if part in wrong), "day")
        return self.part_name(question, first)

    def read(self, question, formdata):
        return [formdata.get(self.part_name(question, part), "") for part in PARTS]

    @staticmethod
    def _parts(raw) -> list[str]:
        parts = [str(value).strip() for value in (raw or [])][:3]
        return parts + [""] * (3 - len(parts))

    def wrong_parts(self, question, raw) -> set[str]:
        """The boxes to mark when the answer has an error (all three when the whole date is wrong)."""
        return self._problem(question, raw)[1]

    def parse(self, question, raw):
        error, _wrong, value = self._problem(question, raw)
        if error:
            return Parsed(error=error)
        return Parsed(value=value)

    def _problem(self, question, raw) -> tuple[str | None, set[str], date | None]:
        """(message, boxes at fault, the date): a message and boxes, or a date, or nothing at all."""
        texts = dict(zip(PARTS, self._parts(raw)))
        if not any(texts.values()):
            return None, set(PARTS), None
        missing = tuple(part for part in PARTS if not texts[part])
        if missing:
            return _missing_message(missing), set(missing), None
        numbers = {part: _whole(texts[part]) for part in PARTS}
        not_numbers = {part for part in PARTS if numbers[part] is None}
        if not_numbers:
            return _("The date must be a real date"), not_numbers, None
        if len(texts["year"]) != 4:
            return _("The year must include 4 numbers"), {"year"}, None
        day, month, year = numbers["day"], numbers["month"], numbers["year"]
        if not 1 <= month <= 12:
            return _("The date must be a real date"), {"month"} | ({"day"} if not 1 <= day <= 31 else set()), None
        try:
            value = date(year, month, day)
        except ValueError:
            return _("The date must be a real date"), {"day"}, None
        error = self._rule_error(question, value)
        return (error, set(PARTS), None) if error else (None, set(), value)

    def _rule_error(self, question, value: date) -> str | None:
        rule = self.rule(question)
        if rule == PAST and value > today():
            return _("The date must be today or in the past")
        if rule == FUTURE and value < today():
            return _("The date must be today or in the future")
        earliest, latest = self.earliest(question), self.latest(question)
        if earliest and latest and not earliest <= value <= latest:
            return _("The date must be between %(earliest)s and %(latest)s",
                     earliest=self.words(earliest), latest=self.words(latest))
        if earliest and value < earliest:
            return _("The date must be the same as or after %(earliest)s", earliest=self.words(earliest))
        if latest and value > latest:
            return _("The date must be the same as or before %(latest)s", latest=self.words(latest))
        return None

    def rule_hint(self, question) -> str | None:
        """The rule in words under the question, so people know it before they make a mistake."""
        rule = self.rule(question)
        if rule == PAST:
            return _("It must be today or in the past.")
        if rule == FUTURE:
            return _("It must be today or in the future.")
        earliest, latest = self.earliest(question), self.latest(question)
        if earliest and latest:
            return _("It must be between %(earliest)s and %(latest)s.", earliest=self.words(earliest),
                     latest=self.words(latest))
        if earliest:
            return _("It must be %(earliest)s or later.", earliest=self.words(earliest))
        if latest:
            return _("It must be %(latest)s or earlier.", latest=self.words(latest))
        return None

    def example_date(self, question) -> date:
        """A date the question accepts, for the "For example" hint and the conformance suite."""
        now = today()
        earliest, latest = self.earliest(question), self.latest(question)
        if earliest and latest:
            return earliest + (latest - earliest) // 2
        if earliest or latest:
            return earliest or latest
        if self.rule(question) == FUTURE:
            return date(now.year + 1, 3, 27)
        return date(now.year - 1, 3, 27)

    def example_hint(self, question) -> str:
        day = self.example_date(question)
        return _("For example, %(day)s %(month)s %(year)s", day=day.day, month=day.month, year=day.year)

    # -- storing and showing -----------------------------------------------------------------------
    @staticmethod
    def words(value: date) -> str:
        """A date in words in the page's language: "27 March 2026", "27 Mawrth 2026"."""
        return format_date(value, "long")

    def rows(self, question, value):
        return [AnswerRow(date=value)]

    def value_from_rows(self, question, rows):
        return rows[0].date if rows else None

    compares = True

    def comparable(self, question, value):
        return value

    def read_threshold(self, question, text):
        """A date as stored (2026-03-27) or as people write it (27/3/2026)."""
        text = (text or "").strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        parts = [_whole(part) for part in text.replace("-", "/").replace(".", "/").split("/")]
        if len(parts) != 3 or None in parts:
            return None
        try:
            return date(parts[2], parts[1], parts[0])
        except ValueError:
            return None

    def threshold_text(self, question, value):
        return value.isoformat()

    def xlsform_value(self, question, value):
        # XPath compares a date answer with a date, not with the text of one.
        return f"date('{value.isoformat()}')"

    def threshold_words(self, question, value):
        return self.words(value)

    def display(self, question, value, texts):
        return [self.words(value)]

    def shown_values(self, question, answers, texts):
        return [self.words(answer.date) for answer in answers if answer.date is not None] or None

    def export_cell(self, question, answers, option_label, option_position):
        # A date: the CSV writes YYYY-MM-DD, the XLSX keeps a real date cell.
        return answers[0].date

    def export_sql(self, question, cells):
        # As the CSV writer writes a date: YYYY-MM-DD.
        return [SqlCell(f"to_char({cells.first('a.date', question)}, 'YYYY-MM-DD')", text=False)]

    def example(self, question):
        from datetime import datetime

        day = self.example_date(question)
        formdata = {self.part_name(question, "day"): str(day.day), self.part_name(question, "month"): str(day.month),
                    self.part_name(question, "year"): str(day.year)}
        # openpyxl reads a date cell back as a datetime at midnight.
        return Example(formdata, self.words(day), day.isoformat(), xlsx=datetime(day.year, day.month, day.day))

    # -- paper ---------------------------------------------------------------------------------------
    def print_instructions(self, question, easy):
        day = self.example_date(question)
        example = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": day.year}
        if easy:
            lines = [_("Write the date in the boxes."), _("Like this: %(day)s %(month)s %(year)s", **example)]
        else:
            lines = [_("Write the day, month and year in the boxes, like %(day)s %(month)s %(year)s.", **example)]
        rule = self.rule_hint(question)
        return lines + ([rule] if rule else [])


TYPE = DateType()
