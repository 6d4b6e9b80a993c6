"""Who is missing: add the "About you" questions (editors), set expected shares (editors), and the
reach view (analysts and up). Routes on the results blueprint, beside the dashboard."""

from __future__ import annotations

from babel.lists import format_list
from flask import flash, request, url_for
from flask_login import current_user

from consult import audit
from consult.auth.roles import EDITORS, READERS
from consult.auth.sessions import has_role, role_required
from consult.build.services import has_responses
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import ContentCatalogue, language_name_for_staff
from consult.loading import consultation_by_slug_or_404
from consult.models import CHANNELS
from consult.reach import about_you, analysis, present, services, targets
from consult.reach.blueprint import bp
from consult.templating import current_language, page_direction
from consult.translating import get_locale, ngettext
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

PROBLEMS = {
    targets.NOT_A_NUMBER: _l("Enter the share for %(group)s as a number from 0 to 100, like 12 or 12.5"),
    targets.OUT_OF_RANGE: _l("The share for %(group)s must be from 0 to 100"),
}


def _texts(consultation, questions):
    ids = [consultation.title_id]
    for question in questions:
        ids += [question.prompt_id] + [option.label_id for option in question.options]
    return ContentCatalogue.load(ids, language=current_language(), default_language=consultation.default_language)


def _names(keys) -> str:
    return format_list([str(about_you.BY_KEY[key].name).lower() for key in keys], locale=get_locale())


@bp.post("/<slug>/reach/about-you")
@role_required(*EDITORS)
def add_about_you(slug):
    consultation = consultation_by_slug_or_404(slug)
    back = url_for("build.consultation", consultation_id=consultation.id) + "#about-you"
    if has_responses(consultation):
        # The same rule, and the same words, as adding any other question.
        flash(_("People have already answered, so questions cannot be added, removed or reordered. "
                "You can still change their words."), "success")
        return redirect_to(back)
    if not services.can_add_about_you(consultation):
        flash(_("The About you questions are written in English, Welsh and Arabic, and this consultation is "
                "written in %(language)s, so they cannot be added. Add your own questions instead.",
                language=language_name_for_staff(consultation.default_language)), "success")
        return redirect_to(back)
    result = services.add_about_you(consultation)
    added = [services.about_you_key(question) for question in result.added]
    if added:
        audit.record("consultation.about_you_added", "consultation", consultation.id,
                     f"{consultation.slug}: {', '.join(added)}")
    db.session.commit()
    if not added:
        flash(_("The About you questions are already in this consultation, so nothing was added."), "success")
        return redirect_to(back)
    words = [ngettext("Added %(num)s About you question at the end: %(names)s.",
                      "Added %(num)s About you questions at the end: %(names)s.", len(added), names=_names(added))]
    if result.already:
        words.append(_("These were already there, so they were not added again: %(names)s.",
                       names=_names(result.already)))
    if "area" in added:
        words.append(_("In the question about areas, change the two example areas to the areas you serve."))
    flash(" ".join(words), "success")
    return redirect_to(back)


def _groups(questions) -> list[targets.QuestionGroups]:
    return [targets.QuestionGroups(question.id, tuple(option.id for option in services.group_options(question)))
            for question in questions]


@bp.route("/<slug>/reach/expected", methods=["GET", "POST"])
@role_required(*EDITORS)
def expected_shares(slug):
    consultation = consultation_by_slug_or_404(slug)
    questions = services.about_you_questions(consultation)
    texts = _texts(consultation, questions)
    errors: list[tuple[str, str]] = []
    field_errors: dict[str, str] = {}
    if request.method == "POST":
        typed = targets.read_shares(request.form, _groups(questions))
        if typed.ok:
            changed = services.save_targets(consultation, typed.shares)
            if changed:
                audit.record("consultation.reach_targets_changed", "consultation", consultation.id,
                             f"{consultation.slug}: {changed} changed")
            db.session.commit()
            flash(_("Expected shares saved."), "success")
            return redirect_to(url_for("reach.view", slug=slug))
        for question in questions:
            options = services.group_options(question)
            for option in options:
                problem = typed.problems.get(option.id)
                if problem:
                    label = texts(option.label_id)
                    message = str(PROBLEMS[problem] % {"group": present.quoted(label.text if label else "")})
                    field_errors[targets.field_name(option.id)] = message
                    errors.append((message, targets.field_name(option.id)))
            if question.id in typed.over and options:
                prompt = texts(question.prompt_id)
                message = _("The shares for %(question)s add up to %(total)s. Together they can be 100%% at most.",
                            question=present.quoted(prompt.text if prompt else ""),
                            total=present.share_text(typed.over[question.id]))
                field_errors[f"question-{question.id}"] = message
                errors.append((message, targets.field_name(options[0].id)))
        values = typed.typed
    else:
        saved = services.load_targets(consultation)
        values = {option.id: targets.shown(saved.get(option.id))
                  for question in questions for option in services.group_options(question)}
    status = 422 if errors else 200
    return render("reach/targets.html", status=status, consultation=consultation, t=texts, questions=questions,
                  values=values, errors=errors, field_errors=field_errors, field_name=targets.field_name,
                  group_options=services.group_options)


@bp.get("/<slug>/reach")
@role_required(*READERS)
def view(slug):
    consultation = consultation_by_slug_or_404(slug)
    cutoff, cutoff_ok = analysis.parse_cutoff(request.args.get("below"))
    errors = [] if cutoff_ok else [(_("Enter a whole number from 1 to 100, like 80"), "below")]
    questions = services.about_you_questions(consultation)
    texts = _texts(consultation, questions)
    saved = services.load_targets(consultation)
    by_channel = services.responses_by_channel(consultation)
    channels = [channel for channel in CHANNELS if by_channel.get(channel)]
    counts = services.count_groups(consultation, questions)
    threshold = consultation.small_group_threshold
    numbers = {question.id: number for number, question in enumerate(consultation.questions, start=1)}
    rtl = page_direction() == "rtl"
    views = []
    for question in questions:
        groups = [(option.id, saved.get(option.id)) for option in services.group_options(question)]
        figures = analysis.question_reach(question.id, groups, counts.get(question.id, {}), channels, threshold,
                                          cutoff)
        views.append(present.question_view(question, numbers[question.id], services.about_you_key(question),
                                           figures, texts, threshold, cutoff, rtl))
    editor = has_role(current_user, *EDITORS)
    missing = [present.column_title((channel,)) for channel in CHANNELS if not by_channel.get(channel)]
    return render(
        "reach/reach.html", consultation=consultation, t=texts, questions=views, errors=errors, cutoff=cutoff,
        typed_cutoff=request.args.get("below", ""), threshold=threshold, has_responses=bool(by_channel),
        no_responses_by=format_list(missing, style="or", locale=get_locale()) if missing and by_channel else "",
        targets_url=url_for("reach.expected_shares", slug=slug) if editor else None,
        build_url=url_for("build.consultation", consultation_id=consultation.id) if editor else None,
    )
