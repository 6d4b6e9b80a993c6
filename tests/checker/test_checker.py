"""The plain-language checker: fixed texts with exact expectations, in English and Welsh.

Every test here runs with the network blocked, to prove the checker never reaches for it
(textstat, for one, downloads a pronouncing dictionary on first use).
"""

from __future__ import annotations

import ast
import socket
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.checker import ADVICE_ORDER, BANDS, Advice, Finding, check_text, highlight
from consult.checker.readability import band_for
from consult.checker.syllables import estimate_syllables
from consult.checker.wordlists import acronyms, hard_words


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the checker tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_network_really_is_blocked():
    with pytest.raises(AssertionError):
        socket.create_connection(("example.org", 80))


def test_the_checker_needs_only_the_standard_library():
    """No dependency can sneak in that downloads data at run time (as textstat does)."""
    package = Path(__file__).resolve().parents[2] / "consult" / "checker"
    imported = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert imported - set(sys.stdlib_module_names) == {"consult"}


def spans(findings):
    return [(f.text, f.start, f.end) for f in findings]


def sentence_of(words: int) -> str:
    return " ".join(["Cat"] + ["cat"] * (words - 1)) + "."


# --- Syllables ---------------------------------------------------------------------------------

# Our own list, counted by hand: everyday words, consultation words, and the spellings the rules
# exist for (silent e, -le, -es, -ed, y as a vowel, vowel pairs read as two syllables).
KNOWN_SYLLABLES = {
    "the": 1, "people": 2, "council": 2, "health": 1, "care": 1, "service": 2, "services": 3,
    "community": 4, "information": 4, "consultation": 4, "question": 2, "area": 3, "idea": 3,
    "hospital": 3, "table": 2, "little": 2, "make": 1, "times": 1, "changes": 2, "houses": 2,
    "used": 1, "wanted": 2, "asked": 1, "agreed": 2, "happy": 2, "yellow": 2, "day": 1, "year": 1,
    "available": 4, "disability": 5, "appointment": 3, "education": 4, "facilitate": 4,
    "utilise": 3, "utilised": 3, "neighbourhood": 3, "queue": 1, "usual": 3, "period": 3,
    "previous": 3, "experience": 4, "something": 2, "statement": 2, "centre": 2, "disabled": 3,
    "being": 2, "easier": 3, "appropriate": 4, "special": 2, "million": 2, "situation": 4,
    "language": 2, "government": 3, "proposal": 3, "difficult": 3, "treatment": 2, "whether": 2,
    "emergency": 4, "opportunity": 5, "activities": 4, "weekend": 2, "museum": 3,
}


def test_syllable_estimate_is_right_for_at_least_90_percent_of_known_words():
    wrong = {word: estimate_syllables(word) for word, count in KNOWN_SYLLABLES.items()
             if estimate_syllables(word) != count}
    assert len(KNOWN_SYLLABLES) >= 40
    assert len(wrong) / len(KNOWN_SYLLABLES) <= 0.10, wrong


def test_syllables_of_hyphenated_words_abbreviations_and_apostrophes():
    assert estimate_syllables("well-being") == 3
    assert estimate_syllables("NHS") == 3  # read letter by letter
    assert estimate_syllables("don’t") == 1
    assert estimate_syllables("café") == 2
    assert estimate_syllables("") == 0


# --- Scores and bands ----------------------------------------------------------------------------

def test_empty_text_has_no_score():
    for text in ("", "   \n\t", "... -- !"):
        report = check_text(text)
        assert report.score is None and report.band is None
        assert report.measure == "flesch"
        assert report.sentences == [] and report.word_count == 0
        assert report.ok and report.advice() == []
    assert check_text("", language="cy").measure == "lix"


def test_flesch_for_a_very_easy_sentence():
    # 6 words, 6 syllables, 1 sentence: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145
    report = check_text("The cat sat on the mat.")
    assert report.measure == "flesch"
    assert report.score == pytest.approx(116.145, abs=0.1)
    assert report.band == "very_easy"


