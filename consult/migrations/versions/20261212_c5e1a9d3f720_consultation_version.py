"""consultation.version: a number that changes whenever anything a resident sees of the consultation
changes (its settings, questions, answers, texts, pictures, rules, sections, languages), so each server
keeps one compiled copy of a published consultation and checks only this number per page
(consult/snapshots.py; bumped by consult/models/versioning.py)

Revision ID: c5e1a9d3f720
Revises: b8d2f4a6c913
Create Date: 2026-12-12 06:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c5e1a9d3f720"
down_revision = "b8d2f4a6c913"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("consultation") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    with op.batch_alter_table("consultation") as batch:
        batch.drop_column("version")
