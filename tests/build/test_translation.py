"""Translating a consultation: offered languages, the side-by-side editor, PO round trip, publishing."""

from __future__ import annotations

import io
from datetime import timedelta

from babel.messages.pofile import read_po, write_po
from sqlalchemy import select

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Response, TextBlock
from consult.models._time import utcnow
from tests.helpers import Resident
from tests.html_checks import assert_well_formed


def _small(app, slug="park", prompt="Which park do you use?", status="draft"):
    with app.app_context():
        now = utcnow()
        c = create_consultation(slug, title="Parks", summary="Tell us about parks.", opens_at=now - timedelta(days=1),
                                closes_at=now + timedelta(days=30), status=status)
        add_question(c, "single_choice", prompt, options=["Victoria Park", "Riverside"])
        db.session.commit()
        return c.id


def _post_form(person, page, action_ending, data=None):
    forms = [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"]
    index = next(i for i, f in enumerate(forms) if f["action"].endswith(action_ending))
    return person.submit(page, data or {}, form_index=index)


def _save_texts(person, page, texts: dict, **more):
    """The editor's one Save (issue 13, item 15): the page's form with these texts typed in."""
    forms = [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"]
    index = forms.index(page.soup.find("form", id="translations-form"))
    return person.submit(page, {f"text-{key}": text for key, text in texts.items()} | more, form_index=index)


def _offer_welsh(editor, consultation_id):
    page = editor.get(f"/staff/consultations/{consultation_id}/languages")
    assert_well_formed(page)
    return _post_form(editor, page, "/languages", {"language": ["cy"]})


def test_translate_side_by_side_and_publishing_waits_for_it(app, signed_in):
    consultation_id = _small(app)
    editor = signed_in("editor")
    languages = _offer_welsh(editor, consultation_id)
    assert "0 of 5 texts translated" in languages.text()
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    refused = _post_form(editor, overview, "/publish")
    assert refused.status == 422 and "Welsh: 5 of 5 texts are not translated yet" in refused.text()

    page = editor.get(f"/staff/consultations/{consultation_id}/translate/cy")
    assert_well_formed(page)
    textarea = page.soup.find("textarea", id="text-row-consultation-title")
    assert textarea["lang"] == "cy"
    source = page.soup.find(id="row-consultation-title").find("p", attrs={"lang": "en"})
    assert source.get_text() == "Parks"
    welsh = {"consultation.title": "Parciau", "consultation.summary": "Dywedwch wrthym am barciau."}
    page = _save_texts(editor, page, welsh)
    assert "2 texts saved." in page.text()
    assert "2 of 5 texts translated" in page.text()


def test_changed_source_needs_checking(app, signed_in):
    consultation_id = _small(app)
    editor = signed_in("editor", htmx=True)
    _offer_welsh(editor, consultation_id)
    page = editor.get(f"/staff/consultations/{consultation_id}/translate/cy")
    saved = _save_texts(editor, page, {"consultation.title": "Parciau"})
    assert saved.soup.find(id="row-consultation-title") is not None
    # Staff change the English title: the Welsh one now needs checking.
    import time

    time.sleep(0.01)
    settings = editor.get(f"/staff/consultations/{consultation_id}/settings")
    editor.submit(settings, {"title": "Parks and play areas"}, form_index=-1)
    page = editor.get(f"/staff/consultations/{consultation_id}/translate/cy")
    row = page.soup.find(id="row-consultation-title")
    assert "Needs checking" in row.get_text()
    # Saving the page without touching it leaves it needing checking; the box says it was checked.
    unchanged = _save_texts(editor, page, {})
    assert "Needs checking" in unchanged.soup.find(id="row-consultation-title").get_text()
    checked = _save_texts(editor, unchanged, {}, **{"checked-consultation.title": "1"})
    assert "Needs checking" not in checked.soup.find(id="row-consultation-title").get_text()


def _exported(editor, consultation_id, language="cy"):
    response = editor.client.get(f"/staff/consultations/{consultation_id}/translate/{language}/export")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f'-{language}.po"')
    return read_po(io.BytesIO(response.data))


def test_the_translation_file_is_never_kept_in_a_browser_or_proxy_cache(app, signed_in):
    consultation_id = _small(app)
    editor = signed_in("editor")
    _offer_welsh(editor, consultation_id)
    response = editor.client.get(f"/staff/consultations/{consultation_id}/translate/cy/export")
    assert response.status_code == 200 and response.headers.get("Cache-Control") == "no-store"


def _upload(editor, consultation_id, catalog, language="cy"):
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    page = editor.get(f"/staff/consultations/{consultation_id}/translate/{language}/import")
    assert_well_formed(page)
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    response = editor.client.post(
        f"/staff/consultations/{consultation_id}/translate/{language}/import",
        data={"csrf_token": token, "file": (io.BytesIO(buffer.getvalue()), "park-cy.po")},
        content_type="multipart/form-data")
    from tests.helpers import Page

    return Page(response.status_code, page.path, response.get_data(as_text=True), dict(response.headers))


WELSH = {
    "Parks": "Parciau",
    "Tell us about parks.": "Dywedwch wrthym am barciau.",
    "Which park do you use?": "Pa barc ydych chi’n ei ddefnyddio?",
    "Victoria Park": "Parc Victoria",
    "Riverside": "Glan yr Afon",
}


def test_round_trip_export_translate_import_answer(app, signed_in):
    consultation_id = _small(app)
    editor = signed_in("editor")
    _offer_welsh(editor, consultation_id)
    catalog = _exported(editor, consultation_id)
    assert str(catalog.locale) == "cy"
    assert {message.context for message in catalog if message.id} >= {"consultation.title", "consultation.summary"}
    for message in catalog:
        if message.id:
            message.string = WELSH[message.id]
    preview = _upload(editor, consultation_id, catalog)
    assert preview.status == 200
    assert "5 texts will change" in preview.text() and "Glan yr Afon" in preview.text()
    assert_well_formed(preview)
    done = _post_form(editor, preview, "/apply")
    assert "5 translations saved." in done.text()
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    assert "Publish" in _post_form(editor, overview, "/publish").text()

    resident = Resident(app.test_client())
    start = resident.get("/c/park?lang=cy")
    assert start.h1 == "Parciau"
    assert '<html lang="cy"' in start.html
    page = resident.submit(start)
    assert "Pa barc ydych chi’n ei ddefnyddio?" in page.h1
    page = resident.submit(page, {page.field_name(): page.option_value("Glan yr Afon")})
    assert "Glan yr Afon" in page.text()
    resident.submit(page)
    with app.app_context():
        assert db.session.execute(select(Response.language)).scalar_one() == "cy"


def test_import_refuses_what_it_cannot_use(app, signed_in):
    consultation_id = _small(app, prompt="How many {count} visits?")
    editor = signed_in("editor")
    _offer_welsh(editor, consultation_id)
    _post_form(editor, editor.get(f"/staff/consultations/{consultation_id}/languages"), "/languages",
               {"language": ["cy", "pl"]})
    wrong_language = _exported(editor, consultation_id, "pl")
    refused = _upload(editor, consultation_id, wrong_language)
    assert refused.status == 422 and "This file is for “pl”, not “cy”" in refused.text()
    assert_well_formed(refused)

    catalog = _exported(editor, consultation_id)
    for message in catalog:
        if message.id == "How many {count} visits?":
            message.string = "Faint o ymweliadau?"  # the placeholder is lost
        elif message.id == "Parks":
            message.string = "Parciau"
    catalog.add("Made up", string="Wedi'i wneud", context="question.999.prompt")
    page = _upload(editor, consultation_id, catalog)
    text = page.text()
    assert "must keep {count} exactly as written" in text
    assert "“question.999.prompt” is not a text in this consultation" in text
    assert "1 text will change" in text

    broken = editor.client.post(
        f"/staff/consultations/{consultation_id}/translate/cy/import",
        data={"csrf_token": page.soup.find("input", attrs={"name": "csrf_token"})["value"],
              "file": (io.BytesIO(b"msgid \"unterminated"), "broken.po")},
        content_type="multipart/form-data")
    assert broken.status_code == 422 and "could not be read" in broken.get_data(as_text=True)


def test_content_only_language_keeps_the_interface_in_english(app, signed_in):
    consultation_id = _small(app, status="published")
    editor = signed_in("editor")
    _post_form(editor, editor.get(f"/staff/consultations/{consultation_id}/languages"), "/languages",
               {"language": ["pl"]})
    page = editor.get(f"/staff/consultations/{consultation_id}/translate/pl")
    _save_texts(editor, page, {"consultation.title": "Parki"})
    resident = Resident(app.test_client())
    start = resident.get("/c/park")
    link = start.soup.find("a", attrs={"hreflang": "pl"})
    assert link is not None and link.get_text() == "Polski"
    polish = resident.get(link["href"])
    assert '<html lang="en"' in polish.html  # no Polish interface catalogue
    heading = polish.soup.find("h1")
    assert heading.get_text() == "Parki" and heading.get("lang") == "pl"
    summary = polish.soup.find("p", class_="lead")
    # Not translated yet: it falls back to English, which is the page's own language, so no lang.
    assert summary.get_text() == "Tell us about parks." and not summary.get("lang")


def test_a_consultation_can_be_written_in_welsh_first(app, signed_in):
    from consult.models import Consultation

    editor = signed_in("editor")
    page = editor.submit(editor.get("/staff/consultations/new"), {
        "language": "cy", "title": "Llwybrau bws", "summary": "Dywedwch wrthym pa fysiau rydych chi’n eu defnyddio.",
        "slug": "llwybrau-bws", "opens_date": "2026-01-01", "opens_time": "09:00", "closes_date": "2099-03-01",
        "closes_time": "23:59", "estimated_minutes": "4"})
    assert page.h1.endswith("Llwybrau bws")
    with app.app_context():
        consultation = db.session.execute(select(Consultation).where(Consultation.slug == "llwybrau-bws")).scalar_one()
        assert consultation.default_language == "cy"


def test_the_overview_says_which_languages_have_no_easy_read_version(app, signed_in):
    consultation_id = _small(app, slug="easy-gaps")
    editor = signed_in("editor")
    _offer_welsh(editor, consultation_id)
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    heading = overview.soup.find("h3", string="Easy read: worth another look")
    assert heading is not None
    advice = [" ".join(item.get_text(" ", strip=True).split()) for item in heading.find_next("ul").find_all("li")]
    assert any(line.startswith("English") and "no easy-read version in English yet" in line for line in advice)
    assert any(line.startswith("Welsh") and "no easy-read version in Welsh yet" in line for line in advice)
    link = heading.find_next("ul").find("a")["href"]
    assert link.endswith("?register=easy")
    # Advice only: the easy-read gaps are not among the problems that stop publishing.
    assert not any("easy-read" in item.get_text() for item in overview.soup.select("#problem-1, [id^=problem-]"))

    # Part done: how many are left.
    with app.app_context():
        from consult.build.translation import rows, save_translation
        from consult.models import Consultation
        from consult.models.content import EASY

        consultation = db.session.get(Consultation, consultation_id)
        easy_rows = rows(consultation, "en", EASY)
        save_translation(db.session.get(TextBlock, easy_rows[0].unit.block_id), "en", "Which park do you go to?",
                         EASY)
        db.session.commit()
        total = len(easy_rows)
    again = editor.get(f"/staff/consultations/{consultation_id}")
    assert f"{total - 1} of {total} texts have no easy-read version in English yet" in again.text()
