"""The data-entry page itself: who may use it, for which consultations, and how it is built."""

from __future__ import annotations

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Response
from tests.entry.conftest import PAGE, full_answers, make_repairs
from tests.helpers import Page, Resident
from tests.html_checks import assert_well_formed


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Response))


def test_every_question_is_on_one_page_as_an_h2_numbered_as_on_paper(editor, repairs):
    page = editor.get(PAGE)
    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == "Enter paper or phone answers"
    headings = [" ".join(h.get_text(" ", strip=True).split()) for h in page.form().find_all("h2")]
    assert headings[:2] == ["About this form", "Answers"]
    assert headings[2:] == [
        "Question 1 Do you use a wheelchair?", "Question 2 How often does it need a repair?",
        "Question 3 Which days suit you?", "Question 4 Repairs are quick.",
        "Question 5 How many repairs last year?", "Question 6 Which town do you live in?",
        "Question 7 What would help? (optional)",
    ]
    # Radio and checkbox questions: the h2 is the group's legend.
    for number in (1, 2, 3, 4):
        control = page.soup.find("input", attrs={"name": f"q{repairs['q'][number - 1]}"})
        assert control.find_parent("fieldset").find("legend").find("h2") is not None
    # Text and number questions: the h2 holds the label.
    for number in (5, 6, 7):
        name = f"q{repairs['q'][number - 1]}"
        assert page.soup.find("label", attrs={"for": name}).find_parent("h2") is not None
    # The paper form's branching words are there, tied to the group.
    condition = page.soup.find(id=f"q{repairs['q'][1]}-condition")
    assert condition.get_text(strip=True) == "Only answer this question if you ticked “Yes” at question 1."
    assert f"q{repairs['q'][1]}-condition" in condition.find_parent("fieldset")["aria-describedby"]


def test_the_way_of_answering_comes_first_and_online_is_not_offered(editor, repairs):
    form = editor.get(PAGE).form()
    first = form.find("input", attrs={"type": ["radio", "checkbox", "text", "date"]})
    assert first["name"] == "channel"
    values = [control["value"] for control in form.find_all("input", attrs={"name": "channel"})]
    assert values == ["paper", "phone", "event", "assisted"]
    assert not form.find("input", attrs={"name": "channel", "checked": True})
    # Each radio question can be put back to "no answer"; checkboxes can simply be unticked.
    assert form.find(id=f"q{repairs['q'][0]}-blank")["value"] == ""
    assert form.find(id=f"q{repairs['q'][2]}-blank") is None
    # A plain form: no htmx swap, so the next page loads with its first box focused.
    assert form["hx-boost"] == "false"
    buttons = [(b["value"], b.get_text(strip=True)) for b in form.find_all("button")]
    assert buttons == [("another", "Save and enter another"), ("finish", "Save and finish")]
    assert not form.find(attrs={"autofocus": True})


def test_analysts_are_refused_and_visitors_sent_to_sign_in(app, analyst, repairs):
    refused = analyst.client.get(PAGE)
    assert refused.status_code == 403
    posted = analyst.client.post(PAGE, data={"csrf_token": _csrf(analyst), "channel": "paper",
                                             "token": "t" * 43, **full_answers(repairs)})
    assert posted.status_code == 403
    visitor = Resident(app.test_client())
    response = visitor.client.get(PAGE)
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
    assert _count(app) == 0


def test_admins_may_enter_answers(app, signed_in, repairs):

    admin = signed_in("admin")
    page = admin.get(PAGE)
    assert page.status == 200
    done = admin.submit(page, {"channel": "phone", **full_answers(repairs)})
    assert "Saved as response" in done.text()
    assert _count(app) == 1


def test_a_post_without_the_csrf_token_is_refused_and_keeps_what_was_typed(app, editor, repairs):
    page = editor.get(PAGE)
    data = editor._current_values(page.form())
    data.update(full_answers(repairs), channel="phone", helped_by="Neighbour")
    data["csrf_token"] = "expired"
    response = editor.client.post(PAGE, data=data)
    assert response.status_code == 400
    assert _count(app) == 0
    # The page was open too long: it comes back with everything typed and a new token, not an error page.
    back = Page(400, PAGE, response.get_data(as_text=True), {})
    assert_well_formed(back)
    assert "for your security the form was not saved yet" in back.text()
    form = back.form()
    assert form.find("input", attrs={"name": "csrf_token"})["value"] != "expired"
    assert form.find("input", attrs={"name": "channel", "checked": True})["value"] == "phone"
    assert form.find("input", attrs={"name": "helped_by"})["value"] == "Neighbour"
    assert form.find("input", attrs={"name": f"q{repairs['q'][5]}"})["value"] == "Llanfair"
    assert form.find("input", attrs={"name": "token"})["value"] == data["token"]
    saved = editor.submit(back)
    assert "Saved as response" in saved.text()
    assert _count(app) == 1
    # Anyone else (here: signed out) gets the general page, with nothing of the form.
    visitor = Resident(app.test_client())
    refused = visitor.client.post(PAGE, data=data)
    assert refused.status_code == 400 and "Llanfair" not in refused.get_data(as_text=True)


