"""answers that ask for words ("Other, please specify") and headed groups of answers

``option.write_in``: choosing the answer asks for words in a box beside it; the words are stored on
the same answer row as the option id. ``option_group``: a heading over some of a question's answers
(the census ethnic-group question's five groups); the heading is a text block like any other, so it
is translated and has an easy-read version.

Revision ID: f3c9a6e2b8d1
Revises: e8b2c6d4a1f3
Create Date: 2026-12-07 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'f3c9a6e2b8d1'
down_revision = 'e8b2c6d4a1f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('option_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('heading_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['heading_id'], ['text_block.id'], name=op.f('fk_option_group_heading_id_text_block'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_option_group_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_option_group'))
    )
    with op.batch_alter_table('option_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_option_group_question_id'), ['question_id'], unique=False)
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.add_column(sa.Column('write_in', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_option_group_id'), ['group_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_option_group_id_option_group'), 'option_group',
                                    ['group_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_option_group_id_option_group'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_option_group_id'))
        batch_op.drop_column('group_id')
        batch_op.drop_column('write_in')
    with op.batch_alter_table('option_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_option_group_question_id'))
    op.drop_table('option_group')
