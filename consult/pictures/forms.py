"""The two ways to give something a picture: a symbol from the library, or an uploaded file."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from consult.translating import lazy_gettext as _l


class SymbolPictureForm(FlaskForm):
    symbol = StringField(_l("Symbol"), validators=[DataRequired(_l("Choose a symbol"))])
    alt = StringField(_l("Describe the picture in a few words"), validators=[
        DataRequired(_l("Describe the picture in a few words, like “A walking frame”")), Length(max=200)])


class UploadPictureForm(FlaskForm):
    picture = FileField(_l("Picture file (PNG or JPEG)"), validators=[FileRequired(_l("Choose a picture to upload"))])
    alt = StringField(_l("Describe the picture in a few words"), validators=[
        DataRequired(_l("Describe the picture in a few words, like “A walking frame”")), Length(max=200)])
