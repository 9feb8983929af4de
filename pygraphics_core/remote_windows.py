"""Driving the windows of a student's program from a test, on every system.

A student's windows live in the GUI process of their program. A test
cannot press keys in them through the operating system without an extra
program (xdotool, on X11 only; nothing comparable works with Tk on macOS
and Windows). So the test asks the GUI process itself: the GUI process
acts on its own windows through Tk, with the helpers of
:mod:`pygraphics_gui.testing` that a plugin's tests use in their own
process. Keys, clicks and drags reach the windows as Tk events, handled by
the windows' own bindings; the student's program and the GUI process are
the real ones.

How it works: the test listens on a loopback port
(:class:`RemoteWindows`) and starts the student's program with
``PYGRAPHICS_TEST_DRIVER=<port>:<secret>`` in its environment (the
``student`` fixture does both). Every GUI process that program starts
connects to the port (see :mod:`pygraphics_gui.remote_windows`); the test
proves with :class:`DriverHello` that it knows the secret, and sends the
commands below. Without that variable a GUI process opens no such
connection: it is for tests only.

In a test::

    def test_ok_gives_true(student):
        program = student("import media\\nprint('ANSWER', media.confirm('Go?'))")
        window = program.wait_for_window("Confirm")
        window.press("Return")
        assert program.expect("ANSWER") == "True"
"""

from __future__ import annotations

import os
import select
import socket
import time

from pygraphics_core import amp
from pygraphics_core.gui_process import DRIVER_VARIABLE, LOOPBACK

__all__ = ["DRIVER_VARIABLE", "RemoteWindow", "RemoteWindows", "WindowClosedError"]

#: Bound, in seconds, on each command to a GUI process and on each wait.
TIMEOUT = 20.0


class WrongDriverSecret(Exception):
    """The test's :class:`DriverHello` did not carry the secret this GUI process was given."""


class WindowClosedError(LookupError):
    """The window a test acts on is not open (any more)."""


_FINDING_ERRORS = {LookupError: "NOT_FOUND", WindowClosedError: "WINDOW_CLOSED",
                   ValueError: "BAD_VALUE"}


class DriverHello(amp.Command):
    """The test proves it knows the secret; the answer is the GUI process's id."""

    arguments = [("secret", amp.String())]
    response = [("pid", amp.Integer())]
    errors = {WrongDriverSecret: "WRONG_SECRET"}


class ListWindows(amp.Command):
    """Every top-level window of the GUI process (the hidden root left out)."""

    arguments = []
    response = [("windows", amp.AmpList([
        ("id", amp.Unicode()), ("title", amp.Unicode()),
        ("x", amp.Integer()), ("y", amp.Integer()),
        ("width", amp.Integer()), ("height", amp.Integer()),
        ("viewable", amp.Boolean()), ("focused", amp.Boolean()),
    ]))]


class PressKeys(amp.Command):
    """Press keys in a window (Tk key names; ``ctrl+a``)."""

    arguments = [("window", amp.Unicode()), ("keys", amp.ListOf(amp.Unicode()))]
    response = []
    errors = _FINDING_ERRORS


class TypeText(amp.Command):
    """Type text in a window, one key press per character."""

    arguments = [("window", amp.Unicode()), ("text", amp.BigUnicode())]
    response = []
    errors = _FINDING_ERRORS


class Click(amp.Command):
    """Click a window, or a widget of it, at widget or picture coordinates."""

    arguments = [("window", amp.Unicode()), ("widget", amp.Unicode(optional=True)),
                 ("x", amp.Integer(optional=True)), ("y", amp.Integer(optional=True)),
                 ("button", amp.Integer()), ("times", amp.Integer()),
                 ("picture", amp.Boolean())]
    response = []
    errors = _FINDING_ERRORS


class Drag(amp.Command):
    """Drag with the mouse in a window, or a widget of it."""

    arguments = [("window", amp.Unicode()), ("widget", amp.Unicode(optional=True)),
                 ("start", amp.ListOf(amp.Integer())), ("end", amp.ListOf(amp.Integer())),
                 ("button", amp.Integer()), ("steps", amp.Integer()),
                 ("picture", amp.Boolean())]
    response = []
    errors = _FINDING_ERRORS


