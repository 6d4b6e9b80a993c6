"""result counts: responses and answers counted ahead for the results (consult/results/counts.py)

Empty at first: each consultation's counts are built from its answers the first time its results are
shown without a filter (a background job), or at once by ``flask rebuild-counts``. ``segment`` 0 is
everyone; an option's id, the people who chose it (built the first time staff filter by it).

Revision ID: a4c7e2f9b153
Revises: 5e8b1c3d9a27
Create Date: 2026-12-10 06:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a4c7e2f9b153"
down_revision = "5e8b1c3d9a27"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "count_state",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("segment", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("plan", sa.String(length=64), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"],
                                name=op.f("fk_count_state_consultation_id_consultation"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("consultation_id", "segment", name=op.f("pk_count_state")),
    )
    op.create_table(
        "response_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("segment", sa.Integer(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("register", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"],
                                name=op.f("fk_response_count_consultation_id_consultation"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_count")),
        sa.UniqueConstraint("consultation_id", "segment", "hour", "channel", "language", "register",
                            name="uq_response_count_group"),
    )
    op.create_table(
        "answer_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("segment", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=True),
        sa.Column("statement_option_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=13, scale=3), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"],
                                name=op.f("fk_answer_count_consultation_id_consultation"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"],
                                name=op.f("fk_answer_count_question_id_question"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["option_id"], ["option.id"],
                                name=op.f("fk_answer_count_option_id_option"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["statement_option_id"], ["option.id"],
                                name=op.f("fk_answer_count_statement_option_id_option"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_count")),
        sa.UniqueConstraint("question_id", "segment", "key", name="uq_answer_count_key"),
    )
    op.create_index("ix_answer_count_consultation_segment", "answer_count", ["consultation_id", "segment"],
                    unique=False)


def downgrade():
    op.drop_index("ix_answer_count_consultation_segment", table_name="answer_count")
    op.drop_table("answer_count")
    op.drop_table("response_count")
    op.drop_table("count_state")
