"""grid questions: options that are a grid's statements, and the statement each grid answer answers

A grid asks several statements on one scale. Its statements are options of kind "statement" (its
ordinary "answer" options are the scale's points), so they are translated, printed and exported like
every other option. A grid stores one answer row per statement: ``option_id`` is the point chosen and
``statement_option_id`` the statement, so results count points per statement in SQL.

Revision ID: e8b2c6d4a1f3
Revises: d5a7e31c9f20
Create Date: 2026-12-07 01:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e8b2c6d4a1f3'
down_revision = 'd5a7e31c9f20'
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('answer', 'none', 'prefer_not', 'dont_know')"
NEW_KINDS = "kind IN ('answer', 'none', 'prefer_not', 'dont_know', 'statement')"


def upgrade():
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_option_kind'), type_='check')
        batch_op.create_check_constraint('kind', NEW_KINDS)
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('statement_option_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_answer_statement_option_id_option'), 'option',
                                    ['statement_option_id'], ['id'], ondelete='CASCADE')


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_answer_statement_option_id_option'), type_='foreignkey')
        batch_op.drop_column('statement_option_id')
    op.execute("DELETE FROM option WHERE kind = 'statement'")
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_option_kind'), type_='check')
        batch_op.create_check_constraint('kind', OLD_KINDS)
