"""consultation documents: files staff attach (PDF, DOCX, ODT), each with an optional easy-read version

Revision ID: d0c5a1e7f392
Revises: 7b3f9e2c4a18
Create Date: 2026-12-08 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd0c5a1e7f392'
down_revision = '7b3f9e2c4a18'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consultation_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('title_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('ref', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pdf_warnings', sa.String(length=100), nullable=False),
    sa.Column('easy_kind', sa.String(length=8), nullable=True),
    sa.Column('easy_ref', sa.String(length=100), nullable=True),
    sa.Column('easy_size', sa.Integer(), nullable=True),
    sa.Column('easy_pdf_warnings', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('pdf', 'docx', 'odt')", name=op.f('ck_consultation_document_kind')),
    sa.CheckConstraint("easy_kind IS NULL OR easy_kind IN ('pdf', 'docx', 'odt')",
                       name=op.f('ck_consultation_document_easy_kind')),
    sa.CheckConstraint('size >= 0', name=op.f('ck_consultation_document_size')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_consultation_document_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['title_id'], ['text_block.id'],
                            name=op.f('fk_consultation_document_title_id_text_block'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_document')),
    sa.UniqueConstraint('ref', name=op.f('uq_consultation_document_ref')),
    sa.UniqueConstraint('easy_ref', name=op.f('uq_consultation_document_easy_ref'))
    )
    with op.batch_alter_table('consultation_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_document_consultation_id'), ['consultation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('consultation_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_document_consultation_id'))
    op.drop_table('consultation_document')
