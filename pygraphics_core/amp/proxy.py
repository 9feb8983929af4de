"""The client side of a connection: blocking calls over a socket, no threads.

This is what the student's process uses to talk to the GUI process, in the
style of the old ampy library::

    with Proxy("127.0.0.1", port, timeout=10).connect() as proxy:
        proxy.callRemote(Say, text="Hello")

While it waits for an answer, the proxy also runs the responders
:meth:`Proxy.register` gave it for commands the peer sends meanwhile (the
GUI process sends printed output that way), and, if asked to
(:meth:`Proxy.probe_while_waiting`), checks now and then that the peer
still answers at all.
"""

from __future__ import annotations

import os
import select
import socket
import time
from .boxes import MAX_BOX_SIZE
from .commands import Command
from .connection import AnswerReceived, CommandReceived, Connection, ErrorReceived
from .errors import ConnectionClosed, ProtocolError
from .responders import ResponderTable

# Only type checkers need typing (it is slow to import, and annotations
# are never evaluated here).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, Mapping, Optional

__all__ = ["Proxy"]

# Large enough that a 6 MB picture arrives in few system calls, small
# enough to stay in the CPU's cache.
_RECEIVE_SIZE = 256 * 1024
# Without sendmsg (Windows), parts of a message are joined into batches of
# about this size before they are sent: few system calls and no tiny TCP
# segments, but never one more copy of a whole picture in a fresh buffer
# (whose page faults cost more than the copy itself).
_SEND_BATCH_SIZE = 256 * 1024
# A message of at most this many parts (keys, values and their lengths:
# a call with up to 16 arguments) is joined and sent in one piece: for the
# usual small call that costs less than gathering a dozen tiny buffers,
# and it copies at most a megabyte. Larger ones (a picture has hundreds of
# parts) are gathered by the kernel instead (_send_parts).
_JOINED_PARTS = 64
# The most buffers one sendmsg call takes (POSIX guarantees at least 16,
# Linux and macOS allow 1024): a picture's ~400 parts go in one call.
try:
    _MOST_BUFFERS = max(16, min(1024, os.sysconf("SC_IOV_MAX")))
except (AttributeError, OSError, ValueError):
    _MOST_BUFFERS = 16


def _send_parts(sock: socket.socket, parts: list) -> None:
    """Send *parts* in order, as if joined.

    Where the socket has sendmsg, the kernel gathers the parts itself, so
    a picture's pixels are never copied into a joined buffer (that copy
    took a third of a millisecond for a 6 MB picture).
    """
    if not hasattr(sock, "sendmsg"):
        _send_parts_joined(sock, parts)
        return
    index = 0
    count = len(parts)
    while index < count:
        batch = parts[index : index + _MOST_BUFFERS]
        sent = sock.sendmsg(batch)
        # sendmsg may send less than the batch (the socket's buffer filled
        # up): skip the parts that went whole, keep the rest of the one cut.
        for part in batch:
            size = len(part) if type(part) is not memoryview else part.nbytes
            if sent < size:
                if sent:
                    parts[index] = memoryview(part).cast("B")[sent:]
                break
            sent -= size
            index += 1


def _send_parts_joined(sock: socket.socket, parts: list) -> None:
    batch: list = []
    batch_size = 0
    for part in parts:
        batch.append(part)
        batch_size += len(part)
        if batch_size >= _SEND_BATCH_SIZE:
            sock.sendall(b"".join(batch))
            batch, batch_size = [], 0
    if batch:
        sock.sendall(b"".join(batch))