def test_flesch_for_a_hard_sentence():
    # Residents 3, should 1, complete 2, the 1, consultation 4, questionnaire 3, before 2, the 1,
    # deadline 2: 19 syllables in 9 words: 206.835 - 1.015 * 9 - 84.6 * 19 / 9 = 19.1
    report = check_text("Residents should complete the consultation questionnaire before the deadline.")
    assert report.score == pytest.approx(19.1, abs=0.5)
    assert report.band == "very_hard"


def test_flesch_averages_sentence_length():
    # 2 sentences, 8 words, 9 syllables (morning 2): 206.835 - 1.015 * 4 - 84.6 * 9 / 8 = 107.6
    report = check_text("We meet at ten. Come in the morning.")
    assert report.score == pytest.approx(107.6, abs=0.1)


def test_lix_for_welsh():
    # 15 words, 2 sentences, 2 words of 7+ letters (gwasanaethau, dechrau):
    # 15 / 2 + 100 * 2 / 15 = 20.8
    report = check_text(
        "Mae'r cyngor eisiau clywed eich barn. Bydd y gwasanaethau newydd yn dechrau ym mis Ebrill.",
        language="cy",
    )
    assert report.measure == "lix"
    assert report.score == pytest.approx(20.8, abs=0.05)
    assert report.band == "very_easy"
    assert [s.word_count for s in report.sentences] == [6, 9]


def test_other_languages_use_lix_and_language_tags_are_reduced_to_the_language():
    assert check_text("Bonjour tout le monde.", language="fr").measure == "lix"
    assert check_text("Hello there.", language="en-GB").measure == "flesch"
    assert check_text("Helo.", language="cy_GB").language == "cy"


@pytest.mark.parametrize("language", ["ŵ" * 300, "w" * 300, "../../etc", "ŵ", "٣", ""])
def test_a_language_that_is_not_a_language_code_is_checked_as_english(language):
    """It never names a word-list file: a long one was an OSError (file name too long)."""
    assert check_text("Hello there.", language=language).language == "en"
    assert hard_words(language) == {}


@pytest.mark.parametrize(
    "measure, score, band",
    [
        ("flesch", 80, "very_easy"), ("flesch", 79.9, "easy"), ("flesch", 60, "easy"),
        ("flesch", 59.9, "fairly_hard"), ("flesch", 50, "fairly_hard"), ("flesch", 49.9, "hard"),
        ("flesch", 30, "hard"), ("flesch", 29.9, "very_hard"), ("flesch", -20, "very_hard"),
        ("lix", 24.9, "very_easy"), ("lix", 25, "easy"), ("lix", 35, "fairly_hard"),
        ("lix", 45, "hard"), ("lix", 54.9, "hard"), ("lix", 55, "very_hard"),
    ],
)
def test_band_thresholds(measure, score, band):
    assert band_for(measure, score) == band
    assert band in BANDS


def test_unknown_register_is_refused():
    with pytest.raises(ValueError):
        check_text("Hello.", register="plain")


# --- Words and sentences -------------------------------------------------------------------------

def test_abbreviations_numbers_and_decimals_do_not_end_sentences():
    text = ("Dr. Smith met us at 10.30 a.m. on Monday, e.g. for tea, etc. and then left. "
            "It cost £3.50 in total! Was it worth it? Yes.")
    report = check_text(text)
    assert [(s.text, s.start, s.end, s.word_count) for s in report.sentences] == [
        ("Dr. Smith met us at 10.30 a.m. on Monday, e.g. for tea, etc. and then left.", 0, 75, 16),
        ("It cost £3.50 in total!", 76, 99, 5),
        ("Was it worth it?", 100, 116, 4),
        ("Yes.", 117, 121, 1),
    ]


def test_numbers_before_a_full_stop_still_end_sentences_but_no_before_a_number_does_not():
    report = check_text("The answer is 42. See No. 5 on the list. The answer is no. Thanks.")
    assert [s.text for s in report.sentences] == [
        "The answer is 42.", "See No. 5 on the list.", "The answer is no.", "Thanks.",
    ]


def test_times_of_day_end_a_sentence_only_before_a_capital():
    report = check_text("We open at 9 a.m. Come early. Or at 2 p.m. on Monday.")
    assert [s.text for s in report.sentences] == [
        "We open at 9 a.m.", "Come early.", "Or at 2 p.m. on Monday.",
    ]


