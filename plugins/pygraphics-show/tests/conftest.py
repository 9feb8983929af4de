"""Fixtures for the show plugin's tests: a real Tk root on a real X display.

The widget tests drive real Tk windows with the real mouse and keyboard of
an X server (xdotool) and read what is on the screen from screenshots, so
what they check is what a student sees.
"""

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import time

import pytest

#: Bound on every wait for the X server or Tk to react, in seconds.
TIMEOUT = 10.0


def _require_display(request):
    """Make sure DISPLAY names a screen: the project's fixture starts Xvfb."""
    try:
        request.getfixturevalue("gui_display")
    except pytest.FixtureLookupError:
        pass
    if not os.environ.get("DISPLAY"):
        pytest.fail("these tests need a screen: set DISPLAY (for example run "
                    "them under Xvfb) or install PyGraphics' pytest plugin")
    if shutil.which("xdotool") is None:
        pytest.fail("these tests need xdotool (apt install xdotool)")


@pytest.fixture
def tk_root(request):
    """A Tk root window (withdrawn) for one test, destroyed afterwards."""
    _require_display(request)
    import tkinter

    root = tkinter.Tk()
    root.withdraw()
    try:
        yield root
    finally:
        root.destroy()


class Screen:
    """The real X screen: move the mouse, press keys, take screenshots."""

    def __init__(self, root):
        self.root = root
        self.display = root.winfo_screen()

    def xdotool(self, *arguments):
        environment = dict(os.environ, DISPLAY=self.display)
        subprocess.run(["xdotool", *arguments], check=True, env=environment,
                       timeout=TIMEOUT)

    def settle(self):
        """Let Tk draw everything pending and the X server carry it out."""
        self.root.update()
        # A query with a reply is a round trip: when it returns, the X
        # server has executed every drawing request Tk sent before it.
        self.root.winfo_pointerxy()

    def wait_until(self, condition, what, timeout=TIMEOUT):
        """Run Tk's event loop until ``condition()`` holds; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up after {timeout} s waiting for {what}")
            self.root.update()
            time.sleep(0.005)  # between polls of the X server, not as a wait
        self.settle()

    def show(self, toplevel):
        """Wait until ``toplevel`` is mapped and laid out."""
        self.wait_until(toplevel.winfo_viewable, "the window to appear")

    def move_pointer_to(self, widget, x, y):
        """Move the real mouse pointer to ``(x, y)`` inside ``widget``."""
        screen_x, screen_y = widget.winfo_rootx() + x, widget.winfo_rooty() + y
        self.xdotool("mousemove", str(screen_x), str(screen_y))
        self.wait_until(lambda: widget.winfo_pointerxy() == (screen_x, screen_y),
                        "the pointer to arrive")

    def click(self, button=1):
        self.xdotool("click", str(button))
        self.settle()

    def drag(self, widget, start, end):
        """Press the left button at ``start``, move to ``end``, release."""
        self.move_pointer_to(widget, *start)
        self.xdotool("mousedown", "1")
        self.settle()
        steps = 5
        for step in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * step // steps
            y = start[1] + (end[1] - start[1]) * step // steps
            self.move_pointer_to(widget, x, y)
        self.xdotool("mouseup", "1")
        self.settle()

    def focus(self, widget):
        widget.focus_force()
        self.wait_until(lambda: widget.focus_get() is widget, "the keyboard focus")

    def press(self, *keys):
        self.xdotool("key", "--delay", "20", *keys)
        self.settle()

    def type(self, text):
        self.xdotool("type", "--delay", "15", "--", text)
        self.settle()

    def grab(self, widget):
        """Return a screenshot of ``widget`` (a Pillow RGB image)."""
        from PIL import ImageGrab

        self.settle()
        left, top = widget.winfo_rootx(), widget.winfo_rooty()
        box = (left, top, left + widget.winfo_width(), top + widget.winfo_height())
        return ImageGrab.grab(bbox=box, xdisplay=self.display).convert("RGB")


@pytest.fixture
def screen(tk_root):
    """Drive the real screen of ``tk_root``: mouse, keys, screenshots."""
    return Screen(tk_root)


class _ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("padding", ctypes.c_long * 24)]


def _send_delete_window(window, display):
    """Do what a window manager's close button does: send WM_DELETE_WINDOW.

    Xvfb runs no window manager, so the test sends the very message one
    would, through Xlib (xdotool 3.2016 has no such command).
    """
    x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int,
                               ctypes.c_long, ctypes.POINTER(_XEvent)]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = x11.XOpenDisplay(display.encode())
    assert connection, f"cannot open display {display}"
    try:
        event = _XEvent()
        event.xclient.type = 33  # ClientMessage
        event.xclient.window = int(window)
        event.xclient.message_type = x11.XInternAtom(connection, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data[0] = x11.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
        x11.XSendEvent(connection, int(window), 0, 0, ctypes.byref(event))
        x11.XSync(connection, 0)
    finally:
        x11.XCloseDisplay(connection)


@pytest.fixture
def close_by_hand(gui_display):
    """``close_by_hand(window)``: close a window (an xdotool id) as its close button does."""
    return lambda window: _send_delete_window(window, gui_display)
