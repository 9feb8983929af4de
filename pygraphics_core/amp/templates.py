"""Box templates: the fast way to encode the boxes a command sends most.

Most messages are small boxes whose keys are known as soon as the command
is declared: the call of ``Ping(number=...)`` always holds ``_ask``,
``_command`` and ``number``. A :class:`BoxTemplate` works out once, per
command, the order of those keys on the wire, the bytes of each key with
its length, and the bytes of the constant pairs (the command name). Encoding
a message is then one pass that encodes each value and puts it between the
prebuilt pieces: no box dict, no sorting, no per-key checks.

A template handles only what it can do without surprises: arguments that
fit in one AMP value and use the plain :meth:`Argument.to_bytes`. When a
message has anything else (a value that is missing, too long, of the wrong
type, an unknown argument name) :meth:`BoxTemplate.encode` returns None, and
the caller takes the general path (:meth:`Schema.encode` and
:func:`~pygraphics_core.amp.boxes.encode_box_parts`), which encodes it or
raises the error that names the argument. So both paths give the same
bytes and the same errors, and the general one stays the single source of
the messages.
"""

from __future__ import annotations

from .arguments import Argument, Schema
from .boxes import MAX_VALUE_LENGTH, check_key, length_prefix

__all__ = ["BoxTemplate"]

# The four kinds of step in a template, in wire order.
_CONSTANT = 0  # a whole key/value pair, prebuilt
_TAG = 1  # the question tag, given to each encode call
_ARGUMENT = 2  # an argument of the schema
_OPTIONAL = 3  # an optional argument: skipped when it is None


class BoxTemplate:
    """The wire layout of the boxes of one schema plus some special keys.

    *constants* are pairs every box holds with the same value (``_command``
    and its name); *tag_key*, if given, is the key whose value each call
    passes (``_ask`` or ``_answer``).
    """

    def __init__(
        self, schema: Schema, constants: dict[bytes, bytes], tag_key: bytes | None = None
    ) -> None:
        #: False when some argument needs the general path (BigString,
        #: PILImage, an argument type that overrides to_box): encode()
        #: then always returns None.
        self.usable = all(
            argument.single_value and type(argument).to_box is Argument.to_box
            for _, _, argument in schema.entries
        )
        steps: dict[bytes, tuple] = {}
        for key, value in constants.items():
            check_key(key)
            pair = length_prefix(len(key)) + key + length_prefix(len(value)) + value
            steps[key] = (_CONSTANT, pair, None, None)
        if tag_key is not None:
            steps[tag_key] = (_TAG, length_prefix(len(tag_key)) + tag_key, None, None)
        for name, key, argument in schema.entries:
            kind = _OPTIONAL if argument.optional else _ARGUMENT
            steps[key] = (kind, length_prefix(len(key)) + key, name, argument.to_bytes)
        # AMP writes keys sorted; sorting once here spares every message.
        self._steps = [steps[key] for key in sorted(steps)]
        self._end = length_prefix(0)

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
        for kind, head, name, to_bytes in self._steps:
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
        parts.append(self._end)
        return b"".join(parts)
