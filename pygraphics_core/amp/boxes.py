"""AMP's wire format: boxes of key/value pairs, to bytes and back.

A box is a mapping of byte-string keys to byte-string values. On the wire
each key and each value is preceded by its length as a 2-byte big-endian
number; a key of length zero ends the box. Keys are 1 to 255 bytes long and
values at most 65,535 bytes. Keys are written in sorted order, as Twisted
writes them, so the same box always gives the same bytes.

:class:`BoxParser` is sans-I/O: it takes the stream in chunks of any size
(one byte at a time works) and hands back each box once it is complete.
"""

from __future__ import annotations

import struct
from typing import Mapping, Union

from .errors import ProtocolError

MAX_KEY_LENGTH = 255
"""The longest key AMP allows, in bytes."""

MAX_VALUE_LENGTH = 65_535
"""The longest value AMP allows, in bytes (the most a 2-byte length can say)."""

MAX_BOX_SIZE = 1 << 30
"""The most bytes of keys and values one received box may hold (1 GiB).

AMP itself sets no limit on the number of keys in a box; this one keeps a
peer from exhausting memory with a box that never ends. It is far above the
largest picture a course sends (a 4000x3000 RGBA picture is 48 MB).
"""

Box = dict
"""A box as this package builds and parses it: ``dict[bytes, bytes]``."""

BytesLike = Union[bytes, bytearray, memoryview]

_pack_length = struct.Struct(">H").pack
_END_OF_BOX = _pack_length(0)


def check_key(key: bytes) -> None:
    """Raise ValueError unless *key* can be written as an AMP key."""
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise ValueError(
            f"the AMP key {key[:40]!r} is {len(key)} bytes long; "
            f"keys must be 1 to {MAX_KEY_LENGTH} bytes long"
        )


def encode_box_parts(box: Mapping[bytes, BytesLike], parts: list) -> None:
    """Append the wire form of *box* to *parts*, a list of byte strings to join.

    Building one list for a whole message and joining it once copies each
    value exactly once, however large the message is.

    Raises ValueError naming the key when a key or value is too long, and
    TypeError when a key or value is not bytes.
    """
    pack_length = _pack_length
    for key in sorted(box):
        value = box[key]
        if type(key) is not bytes:
            raise TypeError(f"AMP keys are bytes, not {type(key).__name__}: {key!r}")
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"the value of the AMP key {key!r} must be bytes, "
                f"not {type(value).__name__}"
            )
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            check_key(key)
        value_length = len(value) if type(value) is not memoryview else value.nbytes
        if value_length > MAX_VALUE_LENGTH:
            raise ValueError(
                f"the value of the AMP key {key.decode('utf-8', 'replace')!r} is "
                f"{value_length:,} bytes long; an AMP value holds at most "
                f"{MAX_VALUE_LENGTH:,} bytes (BigString and BigUnicode carry longer ones)"
            )
        parts += (pack_length(len(key)), key, pack_length(value_length), value)
    parts.append(_END_OF_BOX)


def encode_box(box: Mapping[bytes, BytesLike]) -> bytes:
    """Return the wire form of one box (see :func:`encode_box_parts`)."""
    parts: list = []
    encode_box_parts(box, parts)
    return b"".join(parts)


def parse_boxes(data: BytesLike) -> list[Box]:
    """Parse a byte string that holds whole boxes and nothing else.

    Raises ProtocolError if *data* ends in the middle of a box.
    """
    parser = BoxParser()
    boxes = parser.feed(data)
    if parser.has_partial_box:
        raise ProtocolError(
            f"AMP data ended in the middle of a box ({len(data)} bytes in all)"
        )
    return boxes


class BoxParser:
    """Turn a stream of bytes, in chunks of any size, into complete boxes.

    >>> parser = BoxParser()
    >>> parser.feed(b"\\x00\\x01a\\x00\\x01")
    []
    >>> parser.feed(b"b\\x00\\x00")
    [{b'a': b'b'}]

    :meth:`feed` raises :class:`ProtocolError` for a key longer than 255
    bytes, a key repeated within a box, or a box larger than *max_box_size*;
    after that the parser (and its connection) must not be used again.
    """

    def __init__(self, max_box_size: int = MAX_BOX_SIZE) -> None:
        self._unparsed = bytearray()
        self._box: Box = {}
        self._box_size = 0
        self._max_box_size = max_box_size

    @property
    def has_partial_box(self) -> bool:
        """True when the bytes fed so far end in the middle of a box."""
        return bool(self._unparsed or self._box)

    def feed(self, data: BytesLike) -> list[Box]:
        """Take the next chunk of the stream; return the boxes it completes."""
        unparsed = self._unparsed
        unparsed += data
        boxes = []
        box = self._box
        box_size = self._box_size
        position = 0
        end = len(unparsed)
        # A memoryview slices without copying; it is released before the
        # consumed bytes are deleted (a bytearray with exports cannot resize).
        with memoryview(unparsed) as view:
            while end - position >= 2:
                key_length = (unparsed[position] << 8) | unparsed[position + 1]
                if key_length == 0:
                    boxes.append(box)
                    box = {}
                    box_size = 0
                    position += 2
                    continue
                if key_length > MAX_KEY_LENGTH:
                    raise ProtocolError(
                        f"the peer sent an AMP key of {key_length} bytes; "
                        f"keys are at most {MAX_KEY_LENGTH} bytes"
                    )
                value_start = position + 2 + key_length + 2
                if value_start > end:
                    break
                value_length = (unparsed[value_start - 2] << 8) | unparsed[value_start - 1]
                value_end = value_start + value_length
                if value_end > end:
                    break
                key = view[position + 2 : value_start - 2].tobytes()
                if key in box:
                    raise ProtocolError(f"the peer sent the AMP key {key!r} twice in one box")
                box_size += key_length + value_length
                if box_size > self._max_box_size:
                    raise ProtocolError(
                        f"the peer sent an AMP box of more than "
                        f"{self._max_box_size:,} bytes, the most this side accepts"
                    )
                box[key] = view[value_start:value_end].tobytes()
                position = value_end
        del unparsed[:position]
        self._box = box
        self._box_size = box_size
        return boxes
