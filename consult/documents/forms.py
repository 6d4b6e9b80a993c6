"""Attaching a document, and its easy-read version."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from consult.translating import lazy_gettext as _l


class AddDocumentForm(FlaskForm):
    title = StringField(_l("Name of the document"), validators=[
        DataRequired(_l("Give the document a name people will understand, like “Our plan for day centres”")),
        Length(max=200, message=_l("The name must be 200 characters or fewer"))])
    document = FileField(_l("File (PDF, DOCX or ODT)"),
                         validators=[FileRequired(_l("Choose a file to upload"))])


class EasyReadVersionForm(FlaskForm):
    document = FileField(_l("Easy-read version (PDF, DOCX or ODT)"),
                         validators=[FileRequired(_l("Choose a file to upload"))])


class RemoveForm(FlaskForm):
    """Only the CSRF token: removing is a POST."""
