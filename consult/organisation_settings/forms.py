"""The organisation settings form. Each check gives staff a plain, translated reason."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, Form, FormField, StringField, TextAreaField
from wtforms.fields import FieldList
from wtforms.validators import DataRequired, Length, ValidationError

from consult.organisation_settings.colours import HEADER_TEXT, MINIMUM_CONTRAST, contrast, parse_colour
from consult.site_origins import check_origins
from consult.translating import lazy_gettext as _l

FOOTER_LINK_ROWS = 4
MAX_ADDRESS_LINES = 8
LINK_SCHEMES = ("https://", "http://", "mailto:")


def _text(value):
    """A field missing from the posted form reads as empty, not None (a hand-made POST must not fail)."""
    return value or ""


TEXT = [_text]


class FooterLinkForm(Form):
    # Not "label": a FormField has a label of its own, which would hide the subform's field.
    words = StringField(_l("Words of the link"), validators=[Length(max=80)], filters=TEXT)
    address = StringField(_l("Address of the link"), validators=[Length(max=500)], filters=TEXT)

    def validate_address(self, field):
        label, url = self.words.data.strip(), field.data.strip()
        if label and not url:
            raise ValidationError(_l("Enter the address for the link “%(label)s”", label=label))
        if url and not url.startswith(LINK_SCHEMES):
            raise ValidationError(_l("A link address starts with https://, like https://www.example.gov.uk/contact"))

    def validate_words(self, field):
        if self.address.data.strip() and not field.data.strip():
            raise ValidationError(_l("Enter the words people see for the link to %(url)s", url=self.address.data.strip()))


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name of the organisation"), validators=[
        DataRequired(_l("Enter the name of the organisation")), Length(max=120)], filters=TEXT)
    logo = FileField(_l("Logo file (PNG or JPEG)"))
    logo_alt = StringField(_l("Describe the logo"), validators=[Length(max=250)], filters=TEXT)
    remove_logo = BooleanField(_l("Remove the logo"))
    brand_colour = StringField(_l("Brand colour"), validators=[Length(max=20)], filters=TEXT)
    footer_links = FieldList(FormField(FooterLinkForm), min_entries=FOOTER_LINK_ROWS, max_entries=FOOTER_LINK_ROWS)
    return_address = TextAreaField(_l("Return address for paper questionnaires"), validators=[Length(max=500)],
                                   filters=TEXT)
    # One site a line; checked by consult/site_origins.py, which says why a line is refused.
    embed_origins = TextAreaField(_l("Websites that may show your consultations"), validators=[Length(max=5000)],
                                  filters=TEXT)

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_logo = has_logo

    def validate_brand_colour(self, field):
        if not field.data.strip():
            return
        colour = parse_colour(field.data)
        if colour is None:
            raise ValidationError(_l("Enter the colour as a # and 6 letters or digits, like #1d4d3f"))
        ratio = contrast(colour, HEADER_TEXT)
        if ratio < MINIMUM_CONTRAST:
            raise ValidationError(_l(
                "The colour %(colour)s is too light: white words on it have a contrast of %(ratio)s to 1, and "
                "need at least %(minimum)s to 1. Choose a darker colour.",
                colour=colour, ratio=format(ratio, ".1f"), minimum=MINIMUM_CONTRAST))

    def validate_logo_alt(self, field):
        keeps_logo = self.has_logo and not self.remove_logo.data
        if (self.uploaded_logo() or keeps_logo) and not field.data.strip():
            raise ValidationError(_l("Describe the logo in a few words, like “Glan Hafren Council logo”"))

    def validate_return_address(self, field):
        lines = [line for line in field.data.splitlines() if line.strip()]
        if len(lines) > MAX_ADDRESS_LINES:
            raise ValidationError(_l("The address can have at most %(count)s lines", count=MAX_ADDRESS_LINES))

    def validate_embed_origins(self, field):
        problems = check_origins(field.data).problems
        if problems:
            raise ValidationError(" ".join(problems))

    def origins(self) -> list[str]:
        return list(check_origins(self.embed_origins.data).origins)

    def uploaded_logo(self):
        """The file sent with the form, or None."""
        data = self.logo.data
        return data if data is not None and getattr(data, "filename", "") else None

    def links(self) -> list[dict[str, str]]:
        return [{"label": row.words.data.strip(), "url": row.address.data.strip()} for row in self.footer_links
                if row.words.data.strip() and row.address.data.strip()]
