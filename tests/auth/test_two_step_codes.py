"""The rules of two-step sign-in, without pages: which codes are accepted, once; recovery codes; the QR code."""

from __future__ import annotations

import base64
import io

import pyotp
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select, update

from consult.auth import two_step
from consult.auth.services import create_staff
from consult.extensions import db
from consult.models import AuditEntry, StaffRecoveryCode, StaffUser

NOW = 1_780_000_000.0  # a fixed moment (2026), so the steps below are exact
STEP = 30


@pytest.fixture
def person(app):
    """A staff member in the middle of setting up, in an app context."""
    with app.app_context():
        staff = create_staff("someone@example.org", "a long enough password", "editor")
        two_step.start_setup(staff)
        db.session.commit()
        yield staff


def _code(staff, moment: float) -> str:
    return pyotp.TOTP(staff.totp_secret).at(moment)


@pytest.mark.parametrize("typed", ["123456", " 123 456 ", "123-456", "١٢٣٤٥٦", "۱۲۳۴۵۶"])
def test_codes_are_read_as_people_type_them(typed):
    assert two_step.read_code(typed) == "123456"


@pytest.mark.parametrize("typed", ["", None, "12345", "1234567", "12345a", "²³⁴⁵⁶⁷", "1" * 5000, "12\x0034"])
def test_anything_else_is_not_a_code(typed):
    assert two_step.read_code(typed) is None


@pytest.mark.parametrize("offset", [0, -STEP, STEP])
def test_the_code_of_this_step_and_of_the_steps_either_side_is_accepted(person, offset):
    assert two_step.check_code(person, _code(person, NOW + offset), now=NOW) == two_step.ACCEPTED


@pytest.mark.parametrize("offset", [-2 * STEP, 2 * STEP, 3600])
def test_codes_further_away_are_wrong(person, offset):
    assert two_step.check_code(person, _code(person, NOW + offset), now=NOW) == two_step.WRONG
    assert person.totp_last_step is None


def test_a_code_is_accepted_once(person):
    code = _code(person, NOW)
    assert two_step.check_code(person, code, now=NOW) == two_step.ACCEPTED
    # The same code again, a few seconds later while the app still shows it: refused.
    assert two_step.check_code(person, code, now=NOW + 5) == two_step.REUSED
    # An earlier step's code, still inside the window: refused too (RFC 6238, 5.2).
    assert two_step.check_code(person, _code(person, NOW - STEP), now=NOW) == two_step.REUSED
    # The next code the app shows is fine.
    assert two_step.check_code(person, _code(person, NOW + STEP), now=NOW + STEP) == two_step.ACCEPTED


def test_the_step_is_claimed_in_the_database_not_in_this_copy_of_the_account(person):
    code = _code(person, NOW)
    step = pyotp.TOTP(person.totp_secret).timecode(NOW)
    # Another request claims the step first; this request's copy of the account has not seen it.
    db.session.execute(update(StaffUser).where(StaffUser.id == person.id).values(totp_last_step=step)
                       .execution_options(synchronize_session=False))
    assert person.totp_last_step is None
    assert two_step.check_code(person, code, now=NOW) == two_step.REUSED


def _wrong_code(staff, moment: float) -> str:
    right = {_code(staff, moment + offset) for offset in (-STEP, 0, STEP)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def test_turning_on_needs_a_right_code_and_gives_ten_different_recovery_codes(person):
    assert two_step.finish_setup(person, _wrong_code(person, NOW), now=NOW) == (two_step.WRONG, [])
    assert two_step.finish_setup(person, "12345", now=NOW) == (two_step.BAD_FORMAT, [])
    assert not person.two_step_on
    result, codes = two_step.finish_setup(person, _code(person, NOW), now=NOW)
    db.session.commit()
    assert result == two_step.ACCEPTED and person.two_step_on
    assert len(codes) == 10 == len(set(codes))
    assert all(len(code) == 11 and code[5] == "-" for code in codes)
    stored = db.session.scalars(select(StaffRecoveryCode.code_hash)).all()
    assert len(stored) == 10
    assert not any(code.replace("-", "") in value or code in value for code in codes for value in stored)
    assert db.session.scalar(select(AuditEntry.action)) == "staff.two_step_on"
    with pytest.raises(ValueError):
        two_step.finish_setup(person, _code(person, NOW + STEP), now=NOW + STEP)


def test_each_recovery_code_works_once_however_it_is_typed(person):
    _, codes = two_step.finish_setup(person, _code(person, NOW), now=NOW)
    db.session.commit()
    first, second = codes[0], codes[1]
    assert two_step.use_recovery_code(person, first.lower().replace("-", " "))
    assert not two_step.use_recovery_code(person, first)
    assert two_step.use_recovery_code(person, second)
    assert two_step.recovery_codes_left(person) == 8
    assert not two_step.use_recovery_code(person, "ABCDE-FGHJK")
    assert not two_step.use_recovery_code(person, "")
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["staff.two_step_on", "staff.recovery_code_used", "staff.recovery_code_used"]


def test_a_recovery_code_belongs_to_one_account(app, person):
    _, codes = two_step.finish_setup(person, _code(person, NOW), now=NOW)
    other = create_staff("other@example.org", "a long enough password", "editor")
    two_step.start_setup(other)
    two_step.finish_setup(other, _code(other, NOW), now=NOW)
    assert not two_step.use_recovery_code(other, codes[0])
    assert two_step.use_recovery_code(person, codes[0])


def test_recovery_codes_are_keyed_with_the_secret_key(app, person):
    _, codes = two_step.finish_setup(person, _code(person, NOW), now=NOW)
    stored = two_step.hash_recovery_code(person.id, codes[0])
    app.config["SECRET_KEY"] = "another key"
    assert two_step.hash_recovery_code(person.id, codes[0]) != stored


def test_turning_off_forgets_the_secret_and_the_codes(person):
    two_step.finish_setup(person, _code(person, NOW), now=NOW)
    epoch = person.session_epoch
    assert two_step.turn_off(person, by=person)
    assert person.totp_secret is None and not person.two_step_on and person.totp_last_step is None
    assert db.session.scalar(select(StaffRecoveryCode.id)) is None
    assert person.session_epoch == epoch  # their own choice: they stay signed in
    assert not two_step.turn_off(person, by=person)


def test_setting_up_keeps_one_secret_until_it_is_finished(person):
    secret = person.totp_secret
    assert two_step.start_setup(person) == secret
    assert len(secret) == 32 and set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert two_step.grouped(secret) == [secret[i:i + 4] for i in range(0, 32, 4)]


def test_the_qr_code_holds_the_address_for_the_app(person):
    uri = two_step.setup_uri(person)
    assert uri.startswith("otpauth://totp/Consult:someone%40example.org?")
    assert f"secret={person.totp_secret}" in uri and "issuer=Consult" in uri
    data_uri = two_step.qr_data_uri(uri)
    assert data_uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
    found = zxingcpp.read_barcodes(image)
    assert [result.text for result in found] == [uri]
