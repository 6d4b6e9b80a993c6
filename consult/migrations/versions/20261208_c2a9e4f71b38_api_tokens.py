"""api tokens: staff-made, hashed, read-only tokens for /api/v1, each scoped to consultations

Revision ID: c2a9e4f71b38
Revises: 4b7e9c2d1a63
Create Date: 2026-12-08 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c2a9e4f71b38'
down_revision = '4b7e9c2d1a63'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('access', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("access IN ('reader', 'analyst')", name=op.f('ck_api_token_access')),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_user.id'], name=op.f('fk_api_token_created_by_id_staff_user'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    op.create_table('api_token_consultation',
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_api_token_consultation_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['token_id'], ['api_token.id'], name=op.f('fk_api_token_consultation_token_id_api_token'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_id', 'consultation_id', name=op.f('pk_api_token_consultation'))
    )
    with op.batch_alter_table('api_token_consultation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_consultation_consultation_id'), ['consultation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('api_token_consultation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_consultation_consultation_id'))
    op.drop_table('api_token_consultation')
    op.drop_table('api_token')
