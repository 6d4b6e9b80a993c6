"""data retention periods per consultation, and residents' requests to see or delete their answers

A consultation may keep the words people wrote, and contact details, for its own number of months
after it closes (empty: the installation's default). A rights request is a resident's request, made
with their reference, for a copy of their answers or for their deletion (consult/rights).

Revision ID: 9d3e5b1a7c64
Revises: b91d4c7e2a58
Create Date: 2026-12-07 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '9d3e5b1a7c64'
down_revision = 'b91d4c7e2a58'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_free_text_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('retention_contact_months', sa.Integer(), nullable=True))
        batch_op.create_check_constraint('retention_free_text_months_range',
                                         'retention_free_text_months BETWEEN 1 AND 120')
        batch_op.create_check_constraint('retention_contact_months_range',
                                         'retention_contact_months BETWEEN 1 AND 120')

    op.create_table('rights_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=True),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('reply_to', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('copy', 'delete')", name=op.f('ck_rights_request_kind')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_rights_request_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'],
                            name=op.f('fk_rights_request_response_id_response'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rights_request')),
    sa.UniqueConstraint('key', name=op.f('uq_rights_request_key'))
    )
    with op.batch_alter_table('rights_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rights_request_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_request_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_request_response_id'), ['response_id'], unique=False)


def downgrade():
    op.drop_table('rights_request')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_consultation_retention_contact_months_range'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_consultation_retention_free_text_months_range'), type_='check')
        batch_op.drop_column('retention_contact_months')
        batch_op.drop_column('retention_free_text_months')
