"""the organisation's own accessibility statement and privacy notice, per language

Revision ID: 752ea93fc72c
Revises: 07e9e52f3c5f
Create Date: 2026-12-06 22:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '752ea93fc72c'
down_revision = '07e9e52f3c5f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('statement_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('accessibility', 'privacy')", name=op.f('ck_statement_text_kind')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff_user.id'], name=op.f('fk_statement_text_updated_by_id_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_text')),
    sa.UniqueConstraint('kind', 'language', name='uq_statement_text_kind_language')
    )


def downgrade():
    op.drop_table('statement_text')
