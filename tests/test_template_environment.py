"""The app's Jinja environment (consult.templating.ConsultEnvironment): templates' globals whose keys are a set."""

from __future__ import annotations

from jinja2 import DictLoader

from consult import create_app
from consult.templating import ConsultEnvironment


def _app(tmp_path):
    app = create_app(TESTING=True, SECRET_KEY="test", DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}",
                     INSTANCE_PATH=str(tmp_path))
    app.jinja_env.loader = DictLoader({
        "parts.html": "{% macro shout(word) %}{{ word|upper }}{{ added_later() }}{% endmacro %}",
        "page.html": '{% from "parts.html" import shout %}{{ shout("hello") }} {{ added_later() }}',
    })
    return app


def test_the_app_uses_it_and_a_template_s_global_keys_are_a_set(tmp_path):
    app = _app(tmp_path)
    assert isinstance(app.jinja_env, ConsultEnvironment)
    template = app.jinja_env.get_template("page.html")
    # What {% import %} takes the difference of: a set, so it runs in C, not key by key in Python.
    assert isinstance(template.globals.keys(), set)
    assert "url_for" in template.globals.keys() and "shout" not in template.globals.keys()


def test_imports_see_a_global_added_after_the_templates_were_loaded(tmp_path):
    app = _app(tmp_path)
    with app.test_request_context():
        template = app.jinja_env.get_template("page.html")
        app.jinja_env.globals["added_later"] = lambda: "!"
        # A copy of the globals made when the page was loaded would not have it.
        assert template.render() == "HELLO! !"
