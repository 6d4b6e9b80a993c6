"""Resident pages: start, one question per page, check your answers, confirmation, save and resume.

Thin views: read the request, call a service, commit, then render or redirect.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, request, url_for

from consult.addresses import public_url
from consult.extensions import db, limiter
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.i18n import keep_language
from consult.loading import may_preview_unpublished
from consult.respond import device_hooks, exits, outgoing, section_page, services
from consult.respond.context import ConsultationView, keep_register
from consult.respond.journey import Journey
from consult.respond.pages import current_draft, question_page, remember_draft
from consult.snapshots import public_snapshot_or_404
from consult.templating import london_date
from consult.translating import gettext as _

bp = Blueprint("respond", __name__, url_prefix="/c")

def _staff_preview(consultation) -> bool:
    """Editors may walk through a draft or scheduled consultation exactly as residents will."""
    return consultation.state() in ("draft", "scheduled") and may_preview_unpublished()


def _view(slug: str) -> ConsultationView:
    # The consultation compiled once per version (consult.snapshots): one small query a page.
    snapshot = public_snapshot_or_404(slug)
    return ConsultationView.of_snapshot(snapshot, preview=_staff_preview(snapshot.consultation))


def _unavailable(view: ConsultationView):
    """A plain-words page when the consultation is not taking answers, else None."""
    state = view.consultation.state()
    if view.preview:
        return None
    if state == "scheduled":
        return render("respond/not_open.html", view=view, t=view.texts)
    if state == "closed":
        return render("respond/closed.html", view=view, t=view.texts)
    return None


@bp.get("/<slug>")
def start(slug):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft = current_draft(view)
    in_progress = draft is not None and draft.response_id is None and bool(draft.answers)
    return render("respond/start.html", view=view, t=view.texts, in_progress=in_progress)


def _config_limit(name: str):
    return lambda: current_app.config[name]


@bp.post("/<slug>/start")
@limiter.limit(_config_limit("DRAFT_STARTS_LIMIT"))
def begin(slug):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft = current_draft(view)
    if draft is None or draft.response_id is not None:
        draft = services.start_draft(view.consultation, view.language, view.register, device_hooks.keep_days())
        device_hooks.claim_draft(draft)  # a kiosk's draft belongs to it, never resumable
        remember_draft(slug, draft.token)
    journey = Journey(view.consultation, draft.answers or {})
    db.session.commit()
    return redirect_to(_next_place(slug, journey))


def _next_place(slug: str, journey: Journey) -> str:
    number = journey.first_unvisited()
    if number is None:
        return url_for("respond.check", slug=slug)
    return url_for("respond.question", slug=slug, number=number)


def _draft_or_redirect(view: ConsultationView, lock: bool = False, changing: bool = False):
    """The resident's draft, or where to send them instead.

    ``changing``: the request would change an answer. When the answers were sent meanwhile (from
    another tab), the change is not saved and the confirmation page says so.
    """
    draft = current_draft(view, lock=lock)
    if draft is None:
        return None, redirect_to(url_for("respond.start", slug=view.consultation.slug))
    if draft.response_id is not None:
        return None, redirect_to(url_for("respond.confirmation", slug=view.consultation.slug,
                                         late=1 if changing else None))
    return draft, None


def _limited_when_saving(view):
    """ANSWER_SAVES_LIMIT on a page's POST only. (Given ``methods=["POST"]``, flask-limiter still works
    out the route's limits for every GET before letting it through: 5 % of a question page's time.)"""
    limited = limiter.limit(_config_limit("ANSWER_SAVES_LIMIT"))(view)

    @wraps(view)
    def dispatch(*args, **kwargs):
        return (limited if request.method == "POST" else view)(*args, **kwargs)

    return dispatch


@bp.route("/<slug>/q/<int:number>", methods=["GET", "POST"])
@_limited_when_saving
def question(slug, number):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    saving = request.method == "POST"
    draft, elsewhere = _draft_or_redirect(view, lock=saving, changing=saving)
    if elsewhere is not None:
        return elsewhere
    journey = Journey(view.consultation, draft.answers or {})
    asked = journey.question(number)
    if asked is None:
        abort(404)
    if not journey.is_asked(asked):
        # Branching skips this question for this resident: go on to the next one that is asked.
        return redirect_to(_after(slug, journey, number))
    return_to = request.values.get("return_to") if request.values.get("return_to") == "check" else None
    if section_page.in_section(asked):
        return _section(view, journey, draft, number, return_to)
    if request.method == "GET":
        return question_page(view, journey, number, journey.raw(asked), None, return_to)

    raw = asked.type.read(asked, request.form)
    parsed = asked.type.check(asked, raw, view.missing_message(asked))
    later = request.form.get("action") == "save"
    blank = not any(value.strip() for value in raw)
    if later and blank and not journey.has_answer(asked):
        # "Save and come back later" on a question not answered yet: it stays unanswered, so
        # coming back starts here.
        services.touch_draft(draft, device_hooks.keep_days())
        db.session.commit()
        return redirect_to(url_for("respond.saved", slug=slug))
    if parsed.error and not (later and blank):
        # A refused answer is never stored (nor is a flood of them); the page shows it back as typed.
        return question_page(view, journey, number, raw, parsed.error, return_to, status=422)
    try:
        answers = services.save_answer(draft, asked, raw, device_hooks.keep_days())
    except services.DraftTooLarge:
        return question_page(view, journey, number, raw, _too_large_message(), return_to, status=422)
    services.record_version(draft, view.language, view.register)
    db.session.commit()
    if later:
        return redirect_to(url_for("respond.saved", slug=slug))
    # The answer may change which questions are asked next. Decided by what this request stored:
    # the draft itself may have been sent from another tab since the commit.
    journey = Journey(view.consultation, answers)
    if journey.exit_rule is not None:
        return _leave(view, draft, journey.exit_rule)
    if return_to == "check":
        return redirect_to(_next_place(slug, journey))
    return redirect_to(_after(slug, journey, number))


def _section(view, journey, draft, number, return_to):
    """A question in a section: the section's page, addressed by the first question asked on it
    (consult.respond.section_page). Every question on it is checked and stored by one POST."""
    slug = view.consultation.slug
    lead = section_page.lead(journey, number)
    if lead != number:
        return redirect_to(url_for("respond.question", slug=slug, number=lead, return_to=return_to))
    numbers = section_page.asked_on_page(journey, number)
    back = section_page.back_link(view, journey, number, return_to)
    if request.method == "GET":
        notice = _("Your answers mean there are more questions on this page. Answer them, then continue.") \
            if request.args.get("more") else None
        return section_page.show(view, journey, numbers, None, return_to, back, notice=notice)
    later = request.form.get("action") == "save"
    # Which questions apply is decided by the answers as sent (one may depend on another on this page).
    shown = section_page.shown_numbers(journey, number, request.form)
    numbers = section_page.asked_on_page(section_page.as_posted(journey, shown, request.form), number)
    items, to_save = section_page.read_page(view, journey, numbers, request.form, later, shown)
    if any(item.error for item in items):
        return section_page.show(view, journey, numbers, items, return_to, back, status=422)
    answers = section_page.save_page(draft, to_save, view.language, view.register)
    if answers is None:
        return section_page.show(view, journey, numbers, items, return_to, back, status=422,
                                 notice=_too_large_message())
    db.session.commit()
    if later:
        return redirect_to(url_for("respond.saved", slug=slug))
    journey = Journey(view.consultation, answers)
    if journey.exit_rule is not None:
        return _leave(view, draft, journey.exit_rule)
    if any(n not in shown for n in numbers):
        # The answers brought in a question the page did not show: the page again, to answer it.
        return redirect_to(url_for("respond.question", slug=slug, number=number, return_to=return_to, more=1))
    if return_to == "check":
        return redirect_to(_next_place(slug, journey))
    return redirect_to(_after(slug, journey, numbers[-1]))


@bp.post("/<slug>/q/<int:number>/questions")
@limiter.limit(_config_limit("ANSWER_SAVES_LIMIT"))
def section_questions(slug, number):
    """htmx: a section page's questions redrawn for the answers on the screen (a deciding answer
    changed); nothing is stored (consult.respond.section_page.refresh)."""
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft, elsewhere = _draft_or_redirect(view)
    if elsewhere is not None:
        return elsewhere
    journey = Journey(view.consultation, draft.answers or {})
    asked = journey.question(number)
    if asked is None or not section_page.in_section(asked):
        abort(404)
    return_to = "check" if request.values.get("return_to") == "check" else None
    return section_page.refresh(view, journey, number, request.form, return_to)


def _leave(view, draft, rule):
    """The answers mean the resident cannot take part: forget them, and say why (consult.respond.exits)."""
    exits.discard_answers(draft)
    db.session.commit()
    return redirect_to(url_for("respond.exit_page", slug=view.consultation.slug, rule_id=rule.rule_id))


@bp.get("/<slug>/exit/<int:rule_id>")
def exit_page(slug, rule_id):
    view = _view(slug)
    rule = exits.exit_rule(view.consultation, rule_id)
    if rule is None:
        abort(404)
    return render("respond/exit.html", view=view, t=view.texts, rule=rule)


def _too_large_message() -> str:
    return _("Your answers are too long for us to keep. Make this answer shorter, or make one of "
             "your other answers shorter.")


def _after(slug: str, journey: Journey, number: int) -> str:
    following = journey.next_number(number)
    if following is None:
        return url_for("respond.check", slug=slug)
    return url_for("respond.question", slug=slug, number=following)


@bp.route("/<slug>/check", methods=["GET", "POST"])
def check(slug):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft, elsewhere = _draft_or_redirect(view, lock=request.method == "POST")
    if elsewhere is not None:
        return elsewhere
    journey = Journey(view.consultation, draft.answers or {}, view.missing_message)
    if journey.exit_rule is not None:  # answers kept from before an exit rule was added
        return _leave(view, draft, journey.exit_rule)
    if request.method == "GET":
        return render("respond/check.html", view=view, t=view.texts, steps=journey.steps(), problems=[])
    if view.preview:
        # A preview never stores a response; the check page says so instead.
        return render("respond/check.html", view=view, t=view.texts, steps=journey.steps(),
                      problems=journey.problems(), status=422 if journey.problems() else 200,
                      notice=_("This is a preview, so your answers were not sent. People will see a "
                               "confirmation page here."))
    try:
        # Kiosk mode: the channel is "event".
        services.submit_draft(view.consultation, draft, channel=device_hooks.channel())
    except services.NotReady:
        db.session.rollback()
        return render("respond/check.html", status=422, view=view, t=view.texts,
                      steps=journey.steps(), problems=journey.problems())
    device_hooks.after_submit(draft)  # a kiosk deletes the draft; its next page only thanks
    db.session.commit()
    return redirect_to(url_for("respond.confirmation", slug=slug))


@bp.get("/<slug>/confirmation")
def confirmation(slug):
    view = _view(slug)
    if (thanks := device_hooks.thank_you(view)) is not None:
        return thanks  # a kiosk: thanks and "Next person", nothing of the answers
    draft = current_draft(view)
    if draft is None or draft.response is None:
        return redirect_to(url_for("respond.start", slug=slug))
    sent = request.args.get("sent")
    return render("respond/confirmation.html", view=view, t=view.texts, response=draft.response,
                  change_too_late=request.args.get("late") == "1", sent=sent if sent in ("email", "sms") else None)


@bp.post("/<slug>/confirmation/send")
@limiter.limit("10 per hour")
def send_confirmation(slug):
    """A confirmation with the reference by email or text message (and a copy of the answers by email)."""
    view = _view(slug)
    draft = current_draft(view)
    if draft is None or draft.response is None or not ConfirmForm().validate_on_submit():
        return redirect_to(url_for("respond.confirmation", slug=slug))
    typed, with_copy = request.form.get("contact", ""), request.form.get("copy") == "yes"
    try:
        channel = outgoing.sender().send_confirmation(
            typed=typed, draft=draft, response=draft.response, title=_title(view), with_copy=with_copy,
            consultation_id=view.consultation.id)
    except outgoing.NotSent as problem:
        return render("respond/confirmation.html", status=422, view=view, t=view.texts, response=draft.response,
                      change_too_late=False, typed=typed, error=str(problem), copy_chosen=with_copy)
    db.session.commit()
    return redirect_to(url_for("respond.confirmation", slug=slug, sent=channel) + "#send-to-me-title")


@bp.get("/<slug>/saved")
def saved(slug):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft, elsewhere = _draft_or_redirect(view)
    if elsewhere is not None:
        return elsewhere
    return _saved_page(view, draft, sent=request.args.get("sent"))


def _resume_address(slug: str, draft) -> str:
    # The public address when one is set (never the Host header, which the client chose); else this
    # request's own, which only the draft's owner sees.
    return (public_url("respond.resume_link", slug=slug, token=draft.token)
            or url_for("respond.resume_link", slug=slug, token=draft.token, _external=True))


def _saved_page(view, draft, status=200, typed="", error=None, sent=None):
    journey = Journey(view.consultation, draft.answers or {})
    return render("respond/saved.html", status=status, view=view, t=view.texts, draft=draft,
                  link=_resume_address(view.slug, draft), next_url=_next_place(view.slug, journey),
                  typed=typed, error=error, sent=sent if sent in ("email", "sms") else None)


def _title(view) -> str:
    title = view.texts(view.consultation.title_id)
    return title.text if title else view.slug


@bp.post("/<slug>/saved/send")
@limiter.limit("10 per hour")
def send_resume_link(slug):
    """Send the link to come back by email or text message: optional, for this one message only."""
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft, elsewhere = _draft_or_redirect(view)
    if elsewhere is not None:
        return elsewhere
    typed = request.form.get("contact", "")
    if not ConfirmForm().validate_on_submit():
        return redirect_to(url_for("respond.saved", slug=slug))
    last_day = min(draft.expires_at, view.consultation.closes_at)
    try:
        channel = outgoing.sender().send_resume_link(
            typed=typed, draft=draft, title=_title(view), link=_resume_address(slug, draft), code=draft.code,
            until=london_date(last_day), consultation_id=view.consultation.id)
    except outgoing.NotSent as problem:
        return _saved_page(view, draft, status=422, typed=typed, error=str(problem))
    db.session.commit()
    return redirect_to(url_for("respond.saved", slug=slug, sent=channel) + "#send-to-me-title")


@bp.get("/<slug>/resume/<token>")
def resume_link(slug, token):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    draft = services.find_draft_to_resume(view.consultation, token)
    if draft is None:
        return render("respond/resume_failed.html", status=404, view=view, t=view.texts)
    return _resume(view, draft)


def _resume(view, draft):
    """Carry on where the resident stopped, in the language and version (easy read) they were using."""
    remember_draft(view.consultation.slug, draft.token)
    keep_language(draft.language)
    keep_register(draft.register)
    journey = Journey(view.consultation, draft.answers or {})
    return redirect_to(_next_place(view.consultation.slug, journey), whole_page=True)


@bp.route("/<slug>/resume", methods=["GET", "POST"])
@limiter.limit("20 per 10 minutes", methods=["POST"])
def resume_code(slug):
    view = _view(slug)
    if (page := _unavailable(view)) is not None:
        return page
    typed = request.form.get("code", "") if request.method == "POST" else ""
    if request.method == "GET":
        return render("respond/resume.html", view=view, t=view.texts, typed="", error=None)
    if not typed.strip():
        error = (_("Type your code in the box") if view.easy_read
                 else _("Enter the code you were given when you saved your answers"))
    else:
        draft = services.find_draft_by_code(view.consultation, typed)
        if draft is not None:
            return _resume(view, draft)
        error = (_("We cannot find this code. Check it and try again") if view.easy_read
                 else _("We could not find answers with that code. Check the code and try again"))
    return render("respond/resume.html", status=422, view=view, t=view.texts, typed=typed, error=error)
