"""Pytest fixtures for testing PyGraphics windows on a real (or virtual) screen.

Installed with PyGraphics (entry point ``pytest11``), so any test suite (the
core's, a plugin's, a course's autograder) can use:

``gui_display``
    The X display the GUI tests use (``":51"``), for the whole test session.
    If ``$DISPLAY`` is set it is used as it is; otherwise an Xvfb virtual
    screen is started (and stopped after the session), and ``$DISPLAY``
    points to it so that GUI processes started by the tests find it. A test
    that needs a display fails, never skips, when there is none and Xvfb is
    missing. On Windows and macOS it is ``None``: the real screen is used.

``gui_screen``
    A :class:`Screen` on that display: find windows by title, wait for them
    to appear or go, press keys in them, take screenshots (needs xdotool).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

#: Size of the virtual screen started when there is no display.
XVFB_SCREEN = "1280x1024x24"
#: Seconds Xvfb may take to start.
XVFB_START_TIMEOUT = 20.0


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("This test needs a screen: $DISPLAY is not set and Xvfb is not "
                    "installed (on Debian/Ubuntu: sudo apt install xvfb xdotool x11-utils).",
                    pytrace=False)
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it once it
    # accepts clients, so there is no race with other X servers and no sleep.
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", XVFB_SCREEN, "-nolisten", "tcp"],
        pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + XVFB_START_TIMEOUT
    try:
        while not number.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(0.0, remaining))
            if not ready:
                break
            chunk = os.read(read_end, 16)
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_end)
    if not number.strip().isdigit():
        process.kill()
        _, errors = process.communicate(timeout=5)
        pytest.fail(f"Xvfb did not start: {errors.decode(errors='replace')[-2000:]}",
                    pytrace=False)
    return process, f":{number.strip().decode()}"


@pytest.fixture(scope="session")
def gui_display():
    """The display GUI tests draw on (see the module docstring)."""
    if sys.platform in ("win32", "darwin"):
        yield None
        return
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    process, display = _start_xvfb()
    os.environ["DISPLAY"] = display
    try:
        yield display
    finally:
        os.environ.pop("DISPLAY", None)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


@dataclass
class Screen:
    """The windows on one X display, seen as a user would (through xdotool)."""

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


@pytest.fixture
def gui_screen(gui_display):
    """A :class:`Screen` for the session's display (Linux and other X11 systems)."""
    if gui_display is None:
        pytest.skip("checking windows through xdotool needs an X11 display")
    return Screen(gui_display)
