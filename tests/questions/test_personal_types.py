"""Email, UK phone number, postcode and address: every rule, every message, how answers are kept,
and what they say about themselves to results and to paper."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from consult.questions import REGISTRY
from consult.questions.address import decode, encode
from consult.questions.base import PRINT_FIELDS, TEXT, AnswerRow
from consult.questions.phone import uk_written

PERSONAL = ("email", "phone", "postcode", "address")


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def question(kind: str, required: bool = True):
    return SimpleNamespace(id=7, required=required, settings={}, kind=kind)


def check(kind: str, *raw, required: bool = True):
    return REGISTRY[kind].check(question(kind, required), list(raw))


def stored(kind: str, value):
    """The value after a trip through its answer rows."""
    qtype, q = REGISTRY[kind], question(kind)
    rows = qtype.rows(q, value)
    assert len(rows) == 1 and all(isinstance(row, AnswerRow) and row.text for row in rows)
    return qtype.value_from_rows(q, rows)


# -- what every one of them declares ------------------------------------------------------------------

def test_they_are_personal_data_and_nothing_else_is():
    assert {key for key, qtype in REGISTRY.items() if qtype.personal_data} >= set(PERSONAL)
    for key in ("short_text", "long_text", "number", "single_choice"):
        assert REGISTRY[key].personal_data is False
    for key in PERSONAL:
        qtype = REGISTRY[key]
        # Counted as text answers, never read or tagged as opinions, written in labelled spaces on paper.
        assert qtype.results_shape == TEXT and not qtype.free_text and qtype.print_area == PRINT_FIELDS


@pytest.mark.parametrize("kind", PERSONAL)
def test_an_optional_question_left_empty_is_no_answer(ctx, kind):
    blank = ["  ", "", "\t", "", ""] if kind == "address" else ["  \t "]
    parsed = check(kind, *blank, required=False)
    assert parsed.value is None and parsed.error is None


@pytest.mark.parametrize("kind, message", [
    ("email", "Enter an email address"), ("phone", "Enter a phone number"), ("postcode", "Enter a postcode"),
    ("address", "Enter an address")])
def test_a_required_question_left_empty(ctx, kind, message):
    assert check(kind).error == message


# -- email -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, kept", [
    ("name@example.com", "name@example.com"),
    ("  Sam.Jones@Example.ORG ", "Sam.Jones@example.org"),  # the domain in small letters, the rest as typed
    ("first.last+consult@sub.council.gov.uk", "first.last+consult@sub.council.gov.uk"),
    ("o'brien@example.co.uk", "o'brien@example.co.uk"),
    ("dewi@caffi.cymru", "dewi@caffi.cymru"),
    ("dewi@café.cymru", "dewi@café.cymru"),  # an internationalised domain
    ("name@example.com\u200b", "name@example.com"),  # an invisible space pasted with it
])
def test_email_addresses_that_pass(ctx, typed, kept):
    parsed = check("email", typed)
    assert parsed.error is None and parsed.value == kept
    assert stored("email", parsed.value) == kept


@pytest.mark.parametrize("typed", [
    "name", "name@", "@example.com", "name@example", "name@@example.com", "na me@example.com",
    "name@example..com", ".name@example.com", "name.@example.com", "na..me@example.com", "name@-example.com",
    "name@example.com.", "name@example.c", "name@example.123", "name@exa_mple.com", "name(at)example.com",
    "name@example.com, other@example.com", "\u0000name@example.com" + "\u0000x y",
    "a" * 65 + "@example.com",
])
def test_email_addresses_that_do_not(ctx, typed):
    assert check("email", typed).error == "Enter an email address in the correct format, like name@example.com"


def test_an_email_address_too_long_to_be_one(ctx):
    long_one = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".com"
    assert check("email", long_one).error == "Email address must be 254 characters or fewer"


# -- phone -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, kept, shown", [
    ("07700 900982", "+447700900982", "07700 900982"),
    ("07700900982", "+447700900982", "07700 900982"),
    ("+44 7700 900982", "+447700900982", "07700 900982"),
    ("+44 (0)7700 900 982", "+447700900982", "07700 900982"),
    ("0044 7700 900982", "+447700900982", "07700 900982"),
    ("447700900982", "+447700900982", "07700 900982"),
    ("07700-900-982", "+447700900982", "07700 900982"),
    ("(01632) 960 001", "+441632960001", "01632 960001"),
    ("020 7946 0000", "+442079460000", "020 7946 0000"),
    ("+44 20 7946 0000", "+442079460000", "020 7946 0000"),
    ("0121 496 0000", "+441214960000", "0121 496 0000"),
    ("0113 496 0000", "+441134960000", "0113 496 0000"),
    ("0300 123 4567", "+443001234567", "0300 123 4567"),
    ("0800 123456", "+44800123456", "0800 123456"),
    ("٠٧٧٠٠ ٩٠٠٩٨٢", "+447700900982", "07700 900982"),  # digits from an Arabic keyboard
])
def test_phone_numbers_that_pass_are_kept_one_way(ctx, typed, kept, shown):
    parsed = check("phone", typed)
    assert parsed.error is None and parsed.value == kept
    assert stored("phone", kept) == kept
    assert REGISTRY["phone"].display(question("phone"), kept, None) == [shown]


@pytest.mark.parametrize("typed, message", [
    ("07700 9OO982", "Enter a phone number using only numbers, spaces, brackets and +44, like 01632 960 001"),
    ("call me on 07700 900982", "Enter a phone number using only numbers, spaces, brackets and +44, like 01632 960 001"),
    ("07700 900982 ext 4", "Enter a phone number using only numbers, spaces, brackets and +44, like 01632 960 001"),
    ("07700 + 900982", "Enter a phone number using only numbers, spaces, brackets and +44, like 01632 960 001"),
    ("+33 1 23 45 67 89", "Enter a UK phone number, starting with 0 or +44"),
    ("0033 1 23 45 67 89", "Enter a UK phone number, starting with 0 or +44"),
    ("7700 900982", "Enter a UK phone number, starting with 0 or +44"),
    ("07700 9009", "Phone number is too short. Enter the full number with the area code, like 01632 960 001"),
    ("960 001", "Enter a UK phone number, starting with 0 or +44"),
    ("0", "Phone number is too short. Enter the full number with the area code, like 01632 960 001"),
    ("+44", "Phone number is too short. Enter the full number with the area code, like 01632 960 001"),
    ("077009009821", "Phone number is too long. Enter a UK phone number, like 01632 960 001 or 07700 900 982"),
    ("0" + "7" * 60, "Phone number is too long. Enter a UK phone number, like 01632 960 001 or 07700 900 982"),
    ("04700 900982", "Enter a real UK phone number, like 01632 960 001 or 07700 900 982"),
    ("06700 900982", "Enter a real UK phone number, like 01632 960 001 or 07700 900 982"),
])
def test_phone_numbers_that_do_not_pass_say_why(ctx, typed, message):
    assert check("phone", typed).error == message


def test_phone_numbers_written_back_the_uk_way():
    assert uk_written("+441697723456") == "01697 723456"
    assert uk_written("+449012345678") == "0901 234 5678"
    assert uk_written("not ours") == "not ours"


# -- postcode ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, kept", [
    ("sw1a1aa", "SW1A 1AA"), ("SW1A 1AA", "SW1A 1AA"), (" sw1a  1aa ", "SW1A 1AA"), ("Sw1A\u00a01aA", "SW1A 1AA"),
    ("M1 1AE", "M1 1AE"), ("B33 8TH", "B33 8TH"), ("CR2 6XH", "CR2 6XH"), ("DN55 1PT", "DN55 1PT"),
    ("W1A 0AX", "W1A 0AX"), ("EC1A 1BB", "EC1A 1BB"), ("cf10 1aa", "CF10 1AA"), ("LL57 2DG", "LL57 2DG"),
    ("BT1 5GS", "BT1 5GS"), ("GIR 0AA", "GIR 0AA"), ("s w 1 a 1 a a", "SW1A 1AA"),
])
def test_postcodes_are_kept_in_capitals_with_one_space(ctx, typed, kept):
    parsed = check("postcode", typed)
    assert parsed.error is None and parsed.value == kept
    assert stored("postcode", kept) == kept


@pytest.mark.parametrize("typed, message", [
    ("SW1A-1AA", "Postcode must only include letters a to z, numbers and spaces"),
    ("SW1A 1AA!", "Postcode must only include letters a to z, numbers and spaces"),
    ("ŴW1 1AA", "Postcode must only include letters a to z, numbers and spaces"),
    ("SW1A", "Enter a full UK postcode, like SW1A 1AA"),
    ("1AA", "Enter a full UK postcode, like SW1A 1AA"),
    ("SW1A 1A", "Enter a full UK postcode, like SW1A 1AA"),
    ("QW1 1AA", "Enter a full UK postcode, like SW1A 1AA"),  # no area starts with Q
    ("SW1A 1CA", "Enter a full UK postcode, like SW1A 1AA"),  # C is never in the last two letters
    ("12345", "Enter a full UK postcode, like SW1A 1AA"),
    ("X" * 40, "Enter a full UK postcode, like SW1A 1AA"),
])
def test_postcodes_that_do_not_pass_say_why(ctx, typed, message):
    assert check("postcode", typed).error == message


# -- address -----------------------------------------------------------------------------------------

def address(line1="", line2="", town="", county="", postcode=""):
    return [line1, line2, town, county, postcode]


def test_an_address_is_read_from_its_five_fields_by_name(ctx):
    qtype, q = REGISTRY["address"], question("address")
    form = MultiDict({"q7-line1": "1 High St", "q7-town": "Cardiff", "q7-postcode": "cf101aa", "q7": "ignored"})
    assert qtype.read(q, form) == ["1 High St", "", "Cardiff", "", "cf101aa"]
    assert [qtype.part_id(q, part) for part in qtype.parts] == ["q7-line1", "q7-line2", "q7-town", "q7-county",
                                                                 "q7-postcode"]


def test_a_full_address_is_cleaned_and_its_postcode_normalised(ctx):
    parsed = check("address", *address("  Flat 2,  14 High Street ", "Canton", "Cardiff", "South Glamorgan",
                                        "cf10 1aa"))
    assert parsed.error is None
    assert parsed.value == {"line1": "Flat 2, 14 High Street", "line2": "Canton", "town": "Cardiff",
                            "county": "South Glamorgan", "postcode": "CF10 1AA"}


def test_the_optional_lines_may_be_left_out(ctx):
    parsed = check("address", *address("14 High Street", "", "Cardiff", "", "CF10 1AA"))
    assert parsed.value == {"line1": "14 High Street", "town": "Cardiff", "postcode": "CF10 1AA"}


@pytest.mark.parametrize("sent, fault, message", [
    (address("", "", "Cardiff", "", "CF10 1AA"), "line1", "Enter address line 1, typically the building and street"),
    (address("14 High Street", "", "", "", "CF10 1AA"), "town", "Enter town or city"),
    (address("14 High Street", "", "Cardiff", "", ""), "postcode", "Enter postcode"),
    (address("14 High Street", "", "Cardiff", "", "CF10"), "postcode", "Enter a full UK postcode, like SW1A 1AA"),
    (address("14 High Street", "", "Cardiff", "", "CF10 1AA?"), "postcode",
     "Postcode must only include letters a to z, numbers and spaces"),
    (address("x" * 101, "", "Cardiff", "", "CF10 1AA"), "line1", "Address line 1 must be 100 characters or fewer"),
    (address("14 High Street", "x" * 101, "Cardiff", "", "CF10 1AA"), "line2",
     "Address line 2 must be 100 characters or fewer"),
    (address("14 High Street", "", "x" * 101, "", "CF10 1AA"), "town", "Town or city must be 100 characters or fewer"),
    (address("14 High Street", "", "Cardiff", "x" * 101, "CF10 1AA"), "county",
     "County must be 100 characters or fewer"),
    # Only the county filled in: the address has begun, so the fields it needs are asked for, first first.
    (address("", "", "", "Powys", ""), "line1", "Enter address line 1, typically the building and street"),
])
def test_an_address_names_the_field_at_fault(ctx, sent, fault, message):
    qtype, q = REGISTRY["address"], question("address")
    for required in (True, False):
        assert check("address", *sent, required=required).error == message
    assert qtype.part_at_fault(q, sent) == fault
    assert qtype.error_input_id(q, sent) == f"q7-{fault}"


def test_an_address_left_empty_is_about_the_whole_question(ctx):
    qtype, q = REGISTRY["address"], question("address")
    assert qtype.part_at_fault(q, address()) is None
    assert qtype.error_input_id(q, address()) == "q7-line1" == qtype.input_id(q)
    assert qtype.error_input_id(q, []) == "q7-line1"


def test_an_address_is_one_row_of_named_parts_and_comes_back_the_same(ctx):
    value = {"line1": "Flat 2, 14 High Street", "town": "Caerdydd", "county": "De Morgannwg", "postcode": "CF10 1AA"}
    qtype, q = REGISTRY["address"], question("address")
    [row] = qtype.rows(q, value)
    assert json.loads(row.text) == value  # the parts keep their names: no line 2 is not a county
    assert stored("address", value) == value
    arabic = {"line1": "١٤ شارع هاي", "town": "كارديف", "postcode": "CF10 1AA"}
    assert stored("address", arabic) == arabic
    assert "\\u" not in encode(arabic)  # kept as the letters typed, readable in the database


def test_an_address_shows_one_line_per_part_and_exports_as_one_cell(ctx):
    qtype, q = REGISTRY["address"], question("address")
    value = {"line1": "Flat 2, 14 High Street", "town": "Cardiff", "postcode": "CF10 1AA"}
    assert qtype.display(q, value, None) == ["Flat 2, 14 High Street", "Cardiff", "CF10 1AA"]
    answers = [SimpleNamespace(text=encode(value), option_id=None, number=None)]
    assert qtype.export_cell(q, answers, {}, {}) == "Flat 2, 14 High Street, Cardiff, CF10 1AA"
    assert qtype.shown_values(q, answers, None) == ["Flat 2, 14 High Street", "Cardiff", "CF10 1AA"]


def test_text_that_is_not_an_address_record_is_still_shown():
    # Data retention may overwrite an answer; whatever is there is shown rather than lost or a 500.
    assert decode("Removed") == {"line1": "Removed"}
    assert decode("[1, 2]") == {"line1": "[1, 2]"}
    assert decode(None) == {}


def test_control_characters_never_reach_the_database(ctx):
    # PostgreSQL refuses NUL in text: it is dropped with every other control character.
    parsed = check("address", *address("14 High\u0000 Street", "", "Cardiff\r\n", "", "CF10 1AA"))
    assert parsed.value["line1"] == "14 High Street" and parsed.value["town"] == "Cardiff"
    # A right-to-left mark in an Arabic address is kept: it decides how the line reads.
    parsed = check("address", *address("\u200f١٤ شارع هاي", "", "كارديف", "", "CF10 1AA"))
    assert parsed.value["line1"].startswith("\u200f")


# -- paper ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("easy", [False, True])
def test_paper_has_a_space_for_each_part(ctx, easy):
    fields = {kind: REGISTRY[kind].print_fields(question(kind), easy) for kind in PERSONAL}
    assert [field.boxes for field in fields["phone"]] == [(5, 6)]
    assert [field.boxes for field in fields["postcode"]] == [(4, 3)]
    assert [(field.label, field.boxes) for field in fields["email"]] == [(None, ())]
    assert [(field.label, field.boxes, field.optional) for field in fields["address"]] == [
        ("Address line 1", (), False), ("Address line 2", (), True), ("Town or city", (), False),
        ("County", (), True), ("Postcode", (4, 3), False)]
    for kind in PERSONAL:
        lines = REGISTRY[kind].print_instructions(question(kind), easy)
        assert lines and all(line.endswith(".") for line in lines)
        if easy:  # easy read: short sentences, numbers as digits
            assert all(len(line.split()) <= 15 for line in lines)
            words = set(" ".join(lines).lower().replace(".", " ").replace(",", " ").split())
            assert not words & {"one", "two", "three"}
