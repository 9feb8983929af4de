"""Argument types: Twisted's exact encodings, our big types, and their edges.

(PILImage has its own file, test_amp_images.py.)

Where Twisted has the type, the bytes we write are compared with the bytes
Twisted's own ``toString`` writes, and each side decodes the other's.
"""

import datetime
import decimal
import math

import pytest
from twisted.protocols import amp as twisted_amp  # the reference implementation

from pygraphics_core import amp
from pygraphics_core.amp import ProtocolError
from pygraphics_core.amp.arguments import Schema
from pygraphics_core.amp.boxes import encode_box, parse_boxes

UTC = datetime.timezone.utc


def send_and_receive(argument, value):
    """Put *value* in a box as argument 'x', through the wire format, and back."""
    box = {}
    argument.to_box(b"x", value, box)
    (received,) = parse_boxes(encode_box(box))
    return argument.from_box(b"x", received)


# Integer --------------------------------------------------------------------

INTEGERS = [0, 1, -1, 255, 2**31, -(2**63), 2**64 + 1, 10**100, -(2**1000)]


@pytest.mark.parametrize("number", INTEGERS)
def test_integers_are_written_as_twisted_writes_them(number):
    assert amp.Integer().to_bytes(number) == twisted_amp.Integer().toString(number)
    assert amp.Integer().from_bytes(twisted_amp.Integer().toString(number)) == number


def test_an_integer_beyond_pythons_4300_digit_text_limit_still_travels():
    huge = 7 * 10**20_000 + 1
    data = amp.Integer().to_bytes(huge)
    assert data == b"7" + b"0" * 19_999 + b"1"
    assert amp.Integer().from_bytes(data) == huge
    assert amp.Integer().from_bytes(b"-" + data) == -huge
    assert send_and_receive(amp.Integer(), -huge) == -huge


@pytest.mark.parametrize("value", [True, 1.0, "1", None, b"1"])
def test_an_integer_argument_refuses_other_types_saying_what_it_got(value):
    with pytest.raises(TypeError, match=f"expected an int, got .*{type(value).__name__}"):
        amp.Integer().to_bytes(value)


@pytest.mark.parametrize("data", [b"", b"-", b"1.5", b" 1", b"1 ", b"0x10", b"1_000", "\u0661".encode()])
def test_malformed_integers_are_refused_on_receive(data):
    with pytest.raises(ValueError):
        amp.Integer().from_bytes(data)


# Float ----------------------------------------------------------------------

FLOATS = [0.0, -0.0, 0.1, -1.5, 1e300, 5e-324, 1.7976931348623157e308, math.inf, -math.inf]


@pytest.mark.parametrize("number", FLOATS)
def test_floats_are_written_as_twisted_writes_them(number):
    assert amp.Float().to_bytes(number) == twisted_amp.Float().toString(number)
    received = amp.Float().from_bytes(twisted_amp.Float().toString(number))
    assert received == number and math.copysign(1, received) == math.copysign(1, number)


def test_nan_travels_as_nan():
    assert amp.Float().to_bytes(math.nan) == b"nan" == twisted_amp.Float().toString(math.nan)
    assert math.isnan(send_and_receive(amp.Float(), math.nan))


def test_an_int_is_sent_as_the_float_it_equals():
    assert amp.Float().to_bytes(3) == b"3.0"
    with pytest.raises(ValueError, match="1329 bits is too large for a float"):
        amp.Float().to_bytes(10**400)


@pytest.mark.parametrize("value", [True, "1.5", None, decimal.Decimal("1")])
def test_a_float_argument_refuses_other_types(value):
    with pytest.raises(TypeError, match="expected a float"):
        amp.Float().to_bytes(value)


@pytest.mark.parametrize("data", [b"", b"one", b"1.5.5", b" 1.5", b"1_0", b"0x1p3"])
def test_malformed_floats_are_refused_on_receive(data):
    with pytest.raises(ValueError):
        amp.Float().from_bytes(data)


# Boolean, String, Unicode ---------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_written_as_twisted_writes_them(value):
    assert amp.Boolean().to_bytes(value) == twisted_amp.Boolean().toString(value)
    assert amp.Boolean().from_bytes(twisted_amp.Boolean().toString(value)) is value


