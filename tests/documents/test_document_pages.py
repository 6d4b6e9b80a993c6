"""Staff attach documents (editors only, CSRF, up to 20 MB, checked by content); residents see and download
them from the start page, with their type and size in the link text."""

from __future__ import annotations

import io

from consult.extensions import db
from consult.models import ConsultationDocument
from tests.documents import samples


def _page(editor, demo):
    return editor.get(f"/staff/consultations/{demo['id']}/documents")


def _hidden(form) -> dict:
    return {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"type": "hidden"})}


def _add(editor, demo, data: bytes, title="Our plan for the park", filename="plan.pdf"):
    page = _page(editor, demo)
    form = page.soup.select_one("form[action$='/documents']")
    fields = _hidden(form)
    fields.update({"title": title, "document": (io.BytesIO(data), filename)})
    return editor.client.post(form["action"], data=fields, content_type="multipart/form-data")


def _documents(app):
    with app.app_context():
        return [(document.id, document.ref, document.kind, document.pdf_warnings, document.easy_ref)
                for document in db.session.query(ConsultationDocument).order_by(ConsultationDocument.id)]


def test_an_editor_adds_a_pdf_and_residents_see_type_and_size(app, demo, signed_in, resident):
    editor = signed_in("editor")
    assert _page(editor, demo).status == 200
    added = _add(editor, demo, samples.tagged_pdf())
    assert added.status_code == 303
    [(_id, ref, kind, warnings, easy)] = _documents(app)
    assert kind == "pdf" and warnings == "" and easy is None and ref.endswith(".pdf")
    start = resident.get(f"/c/{demo['slug']}")
    link = start.soup.select_one("#documents + ul a")
    assert link.get_text(" ", strip=True) == "Our plan for the park (PDF, 1 KB)"
    download = resident.client.get(link["href"])
    assert download.status_code == 200 and download.data == samples.tagged_pdf() or download.data.startswith(b"%PDF")
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "Our-plan-for-the-park.pdf" in download.headers["Content-Disposition"]
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_wrong_content_is_refused_with_a_clear_message_and_nothing_kept(app, demo, signed_in):
    editor = signed_in("editor")
    for data, name in ((b"<script>alert(1)</script>", "plan.pdf"), (samples.other_zip(), "plan.docx"),
                       (b"%PDF-1.7 broken", "plan.pdf")):
        refused = _add(editor, demo, data, filename=name)
        text = refused.get_data(as_text=True)
        assert refused.status_code == 422
        assert "The file must be a PDF, a Word document (DOCX) or an OpenDocument text (ODT)" in text \
            or "The PDF is damaged" in text
        assert "There is a problem" in text and "<script>alert(1)" not in text
    assert _documents(app) == []


def test_docx_and_odt_are_taken_and_listed_with_their_type(app, demo, signed_in, resident):
    editor = signed_in("editor")
    assert _add(editor, demo, samples.docx(), title="Notes", filename="notes.docx").status_code == 303
    assert _add(editor, demo, samples.odt(), title="Minutes", filename="minutes.odt").status_code == 303
    texts = [a.get_text(" ", strip=True) for a in resident.get(f"/c/{demo['slug']}").soup.select("#documents + ul a")]
    assert texts == ["Notes (Word document, 1 KB)", "Minutes (OpenDocument text, 1 KB)"]


def test_uploads_above_the_usual_2_mb_limit_are_taken_here_only(app, demo, signed_in):
    editor = signed_in("editor")
    big = samples.tagged_pdf() + b"\n%" + b"0" * (3 * 1024 * 1024)  # a comment after the end: still a PDF
    assert _add(editor, demo, big).status_code == 303
    # Anywhere else the app's 2 MB limit still holds.
    elsewhere = editor.client.post(f"/staff/consultations/{demo['id']}/settings", data={"x": "0" * (3 * 1024 * 1024)})
    assert elsewhere.status_code == 413


def test_files_over_20_mb_are_refused_with_a_message(app, demo, signed_in):
    editor = signed_in("editor")
    over = samples.tagged_pdf() + b"\n%" + b"0" * (20 * 1024 * 1024)
    refused = _add(editor, demo, over)
    assert refused.status_code == 422
    assert "The file must be smaller than 20 MB" in refused.get_data(as_text=True)
    far_over = _add(editor, demo, over + b"0" * (2 * 1024 * 1024))
    assert far_over.status_code == 413  # the generic "too large" page: the body is not even read
    assert _documents(app) == []


