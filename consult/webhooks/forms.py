"""The staff form for adding a webhook address."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, ValidationError

from consult.translating import lazy_gettext as _l
from consult.webhooks.addresses import address_problem


def _usable(_form, field):
    problem = address_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class WebhookForm(FlaskForm):
    url = StringField(_l("Address to send to"), validators=[_usable],
                      filters=[lambda value: (value or "").strip()])
