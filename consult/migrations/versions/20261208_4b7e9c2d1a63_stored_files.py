"""stored files: pictures and PDFs kept in the database (FILE_STORAGE=database)

Revision ID: 4b7e9c2d1a63
Revises: 5e4c1a7b9d20
Create Date: 2026-12-08 03:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '4b7e9c2d1a63'
down_revision = '5e4c1a7b9d20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_file',
    sa.Column('area', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('modified_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('area', 'name', name=op.f('pk_stored_file'))
    )


def downgrade():
    op.drop_table('stored_file')
