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

from .errors import ProtocolError

# typing costs milliseconds to import, and annotations are never evaluated
# here (``from __future__ import annotations``): only type checkers need it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Mapping, Union

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

BytesLike = "bytes | bytearray | memoryview"
"""What the encoders accept as a value (an annotation, for readers)."""

length_prefix = struct.Struct(">H").pack
"""The 2-byte big-endian length that precedes each key and value on the wire."""

_END_OF_BOX = length_prefix(0)
SMALL_CHUNK = 16 * 1024
"""Chunks up to this size are parsed from a bytes copy (see BoxParser.feed)."""

VIEW_SIZE = 8 * 1024
"""Values at least this long may be handed over as read-only memoryviews.

Only values of keys that do not start with ``_`` (AMP's own keys do), and
only where the bytes cannot change: a chunk fed as ``bytes``, or the
parser's own buffer for a pair split between chunks, which it then gives
up. The argument types that say they take buffers (``accepts_buffers``)
read them in place: a picture's pixels go from the received chunks
straight into the picture. Every other type gets bytes
(:meth:`Schema.decode` converts).
"""


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
    # Keys are unique, so sorting the pairs compares keys only.
    for key, value in sorted(box.items()):
        if type(key) is not bytes or type(value) is not bytes:
            _check_types(key, value)
        key_length = len(key)
        value_length = value.nbytes if type(value) is memoryview else len(value)
        if not 0 < key_length <= MAX_KEY_LENGTH or value_length > MAX_VALUE_LENGTH:
            _check_lengths(key, value_length)
        parts += (length_prefix(key_length), key, length_prefix(value_length), value)
    parts.append(_END_OF_BOX)


def _check_types(key: Any, value: Any) -> None:
    if type(key) is not bytes:
        raise TypeError(f"AMP keys are bytes, not {type(key).__name__}: {key!r}")
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"the value of the AMP key {key!r} must be bytes, not {type(value).__name__}"
        )


def _check_lengths(key: bytes, value_length: int) -> None:
    check_key(key)
    if value_length > MAX_VALUE_LENGTH:
        raise ValueError(
            f"the value of the AMP key {key.decode('utf-8', 'replace')!r} is "
            f"{value_length:,} bytes long; an AMP value holds at most "
            f"{MAX_VALUE_LENGTH:,} bytes (BigString and BigUnicode carry longer ones)"
        )


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

    Each byte is copied once on its way into a box's values, except the few
    of a key/value pair split between two chunks, which wait in a small
    buffer until the pair is complete. Waiting costs nothing per chunk: a
    value arriving one byte at a time is parsed once, not once per byte.

    With *give_views* true, large values (see :data:`VIEW_SIZE`) of a
    chunk fed as ``bytes`` are not copied at all: the box holds read-only
    memoryviews of the chunk. Otherwise every value is bytes.
    """

    def __init__(self, max_box_size: int = MAX_BOX_SIZE, give_views: bool = False) -> None:
        # The start of an incomplete key/value pair, and how many bytes it
        # must reach before parsing it can go further.
        self._pending = bytearray()
        self._pending_needs = 0
        self._box: Box = {}
        self._box_size = 0
        self._max_box_size = max_box_size
        self._give_views = give_views
        # Whether _parse put a view of the data it parsed into a box.
        self._gave_views = False

    @property
    def has_partial_box(self) -> bool:
        """True when the bytes fed so far end in the middle of a box."""
        return bool(self._pending or self._box)

    def feed(self, data: BytesLike) -> list[Box]:
        """Take the next chunk of the stream; return the boxes it completes."""
        boxes: list[Box] = []
        # Views of bytes stay valid; a caller's bytearray or memoryview may
        # be refilled with the next chunk, so its values must be copied.
        immutable = type(data) is bytes
        if not immutable or len(data) > SMALL_CHUNK:
            data = memoryview(data)
            if data.format != "B":
                data = data.cast("B")
            # A small chunk (a call, an answer) is parsed from one bytes copy:
            # slicing bytes gives each key and value in one step, where a
            # memoryview makes a view and then copies it. The extra copy is
            # of a few bytes; large chunks stay views, copied only once.
            if len(data) <= SMALL_CHUNK:
                data = data.tobytes()
        pending = self._pending
        if pending:
            # Complete the waiting pair with as few bytes of *data* as it
            # takes, then parse the rest of *data* where it lies.
            used = 0
            while True:
                wanted = self._pending_needs - len(pending)
                pending += data[used : used + wanted]
                used = min(used + wanted, len(data))
                if len(pending) < self._pending_needs:
                    return boxes
                # The view must be released before the bytearray changes size.
                with memoryview(pending) as view:
                    position, needs = self._parse(view, boxes, self._give_views)
                if self._gave_views:
                    # A value in a box is a view of this buffer: leave the
                    # buffer to it (it can no longer change size anyway).
                    self._gave_views = False
                    pending = self._pending = bytearray(pending[position:])
                    position = 0
                if position == len(pending):
                    pending.clear()
                    break
                if position:
                    del pending[:position]
                self._pending_needs = needs
            data = data[used:]
        position, needs = self._parse(data, boxes, immutable and self._give_views)
        self._gave_views = False
        if position < len(data):
            pending += data[position:]
            self._pending_needs = needs
        return boxes

    def _parse(
        self, data: bytes | memoryview, boxes: list[Box], may_keep: bool = False
    ) -> tuple[int, int]:
        """Parse the complete pairs at the start of *data* into boxes.

        Returns where the first incomplete pair starts, and how many bytes
        from there it needs before it can be parsed further. *may_keep*
        says a memoryview *data* will not change: its large values are then
        put into boxes as read-only views (and ``_gave_views`` is set).
        """
        is_view = type(data) is memoryview
        box = self._box
        box_size = self._box_size
        max_box_size = self._max_box_size
        position = 0
        end = len(data)
        needs = 2
        while end - position >= 2:
            key_length = (data[position] << 8) | data[position + 1]
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
            value_start = position + key_length + 4
            if value_start > end:
                needs = value_start - position
                break
            value_end = value_start + ((data[value_start - 2] << 8) | data[value_start - 1])
            if value_end > end:
                needs = value_end - position
                break
            key = data[position + 2 : value_start - 2]
            value = data[value_start:value_end]
            if is_view:
                key = key.tobytes()
                if may_keep and value_end - value_start >= VIEW_SIZE and key[0] != 0x5F:
                    value = value.toreadonly()
                    self._gave_views = True
                else:
                    value = value.tobytes()
            if key in box:
                raise ProtocolError(f"the peer sent the AMP key {key!r} twice in one box")
            box_size += value_end - position
            if box_size > max_box_size:
                raise ProtocolError(
                    f"the peer sent an AMP box of more than "
                    f"{max_box_size:,} bytes, the most this side accepts"
                )
            box[key] = value
            position = value_end
        self._box = box
        self._box_size = box_size
        return position, needs
