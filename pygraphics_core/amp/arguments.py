"""Argument types: how each Python value of a command travels in an AMP box.

Each type is used as an instance in a command's ``arguments`` or
``response`` list, e.g. ``('count', Integer())`` or ``('note',
Unicode(optional=True))``. The encodings of Integer, Float, Boolean, String,
Unicode, Decimal, DateTime, ListOf and AmpList are exactly Twisted's, so a
Twisted peer understands them. BigString and BigUnicode are ours: they
spread a value of any size over the keys ``name``, ``name.2``, ``name.3``,
... (:mod:`.images` holds PILImage, which does the same for pixels).

Sending checks each value and raises TypeError (wrong type) or ValueError
(right type, impossible value) naming the argument. Receiving raises
:class:`~pygraphics_core.amp.errors.ProtocolError` for anything malformed.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping

from .boxes import (
    MAX_VALUE_LENGTH,
    Box,
    BytesLike,
    check_key,
    encode_box_parts,
    parse_boxes,
)
from .errors import ProtocolError

# Imported when first needed, to keep ``import pygraphics_core.amp`` quick
# (it is on the path of every student's first call): the typing module only
# for type checkers; datetime, decimal and re only by the types that use them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Argument",
    "Integer",
    "Float",
    "Boolean",
    "String",
    "Unicode",
    "Decimal",
    "DateTime",
    "ListOf",
    "AmpList",
    "BigString",
    "BigUnicode",
    "Schema",
    "put_chunks",
    "get_chunks",
]


def _describe(value: Any) -> str:
    """A short description of *value* for error messages: its repr and type."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (a {type(value).__name__})"


class Argument:
    """The base of all argument types.

    A subclass that fits in one AMP value implements :meth:`to_bytes` and
    :meth:`from_bytes`; one that spreads over several keys overrides
    :meth:`to_box` and :meth:`from_box` instead. Either way it writes at
    least the key of the argument's own name, which is how the receiver
    tells that an optional argument was sent.
    """

    #: Whether a value fits in one AMP value (so that ListOf can hold it).
    single_value = True

    #: Whether :meth:`from_box` reads values that are read-only memoryviews
    #: as well as bytes (see ``boxes.VIEW_SIZE``). Other types always get
    #: bytes: the received box is converted for them first.
    accepts_buffers = False

    def __init__(self, optional: bool = False) -> None:
        #: An optional argument may be left out (or given as None); the
        #: receiver then gets None for it.
        self.optional = optional

    def __repr__(self) -> str:
        optional = "optional=True" if self.optional else ""
        return f"{type(self).__name__}({optional})"

    def to_bytes(self, value: Any) -> bytes:
        """Encode *value* as one AMP value (raise TypeError or ValueError)."""
        raise NotImplementedError

    def from_bytes(self, data: bytes) -> Any:
        """Decode one AMP value (raise ValueError if it is malformed)."""
        raise NotImplementedError

    def to_box(self, key: bytes, value: Any, box: Box) -> None:
        """Put *value* into *box* under *key* (and, for big values, more keys)."""
        box[key] = self.to_bytes(value)

    def from_box(self, key: bytes, box: Mapping[bytes, bytes]) -> Any:
        """Take the value stored under *key* in a received *box*."""
        data = box[key]
        if type(data) is memoryview:
            data = data.tobytes()
        return self.from_bytes(data)


_compiled: dict = {}


def _pattern(source: bytes, ignore_case: bool = False):
    """The compiled regular expression *source*, compiled on first use.

    Compiling the patterns of this module at import took milliseconds that
    most programs (which never send a Float or a DateTime) would pay for
    nothing.
    """
    pattern = _compiled.get((source, ignore_case))
    if pattern is None:
        import re

        pattern = re.compile(source, re.IGNORECASE if ignore_case else 0)
        _compiled[source, ignore_case] = pattern
    return pattern


# Integers ------------------------------------------------------------------

# Python refuses to convert ints of more than about 4,300 digits to or from
# text in one go (CVE-2020-10735); splitting keeps any size working while
# each step stays under the limit.
_SAFE_DIGITS = 4000
_SMALL_INTEGER = 10**_SAFE_DIGITS


def _format_integer(number: int) -> str:
    if number < 0:
        return "-" + _format_integer(-number)
    try:
        return str(number)
    except ValueError:
        half = number.bit_length() * 30103 // 200_000  # half its digit count
        high, low = divmod(number, 10**half)
        return _format_integer(high) + _format_integer(low).rjust(half, "0")


