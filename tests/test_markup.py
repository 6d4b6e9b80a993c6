"""Consultation texts render a small, safe part of Markdown, in one place (consult/markup.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from consult.easy_read_words import sentences
from consult.extensions import db
from consult.i18n import Localised
from consult.loading import load_consultation
from consult.markup import markdown_html, rich_lines, rich_text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=https://evil.example></iframe>",
    '**bold<svg onload="alert(1)">**',
    "![picture](https://evil.example/x.png)",
    '[x](https://example.org "title" onmouseover=alert(1))',
    "<style>body{display:none}</style>",
    "[x](<javascript:alert(1)>)",
]


def _tags(html: str):
    return BeautifulSoup(html, "html.parser").find_all(True)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_neutralised(text):
    for html in (markdown_html(text), "".join(rich_lines(text, sentences))):
        for tag in _tags(html):
            assert tag.name in {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "br"}, html
            assert not any(name.startswith("on") for name in tag.attrs), html
            assert set(tag.attrs) <= {"href", "rel", "start"}, html
            if tag.name == "a":
                assert tag["href"].startswith(("http://", "https://", "mailto:")), html
        assert "javascript:" not in html.lower().replace("(javascript:", "") or "<a" not in html


def test_raw_html_is_shown_as_words_not_run():
    assert markdown_html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_the_subset_headings_lists_links_and_bold():
    html = markdown_html("# Plan\n\n- one\n- **two**\n\n1. first\n\n[Our site](https://example.org) "
                         "[Email](mailto:us@example.org)")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h3").get_text() == "Plan"  # below the page's h2 by default
    assert [li.get_text() for li in soup.select("ul li")] == ["one", "two"]
    assert soup.select_one("ul strong").get_text() == "two"
    assert soup.select_one("ol li").get_text() == "first"
    links = soup.find_all("a")
    assert [a["href"] for a in links] == ["https://example.org", "mailto:us@example.org"]
    assert all(a["rel"] == ["noopener"] for a in links)


def test_headings_move_below_the_pages_own():
    assert markdown_html("# Top", below=1).startswith("<h2>")
    assert markdown_html("## Next", below=3).startswith("<h5>")
    assert markdown_html("#### Deep", below=3).startswith("<h6>")  # never past h6


def test_relative_links_and_italics_stay_words():
    assert "<a" not in markdown_html("[home](/staff/)")
    assert markdown_html("*lean* words") == "<p>lean words</p>\n"


def test_plain_text_renders_as_it_always_did(app):
    with app.test_request_context():
        one = rich_text(Localised("We want to hear about the park & its café.", "en", "standard"), "lead")
        assert str(one) == '<p class="lead">We want to hear about the park &amp; its café.</p>'
        two = rich_text(Localised("First paragraph.\n\nSecond paragraph,\nsame one.", "en", "standard"))
        assert str(two) == "<div><p>First paragraph.</p>\n<p>Second paragraph,\nsame one.</p>\n</div>"
        welsh = rich_text(Localised("Geiriau.", "cy", "standard"))
        assert str(welsh) == '<p lang="cy" dir="ltr">Geiriau.</p>'
        assert rich_text(None) == "" and rich_text(Localised("  ", "en", "standard")) == ""


def test_easy_read_lines_keep_bold_and_links_one_idea_a_line():
    lines = rich_lines("# About the park\n\nWe will **mend** the gate. Read [our plan](https://example.org).\n\n- Seats",
                       sentences)
    assert [str(line) for line in lines] == [
        "About the park", "We will <strong>mend</strong> the gate.",
        'Read <a href="https://example.org" rel="noopener">our plan</a>.', "Seats"]


def _set_texts(app, slug, **texts):
    with app.app_context():
        consultation = load_consultation(slug)
        for field, body in texts.items():
            for register in ("standard", "easy"):
                getattr(consultation, field).set(consultation.default_language, body, register)
        db.session.commit()


def test_the_start_page_renders_markdown_safely_in_both_versions(app, demo, resident):
    _set_texts(app, demo["slug"], purpose="# Why\n\nRead **this**: [plan](https://example.org/plan) "
                                          "[bad](javascript:alert(1)) <script>alert(1)</script>")
    page = resident.get(f"/c/{demo['slug']}")
    main = page.soup.select_one("main")
    assert main.find("script") is None
    heading = main.find(string="Why").parent
    assert heading.name == "h3"  # under "Why we are asking" (h2)
    link = main.find("a", string="plan")
    assert link["href"] == "https://example.org/plan" and link["rel"] == ["noopener"]
    assert "javascript:" not in str(main.find_all("a"))
    assert "<script>alert(1)</script>" in main.get_text()  # shown as words

    easy = resident.get(f"/c/{demo['slug']}?register=easy")
    words = easy.soup.select_one("main")
    assert words.find("script") is None and words.find("h3") is None
    assert words.find("strong", string="this") is not None
    assert words.find("a", string="plan")["href"] == "https://example.org/plan"


def test_the_results_page_renders_outcomes_with_markdown(app, demo, signed_in):
    from consult.models import Outcome, TextBlock

    with app.app_context():
        consultation = load_consultation(demo["slug"])
        db.session.add(Outcome(consultation_id=consultation.id, position=1,
                               heard=TextBlock.of("# Seats\n\nThe park needs **more seats**."),
                               action=TextBlock.of("- Add 10 benches\n- [Map](https://example.org/map)")))
        db.session.commit()
    editor = signed_in("editor")
    page = editor.get(f"/results/{demo['slug']}")  # a preview for staff until results are published
    assert page.status == 200
    outcome = page.soup.select_one(".outcome")
    assert outcome.find("h4").get_text() == "Seats"  # below the h3 "You said"
    assert outcome.find("strong").get_text() == "more seats"
    assert [li.get_text() for li in outcome.select("ul li")] == ["Add 10 benches", "Map"]


def test_printed_lines_keep_bold_and_write_links_out():
    from consult.markup import printed_lines

    assert [str(line) for line in printed_lines(
        "# Plan\n\nRead **our** [plan](https://example.org/p). [bad](javascript:alert(1)) <b>x</b>")] == [
        "Plan", 'Read <strong>our</strong> plan (https://example.org/p). [bad](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt;']


@pytest.mark.parametrize("register", ["standard", "easy"])
def test_the_printed_questionnaire_uses_the_same_rendering(app, demo, register):
    from consult.models import Consultation
    from consult.printing.questionnaire import questionnaire_document

    _set_texts(app, demo["slug"], purpose="We want to **improve** it.\n\n- Read [our plan](https://example.org/plan)")
    with app.test_request_context():
        consultation = db.session.get(Consultation, demo["id"])
        _printed, html = questionnaire_document(consultation, "en", register)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("strong", string="improve") is not None
    assert "our plan (https://example.org/plan)" in soup.get_text()
    assert "**" not in soup.get_text() and soup.find("a", href="https://example.org/plan") is None
