"""Pytest fixtures for testing PyGraphics windows on a real (or virtual) screen.

Any test suite (the core's, a plugin's, a course's autograder) can use
them once it opts in to PyGraphics' pytest plugin (see
:mod:`pygraphics_gui.pytest_fixtures`: ``-p pygraphics_gui.pytest_fixtures``
brings these too):

``gui_display``
    The X display the GUI tests use (``":51"``), for the whole test session.
    If ``$DISPLAY`` is set it is used as it is; otherwise an Xvfb virtual
    screen is started (and stopped after the session), and ``$DISPLAY``
    points to it so that GUI processes started by the tests find it. A test
    that needs a display fails, never skips, when there is none and Xvfb is
    missing. On Windows and macOS it is ``None``: the real screen is used.

``gui_cleanup``
    For a test that starts GUI processes itself: no connection at its start,
    and every GUI process it started is ended (with its windows) after it.

``gui_client``
    A fresh GUI process for one test: ``media.say(...)`` and
    ``pygraphics_core.callRemote(...)`` in the test go to it, and it is
    ended (with its windows) when the test ends. The value is its
    :class:`~pygraphics_core.client.GUIProcessConnection` (``.process``,
    ``.port``).

``gui_screen``
    A :class:`Screen` on that display: find windows by title, wait for them
    to appear or go, press real keys in them, take screenshots and wait
    until they show what the test expects. Linux (X11)
    only, with xdotool; skipped on Windows and macOS. PyGraphics' own
    end-to-end tests use it; a plugin's tests use ``student`` instead.

``student``
    ``student(code)`` runs ``code`` as a student's program in a real Python
    process (a :class:`StudentProcess`: read what it prints, type into its
    ``input()``, find its windows and press keys, click and drag in them,
    wait for it, kill it); each is ended after the test, with every GUI
    process it started. On Windows, macOS and Linux, with nothing extra
    installed.

:func:`wait_until_ended` and :func:`process_is_running` check, from
outside, that a process (a GUI process) has really gone.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

@pytest.fixture(scope="session")
def gui_display():
    """The display GUI tests draw on (see the module docstring)."""
    if sys.platform in ("win32", "darwin"):
        yield None
        return
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    from pygraphics_core.virtual_display import VirtualDisplayError, start_xvfb, stop_xvfb

    try:
        process, display = start_xvfb()
    except VirtualDisplayError as error:
        pytest.fail(f"This test needs a screen. {error}", pytrace=False)
    os.environ["DISPLAY"] = display
    try:
        yield display
    finally:
        os.environ.pop("DISPLAY", None)
        stop_xvfb(process)


@dataclass
class Screen:
    """The windows on one X display, seen and driven as a user would, through xdotool.

    Real input on the real (or virtual) screen, for PyGraphics' own
    end-to-end tests on Linux: it needs X11 and xdotool. Window ids are
    X's. The virtual screen the tests start is
    :data:`pygraphics_core.virtual_display.SCREEN` (1280x1024). A plugin's
    tests that must pass on every system drive a student's windows through
    the ``student`` fixture instead (:meth:`StudentProcess.wait_for_window`).
    """

    display: str

    def _xdotool(self, *arguments: str, timeout: float = 10.0) -> subprocess.CompletedProcess:
        if shutil.which("xdotool") is None:
            pytest.fail("This test needs xdotool (on Debian/Ubuntu: sudo apt install xdotool).",
                        pytrace=False)
        return subprocess.run(["xdotool", *arguments], capture_output=True, text=True,
                              timeout=timeout, env={**os.environ, "DISPLAY": self.display})

    def windows(self, title: str) -> list[str]:
        """Return the ids of the visible windows whose whole title is ``title``."""
        import re

        result = self._xdotool("search", "--onlyvisible", "--name", f"^{re.escape(title)}$")
        return result.stdout.split()

    def wait_for_windows(self, title: str, count: int, timeout: float = 10.0) -> list[str]:
        """Wait until exactly ``count`` windows titled ``title`` are visible; return their ids."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.windows(title)
            if len(found) == count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} visible window(s) titled {title!r} "
                                     f"within {timeout} s, found {len(found)}")
            time.sleep(0.02)  # polling the X server's window list: nothing to await

    def press(self, window: str, *keys: str) -> None:
        """Give ``window`` the keyboard focus and press ``keys`` (xdotool names: Return, Escape)."""
        self._xdotool("windowfocus", "--sync", window)
        self._xdotool("key", "--clearmodifiers", *keys)

    def press_keys(self, *keys: str) -> None:
        """Press and release each key in turn, in whatever window has the keyboard focus."""
        if keys:
            self._xdotool("key", "--delay", "30", *keys)

    def type_text(self, text: str) -> None:
        """Type ``text`` in the focused window, one real key press per character (ASCII)."""
        if text:
            self._xdotool("type", "--delay", "15", "--", text)

    def click(self, times: int = 1, button: int = 1) -> None:
        """Click the mouse where the pointer is: ``times=2`` double-clicks."""
        self._xdotool("click", "--repeat", str(times), "--delay", "60", str(button))

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """Return ``(x, y, width, height)`` of a window on the screen."""
        output = self._xdotool("getwindowgeometry", "--shell", window).stdout
        values = dict(line.split("=", 1) for line in output.split() if "=" in line)
        return (int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))

    def screenshot(self, window: str | None = None):
        """Return a Pillow image of the whole screen, or of one window."""
        from PIL import ImageGrab

        image = ImageGrab.grab(xdisplay=self.display)
        if window is None:
            return image
        x, y, width, height = self.geometry(window)
        return image.crop((x, y, x + width, y + height))

    def wait_until_seen(self, window: str | None, check, what: str, timeout: float = 10.0):
        """Take RGB screenshots of ``window`` (or the screen) until ``check(shot)`` is true.

        Return what ``check`` returned. A window is on the screen a moment
        before Tk has drawn into it, so a test looks for what it expects to
        see, for up to ``timeout`` seconds, instead of judging the first
        screenshot; ``what`` names it in the failure message.
        """
        deadline = time.monotonic() + timeout
        while True:
            # Each screenshot takes a few milliseconds of the X server: no sleep needed.
            shot = self.screenshot(window).convert("RGB")
            result = check(shot)
            if result:
                return result
            if time.monotonic() > deadline:
                import tempfile

                descriptor, path = tempfile.mkstemp(prefix="pygraphics-screen-", suffix=".png")
                with os.fdopen(descriptor, "wb") as file:
                    shot.save(file, "PNG")
                raise AssertionError(f"after {timeout} s the screen still did not show {what} "
                                     f"(the last screenshot: {path})")


