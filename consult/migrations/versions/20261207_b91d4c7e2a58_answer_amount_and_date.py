"""answers with decimals, money and dates: an exact ``amount`` and a calendar ``date`` per answer row

A number with decimals or an amount of money goes into ``amount`` (numeric, 3 places: exact, never a
float; SQLite keeps it as a float that rounds back exactly, see consult.models._decimal), a date into
``date`` (a calendar date, no time zone). Text would hold them too, but results could not take a
minimum, a median or a count per month of text in SQL, and a spreadsheet would get words, not values.
The "every answer row holds a value" check now counts the two new columns.

Revision ID: b91d4c7e2a58
Revises: a6d2e8f41c07
Create Date: 2026-12-07 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b91d4c7e2a58'
down_revision = 'a6d2e8f41c07'
branch_labels = None
depends_on = None

OLD_VALUE = "option_id IS NOT NULL OR text IS NOT NULL OR number IS NOT NULL"
NEW_VALUE = OLD_VALUE + " OR amount IS NOT NULL OR date IS NOT NULL"


def upgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amount', sa.Numeric(precision=13, scale=3), nullable=True))
        batch_op.add_column(sa.Column('date', sa.Date(), nullable=True))
        batch_op.drop_constraint(batch_op.f('ck_answer_has_value'), type_='check')
        batch_op.create_check_constraint('has_value', NEW_VALUE)


def downgrade():
    op.execute("DELETE FROM answer WHERE option_id IS NULL AND text IS NULL AND number IS NULL")
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_answer_has_value'), type_='check')
        batch_op.create_check_constraint('has_value', OLD_VALUE)
        batch_op.drop_column('date')
        batch_op.drop_column('amount')
