"""The data-entry page: one paper form (or phone call) at a time, every question on one page.

Thin views: read the request, call a service, commit, then render or redirect. The page works
without JavaScript and is a plain form (no htmx swap), so after "Save and enter another" the browser
loads a fresh page whose first answer box has the focus, ready for the next form in the pile.

Who: editors and admins. Analysts read and tag what people said; keeping them out of adding
responses keeps the people who interpret the results apart from the evidence they interpret (and
only admins can delete a response, so entry mistakes go through an admin either way).
"""

from __future__ import annotations

import re

from babel.lists import format_list
from flask import Blueprint, abort, flash, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import has_role, role_required
from consult.codes import new_token
from consult.entry import services
from consult.entry.forms import CHANNEL_HINTS, EntryForm
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.loading import consultation_by_slug_or_404, load_consultation
from consult.request_values import positive_int
from consult.times import to_local
from consult.translating import get_locale, ngettext
from consult.translating import gettext as _

bp = Blueprint("entry", __name__, url_prefix="/staff/entry")

# new_token() makes 43 URL-safe characters; anything else was not made by this page.
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
BLANKS_FIELD = "blanks_checked"


def _language(consultation, asked: str | None) -> str:
    return asked if asked in consultation.offered_languages else consultation.default_language


def _form(consultation, **kwargs) -> EntryForm:
    return EntryForm(earliest=services.earliest_date(consultation), today=services.local_today(), **kwargs)


def _sitting_arg() -> int:
    return positive_int(request.args.get("sitting"), maximum=999_999) or 0


@bp.route("/<slug>", methods=["GET", "POST"])
@role_required(*EDITORS)
def form(slug):
    consultation = consultation_by_slug_or_404(slug)
    if not services.may_enter(consultation):
        # Drafts and consultations not open yet take no answers; nothing is read or stored.
        return render("entry/unavailable.html", status=409, consultation=consultation,
                      t=services.load_texts(consultation, consultation.default_language), state=consultation.state())
    if request.method == "POST":
        return _save(consultation)
    return _blank_form(consultation)


def _blank_form(consultation):
    """A fresh form. After a save, it carries forward how the answers came, who helped and the date."""
    saved = services.find_entered(consultation, request.args.get("after"), current_user.id)
    language = _language(consultation, request.args.get("language") or (saved.language if saved else None))
    data = {"token": new_token(), "language": language, "sitting": str(_sitting_arg()),
            "filled_on": services.local_today()}
    if saved is not None:
        data.update(channel=saved.channel, helped_by=saved.helped_by or "",
                    filled_on=to_local(saved.submitted_at).date())
    form = _form(consultation, data=data)
    texts = services.load_texts(consultation, language)
    return _page(consultation, form, texts, services.blank_entries(consultation, texts), saved=saved,
                 again=saved is not None and request.args.get("again") == "1")


def _save(consultation):
    form = _form(consultation)
    token = form.token.data or ""
    if not TOKEN.match(token):
        abort(400)
    language = _language(consultation, form.language.data)
    texts = services.load_texts(consultation, language)
    raw = {str(question.id): question.type.read(question, request.form) for question in consultation.questions}
    confirmed = services.read_confirmed_blanks(request.form.get(BLANKS_FIELD))
    check = services.check_answers(consultation, raw, texts, confirmed)
    form_ok = form.validate()
    if not (form_ok and check.ready):
        return _page(consultation, form, texts, check.entries, check=check, status=422)
    try:
        entered = services.enter_response(
            consultation, check, key=token, channel=form.channel.data, language=language,
            staff_id=current_user.id, helped_by=form.helped_by.data, day=form.filled_on.data,
        )
    except services.KeyInUse:
        db.session.rollback()
        abort(400)
    response = entered.response
    if entered.created:
        # No answer text and no helper's name here: the audit log says who did what, not what was said.
        audit.record("response.entered", "response", response.id,
                     f"{response.reference} ({consultation.slug}, {response.channel})")
    db.session.commit()
    sitting = form.sitting_count() + 1
    if request.form.get("action") == "finish":
        if entered.created:
            flash(_("Response %(reference)s saved.", reference=response.reference), "success")
        else:
            flash(_("This form had already been saved as response %(reference)s. It was not saved twice.",
                    reference=response.reference), "success")
        flash(ngettext("You entered %(num)s form in this sitting.", "You entered %(num)s forms in this sitting.",
                       sitting), "success")
        return redirect_to(url_for("results.response", slug=consultation.slug, reference=response.reference))
    args = {"after": response.reference, "sitting": sitting, "language": language}
    if not entered.created:
        args["again"] = "1"
    return redirect_to(url_for("entry.form", slug=consultation.slug, **args))


