"""Events in the room: drop-ins and meetings staff list on the start page and posters (consult/events);
and pre-filled, hidden fields that arrive with the link (``?ward=north`` on a ward's QR code).

A kiosk can run "at an event" (``KioskEvent``) and each response sent on it remembers the event
(``ResponseEvent``). Both are link tables, so the kiosk and response tables stay as they are.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow

EVENT_KINDS = ("drop_in", "meeting")
# The access a venue offers: one yes/no column each, named as in consult/events/access.py.
ACCESS_FLAGS = ("step_free", "hearing_loop", "bsl_interpreter", "parking", "accessible_toilet")


class Event(db.Model):
    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("kind IN ('drop_in', 'meeting')", name="kind"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="drop_in")
    # Naive UTC, like every stored time; shown in local time (consult/times.py).
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    # Consultation texts (translated like the rest: consult.models.content).
    place_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    description_id: Mapped[int | None] = mapped_column(ForeignKey("text_block.id", ondelete="SET NULL"))
    step_free: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    bsl_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    parking: Mapped[bool] = mapped_column(Boolean, default=False)
    accessible_toilet: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def access(self) -> list[str]:
        """The access flags this venue has, in the fixed order of ACCESS_FLAGS."""
        return [flag for flag in ACCESS_FLAGS if getattr(self, flag)]


class KioskEvent(db.Model):
    """The event a kiosk session runs at (at most one)."""

    __tablename__ = "kiosk_event"

    kiosk_session_id: Mapped[int] = mapped_column(ForeignKey("kiosk_session.id", ondelete="CASCADE"),
                                                  primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)


class ResponseEvent(db.Model):
    """The event a response was given at (taken on a kiosk running there)."""

    __tablename__ = "response_event"

    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)


# Pre-filled, hidden fields from the link (?ward=north) ---------------------------------------------


class PrefillField(db.Model):
    """A name staff declare for a consultation's links (``ward``), with the values it may take."""

    __tablename__ = "prefill_field"
    __table_args__ = (UniqueConstraint("consultation_id", "name", name="uq_prefill_field_consultation_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    # Lowercase letters, digits and underscores (consult/events/prefill.py checks): safe in an address.
    name: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))

    values: Mapped[list[PrefillValue]] = relationship(
        back_populates="field", cascade="all, delete-orphan", passive_deletes=True, order_by="PrefillValue.id")


class PrefillValue(db.Model):
    __tablename__ = "prefill_value"
    __table_args__ = (UniqueConstraint("field_id", "value", name="uq_prefill_value_field_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("prefill_field.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))

    field: Mapped[PrefillField] = relationship(back_populates="values")


class DraftPrefill(db.Model):
    """A value from the link the resident arrived by, kept with their answers in progress."""

    __tablename__ = "draft_prefill"

    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("prefill_field.id", ondelete="CASCADE"), primary_key=True)
    value_id: Mapped[int] = mapped_column(ForeignKey("prefill_value.id", ondelete="CASCADE"), index=True)


class ResponsePrefill(db.Model):
    """The same value, stored with the sent response: results filter and export by it."""

    __tablename__ = "response_prefill"

    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("prefill_field.id", ondelete="CASCADE"), primary_key=True)
    value_id: Mapped[int] = mapped_column(ForeignKey("prefill_value.id", ondelete="CASCADE"), index=True)
