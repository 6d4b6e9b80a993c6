"""organisation settings: name, logo, brand colour, footer links and return address

One row at most (id 1), edited by admins (consult/organisation.py).

Revision ID: a4c7e9b2d613
Revises: 9d3e5b1a7c64
Create Date: 2026-12-08 03:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a4c7e9b2d613'
down_revision = '9d3e5b1a7c64'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisation_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('logo_ref', sa.String(length=255), nullable=True),
    sa.Column('logo_alt', sa.String(length=250), nullable=True),
    sa.Column('brand_colour', sa.String(length=7), nullable=True),
    sa.Column('footer_links', sa.JSON(), nullable=True),
    sa.Column('return_address', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_organisation_settings_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_settings'))
    )


def downgrade():
    op.drop_table('organisation_settings')
