"""The printed questionnaire: one consultation, in one language and one register, as a PDF.

``gather_questionnaire`` reads everything the paper shows into plain data (so the template holds no
queries and the words for "how to answer" live in one place); ``questionnaire_html`` renders it
with ``templates/pdf/questionnaire.html``; ``questionnaire_pdf`` returns the cached PDF bytes (made
now if need be), ``questionnaire_order`` what a web request hands to the background renderer.

Interface words (instructions, headings, the date) are in the PDF's language: everything runs
inside ``force_locale``, because a PDF carries one language only (see ``consult.printing.pdf``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select

from consult import branching, branching_words, i18n, sections
from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.models.content import EASY, Picture
from consult.pictures import OPENMOJI_ATTRIBUTION, SYMBOL_KIND, picture_available
from consult.printing import cache
from consult.printing.pdf import picture_src, render_pdf
from consult.printing.rendering import PdfOrder, render_and_store
from consult.printing.return_address import ReturnAddress, return_address
from consult.templating import london_date
from consult.translating import gettext as _

TEMPLATE = "pdf/questionnaire.html"
# The space after a full stop, question or exclamation mark (Arabic has its own question mark).
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+")


@dataclass(frozen=True)
class PrintedPicture:
    src: str
    alt: str


@dataclass(frozen=True)
class PrintedOption:
    label: str
    picture: PrintedPicture | None
    # The first special answer ("None of these", "Prefer not to say") gets an "or" before it.
    or_before: bool = False
    # Easy read's agree scale: a face beside the words (the option's value names it; CSS draws it).
    face: str | None = None
    # The heading of the group this answer starts ("White"), printed above it.
    heading: str | None = None
    # "Other, please specify": lines to write on after the tick box.
    write_in: bool = False


@dataclass(frozen=True)
class PrintedQuestion:
    number: int
    area: str  # what is left for the answer: consult.questions.base.PRINT_*
    prompt: str
    hint: str | None
    how_to_answer: list[str]
    condition: str | None
    picture: PrintedPicture | None
    options: list[PrintedOption] = field(default_factory=list)
    writing_lines: int = 0
    suffix: str | None = None
    # PRINT_FIELDS: the labelled lines and letter boxes (consult.questions.base.PrintField).
    fields: list = field(default_factory=list)
    # PRINT_GRID: the statements, one row of tick boxes each (the options are the columns).
    rows: list[str] = field(default_factory=list)
    # The title of the section this question starts (consult.sections), printed above it; None otherwise.
    section_title: str | None = None
    # Under that title, when the section is only for some people: "Only answer this page if ...".
    section_condition: str | None = None


@dataclass(frozen=True)
class PrintedQuestionnaire:
    slug: str
    language: str
    direction: str
    register: str
    title: str
    document_title: str
    summary: str | None
    purpose: str | None
    organiser: str | None
    data_use: str | None
    contact: str | None
    contact_email: str | None
    closing_date: str
    questions: list[PrintedQuestion]
    attributions: list[str]
    # Where to post it (consult/printing/return_address.py); None: give it back to whoever handed it out.
    return_address: ReturnAddress | None = None

    @property
    def easy(self) -> bool:
        return self.register == EASY

    def paragraphs(self, text: str | None) -> list[str]:
        """Easy read puts each sentence on its own line (one idea per line, lots of white space)."""
        if not text:
            return []
        if not self.easy:
            return [text]
        return [sentence for sentence in _SENTENCE_END.split(text.strip()) if sentence]


def pdf_name(consultation, language: str, register: str) -> str:
    """The download name without ".pdf": "equipment-service-easy-read-cy"."""
    version = "easy-read" if register == EASY else "large-print"
    return f"{consultation.slug}-{version}-{language}"


def _cache_name(consultation, language: str, register: str) -> str:
    return f"questionnaire-{consultation.id}-{language}-{register}"


def questionnaire_document(consultation, language: str, register: str) -> tuple[PrintedQuestionnaire, str]:
    """What the paper shows, and its HTML, with the interface words in the PDF's language."""
    with force_locale(i18n.FORMAT_LOCALES.get(language, language)):
        printed = gather_questionnaire(consultation, language, register)
        return printed, questionnaire_html(printed)


