"""Box templates: the fast way to encode and decode the boxes of a command.

Most messages are small boxes whose keys are known as soon as the command
is declared: the call of ``Ping(number=...)`` always holds ``_ask``,
``_command`` and ``number``. A :class:`BoxTemplate` works out once, per
command, the order of those keys on the wire, the bytes of each key with
its length, and the bytes of the constant pairs (the command name). Encoding
a message is then one pass that encodes each value and puts it between the
prebuilt pieces: no box dict, no sorting, no per-key checks. Decoding the
answer a proxy waits for (or the call a dispatcher served last, which is
usually the next one too) is the same pass backwards: each prebuilt key is
compared in place with the received bytes, and each value goes straight to
its decoder.

A template handles only what it can do without surprises: arguments that
fit in one AMP value and use the plain :meth:`Argument.to_bytes` and
:meth:`Argument.from_bytes`. When a message has anything else (a value that
is missing, too long, of the wrong type, an unknown argument name; received
bytes that are not exactly one box of this layout) :meth:`BoxTemplate.encode`
and :meth:`BoxTemplate.decode` return None, and the caller takes the general
path (:class:`Schema` and :mod:`.boxes`), which handles it or raises the
error that names the argument. So both paths give the same results and the
same errors, and the general one stays the single source of the messages.
"""

from __future__ import annotations

from .arguments import _SAFE_DIGITS, _SMALL_INTEGER, Argument, Integer, Schema
from .boxes import MAX_VALUE_LENGTH, check_key, length_prefix

__all__ = ["BoxTemplate"]

# The four kinds of step in a template, in wire order.
_CONSTANT = 0  # a whole key/value pair, prebuilt
_TAG = 1  # the question tag, given to each encode call
_ARGUMENT = 2  # an argument of the schema
_OPTIONAL = 3  # an optional argument: skipped when it is None

_END_OF_BOX = length_prefix(0)


