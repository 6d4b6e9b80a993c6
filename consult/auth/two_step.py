"""Two-step sign-in for password accounts: a code from an authenticator app (TOTP, RFC 6238).

The rules:
- Setting up: a new secret is kept on the account (not yet on); the person scans its QR code or
  types it into their app, and proves it works by typing a code. Only then is two-step sign-in on,
  and they are shown 10 recovery codes, once.
- Codes: 6 digits, a new one every 30 seconds. The code of the step before and after the current
  one is accepted too (a phone's clock drifts; people type slowly). Once a code is accepted, no code
  of that step or an earlier one is accepted again (RFC 6238 section 5.2), so a code seen over
  someone's shoulder or caught on its way is useless. The step is claimed by one UPDATE that only
  succeeds if the stored step is older, so two requests with the same code at once cannot both win.
- Recovery codes: 10 characters from the unambiguous alphabet people already read codes in
  (consult/respond/codes.py), about 48 bits each, which no one guesses within the attempt limits.
  They are stored as an HMAC keyed with the app's SECRET_KEY (fast, and useless to someone who has
  a copy of the database but not the key); each signs in once. Changing SECRET_KEY makes the
  unused ones stop working: the person turns two-step sign-in off and on again for new ones (an
  admin can reset it for them).
- Guessing: code attempts are counted per account like passwords (consult/auth/attempts.py), on a
  count of their own with tighter limits (CODE_LIMIT), and per address by the views.

Functions change models and flush; the caller commits. No request, no rendering.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import secrets
import time
import unicodedata

import pyotp
import qrcode
from flask import current_app
from sqlalchemy import delete, func, or_, select, update

from consult.audit import record
from consult.auth.services import end_sessions
from consult.codes import READABLE_ALPHABET
from consult.extensions import db
from consult.models import StaffRecoveryCode, StaffUser
from consult.models._time import utcnow

ISSUER = "Consult"
CODE_DIGITS = 6
# Steps either side of now that are still accepted: one, as most services allow.
VALID_WINDOW = 1
RECOVERY_CODES = 10
RECOVERY_CODE_LENGTH = 10
# Per account (attempts.count_attempt) and per address (the views): 3 codes in a million are right at
# any moment, so at most 60 guesses a day give a stranger who has the password well under one chance
# in 5,000 a day. The owner, typing a code wrong now and then, never meets them.
CODE_LIMIT = "5 per minute; 20 per hour; 60 per day"
# Longer than anyone typing a code or a recovery code needs; longer input is refused unread.
LONGEST_TYPED = 40

# What checking a code found.
ACCEPTED = "accepted"
WRONG = "wrong"
REUSED = "reused"
BAD_FORMAT = "bad_format"


# Setting up --------------------------------------------------------------------------------------


def is_required_for(staff: StaffUser) -> bool:
    """TWO_FACTOR_REQUIRED makes it compulsory for admins."""
    return bool(current_app.config.get("TWO_FACTOR_REQUIRED")) and staff.role == "admin"


def start_setup(staff: StaffUser) -> str:
    """A secret for the person's app; the same one until they finish, so a scanned code stays right."""
    if staff.two_step_on:
        raise ValueError("two-step sign-in is already on")
    if not staff.totp_secret:
        staff.totp_secret = pyotp.random_base32()  # 160 bits, as RFC 4226 recommends
        staff.totp_last_step = None
        db.session.flush()
    return staff.totp_secret


def setup_uri(staff: StaffUser) -> str:
    """The otpauth:// address the QR code holds: the app names the account "Consult: their email"."""
    return pyotp.TOTP(staff.totp_secret).provisioning_uri(name=staff.email, issuer_name=ISSUER)


def grouped(secret: str) -> list[str]:
    """The secret in groups of four, as people read and type it."""
    return [secret[i:i + 4] for i in range(0, len(secret), 4)]


