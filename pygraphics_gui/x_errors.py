"""Surviving the X errors that Tk leaves to Xlib, whose default handler ends the process.

On X11, a window can be destroyed from outside: ``xdotool windowclose``
does it, and so do some window managers. Tk notices and forgets the
window, but one of its own requests may still name it, and the X server
answers with a BadWindow error. Tk lets its own error handlers see every
error first; one that none of them expects goes to the handler that was
in place before Tk started, which is Xlib's default: it prints
"X Error of failed request: BadWindow" and exits, ending every window of
the GUI process at once.

:func:`survive_x_errors`, called before Tk starts, puts a handler of ours
in that place: Tk still handles what it expects, and what it does not is
ignored (the first one is reported on the process's stderr). Fatal errors (the
X server itself has gone) are a different handler's and still end the
process. Nothing happens on Windows and macOS (no X), or where Xlib cannot
be loaded.
"""

from __future__ import annotations

import sys

#: Kept for as long as the process lives: Xlib calls it.
_handler = None

_ERROR_NAMES = {2: "BadValue", 3: "BadWindow", 4: "BadPixmap", 8: "BadMatch",
                9: "BadDrawable", 13: "BadGC"}


def survive_x_errors() -> bool:
    """Install the handler (see the module docstring) before Tk starts; True if it is in place."""
    global _handler
    if _handler is not None:
        return True
    if sys.platform in ("win32", "darwin"):
        return False
    try:
        import ctypes

        xlib = ctypes.CDLL("libX11.so.6")
    except (ImportError, OSError):
        return False

    class XErrorEvent(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p),
                    ("resourceid", ctypes.c_ulong), ("serial", ctypes.c_ulong),
                    ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                    ("minor_code", ctypes.c_ubyte)]

    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(XErrorEvent))

    reported = []

    def report(display, event):
        # Called from inside Xlib: no Tk and no X request here, only a line
        # on the real stderr (the forwarded one would call Tk), and once:
        # one window closed from outside gives several such errors.
        if reported:
            return 0
        reported.append(True)
        try:
            error = event.contents
            name = _ERROR_NAMES.get(error.error_code, f"error {error.error_code}")
            print(f"PyGraphics: ignored an X error ({name} in request {error.request_code} "
                  f"for 0x{error.resourceid:x}): a window was probably closed from outside.",
                  file=sys.__stderr__, flush=True)
        except Exception:
            pass
        return 0

    _handler = handler_type(report)
    xlib.XSetErrorHandler.restype = ctypes.c_void_p
    xlib.XSetErrorHandler.argtypes = [handler_type]
    xlib.XSetErrorHandler(_handler)
    return True