def test_curly_quotes_apostrophes_and_hyphens():
    text = "“Don’t worry,” she said. It’s about well-being. She said “stop.” Then left."
    report = check_text(text)
    assert [(s.text, s.start, s.word_count) for s in report.sentences] == [
        ("“Don’t worry,” she said.", 0, 4),
        ("It’s about well-being.", 25, 3),
        ("She said “stop.”", 48, 3),
        ("Then left.", 65, 2),
    ]


def test_lines_end_sentences_and_list_markers_are_not_words():
    text = "Have your say\n1. Read the plan\n2. Answer the questions\n- Send it back"
    report = check_text(text)
    assert [(s.text, s.start, s.word_count) for s in report.sentences] == [
        ("Have your say", 0, 3), ("Read the plan", 17, 3),
        ("Answer the questions", 34, 3), ("Send it back", 57, 3),
    ]


def test_web_and_email_addresses_are_one_word_each():
    report = check_text("Visit www.example.gov.uk or email consult@cardiff.gov.uk today. Thanks.")
    assert [s.word_count for s in report.sentences] == [6, 1]


def test_dates_and_years_are_one_word_each():
    report = check_text("The budget for 2025/26 closes on 31/03/2026.")
    assert report.sentences[0].word_count == 7


@pytest.mark.parametrize(
    "register, words, level",
    [
        ("standard", 15, "ok"), ("standard", 16, "warn"), ("standard", 25, "warn"),
        ("standard", 26, "flag"), ("easy", 15, "ok"), ("easy", 16, "warn"), ("easy", 20, "warn"),
        ("easy", 21, "flag"),
    ],
)
def test_sentence_length_levels(register, words, level):
    report = check_text(sentence_of(words), register=register)
    assert report.sentences[0].word_count == words
    assert report.sentences[0].level == level


# --- Hard words ----------------------------------------------------------------------------------

def test_hard_words_match_inflections_and_case_but_only_whole_words():
    text = "We utilised it. She Utilises them. Prior to that, recommence and commence in order to help."
    report = check_text(text)
    assert [(f.text, f.start, f.end, f.suggestion) for f in report.hard_words] == [
        ("utilised", 3, 11, "use"),
        ("Utilises", 20, 28, "use"),
        ("Prior to", 35, 43, "before"),
        ("commence", 65, 73, "start"),
        ("in order to", 74, 85, "to"),
    ]
    assert all(f.message_key == "hard_word" for f in report.hard_words)


def test_hard_word_spellings_and_multi_word_health_terms():
    report = check_text("We utilized domiciliary care. Staff are utilising it.")
    assert [(f.text, f.suggestion) for f in report.hard_words] == [
        ("utilized", "use"), ("domiciliary", "at home"), ("utilising", "use"),
    ]


def test_phrases_do_not_match_across_punctuation_or_lines():
    assert check_text("Put it in order, to be tidy.").hard_words == []
    assert check_text("We met prior\nto lunch.").hard_words == []


def test_extra_hard_words_extend_and_override_the_list():
    report = check_text(
        "We utilise outcomes to commence.", extra_hard_words={"Outcomes": "results", "utilise": "make use of"}
    )
    assert [(f.text, f.suggestion) for f in report.hard_words] == [
        ("utilise", "make use of"), ("outcomes", "results"), ("commence", "start"),
    ]
    # The call's own words do not leak into later calls.
    assert [f.text for f in check_text("Good outcomes.").hard_words] == []


def test_welsh_hard_words_match_after_mutation_and_with_clitics():
    text = "Ni ellir talu ar-lein. Rydym yn gweithio yn unol â'r canllawiau drwy gyfrwng y Gymraeg."
    report = check_text(text, language="cy")
    assert [(f.text, f.start, f.end, f.suggestion) for f in report.hard_words] == [
        ("ellir", 3, 8, "gallwch chi"),
        ("yn unol â'r", 41, 52, "yn ôl"),
        ("drwy gyfrwng", 64, 76, "yn"),
    ]


def test_word_lists_load_and_are_well_formed():
    english, welsh = hard_words("en"), hard_words("cy")
    assert 140 <= len(english) <= 260
    assert 25 <= len(welsh) <= 50
    assert english["utilise"] == "use" and english["prior to"] == "before"
    assert all(suggestion for suggestion in [*english.values(), *welsh.values()])
    assert hard_words("fr") == {}
    assert {"NHS", "GP", "UK", "BSL"} <= acronyms()


