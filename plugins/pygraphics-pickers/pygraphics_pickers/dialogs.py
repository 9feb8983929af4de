"""Tk's own file, folder and colour dialogs, called the same way on every system.

On Windows and macOS Tk shows the system's native dialogs; on Linux its
own.  Each function returns the answer, or None when the dialog was
cancelled.  A dialog is modal: it runs a nested Tk event loop until it is
answered, while the other windows keep being painted.  ``parent`` is the
window a dialog belongs to; by default, Tk's main (in the GUI process,
hidden) window, for which Tk centres the dialog on the screen.
"""

import os
from pathlib import Path
from tkinter import colorchooser, filedialog


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


def choose_file(folder, title, parent=None):
    """Ask for an existing file in an "Open" dialog; return its path or None."""
    return _as_path(filedialog.askopenfilename(
        parent=parent, initialdir=_start_folder(folder), title=title, filetypes=FILE_TYPES))


def choose_save_filename(folder, title, name="", parent=None):
    """Ask for a file name in a "Save" dialog; return its path or None.

    The dialog asks before replacing a file that exists.
    """
    return _as_path(filedialog.asksaveasfilename(
        parent=parent, initialdir=_start_folder(folder), initialfile=name,
        title=title, confirmoverwrite=True))


def choose_folder(folder, title, parent=None):
    """Ask for a folder; return its path or None."""
    return _as_path(filedialog.askdirectory(
        parent=parent, initialdir=_start_folder(folder), title=title, mustexist=True))


def choose_color(rgb, title, parent=None):
    """Ask for a colour starting from ``rgb``; return ``(red, green, blue)`` or None."""
    red, green, blue = rgb
    chosen, _hex = colorchooser.askcolor(
        color=f"#{red:02x}{green:02x}{blue:02x}", parent=parent, title=title)
    if chosen is None:
        return None
    # Older Pythons gave floats here; the components are whole numbers.
    return tuple(int(round(component)) for component in chosen)
