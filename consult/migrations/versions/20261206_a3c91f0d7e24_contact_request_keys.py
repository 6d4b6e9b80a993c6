"""contact requests are named by a random key, not by an id that counts up

Revision ID: a3c91f0d7e24
Revises: 0158335e3f8f
Create Date: 2026-12-06 21:30:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = 'a3c91f0d7e24'
down_revision = '0158335e3f8f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contact_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=32), nullable=True))
    connection = op.get_bind()
    table = sa.table('contact_request', sa.column('id', sa.Integer), sa.column('key', sa.String))
    for (request_id,) in connection.execute(sa.select(table.c.id)).all():
        connection.execute(table.update().where(table.c.id == request_id).values(key=secrets.token_urlsafe(12)))
    with op.batch_alter_table('contact_request', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_contact_request_key'), ['key'])


def downgrade():
    with op.batch_alter_table('contact_request', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_contact_request_key'), type_='unique')
        batch_op.drop_column('key')
