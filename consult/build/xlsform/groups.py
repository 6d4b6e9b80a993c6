"""XLSForm groups and "or_other", mapped to what Consult has.

- ``begin_group`` with appearance ``field-list``: a section (its questions on one page, the group's label
  as the page's title; consult.models.section).
- ``table-list``: one grid question (statements on one scale; consult.questions.grid). pyxform hands a
  table-list back as a field-list with a label row it made up, which is how it is recognised here.
- any other group: its questions, one per page (the builder reports that the heading was not kept).
- a ``group`` column on the choices sheet: the answer sits under that heading (``OptionGroup``), the
  headings being the choices of the list ``<list>_groups`` in every language (``place_in_groups``; how
  Consult's export writes headed groups, such as the census ethnic-group headings).
- ``select_one list or_other``: the question's "Other, please specify" answer (``Option.write_in``).
- a text row straight after a choice question, named ``<question>_<choice>`` and relevant only when that
  choice is chosen (how KoboToolbox names or_other's box, and how Consult's export writes every
  write-in answer): that choice's box (``take_write_in_box``).
"""

from __future__ import annotations

import re

from flask_babel import force_locale

from consult.build.option_groups import other_option, set_other_option, sort_options
from consult.build.questions import add_question
from consult.build.services import make_block
from consult.extensions import db
from consult.models import Option, OptionGroup, Section
from consult.questions import REGISTRY
from consult.translating import gettext as _

PAGE = "page"
TABLE = "table"
PLAIN = "plain"

# Names pyxform gives the rows it adds to a table-list group: its label, and the row of the scale's words.
_TABLE_LABEL = "generated_table_list_label_"
_TABLE_HEADER = "reserved_name_for_field_list_labels_"


def shape_of(element: dict) -> str:
    appearance = str((element.get("control") or {}).get("appearance", ""))
    children = element.get("children") or []
    if "table-list" in appearance or any(str(child.get("name", "")).startswith(_TABLE_HEADER) for child in children):
        return TABLE
    if "field-list" in appearance:
        return PAGE
    return PLAIN


def _table_rows(element: dict) -> list[dict]:
    """The table's real rows: its questions, without the rows pyxform added."""
    return [child for child in element.get("children") or []
            if not str(child.get("name", "")).startswith((_TABLE_LABEL, _TABLE_HEADER))]


def _table_words(element: dict, key: str):
    """The table's label or hint: pyxform moves them from the group onto the label row it adds."""
    for child in element.get("children") or []:
        if str(child.get("name", "")).startswith(_TABLE_LABEL):
            return child.get(key)
    return element.get(key)


def _statement_value(group_name: str, row_name: str) -> str:
    """A statement's code: its row's name without the group's name in front (``q3_buses`` -> ``buses``,
    as Consult's export names the rows)."""
    prefix = f"{group_name}_"
    return row_name[len(prefix):] if row_name.startswith(prefix) and len(row_name) > len(prefix) else row_name


def make_grid(builder, element: dict, inherited: str | None):
    """One grid question for a table-list group whose rows are single-choice questions on one list.

    Returns the question, or None (nothing made) when the table is not like that.
    """
    rows = _table_rows(element)
    lists = {child.get("itemset") or child.get("list_name") for child in rows}
    if not rows or len(lists) != 1 or any(str(child.get("type")) != "select one" for child in rows):
        return None
    scale = [choice for choice in rows[0].get("choices") or []
             if (rows[0].get("itemset") or rows[0].get("list_name"), str(choice.get("name"))) in builder.form.sheet_choices]
    if len(scale) < 2:
        return None
    bind = element.get("bind") or {}
    required = any(builder.required(child, child.get("bind") or {}) for child in rows)
    title = builder.texts(_table_words(element, "label")) or builder.texts(rows[0].get("label"))
    question = add_question(builder.consultation, _table_type(), title, hint=builder.texts(_table_words(element, "hint")) or None,
                            options=[builder.texts(child.get("label")) for child in rows], required=required)
    missing = builder.texts((rows[0].get("bind") or {}).get("jr:requiredMsg"))
    if missing and question.required:
        question.missing_message = make_block(missing, builder.default_language)
    # The list's own choices are the scale, in place of the agree scale a new grid starts with.
    for option in question.type.points(question):
        question.options.remove(option)
        db.session.delete(option)
    statements = question.type.statements(question)
    for statement, child in zip(statements, rows):
        statement.value = _statement_value(str(element.get("name")), str(child.get("name")))[:64]
    for position, choice in enumerate(scale, start=len(statements) + 1):
        question.options.append(Option(position=position, value=str(choice.get("name"))[:64], kind="answer",
                                       label=make_block(builder.texts(choice.get("label")), builder.default_language)))
    db.session.flush()
    builder.questions[str(element.get("name"))] = question
    # A condition on the grid is written over its rows (consult.build.xlsform.relevance).
    builder.tables[str(element.get("name"))] = [str(child.get("name")) for child in rows]
    builder.condition(element, question, bind, inherited)
    return question


