"""Webhooks: staff give an HTTPS address per consultation; Consult POSTs signed JSON to it when a
response is submitted and when the consultation is published or closed (docs/webhooks.md).

- ``events``: receives the signals of consult.respond.services and consult.build.services;
- ``payloads``: the JSON (no personal details from an anonymous consultation);
- ``signing``: the ``Consult-Signature`` header;
- ``delivery``: the outbox of deliveries, retries with backoff, ``send-webhooks`` for cron;
- ``routes``: the staff page with the delivery log.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from consult.webhooks import events
    from consult.webhooks.commands import send_webhooks_command
    from consult.webhooks.routes import bp

    events.connect()
    app.register_blueprint(bp)
    app.cli.add_command(send_webhooks_command)
