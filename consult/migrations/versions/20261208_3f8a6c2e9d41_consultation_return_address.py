"""a consultation's own return address for paper questionnaires, its Freepost line, and a phone number

Printed questionnaires end with where to post them. A consultation may give its own postal address
(several lines) and a Freepost line (then no stamp is needed); without one the organisation's
default return address is printed (consult/printing/return_address.py). Posters say how to take
part by phone when the consultation gives a number (consult/printing/poster.py).

Revision ID: 3f8a6c2e9d41
Revises: c2a9e4f71b38
Create Date: 2026-12-08 03:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = '3f8a6c2e9d41'
down_revision = 'c2a9e4f71b38'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_address', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('freepost', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('contact_phone')
        batch_op.drop_column('freepost')
        batch_op.drop_column('postal_address')
