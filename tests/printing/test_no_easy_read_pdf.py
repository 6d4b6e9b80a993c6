"""A language offered without easy-read texts gets no easy-read PDF: not offered, and not served (404),
for the easy-read questionnaire and for the easy-read results ("What you told us"). The demo's Arabic
has no easy-read texts; its English and Welsh have."""

from __future__ import annotations

from consult.demo import CLOSED_SLUG
from consult.extensions import db
from consult.loading import load_consultation
from consult.models._time import utcnow
from consult.printing.easy_read import easy_read_languages
from tests.printing.conftest import give_arabic_easy_read


def test_the_demo_has_easy_read_in_english_and_welsh_only(app, demo):
    with app.app_context():
        assert easy_read_languages(load_consultation(demo["slug"])) == ["en", "cy"]


def test_no_easy_read_questionnaire_in_a_language_without_easy_read(app, demo, resident):
    slug = demo["slug"]
    assert resident.client.get(f"/c/{slug}/print/ar/easy-read.pdf").status_code == 404
    assert resident.client.get(f"/c/{slug}/print/ar/large-print.pdf").status_code == 200
    arabic = resident.get(f"/c/{slug}?lang=ar")
    hrefs = [link["href"] for link in arabic.soup.select("a[type='application/pdf']")]
    assert f"/c/{slug}/print/ar/large-print.pdf" in hrefs
    assert not [href for href in hrefs if href.endswith("easy-read.pdf")], hrefs
    welsh = resident.get(f"/c/{slug}?lang=cy")
    assert f"/c/{slug}/print/cy/easy-read.pdf" in [link["href"] for link in welsh.soup.select("a[type='application/pdf']")]


def test_easy_read_texts_in_arabic_bring_the_easy_read_questionnaire(app, demo, resident):
    with app.app_context():
        give_arabic_easy_read(load_consultation(demo["slug"]))
        db.session.commit()
    response = resident.client.get(f"/c/{demo['slug']}/print/ar/easy-read.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"


def _publish_closed(app):
    with app.app_context():
        consultation = load_consultation(CLOSED_SLUG)
        consultation.results_published_at = utcnow()
        db.session.commit()


def test_no_easy_read_results_in_a_language_without_easy_read(app, demo, resident, signed_in):
    _publish_closed(app)
    assert resident.client.get(f"/results/{CLOSED_SLUG}/print/ar/what-you-told-us.pdf").status_code == 404
    assert resident.client.get(f"/results/{CLOSED_SLUG}/print/cy/what-you-told-us.pdf").status_code == 200
    arabic = resident.get(f"/results/{CLOSED_SLUG}?lang=ar")
    assert arabic.status == 200
    assert not arabic.soup.select("a[href$='what-you-told-us.pdf']")
    welsh = resident.get(f"/results/{CLOSED_SLUG}?lang=cy")
    assert welsh.soup.select(f"a[href='/results/{CLOSED_SLUG}/print/cy/what-you-told-us.pdf']")
    staff = signed_in("editor").get(f"/staff/results/{CLOSED_SLUG}/outcomes")
    offered = {link["href"] for link in staff.soup.select("a[href$='what-you-told-us.pdf']")}
    assert offered == {f"/results/{CLOSED_SLUG}/print/{code}/what-you-told-us.pdf" for code in ("en", "cy")}
    assert "no easy-read version in this language" in staff.text()