def test_untagged_pdfs_warn_on_the_documents_page_and_the_publishing_checklist(app, demo, signed_in):
    editor = signed_in("editor")
    _add(editor, demo, samples.untagged_pdf())
    page = _page(editor, demo)
    warning = page.soup.select_one(".notice--warning").get_text(" ", strip=True)
    assert "not tagged" in warning and "no title" in warning and "no language" in warning
    with app.app_context():
        from consult.loading import load_consultation
        from consult.models.consultation import DRAFT

        consultation = load_consultation(demo["slug"])
        consultation.status = DRAFT
        db.session.commit()
    overview = editor.get(f"/staff/consultations/{demo['id']}")
    gaps = overview.soup.select_one("#document-gaps")
    assert gaps is not None and "Our plan for the park" in gaps.get_text() and "not tagged" in gaps.get_text()


def test_an_easy_read_version_is_shown_in_easy_read(app, demo, signed_in, resident):
    editor = signed_in("editor")
    _add(editor, demo, samples.tagged_pdf())
    [(document_id, ref, *_rest)] = _documents(app)
    page = _page(editor, demo)
    form = page.soup.select_one(f"form[action$='/documents/{document_id}/easy-read']")
    fields = _hidden(form)
    fields[f"easy-{document_id}-document"] = (io.BytesIO(samples.untagged_pdf()), "easy.pdf")
    assert editor.client.post(form["action"], data=fields, content_type="multipart/form-data").status_code == 303
    [(_id, _ref, _kind, _warnings, easy_ref)] = _documents(app)
    assert easy_ref and easy_ref != ref
    warning = _page(editor, demo).soup.select_one(".notice--warning").get_text()
    assert "Easy-read version: not tagged" in warning and "Document:" not in warning
    easy = resident.get(f"/c/{demo['slug']}?register=easy")
    link = easy.soup.select_one("ul.ideas.documents a")
    assert link["href"].endswith(easy_ref)
    standard = resident.get(f"/c/{demo['slug']}?register=standard")
    hrefs = [a["href"] for a in standard.soup.select("#documents + ul a")]
    assert hrefs[0].endswith(ref) and hrefs[1].endswith(easy_ref)


def test_removing_a_document_deletes_its_file(app, demo, signed_in, resident):
    editor = signed_in("editor")
    _add(editor, demo, samples.tagged_pdf())
    [(document_id, ref, *_rest)] = _documents(app)
    page = _page(editor, demo)
    removed = editor.submit(page, form_index=[i for i, f in enumerate(
        [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"])
        if f["action"].endswith(f"/documents/{document_id}/remove")][0])
    assert removed.status == 200 and _documents(app) == []
    assert resident.client.get(f"/c/{demo['slug']}/documents/{ref}").status_code == 404


def test_analysts_and_residents_cannot_manage_documents_and_csrf_is_checked(app, demo, signed_in, resident):
    path = f"/staff/consultations/{demo['id']}/documents"
    assert signed_in("analyst").client.get(path).status_code == 403
    assert resident.client.get(path).status_code in (302, 303)
    editor = signed_in("editor")
    _add(editor, demo, samples.tagged_pdf())
    [(document_id, *_rest)] = _documents(app)
    app.config["WTF_CSRF_ENABLED"] = True
    no_token = editor.client.post(f"{path}/{document_id}/remove", data={})
    assert no_token.status_code in (400, 303) and len(_documents(app)) == 1
    forged = editor.client.post(path, data={"title": "x", "document": (io.BytesIO(samples.docx()), "x.docx")},
                                content_type="multipart/form-data")
    assert forged.status_code in (400, 422) and len(_documents(app)) == 1


def test_unknown_names_and_drafts_are_not_served(app, demo, signed_in, resident):
    editor = signed_in("editor")
    _add(editor, demo, samples.tagged_pdf())
    [(_id, ref, *_rest)] = _documents(app)
    for name in ("../secret_key", "nothing.pdf", "..%2Fsecret_key"):
        assert resident.client.get(f"/c/{demo['slug']}/documents/{name}").status_code == 404
    assert resident.client.get(f"/c/another/documents/{ref}").status_code == 404
    with app.app_context():
        from consult.loading import load_consultation

        load_consultation(demo["slug"]).status = "draft"
        db.session.commit()
    assert resident.client.get(f"/c/{demo['slug']}/documents/{ref}").status_code == 404
    assert editor.client.get(f"/c/{demo['slug']}/documents/{ref}").status_code == 200


def test_document_titles_are_translated_with_the_other_texts(app, demo, signed_in):
    editor = signed_in("editor")
    _add(editor, demo, samples.tagged_pdf())
    translate = editor.get(f"/staff/consultations/{demo['id']}/translate/cy")
    assert "Name of the document" in translate.text()