class PressButton(amp.Command):
    """Press the button of a window that has this text."""

    arguments = [("window", amp.Unicode()), ("text", amp.Unicode())]
    response = []
    errors = _FINDING_ERRORS


class CloseWindow(amp.Command):
    """Close a window as its close button (the window manager's) would."""

    arguments = [("window", amp.Unicode())]
    response = []
    errors = _FINDING_ERRORS


class Screenshot(amp.Command):
    """What a window looks like on the screen now."""

    arguments = [("window", amp.Unicode())]
    response = [("image", amp.PILImage())]
    errors = _FINDING_ERRORS


#: Every command a GUI process answers for a test that drives it.
DRIVER_COMMANDS = [DriverHello, ListWindows, PressKeys, TypeText, Click, Drag, PressButton,
                   CloseWindow, Screenshot]


class _DrivenProcess:
    """One GUI process that connected, and the AMP connection to it."""

    def __init__(self, connection: socket.socket, secret: bytes):
        self.proxy = amp.Proxy.from_socket(connection, timeout=TIMEOUT)
        try:
            self.pid: int = self.proxy.callRemote(DriverHello, secret=secret)["pid"]
        except BaseException:
            self.proxy.close()
            raise
        self.gone = False

    def call(self, command: type, **arguments) -> dict:
        try:
            return self.proxy.callRemote(command, **arguments) or {}
        except ConnectionError:
            self.gone = True
            raise WindowClosedError("the window's GUI process has ended") from None


