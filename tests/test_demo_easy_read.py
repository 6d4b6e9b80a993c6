"""The demo consultations come with easy-read words in English and Welsh, and a described picture
for every question and answer (issue 5: "What must be shown")."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult import ROOT
from consult.checker import check_text
from consult.demo import CLOSED_SLUG, DEMO_SLUG
from consult.demo_easy_read import add_easy_read, wheelchair_repairs
from consult.demo_park import PARK_SLUG
from consult.extensions import db
from consult.models import Consultation, TextVariant
from consult.models.content import EASY, STANDARD
from consult.pictures import OPENMOJI_ATTRIBUTION, SYMBOL_FOLDER, SYMBOL_KIND
from tests.helpers import Resident

SLUGS = [DEMO_SLUG, CLOSED_SLUG, PARK_SLUG]
EASY_LANGUAGES = ["en", "cy"]
ALT_LANGUAGES = ["en", "cy", "ar"]
SETTINGS = ("title", "summary", "purpose", "organiser", "data_use", "contact")


def _consultation(slug: str) -> Consultation:
    return db.session.execute(select(Consultation).where(Consultation.slug == slug)).scalar_one()


def _pictured(consultation: Consultation):
    """(name, owner, should it have a picture) for every question and answer a resident meets."""
    for question in consultation.questions:
        yield f"question {question.position}", question, True
        for option in question.options:
            # The agree scale's faces are drawn by the page beside the words, not stored.
            yield f"question {question.position} answer {option.value}", option, question.kind != "agree_scale"


def _easy_blocks(consultation: Consultation) -> dict[str, int]:
    """Every text block that needs an easy-read version, named for the failure message.

    Agree-scale answers are left out: their words are the interface's, translated by the catalogue.
    """
    blocks = {name: getattr(consultation, f"{name}_id") for name in SETTINGS}
    for question in consultation.questions:
        blocks[f"question {question.position} prompt"] = question.prompt_id
        blocks[f"question {question.position} hint"] = question.hint_id
        if question.kind != "agree_scale":
            for option in question.options:
                blocks[f"question {question.position} answer {option.value}"] = option.label_id
    return {name: block_id for name, block_id in blocks.items() if block_id is not None}


def _variants(block_ids, register: str) -> dict[tuple[int, str], str]:
    rows = db.session.execute(
        select(TextVariant.block_id, TextVariant.language, TextVariant.body)
        .where(TextVariant.block_id.in_(block_ids), TextVariant.register == register)
    )
    return {(block_id, language): body for block_id, language, body in rows if body.strip()}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_question_and_answer_has_a_symbol_described_in_english_welsh_and_arabic(app, demo, slug):
    with app.app_context():
        consultation = _consultation(slug)
        owners = list(_pictured(consultation))
        assert len(owners) > (20 if slug == DEMO_SLUG else 4)
        problems = []
        alt_ids = {}
        for name, owner, wanted in owners:
            picture = owner.picture
            if not wanted:
                if picture is not None:
                    problems.append(f"{name}: has a picture beside the faces")
                continue
            if picture is None:
                problems.append(f"{name}: no picture")
                continue
            if picture.kind != SYMBOL_KIND or picture.attribution != OPENMOJI_ATTRIBUTION:
                problems.append(f"{name}: not an OpenMoji symbol with its credit")
            if not (ROOT / "static" / SYMBOL_FOLDER / f"{picture.ref}.svg").is_file():
                problems.append(f"{name}: symbol {picture.ref} is not installed")
            alt_ids[name] = picture.alt_id
        described = _variants(alt_ids.values(), STANDARD)
        problems += [f"{name}: no alt text in {language}" for name, alt_id in alt_ids.items()
                     for language in ALT_LANGUAGES if (alt_id, language) not in described]
        # Alt text says what is shown, not that it is a picture (a screen reader already says so).
        problems += [f"{name}: alt text {described[(alt_id, 'en')]!r}" for name, alt_id in alt_ids.items()
                     if (alt_id, "en") in described and "picture" in described[(alt_id, "en")].lower()]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_symbol_stands_for_two_things_in_one_questionnaire(app, demo, slug):
    with app.app_context():
        consultation = _consultation(slug)
        used: dict[str, list[str]] = {}
        for name, owner, wanted in _pictured(consultation):
            if wanted:
                used.setdefault(owner.picture.ref, []).append(name)
    repeated = {ref: names for ref, names in used.items() if len(names) > 1}
    assert not repeated, repeated


@pytest.mark.parametrize("slug", SLUGS)
def test_every_resident_text_has_easy_read_in_english_and_welsh(app, demo, slug):
    with app.app_context():
        consultation = _consultation(slug)
        blocks = _easy_blocks(consultation)
        written = _variants(blocks.values(), EASY)
    assert len(blocks) > (35 if slug == DEMO_SLUG else 8)
    missing = [f"{name} ({language})" for name, block_id in blocks.items() for language in EASY_LANGUAGES
               if (block_id, language) not in written]
    assert not missing, "no easy read in: " + ", ".join(missing)


def test_easy_read_texts_keep_the_easy_read_rules(app, demo):
    """Design section 6: 15 words or fewer a sentence, one idea each, numbers as digits, no emphasis
    but bold. Long words and capitals may stay: they are the service's name and the postcode."""
    with app.app_context():
        ids = [block_id for slug in SLUGS for block_id in _easy_blocks(_consultation(slug)).values()]
        texts = _variants(ids, EASY)
    assert len(texts) > 90
    problems = []
    for (_, language), body in sorted(texts.items()):
        report = check_text(body, language, register=EASY)
        problems += [f"[{language}] {s.word_count} words ({s.level}): {s.text}"
                     for s in report.sentences if s.level != "ok"]
        for kind in ("several_ideas", "numbers_as_words", "formatting"):
            problems += [f"[{language}] {kind} {f.text!r}: {body}" for f in report.findings(kind)]
    assert not problems, "\n".join(problems)


