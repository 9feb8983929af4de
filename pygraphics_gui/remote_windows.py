"""The GUI process's side of :mod:`pygraphics_core.remote_windows`: a test drives its windows.

Only when the GUI process was started with ``PYGRAPHICS_TEST_DRIVER`` in
its environment (the ``student`` fixture sets it): the process connects to
the test's port, waits for the test to prove it knows the secret, then
answers its commands from Tk's event loop, beside the student's
connection. Keys, clicks and drags are made with
:mod:`pygraphics_gui.testing`, through Tk, as a plugin's own tests make
them.

An action is carried out *after* its answer has been sent: a key that
opens a modal dialog runs that dialog's event loop until the dialog
closes, and the test must be free meanwhile to act on the dialog (its
next commands are answered from inside that loop). What the action does
is then seen by the test's next command, never before.
"""

from __future__ import annotations

import hmac
import os
import socket
import sys
import tkinter

from pygraphics_core import amp
from pygraphics_core.gui_process import LOOPBACK
from pygraphics_core.remote_windows import (
    Click, CloseWindow, DriverHello, Drag, ListWindows, PressButton, PressKeys, Screenshot,
    TypeText, WindowClosedError, WrongDriverSecret)
from pygraphics_gui import testing
from pygraphics_gui.socket_watch import SocketWatcher

#: Seconds to reach the test's port, and the longest a send to it may block.
TIMEOUT = 10.0


def serve(root: tkinter.Tk, address: str) -> None:
    """Connect to the test at ``address`` (``port:secret``) and answer its commands.

    If the test cannot be reached, say so on stderr and carry on without it.
    """
    port, _, secret = address.partition(":")
    try:
        connection = socket.create_connection((LOOPBACK, int(port)), timeout=TIMEOUT)
        _Driver(root, connection, bytes.fromhex(secret))
    except (OSError, ValueError) as error:
        print(f"PyGraphics: the test that drives this window process could not be reached "
              f"({error}); its windows are not driven.", file=sys.stderr)


class _TclWindow:
    """A window Tk made that tkinter has no object for (a Tk file dialog), by its path."""

    def __init__(self, tk, path: str):
        self.tk = tk
        self._path = path

    def __str__(self) -> str:
        return self._path


