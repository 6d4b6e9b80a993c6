"""webhooks: addresses per consultation, and an outbox of signed deliveries to them

Revision ID: 7b3f9e2c4a18
Revises: e1f6a3c9b572
Create Date: 2026-12-08 05:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '7b3f9e2c4a18'
down_revision = 'e1f6a3c9b572'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'webhook',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=500), nullable=False),
        sa.Column('secret', sa.String(length=80), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_webhook_consultation_id_consultation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook')),
    )
    with op.batch_alter_table('webhook') as batch_op:
        batch_op.create_index(batch_op.f('ix_webhook_consultation_id'), ['consultation_id'])
    op.create_table(
        'webhook_delivery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('webhook_id', sa.Integer(), nullable=False),
        sa.Column('delivery_id', sa.String(length=40), nullable=False),
        sa.Column('event', sa.String(length=40), nullable=False),
        sa.Column('source', sa.String(length=120), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_at', sa.DateTime(), nullable=True),
        sa.Column('last_status', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.String(length=300), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('delivered_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("state IN ('waiting', 'sending', 'delivered', 'failed')",
                           name=op.f('ck_webhook_delivery_state')),
        sa.ForeignKeyConstraint(['webhook_id'], ['webhook.id'],
                                name=op.f('fk_webhook_delivery_webhook_id_webhook'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_delivery')),
        sa.UniqueConstraint('delivery_id', name=op.f('uq_webhook_delivery_delivery_id')),
        sa.UniqueConstraint('webhook_id', 'source', name=op.f('uq_webhook_delivery_webhook_id')),
    )
    with op.batch_alter_table('webhook_delivery') as batch_op:
        batch_op.create_index(batch_op.f('ix_webhook_delivery_webhook_id'), ['webhook_id'])
        batch_op.create_index(batch_op.f('ix_webhook_delivery_state'), ['state'])
        batch_op.create_index(batch_op.f('ix_webhook_delivery_next_attempt_at'), ['next_attempt_at'])


def downgrade():
    op.drop_table('webhook_delivery')
    op.drop_table('webhook')
