"""Calling a function when a socket has something to read, from Tk's event loop.

On POSIX, Tk itself watches the socket (``createfilehandler``), so the
process sleeps until data arrives. Tk on Windows has no file handlers;
there the socket is checked with a zero-timeout ``select`` from a short,
self-adjusting ``after()`` timer: every few milliseconds right after
traffic, backing off to every 20 ms when the connection is quiet.
"""

from __future__ import annotations

import os
import select
import socket
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
    """Run ``on_readable()`` from Tk's event loop whenever ``sock`` can be read.

    Between :meth:`pause` and :meth:`resume` the socket is not watched; the
    server pauses while a responder runs, because a responder may run a
    nested event loop (a modal dialog) and must not be re-entered.
    """

    def __init__(self, root: tkinter.Tk, sock: socket.socket, on_readable: Callable[[], None]):
        self._root = root
        self._socket = sock
        self._on_readable = on_readable
        self._use_file_handler = file_handlers_available(root)
        self._watching = False
        self._timer: str | None = None
        self._poll_ms = _FASTEST_POLL_MS

    def resume(self) -> None:
        """Start (or restart) watching the socket."""
        if self._watching:
            return
        self._watching = True
        if self._use_file_handler:
            self._root.tk.createfilehandler(self._socket, tkinter.READABLE, self._file_ready)
        else:
            self._poll_ms = _FASTEST_POLL_MS
            self._timer = self._root.after(0, self._poll)

    def pause(self) -> None:
        """Stop watching the socket until :meth:`resume`."""
        if not self._watching:
            return
        self._watching = False
        if self._use_file_handler:
            self._root.tk.deletefilehandler(self._socket)
        elif self._timer is not None:
            self._root.after_cancel(self._timer)
            self._timer = None

    stop = pause

    def _file_ready(self, _file, _mask) -> None:
        self._on_readable()

    def _poll(self) -> None:
        self._timer = None
        if not self._watching:
            return
        readable, _, _ = select.select([self._socket], [], [], 0)
        if readable:
            self._poll_ms = _FASTEST_POLL_MS
            self._on_readable()
        else:
            self._poll_ms = min(self._poll_ms * 2, _SLOWEST_POLL_MS)
        if self._watching and self._timer is None:
            self._timer = self._root.after(self._poll_ms, self._poll)