class _Driver:
    """The connection to the test, served from Tk's event loop."""

    def __init__(self, root: tkinter.Tk, connection: socket.socket, secret: bytes):
        self._root = root
        self._tk = root.tk
        self._connection = connection
        self._secret = secret
        self._dispatcher = amp.Dispatcher()
        self._dispatcher.register(DriverHello, self._hello)
        self._actions: list = []
        self._watcher = SocketWatcher(root, connection, self._readable)
        self._watcher.resume()

    def _hello(self, secret: bytes) -> dict:
        if not hmac.compare_digest(secret, self._secret):
            raise WrongDriverSecret("this is not the secret the test gave this process")
        for command, responder in [
                (ListWindows, self._list_windows), (PressKeys, self._press_keys),
                (TypeText, self._type_text), (Click, self._click), (Drag, self._drag),
                (PressButton, self._press_button), (CloseWindow, self._close_window),
                (Screenshot, self._screenshot)]:
            self._dispatcher.register(command, responder)
        return {"pid": os.getpid()}

    def _readable(self) -> None:
        try:
            data = self._connection.recv(65536)
        except (BlockingIOError, InterruptedError, socket.timeout):
            return
        except OSError:
            data = b""
        if not data:
            self._stop()
            return
        try:
            answer = self._dispatcher.data_received(data)
            self._connection.sendall(answer)
        except (OSError, amp.ProtocolError):
            self._stop()
            return
        actions, self._actions = self._actions, []
        for action in actions:
            try:
                action()
            except Exception as error:  # the test sees the window's state next
                print(f"PyGraphics: a test's action on a window failed: "
                      f"{type(error).__name__}: {error}", file=sys.stderr)

    def _stop(self) -> None:
        self._watcher.stop()
        self._connection.close()

    # -- finding windows and widgets ---------------------------------------------

    def _toplevels(self) -> list[str]:
        tk = self._tk
        return [path for path in testing._descendants(tk, ".")[1:]
                if str(tk.call("winfo", "toplevel", path)) == path]

    def _list_windows(self) -> dict:
        tk = self._tk
        tk.call("update", "idletasks")
        focused = str(tk.call("focus"))
        focused_window = str(tk.call("winfo", "toplevel", focused)) if focused else ""
        return {"windows": [
            {"id": path, "title": str(tk.call("wm", "title", path)),
             "x": int(tk.call("winfo", "rootx", path)),
             "y": int(tk.call("winfo", "rooty", path)),
             "width": int(tk.call("winfo", "width", path)),
             "height": int(tk.call("winfo", "height", path)),
             "viewable": bool(tk.call("winfo", "viewable", path)),
             "focused": path == focused_window}
            for path in self._toplevels()]}

    def _widget(self, window: str, name: str | None = None):
        """The window (or its widget named ``name``) as an object the helpers act on."""
        if window not in self._toplevels():
            raise WindowClosedError(f"the window {window} is not open (any more)")
        path = window if name is None else testing._find_path(self._tk, window, name)
        try:
            return self._root.nametowidget(path)
        except KeyError:
            return _TclWindow(self._tk, path)

    def _later(self, action, *arguments, **options) -> dict:
        self._actions.append(lambda: action(*arguments, **options))
        return {}

    # -- acting on them ----------------------------------------------------------

    def _press_keys(self, window: str, keys: list[str]) -> dict:
        for key in keys:
            testing._key_event(key)  # a bad key name is the test's mistake: say so now
        return self._later(testing.press_keys, self._widget(window), *keys)

    def _type_text(self, window: str, text: str) -> dict:
        return self._later(testing.type_text, self._widget(window), text)

    def _click(self, window: str, widget: str | None, x: int | None, y: int | None,
               button: int, times: int, picture: bool) -> dict:
        target = self._widget(window, widget)
        if picture:
            testing.picture_point(target, x or 0, y or 0)  # shows a picture at all?
        return self._later(testing.click, target, x, y, button=button, times=times,
                           picture=picture)

    def _drag(self, window: str, widget: str | None, start: list[int], end: list[int],
              button: int, steps: int, picture: bool) -> dict:
        target = self._widget(window, widget)
        if len(start) != 2 or len(end) != 2:
            raise ValueError(f"a drag goes from (x, y) to (x, y), not from {start} to {end}")
        if picture:
            testing.picture_point(target, *start)
        return self._later(testing.drag, target, tuple(start), tuple(end), button=button,
                           steps=steps, picture=picture)

    def _press_button(self, window: str, text: str) -> dict:
        target = self._widget(window)
        testing._find_button(self._tk, window, text)  # there, and enabled?
        return self._later(testing.press_button, target, text)

    def _close_window(self, window: str) -> dict:
        self._widget(window)
        on_close = str(self._tk.call("wm", "protocol", window, "WM_DELETE_WINDOW"))
        if on_close:
            return self._later(self._tk.eval, on_close)
        return self._later(self._tk.call, "destroy", window)

    def _screenshot(self, window: str) -> dict:
        self._widget(window)
        from PIL import ImageGrab

        tk = self._tk
        tk.call("update")
        left, top = int(tk.call("winfo", "rootx", window)), int(tk.call("winfo", "rooty", window))
        box = (left, top, left + int(tk.call("winfo", "width", window)),
               top + int(tk.call("winfo", "height", window)))
        if tk.call("tk", "windowingsystem") == "x11":
            # A reply from the X server: every drawing request before it is done.
            tk.call("winfo", "pointerxy", window)
            image = ImageGrab.grab(bbox=box, xdisplay=str(tk.call("winfo", "screen", window)))
        else:
            image = ImageGrab.grab(bbox=box)
        return {"image": image.convert("RGB")}
