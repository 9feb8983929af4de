"""Property-based tests: every type round-trips, and no input breaks the parser.

Hypothesis generates the values and the byte streams; each property holds
for all of them.
"""

import datetime
import decimal
import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from pygraphics_core import amp
from pygraphics_core.amp.boxes import BoxParser, encode_box, parse_boxes
from pygraphics_core.amp.connection import Connection

QUICKLY = datetime.timedelta(seconds=2)  # per example: a slow parse fails the test


def send_and_receive(argument, value):
    box = {}
    argument.to_box(b"x", value, box)
    (received,) = parse_boxes(encode_box(box))
    return argument.from_box(b"x", received)


def same_float(first, second):
    if math.isnan(first):
        return math.isnan(second)
    return first == second and math.copysign(1, first) == math.copysign(1, second)


@given(st.integers() | st.integers(min_value=-(10**20_000), max_value=10**20_000))
def test_integers_round_trip(number):
    assert send_and_receive(amp.Integer(), number) == number


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_floats_round_trip_bit_for_bit(number):
    assert same_float(send_and_receive(amp.Float(), number), number)


@given(st.booleans())
def test_booleans_round_trip(flag):
    assert send_and_receive(amp.Boolean(), flag) is flag


@given(st.binary(max_size=amp.MAX_VALUE_LENGTH))
def test_strings_round_trip(data):
    assert send_and_receive(amp.String(), data) == data


@given(st.text().filter(lambda text: len(text.encode("utf-8")) <= amp.MAX_VALUE_LENGTH))
def test_unicode_round_trips(text):
    assert send_and_receive(amp.Unicode(), text) == text


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_decimals_round_trip_with_their_precision(number):
    assert str(send_and_receive(amp.Decimal(), number)) == str(number)


offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes))
)


@given(st.datetimes(timezones=offsets))
def test_datetimes_round_trip_to_the_same_instant_and_offset(moment):
    received = send_and_receive(amp.DateTime(), moment)
    assert received == moment
    assert received.utcoffset() == moment.utcoffset()


@given(st.lists(st.integers(min_value=-(10**50), max_value=10**50), max_size=50),
       st.lists(st.text(max_size=20), max_size=50))
def test_lists_round_trip(numbers, texts):
    assert send_and_receive(amp.ListOf(amp.Integer()), numbers) == numbers
    assert send_and_receive(amp.ListOf(amp.Unicode()), texts) == texts


@given(st.lists(st.fixed_dictionaries(
    {"x": st.integers(), "label": st.text(max_size=20)},
    optional={"weight": st.floats(allow_nan=False)}), max_size=20))
def test_amp_lists_round_trip(rows):
    argument = amp.AmpList([("x", amp.Integer()), ("label", amp.Unicode()),
                            ("weight", amp.Float(optional=True))])
    expected = [{"weight": None, **row} for row in rows]
    assert send_and_receive(argument, rows) == expected


@given(st.binary(max_size=300_000))
def test_big_strings_round_trip(data):
    assert send_and_receive(amp.BigString(), data) == data


@given(st.text(max_size=100_000))
def test_big_unicode_round_trips(text):
    assert send_and_receive(amp.BigUnicode(), text) == text


MODES = ["1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "YCbCr", "I", "F", "I;16"]


@st.composite
def pictures(draw):
    mode = draw(st.sampled_from(MODES))
    size = (draw(st.integers(0, 40)), draw(st.integers(0, 40)))
    length = len(Image.new(mode, size).tobytes())
    image = Image.frombytes(mode, size, draw(st.binary(min_size=length, max_size=length)))
    if mode == "P":
        image.putpalette(draw(st.binary(min_size=3, max_size=768).map(lambda p: p[: len(p) // 3 * 3])))
    return image


@given(pictures())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_pictures_round_trip_exactly(image):
    received = send_and_receive(amp.PILImage(), image)
    assert (received.mode, received.size) == (image.mode, image.size)
    assert received.tobytes() == image.tobytes()
    if image.mode == "P":
        assert received.getpalette() == image.getpalette()


keys = st.binary(min_size=1, max_size=amp.MAX_KEY_LENGTH)
boxes = st.dictionaries(keys, st.binary(max_size=300), max_size=8)


@given(st.lists(boxes, max_size=5), st.lists(st.integers(1, 50), min_size=1))
def test_boxes_round_trip_through_any_chunking(sent, chunk_sizes):
    data = b"".join(encode_box(box) for box in sent)
    parser = BoxParser()
    received, position, turn = [], 0, 0
    while position < len(data):
        size = chunk_sizes[turn % len(chunk_sizes)]
        received += parser.feed(data[position : position + size])
        position, turn = position + size, turn + 1
    assert received == sent
    assert not parser.has_partial_box


# Malformed input: only ProtocolError, and quickly ------------------------------


class Echo(amp.Command):
    arguments = [
        ("number", amp.Integer(optional=True)),
        ("text", amp.BigUnicode(optional=True)),
        ("moment", amp.DateTime(optional=True)),
        ("amount", amp.Decimal(optional=True)),
        ("values", amp.ListOf(amp.Float(), optional=True)),
        ("rows", amp.AmpList([("x", amp.Integer())], optional=True)),
        ("image", amp.PILImage(optional=True)),
    ]
    response = arguments


def fresh_dispatcher():
    dispatcher = amp.Dispatcher(max_box_size=1 << 20)
    dispatcher.register(Echo, lambda **values: values)
    return dispatcher


def valid_stream():
    connection = Connection()
    image = Image.new("P", (3, 2))
    image.putpalette(bytes(range(9)))
    calls = [
        {"number": 12},
        {"text": "héllo", "moment": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)},
        {"values": [1.5, math.inf], "rows": [{"x": 1}, {"x": 2}], "amount": decimal.Decimal("-1.5E+3")},
        {"image": image},
    ]
    return b"".join(connection.send_command(Echo, call)[1] for call in calls)


VALID_STREAM = valid_stream()


def feed_expecting_only_protocol_errors(data, chunk_size=None):
    dispatcher = fresh_dispatcher()
    chunks = [data] if chunk_size is None else [
        data[start : start + chunk_size] for start in range(0, len(data), chunk_size)]
    try:
        for chunk in chunks:
            reply = dispatcher.data_received(chunk)
            assert isinstance(reply, bytes)
    except amp.ProtocolError:
        pass


@settings(deadline=QUICKLY, max_examples=300)
@given(st.binary(max_size=2000), st.none() | st.integers(1, 64))
def test_random_bytes_raise_only_protocol_error(data, chunk_size):
    feed_expecting_only_protocol_errors(data, chunk_size)


@st.composite
def mutated_streams(draw):
    data = bytearray(VALID_STREAM)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        position = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[position] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 4))]
        else:
            del data[position:]
    return bytes(data)


@settings(deadline=QUICKLY, max_examples=300)
@given(mutated_streams(), st.none() | st.integers(1, 64))
def test_mutated_streams_raise_only_protocol_error(data, chunk_size):
    assume(data != VALID_STREAM)
    feed_expecting_only_protocol_errors(data, chunk_size)


@settings(deadline=QUICKLY, max_examples=200)
@given(mutated_streams())
def test_mutated_answers_raise_only_protocol_error_on_the_calling_side(data):
    # The same bytes, read as answers by a caller that asked four questions.
    connection = Connection()
    for _ in range(4):
        connection.send_command(Echo, {})
    answers = data.replace(b"\x00\x04_ask", b"\x00\x07_answer").replace(b"_command", b"_unknown")
    try:
        connection.receive_data(answers)
    except amp.ProtocolError:
        pass
