"""staff accounts remember who they are at the organisation's identity provider (OpenID Connect)

Revision ID: a6d2e8f41c07
Revises: f3c9a6e2b8d1
Create Date: 2026-12-07 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a6d2e8f41c07'
down_revision = 'f3c9a6e2b8d1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('oidc_subject', sa.String(length=512), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_staff_user_oidc_subject'), ['oidc_subject'])


def downgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_staff_user_oidc_subject'), type_='unique')
        batch_op.drop_column('oidc_subject')
