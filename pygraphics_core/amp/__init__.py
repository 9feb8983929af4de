"""AMP, the Asynchronous Messaging Protocol, as PyGraphics speaks it.

The student's Python process and the GUI process talk AMP over a socket.
Each side can call *commands* on the other: a command is a class that
declares typed arguments, a typed response and the errors it may raise::

    from pygraphics_core import amp

    class Say(amp.Command):
        arguments = [('text', amp.BigUnicode())]
        response = []

The caller uses a blocking :class:`Proxy`::

    with amp.Proxy('127.0.0.1', port, timeout=10) as proxy:
        proxy.callRemote(Say, text='Hello')

and the side that serves the command registers a *responder* with a
:class:`Dispatcher`, which its event loop feeds with the bytes it receives::

    dispatcher = amp.Dispatcher()
    dispatcher.register(Say, lambda text: print(text) or {})
    sock.sendall(dispatcher.data_received(sock.recv(65536)))

On the wire, every message is a *box* of key/value byte strings; the
encodings are Twisted's (``twisted.protocols.amp``), so a Twisted AMP peer
can take either side. Errors:

- the responder raised an error the command declares in ``errors``: the
  caller gets the same exception class, with the responder's message;
- the peer has no responder: :class:`AMPError` with code ``UNHANDLED``;
- the responder raised anything else: :class:`AMPError` with code
  ``UNKNOWN`` and a description naming the exception and the line that
  raised it (Twisted closes the connection here; we keep it open, so that
  one buggy window does not cut a student off from all the others);
- the caller sent arguments that do not decode as the command declares
  them (a peer with another declaration, say): :class:`AMPError` with code
  ``UNKNOWN`` naming the argument, and the connection is closed (as
  Twisted does);
- the peer sent something malformed, or broke a limit: :class:`ProtocolError`
  (a ConnectionError); the connection is closed (it refuses anything more,
  as h11's connections do after an error);
- the peer closed the connection: :class:`ConnectionClosed` (a ConnectionError).

The layers, each usable on its own: :mod:`.boxes` (the wire format),
:mod:`.arguments` (argument types), :mod:`.images` (PILImage),
:mod:`.commands` (Command), :mod:`.connection` (the protocol state
machine, sans-I/O), :mod:`.dispatcher` (server side, sans-I/O) and :mod:`.proxy` (blocking client).
"""

from .arguments import (
    AmpList,
    Argument,
    BigString,
    BigUnicode,
    Boolean,
    DateTime,
    Decimal,
    Float,
    Integer,
    ListOf,
    String,
    Unicode,
)
from .boxes import MAX_KEY_LENGTH, MAX_VALUE_LENGTH
from .commands import Command
from .dispatcher import Dispatcher
from .errors import UNHANDLED, UNKNOWN, AMPError, ConnectionClosed, ProtocolError
from .images import PILImage

__all__ = [
    "AMPError",
    "AmpList",
    "Argument",
    "BigString",
    "BigUnicode",
    "Boolean",
    "Command",
    "ConnectionClosed",
    "DateTime",
    "Decimal",
    "Dispatcher",
    "Float",
    "Integer",
    "ListOf",
    "MAX_KEY_LENGTH",
    "MAX_VALUE_LENGTH",
    "PILImage",
    "ProtocolError",
    "Proxy",
    "String",
    "UNHANDLED",
    "UNKNOWN",
    "Unicode",
]


def __getattr__(name):
    # The Proxy (and with it the socket module) loads when first asked for:
    # ``import media`` imports every plugin's commands, and thus this
    # package, but a program only needs the Proxy once it opens a window.
    if name == "Proxy":
        from .proxy import Proxy

        return Proxy
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
