"""Starting a kiosk through the real staff pages, and reading what a kiosk device holds."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Draft, KioskSession, Response
from consult.models._time import utcnow
from tests.demo_answers import answer_for
from tests.helpers import Page, Resident
from tests.html_checks import assert_well_formed

SLUG = "equipment-service"
START = f"/c/{SLUG}"
# Words only one person typed (demo answers 6 and 7, tests/demo_answers.py), and one person's own.
TYPED = ("Llanfair", "Please phone before you deliver.")


def post_form(person: Resident, page: Page, action: str, answers: dict | None = None,
              form_id: str | None = None) -> Page:
    """Send the POST form on ``page`` whose action contains ``action`` (and whose id is ``form_id``)."""
    forms = [form for form in page.soup.find_all("form")
             if form.get("method", "get").lower() == "post" and action in form.get("action", "")
             and (form_id is None or form.get("id") == form_id)]
    assert len(forms) == 1, f"{len(forms)} forms posting to {action!r} on {page.path}"
    data = person._current_values(forms[0])
    data.update(answers or {})
    return person.post(forms[0]["action"], data)


def start_kiosk(signed_in, consultation_id: int, role: str = "editor", idle: int | None = None,
                language: str | None = None) -> Resident:
    """A device where ``role`` signed in and started a kiosk; it now shows the consultation's start page."""
    person = signed_in(role)
    form_page = person.get(f"/staff/kiosk/{consultation_id}")
    assert form_page.status == 200, form_page.text()[:300]
    assert_well_formed(form_page)
    answers = {}
    if idle is not None:
        answers["idle_seconds"] = str(idle)
    if language is not None:
        answers["language"] = language
    page = post_form(person, form_page, f"/staff/kiosk/{consultation_id}", answers)
    assert page.path == START, f"starting the kiosk ended on {page.path}: {page.text()[:300]}"
    return person


def csrf_of(page: Page) -> str:
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def answer_up_to(person: Resident, last: int, page: Page | None = None) -> Page:
    """From the start page, press Start now and answer demo questions 1 to ``last``."""
    page = page or person.get(START)
    page = person.submit(page)
    for number in range(1, last + 1):
        assert page.path == f"{START}/q/{number}", f"expected question {number}, got {page.path}"
        page = person.submit(page, answer_for(page, number))
    return page


def answer_everything(person: Resident) -> Page:
    """Answer every demo question and send: the page after sending."""
    page = answer_up_to(person, 8)
    assert page.h1.startswith("Check your answers"), page.h1
    return person.submit(page)


def session_of(person: Resident) -> dict:
    with person.client.session_transaction() as session:
        return dict(session)


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def drafts(app) -> list[Draft]:
    with app.app_context():
        found = list(db.session.execute(select(Draft)).scalars())
        db.session.expunge_all()
        return found


def responses(app) -> list[Response]:
    with app.app_context():
        found = list(db.session.execute(select(Response).order_by(Response.id)).scalars())
        db.session.expunge_all()
        return found


def kiosks(app) -> list[KioskSession]:
    with app.app_context():
        found = list(db.session.execute(select(KioskSession).order_by(KioskSession.id)).scalars())
        db.session.expunge_all()
        return found


def age_drafts(app, by: timedelta) -> None:
    """Move time on for every draft: as if nobody had touched them for ``by`` (no sleeping in tests)."""
    with app.app_context():
        for draft in db.session.execute(select(Draft)).scalars():
            draft.updated_at = utcnow() - by
            draft.created_at = min(draft.created_at, draft.updated_at)
        db.session.commit()


def shown_answers(page: Page) -> dict:
    """What a question page shows as already answered: checked options and filled-in text."""
    checked = [box["value"] for box in page.soup.find_all("input", checked=True)]
    filled = [control.get("value") for control in page.soup.select("main input.input") if control.get("value")]
    filled += [area.get_text() for area in page.soup.select("main textarea") if area.get_text().strip()]
    return {"checked": checked, "filled": filled}


def next_person(person: Resident, thanks: Page) -> Page:
    """Press "Next person" on the thank-you page."""
    return post_form(person, thanks, "/kiosk/restart", form_id="kiosk-next")


def clear_by_itself(person: Resident, page: Page) -> Page:
    """What kiosk.js does when nobody answers the idle warning: send the hidden clear form."""
    return post_form(person, page, "/kiosk/restart", form_id="kiosk-clear")
