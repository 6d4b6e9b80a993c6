"""The Welsh interface catalogue: complete, safe to format, right plural forms, and actually used.

Fast and offline: strings are extracted from the code and templates with Babel's Python API and the
project's translations/babel.cfg, exactly as `flask --app consult translate extract` does.
"""

from __future__ import annotations

import gettext
import os
import re
import tempfile
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import PYTHON_FORMAT, Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.plural import to_gettext

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
BABEL_CFG = TRANSLATIONS / "babel.cfg"
LANGUAGE = "cy"
PO_FILE = TRANSLATIONS / LANGUAGE / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}  # the same keywords as `translate extract` (-k _l)

# Welsh (CLDR, and Babel's Locale("cy").plural_form): zero, one, two, few (3), many (6), other.
WELSH_PLURAL_FORMS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"
COUNTS = (0, 1, 2, 3, 6, 7)  # one count for each of the six forms
# Placeholders that must survive translation: %(name)s and friends, a literal %%, and {name}.
BRACE_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")


def _welsh_form(n: int) -> int:
    """The msgstr index the Welsh rule picks for n."""
    return {0: 0, 1: 1, 2: 2, 3: 3, 6: 4}.get(n, 5)


def _placeholders(text: str) -> list[str]:
    found = [match.group(0) for match in PYTHON_FORMAT.finditer(text)]
    found += BRACE_PLACEHOLDER.findall(text)
    return sorted(found)


def _read_catalog(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=LANGUAGE)


def _compile_if_stale(po_path: Path) -> None:
    """Build messages.mo from messages.po when it is missing or older (the .mo files are git-ignored)."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return
    catalog = _read_catalog(po_path)
    # Write beside the target and rename, so a parallel test run never reads half a file.
    handle, temporary = tempfile.mkstemp(dir=mo_path.parent, prefix=".messages-", suffix=".mo")
    try:
        with os.fdopen(handle, "wb") as mo:
            write_mo(mo, catalog)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the app's user must be able to read it
        os.replace(temporary, mo_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        _compile_if_stale(po_path)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """The strings in the code and templates now, via a temporary messages.pot."""
    with BABEL_CFG.open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(BABEL_CFG))
    template = Catalog(project="Consult")
    # Babel's default directory filter, as the CLI uses: the mapping's patterns decide what is read.
    for filename, lineno, message, comments, context in extract_from_dir(ROOT, method_map, options_map,
                                                                          keywords=KEYWORDS):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    with pot.open("wb") as out:
        write_po(out, template)
    with pot.open("rb") as back:
        return read_po(back)


@pytest.fixture(scope="module")
def welsh() -> Catalog:
    return _read_catalog(PO_FILE)


def _label(message) -> str:
    return repr(message.id[0] if message.pluralizable else message.id)


def test_extraction_finds_strings_in_code_and_templates(extracted):
    """Guards the guard: a template the extractor cannot parse must not silently drop its strings."""
    files = {filename for message in extracted if message.id for filename, _ in message.locations}
    call = re.compile(r"\b(?:_|_l|gettext|ngettext|lazy_gettext)\(\s*[\"']")  # a translatable literal
    expected = {path.relative_to(ROOT).as_posix()
                for path in [*ROOT.glob("consult/**/*.py"), *ROOT.glob("templates/**/*.html")]
                if call.search(path.read_text(encoding="utf-8"))}
    assert not expected - files, f"no strings extracted from: {sorted(expected - files)}"
    assert "Have your say" in extracted and "Enter a number" in extracted


def test_every_string_is_in_the_welsh_catalogue_and_translated(extracted, welsh):
    missing, untranslated, fuzzy, plural_mismatch = [], [], [], []
    for message in extracted:
        if not message.id:
            continue
        entry = welsh.get(message.id, context=message.context)
        if entry is None:
            missing.append(_label(message))
            continue
        if entry.fuzzy:
            fuzzy.append(_label(message))
        if message.pluralizable != entry.pluralizable or (message.pluralizable and message.id[1] != entry.id[1]):
            plural_mismatch.append(_label(message))
            continue
        forms = entry.string if entry.pluralizable else (entry.string,)
        if entry.pluralizable and len(forms) != welsh.num_plurals:
            untranslated.append(_label(message))
        elif not all(form and form.strip() for form in forms):
            untranslated.append(_label(message))
    problems = {
        "missing from the Welsh .po (run `flask --app consult translate update`)": missing,
        "with an empty msgstr": untranslated,
        "marked fuzzy": fuzzy,
        "whose plural msgid changed": plural_mismatch,
    }
    report = "\n".join(f"{len(ids)} msgid(s) {what}:\n  " + "\n  ".join(ids) for what, ids in problems.items() if ids)
    assert not report, f"{PO_FILE.relative_to(ROOT)} is out of date:\n{report}"


def _rule(plural_forms: str):
    """A gettext Plural-Forms value as a function of n."""
    return gettext.c2py(plural_forms.split("plural=", 1)[1].strip().rstrip(";"))


def test_header_has_the_welsh_plural_rule(welsh):
    """The .po header, Babel's CLDR rule for cy, and the rule the translations were written for agree."""
    assert welsh.num_plurals == 6
    header = gettext.c2py(welsh.plural_expr)
    cldr = _rule(to_gettext(Locale.parse(LANGUAGE).plural_form))
    ours = _rule(WELSH_PLURAL_FORMS)
    for n in range(1001):
        assert header(n) == cldr(n) == ours(n) == _welsh_form(n), f"the plural rules disagree for n={n}"


