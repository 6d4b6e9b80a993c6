"""kept work: what a staff member typed when their session ended for lack of activity

Revision ID: c4f81a2e9b37
Revises: b7e2d94c1a05
Create Date: 2026-12-06 22:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c4f81a2e9b37'
down_revision = 'b7e2d94c1a05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kept_work',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=2000), nullable=False),
    sa.Column('page', sa.String(length=2000), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('claim', sa.String(length=64), nullable=False),
    sa.Column('had_files', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_user.id'], name=op.f('fk_kept_work_staff_id_staff_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_work')),
    sa.UniqueConstraint('staff_id', name=op.f('uq_kept_work_staff_id'))
    )


def downgrade():
    op.drop_table('kept_work')
