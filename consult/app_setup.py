"""Binding extensions, template helpers, blueprints and error pages to a new app."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from consult import i18n, translating
from consult.database import configure_sqlite
from consult.extensions import babel, csrf, db, htmx, limiter, login, migrate
from consult.request_values import IdConverter, NulCharacter, refuse_nul_bytes
from consult.security import add_security_headers
from consult.translating import get_locale


def init_app(app: Flask) -> None:
    _trust_proxies(app)
    from consult import compression

    # First, so its after-request hook runs last: it compresses the finished response.
    compression.init_app(app)
    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    # Batch mode lets later migrations alter tables on SQLite, which has little ALTER TABLE.
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"), render_as_batch=True)
    csrf.init_app(app)
    from consult.embed.cookies import EmbeddableSessionInterface

    # SameSite=None; Partitioned once another site may embed the resident pages (consult/embed/cookies.py).
    app.session_interface = EmbeddableSessionInterface()
    babel.init_app(app, locale_selector=i18n.select_locale)
    translating.install(app)
    htmx.init_app(app)
    limiter.init_app(app)
    _init_login(app)
    _init_templates(app)
    # Before the blueprints add their routes: every <int:...> in them is then an IdConverter.
    app.url_map.converters["int"] = IdConverter
    # Before the blueprints' own before-request guards (the kiosk's), so none of them sees a NUL.
    app.before_request(refuse_nul_bytes)
    from consult.auth import idle

    idle.init_app(app)  # staff idle timeout: its hook, its pages, its template values
    _register_blueprints(app)
    _register_error_pages(app)
    app.before_request(i18n.remember_language)
    from consult.respond.context import remember_register

    app.before_request(remember_register)
    # The Easy read switch on pages without a consultation (layouts/base.html) shows the choice kept.
    from consult.respond.context import chosen_register

    app.jinja_env.globals["chosen_register"] = chosen_register
    app.after_request(add_security_headers)

    from consult.cli import register_commands

    register_commands(app)


def _trust_proxies(app: Flask) -> None:
    """Behind N reverse proxies, take the client's address (and scheme) from the proxies' headers.

    Only the last N entries of X-Forwarded-For are believed: each trusted proxy appends the address
    it saw, and anything before that came from the client. The Host header and X-Forwarded-Host are
    never used for an address we print or share (consult/addresses.py), so they are left alone.
    """
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0, x_prefix=0)


def _init_login(app: Flask) -> None:
    from consult.auth.sessions import load_user

    login.init_app(app)
    login.login_view = "auth.sign_in"
    login.user_loader(load_user)


def _init_templates(app: Flask) -> None:
    from consult.addresses import public_base_url, public_url
    from consult.auth.sessions import staff_may
    from consult.templating import template_globals

    app.jinja_env.globals.update(template_globals())
    app.jinja_env.globals.update(public_base_url=public_base_url, public_url=public_url)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["staff_may"] = staff_may  # which links a staff page shows, by consult.auth.roles
    from consult.organisation import organisation

    app.jinja_env.globals["organisation"] = organisation  # the header's name, logo and colour; footer links
    from consult.retention.wording import retention_sentences

    # The start page's "how long we keep your answers", made from the rule the retention command applies.
    app.jinja_env.globals["retention_sentences"] = retention_sentences
    from consult.easy_read_words import template_helpers as easy_read_helpers

    # Easy-read pages: times and texts in easy words, and easy read on or off where there is no consultation.
    app.jinja_env.globals.update(easy_read_helpers())
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _register_blueprints(app: Flask) -> None:
    from consult import kiosk
    from consult.api import routes as api_routes  # noqa: F401  (the read API's views, on api_bp)
    from consult.api.blueprint import bp as api_bp
    from consult.api.token_routes import bp as api_tokens_bp
    from consult.auth import oidc_routes, two_step_routes  # noqa: F401  (views on auth_bp)
    from consult.auth.routes import bp as auth_bp
    from consult.build import (  # noqa: F401  (views on build_bp)
        branching_routes,  # noqa: F401  (a question's branching rules, on build_bp)
        option_group_routes,
        picture_routes,
        plain_routes,
        question_routes,
        question_tool_routes,  # noqa: F401  (paste answers, duplicate a question)
        routes,
        section_routes,  # noqa: F401  (several questions on one page, on build_bp)
        translation_routes,
        xlsform_routes,  # noqa: F401  (XLSForm upload, on build_bp)
    )
    from consult.build.blueprint import bp as build_bp
    from consult.build.blueprint import home_bp as staff_home_bp
    from consult.contact.routes import bp as contact_bp
    from consult.contact.staff_routes import bp as contact_requests_bp
    from consult.entry.routes import bp as entry_bp
    from consult.kiosk.routes import bp as kiosk_bp
    from consult.main.routes import bp as main_bp
    from consult.messages import hearing_back
    from consult.messages import resident as resident_messages
    from consult.messages.routes import bp as messages_bp
    from consult.organisation_settings.routes import bp as organisation_bp
    from consult.pictures.routes import bp as pictures_bp
    from consult.printing.routes import bp as printing_bp
    from consult.reach import census_routes  # noqa: F401  (views on reach_bp)
    from consult.reach import routes as reach_routes  # noqa: F401  (views on reach_bp)
    from consult.reach.blueprint import bp as reach_bp
    from consult.respond.routes import bp as respond_bp
    from consult.results import (  # noqa: F401  (each adds views to the results blueprints)
        dashboard_routes,
        export_routes,
        outcome_routes,
        public_routes,
        report_routes,
        response_routes,
        theme_routes,
    )
    from consult.results.blueprint import bp as results_bp
    from consult.results.public_blueprint import public_bp as outcomes_bp
    from consult.rights.public_routes import bp as rights_bp
    from consult.rights.staff_routes import bp as rights_requests_bp
    from consult.statements.routes import bp as statements_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(pictures_bp)
    app.register_blueprint(respond_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(build_bp)
    app.register_blueprint(staff_home_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(outcomes_bp)
    from consult.results import counts as result_counts

    result_counts.connect()  # each stored response counted in for the results (consult/results/counts.py)
    app.register_blueprint(printing_bp)
    from consult.documents.routes import bp as documents_bp

    app.register_blueprint(documents_bp)  # files on the start page: staff page (editors), serving them
    app.register_blueprint(contact_bp)
    app.register_blueprint(contact_requests_bp)
    app.register_blueprint(reach_bp)
    app.register_blueprint(entry_bp)
    from consult import events
    from consult.events import prefill_routes  # noqa: F401  (pre-filled link fields, on events_bp)
    from consult.events.routes import bp as events_bp

    app.register_blueprint(events_bp)  # drop-ins and meetings: staff page, .ics files, start page list
    from consult.respond.device_hooks import register as register_journey_hooks

    # Before the kiosk's hook, which deletes the draft that these read.
    events.init_app(app, register_journey_hooks)
    app.register_blueprint(kiosk_bp)
    kiosk.init_app(app)  # the kiosk's hooks on the resident journey
    app.register_blueprint(statements_bp)
    app.register_blueprint(organisation_bp)  # admins' organisation settings, and its colour stylesheet
    from consult.embed.routes import bp as embed_bp

    app.register_blueprint(embed_bp)  # the code to show a consultation in a frame on the organisation's site
    app.register_blueprint(rights_bp)  # residents ask to see or delete their answers
    app.register_blueprint(rights_requests_bp)
    app.register_blueprint(messages_bp)  # staff see what was sent, what failed and why
    hearing_back.init_app(app)  # publishing results sends them to the people who asked
    resident_messages.init_app(app)  # the saved and confirmation pages send links and references
    app.register_blueprint(api_bp)  # the read API at /api/v1 (token auth, JSON errors, no CSRF)
    app.register_blueprint(api_tokens_bp)  # admins make and revoke the API's tokens
    from consult import webhooks

    webhooks.init_app(app)  # signed JSON to staff's addresses on responses, publishing, closing; its staff page


def _register_error_pages(app: Flask) -> None:
    from consult.htmx import render

    @app.errorhandler(400)
    def bad_request(_error):
        return render("errors/bad_request.html", status=400)

    @app.errorhandler(NulCharacter)
    def nul_character(_error):
        # A resident's answer comes back to them without it, with a plain message, as for CSRFError.
        from consult.respond.recovery import recover_from_nul_characters

        recovered = recover_from_nul_characters()
        if recovered is not None:
            return recovered
        return render("errors/bad_request.html", status=400)

    @app.errorhandler(403)
    def forbidden(_error):
        return render("errors/forbidden.html", status=403)

    @app.errorhandler(404)
    def not_found(_error):
        return render("errors/not_found.html", status=404)

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        # A resident's form whose token expired comes back with their answers kept.
        from consult.respond.recovery import recover_from_expired_form

        recovered = recover_from_expired_form()
        if recovered is not None:
            return recovered
        return render("errors/csrf.html", status=400)

    @app.errorhandler(429)
    def too_many(_error):
        return render("errors/too_many.html", status=429)

    @app.errorhandler(500)
    def server_error(_error):
        return render_template("errors/server_error.html"), 500

    @app.errorhandler(413)
    def too_large(_error):
        return render("errors/too_large.html", status=413)

