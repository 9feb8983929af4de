"""The AMP conversation as a state machine: bytes in, events out (sans-I/O).

:class:`Connection` knows AMP's rules (the ``_command``/``_ask``/
``_answer``/``_error`` keys, question tags, decoding answers with the
command that was asked) but touches no socket. The blocking
:class:`~pygraphics_core.amp.proxy.Proxy` and the event-loop-driven
:class:`~pygraphics_core.amp.dispatcher.Dispatcher` are thin wrappers
around it, and tests can drive it with plain bytes::

    connection = Connection()
    tag, data = connection.send_command(Divide, {'numerator': 1, 'denominator': 2})
    # ... send data, receive reply bytes ...
    for event in connection.receive_data(reply):
        if isinstance(event, AnswerReceived) and event.tag == tag:
            print(event.response)

Like h11's connections, a :class:`Connection` that received something
malformed stays broken: once :meth:`Connection.receive_data` has raised
:class:`ProtocolError`, every later call (to receive or to send) raises
it again, saying what went wrong first. The only thing left to do is to
close the socket.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping

from .boxes import MAX_BOX_SIZE, Box, BoxParser, encode_box, encode_box_parts
from .commands import Command
from .errors import AMPError, ProtocolError

# Only type checkers need typing (it is slow to import).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional

__all__ = [
    "Connection",
    "CommandReceived",
    "AnswerReceived",
    "ErrorReceived",
    "Event",
]

COMMAND = b"_command"
ASK = b"_ask"
ANSWER = b"_answer"
ERROR = b"_error"
ERROR_CODE = b"_error_code"
ERROR_DESCRIPTION = b"_error_description"


# Events are named tuples (collections.namedtuple: typing.NamedTuple would
# import typing, which is slow).


class CommandReceived(namedtuple("CommandReceived", ["command_name", "tag", "box"])):
    """The peer sent a command. ``tag`` is None when it wants no answer.

    ``command_name`` is a str, ``box`` the received box (bytes to bytes);
    whoever serves the command decodes its arguments
    (:meth:`Command.decode_arguments`).
    """

    __slots__ = ()


class AnswerReceived(namedtuple("AnswerReceived", ["tag", "command", "response"])):
    """The peer answered the command we sent with ``tag``; ``response`` is decoded."""

    __slots__ = ()


class ErrorReceived(namedtuple("ErrorReceived", ["tag", "command", "error", "fatal"])):
    """The peer answered the command we sent with ``tag`` with an error.

    ``error`` is the exception to raise: the class the command declared for
    the code, or :class:`AMPError`. ``fatal`` says the code is one of the
    command's ``fatalErrors`` (the connection is then over).
    """

    __slots__ = ()


Event = "CommandReceived | AnswerReceived | ErrorReceived"
"""What :meth:`Connection.receive_data` gives a list of (for annotations)."""


class Connection:
    """One side of one AMP connection, without any I/O."""

    def __init__(self, max_box_size: int = MAX_BOX_SIZE) -> None:
        # Boxes go to Schema.decode, which gives each argument type the
        # bytes or views it accepts.
        self._parser = BoxParser(max_box_size, give_views=True)
        self._last_tag = 0
        # Questions we asked and still expect an answer to: tag -> command.
        self._awaiting: dict[bytes, type[Command]] = {}
        # The ProtocolError that ended this connection (its ERROR state).
        self._broken_by: Optional[ProtocolError] = None

    @property
    def broken(self) -> bool:
        """True once the peer broke the protocol: the connection refuses everything."""
        return self._broken_by is not None

    def _refuse_if_broken(self) -> None:
        if self._broken_by is not None:
            raise ProtocolError(
                f"this AMP connection is unusable since the peer broke the protocol "
                f"({self._broken_by}); close it (a new connection starts afresh)"
            )

    def send_command(
        self, command: type[Command], arguments: Mapping[str, Any]
    ) -> tuple[Optional[bytes], bytes]:
        """Encode a call of *command*; return ``(tag, bytes to send)``.

        The tag identifies the answer to wait for; it is None for a command
        whose ``requiresAnswer`` is False. Raises TypeError or ValueError,
        naming the argument, for a value that cannot be sent; nothing is
        recorded then.
        """
        tag, parts = self.send_command_parts(command, arguments)
        return tag, b"".join(parts)

    def send_command_parts(
        self, command: type[Command], arguments: Mapping[str, Any]
    ) -> tuple[Optional[bytes], list]:
        """Like :meth:`send_command`, but give the bytes as a list of parts.

        Sending the parts in turn (a few at a time) spares a big message,
        such as a picture, from being copied into one more large buffer.
        """
        self._refuse_if_broken()
        if not (isinstance(command, type) and issubclass(command, Command)):
            raise TypeError(f"expected a Command subclass, got {command!r}")
        box = command.encode_arguments(arguments)
        box[COMMAND] = command._wire_name
        # Twisted numbers every command, answered or not, in hexadecimal.
        tag = b"%x" % (self._last_tag + 1)
        if command.requiresAnswer:
            box[ASK] = tag
        parts: list = []
        encode_box_parts(box, parts)
        self._last_tag += 1
        if not command.requiresAnswer:
            return None, parts
        self._awaiting[tag] = command
        return tag, parts

    def answer(self, tag: bytes, command: type[Command], response: Mapping[str, Any]) -> bytes:
        """Encode the answer to the command we received with *tag*.

        Raises TypeError or ValueError if *response* does not fit the
        command's ``response`` declaration.
        """
        self._refuse_if_broken()
        box = command.encode_response(response)
        box[ANSWER] = tag
        return encode_box(box)

    def error(self, tag: bytes, code: str | bytes, description: str) -> bytes:
        """Encode an error answer to the command we received with *tag*."""
        self._refuse_if_broken()
        if isinstance(code, str):
            code = code.encode("utf-8")
        return encode_box(
            {
                ERROR: tag,
                ERROR_CODE: code,
                ERROR_DESCRIPTION: _truncate_utf8(description.encode("utf-8", "replace")),
            }
        )

    def receive_data(self, data: bytes | bytearray | memoryview) -> list[Event]:
        """Take bytes received from the peer; return the events they complete.

        Raises :class:`ProtocolError` for anything that is not well-formed
        AMP; the connection is then broken for good (see the module
        docstring) and must be closed.
        """
        self._refuse_if_broken()
        try:
            return [self._event_for(box) for box in self._parser.feed(data)]
        except ProtocolError as error:
            self._broken_by = error
            raise

    def _event_for(self, box: Box) -> Event:
        if ANSWER in box:
            tag = box[ANSWER]
            command = self._command_asked_with(tag)
            return AnswerReceived(tag, command, command.decode_response(box))
        if ERROR in box:
            tag = box[ERROR]
            command = self._command_asked_with(tag)
            code = box.get(ERROR_CODE)
            if code is None:
                raise ProtocolError(f"the peer's error answer to {command.commandName} has no code")
            description = box.get(ERROR_DESCRIPTION, b"").decode("utf-8", "replace")
            return ErrorReceived(
                tag, command, _error_for(command, code, description), code in command._fatal_codes
            )
        if COMMAND in box:
            try:
                name = box[COMMAND].decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(
                    f"the peer sent a command name that is not UTF-8: {box[COMMAND][:40]!r}"
                ) from None
            return CommandReceived(name, box.get(ASK), box)
        raise ProtocolError(
            "the peer sent an AMP box that is neither a command nor an answer "
            f"(its keys: {sorted(box)[:10]!r})"
        )

    def _command_asked_with(self, tag: bytes) -> type[Command]:
        command = self._awaiting.pop(tag, None)
        if command is None:
            raise ProtocolError(f"the peer answered a question never asked (tag {tag[:20]!r})")
        return command


def _error_for(command: type[Command], code: bytes, description: str) -> Exception:
    error_class = command._error_classes.get(code)
    if error_class is not None:
        try:
            return error_class(description)
        except Exception:
            pass  # an exception class that cannot be built from a message
    return AMPError(code.decode("utf-8", "replace"), description)


def _truncate_utf8(text: bytes, limit: int = 65_535) -> bytes:
    """Cut *text* to at most *limit* bytes without splitting a UTF-8 character."""
    if len(text) <= limit:
        return text
    return text[: limit - 3].decode("utf-8", "ignore").encode("utf-8") + b"..."
