"""``flask --app consult send-webhooks``: from cron every minute, for retries and anything left behind."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.command("send-webhooks")
@with_appcontext
def send_webhooks_command():
    """Send every webhook delivery that is due: retries, and any a stopped worker left half-sent."""
    from consult.webhooks.delivery import deliver_due

    counts = deliver_due()
    if not counts:
        click.echo("Nothing to send.")
        return
    click.echo(", ".join(f"{state}: {number}" for state, number in sorted(counts.items())))
