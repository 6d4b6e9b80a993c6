"""Staff give questions and answers pictures; residents see them in easy read, with alt text and credits."""

from __future__ import annotations

import io

from PIL import Image

from consult.extensions import db
from consult.models import Option, Picture, Question


def _question(app, demo, kind):
    with app.app_context():
        question_id = next(qid for qid, qkind, _ in demo["questions"] if qkind == kind)
        question = db.session.get(Question, question_id)
        return question.id, [option.id for option in question.options]


def _picture_page(editor, demo, question_id, option_id=None, query=""):
    path = f"/staff/consultations/{demo['id']}/questions/{question_id}/picture"
    params = [f"option={option_id}"] if option_id else []
    if query:
        params.append(f"q={query}")
    return editor.get(path + ("?" + "&".join(params) if params else ""))


def _choose(editor, page, symbol, alt):
    return editor.submit(page, {"symbol": symbol, "alt": alt},
                         form_index=_form_index(page, "/picture/symbol"))


def _form_index(page, ending):
    """The index of a POST form among the page's POST forms, as Page.form counts them."""
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    return next(i for i, form in enumerate(forms) if form.get("action", "").endswith(ending))


def _preview(editor, demo, question_id, register="easy"):
    return editor.get(f"/staff/consultations/{demo['id']}/questions/{question_id}/preview?register={register}")


def test_staff_search_choose_and_residents_see_the_symbol_in_easy_read(app, signed_in, demo):
    editor = signed_in("editor")
    question_id, _ = _question(app, demo, "yes_no")
    page = _picture_page(editor, demo, question_id, query="bed")
    assert page.status == 200 and page.h1 == "Picture for question 3"
    cards = page.soup.select(".symbol-card input[type=radio]")
    assert "1F6CF" in [card["value"] for card in cards]
    saved = _choose(editor, page, "1F6CF", "A bed")
    assert saved.status == 200 and "Picture saved." in saved.text()
    assert saved.soup.select_one(".picture-link img")["src"].endswith("/vendor/openmoji/svg/1F6CF.svg")
    assert "A bed" in saved.soup.select_one(".picture-link").get_text()

    easy = _preview(editor, demo, question_id)
    image = easy.soup.select_one("legend + img.fieldset__picture")  # after the legend, not in it
    assert image["src"].endswith("/1F6CF.svg") and image["alt"] == "A bed"
    assert "OpenMoji, CC BY-SA 4.0" in easy.soup.select_one(".credits").get_text()
    standard = _preview(editor, demo, question_id, register="standard")
    assert standard.soup.select_one("main img") is None and standard.soup.select_one(".credits") is None

    # The description is translated with the other texts.
    translate = editor.get(f"/staff/consultations/{demo['id']}/translate/cy")
    assert "Description of the question’s picture" in translate.text()


def test_a_picture_for_an_answer_becomes_a_picture_card(app, signed_in, demo):
    editor = signed_in("editor")
    question_id, option_ids = _question(app, demo, "multiple_choice")
    page = _picture_page(editor, demo, question_id, option_ids[1], query="wheelchair")
    assert page.h1 == "Picture for the answer “A wheelchair”"
    _choose(editor, page, "1F9BD", "A wheelchair")
    easy = _preview(editor, demo, question_id)
    card = easy.soup.find("input", attrs={"value": str(option_ids[1])})
    label = easy.soup.find("label", attrs={"for": card["id"]})
    assert card["type"] == "checkbox"  # still a real checkbox
    assert "choices--cards" in easy.soup.select_one(".choices")["class"]
    assert label.find("img")["alt"] == "A wheelchair"
    assert label.select_one(".choices__text").get_text() == "A wheelchair"


def test_a_description_and_a_symbol_are_required(app, signed_in, demo):
    editor = signed_in("editor")
    question_id, _ = _question(app, demo, "yes_no")
    page = _picture_page(editor, demo, question_id, query="bed")
    refused = _choose(editor, page, "1F6CF", "  ")
    assert refused.status == 422
    summary = refused.soup.select_one(".error-summary")
    assert "Describe the picture in a few words" in summary.get_text()
    assert summary.find("a")["href"] == "#alt"
    unknown = _choose(editor, page, "NOT-A-SYMBOL", "A bed")
    assert unknown.status == 422 and "Choose a symbol" in unknown.soup.select_one(".error-summary").get_text()
    with app.app_context():
        assert db.session.query(Picture).filter(Picture.ref == "NOT-A-SYMBOL").count() == 0


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(editor, page, data: bytes, alt: str, filename: str):
    form = page.form(_form_index(page, "/picture/upload"))
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"type": "hidden"})}
    fields.update({"upload-alt": alt, "upload-picture": (io.BytesIO(data), filename)})
    return editor.client.post(form["action"], data=fields, content_type="multipart/form-data")


