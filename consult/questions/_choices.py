"""What the option types share beyond picking ids: answers that ask for words ("Other, please
specify") and answers shown in headed groups (the census ethnic-group question).

An answer with ``write_in`` set has a text box beside it. The words travel with the option id:

- in the raw values a browser sent (kept in drafts so nothing typed is lost), as one extra entry
  ``"written:<option id>:<words>"`` after the chosen ids, for every box that has words in it;
- in the parsed value, as a ``Chosen``: an ``int`` (the option id, so branching, ``selected`` and
  every comparison work unchanged) that also carries ``written``;
- in the answer table, as ``text`` on the same row as ``option_id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consult.i18n import ContentCatalogue, Localised
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

WRITTEN = "written:"
# Long enough for "Kurdish and Iraqi, my father's family is from Erbil", short enough to read in a table.
WRITTEN_LIMIT = 200
WRITTEN_MISSING = _l("Enter your other answer")


class Chosen(int):
    """An option id and the words written in its box (None for an answer without a box)."""

    written: str | None

    def __new__(cls, option_id: int, written: str | None = None):
        chosen = super().__new__(cls, option_id)
        chosen.written = written
        return chosen

    def __repr__(self) -> str:
        return f"Chosen({int(self)}, {self.written!r})"


def box_name(field_name: str, option) -> str:
    """The name and id of the text box beside a write-in answer."""
    return f"{field_name}-written-{option.id}"


def read_written(field_name: str, question, formdata) -> list[str]:
    """The raw entries for the words in every write-in box that has any (chosen or not: kept as typed)."""
    entries = []
    for option in question.options:
        if option.write_in:
            words = formdata.get(box_name(field_name, option), "") or ""
            if words.strip():
                entries.append(f"{WRITTEN}{option.id}:{words}")
    return entries


def split_raw(raw: list[str]) -> tuple[list[str], dict[str, str]]:
    """(the chosen option values, {option id as text: the words typed in its box})."""
    chosen, written = [], {}
    for value in raw:
        if isinstance(value, str) and value.startswith(WRITTEN):
            option_id, _sep, words = value[len(WRITTEN):].partition(":")
            written[option_id] = words
        else:
            chosen.append(value)
    return chosen, written


def clean_words(words: str | None) -> str:
    return (words or "").replace("\r\n", "\n").strip()


def written_problem(question, ids, written: dict[str, str]) -> tuple[object, str] | None:
    """(the write-in option at fault, its message) when a chosen write-in answer has no words or too many."""
    for option_id in ids:
        option = question.option_by_id(option_id)
        if option is None or not option.write_in:
            continue
        words = clean_words(written.get(str(option_id)))
        if not words:
            return option, str(WRITTEN_MISSING)
        if len(words) > WRITTEN_LIMIT:
            return option, _("Your other answer must be %(limit)s characters or fewer", limit=WRITTEN_LIMIT)
    return None


def with_words(question, ids, written: dict[str, str]) -> list[int]:
    """The chosen ids, the write-in ones as ``Chosen`` carrying their words; other boxes are ignored."""
    result = []
    for option_id in ids:
        option = question.option_by_id(option_id)
        if option is not None and option.write_in:
            result.append(Chosen(option_id, clean_words(written.get(str(option_id)))))
        else:
            result.append(option_id)
    return result


def answer_words(label: str, written: str | None) -> str:
    """An answer as one line: "Other: my words", or the label alone."""
    if not written:
        return label
    return _("%(answer)s: %(words)s", answer=label, words=written)


# -- groups ------------------------------------------------------------------------------------

def group_heading(group, texts) -> Localised | None:
    """A group's heading through the page's own catalogue, and its fallback rule.

    The catalogues that pages load hold the options' labels; a heading they did not load is looked
    up from its own variants with the same language, register and fallback.
    """
    found = texts(group.heading_id)
    if found is not None or not isinstance(texts, ContentCatalogue):
        return found
    variants = {(variant.language, variant.register): variant.body for variant in group.heading.variants}
    return ContentCatalogue({group.heading_id: variants}, texts.language, texts.register,
                            texts.default_language)(group.heading_id)


@dataclass
class Section:
    """Answers shown together: a group under its heading, or answers without a group."""

    options: list = field(default_factory=list)
    group: object = None  # the OptionGroup, or None
    heading: Localised | None = None
    # "or" is said before the first answer that rules out the others ("Prefer not to say").
    or_before: bool = False


def sections(question, texts=None) -> list[Section]:
    """The question's answers in the order people see them: answers without a group, each group
    under its heading, a write-in answer without a group ("Other"), then the ones that rule out the rest."""
    plain, groups, others, special = [], {}, [], []
    for option in question.options:
        if option.is_exclusive:
            special.append(option)
        elif option.group_id is not None:
            groups.setdefault(option.group_id, []).append(option)
        elif option.write_in:
            others.append(option)
        else:
            plain.append(option)
    found = [Section(plain)] if plain else []
    for group in question.option_groups:
        if group.id in groups:
            heading = group_heading(group, texts) if texts is not None else None
            found.append(Section(groups[group.id], group, heading))
    if others:
        found.append(Section(others))
    if special:
        found.append(Section(special, or_before=bool(found)))
    return found


def display_order(question) -> list:
    """Every option in the order people see them (``sections`` flattened)."""
    return [option for section in sections(question) for option in section.options]


def heading_for(option, texts) -> str | None:
    """The words of the heading an answer sits under, or None."""
    if option.group is None:
        return None
    heading = group_heading(option.group, texts)
    return heading.text if heading else None


def grouped_label(option, label: str, texts) -> str:
    """An answer with its group's heading in front, for tables that list answers without headings
    ("Asian, Asian Welsh or Asian British: Indian")."""
    heading = heading_for(option, texts)
    return _("%(group)s: %(answer)s", group=heading, answer=label) if heading else label
