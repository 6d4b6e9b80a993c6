"""consult/warm_up.py and gunicorn.conf.py: a new gunicorn worker compiles every template and loads every
language before its first request."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

from consult import warm_up

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def _compiled(app) -> set[str]:
    return {key[1] for key in app.jinja_env.cache.keys()}


def test_a_warmed_up_app_has_every_template_compiled_and_every_language_read(app):
    assert not set(app.jinja_env.list_templates()) <= _compiled(app)
    warm_up.warm_up(app)
    assert set(app.jinja_env.list_templates()) <= _compiled(app)
    with app.test_request_context():
        from flask_babel import get_babel

        kept = {locale for locale, _domain in get_babel().instance.domain_instance.cache}
    assert {"en_GB", "cy", "ar", "pl"} <= kept


def test_gunicorn_warms_up_each_new_worker(app, monkeypatch):
    warmed = []
    monkeypatch.setattr(warm_up, "warm_up", warmed.append)
    hooks = runpy.run_path(str(GUNICORN_CONF))
    hooks["post_worker_init"](SimpleNamespace(wsgi=app))
    hooks["post_worker_init"](SimpleNamespace(wsgi=lambda environ, start_response: None))  # not ours: left alone
    assert warmed == [app]
