"""An editor builds a consultation from nothing in a real browser, publishes it, and a resident answers it.

With JavaScript on, the small builder forms swap only the region they change (the question list, the
question editor), say what happened in the status region and keep focus where the editor was working;
without JavaScript each is a plain form with post/redirect/get and a notice.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.support import (
    REFERENCE,
    STAFF_FORM_ERROR_PATHS,
    active_element,
    announced,
    button,
    h1_text,
    path_of,
    sign_in,
    submit,
)

pytestmark = pytest.mark.browser

# (type, its name on the "Add a question" form, the question, the answers staff add)
QUESTIONS = [
    ("single_choice", "Single choice", "How do you get to the day centre?", ["By bus", "By car", "On foot"]),
    ("multiple_choice", "Multiple choice", "Which days could you come?", ["Monday", "Wednesday", "Friday"]),
    ("short_text", "Short text", "Which town or village do you live in?", []),
    ("long_text", "Long text", "What would make walking to the centre easier?", []),
    ("yes_no", "Yes, no or not sure", "Do you use the day centre now?", []),
    ("agree_scale", "Agree scale", "The day centre is easy to reach.", []),
    ("number", "Number", "How many times did you visit last month?", []),
]
PROMPT = {kind: prompt for kind, _name, prompt, _answers in QUESTIONS}
# The long-text question is only asked of people who walk (branching on the first question).
BRANCH_KIND, BRANCH_SOURCE, BRANCH_ANSWER = "long_text", "single_choice", "On foot"
# How the resident answers, by question. They come by bus, so the walking question is skipped.
RESIDENT_ANSWERS = {
    PROMPT["single_choice"]: ("labels", ["By bus"]),
    PROMPT["multiple_choice"]: ("labels", ["Monday", "Friday"]),
    PROMPT["short_text"]: ("text", "Llanfair"),
    PROMPT["yes_no"]: ("labels", ["Yes"]),
    PROMPT["agree_scale"]: ("labels", ["Agree"]),
    PROMPT["number"]: ("text", "3"),
}
HARD_SENTENCE = "We will utilise the facility in order to commence."
EDIT_LINK = re.compile(r"^edit-(\d+)$")


class Builder:
    """The editor's page, and what the test knows about the consultation being built."""

    def __init__(self, page, js: bool):
        self.page = page
        self.js = js
        self.overview_path = ""
        self.added = 0

    @property
    def main(self):
        return self.page.locator("main")

    def press(self, control):
        if self.js:
            # Start from silence, so a message repeated from the last action cannot pass for a new one.
            self.page.evaluate("document.getElementById('announcer').textContent = ''")
        submit(self.page, control, self.js)

    def notice(self) -> str:
        """What the page says happened: the status region with JavaScript, the flashed notice without."""
        return " ".join(self.main.locator(".notice").all_inner_texts())

    def expect_said(self, message: str) -> None:
        if self.js:
            announced(self.page, message)
        else:
            assert message in self.notice(), f"no notice {message!r} on {self.page.url}: {self.notice()!r}"

    def question_ids(self) -> list[int]:
        """The live questions on the overview, in order."""
        links = self.page.locator("#question-list ol a[id^=edit-]")
        return [int(EDIT_LINK.match(links.nth(i).get_attribute("id")).group(1)) for i in range(links.count())]

    def to_overview(self) -> None:
        if path_of(self.page) != self.overview_path:
            self.press(self.main.locator("a.back-link"))
        assert path_of(self.page) == self.overview_path, f"Back went to {self.page.url}"

    def add_question(self, kind: str, name: str) -> None:
        self.to_overview()
        form = self.main.locator("form", has=self.page.get_by_role("button", name="Add question", exact=True))
        form.get_by_label(name, exact=True).check()
        assert form.get_by_label("Where", exact=True).input_value() == "0"  # at the end
        self.press(button(self.page, "Add question"))
        assert re.fullmatch(rf"{self.overview_path}/questions/\d+", path_of(self.page)), (
            f"adding a {kind} question ended on {self.page.url}")
        self.added += 1
        assert h1_text(self.page) == f"Question {self.added}"

    def save_prompt(self, prompt: str) -> None:
        self.main.locator("#prompt").fill(prompt)
        self.press(self.page.locator("#save-question"))
        self.expect_said("Question saved")
        assert self.main.locator("#prompt").input_value() == prompt

    def add_answer(self, label: str) -> None:
        self.main.locator("#option-new").fill(label)
        self.press(self.page.locator("#add-option"))
        self.expect_said("Answer added")
        assert self.main.locator("#option-new").input_value() == "", "the new answer box was not emptied"