def _parse_digits(digits: bytes) -> int:
    if len(digits) <= _SAFE_DIGITS:
        return int(digits)
    half = len(digits) // 2
    return _parse_digits(digits[:-half]) * 10**half + _parse_digits(digits[-half:])


class Integer(Argument):
    """An int of any size, sent as its decimal digits: ``123`` -> ``b"123"``."""

    def to_bytes(self, value: Any) -> bytes:
        if type(value) is not int:
            if isinstance(value, bool) or not hasattr(type(value), "__index__"):
                raise TypeError(f"expected an int, got {_describe(value)}")
            value = operator.index(value)
        if -_SMALL_INTEGER < value < _SMALL_INTEGER:
            return b"%d" % value
        return _format_integer(value).encode("ascii")

    def from_bytes(self, data: bytes) -> int:
        # bytes.isdigit() is true for ASCII digits only: no sign, space or "_".
        if data.isdigit():
            return int(data) if len(data) <= _SAFE_DIGITS else _parse_digits(data)
        if data[:1] == b"-" and data[1:].isdigit():
            return -_parse_digits(data[1:])
        raise ValueError(f"{data[:40]!r} is not an integer")


class Float(Argument):
    """A float, sent as its repr: ``1.5`` -> ``b"1.5"``, also ``nan``, ``inf``, ``-inf``.

    An int is accepted too and sent as the float it equals.
    """

    _FLOAT = (
        rb"[-+]?(?:nan|inf|infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?)"
    )

    def to_bytes(self, value: Any) -> bytes:
        if isinstance(value, bool) or not isinstance(value, (float, int)):
            raise TypeError(f"expected a float, got {_describe(value)}")
        try:
            return repr(float(value)).encode("ascii")
        except OverflowError:
            raise ValueError(
                f"an int of {value.bit_length()} bits is too large for a float"
            ) from None

    def from_bytes(self, data: bytes) -> float:
        if _pattern(self._FLOAT, ignore_case=True).fullmatch(data) is None:
            raise ValueError(f"{data[:40]!r} is not a float")
        return float(data)


class Boolean(Argument):
    """True or False, sent as ``b"True"`` or ``b"False"``."""

    def to_bytes(self, value: Any) -> bytes:
        # Only real bools: the truth of "False" or of 0.5 is rarely what
        # the sender meant.
        if value is True:
            return b"True"
        if value is False:
            return b"False"
        raise TypeError(f"expected True or False, got {_describe(value)}")

    def from_bytes(self, data: bytes) -> bool:
        if data == b"True":
            return True
        if data == b"False":
            return False
        raise ValueError(f"{data[:40]!r} is not a boolean (b'True' or b'False')")


class String(Argument):
    """Bytes, sent as they are (at most 65,535; BigString carries more)."""

    def to_bytes(self, value: Any) -> bytes:
        if isinstance(value, bytes):
            return value
        if isinstance(value, (bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, str):
            raise TypeError(
                f"expected bytes, got {_describe(value)}: "
                "use Unicode (or BigUnicode) for text"
            )
        raise TypeError(f"expected bytes, got {_describe(value)}")

    def from_bytes(self, data: bytes) -> bytes:
        return data


def _encode_text(value: Any) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"expected a str, got {_describe(value)}")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"the text holds {value[error.start:error.end]!r} at index "
            f"{error.start}, a lone surrogate that UTF-8 cannot encode"
        ) from None


class Unicode(Argument):
    """A str, sent as UTF-8 (at most 65,535 bytes; BigUnicode carries more)."""

    def to_bytes(self, value: Any) -> bytes:
        return _encode_text(value)

    def from_bytes(self, data: bytes) -> str:
        return data.decode("utf-8")


class Decimal(Argument):
    """A decimal.Decimal, sent as its str: ``Decimal("1.50")`` -> ``b"1.50"``.

    Precision and the special values travel too: ``Infinity``,
    ``-Infinity``, ``NaN``, ``-NaN``, ``sNaN``, ``-sNaN``.
    """

    _DECIMAL = (
        rb"[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?|inf|infinity|s?nan[0-9]*)"
    )

    def to_bytes(self, value: Any) -> bytes:
        import decimal

        if not isinstance(value, decimal.Decimal):
            raise TypeError(f"expected a decimal.Decimal, got {_describe(value)}")
        return str(value).encode("ascii")

    def from_bytes(self, data: bytes) -> decimal.Decimal:
        import decimal

        if _pattern(self._DECIMAL, ignore_case=True).fullmatch(data) is None:
            raise ValueError(f"{data[:40]!r} is not a decimal number")
        return decimal.Decimal(data.decode("ascii"))