def questionnaire_pdf(consultation, language: str, register: str) -> tuple[bytes, str]:
    """The PDF bytes and their fingerprint; rendered only when what the PDF shows has changed."""
    printed, html = questionnaire_document(consultation, language, register)
    return cache.get_or_render(
        _cache_name(consultation, language, register), html,
        lambda: render_pdf(html, language=language, title=printed.document_title),
    )


def questionnaire_order(consultation, language: str, register: str, load=None) -> PdfOrder:
    """What a request for this questionnaire asks the background renderer for (consult/printing/rendering.py).

    ``consultation`` may be a compiled copy (consult.snapshots), which names the PDF; ``load`` then gives
    the model, needed only when the HTML is built: a request that finds the PDF being made skips it.
    """
    def document() -> tuple[str, str]:
        model = consultation if load is None else load()
        printed, html = questionnaire_document(model, language, register)
        return html, printed.document_title

    return PdfOrder(name=_cache_name(consultation, language, register), language=language,
                    file_name=f"{pdf_name(consultation, language, register)}.pdf",
                    job="consult.printing.questionnaire.render_stored", document=document)


def render_stored(name: str, stamp: str, html: str, language: str, title: str) -> None:
    """Background job: render a questionnaire's HTML and store the PDF."""
    render_and_store(name, stamp, lambda: render_pdf(html, language=language, title=title))


def stored_size(consultation, language: str, register: str) -> int | None:
    """The size in bytes of the last PDF made for this questionnaire, if one is stored."""
    return cache.cached_size(_cache_name(consultation, language, register))


def questionnaire_html(printed: PrintedQuestionnaire) -> str:
    return render_template(TEMPLATE, doc=printed)


def gather_questionnaire(consultation, language: str, register: str) -> PrintedQuestionnaire:
    """Everything the paper shows, in the current (forced) locale's words."""
    questions = list(consultation.questions)
    # Pictures belong to easy read; the large-print version is words only.
    pictures = _load_pictures(questions) if register == EASY else {}
    texts = ContentCatalogue.load(
        _block_ids(consultation, questions, pictures), language=language,
        default_language=consultation.default_language, register=register,
    )
    numbers = {question.id: number for number, question in enumerate(questions, start=1)}
    by_id = {question.id: question for question in questions}
    printed_pictures = {picture_id: printed_picture(picture, texts) for picture_id, picture in pictures.items()}
    title = text_of(texts, consultation.title_id)
    version = _("Easy read questionnaire") if register == EASY else _("Large print questionnaire")
    return PrintedQuestionnaire(
        slug=consultation.slug,
        language=language,
        direction=i18n.text_direction(language),
        register=register,
        title=title,
        document_title=_("%(title)s: %(version)s", title=title, version=version),
        summary=text_of(texts, consultation.summary_id),
        purpose=text_of(texts, consultation.purpose_id),
        organiser=text_of(texts, consultation.organiser_id),
        data_use=text_of(texts, consultation.data_use_id),
        contact=text_of(texts, consultation.contact_id),
        contact_email=consultation.contact_email,
        closing_date=london_date(consultation.closes_at),
        questions=[
            _printed_question(question, numbers, by_id, texts, printed_pictures, register,
                              section_title=_section_title(questions, question, texts))
            for question in questions
        ],
        # Easy read always shows OpenMoji symbols: beside the first pages' words and the return envelope.
        attributions=attributions(pictures, printed_pictures, faces=register == EASY),
        return_address=return_address(consultation),
    )


def text_of(texts: ContentCatalogue, block_id) -> str | None:
    found = texts(block_id)
    return found.text if found else None


def _load_pictures(questions) -> dict[int, Picture]:
    ids = {question.picture_id for question in questions}
    ids |= {option.picture_id for question in questions for option in question.options}
    ids.discard(None)
    if not ids:
        return {}
    rows = db.session.execute(select(Picture).where(Picture.id.in_(ids))).scalars()
    return {picture.id: picture for picture in rows}


def _section_title(questions, question, texts) -> str | None:
    if not sections.first_of_run(questions, question):
        return None
    return text_of(texts, question.section.title_id)