def test_a_boolean_argument_takes_only_true_or_false():
    # "False" is a true value in Python: sending it as True would hide a bug.
    for value in ("False", 0, None):
        with pytest.raises(TypeError, match="True or False"):
            amp.Boolean().to_bytes(value)
    for data in (b"true", b"1", b""):
        with pytest.raises(ValueError):
            amp.Boolean().from_bytes(data)


@pytest.mark.parametrize("value", [b"", b"\x00\xff", bytes(range(256)) * 255 + b"x" * 255])
def test_strings_travel_as_they_are(value):
    assert amp.String().to_bytes(value) == twisted_amp.String().toString(value) == value
    assert send_and_receive(amp.String(), value) == value


def test_a_string_argument_sends_bytes_like_objects_and_refuses_text_with_a_hint():
    assert amp.String().to_bytes(bytearray(b"ab")) == b"ab"
    assert amp.String().to_bytes(memoryview(b"ab")) == b"ab"
    with pytest.raises(TypeError, match="use Unicode"):
        amp.String().to_bytes("text")


TEXTS = ["", "plain", "héllo wörld", "日本語のテキスト", "emoji 🐍🎨", "\x00nul", "a" * 65_535]


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: text[:12])
def test_unicode_is_utf8_as_twisted_writes_it(text):
    assert amp.Unicode().to_bytes(text) == twisted_amp.Unicode().toString(text)
    assert amp.Unicode().from_bytes(twisted_amp.Unicode().toString(text)) == text
    assert send_and_receive(amp.Unicode(), text) == text


def test_a_lone_surrogate_cannot_be_sent_and_the_error_says_where_it_is():
    with pytest.raises(ValueError, match=r"'\\ud800' at index 2"):
        amp.Unicode().to_bytes("ab\ud800")


def test_text_that_is_not_utf8_is_refused_on_receive():
    with pytest.raises(ValueError):
        amp.Unicode().from_bytes(b"\xff\xfe")


# Decimal --------------------------------------------------------------------

DECIMALS = ["0", "-0", "1.50", "1E+2", "1E-1", "-1.5E+20", "123456789012345678901234567890.123",
            "Infinity", "-Infinity", "NaN", "-NaN", "sNaN", "-sNaN", "NaN123"]


@pytest.mark.parametrize("text", DECIMALS)
def test_decimals_are_written_as_twisted_writes_them_keeping_precision_and_specials(text):
    number = decimal.Decimal(text)
    assert amp.Decimal().to_bytes(number) == twisted_amp.Decimal().toString(number)
    received = amp.Decimal().from_bytes(twisted_amp.Decimal().toString(number))
    assert str(received) == str(number)  # str: NaN != NaN, and 1.50 == 1.5
    assert str(send_and_receive(amp.Decimal(), number)) == str(number)


def test_a_decimal_argument_refuses_floats_and_malformed_text():
    with pytest.raises(TypeError, match="decimal.Decimal"):
        amp.Decimal().to_bytes(1.5)
    for data in (b"", b"1,5", b"abc", b"1e"):
        with pytest.raises(ValueError):
            amp.Decimal().from_bytes(data)


# DateTime -------------------------------------------------------------------

DATETIMES = [
    datetime.datetime(2024, 5, 1, 13, 45, 0, tzinfo=UTC),
    datetime.datetime(1, 1, 1, 0, 0, 0, 0, tzinfo=UTC),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime.datetime(2024, 2, 29, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30))),
    datetime.datetime(2024, 7, 4, 9, 0, tzinfo=datetime.timezone(-datetime.timedelta(hours=23, minutes=59))),
]


@pytest.mark.parametrize("moment", DATETIMES, ids=str)
def test_datetimes_are_written_as_twisted_writes_them(moment):
    data = amp.DateTime().to_bytes(moment)
    assert data == twisted_amp.DateTime().toString(moment)
    assert len(data) == 32
    for received in (amp.DateTime().from_bytes(data), send_and_receive(amp.DateTime(), moment)):
        assert received == moment
        assert received.utcoffset() == moment.utcoffset()
    assert twisted_amp.DateTime().fromString(data) == moment


