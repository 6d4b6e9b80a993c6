"""Webhooks: staff give an HTTPS address per consultation; Consult POSTs signed JSON to it when a
response is submitted and when the consultation is published or closed (docs/webhooks.md).

- ``events``: receives the signals of consult.respond.services and consult.build.services;
- ``payloads``: the JSON (no personal details from an anonymous consultation);
- ``signing``: the ``Consult-Signature`` header;
- ``delivery``: the outbox of deliveries, retries with backoff, ``send-webhooks`` for cron;
- ``addresses`` and ``sending``: only public internet addresses, checked when saved and before every
  try, and the POST to the very address that was checked;
- ``closing``: "consultation.closed" when a consultation reaches its closing date, once;
- ``routes``: the staff page with the delivery log.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from consult.retention.copies import keeps_answer_copies
    from consult.webhooks import events
    from consult.webhooks.commands import send_webhooks_command
    from consult.webhooks.delivery import forget_consultation_bodies
    from consult.webhooks.routes import bp

    events.connect()
    keeps_answer_copies(forget_consultation_bodies)  # retention forgets undelivered bodies with the answers
    app.register_blueprint(bp)
    app.cli.add_command(send_webhooks_command)
