"""embed origins: the sites allowed to show the resident pages in a frame

One list per organisation, in organisation_settings: ["https://www.example.gov.uk", ...]. Empty or
NULL keeps frame-ancestors 'none' (consult/embed/framing.py).

Revision ID: 5e8b1c3d9a27
Revises: 9f3b6d2a7c41
Create Date: 2026-12-09 06:15:00

"""
import sqlalchemy as sa
from alembic import op

revision = "5e8b1c3d9a27"
down_revision = "9f3b6d2a7c41"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("embed_origins", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("organisation_settings", schema=None) as batch_op:
        batch_op.drop_column("embed_origins")
