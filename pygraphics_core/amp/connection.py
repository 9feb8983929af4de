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
"""

from __future__ import annotations

from collections import namedtuple
from functools import partial
from collections.abc import Mapping

from .boxes import MAX_BOX_SIZE, SMALL_CHUNK, Box, BoxParser, encode_box, encode_box_parts
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


class CommandReceived(
    namedtuple("CommandReceived", ["command_name", "tag", "box", "arguments"], defaults=[None])
):
    """The peer sent a command. ``tag`` is None when it wants no answer.

    ``command_name`` is a str, ``box`` the received box (bytes to bytes).
    ``arguments`` holds the decoded arguments when the connection decoded
    them already (see :meth:`Connection.expect_call`), else None.
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


# The fast path makes its events with tuple.__new__, which skips the
# Python-level __new__ that namedtuple writes (a call less on every message).
_answer_event = partial(tuple.__new__, AnswerReceived)
_command_event = partial(tuple.__new__, CommandReceived)

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
        # The command the peer most likely calls next (see expect_call), and
        # the largest chunk worth trying the fast path on (the general path
        # alone enforces max_box_size).
        self._likely_call: Optional[type[Command]] = None
        self._fast_limit = min(SMALL_CHUNK, max_box_size)
        # Whether the parser holds no part of a box (kept here, after each
        # feed, so that the fast path need not ask it every time).
        self._parser_idle = True

    def expect_call(self, command: type[Command]) -> None:
        """Tell the connection that the peer will probably call *command* next.

        A program tends to call one command many times in a row (setting
        pixels, say): the dispatcher names the command it served last, and
        a call of it is then decoded by its template in one pass (see
        :mod:`.templates`). A wrong guess costs a few comparisons.
        """
        self._likely_call = command

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
        if not (isinstance(command, type) and issubclass(command, Command)):
            raise TypeError(f"expected a Command subclass, got {command!r}")
        # Twisted numbers every command, answered or not, in hexadecimal.
        tag = b"%x" % (self._last_tag + 1)
        data = command._call_template.encode(arguments, tag)
        if data is not None:
            parts = [data]
        else:
            # What the template leaves (big values, errors): build the box.
            box = command.encode_arguments(arguments)
            box[COMMAND] = command._wire_name
            if command.requiresAnswer:
                box[ASK] = tag
            parts = []
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
        data = command._answer_template.encode(response, tag)
        if data is not None:
            return data
        box = command.encode_response(response)
        box[ANSWER] = tag
        return encode_box(box)

    def error(self, tag: bytes, code: str | bytes, description: str) -> bytes:
        """Encode an error answer to the command we received with *tag*."""
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
        AMP (after which the connection must be closed).
        """
        # Most chunks hold exactly one small box that we can expect: the
        # answer to our one open question, or the call we served last.
        if self._awaiting or self._likely_call is not None:
            size = data.nbytes if type(data) is memoryview else len(data)
            if size <= self._fast_limit and self._parser_idle:
                event = self._expected_event(data if type(data) is bytes else bytes(data))
                if event is not None:
                    return [event]
        self._parser_idle = False  # stays so if feed raises: the connection is over
        boxes = self._parser.feed(data)
        self._parser_idle = not self._parser.has_partial_box
        return [self._event_for(box) for box in boxes]

    def _expected_event(self, data: bytes) -> Optional[Event]:
        """The event of *data* if it is one whole box of the layout we expect, else None."""
        awaiting = self._awaiting
        if awaiting:
            if len(awaiting) != 1:
                return None
            tag, command = awaiting.popitem()
            decoded = command._answer_template.decode(data)
            if decoded is not None and decoded[0] == tag:
                return _answer_event((tag, command, decoded[2]))
            awaiting[tag] = command  # not this answer: the general path decides
            return None
        command = self._likely_call
        decoded = command._call_template.decode(data)
        if decoded is None:
            return None
        tag, box, arguments = decoded
        return _command_event((command.commandName, tag, box, arguments))

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