class DateTime(Argument):
    """A timezone-aware datetime, sent as ``b"2024-05-01T13:45:00.000000+02:00"``.

    The wire holds the UTC offset in whole minutes, so the receiver gets a
    datetime with a fixed-offset timezone (``datetime.timezone``) for the
    same instant. A naive datetime (without tzinfo) cannot be sent: which
    instant it means depends on the sender's clock.
    """

    _DATETIME = (
        rb"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
        rb"\.([0-9]{6})([-+])([0-9]{2}):([0-9]{2})"
    )

    def to_bytes(self, value: Any) -> bytes:
        import datetime

        if not isinstance(value, datetime.datetime):
            raise TypeError(f"expected a datetime.datetime, got {_describe(value)}")
        offset = value.utcoffset()
        if offset is None:
            raise ValueError(
                f"{value!r} has no timezone; give it one, for example "
                "value.replace(tzinfo=datetime.timezone.utc)"
            )
        minutes, rest = divmod(offset, datetime.timedelta(minutes=1))
        if rest:
            raise ValueError(
                f"the UTC offset of {value!r} is not a whole number of minutes; "
                "AMP sends offsets in minutes"
            )
        # Twisted writes a zero offset as "-00:00": keep the bytes identical.
        sign = "+" if minutes > 0 else "-"
        return (
            f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
            f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}."
            f"{value.microsecond:06d}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        ).encode("ascii")

    def from_bytes(self, data: bytes) -> datetime.datetime:
        import datetime

        match = _pattern(self._DATETIME).fullmatch(data)
        if match is None:
            raise ValueError(f"{data[:40]!r} is not an AMP date and time")
        year, month, day, hour, minute, second, micro, sign, off_h, off_m = match.groups()
        offset = datetime.timedelta(hours=int(off_h), minutes=int(off_m))
        if sign == b"-":
            offset = -offset
        return datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            int(micro), tzinfo=datetime.timezone(offset),
        )


# Containers ----------------------------------------------------------------


class ListOf(Argument):
    """A list whose elements all have one type: ``ListOf(Integer())``.

    Sent as one AMP value holding each element with a 2-byte length before
    it, so the whole list must fit in 65,535 bytes.
    """

    def __init__(self, element_type: Argument, optional: bool = False) -> None:
        super().__init__(optional)
        if not isinstance(element_type, Argument):
            raise TypeError(
                f"ListOf needs an argument type such as Integer(), got {_describe(element_type)}"
            )
        if not element_type.single_value:
            raise TypeError(
                f"ListOf cannot hold {type(element_type).__name__}: each element "
                "must fit in one AMP value"
            )
        self.element_type = element_type

    def __repr__(self) -> str:
        optional = ", optional=True" if self.optional else ""
        return f"ListOf({self.element_type!r}{optional})"

    def to_bytes(self, value: Any) -> bytes:
        if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(
            value, Iterable
        ):
            raise TypeError(f"expected a list, got {_describe(value)}")
        parts = []
        encode = self.element_type.to_bytes
        for index, element in enumerate(value):
            try:
                encoded = encode(element)
            except TypeError as error:
                raise TypeError(f"element {index}: {error}") from None
            except ValueError as error:
                raise ValueError(f"element {index}: {error}") from None
            if len(encoded) > MAX_VALUE_LENGTH:
                raise ValueError(
                    f"element {index} is {len(encoded):,} bytes long; a list "
                    f"element holds at most {MAX_VALUE_LENGTH:,} bytes"
                )
            parts += (len(encoded).to_bytes(2, "big"), encoded)
        return b"".join(parts)

    def from_bytes(self, data: bytes) -> list:
        elements = []
        decode = self.element_type.from_bytes
        position, end = 0, len(data)
        while position < end:
            if end - position < 2:
                raise ValueError("the list ends in the middle of an element's length")
            length = int.from_bytes(data[position : position + 2], "big")
            position += 2
            if end - position < length:
                raise ValueError("the list ends in the middle of an element")
            elements.append(decode(data[position : position + length]))
            position += length
        return elements