def test_utc_is_written_minus_zero_as_twisted_does():
    assert amp.DateTime().to_bytes(DATETIMES[0]).endswith(b"-00:00")
    assert amp.DateTime().from_bytes(b"2024-05-01T13:45:00.000000-00:00").tzinfo == UTC


def test_a_naive_datetime_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="has no timezone.*tzinfo=datetime.timezone.utc"):
        amp.DateTime().to_bytes(datetime.datetime(2024, 1, 1))


def test_an_offset_with_seconds_is_refused():
    odd = datetime.timezone(datetime.timedelta(minutes=5, seconds=7))
    with pytest.raises(ValueError, match="whole number of minutes"):
        amp.DateTime().to_bytes(datetime.datetime(2024, 1, 1, tzinfo=odd))


@pytest.mark.parametrize("data", [b"", b"2024-05-01T13:45:00.000000", b"2024-13-01T13:45:00.000000+00:00",
                                  b"2024-05-01T13:45:00.000000+24:00", b"2024-05-01 13:45:00.000000+00:00"])
def test_malformed_datetimes_are_refused_on_receive(data):
    with pytest.raises(ValueError):
        amp.DateTime().from_bytes(data)


# ListOf and AmpList ---------------------------------------------------------


@pytest.mark.parametrize(
    "ours, theirs, value",
    [
        (amp.ListOf(amp.Integer()), twisted_amp.ListOf(twisted_amp.Integer()), [1, -2, 10**50]),
        (amp.ListOf(amp.Integer()), twisted_amp.ListOf(twisted_amp.Integer()), []),
        (amp.ListOf(amp.Unicode()), twisted_amp.ListOf(twisted_amp.Unicode()), ["", "é", "x" * 1000]),
        (amp.ListOf(amp.Float()), twisted_amp.ListOf(twisted_amp.Float()), [math.inf, -0.0, 0.5]),
        (amp.ListOf(amp.ListOf(amp.Integer())),
         twisted_amp.ListOf(twisted_amp.ListOf(twisted_amp.Integer())), [[1, 2], [], [3]]),
    ],
)
def test_lists_are_written_as_twisted_writes_them(ours, theirs, value):
    assert ours.to_bytes(value) == theirs.toString(value)
    assert ours.from_bytes(theirs.toString(value)) == value
    assert send_and_receive(ours, value) == value


def test_a_list_accepts_any_iterable_but_not_text():
    assert amp.ListOf(amp.Integer()).to_bytes((1, 2)) == amp.ListOf(amp.Integer()).to_bytes([1, 2])
    with pytest.raises(TypeError, match="expected a list"):
        amp.ListOf(amp.Unicode()).to_bytes("abc")


def test_a_bad_list_element_is_named_by_its_index():
    with pytest.raises(TypeError, match="element 2: expected an int"):
        amp.ListOf(amp.Integer()).to_bytes([1, 2, "3"])


def test_a_list_cannot_hold_big_types():
    with pytest.raises(TypeError, match="cannot hold BigString"):
        amp.ListOf(amp.BigString())


def test_a_truncated_list_is_refused_on_receive():
    data = amp.ListOf(amp.Unicode()).to_bytes(["abc", "def"])
    for cut in (1, 3, len(data) - 1):
        with pytest.raises(ValueError, match="ends in the middle"):
            amp.ListOf(amp.Unicode()).from_bytes(data[:cut])


def test_amp_lists_are_written_as_twisted_writes_them():
    ours = amp.AmpList([("a", amp.Integer()), ("b", amp.Unicode()), ("c", amp.Float(optional=True))])
    theirs = twisted_amp.AmpList(
        [(b"a", twisted_amp.Integer()), (b"b", twisted_amp.Unicode()),
         (b"c", twisted_amp.Float(optional=True))]
    )
    value = [{"a": 7, "b": "hello", "c": 0.5}, {"a": 9, "b": "goodbye", "c": None}]
    assert ours.to_bytes(value) == theirs.toStringProto(value, None)
    assert ours.from_bytes(theirs.toStringProto(value, None)) == value
    assert theirs.fromStringProto(ours.to_bytes(value), None) == value
    assert send_and_receive(ours, []) == []