def test_placeholders_survive_translation(welsh):
    """Every placeholder in a msgid is in each msgstr form, and a msgstr adds none (it would raise)."""
    broken = []
    for message in welsh:
        if not message.id or not message.string:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        forms = message.string if message.pluralizable else (message.string,)
        wanted = sorted(set().union(*(_placeholders(text) for text in ids)))
        for index, form in enumerate(forms):
            have = sorted(set(_placeholders(form)))
            if form and have != wanted:
                broken.append(f"{_label(message)} msgstr[{index}]: expected {wanted}, found {have}")
    for message, errors in welsh.check():
        broken += [f"{_label(message)}: {error}" for error in errors]
    assert not broken, "placeholders differ:\n  " + "\n  ".join(broken)


def _plural_msgids(catalog: Catalog) -> list[tuple[str, str]]:
    return [message.id for message in catalog if message.id and message.pluralizable]


@pytest.mark.parametrize("n", COUNTS)
def test_welsh_plural_forms(app, welsh, n):
    from flask_babel import force_locale, ngettext

    plurals = _plural_msgids(welsh)
    assert plurals, "the catalogue has no plural messages to check"
    index = _welsh_form(n)
    with app.app_context(), force_locale(LANGUAGE):
        for singular, plural in plurals:
            rendered = ngettext(singular, plural, n)
            expected = welsh[singular].string[index] % {"num": n}
            assert rendered == expected, f"{singular!r} with n={n} should use msgstr[{index}]"
            assert str(n) in rendered
            assert rendered != (singular if n == 1 else plural) % {"num": n}


def test_welsh_plural_forms_mutate_after_two_three_and_six(welsh):
    """Spot-check the grammar of the counted nouns, not only the form index."""
    question = welsh.get("%(num)s question")
    if question is None:
        pytest.skip("no '%(num)s question' message in the catalogue")
    forms = question.string
    assert "gwestiwn" in forms[2]  # 2 gwestiwn: soft mutation after dau
    assert "chwestiwn" in forms[3] and "chwestiwn" in forms[4]  # 3 chwestiwn, 6 chwestiwn: aspirate
    assert forms[5].endswith("cwestiwn")


def test_a_welsh_page_is_in_welsh(app, demo, welsh):
    client = app.test_client()
    welsh_title = welsh["Have your say"].string
    assert welsh_title and welsh_title != "Have your say"

    home = client.get("/?lang=cy").get_data(as_text=True)
    assert '<html lang="cy"' in home
    assert re.search(rf"<h1[^>]*>\s*{re.escape(welsh_title)}\s*</h1>", home), "the Welsh h1 is missing"
    assert "Have your say" not in home

    start = client.get(f"/c/{demo['slug']}?lang=cy").get_data(as_text=True)
    assert '<html lang="cy"' in start
    assert welsh["Start now"].string in start
    question = welsh.get("%(num)s question")
    if question is not None:
        count = len(demo["questions"])
        assert question.string[_welsh_form(count)] % {"num": count} in start
