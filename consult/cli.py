"""flask commands: seed-demo, create-staff, purge-drafts, apply-retention, translate ..."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from consult.extensions import db

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_staff_command)
    app.cli.add_command(purge_drafts_command)
    app.cli.add_command(apply_retention_command)
    app.cli.add_command(translate)
    app.cli.add_command(import_xlsform_command)
    from consult.messages.commands import send_messages_command, send_staff_alerts_command, send_test_email_command

    app.cli.add_command(send_test_email_command)
    app.cli.add_command(send_messages_command)
    app.cli.add_command(send_staff_alerts_command)
    app.cli.add_command(export_xlsform_command)
    app.cli.add_command(worker_command)
    from consult.results.commands import rebuild_counts_command

    app.cli.add_command(rebuild_counts_command)


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (tests, cron).")
@with_appcontext
def worker_command(burst):
    """Run background jobs (PDFs and others) from the Redis queue; needs REDIS_URL (consult/jobs.py)."""
    from flask import current_app

    from consult.jobs import run_worker

    try:
        run_worker(current_app._get_current_object(), burst=burst)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Create the demo consultations and the demo staff login, once."""
    from consult.auth.services import create_staff, find_staff
    from consult.demo import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, seed_demo

    created = seed_demo()
    if find_staff(DEMO_STAFF_EMAIL) is None:
        create_staff(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, "admin")
    db.session.commit()
    click.echo("Demo content created." if created else "Demo content already there; nothing changed.")


@click.command("create-staff")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "editor", "analyst"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@with_appcontext
def create_staff_command(email, role, password_stdin):
    """Add a staff member who can sign in."""
    from consult.auth.services import create_staff, find_staff

    if find_staff(email) is not None:
        raise click.ClickException(f"{email} already has an account")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        create_staff(email, password, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {role} {email}")


@click.command("purge-drafts")
@with_appcontext
def purge_drafts_command():
    """Delete drafts older than DRAFT_DAYS (30 by default)."""
    from consult.respond.services import purge_drafts

    removed = purge_drafts()
    db.session.commit()
    click.echo(f"Removed {removed} expired or empty drafts.")


@click.command("apply-retention")
@with_appcontext
def apply_retention_command():
    """Remove the words people wrote and their contact details once each consultation's retention
    periods have passed (run it daily, from cron). Running it twice changes nothing more."""
    from consult.retention.apply import apply_retention

    report = apply_retention()
    db.session.commit()
    for removal in report.removals:
        click.echo(removal.describe())
    if report.rights_replies_forgotten:
        click.echo(f"Forgot how to reply to {report.rights_replies_forgotten} requests to see or delete answers.")
    if not report.changed:
        click.echo("Nothing was due; nothing changed.")


@click.command("export-xlsform")
@click.argument("slug")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def export_xlsform_command(slug, file):
    """Write the consultation at /c/SLUG as an XLSForm (.xlsx) that KoboToolbox, ODK and import-xlsform read."""
    from consult.build.xlsform.writing import export_xlsform
    from consult.loading import load_consultation

    consultation = load_consultation(slug)
    if consultation is None:
        raise click.ClickException(f"No consultation has the web address {slug}.")
    file.write_bytes(export_xlsform(consultation))
    click.echo(f"Wrote {file}")


@click.command("import-xlsform")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publish", is_flag=True, help="Publish it too, if the publishing checklist allows.")
@click.option("--slug", help="Its web address (/c/SLUG); made from the form's id or title if left out.")
@with_appcontext
def import_xlsform_command(file, publish, slug):
    """Build a draft consultation from an XLSForm (.xlsx, as KoboToolbox and ODK use).

    Prints the new consultation's address, then one line for each row that could not be imported.
    A file that is not a usable XLSForm creates nothing and exits with status 1.
    """
    from consult.addresses import public_base_url
    from consult.build.xlsform import XLSFormError, import_xlsform

    try:
        report = import_xlsform(file.read_bytes(), file_name=file.name, slug=slug, publish=publish)
    except XLSFormError as error:
        db.session.rollback()
        raise click.ClickException(f"{file.name}: {error}") from None
    db.session.commit()
    consultation = report.consultation
    click.echo(f"{public_base_url() or ''}/c/{consultation.slug}")
    questions = "1 question" if report.questions == 1 else f"{report.questions} questions"
    click.echo(f"{questions} imported; languages: {', '.join(report.languages)}")
    for skipped in report.skipped:
        click.echo(skipped.line())
    if report.published:
        click.echo("Published.")
    elif publish:
        click.echo("Not published. Fix these first, in the builder:")
        for problem in report.publish_problems:
            click.echo(f"- {problem}")


@click.group()
def translate():
    """Interface translations: extract, update, compile."""


def _pybabel(*args: str) -> None:
    # Babel takes -q before the subcommand, not after it.
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", *args]
    subprocess.run(command, check=True)


@translate.command()
def extract():
    """Collect translatable strings into translations/messages.pot."""
    _pybabel("extract", "-F", str(TRANSLATIONS / "babel.cfg"), "-k", "_l", "--no-location",
             "--sort-output", "-o", str(TRANSLATIONS / "messages.pot"), ".")


@translate.command()
def update():
    """Extract, then merge new strings into every language's .po file."""
    extract.callback()
    _pybabel("update", "--no-wrap", "--ignore-obsolete", "-i", str(TRANSLATIONS / "messages.pot"),
             "-d", str(TRANSLATIONS))


@translate.command("compile")
def compile_():
    """Compile .po files into the .mo files Flask-Babel reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS))


@translate.command()
@click.argument("language")
def init(language):
    """Start a new language: translations/LANGUAGE/LC_MESSAGES/messages.po."""
    extract.callback()
    _pybabel("init", "-i", str(TRANSLATIONS / "messages.pot"), "-d", str(TRANSLATIONS), "-l", language)
