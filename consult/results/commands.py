"""``flask --app consult rebuild-counts [SLUG]``: count results ahead again from the answers
(consult/results/counts.py), after a bulk load or an upgrade; every consultation without a slug."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext


@click.command("rebuild-counts")
@click.argument("slug", required=False)
@click.option("--all", "everything", is_flag=True, help="Rebuild even counts that are up to date.")
@with_appcontext
def rebuild_counts_command(slug, everything):
    """Build the results counted ahead from the answers for one consultation, or all of them."""
    from sqlalchemy import select

    from consult.extensions import db
    from consult.models import Consultation
    from consult.results import counts
    from consult.results.plain import shape_of

    query = select(Consultation).order_by(Consultation.id)
    if slug:
        query = query.where(Consultation.slug == slug)
    found = db.session.scalars(query).all()
    if slug and not found:
        raise click.ClickException(f"No consultation has the address {slug!r}.")
    for consultation in found:
        shapes = shape_of(consultation)
        if not everything and counts.is_current(consultation.id, shapes):
            click.echo(f"{consultation.slug}: up to date")
            continue
        began = time.perf_counter()
        counts.rebuild(consultation.id, shapes)
        db.session.commit()
        click.echo(f"{consultation.slug}: counted in {time.perf_counter() - began:.1f} s")