class AmpList(Argument):
    """A list of dicts that share one schema, each sent as a nested AMP box.

    ``AmpList([('x', Integer()), ('label', Unicode())])`` carries
    ``[{'x': 1, 'label': 'a'}, {'x': 2, 'label': 'b'}]``. The whole list must
    fit in 65,535 bytes.
    """

    def __init__(self, subarguments: list[tuple[str, Argument]], optional: bool = False) -> None:
        super().__init__(optional)
        self.schema = Schema(subarguments, "AmpList")

    def __repr__(self) -> str:
        optional = ", optional=True" if self.optional else ""
        return f"AmpList({self.schema.arguments!r}{optional})"

    def to_bytes(self, value: Any) -> bytes:
        if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(
            value, Iterable
        ):
            raise TypeError(f"expected a list of dicts, got {_describe(value)}")
        parts: list = []
        for index, element in enumerate(value):
            if not isinstance(element, Mapping):
                raise TypeError(f"element {index}: expected a dict, got {_describe(element)}")
            box = self.schema.encode(element, f"element {index}")
            encode_box_parts(box, parts)
        return b"".join(parts)

    def from_bytes(self, data: bytes) -> list[dict]:
        try:
            boxes = parse_boxes(data)
        except ProtocolError as error:
            raise ValueError(str(error)) from None
        return [self.schema.decode(box, f"element {index}") for index, box in enumerate(boxes)]


# Values of any size ---------------------------------------------------------


def put_chunks(key: bytes, chunks: Iterable[BytesLike], box: Box) -> None:
    """Spread a big value, given as *chunks*, over ``key``, ``key.2``, ``key.3``, ...

    Chunks longer than an AMP value are cut (without copying); the chunk
    boundaries carry no meaning, the receiver only joins them.
    """
    index = 1
    for chunk in chunks:
        view = memoryview(chunk).cast("B")
        for start in range(0, view.nbytes, MAX_VALUE_LENGTH):
            box[key if index == 1 else b"%s.%d" % (key, index)] = view[start : start + MAX_VALUE_LENGTH]
            index += 1
    if index == 1:
        box[key] = b""


def get_chunks(key: bytes, box: Mapping[bytes, bytes]) -> list[bytes]:
    """The chunks that :func:`put_chunks` spread over a received *box*, in order."""
    chunks = [box[key]]
    index = 2
    next_key = key + b".2"
    while next_key in box:
        chunks.append(box[next_key])
        index += 1
        next_key = b"%s.%d" % (key, index)
    return chunks


def _join(chunks: list[BytesLike]) -> bytes:
    """The *chunks* (bytes or memoryviews) as one bytes object, copied once."""
    if len(chunks) == 1 and type(chunks[0]) is bytes:
        return chunks[0]
    return b"".join(chunks)


def _bytes_only(box: Mapping[bytes, BytesLike]) -> Mapping[bytes, bytes]:
    """*box*, or a copy of it whose memoryview values are bytes."""
    for value in box.values():
        if type(value) is memoryview:
            return {
                key: value.tobytes() if type(value) is memoryview else value
                for key, value in box.items()
            }
    return box


class BigString(Argument):
    """Bytes of any size, spread over the keys ``name``, ``name.2``, ``name.3``, ..."""

    single_value = False
    accepts_buffers = True  # _join copies the chunks once, views or not

    def to_box(self, key: bytes, value: Any, box: Box) -> None:
        put_chunks(key, [String.to_bytes(self, value)], box)

    def from_box(self, key: bytes, box: Mapping[bytes, bytes]) -> bytes:
        return _join(get_chunks(key, box))


class BigUnicode(Argument):
    """A str of any size, sent as UTF-8 spread over ``name``, ``name.2``, ..."""

    single_value = False
    accepts_buffers = True

    def to_box(self, key: bytes, value: Any, box: Box) -> None:
        put_chunks(key, [_encode_text(value)], box)

    def from_box(self, key: bytes, box: Mapping[bytes, bytes]) -> str:
        return _join(get_chunks(key, box)).decode("utf-8")


# Schemas: the (name, type) lists of commands and AmpLists -------------------

#: The keys AMP itself puts into boxes; no argument may have these names.
RESERVED_NAMES = frozenset(
    ["_command", "_ask", "_answer", "_error", "_error_code", "_error_description"]
)


