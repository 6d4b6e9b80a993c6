"""Forms for writing outcomes ("you said, we did")."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from consult.request_values import positive_int
from consult.translating import lazy_gettext as _l


class OutcomeForm(FlaskForm):
    about = SelectField(_l("What is it about?"), choices=[], validate_choice=True)
    heard = TextAreaField(_l("You said: what we heard"), validators=[
        DataRequired(_l("Say what people told you")), Length(max=2000)])
    action = TextAreaField(_l("We did: what we will do"), validators=[
        DataRequired(_l("Say what you will do, or why you will not")), Length(max=2000)])
    heard_easy = TextAreaField(_l("What we heard, in easy read"), validators=[Optional(), Length(max=1000)])
    action_easy = TextAreaField(_l("What we will do, in easy read"), validators=[Optional(), Length(max=1000)])

    def about_choice(self) -> tuple[str, int] | None:
        """("question", 12), ("theme", 3), or None for the consultation as a whole."""
        value = self.about.data or ""
        kind, _, ident = value.partition("-")
        if kind in ("question", "theme") and positive_int(ident):
            return kind, positive_int(ident)
        return None
