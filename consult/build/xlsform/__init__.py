"""XLSForm in: build a draft consultation from a KoboToolbox or ODK form (an .xlsx file).

Used by ``flask import-xlsform`` (consult/cli.py) and the builder's upload page
(consult/build/xlsform_routes.py). Reading is pyxform's; what each question type reads is the type's
(``QuestionType.xlsform_types``); publishing uses the builder's own checklist. The caller commits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from consult import audit
from consult.build import services
from consult.build.checklist import publishing_problems
from consult.build.forms import SLUG
from consult.build.xlsform.building import Builder, Skipped
from consult.build.xlsform.reading import MAX_BYTES, XLSFormError, read_form
from consult.extensions import db
from consult.loading import staff_texts
from consult.models import Consultation
from consult.models._time import utcnow
from consult.translating import gettext as _


@dataclass
class ImportReport:
    consultation: Consultation
    questions: int
    languages: list[str]
    skipped: list[Skipped]
    published: bool = False
    # What stops publishing, when it was asked for and the checklist said no.
    publish_problems: list[str] = field(default_factory=list)


def import_xlsform(data: bytes, *, file_name: str = "", slug: str | None = None, publish: bool = False,
                   staff=None) -> ImportReport:
    """Build a draft consultation from an XLSForm's bytes, and publish it if asked and the checklist
    allows. Raises XLSFormError, having created nothing, for a file that is not a usable XLSForm or a
    web address that cannot be used."""
    if slug is not None:
        _check_slug(slug)
    form = read_form(data)
    title = _title_from_file_name(file_name)
    builder = Builder(form, slug or services.unique_slug(_slug_from(form.form_id or form.title or title)), title)
    consultation = builder.build()
    audit.record("consultation.created", "consultation", consultation.id, f"from XLSForm {file_name}"[:200],
                 staff=staff)
    db.session.flush()
    db.session.expire(consultation)
    report = ImportReport(consultation, len(consultation.questions), consultation.offered_languages,
                          builder.skipped)
    if publish:
        problems = publishing_problems(consultation, staff_texts(consultation), utcnow())
        if problems:
            report.publish_problems = [problem.message for problem in problems]
        else:
            services.publish(consultation)
            audit.record("consultation.published", "consultation", consultation.id, consultation.slug, staff=staff)
            report.published = True
    return report


def _check_slug(slug: str) -> None:
    if not SLUG.match(slug) or not 3 <= len(slug) <= 80:
        raise XLSFormError(_("“%(slug)s” cannot be a web address: use 3 to 80 small letters, numbers and single "
                             "hyphens, like bus-routes-2027", slug=slug[:80]))
    if services.slug_taken(slug):
        raise XLSFormError(_("Another consultation uses the web address “%(slug)s”. Choose a different one",
                             slug=slug))


def _slug_from(words: str) -> str:
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return slug if len(slug) >= 3 else "imported-form"


def _title_from_file_name(file_name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", file_name.replace("\\", "/").rsplit("/", 1)[-1])
    words = " ".join(re.sub(r"[_\-]+", " ", stem).split())
    return words[:200] or _("Imported form")


__all__ = ["ImportReport", "MAX_BYTES", "Skipped", "XLSFormError", "import_xlsform"]
