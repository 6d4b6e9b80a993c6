"""Ranking: put the items in order, without drag and drop.

Each item has a position list ("1st", "2nd" ...) that works with no JavaScript; the server checks the
order: each position used once, and every item given one, or, when staff ask people to "rank your top
N", positions 1st to Nth each given to one item and the rest left out.

What a browser sends: one field per item, ``q<question>-i<item>`` = its position. Raw values keep
``"<item id>:<what was sent>"`` for each item given a position. The clean value is
``{item id: position}``, stored as one answer row per item ranked: ``option_id`` the item, ``number``
its position (1 is first).
"""

from __future__ import annotations

from collections import Counter

from flask_babel import format_number

from consult.i18n import Localised
from consult.questions.base import (
    PRINT_RANK_BOXES,
    RANKING,
    AnswerRow,
    Example,
    OptionType,
    Parsed,
    SqlCell,
    settings_value,
)
from consult.questions.single_choice import MIN_CHOICES
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l
from consult.translating import ngettext

# Positions people know by name; after the 10th they are shown as numbers.
ORDINALS = (_l("1st"), _l("2nd"), _l("3rd"), _l("4th"), _l("5th"), _l("6th"), _l("7th"), _l("8th"), _l("9th"),
            _l("10th"))
UNKNOWN_POSITION = _l("Select one of the positions shown")


def ordinal(position: int) -> str:
    if 1 <= position <= len(ORDINALS):
        return str(ORDINALS[position - 1])
    return format_number(position)