def _block_ids(consultation, questions, pictures) -> list[int]:
    ids = list(consultation.text_block_ids()) + sections.title_ids(questions)
    for question in questions:
        ids += [question.prompt_id, question.hint_id, *(option.label_id for option in question.options)]
    ids += [picture.alt_id for picture in pictures.values()]
    return ids


def printed_picture(picture: Picture, texts: ContentCatalogue) -> PrintedPicture | None:
    """A picture with its alt text in this language, or None when it cannot be shown properly.

    Leaving one picture out is better than a PDF that fails to render: the words are still there.
    """
    alt = text_of(texts, picture.alt_id)
    if not alt or not picture_available(picture):
        current_app.logger.warning("picture %s left out of a printed questionnaire (no alt text or no file)",
                                   picture.id)
        return None
    return PrintedPicture(src=picture_src(picture), alt=alt)


def attributions(pictures: dict[int, Picture], printed: dict[int, PrintedPicture | None],
                  faces: bool = False) -> list[str]:
    """One line per credit a licence asks for ("Symbols: OpenMoji, CC BY-SA 4.0"), for pictures shown
    (``faces``: the agree scale's faces, OpenMoji symbols too, are shown)."""
    lines = [_("Symbols: %(attribution)s", attribution=OPENMOJI_ATTRIBUTION)] if faces else []
    for picture_id, picture in sorted(pictures.items()):
        if printed.get(picture_id) is None or not picture.attribution:
            continue
        if picture.kind == SYMBOL_KIND:
            line = _("Symbols: %(attribution)s", attribution=picture.attribution)
        else:
            line = _("Pictures: %(attribution)s", attribution=picture.attribution)
        if line not in lines:
            lines.append(line)
    return lines


def _printed_question(question, numbers, by_id, texts, pictures, register, section_title=None) -> PrintedQuestion:
    options = []
    if question.type.has_options:
        # In the order and groups the page shows them (consult.questions._choices.sections).
        for section in question.type.option_sections(question, texts):
            for position, option in enumerate(section.options):
                face = option.value if register == EASY and question.type.shows_faces else None
                starts = position == 0
                options.append(PrintedOption(
                    label=text_of(texts, option.label_id) or "", picture=pictures.get(option.picture_id),
                    or_before=section.or_before and starts, face=face, write_in=option.write_in,
                    heading=section.heading.text if starts and section.heading else None))
    return PrintedQuestion(
        number=numbers[question.id],
        area=question.type.print_area,
        prompt=text_of(texts, question.prompt_id) or "",
        hint=text_of(texts, question.hint_id),
        how_to_answer=how_to_answer(question, register),
        condition=_condition(question, numbers, by_id, texts),
        picture=pictures.get(question.picture_id),
        options=options,
        writing_lines=question.type.writing_lines.get(register, 0),
        suffix=question.type.print_suffix(question),
        fields=question.type.print_fields(question, easy=register == EASY),
        rows=question.type.print_rows(question, lambda block_id: text_of(texts, block_id) or ""),
        section_title=section_title,
        section_condition=_section_condition(question, numbers, by_id, texts) if section_title else None,
    )


def how_to_answer(question, register: str) -> list[str]:
    """The instructions printed under a question, in the register's words (easy read: digits, short)."""
    lines = question.type.print_instructions(question, easy=register == EASY)
    if not question.required:
        lines.append(_("You do not have to answer this question."))
    return lines


def _condition(question, numbers, by_id, texts) -> str | None:
    """Branching in words (consult.branching): "Only answer this question if you ticked “Yes” at
    question 3.", then where to go after it ("If you ticked “No” at question 2, go to question 5.")."""
    plan = branching.plan_of(list(by_id.values()))
    lines = branching_words.paper_lines(question.id, plan, by_id, numbers, lambda option: text_of(texts, option.label_id))
    return " ".join(lines) or None


def _section_condition(question, numbers, by_id, texts) -> str | None:
    """A section's rule in words (consult.branching_words.page_lines), said once at the top of its page."""
    plan = branching.plan_of(list(by_id.values()))
    lines = branching_words.page_lines(question.id, plan, by_id, numbers, lambda option: text_of(texts, option.label_id))
    return " ".join(lines) or None
