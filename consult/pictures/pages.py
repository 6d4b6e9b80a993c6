"""The picture page staff use for anything that can carry a picture (a question, an answer, an outcome).

Each kind of owner describes itself with a ``PictureTarget``: what the page is about, where its forms post,
and where "Back" goes. The handlers below do the rest, the same way for every owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, flash, request, url_for
from itsdangerous import BadData, URLSafeSerializer

from consult import audit
from consult.extensions import db
from consult.forms import ConfirmForm, form_error_list
from consult.htmx import announce, redirect_to, render, render_partial, targets
from consult.models import Picture
from consult.pictures.forms import SymbolPictureForm, UploadPictureForm
from consult.pictures.services import set_picture, symbol_picture, upload_picture
from consult.pictures.symbols import find_symbol, load_symbols, search_symbols
from consult.pictures.uploads import PictureRejected, store_upload
from consult.storage import PICTURES, files
from consult.translating import gettext as _
from consult.translating import ngettext

ACTIONS = ("page", "symbol", "upload", "remove", "restore")


@dataclass
class PictureTarget:
    owner: object  # anything with a ``picture`` relationship
    audit_kind: str  # "question", "option", "outcome"
    language: str  # the language staff write the description in (the consultation's own)
    heading: str
    caption: object  # a Localised text shown above the heading, or None
    back_url: str
    done_url: str  # where to go after a picture is saved
    endpoints: dict[str, str]  # action (see ACTIONS) -> endpoint
    endpoint_args: dict
    hidden: dict = field(default_factory=dict)  # extra hidden fields every form sends (an answer's id)
    texts: object = None  # a ContentCatalogue holding the caption and the pictures' descriptions

    def url(self, action: str, **extra) -> str:
        if action == "page":
            extra = {**self.hidden, **extra}
        return url_for(self.endpoints[action], **self.endpoint_args, **extra)


def _symbols():
    return load_symbols(current_app.static_folder)


def _upload_form() -> UploadPictureForm:
    # Its own prefix: both forms have a description field, and ids on one page must differ.
    return UploadPictureForm(prefix="upload")


def _undo_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="picture-undo")


def _undo_token(target: PictureTarget, picture: Picture) -> str:
    """What "Undo" sends back: the removed picture, signed together with the place it was removed from.

    A removed picture belongs to nothing any more (it is kept, unused, for undo), so the database cannot
    say whose it was. The signature can: no other question, answer or outcome, in this consultation or
    another, can take it by sending its number.
    """
    return _undo_serializer().dumps([target.audit_kind, target.owner.id, picture.id])


def _removed_picture(target: PictureTarget, token: str | None) -> Picture | None:
    """The picture an undo token names, if the token is ours and was made for this very place."""
    try:
        kind, owner_id, picture_id = _undo_serializer().loads(token or "")
    except (BadData, TypeError, ValueError):
        return None
    if kind != target.audit_kind or owner_id != target.owner.id:
        return None
    return db.session.get(Picture, picture_id)


def show_page(target: PictureTarget, symbol_form=None, upload_form=None, status=200):
    query = request.values.get("q", "").strip()[:100]
    current = target.owner.picture
    undo_token = request.args.get("removed", "")[:500]
    removed = _removed_picture(target, undo_token) if undo_token and current is None else None
    symbol_form = symbol_form or SymbolPictureForm()
    upload_form = upload_form or _upload_form()
    context = dict(
        target=target, t=target.texts, current=current, removed=removed, undo_token=undo_token, query=query,
        results=search_symbols(_symbols(), query) if query else [], symbol_form=symbol_form,
        upload_form=upload_form, errors=form_error_list(symbol_form) + form_error_list(upload_form),
        action_form=ConfirmForm(),
    )
    if targets("symbol-results"):
        response = render_partial("build/_symbol_results.html", **context)
        found = len(context["results"])
        return announce(response, ngettext("%(num)s symbol found for “%(query)s”",
                                           "%(num)s symbols found for “%(query)s”", found, query=query)
                        if found else _("No symbols found for “%(query)s”. Try a simpler word, like “bed” or “chair”.",
                                        query=query))
    return render("build/picture.html", status=status, **context)


def _saved(target: PictureTarget, picture: Picture, what: str):
    # The picture it replaces stays in the database, unused: its descriptions may be translated already.
    set_picture(target.owner, picture)
    audit.record("picture.set", target.audit_kind, target.owner.id, what)
    db.session.commit()
    flash(_("Picture saved."), "success")
    return redirect_to(target.done_url)


def choose_symbol(target: PictureTarget):
    form = SymbolPictureForm()
    symbol = find_symbol(_symbols(), form.symbol.data or "")
    if form.validate_on_submit() and symbol is None:
        form.symbol.errors.append(_("Choose a symbol"))
    if form.errors or symbol is None:
        return show_page(target, symbol_form=form, status=422)
    return _saved(target, symbol_picture(symbol.hexcode, form.alt.data.strip(), target.language), symbol.hexcode)


def upload(target: PictureTarget):
    form = _upload_form()
    if form.validate_on_submit():
        try:
            stored = store_upload(form.picture.data.read(), files(PICTURES),
                                  current_app.config["PICTURE_MAX_BYTES"])
        except PictureRejected as problem:
            form.picture.errors = [str(problem)]
        else:
            return _saved(target, upload_picture(stored.ref, form.alt.data.strip(), target.language), stored.ref)
    return show_page(target, upload_form=form, status=422)


def remove(target: PictureTarget):
    if not ConfirmForm().validate_on_submit() or target.owner.picture is None:
        return redirect_to(target.url("page"))
    previous = set_picture(target.owner, None)
    audit.record("picture.removed", target.audit_kind, target.owner.id, previous.ref)
    db.session.commit()
    return redirect_to(target.url("page", removed=_undo_token(target, previous)))


def restore(target: PictureTarget):
    """Undo: put back the picture that was just removed (from here: see _undo_token)."""
    previous = _removed_picture(target, request.form.get("picture"))
    if not ConfirmForm().validate_on_submit() or previous is None or target.owner.picture is not None:
        return redirect_to(target.url("page"))
    set_picture(target.owner, previous)
    audit.record("picture.restored", target.audit_kind, target.owner.id, previous.ref)
    db.session.commit()
    flash(_("Picture put back."), "success")
    return redirect_to(target.url("page"))
