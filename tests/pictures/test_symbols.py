"""Searching the OpenMoji library, offline, from the catalogue installed by `make vendor`."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult.pictures.symbols import find_symbol, load_symbols, search_symbols

STATIC = str(Path(__file__).resolve().parents[2] / "static")


@pytest.fixture(scope="module")
def symbols():
    return load_symbols(STATIC)


def test_plain_names_come_first(symbols):
    found = [symbol.name for symbol in search_symbols(symbols, "wheelchair", limit=3)]
    assert found[0] == "manual wheelchair"
    assert all("wheelchair" in name for name in found)


def test_every_word_must_match_and_a_word_may_be_the_start_of_a_keyword(symbols):
    names = [symbol.name for symbol in search_symbols(symbols, "walk")]
    assert "person walking" in names
    assert search_symbols(symbols, "bed linen")[0].name == "bed linen"
    assert search_symbols(symbols, "bed zzzz") == []


def test_empty_and_punctuation_only_queries_find_nothing(symbols):
    assert search_symbols(symbols, "") == []
    assert search_symbols(symbols, "  ?! ") == []


def test_skin_tone_variants_and_flags_are_left_out(symbols):
    hexcodes = {symbol.hexcode for symbol in symbols}
    assert "1F44B" in hexcodes  # waving hand
    assert "1F44B-1F3FB" not in hexcodes  # waving hand: light skin tone
    assert not any(symbol.name.startswith("flag:") for symbol in symbols)


def test_every_symbol_offered_has_its_file(symbols):
    folder = Path(STATIC) / "vendor" / "openmoji" / "svg"
    assert len(symbols) > 1000
    assert all((folder / symbol.file_name).exists() for symbol in symbols)
    assert find_symbol(symbols, "1F6CF").name == "bed"
    assert find_symbol(symbols, "NOPE") is None
