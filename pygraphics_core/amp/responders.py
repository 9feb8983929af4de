"""Running the responders of commands the peer sends, and answering them.

Both ends of a PyGraphics connection receive commands: the GUI process
serves the student's calls (:class:`~pygraphics_core.amp.Dispatcher`), and
the student's process handles the few the GUI process sends it while it
waits, such as printed output (:class:`~pygraphics_core.amp.Proxy`). This
module holds what they share.
"""

from __future__ import annotations

from collections.abc import Mapping

from .commands import Command
from .connection import CommandReceived, Connection
from .errors import UNHANDLED, UNKNOWN, ProtocolError

# Only type checkers need typing (it is slow to import).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable

    Responder = Callable[..., Mapping[str, Any]]

__all__ = ["ResponderTable"]


def _log():
    """The logger of the AMP layer.

    logging (and traceback, in _where) are imported only when something goes
    wrong: together they took most of the time of importing this package.
    """
    import logging

    return logging.getLogger("pygraphics_core.amp")


def _where(error: BaseException) -> str:
    """Where *error* was raised, as ' (at file.py:12 in function)', for messages."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""
    frame = frames[-1]
    return f" (at {frame.filename}:{frame.lineno} in {frame.name})"


class ResponderTable:
    """The responders registered on one connection, by command name."""

    def __init__(self) -> None:
        self._responders: dict[str, tuple[type[Command], Responder]] = {}
        # Whether a responder runs now, and the failure it is to answer with
        # instead of its result (see fail_running_call).
        self._running = False
        self._failure: Exception | None = None

    def fail_running_call(self, error: Exception) -> bool:
        """Make the responder running now answer with *error* once it returns.

        Whoever calls this reports the failure; it is not logged again.
        Returns False (and does nothing) if no responder is running.
        """
        if not self._running:
            return False
        self._failure = error
        return True

    def register(self, command: type[Command], responder: Responder) -> None:
        """Run *responder* (called with the command's arguments as keywords) for
        each *command* the peer sends; it returns the response dict.

        Raises ValueError if a responder for that command name is registered
        already, TypeError if *command* is not a Command subclass or
        *responder* is not callable.
        """
        if not (isinstance(command, type) and issubclass(command, Command)):
            raise TypeError(f"expected a Command subclass, got {command!r}")
        if not callable(responder):
            raise TypeError(f"the responder for {command.commandName} must be callable, got {responder!r}")
        name = command.commandName
        if name in self._responders:
            registered = self._responders[name][0]
            raise ValueError(
                f"a responder for the command {name!r} is registered already "
                f"(for {registered.__module__}.{registered.__qualname__})"
            )
        self._responders[name] = (command, responder)

    def respond(self, connection: Connection, event: CommandReceived) -> tuple[bytes, bool]:
        """Run the responder for *event*; return ``(bytes to send, fatal)``.

        The bytes are the answer or error box (none when the peer wants no
        answer). *fatal* is True when the responder raised one of the
        command's ``fatalErrors``, or when the peer sent arguments that do
        not decode as the command declares them (Twisted answers those
        with an error too, then hangs up): send the bytes, then close the
        connection.
        """
        entry = self._responders.get(event.command_name)
        if entry is None:
            if event.tag is None:
                _log().warning(
                    "the peer sent the command %r, which has no responder here", event.command_name
                )
                return b"", False
            return connection.error(
                event.tag, UNHANDLED, f"No handler for command {event.command_name!r}"
            ), False
        command, responder = entry
        try:
            arguments = command.decode_arguments(event.box)
        except ProtocolError as error:
            _log().warning("%s; closing the connection", error)
            if event.tag is None:
                return b"", True
            return connection.error(event.tag, UNKNOWN, str(error)), True
        self._running = True
        try:
            result = responder(**arguments)
        except Exception as error:
            return self._error_answer(connection, event, command, error)
        finally:
            self._running = False
            failure, self._failure = self._failure, None
        if failure is not None:
            # Whoever failed the call has reported it already.
            return self._error_answer(connection, event, command, failure, reported=True)
        if event.tag is None:
            return b"", False
        if result is None:
            result = {}  # a responder of a command with no response may just return
        try:
            if type(result) is not dict and not isinstance(result, Mapping):
                raise TypeError(f"a responder returns a dict, not {type(result).__name__}")
            return connection.answer(event.tag, command, result), False
        except (TypeError, ValueError) as error:
            description = (
                f"the responder for {command.commandName} returned {result!r:.200}, "
                f"which cannot be sent: {error}"
            )
            _log().error("%s", description)
            return connection.error(event.tag, UNKNOWN, description), False

    @staticmethod
    def _error_answer(
        connection: Connection, event: CommandReceived, command: type[Command], error: Exception,
        reported: bool = False,
    ) -> tuple[bytes, bool]:
        code = command.code_for_error(error)
        fatal = code is not None and code in command._fatal_codes
        if code is None:
            # Twisted says only "Unknown Error"; naming the exception and the
            # line that raised it lets the caller find the bug.
            description = (
                f"the responder for {command.commandName} raised "
                f"{type(error).__name__}: {error}{_where(error)}"
            )
            if not reported:
                _log().error("%s", description, exc_info=error)
            code = UNKNOWN
        else:
            description = str(error)
        if event.tag is None:
            if code == UNKNOWN:
                return b"", False
            _log().error("the responder for %s raised %r", command.commandName, error)
            return b"", fatal
        return connection.error(event.tag, code, description), fatal
