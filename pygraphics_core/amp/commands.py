"""Commands: the remote calls two AMP peers agree on, declared as classes.

A command names its arguments and its response with argument types, and
the exceptions its responder may raise::

    class Divide(Command):
        arguments = [('numerator', Integer()), ('denominator', Integer())]
        response = [('result', Float())]
        errors = {ZeroDivisionError: 'ZERO_DIVISION'}

The wire name of the command is its class name unless ``commandName`` says
otherwise. ``errors`` (and ``fatalErrors``, whose codes also close the
connection) are inherited from base commands, as in Twisted.
"""

from __future__ import annotations

from collections.abc import Mapping

from .arguments import Argument, Schema
from .boxes import Box, MAX_VALUE_LENGTH

# Only type checkers need typing (it is slow to import).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

__all__ = ["Command"]


def _error_code(code: Any, command_name: str) -> bytes:
    if isinstance(code, str):
        code = code.encode("utf-8")
    if not isinstance(code, bytes) or not 0 < len(code) <= MAX_VALUE_LENGTH:
        raise TypeError(
            f"{command_name}: error codes are non-empty str such as 'NOT_FOUND', got {code!r}"
        )
    return code


class Command:
    """Subclass me to declare a command (see the module docstring).

    Class attributes:

    ``commandName``
        the name on the wire (a str); defaults to the class name.
    ``arguments``, ``response``
        lists of ``(name, argument type)`` pairs; names are str.
    ``errors``, ``fatalErrors``
        dicts mapping exception classes to error codes (str). The caller
        receives a declared error as its own class, built from the
        responder's message; a fatal one also closes the connection.
    ``requiresAnswer``
        False for a command that gets no answer (``callRemote`` then returns
        None at once, and the peer sends nothing back).
    """

    commandName: ClassVar[str]
    arguments: ClassVar[list[tuple[str, Argument]]] = []
    response: ClassVar[list[tuple[str, Argument]]] = []
    errors: ClassVar[dict[type[Exception], str]] = {}
    fatalErrors: ClassVar[dict[type[Exception], str]] = {}
    requiresAnswer: ClassVar[bool] = True

    # Filled in for each subclass by __init_subclass__.
    _wire_name: ClassVar[bytes]
    _argument_schema: ClassVar[Schema]
    _response_schema: ClassVar[Schema]
    _error_codes: ClassVar[dict[type[Exception], bytes]]
    _error_classes: ClassVar[dict[bytes, type[Exception]]]
    _fatal_codes: ClassVar[frozenset[bytes]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "commandName" not in cls.__dict__:
            cls.commandName = cls.__name__
        name = cls.commandName
        if isinstance(name, bytes):
            name = cls.commandName = name.decode("utf-8")
        if not isinstance(name, str) or not name:
            raise TypeError(f"{cls.__name__}: commandName must be a non-empty str, got {name!r}")
        cls._wire_name = name.encode("utf-8")
        if len(cls._wire_name) > MAX_VALUE_LENGTH:
            raise ValueError(f"{cls.__name__}: commandName is too long for AMP")
        cls._argument_schema = Schema(cls.arguments, name)
        cls._response_schema = Schema(cls.response, f"the response of {name}")

        error_codes: dict[type[Exception], bytes] = {}
        fatal_codes: set[bytes] = set()
        # Base commands first, so that a subclass may re-declare a code.
        for klass in reversed(cls.__mro__):
            for attribute, fatal in (("errors", False), ("fatalErrors", True)):
                declared = klass.__dict__.get(attribute)
                if not declared:
                    continue
                if not isinstance(declared, Mapping):
                    raise TypeError(f"{cls.__name__}.{attribute} must be a dict")
                for error_class, code in declared.items():
                    if not (isinstance(error_class, type) and issubclass(error_class, Exception)):
                        raise TypeError(
                            f"{cls.__name__}.{attribute}: keys are exception classes, "
                            f"got {error_class!r}"
                        )
                    code = _error_code(code, cls.__name__)
                    error_codes[error_class] = code
                    if fatal:
                        fatal_codes.add(code)
        cls._error_codes = error_codes
        cls._error_classes = {code: error_class for error_class, code in error_codes.items()}
        cls._fatal_codes = frozenset(fatal_codes)

    # The codec of this command, used by the connection -------------------

    @classmethod
    def encode_arguments(cls, values: Mapping[str, Any]) -> Box:
        """Encode the keyword arguments of a call into a box (no special keys)."""
        return cls._argument_schema.encode(values)

    @classmethod
    def decode_arguments(cls, box: Mapping[bytes, bytes]) -> dict[str, Any]:
        """Decode a received command box into keyword arguments for the responder."""
        return cls._argument_schema.decode(box)

    @classmethod
    def encode_response(cls, values: Mapping[str, Any]) -> Box:
        """Encode a responder's result dict into a box (no special keys)."""
        return cls._response_schema.encode(values)

    @classmethod
    def decode_response(cls, box: Mapping[bytes, bytes]) -> dict[str, Any]:
        """Decode a received answer box into the response dict."""
        return cls._response_schema.decode(box)

    @classmethod
    def code_for_error(cls, error: BaseException) -> bytes | None:
        """The declared code of *error* (or of a base class of it), else None."""
        for error_class in type(error).__mro__:
            code = cls._error_codes.get(error_class)
            if code is not None:
                return code
        return None