@pytest.fixture
def gui_screen(gui_display):
    """A :class:`Screen` for the session's display (Linux and other X11 systems)."""
    if gui_display is None:
        pytest.skip("checking windows through xdotool needs an X11 display")
    return Screen(gui_display)


@pytest.fixture
def gui_cleanup(gui_display):
    """No connection at the start; every GUI process the test starts is ended after it."""
    from pygraphics_core import client

    previous = client.use_connection(None)
    try:
        yield
    finally:
        # Only the connection in use can still have a live GUI process: one
        # that ended was replaced, and reaped, when the client noticed.
        current = client.use_connection(previous)
        if isinstance(current, client.GUIProcessConnection):
            current.stop()


@pytest.fixture
def gui_client(gui_cleanup):
    """A GUI process of this test's own, ended with its windows after the test."""
    from pygraphics_core import client

    connection = client.connection()
    yield connection
    connection.stop()


@contextlib.contextmanager
def _ctrl_c_at_its_default():
    """Start processes meanwhile with Ctrl+C (SIGINT) doing what it does in a terminal.

    A program inherits an *ignored* SIGINT: pytest run in the background by
    a shell script (``pytest &``, as CI scripts do) ignores it, and so would every
    student's program it starts, and Ctrl+C could not stop them. A student's
    program is one started from a terminal, so for as long as it takes to
    start one, this process catches SIGINT with a handler that does nothing:
    a new program starts with the default for a caught signal, and keeps an
    ignored one ignored.
    """
    if not hasattr(signal, "SIGINT") or signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    try:
        signal.signal(signal.SIGINT, lambda number, frame: None)
    except ValueError:  # not the main thread: signals cannot be changed from here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class StudentProcess:
    """A student's Python program, run as a real process that the test can talk to.

    Read what it prints (:meth:`read_line`, :meth:`expect`), type into its
    ``input()`` (:meth:`send`), and find and act on its windows, which its
    real GUI process shows (:meth:`wait_for_window`, :meth:`windows`: see
    :class:`~pygraphics_core.remote_windows.RemoteWindow`). The windows are
    driven through Tk inside the GUI process, so this works on Windows,
    macOS and Linux with nothing else installed.
    """

    def __init__(self, code: str, env: dict[str, str] | None = None):
        from pygraphics_core.remote_windows import RemoteWindows

        #: The GUI processes of the program, which the test can drive.
        self.remote_windows = RemoteWindows()
        with _ctrl_c_at_its_default():
            self.process = subprocess.Popen(
                [sys.executable, "-u", "-c", textwrap.dedent(code)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                env={**os.environ, **self.remote_windows.environment, **(env or {})})
        self._buffer = b""
        #: Process ids of GUI processes to end with the program (besides
        #: those that connected to :attr:`remote_windows`).
        self.gui_pids: list[int] = []

    def read_line(self, timeout: float = 20.0) -> str:
        """Return the next line the student's program prints (without its newline)."""
        deadline = time.monotonic() + timeout
        stdout = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            if not _wait_readable(stdout, deadline - time.monotonic()):
                raise AssertionError(f"the student's program printed no line within {timeout} s "
                                     f"(so far: {self._buffer!r})")
            chunk = os.read(stdout, 65536)
            if not chunk:
                raise AssertionError(f"the student's program ended (so far: {self._buffer!r}; "
                                     f"stderr: {self.errors()!r})")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8").rstrip("\r")

    def expect(self, prefix: str, timeout: float = 20.0) -> str:
        """Read lines until one starts with ``prefix``; return the rest of it."""
        while True:
            line = self.read_line(timeout)
            if line.startswith(prefix):
                return line[len(prefix):].strip()

    def send(self, line: str) -> None:
        """Type a line into the program's input()."""
        self.process.stdin.write(line.encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def wait(self, timeout: float = 20.0) -> int:
        """Wait for the program to end; return its exit status."""
        return self.process.wait(timeout=timeout)

    def errors(self) -> str:
        """What the program wrote on stderr (only once it has ended)."""
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "(still running)"
        return self.process.stderr.read().decode("utf-8", "replace")

    def windows(self, title: str | None = None) -> list:
        """Return the program's windows open now (titled ``title``, if given).

        Each is a :class:`~pygraphics_core.remote_windows.RemoteWindow`.
        """
        return self.remote_windows.windows(title)

    def wait_for_window(self, title: str, timeout: float = 20.0):
        """Wait until the program shows one window titled ``title``; return it.

        Returns a :class:`~pygraphics_core.remote_windows.RemoteWindow`:
        ``window.press("Return")``, ``window.type_text("Ada")``,
        ``window.click(...)``, ``window.drag(...)``,
        ``window.press_button("OK")``, ``window.close()``. Raises
        AssertionError, naming the windows there are, after ``timeout`` s.
        """
        return self.remote_windows.wait_for_window(title, timeout)

    def wait_for_windows(self, title: str, count: int, timeout: float = 20.0) -> list:
        """Wait until exactly ``count`` windows titled ``title`` are shown (0: all closed)."""
        return self.remote_windows.wait_for_windows(title, count, timeout)

    def stop(self) -> None:
        """End the program and every GUI process it started or reported."""
        # Its GUI processes outlive it on purpose (their windows stay open),
        # so find them while they are still its children.
        self.remote_windows.accept()  # any that connected late
        pids = {*self.gui_pids, *self.remote_windows.pids, *child_pids(self.process.pid)}
        self.remote_windows.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        for pid in pids:
            kill_if_running(pid)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


def _wait_readable(descriptor: int, timeout: float) -> bool:
    """Wait at most ``timeout`` s until the pipe ``descriptor`` can be read; True if it can."""
    if sys.platform != "win32":
        ready, _, _ = select.select([descriptor], [], [], max(0.0, timeout))
        return bool(ready)
    # Windows cannot select() on a pipe, and this library runs no threads:
    # ask the pipe how much it holds, with a bounded poll.
    import _winapi
    import msvcrt

    handle = msvcrt.get_osfhandle(descriptor)
    deadline = time.monotonic() + timeout
    while True:
        try:
            available, _ = _winapi.PeekNamedPipe(handle, 0)
        except OSError:
            return True  # the writer has gone: the read says so (end of file)
        if available:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)


def child_pids(pid: int) -> list[int]:
    """Return the processes whose parent is ``pid`` (where /proc tells; else none)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid):
            children.append(int(stat.parent.name))
    return children


def process_is_running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, ended but not yet reaped, counts as ended).

    Where there is no /proc (macOS, Windows), a process counts as running
    while a signal can reach it (``os.kill(pid, 0)`` on POSIX).
    """
    if not Path("/proc").is_dir():
        if sys.platform == "win32":
            return True  # no harmless probe on Windows: kill_if_running just tries
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return fields[0] != "Z"


def wait_until_ended(pid: int, timeout: float = 10.0) -> bool:
    """Wait (at most ``timeout`` s) for process ``pid`` to end; return True if it did."""
    deadline = time.monotonic() + timeout
    while process_is_running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)  # another process's exit cannot be awaited: poll with a bound
    return True


