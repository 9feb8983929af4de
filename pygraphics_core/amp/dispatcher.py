"""The server side of a connection, for an event loop to feed (sans-I/O).

The GUI process reads whatever bytes have arrived on its socket, hands them
to :meth:`Dispatcher.data_received`, and sends back the bytes it returns::

    dispatcher = Dispatcher()
    dispatcher.register(Say, say)
    ...
    data = sock.recv(65536)          # when the event loop says it is readable
    if not data: ...                 # the client has gone
    sock.sendall(dispatcher.data_received(data))
    if dispatcher.closing:
        sock.close()                 # a fatal error was answered

The dispatcher never touches the socket itself. Two things the serving
loop should do:

- turn on ``TCP_NODELAY`` on the connection: a responder that sends output
  (:meth:`Dispatcher.command_bytes`) and then its answer makes two small
  writes, and without it the second waits for the peer's delayed
  acknowledgement of the first (about 40 ms on Linux, for every call);
- read into a buffer made once (``sock.recv_into``) and pass a memoryview
  of what arrived: :meth:`Dispatcher.data_received` copies what it keeps.
"""

from __future__ import annotations

from .boxes import MAX_BOX_SIZE, BoxParser
from .commands import Command
from .connection import ASK, COMMAND, CommandReceived, Connection
from .errors import ProtocolError
from .responders import ResponderTable

# Only type checkers need typing (it is slow to import, and annotations
# are never evaluated here).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, Mapping

__all__ = ["Dispatcher"]


class Dispatcher:
    """Runs the responders for the commands in a stream of received bytes.

    One dispatcher serves one connection. A responder may block (a modal
    dialog runs a nested Tk loop), so the event loop must not feed the same
    dispatcher again until :meth:`data_received` returns: doing so raises
    RuntimeError.
    """

    def __init__(self, max_box_size: int = MAX_BOX_SIZE) -> None:
        self._connection = Connection(max_box_size)
        self._responders = ResponderTable()
        self._running = False
        #: True once a fatal error was answered: send the bytes that
        #: data_received returned, then close the connection. Later data is
        #: ignored.
        self.closing = False

    def register(self, command: type[Command], responder: Callable[..., Mapping[str, Any]]) -> None:
        """Answer each *command* the peer sends with ``responder(**arguments)``.

        The responder returns the response dict (it may return None for a
        command with no response). Raises ValueError if that command name
        has a responder already.
        """
        self._responders.register(command, responder)

    def data_received(self, data: bytes | bytearray | memoryview) -> bytes:
        """Take the next bytes from the peer; return the bytes to send back.

        Runs the responder of every command the bytes complete, in order,
        and returns their answers and errors joined (``b""`` when nothing
        is to be sent). Raises ProtocolError if the bytes are not AMP, or
        if they break one of its limits; the connection must then be
        closed.
        """
        if self._running:
            raise RuntimeError(
                "Dispatcher.data_received was called again while a responder was "
                "still running: stop reading the socket until it returns"
            )
        if self.closing:
            return b""
        self._running = True
        try:
            replies = []
            for event in self._connection.receive_data(data):
                # We only ever send commands that need no answer, so the
                # connection has already refused any answer box as unasked.
                assert isinstance(event, CommandReceived)
                reply, fatal = self._responders.respond(self._connection, event)
                replies.append(reply)
                if fatal:
                    self.closing = True
                    break
            return replies[0] if len(replies) == 1 else b"".join(replies)
        finally:
            self._running = False

    def answer_probes(self, data: bytes, probe: type[Command]) -> bytes | None:
        """Answer *data* now if it holds nothing but whole calls of *probe*.

        *probe* is a command without arguments or response (such as
        ``Ping``). This may be called while a responder runs (a modal
        dialog): a caller waiting for that responder's answer checks
        meanwhile that this side is alive (:meth:`Proxy.probe_while_waiting`),
        and AMP lets answers come in any order. Returns the answers, or
        None when *data* holds anything else (a partial box included):
        nothing is answered then, and *data* is for :meth:`data_received`,
        in order, once the responder has returned.
        """
        if self.closing or self._connection.broken:
            return None
        parser = BoxParser(max_box_size=len(data))
        try:
            boxes = parser.feed(data)
        except ProtocolError:
            return None
        if not boxes or parser.has_partial_box:
            return None
        tags = []
        for box in boxes:
            if box.keys() != {COMMAND, ASK} or box[COMMAND] != probe._wire_name:
                return None
            tags.append(box[ASK])
        return b"".join(self._connection.answer(tag, probe, {}) for tag in tags)

    def fail_running_call(self, error: Exception) -> bool:
        """Make the call whose responder runs now answer with *error*, once it returns.

        For a failure the responder cannot see itself, such as an exception
        in a Tk callback of the modal dialog it waits on: whoever catches
        that closes the dialog, the responder returns, and the caller gets
        *error* (as if the responder had raised it) instead of the result.
        Returns False, doing nothing, when no responder is running.
        """
        return self._responders.fail_running_call(error)

    def command_bytes(self, command: type[Command], **arguments: Any) -> bytes:
        """Encode a command that needs no answer, to send to the peer.

        The GUI process uses this to send, for example, printed output to
        the student's process. Raises ValueError if *command* has
        ``requiresAnswer = True`` (a dispatcher cannot wait for answers),
        and TypeError or ValueError naming the argument for a value that
        cannot be sent.
        """
        if isinstance(command, type) and issubclass(command, Command) and command.requiresAnswer:
            raise ValueError(
                f"{command.commandName} needs an answer, and a Dispatcher cannot wait "
                "for one: give the command requiresAnswer = False"
            )
        return self._connection.send_command(command, arguments)[1]
