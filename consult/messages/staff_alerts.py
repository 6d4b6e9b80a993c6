"""Alerts to staff by email: a consultation closes in 3 days; a daily summary of new answers.

``flask --app consult send-staff-alerts`` (daily, from cron) records them in the outbox. Each alert's
key names the consultation, the day and the person, so running the command twice in a day, or
again after a crash, sends nothing twice. Editors and admins get them unless they have turned them
off on the Messages page. The words are in each person's interface language.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from flask import current_app, url_for
from flask_babel import force_locale
from sqlalchemy import func, select

from consult.addresses import public_base_url
from consult.auth.roles import EDITORS
from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.messages.outbox import queue_message
from consult.models import Consultation, Response, StaffUser
from consult.models._time import utcnow
from consult.translating import gettext as _
from consult.translating import ngettext

CLOSING_WARNING = timedelta(days=3)
DIGEST_PERIOD = timedelta(days=1)


def recipients() -> list[StaffUser]:
    roles = {*EDITORS, "admin"}
    return list(db.session.scalars(select(StaffUser).where(
        StaffUser.active.is_(True), StaffUser.staff_alerts.is_(True), StaffUser.role.in_(roles))
        .order_by(StaffUser.id)))


def closing_soon(now: datetime) -> list[Consultation]:
    """Published consultations that close within the next 3 days and are still open."""
    found = db.session.scalars(select(Consultation).where(
        Consultation.status == "published", Consultation.closed_at.is_(None),
        Consultation.closes_at > now, Consultation.closes_at <= now + CLOSING_WARNING))
    return [consultation for consultation in found if consultation.state(now) == "open"]


def new_answers(now: datetime) -> dict[int, int]:
    """Consultation id -> responses sent in the day before ``now``."""
    rows = db.session.execute(select(Response.consultation_id, func.count()).where(
        Response.submitted_at > now - DIGEST_PERIOD, Response.submitted_at <= now)
        .group_by(Response.consultation_id))
    return {consultation_id: count for consultation_id, count in rows}


def _title(consultation, language: str, titles: dict) -> str:
    """The title in ``language``, looked up once per consultation and language (``titles`` keeps them)."""
    if (consultation.id, language) in titles:
        return titles[consultation.id, language]
    texts = ContentCatalogue.load([consultation.title_id], language=language,
                                  default_language=consultation.default_language)
    found = texts.get(consultation.title_id)
    titles[consultation.id, language] = found.text if found else consultation.slug
    return titles[consultation.id, language]


def _staff_link(endpoint: str, **values) -> str:
    return (public_base_url() or "") + url_for(endpoint, **values)


def send_staff_alerts(now: datetime | None = None) -> Counter:
    """Record today's alerts for every recipient; returns how many of each kind."""
    now = now or utcnow()
    day = now.date().isoformat()
    counts: Counter = Counter()
    closing = closing_soon(now)
    answered = new_answers(now)
    consultations = {c.id: c for c in db.session.scalars(select(Consultation).where(
        Consultation.id.in_(answered)))} if answered else {}
    people = recipients()
    titles: dict = {}
    with current_app.test_request_context(base_url=public_base_url() or "http://localhost"):
        for person in people:
            language = person.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
            with force_locale(language):
                for consultation in closing:
                    title = _title(consultation, language, titles)
                    queue_message(
                        key=f"alert:closing:{consultation.id}:{consultation.closes_at.date()}:{person.id}",
                        purpose="alert", channel="email", recipient=person.email, language=language,
                        consultation_id=consultation.id,
                        subject=_("“%(title)s” closes in 3 days", title=title),
                        body="\n\n".join([
                            _("“%(title)s” closes in 3 days.", title=title),
                            _("Now is the time to reach the people who have not answered yet."),
                            _("See who has answered: %(link)s",
                              link=_staff_link("reach.view", slug=consultation.slug)),
                            _stop_words()]))
                    counts["closing"] += 1
                if answered:
                    lines = [ngettext("%(num)s new answer to “%(title)s”.", "%(num)s new answers to “%(title)s”.",
                                      answered[cid], title=_title(consultations[cid], language, titles))
                             for cid in sorted(answered, key=lambda cid: -answered[cid])]
                    total = sum(answered.values())
                    queue_message(
                        key=f"digest:{day}:{person.id}", purpose="digest", channel="email",
                        recipient=person.email, language=language,
                        subject=ngettext("%(num)s new answer today", "%(num)s new answers today", total),
                        body="\n\n".join([*lines, _("See the results: %(link)s", link=_staff_link("build.index")),
                                          _stop_words()]))
                    counts["digest"] += 1
    return counts


def _stop_words() -> str:
    return _("To stop these emails, go to Messages in the staff pages.")