class Schema:
    """A compiled list of ``(name, argument type)`` pairs.

    It encodes a dict of Python values into a box and decodes a box back,
    with errors that name the owner (a command, or an AmpList) and the
    argument.
    """

    def __init__(self, arguments: Iterable[tuple[str, Argument]], owner: str) -> None:
        self.arguments = list(arguments)
        self.owner = owner
        self.names: dict[str, tuple[bytes, Argument]] = {}
        for entry in self.arguments:
            if not (isinstance(entry, tuple) and len(entry) == 2):
                raise TypeError(
                    f"{owner}: each argument is a (name, type) pair such as "
                    f"('text', Unicode()), got {_describe(entry)}"
                )
            name, argument = entry
            if not isinstance(name, str):
                raise TypeError(f"{owner}: argument names are str, got {_describe(name)}")
            if not name.isidentifier():
                raise ValueError(
                    f"{owner}: the argument name {name!r} is not a Python identifier"
                )
            if not isinstance(argument, Argument):
                raise TypeError(
                    f"{owner}: the type of {name!r} must be an argument type instance "
                    f"such as Integer(), got {_describe(argument)}"
                )
            if name in self.names:
                raise ValueError(f"{owner}: the argument name {name!r} appears twice")
            if name in RESERVED_NAMES:
                raise ValueError(
                    f"{owner}: {name!r} cannot be an argument name: AMP uses that key itself"
                )
            key = name.encode("utf-8")
            check_key(key)
            self.names[name] = (key, argument)
        #: ``(name, key, argument type)`` for each argument, in declared order.
        self.entries = [(name, key, argument) for name, (key, argument) in self.names.items()]
        # What decode() does for each argument: most types decode the one
        # value under their key (from_bytes), and calling that directly
        # spares a call per argument; the others decode from the whole box.
        self._decoders = [
            (
                name,
                key,
                argument.from_bytes if type(argument).from_box is Argument.from_box else None,
                argument,
            )
            for name, key, argument in self.entries
        ]

    def encode(self, values: Mapping[str, Any], context: str = "") -> Box:
        """Encode *values* into a new box; raise TypeError/ValueError naming the argument."""
        where = f"{self.owner}{' ' + context if context else ''}"
        for name in values:
            if name not in self.names:
                expected = ", ".join(self.names) or "none"
                raise TypeError(
                    f"{where} got an unexpected argument {name!r}; its arguments are: {expected}"
                )
        box: Box = {}
        for name, key, argument in self.entries:
            value = values.get(name)
            if value is None:
                if argument.optional:
                    continue
                state = "None" if name in values else "nothing"
                raise TypeError(
                    f"{where} needs a value for {name!r} ({type(argument).__name__}), got {state}"
                )
            try:
                argument.to_box(key, value, box)
            except TypeError as error:
                raise TypeError(f"{where}, argument {name!r}: {error}") from error
            except ValueError as error:
                raise ValueError(f"{where}, argument {name!r}: {error}") from error
            if argument.single_value and len(box[key]) > MAX_VALUE_LENGTH:
                raise ValueError(
                    f"{where}, argument {name!r}: the value is {len(box[key]):,} bytes "
                    f"long; an AMP value holds at most {MAX_VALUE_LENGTH:,} bytes "
                    "(BigString and BigUnicode carry longer ones)"
                )
        return box

    def decode(self, box: Mapping[bytes, bytes], context: str = "") -> dict[str, Any]:
        """Decode a received box; raise ProtocolError if it is missing or malformed."""
        values = {}
        plain_box = None  # the box with bytes only, made if a type needs it
        for name, key, from_bytes, argument in self._decoders:
            if key not in box:
                if argument.optional:
                    values[name] = None
                    continue
                raise ProtocolError(
                    f"{self.owner}{' ' + context if context else ''}: the peer left out "
                    f"the argument {name!r}"
                )
            try:
                if from_bytes is not None:
                    value = box[key]
                    if type(value) is memoryview:
                        value = value.tobytes()
                    values[name] = from_bytes(value)
                elif argument.accepts_buffers:
                    values[name] = argument.from_box(key, box)
                else:
                    if plain_box is None:
                        plain_box = _bytes_only(box)
                    values[name] = argument.from_box(key, plain_box)
            except Exception as error:  # any failure to decode is the peer's fault
                raise ProtocolError(
                    f"{self.owner}{' ' + context if context else ''}: the peer sent a "
                    f"malformed {type(argument).__name__} for {name!r}: {error}"
                ) from error
        return values
