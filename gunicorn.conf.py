"""gunicorn's settings, read from the folder gunicorn starts in (the project's): each new worker
compiles the templates and loads the languages before its first request (consult/warm_up.py)."""


def post_worker_init(worker):
    from flask import Flask

    from consult.warm_up import warm_up

    if isinstance(worker.wsgi, Flask):
        warm_up(worker.wsgi)