class BoxTemplate:
    """The wire layout of the boxes of one schema plus some special keys.

    *constants* are pairs every box holds with the same value (``_command``
    and its name); *tag_key*, if given, is the key whose value each call
    passes (``_ask`` or ``_answer``). *keep_box* says whether
    :meth:`decode` also gives the received box (a dispatcher hands it on
    with the command; a proxy needs only the values of an answer).
    """

    def __init__(
        self,
        schema: Schema,
        constants: dict[bytes, bytes],
        tag_key: bytes | None = None,
        keep_box: bool = True,
    ) -> None:
        self._keep_box = keep_box
        #: False when some argument needs the general path (BigString,
        #: PILImage, an argument type that overrides to_box): encode()
        #: then always returns None.
        self.usable = all(
            argument.single_value
            and type(argument).to_box is Argument.to_box
            and type(argument).from_box is Argument.from_box
            for _, _, argument in schema.entries
        )
        # Each key of the layout, in wire order, with what to do with it:
        # (kind, key, head, name, to_bytes, from_bytes). *head* is the key
        # with its length before it, or for a constant the whole pair.
        layout: dict[bytes, tuple] = {}
        for key, value in constants.items():
            check_key(key)
            pair = length_prefix(len(key)) + key + length_prefix(len(value)) + value
            layout[key] = (_CONSTANT, key, pair, None, None, None)
        if tag_key is not None:
            layout[tag_key] = (_TAG, tag_key, length_prefix(len(tag_key)) + tag_key, None, None, None)
        for name, key, argument in schema.entries:
            kind = _OPTIONAL if argument.optional else _ARGUMENT
            head = length_prefix(len(key)) + key
            layout[key] = (kind, key, head, name, argument.to_bytes, argument.from_bytes)
        # AMP writes keys sorted; sorting once here spares every message.
        # Constant pairs are joined to the head of the key that follows them
        # whenever that key is always there (the tag, a required argument):
        # one step less for each, in encoding and in decoding.
        steps = []
        constant = b""
        for kind, key, head, name, to_bytes, from_bytes in (layout[key] for key in sorted(layout)):
            if kind == _CONSTANT:
                constant += head
                continue
            if constant and kind == _OPTIONAL:
                steps.append((_CONSTANT, None, constant, None, None, None))
            else:
                head = constant + head
            constant = b""
            steps.append((kind, key, head, name, to_bytes, from_bytes))
        self._encode_steps = [(kind, head, name, to_bytes) for kind, _, head, name, to_bytes, _ in steps]
        # For decoding, *skip* is how far from the step's start its value
        # starts (or, for a constant, the next step).
        self._decode_steps = [
            (kind, key, head, len(head) + (0 if kind == _CONSTANT else 2), name, from_bytes)
            for kind, key, head, name, _, from_bytes in steps
        ]
        self._constants = dict(constants)
        # The constants after the last other key, and the end of the box.
        self._tail = constant + _END_OF_BOX
        if self.usable:
            # The loops of encode() and decode() below are the specification;
            # these are the same steps unrolled for this layout (as
            # namedtuple and dataclasses write their methods), which makes
            # a small message about a third cheaper.
            self.encode, self.decode = _unrolled(
                self._encode_steps, self._decode_steps, self._tail, self._constants, keep_box
            )

    def encode(self, values, tag: bytes = b"") -> bytes | None:
        """The wire form of the box of *values* (and *tag*), or None.

        None means "use the general path": it encodes what this template
        cannot, and raises the errors that name the argument.
        """
        if not self.usable:
            return None
        parts = []
        # How many names of *values* this schema knows: any other name is
        # an error that the general path reports.
        known = 0
        for kind, head, name, to_bytes in self._encode_steps:
            if kind == _CONSTANT:
                parts.append(head)
                continue
            if kind == _TAG:
                parts += (head, length_prefix(len(tag)), tag)
                continue
            value = values.get(name)
            if value is None:
                if kind == _OPTIONAL:
                    if name in values:
                        known += 1
                    continue
                return None
            known += 1
            try:
                encoded = to_bytes(value)
            except (TypeError, ValueError):
                return None
            if type(encoded) is not bytes or len(encoded) > MAX_VALUE_LENGTH:
                return None
            parts += (head, length_prefix(len(encoded)), encoded)
        if known != len(values):
            return None
        parts.append(self._tail)
        return b"".join(parts)

    def decode(self, data: bytes) -> tuple[bytes | None, dict | None, dict] | None:
        """Decode *data* if it is exactly one box of this layout, else None.

        Returns ``(tag, box, values)``: the value of the tag key (None
        without one), the received box (key to bytes, as the general parser
        gives it; None unless *keep_box*) and the decoded values of the
        schema's arguments. None means "use the general path", which also
        reports anything malformed. Optional arguments must all be present
        here.
        """
        if not self.usable:
            return None
        tag = None
        box = self._constants.copy() if self._keep_box else None
        values = {}
        position = 0
        end = len(data) - len(self._tail)  # where the tail should start
        for kind, key, head, skip, name, from_bytes in self._decode_steps:
            if not data.startswith(head, position):
                return None
            if kind == _CONSTANT:
                position += skip
                continue
            value_start = position + skip
            if value_start > end:
                return None
            value_end = value_start + ((data[value_start - 2] << 8) | data[value_start - 1])
            if value_end > end:
                return None
            value = data[value_start:value_end]
            position = value_end
            if box is not None:
                box[key] = value
            if kind == _TAG:
                tag = value
            else:
                try:
                    values[name] = from_bytes(value)
                except Exception:  # malformed: the general path says what is wrong
                    return None
        if position != end or not data.endswith(self._tail):
            return None
        return tag, box, values