class Ranking(OptionType):
    key = "ranking"
    xlsform_types = ("rank",)
    name = _l("Ranking: put answers in order")
    template = "questions/ranking.html"
    missing_message = _l("Put the answers in order")
    settings_template = "build/settings/ranking.html"
    extra_answers = ()
    min_choices = MIN_CHOICES
    results_shape = RANKING
    results_figures = "ranking"  # its figures in the API's results (consult.results.figures.FIGURES)
    print_area = PRINT_RANK_BOXES

    def settings_defaults(self):
        return {"top": None}

    def settings_form_data(self, question):
        return {"rank_top": (question.settings or {}).get("top")}

    def settings_from_form(self, form):
        field = getattr(form, "rank_top", None)
        return {"top": field.data if field is not None and field.data else None}

    # -- the question's parts -------------------------------------------------------------------

    def items(self, question) -> list:
        return [option for option in question.options if option.kind == "answer"]

    def places(self, question) -> int:
        """How many positions people give: every item, or the top N staff asked for."""
        count = len(self.items(question))
        top = settings_value(question, "top", self)
        return min(int(top), count) if top else count

    def positions(self, question) -> list[tuple[int, str]]:
        """(position, its words) for the position list: 1st, 2nd ... up to the last place."""
        return [(position, ordinal(position)) for position in range(1, self.places(question) + 1)]

    def ranks_all(self, question) -> bool:
        return self.places(question) >= len(self.items(question))

    def item_field(self, question, item) -> str:
        return f"{self.field_name(question)}-i{item.id}"

    def input_id(self, question) -> str:
        items = self.items(question)
        return self.item_field(question, items[0]) if items else self.field_name(question)

    def how_to_rank(self, question) -> str:
        """The words above the items, on screen and on paper."""
        if self.ranks_all(question):
            return _("Give each answer a different position. 1st is the one that matters most to you.")
        return ngettext("Choose your top %(num)s. Give them positions 1st to %(last)s. Leave the others as "
                        "\u201cNot ranked\u201d.",
                        "Choose your top %(num)s. Give them positions 1st to %(last)s. Leave the others as "
                        "\u201cNot ranked\u201d.", self.places(question), last=ordinal(self.places(question)))

    # -- reading what was sent ------------------------------------------------------------------

    def read(self, question, formdata) -> list[str]:
        raw = []
        for item in self.items(question):
            for value in formdata.getlist(self.item_field(question, item)):
                if value.strip() != "":
                    raw.append(f"{item.id}:{value.strip()}")
        return raw

    def chosen(self, raw) -> dict[str, str]:
        """Item id -> the position sent for it, both as text (for the template to select them)."""
        found = {}
        for entry in raw or ():
            item_id, _colon, value = str(entry).partition(":")
            found.setdefault(item_id, value)
        return found

    def _problem(self, question, raw) -> tuple[str | None, int | None]:
        """(the message, the id of the item it is about) for the first thing to fix, or (None, None)."""
        items = {str(item.id): item.id for item in self.items(question)}
        chosen = self.chosen(raw)
        places = self.places(question)
        positions: dict[int, int] = {}
        for key, value in chosen.items():
            if key not in items or not value.isdigit() or not 1 <= int(value) <= places:
                return str(UNKNOWN_POSITION), items.get(key)
            positions[items[key]] = int(value)
        used = Counter(positions.values())
        for position in sorted(used):
            if used[position] > 1:
                first = next(item for item in self.items(question) if positions.get(item.id) == position)
                return ngettext("You gave %(num)s answer the position %(position)s. Give each answer a different "
                                "position.",
                                "You gave %(num)s answers the position %(position)s. Give each answer a different "
                                "position.", used[position], position=ordinal(position)), first.id
        if len(positions) < places:
            missing = next((item.id for item in self.items(question) if item.id not in positions), None)
            if self.ranks_all(question):
                return _("Give every answer a position"), missing
            return ngettext("Give positions 1st to %(last)s to your top %(num)s",
                            "Give positions 1st to %(last)s to your top %(num)s", places,
                            last=ordinal(places)), missing
        return None, None

    def parse(self, question, raw) -> Parsed:
        if not raw:
            return Parsed()
        message, _item = self._problem(question, raw)
        if message:
            return Parsed(error=message)
        return Parsed(value={int(key): int(value) for key, value in self.chosen(raw).items()})

    def error_input_id(self, question, raw) -> str:
        _message, item_id = self._problem(question, raw)
        item = question.option_by_id(item_id) if item_id is not None else None
        return self.item_field(question, item) if item is not None else self.input_id(question)

    def selected(self, value) -> set[int]:
        """The items given a position, for branching on an earlier question's answers."""
        return set(value) if value else set()

    # -- storage ----------------------------------------------------------------------------------

    def rows(self, question, value) -> list[AnswerRow]:
        return [AnswerRow(option_id=item_id, number=position)
                for item_id, position in sorted(value.items(), key=lambda pair: pair[1])]

    def value_from_rows(self, question, rows):
        return {row.option_id: row.number for row in rows if row.option_id is not None and row.number is not None}

    # -- showing the answer -----------------------------------------------------------------------

    def _in_order(self, question, value):
        items = {item.id: item for item in self.items(question)}
        for item_id, position in sorted((value or {}).items(), key=lambda pair: pair[1]):
            if item_id in items:
                yield position, items[item_id]

    def display(self, question, value, texts) -> list[str]:
        return [_("%(position)s: %(answer)s", position=ordinal(position), answer=texts(item.label_id).text)
                for position, item in self._in_order(question, value)]

    def shown_values(self, question, answers, texts):
        shown = []
        for position, item in self._in_order(question, self.value_from_rows(question, answers)):
            words = texts(item.label_id)
            shown.append(Localised(_("%(position)s: %(answer)s", position=ordinal(position), answer=words.text),
                                   words.lang, words.register))
        return shown or None

    def example(self, question):
        items = self.items(question)[:self.places(question)]
        formdata = {self.item_field(question, item): str(position) for position, item in enumerate(items, start=1)}
        return Example(formdata, "", "1", xlsx=1)

    # -- exports: one column per item, holding its position ---------------------------------------

    def export_columns(self, question, words) -> list[str]:
        prompt = words(question.prompt_id)
        return [_("%(question)s: %(answer)s", question=prompt, answer=words(item.label_id))
                for item in self.items(question)] or [prompt]

    def export_cells(self, question, answers, option_label, option_position) -> list:
        position = {answer.option_id: answer.number for answer in answers}
        items = self.items(question) or [None]
        return [position.get(item.id) if item else None for item in items]

    def export_sql(self, question, cells):
        # Per item, the place given it last (export_cells' dict keeps the last).
        return [SqlCell(cells.last("a.number", question, f"a.option_id = {int(item.id)}"), text=False)
                for item in self.items(question)] or [SqlCell("NULL", text=False)]

    # -- paper ------------------------------------------------------------------------------------

    def print_instructions(self, question, easy):
        places = format_number(self.places(question))
        if self.ranks_all(question):
            if easy:
                return [_("Write a number in each box."), _("Write 1 next to the one you like most."),
                        _("Use each number from 1 to %(last)s once.", last=places)]
            return [_("Write a number from 1 to %(last)s in the box beside each answer. 1 is the one that matters "
                      "most to you. Use each number once.", last=places)]
        if easy:
            return [_("Choose your top %(last)s.", last=places), _("Write 1 next to the one you like most."),
                    _("Use each number from 1 to %(last)s once.", last=places),
                    _("Leave the other boxes empty.")]
        return [_("Choose your top %(last)s. Write 1 to %(last)s in the boxes beside them, 1 for the one that matters "
                  "most to you. Leave the other boxes empty.", last=places)]


TYPE = Ranking()