def test_a_tampered_form_key_is_refused(app, editor, repairs):
    page = editor.get(PAGE)
    form = page.form()
    form.find("input", attrs={"name": "token"})["value"] = "short"
    response = editor.client.post(PAGE, data={**editor._current_values(form), **full_answers(repairs),
                                              "channel": "paper"})
    assert response.status_code == 400
    assert _count(app) == 0


def test_drafts_and_consultations_not_open_yet_are_refused(app, editor):
    with app.app_context():
        draft = make_repairs(slug="draft-one", status="draft")
        make_repairs(slug="later-one", opens_in_days=5)
    page = editor.get("/staff/entry/draft-one")
    assert page.status == 409
    assert_well_formed(page)
    assert "It is a draft" in page.text() and not page.soup.find("form", attrs={"action": "/staff/entry/draft-one"})
    assert editor.get("/staff/entry/no-such-consultation").status == 404
    # Even a hand-made POST stores nothing.
    sent = editor.client.post("/staff/entry/draft-one", data={
        "csrf_token": _csrf(editor), "channel": "paper", "token": "t" * 43, **full_answers(draft)})
    assert sent.status_code == 409
    later = editor.get("/staff/entry/later-one")
    assert later.status == 409 and "It opens on" in later.text()
    assert _count(app) == 0


def _csrf(person) -> str:
    page = person.get("/staff/account")
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def test_closed_consultations_take_late_forms_and_say_so(app, editor):
    with app.app_context():
        closed = make_repairs(slug="closed-one", closes_in_days=-2)
    page = editor.get("/staff/entry/closed-one")
    assert page.status == 200
    assert "This consultation closed on" in page.text() and "reached you late" in page.text()
    done = editor.submit(page, {"channel": "paper", **full_answers(closed)})
    assert "Saved as response" in done.text()
    assert _count(app) == 1


def test_the_form_can_be_shown_in_another_offered_language(app, editor, repairs):
    page = editor.get(PAGE)
    link = page.soup.find("a", string="Show the questions in Welsh")
    welsh = editor.get(link["href"])
    assert_well_formed(welsh)
    prompt = welsh.soup.find("label", attrs={"for": f"q{repairs['q'][5]}"}).find("span", lang=True)
    assert prompt.get_text(strip=True) == "Pa dref?" and prompt["lang"] == "cy"
    assert welsh.form().find("input", attrs={"name": "language"})["value"] == "cy"
    assert "The questions are in Welsh" in welsh.text()
    # A language the consultation is not offered in falls back to its own.
    assert editor.get(f"{PAGE}?language=fr").form().find("input", attrs={"name": "language"})["value"] == "en"
    done = editor.submit(welsh, {"channel": "paper", **full_answers(repairs)})
    assert done.form().find("input", attrs={"name": "language"})["value"] == "cy"
    with app.app_context():
        assert db.session.scalar(select(Response.language)) == "cy"


def test_the_consultation_page_links_here_once_published(app, editor, repairs):
    page = editor.get(f"/staff/consultations/{repairs['id']}")
    link = page.soup.find("a", string="Enter paper or phone answers")
    assert link is not None and link["href"] == PAGE
    with app.app_context():
        draft = make_repairs(slug="draft-two", status="draft")
    assert editor.get(f"/staff/consultations/{draft['id']}").soup.find(
        "a", string="Enter paper or phone answers") is None


def test_the_date_is_a_text_box_showing_today_in_uk_order(app, editor, repairs):
    from consult.entry.services import local_today

    box = editor.get(PAGE).form().find("input", attrs={"name": "filled_on"})
    with app.app_context():
        today = local_today()
    assert box["type"] == "text" and box["value"] == today.strftime("%d/%m/%Y")
    assert box["aria-describedby"] == "filled_on-hint"


def test_reached_through_htmx_the_page_comes_as_a_fragment_with_a_plain_form(app, signed_in, repairs):

    editor = signed_in("editor", htmx=True)
    page = editor.get(PAGE)
    assert page.status == 200 and "<html" not in page.html
    assert page.form()["hx-boost"] == "false" and page.h1 == "Enter paper or phone answers"