# --- Long words, passive voice, capitals ---------------------------------------------------------

def test_long_words():
    report = check_text("The responsibility for accessibility is ours. We facilitate it.")
    assert spans(report.long_words) == [("responsibility", 4, 18), ("accessibility", 23, 36)]
    # "facilitate" is reported once, as a hard word with a suggestion, not again as long.
    assert [f.text for f in report.hard_words] == ["facilitate"]


def test_long_words_in_welsh_count_letters():
    report = check_text("Mae'r gweithgareddau yn yr ymgynghoriad.", language="cy")
    assert spans(report.long_words) == [("gweithgareddau", 6, 20)]


def test_passive_voice():
    text = ("The form was completed by the resident. The plan has been agreed. "
            "Money is not always spent well. The hall is being rebuilt. They’re told later.")
    report = check_text(text)
    assert spans(report.passive) == [
        ("was completed", 9, 22),
        ("been agreed", 53, 64),
        ("is not always spent", 72, 91),
        ("is being rebuilt", 107, 123),
        ("They’re told", 125, 137),
    ]
    assert all(f.message_key == "passive" for f in report.passive)


def test_passive_voice_avoids_feelings_and_other_ed_words():
    text = "I am tired. We are interested in your views. You need to be there. It was indeed red."
    assert check_text(text).passive == []


def test_no_passive_check_in_welsh():
    assert check_text("Cafodd y ffurflen ei llenwi. Was completed.", language="cy").passive == []


def test_capitals_skip_acronyms_numerals_and_headings_in_the_standard_register():
    text = "IMPORTANT DATES\nPlease reply BY FRIDAY to the NHS’s team, your GP or COVID-19 Phase II in the U.K."
    report = check_text(text)
    assert spans(report.capitals) == [("BY", 29, 31), ("FRIDAY", 32, 38)]
    assert all(f.message_key == "capitals" for f in report.capitals)


def test_capitals_in_headings_are_flagged_in_easy_read():
    text = "IMPORTANT DATES\nPlease reply BY FRIDAY."
    report = check_text(text, register="easy")
    assert spans(report.capitals) == [
        ("IMPORTANT", 0, 9), ("DATES", 10, 15), ("BY", 29, 31), ("FRIDAY", 32, 38),
    ]


# --- Easy read only ------------------------------------------------------------------------------

def test_numbers_as_words_in_easy_read_english():
    text = "Three people came and twenty-one left. No one stayed. One of them had 2 dogs."
    report = check_text(text, register="easy")
    assert [(f.text, f.start, f.suggestion) for f in report.numbers_as_words] == [
        ("Three", 0, "3"), ("twenty-one", 22, None), ("One", 54, "1"),
    ]
    assert check_text(text).numbers_as_words == []  # standard register


def test_a_number_in_several_words_is_one_finding():
    report = check_text("About two hundred people. Five\nsix. It costs £2.3 million.", register="easy")
    assert [(f.text, f.start, f.suggestion) for f in report.numbers_as_words] == [
        ("two hundred", 6, None), ("Five", 26, "5"), ("six", 31, "6"),
    ]


def test_numbers_as_words_in_easy_read_welsh_skip_un_and_deg():
    text = "Mae dau gi a thair cath. Mae un person yn deg. Mae un ar ddeg o blant."
    report = check_text(text, language="cy", register="easy")
    assert [(f.text, f.suggestion) for f in report.numbers_as_words] == [
        ("dau", "2"), ("thair", "3"), ("ddeg", "10"),
    ]


def test_several_ideas_in_one_sentence():
    text = ("We will close the library and open a new hub. Tell us what you think and why. "
            "We sell bread and butter. The bus was late but we got there.")
    report = check_text(text, register="easy")
    assert spans(report.several_ideas) == [("and", 26, 29), ("but", 121, 124)]
    assert check_text(text).several_ideas == []


def test_several_ideas_in_welsh():
    text = "Rydyn ni'n cau'r llyfrgell ac rydyn ni'n agor canolfan newydd. Mae bara a chaws yma."
    report = check_text(text, language="cy", register="easy")
    assert spans(report.several_ideas) == [("ac", 27, 29)]


