"""Printed results: "What you told us" in easy read for everyone, and the full report for staff and boards.

Both start from the same SQL summaries as the dashboard (``consult.results.analysis``) with the same
small-group protection (``consult.results.protect``): the PDF only ever holds aggregates, never a
person's own words. Like the questionnaires, the HTML is built in the PDF's language and the cached
PDF is used until that HTML changes, that is until the answers, outcomes or texts behind it change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import current_app, render_template
from flask_babel import force_locale, format_number

from consult import i18n
from consult.i18n import ContentCatalogue
from consult.loading import block_ids
from consult.models.content import EASY
from consult.pictures.loading import load_owner_pictures
from consult.printing import cache
from consult.printing.pdf import render_pdf
from consult.printing.questionnaire import PrintedPicture, attributions, printed_picture, text_of
from consult.printing.rendering import PdfOrder, render_and_store
from consult.results import analysis, present, present_grids
from consult.results.outcomes import outcomes_of
from consult.results.plain import GRID, MULTIPLE, NUMBER, RANKING, SINGLE, TEXT, shape_of
from consult.results.protect import HIDDEN, SHOWN, SMALL, protect_counts, protect_total
from consult.templating import london_date
from consult.translating import gettext as _
from consult.translating import ngettext

EASY_TEMPLATE = "pdf/results_easy.html"
REPORT_TEMPLATE = "pdf/results_report.html"
# Easy read stays short (never over 24 pages): past this many questions, or options in a question,
# the PDF summarises instead of listing everything.
MANY_QUESTIONS = 12
MOST_BARS = 6
COMPACT_BARS = 3
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+")


@dataclass(frozen=True)
class PrintedBar:
    sentence: str  # "12 out of 20 people chose “Yes”."
    share: int | None  # the bar's length in percent of the people asked; None when not shown
    picture: PrintedPicture | None = None
    face: str | None = None  # the agree scale's face (an option value, drawn by CSS)


@dataclass(frozen=True)
class PrintedResult:
    number: int
    prompt: str
    picture: PrintedPicture | None
    sentences: list[str]
    bars: list[PrintedBar] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # after the bars: "3 other answers ..."
    chart: object = None  # the full report: a present.QuestionView with its table


@dataclass(frozen=True)
class PrintedOutcome:
    heard: list[str]
    action: list[str]
    picture: PrintedPicture | None
    # ` lang=".." dir=".."` when the words fell back to another language (a preview before they are
    # translated): English inside an Arabic PDF must run left to right, or its full stops jump ends.
    heard_lang: str = ""
    action_lang: str = ""


@dataclass(frozen=True)
class PrintedResults:
    language: str
    direction: str
    register: str
    title: str
    document_title: str
    summary: list[str]
    purpose: list[str]
    closed: str
    total_sentence: str
    results: list[PrintedResult]
    outcomes: list[PrintedOutcome]
    contact: list[str]
    contact_email: str | None
    attributions: list[str]
    threshold: int
    overview: list = field(default_factory=list)  # the full report's tables (present.Chart)

    @property
    def easy(self) -> bool:
        return self.register == EASY


def _sentences(text: str | None, easy: bool) -> list[str]:
    """Easy read puts each sentence on its own line; the report keeps paragraphs whole."""
    if not text:
        return []
    return [s for s in _SENTENCE_END.split(text.strip()) if s] if easy else [text]


def people_sentence(count: int, total: int, state: str, answer: str, threshold: int) -> str:
    """One answer, in words and digits: "12 out of 20 people chose “Yes”."."""
    if state == SMALL:
        return _("Fewer than %(threshold)s of the %(total)s people chose “%(answer)s”.",
                 threshold=format_number(threshold), total=format_number(total), answer=answer)
    if state == HIDDEN:
        return _("We do not say how many people chose “%(answer)s”, to protect people’s privacy.", answer=answer)
    if count == 0:
        return _("Nobody chose “%(answer)s”.", answer=answer)
    return ngettext("%(count)s out of %(num)s person chose “%(answer)s”.",
                    "%(count)s out of %(num)s people chose “%(answer)s”.", total,
                    count=format_number(count), answer=answer)


def _top_answer(shown: list[tuple[int, str]], cells, answered: int) -> str | None:
    """The line about the answer chosen most, or None. Only when one answer was chosen more than any other,
    and no hidden number (kept back so a small one cannot be worked out) could be larger. "Most people"
    means more than half, as readers take it: 8 out of 20 is only chosen more than any other answer."""
    most = max((count for count, _label in shown), default=0)
    tops = [label for count, label in shown if count == most]
    if len(tops) != 1 or any(cell.state == HIDDEN for cell in cells):
        return None
    if most * 2 > answered:
        return _("Most people said “%(answer)s”.", answer=tops[0])
    return _("More people chose “%(answer)s” than any other answer.", answer=tops[0])


def _option_bars(question, summary, texts, pictures, threshold: int, multiple: bool, limit: int):
    counts = [summary.options.get(option.id, 0) for option in question.options]
    if multiple:
        cells = protect_counts(counts, threshold, total=summary.asked)
    else:
        cells = protect_counts(counts + [summary.skipped], threshold, total=summary.asked, additive=True)[:-1]
    bars = []
    shown = [(cell.count, text_of(texts, option.label_id) or "") for option, cell in zip(question.options, cells)
             if cell.state == SHOWN and cell.count > 0]
    top = _top_answer(shown, cells, summary.answered)
    for option, cell in zip(question.options, cells):
        label = text_of(texts, option.label_id) or ""
        share = cell.percent if cell.state == SHOWN else None
        face = option.value if question.type.shows_faces else None
        bars.append((cell.count if cell.state == SHOWN else -1, PrintedBar(
            people_sentence(cell.count, summary.asked, cell.state, label, threshold), share,
            pictures.get(option.picture_id), face)))
    if len(bars) <= limit:
        return [bar for _count, bar in bars], [], top
    # Too many to print in easy read: the most chosen answers, then one line for the rest.
    ranked = sorted(range(len(bars)), key=lambda index: -bars[index][0])
    kept = sorted(ranked[:limit])
    rest = len(bars) - limit
    note = ngettext("%(num)s other answer was chosen by fewer people.",
                    "%(num)s other answers were chosen by fewer people.", rest)
    return [bars[index][1] for index in kept], [note], top


def _easy_result(number, question, shape, summary, texts, pictures, threshold, compact) -> PrintedResult:
    prompt = text_of(texts, question.prompt_id) or ""
    picture = pictures.get(question.picture_id)
    asked = protect_total(summary.asked, threshold)
    if summary.asked == 0:
        return PrintedResult(number, prompt, picture, [_("Nobody was asked this question.")])
    if asked.state == SMALL:
        return PrintedResult(number, prompt, picture, [
            _("Fewer than %(threshold)s people answered this question.", threshold=format_number(threshold)),
            _("We do not show their answers, to protect their privacy.")])
    if shape.shape in (GRID, RANKING):
        return PrintedResult(number, prompt, picture, present_grids.easy_lines(shape, question, summary, texts,
                                                                                  threshold))
    if shape.shape in (SINGLE, MULTIPLE):
        bars, notes, top = _option_bars(question, summary, texts, pictures, threshold, shape.shape == MULTIPLE,
                                        COMPACT_BARS if compact else MOST_BARS)
        opening = ngettext("%(num)s person answered this question.", "%(num)s people answered this question.",
                           summary.answered)
        if shape.shape == MULTIPLE:
            opening += " " + _("People could choose more than one answer.")
        lines = [opening]
        if top is not None:
            lines.append(top)
        return PrintedResult(number, prompt, picture, lines, bars, notes)
    if shape.shape == NUMBER and summary.numbers is not None and summary.numbers.count >= threshold:
        stats = summary.numbers
        return PrintedResult(number, prompt, picture, [
            ngettext("%(num)s person gave a number.", "%(num)s people gave a number.", stats.count),
            _("The numbers went from %(low)s to %(high)s.", low=format_number(stats.minimum),
              high=format_number(stats.maximum)),
            _("The middle number was %(middle)s.", middle=format_number(stats.median))])
    if shape.shape == TEXT:
        answered = protect_total(summary.answered, threshold)
        if summary.answered == 0:
            words = _("Nobody wrote an answer in their own words.")
        elif answered.state == SMALL:
            words = _("Fewer than %(threshold)s people wrote an answer in their own words.",
                      threshold=format_number(threshold))
        else:
            words = ngettext("%(num)s person wrote an answer in their own words.",
                             "%(num)s people wrote answers in their own words.", summary.answered)
        return PrintedResult(number, prompt, picture, [words, _("We read every answer.")])
    return PrintedResult(number, prompt, picture, [
        _("Fewer than %(threshold)s people answered this question.", threshold=format_number(threshold))])


def _printed_outcome(outcome, texts, pictures, language: str, easy: bool) -> PrintedOutcome:
    heard, action = texts(outcome.heard_id), texts(outcome.action_id)
    return PrintedOutcome(_sentences(heard.text if heard else None, easy),
                          _sentences(action.text if action else None, easy), pictures.get(outcome.picture_id),
                          i18n.lang_attr(heard, language), i18n.lang_attr(action, language))


def gather_results(consultation, language: str, register: str, picture_of=printed_picture) -> PrintedResults:
    """Everything a printed results document shows, in the current (forced) locale's words.

    ``picture_of(picture, texts)``: a picture as the document shows it (a PrintedPicture, or None to
    leave it out); the easy-read results web page passes its own, with web addresses.
    """
    easy = register == EASY
    questions = list(consultation.questions)
    outcomes = outcomes_of(consultation)
    pictures = load_owner_pictures([*questions, *outcomes, *(o for q in questions for o in q.options)]) if easy else {}
    ids = block_ids(consultation)
    ids += [block_id for outcome in outcomes for block_id in (outcome.heard_id, outcome.action_id)]
    ids += [picture.alt_id for picture in pictures.values()]
    texts = ContentCatalogue.load(ids, language=language, default_language=consultation.default_language,
                                  register=register)
    printed_pictures = {picture_id: picture_of(picture, texts) for picture_id, picture in pictures.items()}
    shapes = shape_of(consultation)
    summary = analysis.summarise(consultation.id, shapes, zone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
    threshold = consultation.small_group_threshold
    total = protect_total(summary.overview.total, threshold)
    if total.state == SMALL:
        total_sentence = _("Fewer than %(threshold)s people answered.", threshold=format_number(threshold))
    else:
        total_sentence = ngettext("%(num)s person answered.", "%(num)s people answered.", summary.overview.total)
    rtl = i18n.text_direction(language) == "rtl"
    results = []
    for number, (shape, question) in enumerate(zip(shapes, questions), start=1):
        one = summary.questions[question.id]
        if easy and question.type.personal_data:
            continue  # the public "What you told us" leaves out questions asking for personal details
        if easy:
            results.append(_easy_result(number, question, shape, one, texts, printed_pictures, threshold,
                                        compact=len(questions) > MANY_QUESTIONS))
        else:
            view = present.question_view(shape, question, number, one, texts, threshold, rtl, lambda _t: "")
            results.append(PrintedResult(number, text_of(texts, question.prompt_id) or "", None, [view.sentence],
                                         chart=view))
    title = text_of(texts, consultation.title_id) or consultation.slug
    version = _("What you told us") if easy else _("Full report")
    return PrintedResults(
        language=language, direction=i18n.text_direction(language), register=register, title=title,
        document_title=_("%(title)s: %(version)s", title=title, version=version),
        summary=_sentences(text_of(texts, consultation.summary_id), easy),
        purpose=_sentences(text_of(texts, consultation.purpose_id), easy),
        closed=london_date(consultation.closed_at or consultation.closes_at),
        total_sentence=total_sentence, results=results,
        outcomes=[_printed_outcome(outcome, texts, printed_pictures, language, easy) for outcome in outcomes],
        contact=_sentences(text_of(texts, consultation.contact_id), easy), contact_email=consultation.contact_email,
        attributions=attributions(pictures, printed_pictures,
                                   faces=easy and any(question.type.shows_faces for question in questions)),
        threshold=threshold,
        overview=[] if easy else present.overview_charts(summary.overview, consultation, threshold, rtl),
    )


def results_document(consultation, language: str, register: str) -> tuple[PrintedResults, str]:
    with force_locale(i18n.FORMAT_LOCALES.get(language, language)):
        printed = gather_results(consultation, language, register)
        template = EASY_TEMPLATE if printed.easy else REPORT_TEMPLATE
        return printed, render_template(template, doc=printed)


def results_pdf(consultation, language: str, register: str = EASY) -> tuple[bytes, str]:
    """The PDF bytes and their fingerprint; rendered again only when what it shows has changed."""
    printed, html = results_document(consultation, language, register)
    name = f"results-{consultation.id}-{language}-{register}"
    return cache.get_or_render(name, html, lambda: render_pdf(html, language=language, title=printed.document_title))


def results_order(consultation, language: str, register: str = EASY) -> PdfOrder:
    """What a request for printed results asks the background renderer for (consult/printing/rendering.py)."""
    def document() -> tuple[str, str]:
        printed, html = results_document(consultation, language, register)
        return html, printed.document_title

    return PdfOrder(name=f"results-{consultation.id}-{language}-{register}", language=language,
                    file_name=f"{results_pdf_name(consultation, language, register)}.pdf",
                    job="consult.results.printed.render_stored", document=document)


def render_stored(name: str, stamp: str, html: str, language: str, title: str) -> None:
    """Background job: render printed results' HTML and store the PDF."""
    render_and_store(name, stamp, lambda: render_pdf(html, language=language, title=title))


def results_pdf_name(consultation, language: str, register: str) -> str:
    version = "what-you-told-us" if register == EASY else "full-report"
    return f"{consultation.slug}-{version}-{language}"

