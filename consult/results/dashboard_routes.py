"""The results dashboard (analysts and up) and the small-group threshold (editors and up)."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import format_date
from flask_login import current_user

from consult import audit, branching, branching_words
from consult.auth.roles import EDITORS, READERS
from consult.auth.sessions import has_role, role_required
from consult.events import prefill
from consult.events import services as events_services
from consult.events.present import event_filter_choices
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import ContentCatalogue, language_name_for_staff
from consult.loading import consultation_by_slug_or_404
from consult.models.content import STANDARD
from consult.results import analysis, counts, present
from consult.results.blueprint import bp
from consult.results.dashboard_forms import SmallGroupsForm
from consult.results.filters import KEYS, Filters, parse_filters
from consult.results.plain import shape_of
from consult.snapshots import snapshot_or_404
from consult.templating import content_lang, current_language, page_direction
from consult.times import to_utc
from consult.translating import gettext as _


def results_texts(consultation) -> ContentCatalogue:
    """Titles, questions and answers in the staff member's language, else the consultation's own."""
    ids = [consultation.title_id]
    for question in consultation.questions:
        ids += [question.prompt_id] + [option.label_id for option in question.options]
    return ContentCatalogue.load(ids, language=current_language(), default_language=consultation.default_language)


def read_filters(consultation, source=None, event_choices=None, prefill_choices=None) -> Filters:
    """The filters asked for; ``event_choices`` and ``prefill_choices`` when the page has them already
    (event_filter_choices, prefill.filter_choices), so they are not read twice."""
    languages = set(consultation.offered_languages) | set(current_app.config["CONTENT_LANGUAGES"])
    option_ids = {option.id for question in consultation.questions for option in question.options}
    if event_choices is None:
        event_ids = {event.id for event in events_services.events_of(consultation.id)}
    else:
        event_ids = {event_id for event_id, _ in event_choices}
    if prefill_choices is None:
        value_ids = prefill.value_ids_of(consultation.id)
    else:
        value_ids = {value_id for _, values in prefill_choices for value_id, _ in values}
    return parse_filters(source if source is not None else request.args, languages=languages, option_ids=option_ids,
                         event_ids=event_ids, prefill_value_ids=value_ids)


def link_if_exists(endpoint: str, **values) -> str | None:
    """A link to a view that may not be there (exports and free text are built alongside)."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def answer_choices(consultation, texts) -> list[tuple[str, list]]:
    """For the cross-tab: (question, [(option id, label)]) for every question with answers to choose."""
    groups = []
    for number, question in enumerate(consultation.questions, start=1):
        if question.type.has_options and question.options:
            prompt = texts(question.prompt_id)
            groups.append((_("%(number)s. %(prompt)s", number=number, prompt=prompt.text if prompt else ""),
                           [(option.id, texts(option.label_id)) for option in question.options]))
    return groups


def describe_filters(filters: Filters, consultation, texts) -> list[str]:
    """The filters that apply, in words, for the line above the results."""
    words = []
    if filters.date_from:
        words.append(_("from %(date)s", date=london_date_only(filters.date_from)))
    if filters.date_to:
        words.append(_("to %(date)s", date=london_date_only(filters.date_to)))
    if filters.channel:
        words.append(str(present.CHANNEL_NAMES[filters.channel]))
    if filters.language:
        words.append(language_name_for_staff(filters.language))
    if filters.register:
        words.append(str(present.REGISTER_NAMES[filters.register]))
    if filters.answer is not None:
        for number, question in enumerate(consultation.questions, start=1):
            option = question.option_by_id(filters.answer)
            if option is not None:
                label = texts(option.label_id)
                words.append(_("people who answered %(answer)s to question %(number)s",
                               answer=present.quoted(label.text if label else ""), number=number))
    if filters.event is not None:
        names = dict(event_filter_choices(consultation))
        words.append(_("answers taken at the event on %(event)s", event=names.get(filters.event, "")))
    if filters.prefilled is not None:
        words.append(_("answers that came by the link for %(value)s", value=prefill.value_label(filters.prefilled)))
    return words


def london_date_only(day) -> str:
    return format_date(day, format="long")


def condition_words(shape, consultation, numbers: dict[int, int], texts) -> str:
    """"Asked only of people who answered “Yes” to question 2", from the question's branching rule."""
    if shape.condition is None:
        return ""
    by_id = {question.id: question for question in consultation.questions}
    return branching_words.ask_sentence(shape.id, branching.plan_for(consultation), by_id, numbers,
                                  lambda option: texts(option.label_id).text if texts(option.label_id) else None,
                                  audience="staff") or ""


