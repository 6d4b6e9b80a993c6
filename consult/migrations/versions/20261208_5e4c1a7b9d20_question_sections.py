"""sections: several questions on one page

``section``: a title (a text block, translated like any other) for a run of consecutive questions
that residents answer on one page. ``question.section_id``: the section a question is in; NULL keeps
the default of one question per page. Deleting a section leaves its questions in place.

Revision ID: 5e4c1a7b9d20
Revises: b7d2e4f81a36
Create Date: 2026-12-08 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '5e4c1a7b9d20'
down_revision = 'b7d2e4f81a36'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('title_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_section_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['title_id'], ['text_block.id'], name=op.f('fk_section_title_id_text_block'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_section'))
    )
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_consultation_id'), ['consultation_id'], unique=False)
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('section_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_question_section_id'), ['section_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_question_section_id_section'), 'section',
                                    ['section_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_question_section_id_section'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_question_section_id'))
        batch_op.drop_column('section_id')
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_consultation_id'))
    op.drop_table('section')