@bp.errorhandler(CSRFError)
def expired_form(_error):
    """A form whose security token expired (the page was open for hours) comes back as typed.

    Nothing is stored: the same form, with a new token and the same key, is sent again by pressing
    the button, so it is still stored only once.
    """
    consultation = None
    if (request.method == "POST" and request.endpoint == "entry.form" and current_user.is_authenticated
            and has_role(current_user, *EDITORS)):
        consultation = load_consultation(request.view_args["slug"])
    if consultation is None or not services.may_enter(consultation) or not TOKEN.match(request.form.get("token", "")):
        return render("errors/csrf.html", status=400)
    form = _form(consultation)
    texts = services.load_texts(consultation, _language(consultation, form.language.data))
    raw = {str(question.id): question.type.read(question, request.form) for question in consultation.questions}
    entries = services.check_answers(consultation, raw, texts).entries
    notice = _("This page was open for a long time, so for your security the form was not saved yet. "
               "Everything you typed is still here. Check it and press the button again.")
    return _page(consultation, form, texts, entries, notice=notice, status=400)


def _page(consultation, form, texts, entries, check=None, saved=None, again=False, status=200, notice=None):
    messages, errors = _messages(form, check)
    blanks = check.blanks if check is not None and not check.nothing_entered else []
    return render(
        "entry/form.html", status=status, consultation=consultation, t=texts, form=form, entries=entries,
        messages=messages, errors=errors, blanks=blanks, blank_numbers=_numbers(blanks),
        blanks_confirmed=bool(blanks) and not check.unconfirmed_blanks, blanks_field=BLANKS_FIELD,
        saved=saved, again=again, sitting=form.sitting_count(), channel_hints=CHANNEL_HINTS,
        language=form.language.data, state=consultation.state(), notice=notice,
    )


def _numbers(entries) -> str:
    return format_list([str(entry.number) for entry in entries], locale=get_locale())


def _messages(form, check) -> tuple[dict[int, str], list[tuple[str, str]]]:
    """The message beside each question (by question id), and the error summary, in page order."""
    errors = []
    for name, control_id in (("channel", "channel-0"), ("helped_by", "helped_by"), ("filled_on", "filled_on")):
        field = form[name]
        if field.errors:
            errors.append((str(field.errors[0]), control_id))
    messages: dict[int, str] = {}
    if check is None:
        return messages, errors
    if check.nothing_entered:
        first = check.entries[0].control_id if check.entries else "channel-0"
        errors.append((_("Enter the answers from the form: nothing has been entered yet"), first))
        return messages, errors
    for entry in check.entries:
        if entry.error:
            messages[entry.question.id] = entry.error
            errors.append((_("Question %(number)s: %(message)s", number=entry.number, message=entry.error),
                           entry.control_id))
    unconfirmed = check.unconfirmed_blanks
    for entry in unconfirmed:
        messages.setdefault(entry.question.id, _(
            "Nothing is entered for this question. If the form leaves it blank, tick the box below the questions"))
    if unconfirmed:
        errors.append((ngettext(
            "Question %(numbers)s has no answer. Enter it, or tick the box to confirm the form leaves it blank",
            "Questions %(numbers)s have no answer. Enter them, or tick the box to confirm the form leaves them blank",
            len(unconfirmed), numbers=_numbers(unconfirmed)), "blanks-checked"))
    return messages, errors
