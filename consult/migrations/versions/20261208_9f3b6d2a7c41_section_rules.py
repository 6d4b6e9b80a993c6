"""section rules: "Only show this page if ..." on a section

A branching rule belongs to a question or to a section (exactly one); a section's rule is always
"ask". consult.branching applies it to each of the section's questions.

Revision ID: 9f3b6d2a7c41
Revises: 6c1d9a4e2b75
Create Date: 2026-12-07 06:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "9f3b6d2a7c41"
down_revision = "6c1d9a4e2b75"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("branch_rule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("section_id", sa.Integer(), nullable=True))
        batch_op.alter_column("question_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(batch_op.f("fk_branch_rule_section_id_section"), "section", ["section_id"], ["id"],
                                    ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_branch_rule_section_id"), ["section_id"], unique=False)
        batch_op.create_check_constraint(batch_op.f("ck_branch_rule_one_owner"), "(question_id IS NULL) <> (section_id IS NULL)")
        batch_op.create_check_constraint(batch_op.f("ck_branch_rule_section_ask"), "section_id IS NULL OR action = 'ask'")


def downgrade():
    op.execute("DELETE FROM branch_rule WHERE section_id IS NOT NULL")
    with op.batch_alter_table("branch_rule", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_branch_rule_section_ask"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_branch_rule_one_owner"), type_="check")
        batch_op.drop_index(batch_op.f("ix_branch_rule_section_id"))
        batch_op.drop_constraint(batch_op.f("fk_branch_rule_section_id_section"), type_="foreignkey")
        batch_op.alter_column("question_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("section_id")
