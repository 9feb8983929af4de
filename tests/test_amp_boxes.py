"""The AMP wire format: boxes to bytes and back, in chunks of any size."""

import pytest
from twisted.protocols import amp as twisted_amp  # the reference implementation

from pygraphics_core.amp import ProtocolError
from pygraphics_core.amp.boxes import (
    BoxParser,
    MAX_KEY_LENGTH,
    MAX_VALUE_LENGTH,
    encode_box,
    parse_boxes,
)


def test_a_box_is_length_prefixed_keys_and_values_sorted_and_ended_by_an_empty_key():
    assert encode_box({b"b": b"22", b"a": b"1"}) == (
        b"\x00\x01a\x00\x011" b"\x00\x01b\x00\x0222" b"\x00\x00"
    )


def test_encoding_matches_twisted_for_a_box_with_edge_sized_keys_and_values():
    box = {
        b"k" * MAX_KEY_LENGTH: b"v" * MAX_VALUE_LENGTH,
        b"empty": b"",
        b"\xff\x00binary": bytes(range(256)),
    }
    assert encode_box(box) == twisted_amp.AmpBox(box).serialize()


def test_the_parser_reads_what_twisted_wrote():
    boxes = [{b"_command": b"Say", b"text": "héllo".encode()}, {b"x": b"y" * 70}]
    data = b"".join(twisted_amp.AmpBox(box).serialize() for box in boxes)
    assert parse_boxes(data) == boxes
    assert twisted_amp.parseString(data) == boxes


def test_a_stream_fed_one_byte_at_a_time_gives_the_same_boxes():
    boxes = [{b"a": b"1", b"long": b"x" * 300}, {}, {b"k" * 255: b""}]
    data = b"".join(encode_box(box) for box in boxes)
    parser = BoxParser()
    received = []
    for index in range(len(data)):
        received += parser.feed(data[index : index + 1])
    assert received == boxes
    assert not parser.has_partial_box


@pytest.mark.parametrize("chunk_size", [2, 3, 7, 1000, 65_536])
def test_any_chunking_of_a_large_stream_gives_the_same_boxes(chunk_size):
    boxes = [{b"v%d" % i: bytes([i]) * (MAX_VALUE_LENGTH - i) for i in range(3)}] * 2
    data = b"".join(encode_box(box) for box in boxes)
    parser = BoxParser()
    received = []
    for start in range(0, len(data), chunk_size):
        received += parser.feed(data[start : start + chunk_size])
    assert received == boxes


def test_a_parser_holding_half_a_box_says_so():
    parser = BoxParser()
    assert parser.feed(b"\x00\x01a\x00") == []
    assert parser.has_partial_box
    with pytest.raises(ProtocolError, match="middle of a box"):
        parse_boxes(b"\x00\x01a\x00\x01b")


def test_a_key_longer_than_255_bytes_is_refused_on_send_naming_its_length():
    with pytest.raises(ValueError, match="256 bytes long"):
        encode_box({b"k" * 256: b""})


def test_an_empty_key_is_refused_on_send():
    with pytest.raises(ValueError, match="1 to 255"):
        encode_box({b"": b"x"})


def test_a_value_over_65535_bytes_is_refused_on_send_naming_the_key_and_size():
    with pytest.raises(ValueError, match=r"'picture' is 65,536 bytes long.*at most 65,535"):
        encode_box({b"picture": b"x" * 65_536})


def test_text_keys_and_values_are_refused_on_send():
    with pytest.raises(TypeError, match="keys are bytes"):
        encode_box({"text": b"x"})
    with pytest.raises(TypeError, match="must be bytes, not str"):
        encode_box({b"text": "x"})


def test_a_received_key_longer_than_255_bytes_is_a_protocol_error():
    with pytest.raises(ProtocolError, match="key of 256 bytes"):
        BoxParser().feed(b"\x01\x00" + b"k" * 256)


def test_a_key_repeated_within_one_box_is_a_protocol_error():
    with pytest.raises(ProtocolError, match="twice"):
        BoxParser().feed(b"\x00\x01a\x00\x011\x00\x01a\x00\x012\x00\x00")


def test_a_box_larger_than_the_limit_is_a_protocol_error_before_it_ends():
    parser = BoxParser(max_box_size=1000)
    chunk = encode_box({b"a": b"x" * 600})[:-2]  # one pair, box not ended
    parser.feed(chunk)
    with pytest.raises(ProtocolError, match="more than 1,000 bytes"):
        parser.feed(chunk.replace(b"\x00\x01a", b"\x00\x01b"))


def test_the_size_limit_counts_each_box_afresh():
    parser = BoxParser(max_box_size=1000)
    data = encode_box({b"a": b"x" * 600})
    assert len(parser.feed(data * 5)) == 5


# Large values handed over as views ------------------------------------------


def test_large_values_of_a_bytes_chunk_are_views_and_the_rest_bytes():
    big = bytes(range(256)) * 64  # 16 KiB, above VIEW_SIZE
    wire = encode_box({b"_command": b"x" * 9000, b"big": big, b"small": b"s"})
    (box,) = BoxParser(give_views=True).feed(wire)
    assert type(box[b"big"]) is memoryview and box[b"big"].readonly
    assert box[b"big"] == big
    # AMP's own keys and small values stay bytes.
    assert type(box[b"_command"]) is bytes and type(box[b"small"]) is bytes
    # Without give_views, and for a chunk that may be refilled, all is bytes.
    (box,) = BoxParser().feed(wire)
    assert type(box[b"big"]) is bytes
    (box,) = BoxParser(give_views=True).feed(bytearray(wire))
    assert type(box[b"big"]) is bytes


def test_views_of_split_values_survive_the_chunks_that_follow():
    values = [bytes([n]) * (20_000 + n) for n in range(1, 30)]
    box = {b"v%02d" % n: value for n, value in enumerate(values)}
    wire = encode_box(box) * 3
    parser = BoxParser(give_views=True)
    received = []
    for size in (7, 65_536, 100_003):
        for start in range(0, len(wire), size):
            received += parser.feed(wire[start : start + size])
    assert len(received) == 9
    assert all(dict(got) == box for got in received)
    assert not parser.has_partial_box
