"""events in the room: drop-ins and meetings per consultation, the event a kiosk runs at, and the
event each response was given at; pre-filled hidden fields from the link (?ward=north), their allowed
values, and the values kept with drafts and responses (consult/events)

Revision ID: 5e8a1c3f9b27
Revises: d0c5a1e7f392
Create Date: 2026-12-08 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '5e8a1c3f9b27'
down_revision = 'd0c5a1e7f392'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('description_id', sa.Integer(), nullable=True),
    sa.Column('step_free', sa.Boolean(), nullable=False),
    sa.Column('hearing_loop', sa.Boolean(), nullable=False),
    sa.Column('bsl_interpreter', sa.Boolean(), nullable=False),
    sa.Column('parking', sa.Boolean(), nullable=False),
    sa.Column('accessible_toilet', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('drop_in', 'meeting')", name=op.f('ck_event_kind')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_event_ends_after_start')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_event_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['text_block.id'],
                            name=op.f('fk_event_place_id_text_block'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['description_id'], ['text_block.id'],
                            name=op.f('fk_event_description_id_text_block'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_starts_at'), ['starts_at'], unique=False)

    op.create_table('kiosk_event',
    sa.Column('kiosk_session_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_session_id'], ['kiosk_session.id'],
                            name=op.f('fk_kiosk_event_kiosk_session_id_kiosk_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                            name=op.f('fk_kiosk_event_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kiosk_session_id', name=op.f('pk_kiosk_event'))
    )
    with op.batch_alter_table('kiosk_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kiosk_event_event_id'), ['event_id'], unique=False)

    op.create_table('response_event',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'],
                            name=op.f('fk_response_event_response_id_response'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                            name=op.f('fk_response_event_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', name=op.f('pk_response_event'))
    )
    with op.batch_alter_table('response_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_event_event_id'), ['event_id'], unique=False)


    op.create_table('prefill_field',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_prefill_field_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prefill_field')),
    sa.UniqueConstraint('consultation_id', 'name', name='uq_prefill_field_consultation_name')
    )
    with op.batch_alter_table('prefill_field', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prefill_field_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('prefill_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['field_id'], ['prefill_field.id'],
                            name=op.f('fk_prefill_value_field_id_prefill_field'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prefill_value')),
    sa.UniqueConstraint('field_id', 'value', name='uq_prefill_value_field_value')
    )
    with op.batch_alter_table('prefill_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prefill_value_field_id'), ['field_id'], unique=False)

    for table, owner, owner_table in (('draft_prefill', 'draft_id', 'draft'),
                                      ('response_prefill', 'response_id', 'response')):
        op.create_table(table,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column('field_id', sa.Integer(), nullable=False),
        sa.Column('value_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([owner], [f'{owner_table}.id'],
                                name=op.f(f'fk_{table}_{owner}_{owner_table}'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['field_id'], ['prefill_field.id'],
                                name=op.f(f'fk_{table}_field_id_prefill_field'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['value_id'], ['prefill_value.id'],
                                name=op.f(f'fk_{table}_value_id_prefill_value'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint(owner, 'field_id', name=op.f(f'pk_{table}'))
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_value_id'), ['value_id'], unique=False)


def downgrade():
    op.drop_table('response_prefill')
    op.drop_table('draft_prefill')
    op.drop_table('prefill_value')
    op.drop_table('prefill_field')
    op.drop_table('response_event')
    op.drop_table('kiosk_event')
    op.drop_table('event')
