"""What every resident page of one consultation needs: the consultation, its language and its texts."""

from __future__ import annotations

from flask import request, session

from consult import sections
from consult.i18n import ContentCatalogue, requested_language
from consult.models.content import EASY, REGISTERS, STANDARD
from consult.pictures import OPENMOJI_ATTRIBUTION
from consult.pictures.loading import load_pictures
from consult.templating import current_language

REGISTER_SESSION_KEY = "register"


def remember_register() -> None:
    """Keep a ?register=easy (or standard) choice for the following pages (a before_request hook)."""
    keep_register(request.args.get("register"))


def keep_register(register: str | None) -> None:
    """Use this version (easy read or standard) on the following pages."""
    if register in REGISTERS:
        session[REGISTER_SESSION_KEY] = register


def chosen_register() -> str:
    asked = request.args.get("register")
    if asked in REGISTERS:
        return asked
    remembered = session.get(REGISTER_SESSION_KEY)
    return remembered if remembered in REGISTERS else STANDARD


def content_language(consultation) -> str:
    """The language a resident reads this consultation in: the one they asked for if it is offered,
    else the interface language if offered, else the consultation's own language."""
    offered = consultation.offered_languages
    for language in (requested_language(), current_language()):
        if language in offered:
            return language
    return consultation.default_language


class ConsultationView:
    # True while drawing a section's page: each question is then an h2 under the section's h1.
    in_section = False
    # Languages with easy-read words, when a snapshot worked them out already (None: ask the texts).
    _easy_found: frozenset[str] | None = None

    def __init__(self, consultation, extra_questions=(), preview: bool = False):
        self._choose(consultation, extra_questions, preview)
        # Pictures belong to easy read; standard pages do not pay the query for them.
        self.pictures = load_pictures(self._questions()) if self.easy_read else {}
        self.texts = ContentCatalogue.load(
            self._block_ids() + [picture.alt_id for picture in self.pictures.values()],
            language=self.language, default_language=consultation.default_language, register=self.register,
        )

    @classmethod
    def of_snapshot(cls, snapshot, preview: bool = False) -> ConsultationView:
        """The view of a compiled consultation (consult.snapshots): its texts and pictures are all in
        the snapshot, so making the view asks the database nothing."""
        view = cls.__new__(cls)
        view._choose(snapshot.consultation, (), preview)
        view.pictures = snapshot.pictures if view.easy_read else {}
        view.texts = snapshot.texts(view.language, view.register)
        view._easy_found = snapshot.easy_languages
        return view

    def _choose(self, consultation, extra_questions, preview: bool) -> None:
        self.consultation = consultation
        # A staff member walking through a consultation that is not open: nothing is sent.
        self.preview = preview
        # Questions outside consultation.questions whose texts are needed too (a builder preview).
        self._extra_questions = list(extra_questions)
        self.language = content_language(consultation)
        self.register = chosen_register()

    @property
    def easy_read(self) -> bool:
        return self.register == EASY

    @property
    def easy_read_languages(self) -> list[str]:
        """Offered languages with an easy-read version of at least one text (for the "not in this
        language yet" notice). The catalogue already holds every language's texts: no query."""
        found = self._easy_found if self._easy_found is not None else self.texts.languages_with(EASY)
        return [language for language in self.consultation.offered_languages if language in found]

    @property
    def no_easy_read_here(self) -> bool:
        """Easy read was chosen, but this language has no easy-read version yet."""
        return self.easy_read and self.language not in self.easy_read_languages

    def _questions(self):
        return [*self.consultation.questions, *self._extra_questions]

    def picture(self, owner):
        """The picture beside a question or answer on an easy-read page, or None."""
        return self.pictures.get(owner.picture_id) if owner.picture_id is not None else None

    def credits(self, question) -> list[str]:
        """Credits a licence asks for, for the pictures on this question's easy-read page."""
        found = [picture.attribution for owner in (question, *question.options)
                 if (picture := self.picture(owner)) is not None and picture.attribution]
        if self.easy_read and question.type.shows_faces:
            found.append(OPENMOJI_ATTRIBUTION)
        return sorted(set(found))

    def _block_ids(self) -> list[int]:
        consultation = self.consultation
        # Ids only: loading the TextBlock objects themselves would cost a query each.
        ids = consultation.text_block_ids()
        for question in self._questions():
            ids += [question.prompt_id, question.hint_id, question.missing_message_id]
            ids += [option.label_id for option in question.options]
            ids += [rule.exit_text_id for rule in question.rules if rule.exit_text_id is not None]  # exit pages
        return ids + sections.title_ids(self._questions())

    def missing_message(self, question) -> str | None:
        """The message staff wrote for when this required question is left empty, or None for the
        type's own. Only in the page's language: an error read out in another language's voice is no
        help, and the type's own message is always translated."""
        text = self.texts(question.missing_message_id)
        return text.text if text is not None and text.lang == current_language() else None

    @property
    def slug(self) -> str:
        return self.consultation.slug

    @property
    def title(self):
        return self.texts(self.consultation.title_id)
