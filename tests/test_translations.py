"""The interface catalogues: complete, safe to format, right plural forms, and actually used.

Every released language (``LANGUAGES`` minus English) and every catalogue under translations/ is held to
the same standard: Welsh (cy) and Arabic (ar) today. Welsh and Arabic each have six plural forms, with
different rules; each language's rule is written out here independently of Babel and compared with it.

Fast and offline: strings are extracted from the code and templates with Babel's Python API and the
project's translations/babel.cfg, exactly as `flask --app consult translate extract` does.
"""

from __future__ import annotations

import gettext
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import PYTHON_FORMAT, Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.plural import to_gettext
from bs4 import BeautifulSoup, NavigableString

from consult.config import load as load_config

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
BABEL_CFG = TRANSLATIONS / "babel.cfg"
LANGUAGE = "cy"
PO_FILE = TRANSLATIONS / LANGUAGE / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}  # the same keywords as `translate extract` (-k _l)

# Welsh (CLDR, and Babel's Locale("cy").plural_form): zero, one, two, few (3), many (6), other.
WELSH_PLURAL_FORMS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"
COUNTS = (0, 1, 2, 3, 6, 7)  # one count for each of the six forms
# Arabic (CLDR, and Babel's Locale("ar").plural_form): zero, one, two, few (3-10), many (11-99), other
# (100-102, 200-202, ...), the last three by the number modulo 100.
ARABIC_PLURAL_FORMS = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 :"
                       " n%100>=11 && n%100<=99 ? 4 : 5);")
ARABIC_COUNTS = (0, 1, 2, 3, 11, 100)  # one count for each of the six forms
# Placeholders that must survive translation: %(name)s and friends, a literal %%, and {name}.
BRACE_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def _welsh_form(n: int) -> int:
    """The msgstr index the Welsh rule picks for n."""
    return {0: 0, 1: 1, 2: 2, 3: 3, 6: 4}.get(n, 5)


def _arabic_form(n: int) -> int:
    """The msgstr index the Arabic rule picks for n."""
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5


@dataclass(frozen=True)
class Language:
    code: str
    direction: str  # for <html dir>
    plural_forms: str  # the Plural-Forms rule the translations were written for
    form: Callable[[int], int]  # the same rule in Python: n -> msgstr index
    counts: tuple[int, ...]  # one count for each plural form


SPECS = {
    "cy": Language("cy", "ltr", WELSH_PLURAL_FORMS, _welsh_form, COUNTS),
    "ar": Language("ar", "rtl", ARABIC_PLURAL_FORMS, _arabic_form, ARABIC_COUNTS),
}
# The languages residents can choose (consult/config.py), and the catalogues on disk. A catalogue that
# exists is checked even before its language is released, so it is complete on the day it is.
RELEASED = [code for code in load_config({"SECRET_KEY": "unused"})["LANGUAGES"] if code != "en"]
CATALOGUED = [path.parent.parent.name for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")]
LANGUAGES = sorted(set(RELEASED) | set(CATALOGUED))
PLURAL_CASES = [(code, n) for code in LANGUAGES for n in (SPECS[code].counts if code in SPECS else (1,))]


def _po_file(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def _placeholders(text: str) -> list[str]:
    found = [match.group(0) for match in PYTHON_FORMAT.finditer(text)]
    found += BRACE_PLACEHOLDER.findall(text)
    return sorted(found)


def _read_catalog(path: Path, language: str = LANGUAGE) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=language)


@lru_cache(maxsize=None)
def _catalogue(language: str) -> Catalog:
    return _read_catalog(_po_file(language), language)


def _compile_if_stale(po_path: Path) -> None:
    """Build messages.mo from messages.po when it is missing or older (the .mo files are git-ignored)."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return
    catalog = _read_catalog(po_path, po_path.parent.parent.name)
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


@pytest.fixture(scope="module")
def arabic() -> Catalog:
    return _catalogue("ar")


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


def test_the_languages_under_test():
    """Welsh and Arabic are both checked; every released language has a catalogue and a plural rule here."""
    assert {"cy", "ar"} <= set(LANGUAGES)
    for code in RELEASED:
        assert _po_file(code).exists(), f"{code} is in LANGUAGES but has no catalogue (translate init {code})"
    unknown = sorted(set(LANGUAGES) - set(SPECS))
    assert not unknown, f"add the plural rule, counts and direction of {unknown} to SPECS in this file"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_in_the_catalogue_and_translated(extracted, language):
    catalogue = _catalogue(language)
    po_file = _po_file(language)
    missing, untranslated, fuzzy, plural_mismatch = [], [], [], []
    for message in extracted:
        if not message.id:
            continue
        entry = catalogue.get(message.id, context=message.context)
        if entry is None:
            missing.append(_label(message))
            continue
        if entry.fuzzy:
            fuzzy.append(_label(message))
        if message.pluralizable != entry.pluralizable or (message.pluralizable and message.id[1] != entry.id[1]):
            plural_mismatch.append(_label(message))
            continue
        forms = entry.string if entry.pluralizable else (entry.string,)
        if entry.pluralizable and len(forms) != catalogue.num_plurals:
            untranslated.append(_label(message))
        elif not all(form and form.strip() for form in forms):
            untranslated.append(_label(message))
    problems = {
        f"missing from the {language} .po (run `flask --app consult translate update`)": missing,
        "with an empty msgstr": untranslated,
        "marked fuzzy": fuzzy,
        "whose plural msgid changed": plural_mismatch,
    }
    report = "\n".join(f"{len(ids)} msgid(s) {what}:\n  " + "\n  ".join(ids) for what, ids in problems.items() if ids)
    assert not report, f"{po_file.relative_to(ROOT)} is out of date:\n{report}"


def _rule(plural_forms: str):
    """A gettext Plural-Forms value as a function of n."""
    return gettext.c2py(plural_forms.split("plural=", 1)[1].strip().rstrip(";"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_has_the_plural_rule(language):
    """The .po header, Babel's CLDR rule, and the rule the translations were written for agree."""
    spec = SPECS[language]
    catalogue = _catalogue(language)
    assert catalogue.num_plurals == len(spec.counts) == len({spec.form(n) for n in spec.counts})
    header = gettext.c2py(catalogue.plural_expr)
    cldr = _rule(to_gettext(Locale.parse(language).plural_form))
    ours = _rule(spec.plural_forms)
    for n in range(1001):
        assert header(n) == cldr(n) == ours(n) == spec.form(n), f"the {language} plural rules disagree for n={n}"


def test_header_has_the_arabic_plural_rule(arabic):
    assert arabic.num_plurals == 6
    header = gettext.c2py(arabic.plural_expr)
    expected = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4, 1000: 5}
    assert {n: header(n) for n in expected} == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    """Every placeholder in a msgid is in each msgstr form, and a msgstr adds none (it would raise)."""
    catalogue = _catalogue(language)
    broken = []
    for message in catalogue:
        if not message.id or not message.string:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        forms = message.string if message.pluralizable else (message.string,)
        wanted = sorted(set().union(*(_placeholders(text) for text in ids)))
        for index, form in enumerate(forms):
            have = sorted(set(_placeholders(form)))
            if form and have != wanted:
                broken.append(f"{_label(message)} msgstr[{index}]: expected {wanted}, found {have}")
    for message, errors in catalogue.check():
        broken += [f"{_label(message)}: {error}" for error in errors]
    assert not broken, f"{language} placeholders differ:\n  " + "\n  ".join(broken)


