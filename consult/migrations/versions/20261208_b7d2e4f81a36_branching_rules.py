"""branching rules: any/all conditions, comparisons, skip to, end, exit

Each question's "asked only if an earlier answer is one of these" (question_condition) becomes a rule
"ask" with one condition "chosen" on the same options; then question_condition goes.

Revision ID: b7d2e4f81a36
Revises: a4c7e9b2d613
Create Date: 2026-12-08 03:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = "b7d2e4f81a36"
down_revision = 'a4c7e9b2d613'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "branch_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("match", sa.String(length=8), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("exit_text_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("action IN ('ask', 'skip', 'end', 'exit')", name=op.f("ck_branch_rule_action")),
        sa.CheckConstraint("match IN ('any', 'all')", name=op.f("ck_branch_rule_match")),
        sa.CheckConstraint("(action = 'skip') = (target_id IS NOT NULL)", name=op.f("ck_branch_rule_skip_target")),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"], name=op.f("fk_branch_rule_question_id_question"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["target_id"], ["question.id"], name=op.f("fk_branch_rule_target_id_question"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["exit_text_id"], ["text_block.id"],
                                name=op.f("fk_branch_rule_exit_text_id_text_block"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branch_rule")),
    )
    with op.batch_alter_table("branch_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_branch_rule_question_id"), ["question_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_branch_rule_target_id"), ["target_id"], unique=False)

    op.create_table(
        "branch_condition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("test", sa.String(length=16), nullable=False),
        sa.Column("low", sa.String(length=40), nullable=True),
        sa.Column("high", sa.String(length=40), nullable=True),
        sa.CheckConstraint("test IN ('chosen', 'not_chosen', 'more', 'less', 'between', 'answered', 'skipped')",
                           name=op.f("ck_branch_condition_test")),
        sa.ForeignKeyConstraint(["rule_id"], ["branch_rule.id"], name=op.f("fk_branch_condition_rule_id_branch_rule"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["question.id"], name=op.f("fk_branch_condition_source_id_question"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branch_condition")),
    )
    with op.batch_alter_table("branch_condition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_branch_condition_rule_id"), ["rule_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_branch_condition_source_id"), ["source_id"], unique=False)

    op.create_table(
        "branch_condition_option",
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["condition_id"], ["branch_condition.id"],
                                name=op.f("fk_branch_condition_option_condition_id_branch_condition"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["option_id"], ["option.id"], name=op.f("fk_branch_condition_option_option_id_option"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("condition_id", "option_id", name=op.f("pk_branch_condition_option")),
    )
    with op.batch_alter_table("branch_condition_option", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_branch_condition_option_option_id"), ["option_id"], unique=False)

    _move_conditions()
    op.drop_table("question_condition")


def _move_conditions():
    """One "ask" rule with one "chosen" condition per question that had answers to be asked after."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT qc.question_id, qc.option_id, o.question_id FROM question_condition qc "
        "JOIN option o ON o.id = qc.option_id ORDER BY qc.question_id, o.position")).all()
    by_question: dict[int, tuple[int, list[int]]] = {}
    for question_id, option_id, source_id in rows:
        # The old rule took its source from the first option; options of another question never counted.
        source, options = by_question.setdefault(question_id, (source_id, []))
        if source_id == source:
            options.append(option_id)
    rule = sa.table("branch_rule", sa.column("id"), sa.column("question_id"), sa.column("position"),
                    sa.column("action"), sa.column("match"))
    condition = sa.table("branch_condition", sa.column("id"), sa.column("rule_id"), sa.column("position"),
                         sa.column("source_id"), sa.column("test"))
    chosen = sa.table("branch_condition_option", sa.column("condition_id"), sa.column("option_id"))
    for number, (question_id, (source_id, options)) in enumerate(sorted(by_question.items()), start=1):
        # Ids given here (a fresh table), so the same code runs on SQLite and PostgreSQL without RETURNING.
        bind.execute(rule.insert().values(id=number, question_id=question_id, position=0, action="ask", match="any"))
        bind.execute(condition.insert().values(id=number, rule_id=number, position=0, source_id=source_id,
                                               test="chosen"))
        bind.execute(chosen.insert(), [{"condition_id": number, "option_id": option} for option in options])
    if by_question and bind.dialect.name == "postgresql":
        # Later rules take ids from the sequences, which must start after the ones given here.
        for table in ("branch_rule", "branch_condition"):
            bind.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"(SELECT MAX(id) FROM {table}))"))


def downgrade():
    op.create_table(
        "question_condition",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["option_id"], ["option.id"], name=op.f("fk_question_condition_option_id_option"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"],
                                name=op.f("fk_question_condition_question_id_question"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("question_id", "option_id", name=op.f("pk_question_condition")),
    )
    # Only what the old table can say: an "ask" rule's "chosen" options (the first condition's).
    op.execute(
        "INSERT INTO question_condition (question_id, option_id) "
        "SELECT r.question_id, co.option_id FROM branch_rule r "
        "JOIN branch_condition c ON c.rule_id = r.id AND c.position = 0 AND c.test = 'chosen' "
        "JOIN branch_condition_option co ON co.condition_id = c.id "
        "WHERE r.action = 'ask'")
    op.drop_table("branch_condition_option")
    op.drop_table("branch_condition")
    op.drop_table("branch_rule")
