"""Numbers in easy read (issue 13 item 6), on the easy-read public results page and in "What you told us".

The issue asks for "numbers in words". Easy-read guidance (Mencap; Department of Health 2010, design
section 6) writes the numbers themselves as digits ("5", not "five"), and our own plain-words checker
flags number words. So each number is said in a sentence ("12 out of 20 people chose “Yes”."), never as
a percentage, a sign ("<5") or a table cell; and the words that stand for numbers say the truth: "Most
people" only when more than half did, otherwise "More people chose ... than any other answer".
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.results.printed import _top_answer, results_pdf
from consult.results.protect import HIDDEN, SHOWN
from tests import pdf_reader
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

NUMBER_WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)\b",
                          re.IGNORECASE)


class Cell:
    def __init__(self, state):
        self.state = state


@pytest.mark.parametrize("shown, answered, expected", [
    ([(12, "Yes"), (6, "No")], 20, "Most people said “Yes”."),
    ([(8, "Red"), (7, "Blue"), (5, "Green")], 20, "More people chose “Red” than any other answer."),
    ([(10, "Yes"), (10, "No")], 20, None),  # a tie: nobody chose one more than the other
    ([(10, "Yes"), (5, "No")], 20, "More people chose “Yes” than any other answer."),  # half is not most
])
def test_most_means_more_than_half(app, shown, answered, expected):
    with app.test_request_context():
        assert _top_answer(shown, [Cell(SHOWN)] * len(shown), answered) == expected


def test_no_top_answer_when_a_hidden_number_could_be_larger(app):
    with app.test_request_context():
        assert _top_answer([(8, "Red")], [Cell(SHOWN), Cell(HIDDEN)], 20) is None


@pytest.fixture
def spread(app):
    """20 people: 8 chose Bus, 7 Train, 5 Bike (the most chosen, but not most people)."""
    with app.app_context():
        consultation = make_consultation([QuestionSpec("single_choice", ["Bus", "Train", "Bike"])],
                                         slug="getting-here", title="Getting here")
        now = utcnow().replace(microsecond=0)
        consultation.opens_at, consultation.closes_at = now - timedelta(days=30), now - timedelta(days=1)
        answers = [{0: [0]}] * 8 + [{0: [1]}] * 7 + [{0: [2]}] * 5
        add_responses(consultation, [ResponseSpec(now - timedelta(days=3), given) for given in answers])
        consultation.results_published_at = now
        db.session.commit()
    return "getting-here"


def _numbers_only_in_sentences(text: str) -> None:
    assert "%" not in text and "<" not in text
    assert not NUMBER_WORDS.search(text), NUMBER_WORDS.search(text)


def test_the_easy_results_page_says_numbers_in_sentences_of_digits(resident, spread):
    page = resident.get(f"/results/{spread}?register=easy")
    assert page.status == 200
    main = page.soup.find("main")
    text = main.get_text(" ", strip=True)
    assert "20 people answered this question." in text
    assert "8 out of 20 people chose “Bus”." in text and "5 out of 20 people chose “Bike”." in text
    assert "More people chose “Bus” than any other answer." in text and "Most people" not in text
    _numbers_only_in_sentences(text)
    # Every line with a digit is a sentence: words around the number, a full stop at the end.
    for line in main.select(".easy-result__sentence, .easy-answer p"):
        words = line.get_text(" ", strip=True)
        if re.search(r"\d", words):
            assert re.search(r"[A-Za-z]{3,}", words) and words.endswith("."), words
    assert not main.find("table")


def test_what_you_told_us_says_the_same_in_the_pdf(app, spread):
    # Built straight from the consultation: the public route offers it only with easy-read texts.
    with app.test_request_context():
        consultation = db.session.scalar(db.select(Consultation).where(Consultation.slug == spread))
        data, _name = results_pdf(consultation, "en")
    text = " ".join(pdf_reader.text_of(data).split())
    assert "8 out of 20 people chose “Bus”." in text
    assert "More people chose “Bus” than any other answer." in text and "Most people" not in text
    _numbers_only_in_sentences(text)