def _unrolled(
    encode_steps: list, decode_steps: list, tail: bytes, constants: dict, keep_box: bool
):
    """Write and compile encode() and decode() for one layout, steps unrolled.

    The generated functions do exactly what the loops of
    :meth:`BoxTemplate.encode` and :meth:`BoxTemplate.decode` do for these
    steps (the tests hold them side by side); only the loop, the unpacking
    of each step and the dispatch on its kind are gone, and the common
    case of :class:`Integer` (the type of most arguments: coordinates,
    sizes, colour components) is written inline, exactly as Integer does
    it. Every constant of the layout is passed in by name, never written
    into the source.
    """
    namespace = {
        "length_prefix": length_prefix,
        "MAX_VALUE_LENGTH": MAX_VALUE_LENGTH,
        "SMALL_INTEGER": _SMALL_INTEGER,
        "SAFE_DIGITS": _SAFE_DIGITS,
        "tail": tail,
        "constants": constants,
    }
    encode = ["def encode(values, tag=b''):", "    known = 0"]
    pieces = []
    for index, (kind, head, name, to_bytes) in enumerate(encode_steps):
        namespace[f"head_{index}"] = head
        namespace[f"name_{index}"] = name
        namespace[f"to_bytes_{index}"] = to_bytes
        if kind == _CONSTANT:
            pieces.append(f"head_{index}")
        elif kind == _TAG:
            pieces += (f"head_{index}", "length_prefix(len(tag))", "tag")
        elif kind == _ARGUMENT:
            encode += [
                f"    value = values.get(name_{index})",
                "    if value is None:",
                "        return None",
                "    known += 1",
            ]
            general = [
                "    try:",
                f"        encoded_{index} = to_bytes_{index}(value)",
                "    except (TypeError, ValueError):",
                "        return None",
                f"    if type(encoded_{index}) is not bytes:",
                "        return None",
            ]
            if _is_integer(to_bytes):
                encode += [
                    "    if type(value) is int and -SMALL_INTEGER < value < SMALL_INTEGER:",
                    f"        encoded_{index} = b'%d' % value",
                    "    else:",
                    *("    " + line for line in general),
                ]
            else:
                encode += general
            encode += [
                f"    size_{index} = len(encoded_{index})",
                f"    if size_{index} > MAX_VALUE_LENGTH:",
                "        return None",
            ]
            pieces += (f"head_{index}", f"length_prefix(size_{index})", f"encoded_{index}")
        else:  # _OPTIONAL: the whole pair, or nothing
            encode += [
                f"    value = values.get(name_{index})",
                "    if value is None:",
                f"        if name_{index} in values:",
                "            known += 1",
                f"        pair_{index} = b''",
                "    else:",
                "        known += 1",
                "        try:",
                f"            encoded = to_bytes_{index}(value)",
                "        except (TypeError, ValueError):",
                "            return None",
                "        if type(encoded) is not bytes or len(encoded) > MAX_VALUE_LENGTH:",
                "            return None",
                f"        pair_{index} = head_{index} + length_prefix(len(encoded)) + encoded",
            ]
            pieces.append(f"pair_{index}")
    pieces.append("tail")
    encode += [
        "    if known != len(values):",
        "        return None",
        f"    return b''.join(({', '.join(pieces)},))",
    ]

    decode = [
        "def decode(data):",
        "    tag = None",
        "    box = constants.copy()" if keep_box else "    box = None",
        "    values = {}",
        "    position = 0",
        f"    end = len(data) - {len(tail)}",
    ]
    for index, (kind, key, head, skip, name, from_bytes) in enumerate(decode_steps):
        namespace[f"decode_head_{index}"] = head
        namespace[f"key_{index}"] = key
        namespace[f"name_{index}"] = name
        namespace[f"from_bytes_{index}"] = from_bytes
        decode += [
            f"    if not data.startswith(decode_head_{index}, position):",
            "        return None",
        ]
        if kind == _CONSTANT:
            decode.append(f"    position += {skip}")
            continue
        decode += [
            f"    start = position + {skip}",
            "    if start > end:",
            "        return None",
            "    position = start + ((data[start - 2] << 8) | data[start - 1])",
            "    if position > end:",
            "        return None",
            "    value = data[start:position]",
        ]
        if keep_box:
            decode.append(f"    box[key_{index}] = value")
        if kind == _TAG:
            decode.append("    tag = value")
        elif _is_integer(from_bytes):
            decode += [
                "    if value.isdigit() and len(value) <= SAFE_DIGITS:",
                f"        values[name_{index}] = int(value)",
                "    else:",
                "        try:",
                f"            values[name_{index}] = from_bytes_{index}(value)",
                "        except Exception:",
                "            return None",
            ]
        else:
            decode += [
                "    try:",
                f"        values[name_{index}] = from_bytes_{index}(value)",
                "    except Exception:",
                "        return None",
            ]
    decode += [
        "    if position != end or not data.endswith(tail):",
        "        return None",
        "    return tag, box, values",
    ]
    exec(compile("\n".join(encode + [""] + decode), "<AMP box template>", "exec"), namespace)
    return namespace["encode"], namespace["decode"]


def _is_integer(method) -> bool:
    """Whether *method* is Integer's own to_bytes or from_bytes (not an override)."""
    function = getattr(method, "__func__", None)
    return function is Integer.to_bytes or function is Integer.from_bytes
