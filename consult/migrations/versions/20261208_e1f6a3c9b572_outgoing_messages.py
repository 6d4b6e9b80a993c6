"""outgoing messages: an outbox recorded before anything is sent, and staff choosing whether to get alerts

Revision ID: e1f6a3c9b572
Revises: 3f8a6c2e9d41
Create Date: 2026-12-08 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e1f6a3c9b572'
down_revision = '3f8a6c2e9d41'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'outgoing_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('purpose', sa.String(length=40), nullable=False),
        sa.Column('channel', sa.String(length=8), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=True),
        sa.Column('language', sa.String(length=16), nullable=False),
        sa.Column('recipient', sa.String(length=320), nullable=True),
        sa.Column('subject', sa.String(length=300), nullable=True),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('attachment_name', sa.String(length=200), nullable=True),
        sa.Column('attachment', sa.LargeBinary(), nullable=True),
        sa.Column('masked_recipient', sa.String(length=80), nullable=False),
        sa.Column('state', sa.String(length=8), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        sa.Column('transport_reference', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("channel IN ('email', 'sms', 'letter')", name=op.f('ck_outgoing_message_channel')),
        sa.CheckConstraint("state IN ('waiting', 'sending', 'sent', 'failed', 'stopped')",
                           name=op.f('ck_outgoing_message_state')),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_outgoing_message_consultation_id_consultation'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_message')),
        sa.UniqueConstraint('key', name=op.f('uq_outgoing_message_key')),
    )
    with op.batch_alter_table('outgoing_message') as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_message_consultation_id'), ['consultation_id'])
        batch_op.create_index(batch_op.f('ix_outgoing_message_state'), ['state'])
        batch_op.create_index(batch_op.f('ix_outgoing_message_next_attempt_at'), ['next_attempt_at'])
    with op.batch_alter_table('staff_user') as batch_op:
        batch_op.add_column(sa.Column('staff_alerts', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table('staff_user') as batch_op:
        batch_op.drop_column('staff_alerts')
    op.drop_table('outgoing_message')
