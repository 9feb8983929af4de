"""Calling a function when a socket can be read or written, from Tk's event loop.

On POSIX, Tk itself watches the socket (``createfilehandler``), so the
process sleeps until something happens. Tk on Windows has no file handlers;
there the socket is checked with a zero-timeout ``select`` from a short,
self-adjusting ``after()`` timer: every few milliseconds right after
traffic, backing off to every 20 ms when the connection is quiet.

An exception raised by a callback is reported (Tk's
``report_callback_exception``) and goes no further: from a file handler it
would end Tk's event loop, and with it every window of the process.
"""

from __future__ import annotations

import os
import select
import socket
import sys
import tkinter

# typing is not imported at run time: this module loads while the student
# waits for their first window (the annotations are never evaluated).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable

#: Set PYGRAPHICS_GUI_SOCKET_WATCH=poll to use the Windows way on POSIX (tests do).
MODE_VARIABLE = "PYGRAPHICS_GUI_SOCKET_WATCH"

_FASTEST_POLL_MS = 1
_SLOWEST_POLL_MS = 20


def file_handlers_available(root: tkinter.Tk) -> bool:
    """True if Tk can watch sockets itself on this platform."""
    return os.environ.get(MODE_VARIABLE) != "poll" and hasattr(root.tk, "createfilehandler")


class SocketWatcher:
    """Run ``on_readable()`` whenever ``sock`` can be read, from Tk's event loop.

    Between :meth:`pause` and :meth:`resume` the socket is not watched for
    reading; the server pauses while a responder runs, because a responder
    may run a nested event loop (a modal dialog) and must not be
    re-entered. :meth:`watch_writable` also runs a function whenever the
    socket can take more bytes (the server's unsent answers wait for that,
    rather than blocking the windows).
    """

    def __init__(self, root: tkinter.Tk, sock: socket.socket, on_readable: Callable[[], None]):
        self._root = root
        self._socket = sock
        self._on_readable = on_readable
        self._on_writable: Callable[[], None] | None = None
        self._use_file_handler = file_handlers_available(root)
        self._reading = False
        self._writing = False
        self._handler_mask = 0  # what Tk's file handler watches now
        self._timer: str | None = None
        self._poll_ms = _FASTEST_POLL_MS

    def resume(self) -> None:
        """Start (or restart) watching the socket for reading."""
        if not self._reading:
            self._reading = True
            self._update()

    def pause(self) -> None:
        """Stop watching the socket for reading until :meth:`resume`."""
        if self._reading:
            self._reading = False
            self._update()

    def watch_writable(self, on_writable: Callable[[], None] | None) -> None:
        """Call ``on_writable()`` whenever the socket can be written; None stops that."""
        self._on_writable = on_writable
        writing = on_writable is not None
        if writing != self._writing:
            self._writing = writing
            self._update()

    def stop(self) -> None:
        """Stop watching the socket at all (before it is closed)."""
        self._reading = self._writing = False
        self._update()

    def _update(self) -> None:
        if self._use_file_handler:
            mask = ((tkinter.READABLE if self._reading else 0)
                    | (tkinter.WRITABLE if self._writing else 0))
            if mask == self._handler_mask:
                return
            if mask:
                # One handler per socket: making it again replaces the old one.
                self._root.tk.createfilehandler(self._socket, mask, self._file_ready)
            else:
                self._root.tk.deletefilehandler(self._socket)
            self._handler_mask = mask
        elif self._reading or self._writing:
            if self._timer is None:
                self._poll_ms = _FASTEST_POLL_MS
                self._timer = self._root.after(0, self._poll)
        elif self._timer is not None:
            self._root.after_cancel(self._timer)
            self._timer = None

    def _file_ready(self, _file, mask: int) -> None:
        if mask & tkinter.WRITABLE and self._writing:
            self._run(self._on_writable)
        if mask & (tkinter.READABLE | tkinter.EXCEPTION) and self._reading:
            self._run(self._on_readable)

    def _run(self, callback: Callable[[], None]) -> None:
        try:
            callback()
        except Exception:
            self._root.report_callback_exception(*sys.exc_info())

    def _poll(self) -> None:
        self._timer = None
        if not (self._reading or self._writing):
            return
        try:
            readable, writable, _ = select.select(
                [self._socket] if self._reading else [],
                [self._socket] if self._writing else [], [], 0)
        except (OSError, ValueError):  # closed under us: whoever closed it stops us
            readable = writable = []
        if readable or writable:
            self._poll_ms = _FASTEST_POLL_MS
        else:
            self._poll_ms = min(self._poll_ms * 2, _SLOWEST_POLL_MS)
        if writable and self._writing:
            self._run(self._on_writable)
        if readable and self._reading:
            self._run(self._on_readable)
        if (self._reading or self._writing) and self._timer is None:
            self._timer = self._root.after(self._poll_ms, self._poll)
