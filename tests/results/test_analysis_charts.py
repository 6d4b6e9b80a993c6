"""SVG charts and filter parsing, as plain functions: no app, no request."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from consult.results import charts
from consult.results.filters import parse_date, parse_filters

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def texts(root) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


BARS = [
    charts.Bar("Yes", 64, "64 (53%)"),
    charts.Bar("No", 50, "50 (41%)"),
    charts.Bar("Prefer not to say", None, "fewer than 5"),
    charts.Bar("No answer (skipped)", 0, "0 (0%)"),
]


def test_bar_chart_is_an_image_named_by_its_title_with_every_value_written():
    root = parse(charts.bar_chart(BARS, chart_id="chart-q1", title="Question 1: answers",
                                  description="Most people (53%) chose “Yes”."))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-q1-title"
    assert root.find(f"{SVG}title").get("id") == "chart-q1-title"
    assert root.find(f"{SVG}title").text == "Question 1: answers"
    assert root.find(f"{SVG}desc").text == "Most people (53%) chose “Yes”."
    words = texts(root)
    for bar in BARS:
        assert bar.label in words and bar.text in words  # meaning is in words, not only in colour
    assert not [element for element in root.iter() if "style" in element.attrib]


def test_bar_lengths_follow_the_values_and_hidden_counts_draw_no_bar():
    root = parse(charts.bar_chart(BARS, chart_id="c", title="t", scale_max=120))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert len(widths) == 2  # Yes and No; nothing for the hidden count or the zero
    assert widths[0] == charts.BAR_MAX * 64 / 120
    assert widths[0] / widths[1] == 64 / 50


def test_right_to_left_mirrors_the_bars():
    ltr = parse(charts.bar_chart(BARS[:1], chart_id="c", title="t", scale_max=100))
    rtl = parse(charts.bar_chart(BARS[:1], chart_id="c", title="t", scale_max=100, rtl=True))
    assert ltr.get("direction") == "ltr" and rtl.get("direction") == "rtl"
    left, right = ltr.find(f".//{SVG}rect"), rtl.find(f".//{SVG}rect")
    width = float(left.get("width"))
    assert float(left.get("x")) == charts.BAR_START
    assert float(right.get("x")) + width == charts.WIDTH - charts.BAR_START  # grows leftwards from the right


def test_words_in_charts_are_escaped():
    root = parse(charts.bar_chart([charts.Bar("<script>x</script> & co", 3, "3")], chart_id="c",
                                  title="<b>t</b>", description="a < b"))
    assert "<script>x</script> & co" in " ".join(texts(root))
    assert root.find(f"{SVG}script") is None and root.find(f"{SVG}title").text == "<b>t</b>"


def test_long_labels_wrap_onto_lines():
    assert charts.wrap("Neither agree nor disagree") == ["Neither agree nor", "disagree"]
    assert charts.wrap("one " * 40)[-1].endswith("\u2026") and len(charts.wrap("one " * 40)) == charts.LABEL_LINES
    assert charts.wrap("") == [""]


def test_column_chart_labels_some_days_and_marks_hidden_ones():
    columns = [charts.Column(f"{n} Mar", n if n % 3 else None, str(n)) for n in range(1, 22)]
    root = parse(charts.column_chart(columns, chart_id="chart-days", title="Responses by day", top_label="20 responses"))
    assert root.get("role") == "img"
    rects = list(root.iter(f"{SVG}rect"))
    dashed = [rect for rect in rects if rect.get("stroke-dasharray")]
    assert len(dashed) == 7  # days 3, 6, ... 21 are not shown: a dashed outline each
    words = texts(root)
    assert "1 Mar" in words and "20 responses" in words
    assert len([w for w in words if w.endswith("Mar")]) <= charts.MAX_TICKS + 1


def test_column_chart_runs_right_to_left_in_arabic():
    columns = [charts.Column("a", 5), charts.Column("b", 10)]
    ltr = [float(r.get("x")) for r in parse(charts.column_chart(columns, chart_id="c", title="t")).iter(f"{SVG}rect")]
    rtl = [float(r.get("x")) for r in parse(charts.column_chart(columns, chart_id="c", title="t", rtl=True)).iter(f"{SVG}rect")]
    assert ltr[0] < ltr[1] and rtl[0] > rtl[1]


# -- filters ----------------------------------------------------------------------------------

def test_filters_read_from_the_address():
    filters = parse_filters({"from": "2027-03-01", "to": "31/3/2027", "channel": "paper", "language": "cy",
                             "register": "easy", "answer": "17"}, languages={"en", "cy"}, option_ids={17, 18})
    assert not filters.errors
    assert (filters.date_from, filters.date_to) == (date(2027, 3, 1), date(2027, 3, 31))
    assert (filters.channel, filters.language, filters.register, filters.answer) == ("paper", "cy", "easy", 17)
    assert filters.args() == {"from": "2027-03-01", "to": "2027-03-31", "channel": "paper", "language": "cy",
                              "register": "easy", "answer": "17"}


def test_bad_filters_are_reported_beside_their_fields_and_left_out():
    filters = parse_filters({"from": "31/2/2027", "to": "yesterday", "channel": "pigeon", "language": "xx",
                             "register": "large", "answer": "99"}, languages={"en"}, option_ids={17})
    assert [field for _message, field in filters.errors] == [
        "filter-from", "filter-to", "filter-channel", "filter-language", "filter-register", "filter-answer"]
    assert not filters.active and filters.args() == {}
    assert filters.typed["channel"] == "pigeon"  # shown back as typed


def test_an_end_before_the_start_is_an_error():
    filters = parse_filters({"from": "2027-03-10", "to": "2027-03-01"}, languages=(), option_ids=())
    assert [field for _message, field in filters.errors] == ["filter-to"]
    assert filters.date_from == date(2027, 3, 10) and filters.date_to is None


def test_dates():
    assert parse_date("2027-03-01") == date(2027, 3, 1)
    assert parse_date(" 1/3/2027 ") == date(2027, 3, 1)
    assert parse_date("1.3.2027") == date(2027, 3, 1)
    assert parse_date("3/1") is None and parse_date("2027-02-30") is None