def kill_if_running(pid: int) -> None:
    """Kill process ``pid`` if it still runs (test clean-up)."""
    if process_is_running(pid):
        try:
            # SIGKILL where there is one; on Windows any signal terminates.
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        except (ProcessLookupError, PermissionError, OSError):
            pass


@pytest.fixture
def student(request):
    """Start student programs: ``student(code)``; each is ended after the test.

    Returns a :class:`StudentProcess`. A program that may open windows gets
    a screen first (``gui_display``: an Xvfb on Linux without one); one
    started with ``env={"PYGRAPHICS_HEADLESS": "1"}`` needs none.
    """
    started: list[StudentProcess] = []

    def start(code: str, env: dict[str, str] | None = None) -> StudentProcess:
        headless = {**os.environ, **(env or {})}.get("PYGRAPHICS_HEADLESS", "") not in ("", "0")
        if not headless:
            request.getfixturevalue("gui_display")
        program = StudentProcess(code, env)
        started.append(program)
        return program

    yield start
    for program in started:
        program.stop()


def pytest_addoption(parser):
    parser.addoption(
        "--test-installed-plugin", action="store_true", default=False,
        help="PyGraphics: run a plugin's tests against the copy of it that is installed, "
             "even if that is not the folder being tested")


def pytest_collection_modifyitems(session, config, items):
    """Refuse to run a plugin's tests against another copy of the plugin than its folder.

    With the plugin installed without ``-e`` (or from another folder), the
    tests would import, and its GUI processes load, the installed copy:
    they would pass or fail for code that is not the code being tested.
    """
    if config.getoption("test_installed_plugin"):
        return
    from pygraphics_core.plugin_installs import installed_copy_problem

    # The folders named on the command line count even if none of their
    # tests could be collected (an import of the plugin that failed).
    named = [config.invocation_params.dir / argument.split("::")[0] for argument in config.args]
    folders = {_project_folder(Path(str(item.path)).parent) for item in items}
    folders |= {_project_folder(path if path.is_dir() else path.parent) for path in named}
    problems = [problem for folder in sorted(folder for folder in folders if folder)
                if (problem := installed_copy_problem(folder))]
    if problems:
        raise pytest.UsageError("\n\n".join(problems))


def _project_folder(folder: Path) -> Path | None:
    """The nearest folder, from ``folder`` up, with a pyproject.toml or setup.cfg."""
    for candidate in (folder, *folder.parents):
        if (candidate / "pyproject.toml").is_file() or (candidate / "setup.cfg").is_file():
            return candidate
    return None


def pytest_unconfigure(config):
    """End the test session's own GUI process, if a test left one running.

    Otherwise, at exit, PyGraphics would wait (as for a student's program)
    until someone closes the windows that test left open, and the test run
    would never end.
    """
    client = sys.modules.get("pygraphics_core.client")
    if client is None:
        return
    client.stop_gui_process()
