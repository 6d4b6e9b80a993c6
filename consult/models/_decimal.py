"""An exact decimal column that works the same on PostgreSQL and SQLite.

PostgreSQL's ``numeric`` keeps decimals exactly. SQLite has no decimal type: it keeps a number with a
fraction as a binary float, and SQLAlchemy warns when asked for Decimals back from one. A float holds
any number of up to 15 significant digits exactly enough to round back to it, so with at most 13
digits (10 before the point, 3 after: consult.questions._amount keeps every answer inside that) the
value read back, rounded to 3 places, is the value stored.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric
from sqlalchemy.types import TypeDecorator

PRECISION = 13
SCALE = 3
_STEP = Decimal(1).scaleb(-SCALE)


class ExactDecimal(TypeDecorator):
    impl = Numeric(PRECISION, SCALE)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            # Floats in and out (no warning); process_result_value makes the Decimal.
            return dialect.type_descriptor(Numeric(PRECISION, SCALE, asdecimal=False))
        return dialect.type_descriptor(Numeric(PRECISION, SCALE))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return Decimal(value).quantize(_STEP) if dialect.name != "sqlite" else float(Decimal(value))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return to_decimal(value)


def to_decimal(value) -> Decimal:
    """A stored number (Decimal, float or int, as each engine gives it) as a Decimal to SCALE places."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(_STEP)
