"""Building a draft consultation from an XLSForm that pyxform read (consult.build.xlsform.reading).

Each question type says which XLSForm types it reads (``QuestionType.xlsform_types``), so a type
added later brings its own. A row Consult cannot express is left out and reported with its sheet,
row, type and the reason; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from consult import branching
from consult.build.branching_rules import ConditionInput, RuleError, RuleInput, save_rule, save_section_rule
from consult.build.questions import add_question
from consult.build.services import create_consultation, make_block
from consult.build.xlsform import groups
from consult.build.xlsform.expressions import collapse_rows, read_condition, read_conditions, read_range
from consult.build.xlsform.reading import Form, language_code
from consult.models import Consultation
from consult.models._time import utcnow
from consult.questions import REGISTRY, QuestionType
from consult.translating import gettext as _

# pyxform's names for some types, back to how a survey sheet spells them (and types declare them).
_SHEET_SPELLING = {"select one": "select_one", "select all that apply": "select_multiple",
                   "select one external": "select_one_external"}
_DEVICE_METADATA = {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
                    "phonenumber", "audit", "start-geopoint", "background-audio", "email"}
_MAPS = {"geopoint", "geotrace", "geoshape"}
_TRUE = {"yes", "true", "true()", "1"}
_FALSE = {"", "no", "false", "false()", "0"}
# Long enough to run a consultation; staff change both dates in Settings.
OPEN_FOR = timedelta(weeks=6)
SUMMARY_MOST = 300


@dataclass(frozen=True)
class Skipped:
    """Something in the file that was left out: where it is, what it is, and why."""

    sheet: str
    row: int | None
    what: str  # the type as written ("geopoint"), or a column or setting's name
    reason: str

    def line(self) -> str:
        if self.row is None:
            return _("%(sheet)s sheet, %(what)s: %(reason)s", sheet=self.sheet, what=self.what, reason=self.reason)
        return _("%(sheet)s sheet, row %(row)s, %(what)s: %(reason)s", sheet=self.sheet, row=self.row,
                 what=self.what, reason=self.reason)


def consult_type_for(sheet_type: str, appearance: str) -> QuestionType | None:
    """The registered type that reads ``sheet_type``; an appearance it names ("multiline") wins."""
    readers = [qtype for qtype in REGISTRY.values() if sheet_type in qtype.xlsform_types]
    words = set(appearance.split())
    chosen = [qtype for qtype in readers if words & set(qtype.xlsform_appearances)]
    chosen = chosen or [qtype for qtype in readers if not qtype.xlsform_appearances]
    return chosen[0] if chosen else None


class Builder:
    """Walks the form's elements in sheet order, adding what Consult can express to ``consultation``."""

    def __init__(self, form: Form, slug: str, fallback_title: str):
        self.form = form
        self.skipped: list[Skipped] = []
        self.known = list(current_app.config["CONTENT_LANGUAGES"])
        self._unoffered: set[str] = set()
        labels = _language_labels(form.elements)
        self.default_language = self._default_language(labels)
        self.languages = {code for code in (self._code(label) for label in labels) if code}
        self.questions: dict[str, object] = {}  # XLSForm name -> Question
        self.tables: dict[str, list[str]] = {}  # a grid's XLSForm name -> its statements' row names
        self.previous: tuple[str, object] | None = None  # (name, question) of a choice question just made
        self.intro: list[dict[str, str]] = []
        title = form.title
        if title is None:
            title = fallback_title
            self.skipped.append(Skipped("settings", None, "form_title", _(
                "there is no form_title, so the title is “%(title)s”. Change it in Settings", title=title)))
        now = utcnow()
        self.consultation: Consultation = create_consultation(
            slug, title={self.default_language: title}, summary={}, opens_at=now, closes_at=now + OPEN_FOR,
            language=self.default_language, other_languages=sorted(self.languages - {self.default_language}),
        )

    # -- languages ----------------------------------------------------------------------------------

    def _default_language(self, labels: list[str]) -> str:
        if self.form.default_language:
            code = language_code(self.form.default_language, self.known)
            if code in self.known:
                return code
        codes = [self._code(label) for label in labels if label != "default"]
        if "default" in labels or "en" in codes or not any(codes):
            return "en"
        return next(code for code in codes if code)

    def _code(self, label: str) -> str | None:
        """The consultation language of a label column's language, or None if Consult does not offer it."""
        if label == "default":
            return getattr(self, "default_language", None)
        if self.form.default_language and label == self.form.default_language:
            return getattr(self, "default_language", None)
        code = language_code(label, self.known)
        if code in self.known:
            return code
        if label not in self._unoffered:
            self._unoffered.add(label)
            self.skipped.append(Skipped("survey", 1, label, _(
                "Consult does not offer this language, so its texts were not imported")))
        return None

    def texts(self, value) -> dict[str, str]:
        """{language code: words} from pyxform's label (a string, or {language label: words})."""
        if not value:
            return {}
        if isinstance(value, str):
            value = {"default": value}
        found = {}
        for label, words in value.items():
            code = self._code(label)
            words = self.form.as_written(str(words or "")).strip()
            if code and words:
                found.setdefault(code, words)
        return found

    # -- the walk -----------------------------------------------------------------------------------

    def build(self) -> Consultation:
        self.walk(self.form.elements, inherited=None)
        self._write_intro()
        return self.consultation

    def skip(self, element: dict, reason: str) -> None:
        self.skipped.append(Skipped("survey", self.form.row(element), self.form.written_type(element), reason))

    def walk(self, elements: list[dict], inherited: str | None) -> None:
        for element in elements:
            if self.form.row(element) is None:
                continue  # made by pyxform: or_other's "Specify other" box, a table-list's label row
            # The choice question just before, whose "please specify" boxes may follow it.
            previous, self.previous = self.previous, None
            if groups.take_write_in_box(previous, element):
                self.previous = previous
                continue
            kind = str(element.get("type", ""))
            if kind == "group":
                self.group(element, inherited)
            elif kind == "repeat":
                self.skip(element, _("Consult cannot ask the same questions several times (a repeat group), "
                                     "so the group and the questions in it were not imported"))
            elif kind == "note":
                self.note(element)
            elif kind == "calculate":
                self.skip(element, _("a calculation is not a question people answer, so it was not imported"))
            elif kind in _MAPS:
                self.skip(element, _("Consult has no map answers, so this question was not imported"))
            elif kind == "select one external":
                self.skip(element, _("Consult cannot take answers from an external list, so this question "
                                     "was not imported"))
            elif kind == "osm":
                self.skip(element, _("Consult has no OpenStreetMap answers, so this question was not imported"))
            elif kind in _DEVICE_METADATA:
                self.skip(element, _("this is recorded by a phone or tablet, not asked, so it was not imported"))
            else:
                self.question(element, inherited)

    def group(self, element: dict, inherited: str | None) -> None:
        # field-list: a section (one page); table-list: a grid; any other: its questions one per page.
        shape = groups.shape_of(element)
        if shape == groups.TABLE and groups.make_grid(self, element, inherited) is not None:
            return
        if shape == groups.TABLE:
            self.skip(element, _("Consult shows a table as a grid: statements that each choose from one list. "
                                 "This table is not like that, so its questions were put on one page"))
            shape = groups.PAGE
        elif shape == groups.PLAIN:
            self.skip(element, _("Consult has no groups: the questions in it were imported one by one, without "
                                 "the group’s heading"))
        relevant = str((element.get("bind") or {}).get("relevant", "")).strip()
        if relevant and inherited:
            self.skip(element, _("this group and a group around it both have a condition; Consult asks a "
                                 "question on one condition only, so this group’s condition was not used"))
            relevant = ""
        # A page's condition Consult can keep is the section's own ("Only show this page if ..."), so
        # its questions keep their own conditions too; any other group's is each question's.
        page_rule = self.rule_input(relevant) if relevant and shape == groups.PAGE else None
        before = list(self.questions.values())
        self.walk(element.get("children") or [], inherited=None if page_rule else (relevant or inherited))
        made = [q for q in self.questions.values() if q not in before]
        if shape == groups.PAGE:
            section = groups.make_section(self, element, made)
            if page_rule is not None:
                self.page_condition(element, section, made, page_rule, relevant)

    def page_condition(self, element: dict, section, made: list, wanted: RuleInput, relevant: str) -> None:
        """Keep a field-list group's ``relevant`` as its section's rule; failing that (no section was made,
        or the rule cannot be the page's), as the rule of each question in it that has none of its own."""
        try:
            if section is not None:
                first = next(question for question in made if question.section_id == section.id)
                save_section_rule(section, first, wanted, self.default_language)
                return
        except RuleError:
            pass
        for question in made:
            if any(rule.action == branching.ASK for rule in question.rules):
                self.skip(element, _("this question and its group both have a condition; Consult asks a question "
                                     "on one condition only, so the question is always asked"))
                continue
            try:
                save_rule(question, RuleInput(match=wanted.match, conditions=list(wanted.conditions)),
                          self.default_language)
            except RuleError:
                self.skip(element, self.unusable(relevant))

    def note(self, element: dict) -> None:
        words = self.texts(element.get("label"))
        if not self.questions and words:
            # Before the first question, a note is the welcome: the start page's words.
            self.intro.append(words)
            return
        self.skip(element, _("Consult has no page of text between questions yet, so this note was not "
                             "imported. Put its words in a question’s hint if people need them"))

    def question(self, element: dict, inherited: str | None) -> None:
        kind = str(element.get("type", ""))
        sheet_type = _SHEET_SPELLING.get(kind, kind.replace(" ", "_"))
        control = element.get("control") or {}
        qtype = consult_type_for(sheet_type, str(control.get("appearance", "")))
        if qtype is None:
            self.skip(element, _("Consult has no question type for “%(type)s” yet, so this question was not "
                                 "imported", type=sheet_type))
            return
        options = []
        if qtype.has_options and not qtype.fixed_options:
            options = self.choices(element)
            if options is None:
                return
        # A choice named as one of the type's special answers ("none", "prefer_not", as Consult's own
        # export names them) is that answer: "None of these" rules out the others.
        extras = {name: words for name, words in options if name in qtype.extra_answers}
        options = [(name, words) for name, words in options if name not in extras]
        bind = element.get("bind") or {}
        question = add_question(
            self.consultation, qtype.key, self.texts(element.get("label")),
            hint=self.texts(element.get("hint")) or None, options=[words for _name, words in options],
            required=self.required(element, bind), settings=self.settings(element, qtype, bind),
            none_option=extras.get("none"), prefer_not_option=extras.get("prefer_not"),
        )
        for option, (name, _words) in zip([o for o in question.options if o.kind == "answer"], options):
            option.value = name[:64]  # the form's own codes, which exports and conditions use
        if options:
            groups.place_in_groups(self, question, element)  # headed groups of answers
        missing = self.texts(bind.get("jr:requiredMsg"))
        if missing and question.required:
            question.missing_message = make_block(missing, self.default_language)
        if options and self.form.written_type(element).split()[-1] in ("or_other", "other"):
            groups.add_other(self, question)  # "Other, please specify"
        self.questions[str(element.get("name"))] = question
        self.condition(element, question, bind, inherited)
        self.notice_extras(element)
        if options:
            self.previous = (str(element.get("name")), question)

    def choices(self, element: dict) -> list[tuple[str, dict]] | None:
        """(choice name, its words) for a choice question, or None (reported) when there are none."""
        choices = element.get("choices") or []
        if not choices:
            self.skip(element, _("Consult cannot take answers from a file, so this question was not imported"))
            return None
        list_name = element.get("list_name") or element.get("itemset")
        # pyxform adds "Other" to a list that any question uses with or_other: keep the sheet's own.
        return [(str(choice.get("name")), self.texts(choice.get("label"))) for choice in choices
                if (list_name, str(choice.get("name"))) in self.form.sheet_choices]

    def required(self, element: dict, bind: dict) -> bool:
        value = str(bind.get("required", "")).strip().lower()
        if value in _TRUE:
            return True
        if value not in _FALSE:
            self.skip(element, _("Consult cannot make a question required only sometimes (“%(rule)s”), so "
                                 "it was imported as optional", rule=bind.get("required")))
        return False

    def settings(self, element: dict, qtype: QuestionType, bind: dict) -> dict:
        constraint = str(bind.get("constraint", "")).strip()
        if not constraint:
            return {}
        limits = read_range(constraint)
        settings = qtype.range_settings(limits.low, limits.high) if limits else None
        if settings is None:
            self.skip(element, _("Consult cannot check “%(rule)s”: it keeps only a range of numbers, like "
                                 "“. >= 1 and . <= 10”. The question was imported without the check",
                                 rule=constraint))
            return {}
        if bind.get("jr:constraintMsg"):
            self.skip(element, _("the constraint message was not imported: Consult says the range it "
                                 "allows in its own words, in every language"))
        return settings

    def condition(self, element: dict, question, bind: dict, inherited: str | None) -> None:
        own = str(bind.get("relevant", "")).strip()
        if own and inherited:
            self.skip(element, _("this question and its group both have a condition; Consult asks a question "
                                 "on one condition only, so the question is always asked"))
            return
        relevant = own or inherited
        if not relevant:
            return
        wanted = self.rule_input(relevant)
        try:
            if wanted is not None:
                save_rule(question, wanted, self.default_language)
                return
        except RuleError:
            pass
        self.skip(element, self.unusable(relevant))

    @staticmethod
    def unusable(relevant: str) -> str:
        return _("Consult cannot ask this question only when “%(rule)s”: it follows earlier answers joined "
                 "all by “and” or all by “or”, nothing else. The question is always asked", rule=relevant)

    def rule_input(self, relevant: str) -> RuleInput | None:
        """``relevant`` as an "ask" rule on earlier questions (one choice question's answers, or several
        conditions all joined by "and" or all by "or", as the export writes them); None when Consult
        cannot ask on exactly that. A condition on a grid, written over its statements' rows, is read
        as the grid's (``tables``)."""
        relevant = collapse_rows(relevant, self.tables)
        rule = read_condition(relevant)
        source = self.questions.get(rule.source) if rule else None
        if rule is None or source is None or not source.type.has_options:
            return self.several_conditions(relevant)
        if rule.exact and getattr(source.type, "multiple", False):
            return None
        by_name = _choices_by_name(source)
        if any(value not in by_name for value in rule.values):
            return None
        return RuleInput(conditions=[ConditionInput(source.id, branching.CHOSEN,
                                                    [by_name[value].id for value in rule.values])])

    def several_conditions(self, relevant: str) -> RuleInput | None:
        """``relevant`` as a rule of several conditions (any or all of them), as the export writes them;
        None when Consult cannot ask the question on exactly that rule."""
        found = read_conditions(relevant)
        if found is None:
            return None
        conditions = []
        for fact in found.facts:
            source = self.questions.get(fact.source)
            if source is None:
                return None
            if fact.test in branching.OPTION_TESTS:
                by_name = _choices_by_name(source)
                if any(value not in by_name for value in fact.values):
                    return None
                conditions.append(ConditionInput(source.id, fact.test, [by_name[value].id for value in fact.values]))
            elif fact.test in branching.COMPARISONS:
                low, high = ((fact.values[0], "") if fact.test == branching.MORE else
                             ("", fact.values[0]) if fact.test == branching.LESS else fact.values)
                conditions.append(ConditionInput(source.id, fact.test, low=low, high=high))
            else:
                conditions.append(ConditionInput(source.id, fact.test))
        if found.match == branching.ALL:
            conditions = _without_chains(conditions, self.questions.values())
        return RuleInput(match=found.match, conditions=conditions)

    def notice_extras(self, element: dict) -> None:
        """Columns whose meaning would be lost without a word: say so."""
        if element.get("media"):
            self.skip(element, _("pictures, sounds and videos were not imported; add pictures in the builder"))
        if element.get("choice_filter"):
            self.skip(element, _("Consult cannot narrow the answers by an earlier answer (choice_filter), "
                                 "so every answer is shown"))
        label = element.get("label")
        words = label.values() if isinstance(label, dict) else [label or ""]
        if any("${" in str(text) for text in words):
            self.skip(element, _("the question shows an earlier answer inside its words, which Consult "
                                 "cannot do: the words were imported as written"))

    def _write_intro(self) -> None:
        """The notes before the first question: the first is the summary if it is short, the rest the
        start page's "Why we are asking"."""
        notes = list(self.intro)
        if notes and all(len(words) <= SUMMARY_MOST for words in notes[0].values()):
            for language, words in notes.pop(0).items():
                self.consultation.summary.set(language, words)
        if notes:
            purpose = {}
            for words in notes:
                for language, text in words.items():
                    purpose[language] = f"{purpose[language]}\n\n{text}" if language in purpose else text
            self.consultation.purpose = make_block(purpose, self.default_language)