def test_welsh_easy_read_uses_w_and_y_with_a_circumflex(app, demo):
    """Everyday words such as "tŷ bach" and "siŵr", so a printed easy-read questionnaire shows both letters."""
    with app.app_context():
        ids = _easy_blocks(_consultation(DEMO_SLUG)).values()
        welsh = " ".join(body for (_, language), body in _variants(ids, EASY).items() if language == "cy")
    assert "ŵ" in welsh and "ŷ" in welsh


def test_a_welsh_resident_reads_easy_read_words_beside_described_pictures(app, demo):
    resident = Resident(app.test_client())
    start = resident.get(f"/c/{DEMO_SLUG}?lang=cy&register=easy")
    assert start.status == 200
    assert start.h1 == "Dywedwch wrthym am eich offer"
    first = resident.submit(start)
    assert first.h1 == "Pa offer gawsoch chi gennym ni?"
    alts = [image.get("alt") for image in first.soup.find("main").find_all("img")]
    assert "Parsel" in alts and "Cadair olwyn" in alts and "Saeth yn pwyntio i fyny" in alts
    assert "Pethau ar gyfer y tŷ bach, fel sedd uwch" in first.text()


def test_the_hoist_is_not_shown_as_a_lift_or_a_wheelchair(app, demo):
    """Issue 13 item 8: OpenMoji's "elevator" (tagged hoist) is a lift in the UK sense, and "help others"
    pushes a wheelchair, the answer above it. The hoist gets words that say what lifts and a picture that
    claims no other object (consult/demo_easy_read.py says why)."""
    resident = Resident(app.test_client())
    first = resident.submit(resident.get(f"/c/{DEMO_SLUG}?register=easy"))
    card = next(item for item in first.soup.select("main .choices__item") if "hoist" in item.get_text())
    assert "A hoist or a sling that lifts you up" in card.get_text(" ", strip=True)
    picture = card.find("img")
    assert picture["alt"] == "An arrow pointing up"
    assert not any(code in picture["src"] for code in ("1F6D7", "E083", "1F9BD"))


def test_arabic_easy_read_falls_back_to_standard_arabic_with_arabic_descriptions(app, demo):
    resident = Resident(app.test_client())
    start = resident.get(f"/c/{DEMO_SLUG}?lang=ar&register=easy")
    assert start.h1 == "أجهزتك ورأيك فيها"
    first = resident.submit(start)
    assert first.h1 == "ما الأجهزة التي أخذتها منّا؟"
    alts = [image.get("alt") for image in first.soup.find("main").find_all("img")]
    assert "طرد" in alts and "كرسي متحرك" in alts


def test_easy_read_refuses_questions_that_do_not_match(app, demo):
    with app.app_context():
        consultation = _consultation(DEMO_SLUG)
        with pytest.raises(ValueError, match="do not match"):
            add_easy_read(consultation, wheelchair_repairs())
        db.session.rollback()
