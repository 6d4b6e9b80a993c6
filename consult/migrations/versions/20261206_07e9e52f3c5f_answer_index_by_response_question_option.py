"""answers indexed by (response, question, option), in place of by response alone

The results' branching and cross-tab checks ask "did this response choose one of these options for
that question?". With only an index on the response, PostgreSQL before its first ANALYZE (just after
a bulk load, until autovacuum comes round) rescanned every matching answer once per response instead:
over 20 s for a cross-tab of 10,000 responses. With the three columns each check is one index lookup,
whatever the statistics say. The index still leads with the response, so it serves the foreign key
and "a response's answers" as the old one did.

Revision ID: 07e9e52f3c5f
Revises: a3c91f0d7e24
Create Date: 2026-12-06 21:30:00

"""
from alembic import op

revision = '07e9e52f3c5f'
down_revision = 'a3c91f0d7e24'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index('ix_answer_response_question_option', ['response_id', 'question_id', 'option_id'],
                              unique=False)
        batch_op.drop_index('ix_answer_response_id')


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index('ix_answer_response_id', ['response_id'], unique=False)
        batch_op.drop_index('ix_answer_response_question_option')