def test_an_uploaded_picture_is_checked_stored_and_served_safely(app, signed_in, demo, tmp_path):
    editor = signed_in("editor")
    question_id, option_ids = _question(app, demo, "single_choice")
    page = _picture_page(editor, demo, question_id, option_ids[0])
    refused = _upload(editor, page, b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "A van", "van.png")
    assert refused.status_code == 422
    assert "The picture must be a PNG or JPEG file" in refused.get_data(as_text=True)

    accepted = _upload(editor, page, _png(), "A delivery van", "van.png")
    assert accepted.status_code in (302, 303)
    with app.app_context():
        picture = db.session.get(Option, option_ids[0]).picture
        assert picture.kind == "upload" and picture.ref != "van.png" and picture.attribution is None
        ref = picture.ref
    served = editor.client.get(f"/pictures/{ref}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(served.data)).size == (60, 40)
    assert editor.client.get("/pictures/..%2Fsecret_key").status_code == 404
    assert editor.client.get("/pictures/" + "a" * 24 + ".png").status_code == 404
    easy = _preview(editor, demo, question_id)
    assert easy.soup.find("img", attrs={"src": f"/pictures/{ref}"})["alt"] == "A delivery van"


def test_removing_a_picture_can_be_undone(app, signed_in, demo):
    editor = signed_in("editor")
    question_id, _ = _question(app, demo, "number")
    page = _picture_page(editor, demo, question_id, query="clock")
    _choose(editor, page, "23F0", "An alarm clock")
    page = _picture_page(editor, demo, question_id)
    removed = editor.submit(page, form_index=_form_index(page, "/picture/remove"))
    assert "Picture removed." in removed.text()
    with app.app_context():
        assert db.session.get(Question, question_id).picture_id is None
    restored = editor.submit(removed, form_index=_form_index(removed, "/picture/restore"))
    assert "Picture put back." in restored.text()
    with app.app_context():
        assert db.session.get(Question, question_id).picture.ref == "23F0"


def test_the_agree_scale_shows_faces_beside_words_in_easy_read(app, signed_in, demo):
    editor = signed_in("editor")
    question_id, option_ids = _question(app, demo, "agree_scale")
    easy = _preview(editor, demo, question_id)
    labels = easy.soup.select(".choices__label")
    assert len(labels) == 6
    for label in labels:
        assert label.select_one(".face") is not None  # a face ...
        assert label.select_one(".choices__text").get_text(strip=True)  # ... always with words
    assert "Don’t know" in [label.select_one(".choices__text").get_text() for label in labels]
    assert "OpenMoji" in easy.soup.select_one(".credits").get_text()
    standard = _preview(editor, demo, question_id, register="standard")
    assert standard.soup.select_one(".face") is None


def test_analysts_cannot_change_pictures(app, signed_in, demo):
    analyst = signed_in("analyst")
    question_id, _ = _question(app, demo, "yes_no")
    assert _picture_page(analyst, demo, question_id).status == 403


def test_undo_only_puts_back_a_picture_removed_from_that_same_place(app, signed_in, demo):
    """A removed picture is kept for undo; another consultation's page must not be able to take it."""
    from sqlalchemy import select

    editor = signed_in("editor")
    question_id, _ = _question(app, demo, "number")
    page = _picture_page(editor, demo, question_id, query="clock")
    _choose(editor, page, "23F0", "An alarm clock")
    with app.app_context():
        picture_id = db.session.get(Question, question_id).picture_id
        other = db.session.scalar(select(Question).where(Question.consultation_id != demo["id"]).limit(1))
        other.picture = None  # a question in another consultation, with no picture (so undo could apply)
        db.session.commit()
        other_base = f"/staff/consultations/{other.consultation_id}/questions/{other.id}/picture"
        other_id = other.id
    page = _picture_page(editor, demo, question_id)
    removed = editor.submit(page, form_index=_form_index(page, "/picture/remove"))
    undo = removed.form(_form_index(removed, "/picture/restore"))
    kept_for_undo = undo.find("input", attrs={"name": "picture"})["value"]

    for value in (kept_for_undo, str(picture_id)):
        elsewhere = editor.get(f"{other_base}?removed={value}")
        assert elsewhere.status == 200 and "Picture removed." not in elsewhere.text()
        assert not elsewhere.soup.select(f"form[action='{other_base}/restore']")
        token = elsewhere.soup.find("input", attrs={"name": "csrf_token"})["value"]
        response = editor.client.post(f"{other_base}/restore", data={"csrf_token": token, "picture": value})
        assert response.status_code in (302, 303, 404)
        with app.app_context():
            assert db.session.get(Question, other_id).picture_id is None
            assert db.session.get(Question, question_id).picture_id is None

    restored = editor.submit(removed, form_index=_form_index(removed, "/picture/restore"))
    assert "Picture put back." in restored.text()
    with app.app_context():
        assert db.session.get(Question, question_id).picture_id == picture_id
