"""Commands: ``send-test-email ADDRESS`` and ``send-messages`` (cron: retries and anything left behind)."""

from __future__ import annotations

import secrets

import click
from flask import current_app
from flask.cli import with_appcontext

from consult.forms import EMAIL


@click.command("send-test-email")
@click.argument("address")
@with_appcontext
def send_test_email_command(address):
    """Send a test email to ADDRESS through the configured transport; print the outcome in one line."""
    from consult.messages.outbox import deliver, queue_message
    from consult.messages.transports import transport_of

    if not EMAIL.match(address.strip()):
        raise click.ClickException(f"{address!r} is not an email address.")
    transport = transport_of(current_app).name
    message = queue_message(
        key=f"test:{secrets.token_hex(8)}", purpose="test", channel="email", recipient=address,
        subject="Consult: a test message",
        body="This is a test message from Consult. If you can read it, email from Consult works.",
        send_now=False)
    # One attempt, here: a wrong setting should show at once, not after the retries.
    current_app.config["MESSAGE_ATTEMPTS"] = 1
    state = deliver(message.id)
    if state == "sent":
        click.echo(f"Sent to {message.masked_recipient} through {transport} ({message.transport_reference}).")
        return
    raise click.ClickException(f"Not sent through {transport}: {message.last_error}")


@click.command("send-messages")
@with_appcontext
def send_messages_command():
    """Send every message that is due: new ones, retries, and any a stopped worker left half-sent."""
    from consult.messages.outbox import deliver_due

    counts = deliver_due()
    if not counts:
        click.echo("Nothing to send.")
        return
    click.echo(", ".join(f"{state}: {number}" for state, number in sorted(counts.items())))


@click.command("send-staff-alerts")
@with_appcontext
def send_staff_alerts_command():
    """Email editors and admins: consultations closing in 3 days, and a summary of the day's new answers."""
    from consult.messages.staff_alerts import send_staff_alerts

    counts = send_staff_alerts()
    click.echo(f"Closing soon: {counts['closing']} alert(s). Daily summary: {counts['digest']} email(s).")