@bp.get("/<slug>")
@role_required(*READERS)
def dashboard(slug):
    # The filter form sends every field, filled or not: send the browser to the same view without
    # the empty ones, so the address people share says only what was chosen. (htmx follows the
    # redirect with fetch and pushes where it ended.)
    if any(key in request.args and not request.args[key].strip() for key in KEYS):
        kept = {key: value for key, value in request.args.items() if value.strip()}
        return redirect(url_for("results.dashboard", slug=slug, **kept), code=303)
    # Compiled once per version (consult.snapshots): the dashboard only reads the consultation, and
    # loading it with its questions, answers and rules was a third of the page's own time.
    snapshot = snapshot_or_404(slug)
    consultation = snapshot.consultation
    texts = snapshot.texts(current_language(), STANDARD)
    event_choices, prefill_choices = event_filter_choices(consultation), prefill.filter_choices(consultation.id)
    filters = read_filters(consultation, event_choices=event_choices, prefill_choices=prefill_choices)
    where = filters.to_response_filter(to_utc)
    shapes = shape_of(consultation)
    results = analysis.summarise(consultation.id, shapes, where, zone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
    segment = counts.segment_of(where)
    if segment is not None and not results.from_counts:
        counts.rebuild_soon(consultation.id, shapes, segment)  # when missing or out of date (a background job)
    threshold = consultation.small_group_threshold
    rtl = page_direction() == "rtl"
    numbers = {question.id: number for number, question in enumerate(consultation.questions, start=1)}
    questions = []
    for shape, question in zip(shapes, consultation.questions):
        view = present.question_view(shape, question, numbers[question.id], results.questions[question.id], texts,
                                     threshold, rtl, content_lang,
                                     condition=condition_words(shape, consultation, numbers, texts))
        questions.append((view, link_if_exists("results.free_text", slug=slug, question_id=question.id)
                          if view.is_text else None))
    form = None
    if has_role(current_user, *EDITORS):
        form = SmallGroupsForm(formdata=None, data={"threshold": threshold})
    return render(
        "results/dashboard.html", consultation=consultation, t=texts, filters=filters,
        filter_words=describe_filters(filters, consultation, texts), answer_choices=answer_choices(consultation, texts),
        total=present.total_text(results.overview.total, threshold), has_responses=results.overview.total > 0,
        channel_choices=[(key, str(name)) for key, name in present.CHANNEL_NAMES.items()],
        language_choices=[(code, language_name_for_staff(code)) for code in consultation.offered_languages],
        register_choices=[(key, str(name)) for key, name in present.REGISTER_NAMES.items()],
        event_choices=event_choices, prefill_choices=prefill_choices,
        overview=present.overview_charts(results.overview, consultation, threshold, rtl), questions=questions,
        threshold=threshold, form=form, back_url=_back_url(consultation),
        responses_url=url_for("results.responses", slug=slug, **filters.args()),
        exports_url=link_if_exists("results.exports_page", slug=slug),
        downloads=[(label, link_if_exists("results.export", slug=slug, format=kind))
                   for kind, label in (("csv", "CSV"), ("xlsx", "XLSX"))],
        themes_url=link_if_exists("results.themes", slug=slug),
    )


def _back_url(consultation) -> str:
    if has_role(current_user, *EDITORS):
        return url_for("build.consultation", consultation_id=consultation.id)
    return url_for("build.index")


@bp.route("/<slug>/small-groups", methods=["GET", "POST"])
@role_required(*EDITORS)
def small_groups(slug):
    consultation = consultation_by_slug_or_404(slug)
    # The filters in use when the form was sent, so saving goes back to the same view.
    kept = read_filters(consultation, request.form if request.method == "POST" else request.args).args()
    if request.method == "GET":
        form = SmallGroupsForm(formdata=None, data={"threshold": consultation.small_group_threshold})
    else:
        form = SmallGroupsForm()
        if form.validate():
            old, new = consultation.small_group_threshold, form.threshold.data
            consultation.small_group_threshold = new
            audit.record("consultation.small_groups_changed", "consultation", consultation.id,
                         f"{consultation.slug}: {old} to {new}")
            db.session.commit()
            flash(_("Saved. Groups smaller than %(number)s now show as “fewer than %(number)s”.", number=new),
                  "success")
            return redirect_to(url_for("results.dashboard", slug=slug, **kept))
    texts = ContentCatalogue.load([consultation.title_id], language=current_language(),
                                  default_language=consultation.default_language)
    status = 422 if form.errors else 200
    return render("results/small_groups.html", status=status, consultation=consultation, t=texts, form=form,
                  kept=kept, back_url=url_for("results.dashboard", slug=slug, **kept))