class Proxy:
    """A blocking AMP client.

    *timeout* (seconds, or None to wait for ever) bounds each wait: for the
    connection, and for each piece of an answer; a wait that runs out raises
    TimeoutError. When the peer closes the connection, calls raise
    :class:`ConnectionClosed` (a ConnectionError).
    """

    def __init__(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        *,
        max_box_size: int = MAX_BOX_SIZE,
    ) -> None:
        self.host = host
        self.port = port
        self._timeout = timeout
        self._socket: Optional[socket.socket] = None
        # Received bytes land in one buffer made once, not in a new bytes
        # object for each read.
        self._receive_buffer = memoryview(bytearray(_RECEIVE_SIZE))
        self._max_box_size = max_box_size
        self._connection = Connection(max_box_size)
        self._responders = ResponderTable()
        self._closed_because: Optional[str] = None
        # Liveness probes while a call waits without a time limit (see
        # probe_while_waiting): the command, when to send one, how long it
        # may go unanswered, and whom to tell.
        self._probe: Optional[type[Command]] = None
        self._probe_after = 0.0
        self._probe_patience = 0.0
        self._on_silence: Optional[Callable[[float], None]] = None
        self._on_answering_again: Optional[Callable[[], None]] = None

    def probe_while_waiting(
        self,
        command: type[Command],
        after: float,
        patience: float,
        on_silence: Callable[[float], None],
        on_answering_again: Optional[Callable[[], None]] = None,
    ) -> None:
        """While a call waits for its answer with no time limit, probe the peer.

        After *after* seconds without a byte from the peer, send *command*
        (one that takes no arguments and that the peer answers at once,
        even while it is busy with the call: the GUI process answers
        ``Ping`` from its event loop even during a modal dialog). If that
        probe is not answered within *patience* seconds, call
        ``on_silence(seconds)`` once for this wait: the peer has stopped
        answering everything (stuck, or stopped), which a slow answer (a
        dialog waiting for a person) is not. The wait goes on either way;
        ``on_answering_again()`` is called if the peer answers later.
        """
        self._probe = command
        self._probe_after = after
        self._probe_patience = patience
        self._on_silence = on_silence
        self._on_answering_again = on_answering_again

    @property
    def timeout(self) -> Optional[float]:
        """Seconds each wait may take (None: no limit); may be changed at any time."""
        return self._timeout

    @timeout.setter
    def timeout(self, seconds: Optional[float]) -> None:
        self._timeout = seconds
        if self._socket is not None:
            self._socket.settimeout(seconds)

    @classmethod
    def from_socket(cls, sock: socket.socket, timeout: Optional[float] = None) -> "Proxy":
        """Make a proxy that talks over *sock*, a socket connected already.

        For a connection that needs a handshake before AMP starts (such as
        proving a secret): do the handshake, then hand the socket over.
        """
        peer = sock.getpeername()
        host, port = (peer[0], peer[1]) if isinstance(peer, tuple) else (str(peer), 0)
        proxy = cls(host, port, timeout)
        proxy._adopt(sock)
        return proxy

    def _adopt(self, sock: socket.socket) -> None:
        sock.settimeout(self.timeout)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            # Calls are small request/answer pairs: Nagle's algorithm would
            # hold each one back for the previous acknowledgement.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket = sock
        self._closed_because = None
        # A new connection starts a new conversation (tags, parser state).
        self._connection = Connection(self._max_box_size)

    def connect(self) -> "Proxy":
        """Connect to the peer; return the proxy itself.

        A proxy that was closed may connect again; its registered
        responders stay.
        """
        if self._socket is not None:
            raise RuntimeError("this Proxy is connected already")
        self._adopt(socket.create_connection((self.host, self.port), timeout=self.timeout))
        return self

    @property
    def is_closed(self) -> bool:
        """True when the connection is closed (by either side, or never opened)."""
        return self._socket is None

    def close(self) -> None:
        """Close the connection (doing nothing if it is closed already)."""
        sock, self._socket = self._socket, None
        if sock is not None:
            self._closed_because = self._closed_because or "it was closed on this side"
            sock.close()

    def __enter__(self) -> "Proxy":
        if self._socket is None:
            self.connect()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def register(self, command: type[Command], responder: Callable[..., Mapping[str, Any]]) -> None:
        """Run ``responder(**arguments)`` for each *command* the peer sends.

        Such commands are handled while :meth:`callRemote` waits for its
        answer. Raises ValueError if that command has a responder already.
        """
        self._responders.register(command, responder)

    def callRemote(self, command: type[Command], **arguments: Any) -> Optional[dict[str, Any]]:
        """Call *command* on the peer with *arguments*; return its response dict.

        Blocks until the answer comes. A command with ``requiresAnswer =
        False`` returns None once it is sent. An error the command declares
        is raised as its declared class; any other error as AMPError.
        Values that cannot be sent raise TypeError or ValueError (naming
        the argument) before anything is sent.
        """
        sock = self._socket
        if sock is None:
            raise ConnectionClosed(
                f"cannot call {getattr(command, 'commandName', command)}: the connection "
                f"is closed ({self._closed_because or 'connect() was never called'})"
            )
        tag, parts = self._connection.send_command_parts(command, arguments)
        self._send_call(sock, command, parts)
        if tag is None:
            return None
        return self._wait_for_answer(sock, command, tag)

    def _send_call(self, sock: socket.socket, command: type[Command], parts: list) -> None:
        try:
            if len(parts) <= _JOINED_PARTS:
                sock.sendall(b"".join(parts))
            else:
                _send_parts(sock, parts)
        except OSError as error:
            self._lose(f"sending {command.commandName} failed: {error}")
            raise
        except BaseException:
            # Interrupted (Ctrl-C) half-way: the peer may hold half a box,
            # and nothing sent later could be understood.
            self._lose(f"sending {command.commandName} was interrupted")
            raise

    def _wait_for_answer(
        self, sock: socket.socket, command: type[Command], tag: bytes
    ) -> dict[str, Any]:
        outcome: Optional[AnswerReceived | ErrorReceived] = None
        probing = self._probe is not None and self._timeout is None
        heard_from_at = time.monotonic()
        probing_since: Optional[float] = None  # when the probe now unanswered was due
        probe_tag: Optional[bytes] = None  # its tag (None if it could not even be sent)
        silence_reported = False
        while outcome is None:
            if probing:
                # Wait for bytes, but not past the moment to send a probe or
                # to give up on one. (Ctrl-C ends this wait at once.)
                if probing_since is None:
                    due = heard_from_at + self._probe_after
                else:
                    due = probing_since + self._probe_patience
                if not select.select([sock], [], [], max(0.0, due - time.monotonic()))[0]:
                    if probing_since is None:
                        probing_since = time.monotonic()
                        probe_tag = self._send_probe(sock)
                    elif not silence_reported:
                        silence_reported = True
                        self._on_silence(time.monotonic() - heard_from_at)
                    continue
            try:
                count = sock.recv_into(self._receive_buffer)
            except TimeoutError:
                # The answer may still come: it will be recognised by its
                # tag and dropped, so the connection stays usable.
                raise TimeoutError(
                    f"no answer to {command.commandName} within {self.timeout} seconds"
                ) from None
            except OSError as error:
                self._lose(f"receiving failed: {error}")
                raise
            if not count:
                self._lose("the other side closed it")
                raise ConnectionClosed(
                    f"the other side closed the connection before answering {command.commandName}"
                )
            # An interrupt while waiting (above) leaves the connection
            # sound: the answer is dropped when it comes. One while handling
            # what arrived (below) may leave it half-parsed: close it then.
            try:
                events = self._connection.receive_data(self._receive_buffer[:count])
                # Handle every event these bytes complete, even after our
                # answer: commands that came with it must not wait for the
                # next call.
                heard_from_at = time.monotonic()
                for event in events:
                    if isinstance(event, CommandReceived):
                        self._run_responder(sock, event)
                    elif event.tag == tag:
                        outcome = event
                    elif probe_tag is not None and event.tag == probe_tag:
                        probing_since = probe_tag = None
                        if silence_reported and self._on_answering_again is not None:
                            self._on_answering_again()
                        silence_reported = False
                    # else: the late answer to a call that timed out (or to
                    # an earlier wait's probe); dropped.
            except ProtocolError as error:
                self._lose(f"the other side broke the protocol: {error}")
                raise
            except ConnectionClosed:
                raise
            except BaseException:
                self._lose("handling what the other side sent was interrupted")
                raise
        if isinstance(outcome, AnswerReceived):
            return outcome.response
        if outcome.fatal:
            self._lose(f"{command.commandName} failed with a fatal error")
        raise outcome.error

    def _send_probe(self, sock: socket.socket) -> Optional[bytes]:
        """Send a probe; return its tag, or None if the peer takes no bytes now.

        A peer that does not even read (its buffers are full) is not
        answering either: the probe's time runs all the same.
        """
        if not select.select([], [sock], [], 0)[1]:
            return None
        tag, parts = self._connection.send_command_parts(self._probe, {})
        self._send_call(sock, self._probe, parts)
        return tag

    def _run_responder(self, sock: socket.socket, event: CommandReceived) -> None:
        reply, fatal = self._responders.respond(self._connection, event)
        if reply:
            sock.sendall(reply)
        if fatal:
            self._lose(f"handling {event.command_name} from the other side failed for good")
            raise ConnectionClosed(
                f"the connection was closed: handling {event.command_name} from the other "
                f"side failed (a fatal error, or arguments that do not decode)"
            )

    def _lose(self, reason: str) -> None:
        self._closed_because = reason
        self.close()
