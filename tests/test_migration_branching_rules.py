"""The branching-rules migration keeps every existing "asked only after these answers" rule: each
question_condition becomes an "ask" rule with one "chosen" condition on the same answers."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from consult import create_app
from consult.extensions import db

BEFORE, AFTER = "9d3e5b1a7c64", "b7d2e4f81a36"


def _insert(connection, table_name: str, **given) -> int:
    """A row with ``given`` values and something plain in every other required column."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    values = dict(given)
    for column in table.columns:
        if column.name in values or column.nullable or column.primary_key or column.server_default is not None:
            continue
        kind = column.type.python_type if hasattr(column.type, "python_type") else str
        values[column.name] = {int: 0, bool: False, datetime: datetime(2026, 1, 1), dict: {}, list: []}.get(
            kind, f"{table_name}-{column.name}-{len(given)}")
    return connection.execute(table.insert().values(**values)).inserted_primary_key[0]


def test_existing_conditions_become_rules(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrate.db'}"
    app = create_app(SQLALCHEMY_DATABASE_URI=url, SECRET_KEY="test", INSTANCE_PATH=str(tmp_path / "instance"))
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            block = _insert(connection, "text_block")
            consultation = _insert(connection, "consultation", slug="old", title_id=block, summary_id=block,
                                   default_language="en", status="draft", estimated_minutes=5)
            first = _insert(connection, "question", consultation_id=consultation, position=1, kind="yes_no",
                            prompt_id=block, settings={})
            second = _insert(connection, "question", consultation_id=consultation, position=2, kind="short_text",
                             prompt_id=block, settings={})
            yes = _insert(connection, "option", question_id=first, position=1, kind="answer", value="yes", label_id=block)
            _insert(connection, "option", question_id=first, position=2, kind="answer", value="no", label_id=block)
            connection.execute(sa.text("INSERT INTO question_condition (question_id, option_id) VALUES (:q, :o)"),
                               {"q": second, "o": yes})
        upgrade(revision=AFTER)
        with db.engine.connect() as connection:
            rules = connection.execute(sa.text("SELECT question_id, action, match, target_id FROM branch_rule")).all()
            conditions = connection.execute(sa.text("SELECT source_id, test FROM branch_condition")).all()
            options = connection.execute(sa.text("SELECT option_id FROM branch_condition_option")).scalars().all()
            assert "question_condition" not in sa.inspect(connection).get_table_names()
        assert rules == [(second, "ask", "any", None)]
        assert conditions == [(first, "chosen")]
        assert options == [yes]
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT question_id, option_id FROM question_condition")).all() == \
                [(second, yes)]