def _table_type() -> str:
    """The question type a table-list group becomes (the one that says it reads them: the grid)."""
    return next(key for key, qtype in REGISTRY.items() if "table-list" in qtype.xlsform_group_appearances)


def make_section(builder, element: dict, questions: list) -> Section | None:
    """Put the questions a field-list group made on one page, under the group's label. Returns the
    section, or None when every question is already on a page (a field-list inside a field-list)."""
    loose = [question for question in questions if question.section_id is None]
    if not loose:
        return None
    title = builder.texts(element.get("label")) or {builder.default_language: str(element.get("name", ""))}
    section = Section(consultation_id=builder.consultation.id, title=make_block(title, builder.default_language))
    db.session.add(section)
    db.session.flush()
    for question in loose:
        question.section_id = section.id
    return section


def add_other(builder, question) -> None:
    """The question's "Other, please specify" answer, its word in every language the form is offered in."""
    consultation = builder.consultation
    words = {}
    for language in consultation.offered_languages:
        with force_locale(language):
            words[language] = _("Other")
    set_other_option(question, True, words[consultation.default_language], consultation.default_language)
    added = other_option(question)
    for language, text in words.items():
        added.label.set(language, text)


_SELECTED = re.compile(r"^\s*selected\(\s*\$\{(?P<source>[^}]+)\}\s*,\s*'(?P<choice>[^']+)'\s*\)\s*$")


def take_write_in_box(previous, element: dict) -> bool:
    """True when ``element`` is the "please specify" box of an answer of ``previous`` ((name, question),
    the choice question just before it, or None), and that answer now has its box.

    The box is recognised only in the shape KoboToolbox and Consult's export write it, so nothing is
    guessed: a text row straight after the choice question, named ``<question>_<choice>`` and asked
    only when that choice is chosen (``selected(${question}, 'choice')``).
    """
    if previous is None or str(element.get("type", "")) != "text":
        return False
    name, question = previous
    match = _SELECTED.match(str((element.get("bind") or {}).get("relevant", "")))
    if not match or match["source"] != name or str(element.get("name")) != f"{name}_{match['choice']}":
        return False
    option = next((option for option in question.options
                   if option.kind == "answer" and option.value == match["choice"]), None)
    if option is None:
        return False
    option.write_in = True
    sort_options(question)
    return True


def place_in_groups(builder, question, element: dict) -> None:
    """Put the question's answers under their headings: a choice's ``group`` column names its heading,
    a choice of the list ``<list>_groups`` titled in every language (a heading named only in the column
    is titled with its name). The headings keep that list's order, then their answers come in the order
    people see them (consult.build.option_groups.sort_options)."""
    under = {str(choice.get("name"))[:64]: str(choice.get("group")).strip()
             for choice in element.get("choices") or [] if str(choice.get("group") or "").strip()}
    if not under:
        return
    list_name = element.get("list_name") or element.get("itemset")
    listed = {str(heading.get("name")): heading for heading in builder.form.lists.get(f"{list_name}_groups") or []}
    made = {}
    for position, code in enumerate(dict.fromkeys([*listed, *under.values()]), start=1):
        words = builder.texts((listed.get(code) or {}).get("label")) or {builder.default_language: code}
        made[code] = OptionGroup(position=position, heading=make_block(words, builder.default_language))
        question.option_groups.append(made[code])
    for option in question.options:
        if option.kind == "answer" and option.value in under:
            option.group = made[under[option.value]]
    db.session.flush()
    sort_options(question)
