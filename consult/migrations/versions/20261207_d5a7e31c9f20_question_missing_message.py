"""a question's own message for when a required question is left empty, per language and register

Revision ID: d5a7e31c9f20
Revises: c4f81a2e9b37
Create Date: 2026-12-07 00:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd5a7e31c9f20'
down_revision = 'c4f81a2e9b37'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('missing_message_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_question_missing_message_id_text_block'), 'text_block',
                                    ['missing_message_id'], ['id'], ondelete='RESTRICT')


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_question_missing_message_id_text_block'), type_='foreignkey')
        batch_op.drop_column('missing_message_id')