def qr_data_uri(text: str) -> str:
    """A QR code for ``text`` as a PNG data: URI (the Content-Security-Policy allows data: images).

    Low error correction keeps the code small enough to scan from a phone held to a screen; a screen
    is never creased or scuffed like a printed poster.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_L, box_size=6, border=4)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def finish_setup(staff: StaffUser, typed: str, now: float | None = None) -> tuple[str, list[str]]:
    """Check the first code; if it is right, turn two-step sign-in on and return (ACCEPTED, recovery codes).

    Otherwise (BAD_FORMAT, WRONG or REUSED, []). Turning it on ends the person's other sessions: one
    opened with a stolen password should not outlive the new protection. The caller signs this one in again.
    """
    if staff.two_step_on or not staff.totp_secret:
        raise ValueError("two-step sign-in is not being set up")
    result = check_code(staff, typed, now)
    if result != ACCEPTED:
        return result, []
    staff.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(staff)
    end_sessions(staff)
    record("staff.two_step_on", "staff", staff.id, staff.email, staff=staff)
    db.session.flush()
    return ACCEPTED, codes


def turn_off(staff: StaffUser, by: StaffUser) -> bool:
    """True if it was on (or being set up). ``by`` is the person themselves, or an admin resetting it."""
    if not staff.totp_secret and not staff.totp_enabled_at:
        return False
    was_on = staff.two_step_on
    staff.totp_secret = None
    staff.totp_enabled_at = None
    staff.totp_last_step = None
    db.session.execute(delete(StaffRecoveryCode).where(StaffRecoveryCode.staff_id == staff.id))
    if was_on and by.id == staff.id:
        record("staff.two_step_off", "staff", staff.id, staff.email, staff=by)
    elif was_on:
        # Someone who lost their phone: they sign in again with their password, and set it up anew.
        end_sessions(staff)
        record("staff.two_step_reset", "staff", staff.id, staff.email, staff=by)
    db.session.flush()
    return was_on


# Checking codes ----------------------------------------------------------------------------------


def read_code(typed: str | None) -> str | None:
    """The 6 digits in what people type ("123 456", "123-456", Arabic-Indic digits), or None."""
    typed = (typed or "")[:LONGEST_TYPED]
    kept = [char for char in typed if not char.isspace() and char not in "-‐‑–"]
    if len(kept) != CODE_DIGITS or not all(char.isdecimal() for char in kept):
        return None
    return "".join(str(unicodedata.decimal(char)) for char in kept)


def check_code(staff: StaffUser, typed: str | None, now: float | None = None) -> str:
    """ACCEPTED (and the code's step is used up), BAD_FORMAT, WRONG or REUSED."""
    code = read_code(typed)
    if code is None:
        return BAD_FORMAT
    step = matching_step(staff.totp_secret, code, time.time() if now is None else now)
    if step is None:
        return WRONG
    return ACCEPTED if _claim_step(staff, step) else REUSED


def matching_step(secret: str, code: str, now: float) -> int | None:
    """The time step whose code ``code`` is, within VALID_WINDOW steps of ``now``; None if none."""
    totp = pyotp.TOTP(secret, digits=CODE_DIGITS)
    current = totp.timecode(now)
    found = None
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        # Every step is compared, in constant time, so the time taken says nothing about which matched.
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def _claim_step(staff: StaffUser, step: int) -> bool:
    """Record ``step`` as the last one used, unless it (or a later one) already was. One statement."""
    claimed = db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == staff.id, or_(StaffUser.totp_last_step.is_(None), StaffUser.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    db.session.refresh(staff, ["totp_last_step"])
    return claimed


# Recovery codes ----------------------------------------------------------------------------------


def normalise_recovery_code(typed: str | None) -> str:
    """Letters and digits only, in capitals: "abcde 23456" and "ABCDE-23456" are the same code."""
    return "".join(char for char in (typed or "")[:LONGEST_TYPED].upper() if char.isascii() and char.isalnum())


def hash_recovery_code(staff_id: int, code: str) -> str:
    key = hmac.new(current_app.config["SECRET_KEY"].encode("utf-8"), b"consult.auth.recovery-code",
                   hashlib.sha256).digest()
    return hmac.new(key, f"{staff_id}:{normalise_recovery_code(code)}".encode(), hashlib.sha256).hexdigest()


def _new_recovery_codes(staff: StaffUser) -> list[str]:
    """RECOVERY_CODES new codes (the old ones stop working), as shown to the person: "ABCDE-23456"."""
    db.session.execute(delete(StaffRecoveryCode).where(StaffRecoveryCode.staff_id == staff.id))
    codes = []
    while len(codes) < RECOVERY_CODES:
        code = "".join(secrets.choice(READABLE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        if code not in codes:
            codes.append(code)
    db.session.add_all(StaffRecoveryCode(staff_id=staff.id, code_hash=hash_recovery_code(staff.id, code))
                       for code in codes)
    half = RECOVERY_CODE_LENGTH // 2
    return [f"{code[:half]}-{code[half:]}" for code in codes]


def use_recovery_code(staff: StaffUser, typed: str | None) -> bool:
    """True, and the code is used up, if it is one of this person's unused codes. One statement."""
    if len(normalise_recovery_code(typed)) != RECOVERY_CODE_LENGTH:
        return False
    used = db.session.execute(
        update(StaffRecoveryCode)
        .where(StaffRecoveryCode.staff_id == staff.id,
               StaffRecoveryCode.code_hash == hash_recovery_code(staff.id, typed),
               StaffRecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    if used:
        record("staff.recovery_code_used", "staff", staff.id, staff.email, staff=staff)
        db.session.flush()
    return used


def record_refused_code(staff: StaffUser) -> None:
    """A wrong or used code after the right password: the password may be known to someone else.

    Logged for admins (at most CODE_LIMIT a day per account), under the account it was tried on.
    """
    record("staff.sign_in_code_refused", "staff", staff.id, staff.email, staff=staff)


def recovery_codes_left(staff: StaffUser) -> int:
    return db.session.scalar(
        select(func.count()).select_from(StaffRecoveryCode)
        .where(StaffRecoveryCode.staff_id == staff.id, StaffRecoveryCode.used_at.is_(None))
    ) or 0
