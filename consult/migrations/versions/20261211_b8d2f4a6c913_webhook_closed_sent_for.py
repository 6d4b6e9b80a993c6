"""webhook.closed_sent_for: the closing time whose "consultation.closed" event an address was given
when its consultation closed by itself (consult/webhooks/closing.py)

Addresses of consultations that have already closed are marked as told, so the first run after this
migration does not announce closings from the past.

Revision ID: b8d2f4a6c913
Revises: a4c7e2f9b153
Create Date: 2026-12-11 06:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "b8d2f4a6c913"
down_revision = "a4c7e2f9b153"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("webhook") as batch:
        batch.add_column(sa.Column("closed_sent_for", sa.DateTime(), nullable=True))
    # Stored times are naive UTC.
    now = "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')" if op.get_bind().dialect.name == "postgresql" else "CURRENT_TIMESTAMP"
    op.execute(sa.text(
        "UPDATE webhook SET closed_sent_for = (SELECT consultation.closes_at FROM consultation "
        "WHERE consultation.id = webhook.consultation_id) "
        f"WHERE webhook.consultation_id IN (SELECT id FROM consultation WHERE closes_at <= {now})"))


def downgrade():
    with op.batch_alter_table("webhook") as batch:
        batch.drop_column("closed_sent_for")