class RemoteWindows:
    """The GUI processes of one student's program, found and driven by a test.

    Give the program's process :attr:`environment`; then :meth:`windows`
    and :meth:`wait_for_windows` find its windows, whichever GUI process
    (a program may start a new one after its first has ended) holds them.
    """

    def __init__(self):
        self._listener = socket.create_server((LOOPBACK, 0))
        self._listener.setblocking(False)
        self._secret = os.urandom(16)
        self._processes: list[_DrivenProcess] = []

    @property
    def environment(self) -> dict[str, str]:
        """The environment variable that makes a GUI process connect here."""
        port = self._listener.getsockname()[1]
        return {DRIVER_VARIABLE: f"{port}:{self._secret.hex()}"}

    @property
    def pids(self) -> list[int]:
        """The process ids of the GUI processes that connected so far."""
        return [process.pid for process in self._processes]

    def accept(self, wait: float = 0.0) -> None:
        """Take in the GUI processes that connected, waiting up to ``wait`` s for one."""
        if self._listener.fileno() < 0:
            return
        ready, _, _ = select.select([self._listener], [], [], wait)
        while ready:
            try:
                connection, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            connection.setblocking(True)
            try:
                self._processes.append(_DrivenProcess(connection, self._secret))
            except (ConnectionError, TimeoutError, amp.AMPError):
                connection.close()  # it ended (or hung) before it could answer
            ready, _, _ = select.select([self._listener], [], [], 0)

    def windows(self, title: str | None = None) -> list[RemoteWindow]:
        """Return the windows open now (titled ``title``, if given), oldest process first."""
        self.accept()
        found = []
        for process in self._processes:
            if process.gone:
                continue
            try:
                listed = process.call(ListWindows)["windows"]
            except WindowClosedError:
                continue
            found.extend(RemoteWindow(process, fields) for fields in listed
                         if title is None or fields["title"] == title)
        return found

    def wait_for_windows(self, title: str, count: int, timeout: float = TIMEOUT
                         ) -> list[RemoteWindow]:
        """Wait until exactly ``count`` windows titled ``title`` are on the screen; return them.

        ``count=0`` waits until every such window has closed. Raises
        AssertionError, saying what there was, after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            everything = self.windows()
            shown = [window for window in everything if window.title == title and window.viewable]
            if len(shown) == count:
                return shown
            if time.monotonic() > deadline:
                titles = sorted({window.title for window in everything if window.viewable})
                raise AssertionError(
                    f"expected {count} window(s) titled {title!r} within {timeout} s, found "
                    f"{len(shown)}; the windows on the screen are titled: "
                    f"{', '.join(map(repr, titles)) or '(none)'}")
            # A new GUI process connecting is an event to wait for; a window
            # appearing in one is not (its state is polled, with this bound).
            self.accept(wait=0.02)

    def wait_for_window(self, title: str, timeout: float = TIMEOUT) -> RemoteWindow:
        """Wait until one window titled ``title`` is on the screen; return it."""
        [window] = self.wait_for_windows(title, 1, timeout)
        return window

    def close(self) -> None:
        """Stop listening and hang up on every GUI process (they carry on without a driver)."""
        self._listener.close()
        for process in self._processes:
            process.proxy.close()


class RemoteWindow:
    """One top-level window of a GUI process, as a test sees it and acts on it.

    ``title``, ``x``, ``y``, ``width``, ``height`` (on the screen, when it
    was found), ``viewable`` (on the screen, not hidden) and ``focused``
    (it had the keyboard focus). The methods act through Tk in the GUI
    process; each raises :class:`WindowClosedError` if the window has
    closed, and LookupError if a widget or button named is not there.
    """

    def __init__(self, process: _DrivenProcess, fields: dict):
        self._process = process
        #: The window's Tk path in its GUI process (``.!confirmwindow``).
        self.id: str = fields["id"]
        self.title: str = fields["title"]
        self.x, self.y = fields["x"], fields["y"]
        self.width, self.height = fields["width"], fields["height"]
        self.viewable: bool = fields["viewable"]
        self.focused: bool = fields["focused"]

    def __repr__(self) -> str:
        return (f"<RemoteWindow {self.title!r} {self.width}x{self.height}+{self.x}+{self.y} "
                f"of GUI process {self.pid}>")

    @property
    def pid(self) -> int:
        """The id of the GUI process that holds the window."""
        return self._process.pid

    def press(self, *keys: str) -> None:
        """Press keys in the window: ``"Return"``, ``"Escape"``, ``"Tab"``, ``"ctrl+a"``..."""
        self._process.call(PressKeys, window=self.id, keys=list(keys))

    def type_text(self, text: str) -> None:
        """Type ``text`` in the window's focused field, one key press per character."""
        self._process.call(TypeText, window=self.id, text=text)

    def click(self, x: int | None = None, y: int | None = None, *, widget: str | None = None,
              button: int = 1, times: int = 1, picture: bool = False) -> None:
        """Click at ``(x, y)`` of the window, or of its widget named ``widget``.

        Without ``x`` and ``y``, the middle of it. ``widget`` is the name a
        widget was made with (``tkinter.Canvas(self, name="picture")``) or
        a Tk class (``"Canvas"``). With ``picture=True``, ``(x, y)`` is a
        pixel of the picture the widget shows.
        """
        self._process.call(Click, window=self.id, widget=widget, x=x, y=y, button=button,
                           times=times, picture=picture)

    def drag(self, start: tuple[int, int], end: tuple[int, int], *, widget: str | None = None,
             button: int = 1, steps: int = 8, picture: bool = False) -> None:
        """Drag the mouse from ``start`` to ``end`` (see :meth:`click` for the coordinates)."""
        self._process.call(Drag, window=self.id, widget=widget, start=list(start),
                           end=list(end), button=button, steps=steps, picture=picture)

    def press_button(self, text: str) -> None:
        """Press the window's button whose text is ``text``."""
        self._process.call(PressButton, window=self.id, text=text)

    def close(self) -> None:
        """Close the window as its close button would."""
        self._process.call(CloseWindow, window=self.id)

    def screenshot(self):
        """Return a Pillow image of the window as it is on the screen.

        (On macOS the terminal that runs the tests may need the permission
        to record the screen.)
        """
        return self._process.call(Screenshot, window=self.id)["image"]

    def is_open(self) -> bool:
        """True while the window is open (shown or hidden)."""
        if self._process.gone:
            return False
        try:
            listed = self._process.call(ListWindows)["windows"]
        except WindowClosedError:
            return False
        return any(fields["id"] == self.id for fields in listed)

    def wait_until_closed(self, timeout: float = TIMEOUT) -> None:
        """Wait until the window has closed; AssertionError after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while self.is_open():
            if time.monotonic() > deadline:
                raise AssertionError(f"the window {self.title!r} was still open after "
                                     f"{timeout} s")
            time.sleep(0.02)  # the window's state is polled: it has no event to wait for
