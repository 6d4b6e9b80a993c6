"""Searching the OpenMoji symbol library by keyword (offline: its catalogue is installed from npm)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from consult.pictures import SYMBOL_FOLDER

CATALOGUE = Path("vendor") / "openmoji" / "openmoji.json"
# Flags, skin-tone parts and keycaps make poor easy-read pictures and would crowd out the useful ones.
LEFT_OUT_GROUPS = {"flags", "component"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Symbol:
    hexcode: str
    name: str
    words: frozenset[str]

    @property
    def file_name(self) -> str:
        return f"{self.hexcode}.svg"


def _words(*texts: str) -> frozenset[str]:
    return frozenset(word.lower() for text in texts for word in _WORD.findall(text or ""))


@lru_cache(maxsize=4)
def load_symbols(static_folder: str) -> tuple[Symbol, ...]:
    """Every symbol worth offering, in the library's own order (most familiar first)."""
    entries = json.loads((Path(static_folder) / CATALOGUE).read_text(encoding="utf-8"))
    folder = Path(static_folder) / SYMBOL_FOLDER
    symbols = []
    for entry in entries:
        # Skin-tone variants repeat their base symbol; the base symbol is enough for a picker.
        if entry.get("skintone") or entry.get("group") in LEFT_OUT_GROUPS:
            continue
        if not (folder / f"{entry['hexcode']}.svg").exists():
            continue
        symbols.append(Symbol(
            hexcode=entry["hexcode"],
            name=entry["annotation"],
            words=_words(entry["annotation"], entry.get("tags", ""), entry.get("openmoji_tags", "")),
        ))
    return tuple(symbols)


def search_symbols(symbols: tuple[Symbol, ...], query: str, limit: int = 30) -> list[Symbol]:
    """Symbols whose name or keywords hold every word of the query (a word may be the start of a keyword).

    Best first: the name matching exactly, then names holding the words, then keywords only.
    """
    wanted = [word.lower() for word in _WORD.findall(query)]
    if not wanted:
        return []
    phrase = " ".join(wanted)
    scored = []
    for order, symbol in enumerate(symbols):
        if not all(any(word == w or word.startswith(w) for word in symbol.words) for w in wanted):
            continue
        name = symbol.name.lower()
        name_words = set(_WORD.findall(name))
        if name == phrase:
            rank = 0
        elif all(w in name_words for w in wanted):
            rank = 1
        elif all(any(n.startswith(w) for n in name_words) for w in wanted):
            rank = 2
        else:
            rank = 3
        # Shorter names are the plainer pictures: "wheelchair symbol" before "man in motorized wheelchair".
        scored.append((rank, len(name_words), order, symbol))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]


def find_symbol(symbols: tuple[Symbol, ...], hexcode: str) -> Symbol | None:
    return next((symbol for symbol in symbols if symbol.hexcode == hexcode), None)