def _plural_msgids(catalog: Catalog) -> list[tuple[str, str]]:
    return [message.id for message in catalog if message.id and message.pluralizable]


@pytest.mark.parametrize(("language", "n"), PLURAL_CASES)
def test_plural_forms(app, language, n):
    """ngettext under each language picks the form its rule gives for n, and the form shows n."""
    from flask_babel import force_locale, ngettext

    catalogue = _catalogue(language)
    plurals = _plural_msgids(catalogue)
    assert plurals, "the catalogue has no plural messages to check"
    index = SPECS[language].form(n)
    with app.app_context(), force_locale(language):
        for singular, plural in plurals:
            # Other placeholders ("%(answer)s chose ...") get a stand-in word, so only num varies.
            others = {name: f"<{name}>" for name in NAMED_PLACEHOLDER.findall(singular + plural) if name != "num"}
            rendered = ngettext(singular, plural, n, **others)
            expected = catalogue[singular].string[index] % {"num": n, **others}
            assert rendered == expected, f"{language}: {singular!r} with n={n} should use msgstr[{index}]"
            if "%(num)" in singular + plural:  # some name a list instead ("questions 4 and 5 ...")
                assert str(n) in rendered, f"{language}: {singular!r} with n={n} does not show the number"
            assert rendered != (singular if n == 1 else plural) % {"num": n, **others}


def test_welsh_plural_forms_mutate_after_two_three_and_six(welsh):
    """Spot-check the grammar of the counted nouns, not only the form index."""
    question = welsh.get("%(num)s question")
    if question is None:
        pytest.skip("no '%(num)s question' message in the catalogue")
    forms = question.string
    assert "gwestiwn" in forms[2]  # 2 gwestiwn: soft mutation after dau
    assert "chwestiwn" in forms[3] and "chwestiwn" in forms[4]  # 3 chwestiwn, 6 chwestiwn: aspirate
    assert forms[5].endswith("cwestiwn")


