"""Consultation texts staff write, shown with a small, safe part of Markdown.

The one place that turns a text into HTML (templates call ``rich_text`` and ``rich_lines``; nothing else
renders Markdown). What a text may use: paragraphs (a blank line), headings (``#``), lists (``-``, ``*``,
``1.``), links (``[words](https://...)``, ``mailto:``) and bold (``**words**``). Everything else stays
words: HTML someone typed is shown as text, never run.

Two locks, so a slip in one is caught by the other:
- markdown-it-py parses with its "zero" preset and only the rules above switched on, ``html`` off,
  and a link check that lets only http, https and mailto through;
- nh3 (the Ammonia sanitiser) then keeps only the tags those rules make, and adds rel="noopener".

A text without Markdown comes out as it always did: one paragraph is ``<p>words</p>`` (the caller's
class and lang on it), and blank lines make more paragraphs. Headings are moved below the page's own
(``below=2`` turns ``#`` into ``h3``), so a text never breaks the page's heading order.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from consult.i18n import lang_attr
from consult.translating import get_locale

LINK_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"}
INLINE_TAGS = {"a", "strong", "br"}
# Only the attributes the rules above produce: a link's address; a list's start number.
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
_SAFE_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
_ONE_PARAGRAPH = re.compile(r"^<p>(.*)</p>\n?$", re.DOTALL)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False, "breaks": False})
    parser.enable(["heading", "list", "link", "emphasis", "newline", "escape"])
    # Relative links and anchors would point inside Consult in ways staff did not mean; other
    # schemes (javascript:, data:, vbscript:) are how markup attacks a reader.
    parser.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))
    return parser


def _clean(html: str, tags: set[str]) -> str:
    return nh3.clean(html, tags=tags, attributes={tag: attrs for tag, attrs in ATTRIBUTES.items() if tag in tags},
                     url_schemes=LINK_SCHEMES, link_rel="noopener", strip_comments=True)


def _shift_headings(tokens, below: int) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + below, 6)
            token.tag = f"h{level}"


def markdown_html(text: str | None, below: int = 2) -> str:
    """The text as sanitised HTML: headings start at h(below + 1). Emphasis other than bold is dropped."""
    if not text or not text.strip():
        return ""
    parser = _parser()
    tokens = parser.parse(text)
    _shift_headings(tokens, below)
    html = parser.renderer.render(tokens, parser.options, {})
    # Single "*words*" becomes <em>: easy read allows bold only, so the tag goes and the words stay.
    return _clean(html, BLOCK_TAGS | INLINE_TAGS)


def rich_text(localised, class_: str | None = None, below: int = 2) -> Markup:
    """A consultation text (a consult.i18n.Localised) for a web page, as safe markup.

    One paragraph keeps today's shape (``<p class lang>``); more blocks go in a ``<div>`` carrying
    the class, and the lang and dir of a text that fell back to another language.
    """
    if not localised:
        return Markup("")
    html = markdown_html(localised.text, below)
    if not html:
        return Markup("")
    attributes = Markup("")
    if class_:
        attributes += Markup(' class="%s"') % class_
    attributes += lang_attr(localised, get_locale().language)
    single = _ONE_PARAGRAPH.match(html)
    if single and "<p>" not in single.group(1):
        return Markup("<p%s>%s</p>") % (attributes, Markup(single.group(1)))
    return Markup("<div%s>%s</div>") % (attributes, Markup(html))


def rich_lines(text: str | None, split=None) -> list[Markup]:
    """Easy read: the text one sentence a line, each with its bold and links, with no headings or lists
    (each heading and list item is a line too, so the easy-read page keeps one idea a line).

    ``split`` cuts a text into sentences: the templates pass consult.easy_read_words.sentences (imported
    there, not here, as that module reads the resident's choices and would make an import cycle).
    Without it each paragraph, heading or list item is one line."""
    return _lines(text, split, printed=False)


def printed_lines(text: str | None, split=None) -> list[Markup]:
    """The same for paper (the printed questionnaires and results): a link cannot be followed there,
    so its words are followed by the address, "our plan (https://...)", and nothing is a link."""
    return _lines(text, split, printed=True)


def _lines(text: str | None, split, printed: bool) -> list[Markup]:
    if not text or not text.strip():
        return []
    parser = _parser()
    lines: list[Markup] = []
    for token in parser.parse(text):
        if token.type != "inline":
            continue
        content = token.content.replace("\n", " ")
        for sentence in (split(content) if split else [content]):
            html = _printed_inline(parser, sentence) if printed else parser.renderInline(sentence)
            html = _clean(html, {"strong"} if printed else INLINE_TAGS)
            if html.strip():
                lines.append(Markup(html))
    return lines


def _printed_inline(parser: MarkdownIt, text: str) -> str:
    from markdown_it.token import Token

    tokens = []
    for token in parser.parseInline(text)[0].children or []:
        if token.type == "link_open":
            address = token.attrGet("href") or ""
            continue
        if token.type == "link_close":
            shown = address.removeprefix("mailto:")
            tokens.append(Token("text", "", 0, content=f" ({shown})"))
            continue
        tokens.append(token)
    return parser.renderer.render(tokens, parser.options, {})