def test_an_amp_list_names_the_element_and_key_at_fault():
    points = amp.AmpList([("x", amp.Integer())])
    with pytest.raises(TypeError, match="AmpList element 1 needs a value for 'x'"):
        points.to_bytes([{"x": 1}, {}])
    with pytest.raises(TypeError, match="element 0: expected a dict"):
        points.to_bytes([3])
    with pytest.raises(ProtocolError, match="element 0: the peer left out the argument 'x'"):
        points.from_bytes(encode_box({b"y": b"1"}))


# BigString and BigUnicode ----------------------------------------------------


def test_a_big_string_is_spread_over_name_name_2_name_3_in_full_chunks():
    value = bytes(range(256)) * 600  # 153,600 bytes: 65,535 + 65,535 + 22,530
    box = {}
    amp.BigString().to_box(b"data", value, box)
    assert sorted(box) == [b"data", b"data.2", b"data.3"]
    assert [len(box[key]) for key in (b"data", b"data.2", b"data.3")] == [65_535, 65_535, 22_530]
    assert b"".join(box[key] for key in (b"data", b"data.2", b"data.3")) == value


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 2 * 65_535, 10 * 1024 * 1024])
def test_big_strings_of_any_size_come_back_whole(size):
    value = (b"0123456789abcdef" * (size // 16 + 1))[:size]
    box = {}
    amp.BigString().to_box(b"x", value, box)
    assert len(box) == max(1, -(-size // 65_535))
    assert send_and_receive(amp.BigString(), value) == value


def test_big_unicode_survives_a_multibyte_character_split_between_chunks():
    text = "a" + "é" * 100_000  # every chunk boundary falls inside a character
    assert send_and_receive(amp.BigUnicode(), text) == text


def test_big_types_check_their_values():
    with pytest.raises(TypeError, match="use Unicode"):
        amp.BigString().to_box(b"x", "text", {})
    with pytest.raises(TypeError, match="expected a str"):
        amp.BigUnicode().to_box(b"x", b"bytes", {})


# Schemas --------------------------------------------------------------------


def test_a_schema_names_the_argument_whose_value_is_wrong():
    schema = Schema([("count", amp.Integer()), ("name", amp.Unicode())], "Greet")
    with pytest.raises(TypeError, match="Greet, argument 'count': expected an int, got '3'"):
        schema.encode({"count": "3", "name": "x"})
    with pytest.raises(TypeError, match="Greet needs a value for 'name' \\(Unicode\\), got nothing"):
        schema.encode({"count": 3})
    with pytest.raises(TypeError, match="unexpected argument 'colour'; its arguments are: count, name"):
        schema.encode({"count": 3, "name": "x", "colour": "red"})
    with pytest.raises(ValueError, match="Greet, argument 'name': .*65,535"):
        schema.encode({"count": 3, "name": "x" * 65_536})


def test_an_optional_argument_left_out_or_none_arrives_as_none():
    schema = Schema([("note", amp.Unicode(optional=True))], "Note")
    assert schema.encode({}) == schema.encode({"note": None}) == {}
    assert schema.decode({}) == {"note": None}


def test_a_missing_or_malformed_received_argument_is_a_protocol_error():
    schema = Schema([("count", amp.Integer())], "Count")
    with pytest.raises(ProtocolError, match="left out the argument 'count'"):
        schema.decode({})
    with pytest.raises(ProtocolError, match="malformed Integer for 'count'"):
        schema.decode({b"count": b"three"})


def test_a_received_box_may_hold_keys_the_schema_does_not_know():
    schema = Schema([("count", amp.Integer())], "Count")
    assert schema.decode({b"count": b"3", b"newer": b"x"}) == {"count": 3}


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ([(b"count", amp.Integer())], TypeError, "names are str"),
        ([("count", amp.Integer)], TypeError, "instance such as Integer()"),
        ([("two words", amp.Integer())], ValueError, "not a Python identifier"),
        ([("x", amp.Integer()), ("x", amp.Float())], ValueError, "appears twice"),
        ([("_ask", amp.Integer())], ValueError, "AMP uses that key itself"),
        (["count"], TypeError, "pair"),
    ],
)
def test_a_schema_with_mistakes_is_refused_when_declared(arguments, error, message):
    with pytest.raises(error, match=message):
        Schema(arguments, "Broken")
