"""Consult: plain-language, multilingual consultations that get everyone into the room."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from consult import config as config_module

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None, **overrides) -> Flask:
    settings = config_module.load({**(config or {}), **overrides})
    app = Flask(
        __name__,
        instance_path=settings["INSTANCE_PATH"],
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from consult.templating import ConsultEnvironment

    app.jinja_environment = ConsultEnvironment  # before anything reads app.jinja_env, which makes it once
    app.config.update(settings)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from consult.app_setup import init_app

    init_app(app)
    return app
