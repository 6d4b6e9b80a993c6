"""Pure parts: plain text into paragraphs and lists, and which words a section shows in which language."""

from __future__ import annotations

from consult.statements.sections import STATEMENTS, default_texts
from consult.statements.services import choose_words
from consult.statements.text import Block, blocks, same_words


def test_blank_lines_make_paragraphs_and_dashes_make_lists():
    text = "First paragraph\nsecond line.\r\n\r\nYou can:\n- zoom in\n* use a keyboard\n• listen\nThat is all.\n\n\n"
    assert blocks(text) == [
        Block(lines=("First paragraph", "second line.")),
        Block(lines=("You can:",)),
        Block(items=("zoom in", "use a keyboard", "listen")),
        Block(lines=("That is all.",)),
    ]
    assert blocks("  \n\n ") == [] and blocks(None) == []
    assert blocks("-not a list item") == [Block(lines=("-not a list item",))]


def test_same_words_ignores_spacing_only():
    assert same_words("One  two\r\nthree ", "One two three")
    assert not same_words("One two", "One two.")


DEFAULTS = {"en": {"s": "Consult English"}, "cy": {"s": "Consult Cymraeg"}}


def test_the_order_of_the_words_a_section_shows():
    # Nothing saved: Consult's words in the language, else Consult's English.
    assert choose_words("s", "cy", {}, DEFAULTS) == ("Consult Cymraeg", "cy")
    assert choose_words("s", "ar", {}, DEFAULTS) == ("Consult English", "en")
    # English saved unchanged (spacing aside): the Welsh default still says the same, so it shows.
    assert choose_words("s", "cy", {"en": {"s": " Consult  English"}}, DEFAULTS) == ("Consult Cymraeg", "cy")
    # English changed: the Welsh default no longer matches it, so Welsh readers get the English.
    changed = {"en": {"s": "Our own words"}}
    assert choose_words("s", "cy", changed, DEFAULTS) == ("Our own words", "en")
    # Welsh saved: it shows; a Welsh section left empty shows the English.
    assert choose_words("s", "cy", {**changed, "cy": {"s": "Ein geiriau"}}, DEFAULTS) == ("Ein geiriau", "cy")
    assert choose_words("s", "cy", {**changed, "cy": {"s": ""}}, DEFAULTS) == ("Our own words", "en")
    assert choose_words("s", "cy", {"cy": {"s": ""}}, DEFAULTS) == ("Consult English", "en")


def test_consult_has_english_and_welsh_words_for_every_section():
    for kind, statement in STATEMENTS.items():
        keys = [section.key for section in statement.sections]
        for language in ("en", "cy"):
            texts = default_texts(kind, language, draft_days=30)
            assert sorted(texts) == sorted(keys), (kind, language)
            assert all(text.strip() and "{" not in text for text in texts.values()), (kind, language)
    assert "30 days" in default_texts("privacy", "en", 30)["how_long"]
    assert "30 diwrnod" in default_texts("privacy", "cy", 30)["how_long"]
    assert default_texts("privacy", "ar", 30) == {}
