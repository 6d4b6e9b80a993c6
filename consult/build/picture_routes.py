"""Pictures for questions and their answers (``?option=<id>``), on the shared picture page."""

from __future__ import annotations

from flask import abort, request, url_for

from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build.blueprint import bp
from consult.loading import consultation_or_404, question_or_404, staff_texts
from consult.pictures import pages
from consult.pictures.pages import PictureTarget
from consult.request_values import positive_int
from consult.translating import gettext as _

ENDPOINTS = {"page": "build.picture", "symbol": "build.choose_symbol", "upload": "build.upload_picture_file",
             "remove": "build.remove_picture", "restore": "build.restore_picture"}


def _target(consultation_id: int, question_id: int) -> PictureTarget:
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    option = None
    raw_option = request.values.get("option")
    if raw_option is not None:
        option_id = positive_int(raw_option)
        option = next((option for option in question.options if option.id == option_id), None)
        if option is None:
            abort(404)
    owner = option or question
    pictures = [picture for picture in (owner.picture,) if picture is not None]
    texts = staff_texts(consultation, extra_questions=[question], more_ids=[p.alt_id for p in pictures])
    if option is not None:
        label = texts(option.label_id)
        heading = _("Picture for the answer “%(answer)s”", answer=label.text if label else "")
    else:
        heading = _("Picture for question %(number)s", number=question.position)
    editor = url_for("build.edit_question", consultation_id=consultation.id, question_id=question.id)
    back = editor + (f"#option-{option.id}" if option else "#answers")
    return PictureTarget(
        owner=owner, audit_kind="option" if option else "question", language=consultation.default_language,
        heading=heading, caption=texts(question.prompt_id), back_url=back, done_url=back,
        endpoints=ENDPOINTS, endpoint_args={"consultation_id": consultation.id, "question_id": question.id},
        hidden={"option": option.id} if option else {}, texts=texts,
    )


@bp.get("/<int:consultation_id>/questions/<int:question_id>/picture")
@role_required(*EDITORS)
def picture(consultation_id, question_id):
    return pages.show_page(_target(consultation_id, question_id))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/picture/symbol")
@role_required(*EDITORS)
def choose_symbol(consultation_id, question_id):
    return pages.choose_symbol(_target(consultation_id, question_id))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/picture/upload")
@role_required(*EDITORS)
def upload_picture_file(consultation_id, question_id):
    return pages.upload(_target(consultation_id, question_id))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/picture/remove")
@role_required(*EDITORS)
def remove_picture(consultation_id, question_id):
    return pages.remove(_target(consultation_id, question_id))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/picture/restore")
@role_required(*EDITORS)
def restore_picture(consultation_id, question_id):
    return pages.restore(_target(consultation_id, question_id))