def _language_labels(elements: list[dict]) -> list[str]:
    """Every language a label, hint or message is written in, in the order they first appear."""
    found: list[str] = []

    def add(value):
        if isinstance(value, dict):
            found.extend(label for label in value if label not in found)
        elif value:
            if "default" not in found:
                found.append("default")

    def visit(items):
        for element in items:
            add(element.get("label"))
            add(element.get("hint"))
            bind = element.get("bind") or {}
            add(bind.get("jr:constraintMsg"))
            add(bind.get("jr:requiredMsg"))
            for choice in element.get("choices") or []:
                add(choice.get("label"))
            visit(element.get("children") or [])

    visit(elements)
    return found


def _choices_by_name(source) -> dict:
    """The answers a condition on ``source`` can name, by their XLSForm choice name (a grid's points,
    not its statements)."""
    return {option.value: option for option in source.type.xlsform_choices(source)}


def _condition_key(condition) -> tuple:
    return (condition.source_id, condition.test, frozenset(condition.option_ids), condition.low or "",
            condition.high or "")


def _without_chains(conditions: list, questions) -> list:
    """Drop the conditions that only repeat when another condition's question is itself asked: the
    export writes "answered question 2" as that and question 2's own rule, which Consult already keeps."""
    by_id = {question.id: question for question in questions}
    implied = set()
    for condition in conditions:
        source = by_id.get(condition.source_id)
        for rule in getattr(source, "rules", ()):
            if rule.action == branching.ASK and (rule.match == branching.ALL or len(rule.conditions) == 1):
                implied |= {(stored.source_id, stored.test, frozenset(option.id for option in stored.options),
                             stored.low or "", stored.high or "") for stored in rule.conditions}
    kept = [condition for condition in conditions if _condition_key(condition) not in implied]
    return kept or conditions