def test_formatting_other_than_bold_in_easy_read():
    text = "This is *very* important and <u>must</u> be read. Use **bold** not snake_case or 2 * 3. _Note_ <em>this</em>."
    report = check_text(text, register="easy")
    assert [(f.text, f.start, f.message_key) for f in report.formatting] == [
        ("*very*", 8, "formatting_italic"),
        ("<u>must</u>", 29, "formatting_underline"),
        ("_Note_", 88, "formatting_italic"),
        ("<em>this</em>", 95, "formatting_italic"),
    ]
    # Tags are markup, not words.
    assert report.sentences[0].word_count == 8
    assert check_text(text).formatting == []


# --- Advice, ok and highlight --------------------------------------------------------------------

def test_advice_counts_each_kind_in_a_stable_order():
    text = sentence_of(26) + " We utilise it. It was decided. Commence NOW."
    report = check_text(text)
    assert report.advice() == [
        Advice("very_long_sentences", 1, "flag"),
        Advice("hard_words", 2),
        Advice("passive", 1),
        Advice("capitals", 1),
    ]
    assert [a.key for a in report.advice()] == sorted(
        (a.key for a in report.advice()), key=ADVICE_ORDER.index
    )
    assert not report.ok


def test_plain_text_is_ok():
    report = check_text("Tell us what you think. We read every answer.", register="easy")
    assert report.ok and report.advice() == []
    assert report.band == "very_easy"


def test_highlight_marks_findings_and_long_sentences():
    text = "We utilise it. " + sentence_of(16)
    report = check_text(text)
    segments = highlight(text, report)
    assert [(s.text, set(s.kinds)) for s in segments] == [
        ("We ", set()),
        ("utilise", {"hard_words"}),
        (" it. ", set()),
        (sentence_of(16), {"long_sentences"}),
    ]
    assert [s.marked for s in segments] == [False, True, False, True]


def test_highlight_can_leave_out_whole_sentence_marks():
    text = "We utilise it and " + sentence_of(16).lower()
    segments = highlight(text, check_text(text), kinds={"hard_words"})
    assert [(s.text, set(s.kinds)) for s in segments] == [
        ("We ", set()), ("utilise", {"hard_words"}), (text[10:], set()),
    ]


def test_highlight_of_overlapping_findings():
    text = "WE UTILISE IT"
    report = check_text(text)  # one-line capitals with no full stop: a heading, so not capitals
    assert spans(report.capitals) == []
    report = check_text(text, register="easy")
    segments = highlight(text, report)
    assert [(s.text, set(s.kinds)) for s in segments] == [
        ("WE", {"capitals"}), (" ", set()), ("UTILISE", {"capitals", "hard_words"}),
        (" ", set()), ("IT", {"capitals"}),
    ]


def test_highlight_clips_a_report_for_another_text():
    report = check_text("We utilise it every day.")
    assert "".join(s.text for s in highlight("We", report)) == "We"
    assert highlight("", report) == []


WORDISH = st.sampled_from([
    "utilise", "in order to", "was decided", "NHS", "IMPORTANT", "three", "and", "we", "open",
    "*very*", "<u>x</u>", "e.g.", "3.5", "Dr.", "don’t", "well-being", "ellir", "â'r", "dau",
    ".", "!", "?", ",", "\n", "“", "”", " ", "  ", "-", "1.", "www.x.org", "ac", "rydyn",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDISH, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, language=st.sampled_from(["en", "cy", "fr"]), register=st.sampled_from(["standard", "easy"]))
def test_any_text_round_trips_through_highlight_and_offsets_point_into_it(text, language, register):
    report = check_text(text, language=language, register=register)
    segments = highlight(text, report)
    assert "".join(segment.text for segment in segments) == text
    assert all(segment.text for segment in segments)
    for sentence in report.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    for kind in ("long_words", "hard_words", "passive", "capitals", "numbers_as_words", "several_ideas", "formatting"):
        for finding in report.findings(kind):
            assert isinstance(finding, Finding)
            assert text[finding.start:finding.end] == finding.text
    assert (report.score is None) == (report.word_count == 0)
