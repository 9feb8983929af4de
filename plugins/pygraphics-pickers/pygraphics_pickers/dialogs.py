"""Tk's own file, folder and colour dialogs, called the same way on every system.

On Windows and macOS Tk shows the system's native dialogs; on Linux its
own.  Each function returns the answer, or None when the dialog was
cancelled.  A dialog is modal: it runs a nested Tk event loop until it is
answered, while the other windows keep being painted.  ``parent`` is the
window a dialog belongs to; by default, Tk's main (in the GUI process,
hidden) window, for which Tk centres the dialog on the screen.
"""

import contextlib
import os
import tkinter
from pathlib import Path
from tkinter import colorchooser, filedialog

#: The windows Tk's own dialogs (used on X11) make, under their parent.
_TK_DIALOG_NAMES = ("__tk_filedialog", "__tk_choosedir", "__tk__color")

#: How often, and for how long at most, to look for the dialog's field.
_FOCUS_CHECK_MS = 20
_FOCUS_CHECK_LIMIT_MS = 5000


#: What the "Files of type" list offers in the Open dialog; the first is
#: the one in use when it opens.
FILE_TYPES = [
    ("All files", "*"),
    ("Pictures", "*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp *.ppm"),
    ("Sounds", "*.wav"),
]


def _start_folder(folder):
    # A folder that has gone (deleted since last time) would make Tk start
    # somewhere surprising or fail: start in the current folder instead.
    return folder if folder and os.path.isdir(folder) else os.getcwd()


def _as_path(answer):
    # Tk answers "" (or an empty tuple) for Cancel, and "/" separators
    # everywhere; Path gives the system's own separators.
    if not answer or not isinstance(answer, str):
        return None
    return str(Path(answer))


@contextlib.contextmanager
def _keyboard_to_dialog(parent):
    """On X11, give Tk's dialog the keyboard focus once it has chosen its field.

    Without a window manager (a bare X server, a test's Xvfb) nobody else
    does, and typing would go to whatever is under the mouse; with one it
    is harmless.  It also makes "the dialog is ready for keys" visible from
    outside (the X input focus), which the end-to-end tests wait for.
    Native dialogs (Windows, macOS) get their focus from the system.
    """
    # The dialogs' parent is Tk's default root when none is given.
    root = parent or tkinter._default_root
    if root is None or root.tk.call("tk", "windowingsystem") != "x11":
        yield
        return
    waited = 0
    pending = None

    def give_focus_when_ready():
        nonlocal waited, pending
        base = "" if root.winfo_toplevel()._w == "." else root.winfo_toplevel()._w
        for name in _TK_DIALOG_NAMES:
            dialog = f"{base}.{name}"
            if root.tk.call("winfo", "exists", dialog) and root.tk.call("winfo", "viewable", dialog):
                field = root.tk.call("focus", "-lastfor", dialog)
                if str(field) != dialog:  # the dialog has put its focus in place
                    root.tk.call("focus", "-force", field)
                    pending = None
                    return
        waited += _FOCUS_CHECK_MS
        pending = root.after(_FOCUS_CHECK_MS, give_focus_when_ready) \
            if waited < _FOCUS_CHECK_LIMIT_MS else None

    pending = root.after(_FOCUS_CHECK_MS, give_focus_when_ready)
    try:
        yield
    finally:
        if pending is not None:
            root.after_cancel(pending)


def choose_file(folder, title, parent=None):
    """Ask for an existing file in an "Open" dialog; return its path or None."""
    with _keyboard_to_dialog(parent):
        answer = filedialog.askopenfilename(
            parent=parent, initialdir=_start_folder(folder), title=title, filetypes=FILE_TYPES)
    return _as_path(answer)


def choose_save_filename(folder, title, name="", parent=None):
    """Ask for a file name in a "Save" dialog; return its path or None.

    The dialog asks before replacing a file that exists.
    """
    with _keyboard_to_dialog(parent):
        answer = filedialog.asksaveasfilename(
            parent=parent, initialdir=_start_folder(folder), initialfile=name,
            title=title, confirmoverwrite=True)
    return _as_path(answer)


def choose_folder(folder, title, parent=None):
    """Ask for a folder; return its path or None."""
    with _keyboard_to_dialog(parent):
        answer = filedialog.askdirectory(
            parent=parent, initialdir=_start_folder(folder), title=title, mustexist=True)
    return _as_path(answer)


def choose_color(rgb, title, parent=None):
    """Ask for a colour starting from ``rgb``; return ``(red, green, blue)`` or None."""
    red, green, blue = rgb
    with _keyboard_to_dialog(parent):
        chosen, _hex = colorchooser.askcolor(
            color=f"#{red:02x}{green:02x}{blue:02x}", parent=parent, title=title)
    if chosen is None:
        return None
    # Older Pythons gave floats here; the components are whole numbers.
    return tuple(int(round(component)) for component in chosen)
