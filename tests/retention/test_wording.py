"""The start page's "how long we keep your answers" follows the consultation's rule, in every language,
and staff set the rule on the builder's settings page."""

from __future__ import annotations

from flask_babel import force_locale

from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Consultation
from consult.retention.rules import set_rule
from consult.retention.wording import retention_sentences


def _retention_paragraph(resident, slug: str, language: str | None = None) -> str:
    page = resident.get(f"/c/{slug}" + (f"?lang={language}" if language else ""))
    assert page.status == 200
    paragraph = page.soup.find(id="retention")
    assert paragraph is not None, "the start page says nothing about how long answers are kept"
    heading = paragraph.find_previous("h2")
    assert heading is not None and heading.get_text(strip=True)
    return " ".join(paragraph.get_text(" ", strip=True).split())


def _expected(app, slug: str, language: str) -> str:
    with app.test_request_context("/"), force_locale(language):
        return " ".join(retention_sentences(load_consultation(slug)))


def test_the_start_page_says_the_default_periods(app, demo, resident):
    text = _retention_paragraph(resident, demo["slug"])
    assert "24 months after the consultation closes" in text
    assert "6 months after it closes" in text


def test_the_start_page_follows_the_consultations_own_rule_in_english_and_welsh(app, demo, resident):
    with app.app_context():
        set_rule(db.session.get(Consultation, demo["id"]), free_text_months=1, contact_months=3)
        db.session.commit()
    english = _retention_paragraph(resident, demo["slug"])
    assert "1 month after the consultation closes" in english and "3 months after it closes" in english
    assert english == _expected(app, demo["slug"], "en")
    welsh = _retention_paragraph(resident, demo["slug"], "cy")
    assert welsh == _expected(app, demo["slug"], "cy")
    assert "1" in welsh and "3" in welsh
    page = resident.get(f"/c/{demo['slug']}?lang=cy")
    assert page.soup.html["lang"] == "cy"


def test_staff_set_the_periods_on_the_settings_page(app, demo, signed_in, resident):
    editor = signed_in("editor")
    path = f"/staff/consultations/{demo['id']}/settings"
    page = editor.get(path)
    free_text = page.soup.find("input", attrs={"name": "retention_free_text_months"})
    contact = page.soup.find("input", attrs={"name": "retention_contact_months"})
    assert (free_text["value"], contact["value"]) == ("24", "6")
    for field in (free_text, contact):
        label = page.soup.find("label", attrs={"for": field["id"]})
        assert label is not None and label.get_text(strip=True)
        assert f"{field['id']}-hint" in field["aria-describedby"]

    refused = editor.submit(page, {"retention_free_text_months": "0", "retention_contact_months": "many"})
    assert refused.status == 422
    summary = refused.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert summary.count("Enter a number of months from 1 to 120") == 2
    # Nothing typed is lost.
    assert refused.soup.find("input", attrs={"name": "retention_contact_months"})["value"] == "many"

    # Saved, then back to the consultation's overview (not followed: that page belongs to other tests).
    form = editor.get(path).form()
    data = {**editor._current_values(form), "retention_free_text_months": "12", "retention_contact_months": "2"}
    saved = editor.client.post(path, data=data)
    assert saved.status_code in (302, 303) and saved.headers["Location"].endswith(f"/consultations/{demo['id']}")
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        assert (consultation.retention_free_text_months, consultation.retention_contact_months) == (12, 2)
    assert "12 months after the consultation closes" in _retention_paragraph(resident, demo["slug"])

    # Empty boxes: back to the installation's defaults.
    data = {**editor._current_values(editor.get(path).form()), "retention_free_text_months": "",
            "retention_contact_months": ""}
    assert editor.client.post(path, data=data).status_code in (302, 303)
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        assert (consultation.retention_free_text_months, consultation.retention_contact_months) == (None, None)