def _dates() -> dict[str, str]:
    """Open since yesterday (UK time), so residents can answer as soon as it is published."""
    today = datetime.now(ZoneInfo("Europe/London")).date()
    return {"#opens_date": (today - timedelta(days=1)).isoformat(), "#opens_time": "09:00",
            "#closes_date": (today + timedelta(days=60)).isoformat(), "#closes_time": "23:59"}


def _check_live_checker(builder: Builder) -> None:
    """Typing in the question box asks the checker (htmx, after a pause) and its advice appears below."""
    page = builder.page
    before = page.evaluate("window.__consultSwaps")
    page.locator("#prompt").fill("")
    page.locator("#prompt").press_sequentially(HARD_SENTENCE)
    advice = page.locator("#prompt-check")
    advice.get_by_text("try “use”").wait_for(timeout=5_000)
    assert page.evaluate("window.__consultSwaps") > before
    # Typing asks the checker once the typing pauses, not at every key.
    assert page.evaluate("window.__consultSwaps") - before <= 2


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_build_publish_and_answer_a_consultation_from_nothing(browser_session, staff_accounts, js):
    session = browser_session
    session.allow_http_error(422, STAFF_FORM_ERROR_PATHS)
    page = sign_in(session, "editor", js=js)
    builder = Builder(page, js)
    full_loads: list[str] = []
    if js:
        page.evaluate("window.__marker = 1")
        page.on("request", lambda r: full_loads.append(r.url) if r.resource_type == "document" else None)

    # --- Settings ---------------------------------------------------------------------------
    builder.press(page.locator("main").get_by_role("link", name="Create a consultation", exact=True))
    assert path_of(page) == "/staff/consultations/new"
    assert h1_text(page) == "Create a consultation"
    slug = f"day-centre-{'js' if js else 'nojs'}-{uuid.uuid4().hex[:6]}"
    main = page.locator("main")
    main.get_by_label("Title", exact=True).fill("Getting to the day centre")
    main.get_by_label("One-line summary", exact=True).fill("Tell us how you get to the day centre.")
    main.get_by_label("Web address", exact=True).fill(slug)
    for selector, value in _dates().items():
        main.locator(selector).fill(value)
    builder.press(button(page, "Create consultation"))
    match = re.fullmatch(r"/staff/consultations/(\d+)", path_of(page))
    assert match, f"creating the consultation ended on {page.url}"
    builder.overview_path = path_of(page)
    assert h1_text(page) == "Getting to the day centre"
    assert "Consultation created" in builder.notice()

    # --- One question of each type, with words and answers ----------------------------------
    for kind, name, prompt, answers in QUESTIONS:
        builder.add_question(kind, name)
        if js and kind == "single_choice":
            _check_live_checker(builder)
        builder.save_prompt(prompt)
        for label in answers:
            builder.add_answer(label)
        if answers:
            labels = main.locator(".option-list input.input").evaluate_all("l => l.map(e => e.value)")
            assert labels == answers, f"{kind}: the answers are {labels}"

    builder.to_overview()
    ids = builder.question_ids()
    assert len(ids) == 7
    texts = [" ".join(t.split()) for t in page.locator("#question-list ol a[id^=edit-]").all_inner_texts()]
    assert texts == [prompt for _k, _n, prompt, _a in QUESTIONS]

    # --- Reorder: the short-text question moves up, above the multiple-choice one ------------
    moved = ids[2]
    builder.press(page.locator(f"#move-up-{moved}"))
    builder.expect_said("Question moved to position 2 of 7")
    ids = builder.question_ids()
    assert ids.index(moved) == 1, f"the question did not move up: {ids}"
    if js:
        assert page.evaluate("id => ['move-up-' + id, 'move-down-' + id].includes(document.activeElement.id)",
                             moved), f"after Move up focus is on {active_element(page)}"

    # --- Delete one, then Undo ---------------------------------------------------------------
    gone = ids[4]  # the yes/no question
    builder.press(page.locator(f"#delete-{gone}"))
    builder.expect_said("Question deleted. You can undo this below the list.")
    assert gone not in builder.question_ids()
    restore = page.locator(f"#restore-{gone}")
    assert restore.is_visible()
    if js:
        assert page.evaluate("id => document.activeElement.id === 'restore-' + id", gone), (
            f"after Delete focus is on {active_element(page)}")
    builder.press(restore)
    builder.expect_said("Question put back as question 5")
    assert builder.question_ids() == ids, "Undo did not put the question back where it was"
    assert page.locator("#question-list .question-list__deleted").count() == 0
    if js:
        assert page.evaluate("id => document.activeElement.id === 'edit-' + id", gone), (
            f"after Undo focus is on {active_element(page)}")

    # --- Branching: the walking question is only asked of people who come on foot ------------
    kinds = {question_id: kind for question_id, kind in zip(builder.question_ids(), [
        "single_choice", "short_text", "multiple_choice", "long_text", "yes_no", "agree_scale", "number"])}
    branch_id = next(q for q, k in kinds.items() if k == BRANCH_KIND)
    builder.press(page.locator(f"#edit-{branch_id}"))
    assert h1_text(page) == "Question 4"
    # The rule editor (templates/build/branching_rule.html): a condition on question 1, its answer ticked.
    builder.press(page.locator("#change-branching"))
    builder.press(page.locator("#add-rule-ask"))
    assert page.locator("#add-source option").first.inner_text().startswith("Question 1:")
    builder.press(page.locator("#add-condition"))
    main.get_by_label(BRANCH_ANSWER, exact=True).check()
    builder.press(page.locator("#save-rule"))
    assert "Branching rule saved" in builder.notice()
    assert f"Asked only of people who answered “{BRANCH_ANSWER}” to question 1." in main.inner_text()
    builder.press(main.locator("a.back-link"))
    builder.to_overview()
    assert "has branching" in page.locator(f"#question-list li:has(#edit-{branch_id})").inner_text()

    if js:
        # Every step since signing in was an htmx swap: the page that set the marker is still showing.
        assert page.evaluate("window.__marker") == 1, "a full page load happened while building"
        assert full_loads == [], f"full page loads while building: {full_loads}"

    # --- Publish -------------------------------------------------------------------------------
    assert "Everything needed is in place." in main.inner_text()
    submit(page, button(page, "Publish"), js=False)  # a full page load (hx-boost="false")
    assert path_of(page) == builder.overview_path
    assert "Published. People can answer it now." in builder.notice()
    assert page.locator("main .caption").first.inner_text() == "Open"

    # --- A resident answers it ------------------------------------------------------------------
    resident = session.new_page(js=js)
    resident.goto(f"/c/{slug}")
    assert h1_text(resident) == "Getting to the day centre"
    submit(resident, button(resident, "Start now"), js)
    seen = []
    for _ in range(10):
        if path_of(resident) == f"/c/{slug}/check":
            break
        prompt = h1_text(resident)
        assert prompt in RESIDENT_ANSWERS, f"unexpected question {prompt!r} on {resident.url} (seen {seen})"
        seen.append(prompt)
        how, value = RESIDENT_ANSWERS[prompt]
        if how == "labels":
            for label in value:
                resident.locator("main").get_by_label(label, exact=True).check()
        else:
            resident.locator("main form").locator("input.input, textarea").fill(value)
        submit(resident, button(resident, "Continue"), js)
    assert path_of(resident) == f"/c/{slug}/check", f"the questions never ended: {resident.url}"
    assert seen == [PROMPT[k] for k in ("single_choice", "short_text", "multiple_choice", "yes_no",
                                        "agree_scale", "number")], f"questions asked: {seen}"
    summary = resident.locator("main .summary-list").inner_text()
    for text in ("By bus", "Monday", "Friday", "Llanfair", "Yes", "Agree", "3"):
        assert text in summary, f"the check page does not show {text!r}"
    submit(resident, button(resident, "Send my answers"), js)
    assert path_of(resident) == f"/c/{slug}/confirmation"
    assert REFERENCE.search(resident.locator("main").inner_text())

    # The builder now says people have answered: questions keep their shape.
    page.reload()
    assert "People have already answered" in page.locator("main").inner_text()
    session.assert_clean()