def test_arabic_counted_nouns_agree_with_the_number(arabic):
    """Spot-check the grammar: dual after 2, plural after 3-10, accusative singular after 11-99."""
    question = arabic.get("%(num)s question")
    if question is None:
        pytest.skip("no '%(num)s question' message in the catalogue")
    zero, one, two, few, many, other = question.string
    assert "سؤالان" in two  # 2: the dual
    assert "أسئلة" in few  # 3-10: the plural
    assert "سؤالًا" in many  # 11-99: singular, accusative (tanwin)
    assert other.endswith("سؤال") and one.endswith("سؤال")  # 100: singular, genitive
    days = arabic.get("Saved answers are kept for %(num)s day, and a link stops working once the answers have been sent.")
    if days is not None:
        assert "يومين" in days.string[2] and "أيام" in days.string[3] and "يومًا" in days.string[4]
    for message in arabic:
        if message.id and message.pluralizable:
            forms = message.string
            # (one and many can be spelt alike: 1 كلمة, 11 كلمة; the dual and the 3-10 plural cannot.)
            assert forms[2] not in (forms[1], forms[3]), f"{_label(message)}: msgstr[2] is not a dual"
            assert forms[3] != forms[4], f"{_label(message)}: msgstr[3] (3-10) must be the plural, not msgstr[4]"


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


@pytest.mark.parametrize("language", RELEASED)
def test_a_page_in_each_released_language(app, demo, language):
    """<html lang dir> are right and the interface strings on the home and start pages are translated."""
    catalogue = _catalogue(language)
    spec = SPECS[language]
    client = app.test_client()
    title = catalogue["Have your say"].string
    assert title and title != "Have your say"

    home = client.get(f"/?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}" dir="{spec.direction}">' in home
    assert re.search(rf"<h1[^>]*>\s*{re.escape(title)}\s*</h1>", home), f"the {language} h1 is missing"
    assert "Have your say" not in home

    start = client.get(f"/c/{demo['slug']}?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}" dir="{spec.direction}">' in start
    assert catalogue["Start now"].string in start and "Start now" not in start
    question = catalogue.get("%(num)s question")
    if question is not None:
        count = len(demo["questions"])
        assert question.string[spec.form(count)] % {"num": count} in start


def _untagged_latin_text(html: str) -> list[str]:
    """Text with Latin words that is not marked as another language (consultation content that fell back
    to English carries lang="en"; the language links carry their own lang)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for text in soup.body.find_all(string=True):
        if type(text) is not NavigableString or text.parent.name in ("script", "style", "title"):
            continue
        owner = text.find_parent(attrs={"lang": True})
        if owner is not None and owner.name != "html" and not owner["lang"].startswith("ar"):
            continue
        # Not e-mail or web addresses, nor a postal address kept left to right in an isolate (U+2066 ... U+2069).
        kept_apart = re.sub(r"\S+@\S+|https?://\S+|\u2066[^\u2069]*\u2069", "", text)
        words = re.findall(r"[A-Za-z]{2,}", kept_apart)
        if [word for word in words if word not in ("Consult", "JavaScript", "WCAG", "AA", "LIX")]:
            found.append(text.strip())
    return found


def _assert_arabic_page(html: str, path: str) -> BeautifulSoup:
    assert '<html lang="ar" dir="rtl">' in html, path
    soup = BeautifulSoup(html, "html.parser")
    h1 = soup.find("h1")
    assert h1 is not None, path
    assert ARABIC_LETTER.search(h1.get_text()) or h1.find(attrs={"lang": True}) or h1.get("lang"), \
        f"{path}: the h1 is neither Arabic nor marked as another language"
    assert ARABIC_LETTER.search(soup.find("main").get_text()), f"{path}: no Arabic in <main>"
    untagged = _untagged_latin_text(html)
    assert not untagged, f"{path}: English text on an Arabic page without its own lang: {untagged}"
    return soup


@pytest.mark.skipif("ar" not in RELEASED, reason='"ar" is not in LANGUAGES yet')
def test_an_arabic_question_and_its_error_are_right_to_left(resident, demo, arabic):
    start = resident.get(f"/c/{demo['slug']}?lang=ar")
    question = resident.submit(start)
    assert question.status == 200 and "/q/" in question.path
    _assert_arabic_page(question.html, question.path)
    assert arabic["Continue"].string in question.html
    error = resident.submit(question)  # Continue with nothing chosen
    assert error.status in (200, 422)
    soup = _assert_arabic_page(error.html, error.path)
    assert error.title.startswith(arabic["Error:"].string), error.title
    summary = soup.select_one(".error-summary")
    assert summary is not None and arabic["There is a problem"].string in summary.get_text()


@pytest.mark.skipif("ar" not in RELEASED, reason='"ar" is not in LANGUAGES yet')
def test_an_arabic_page_is_right_to_left_and_in_arabic(app, demo, arabic):
    client = app.test_client()
    for path in ("/", f"/c/{demo['slug']}", "/accessibility"):
        response = client.get(f"{path}?lang=ar")
        assert response.status_code == 200, path
        soup = _assert_arabic_page(response.get_data(as_text=True), path)
        if path != f"/c/{demo['slug']}":  # (that title is the consultation's, in English: no Arabic version)
            assert ARABIC_LETTER.search(soup.find("title").get_text()), f"{path}: no Arabic in <title>"
    home = client.get("/?lang=ar").get_data(as_text=True)
    assert arabic["Have your say"].string in home
    assert arabic["Skip to main content"].string in home and arabic["Accessibility statement"].string in home
