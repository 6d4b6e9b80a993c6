"""``flask --app consult send-webhooks``: from cron every minute, for retries, anything left behind and
consultations that closed on their date."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.command("send-webhooks")
@with_appcontext
def send_webhooks_command():
    """Send every webhook delivery that is due: retries, any a stopped worker left half-sent, and the
    news of consultations that have closed on their date since the last run."""
    from consult.webhooks.closing import record_natural_closes
    from consult.webhooks.delivery import deliver_due

    closed = record_natural_closes()
    if closed:
        click.echo(f"Closings recorded: {closed}")
    counts = deliver_due()
    if not counts:
        click.echo("Nothing to send.")
        return
    click.echo(", ".join(f"{state}: {number}" for state, number in sorted(counts.items())))
