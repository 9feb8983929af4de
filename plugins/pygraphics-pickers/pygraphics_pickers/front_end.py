"""What the pickers plugin adds to ``media``: choose a file, a folder, a colour.

The file and folder dialogs start in the folder used last (by any of
them, in this program), or in the current folder the first time.  That is
remembered here, in the student's process, so it survives a restart of the
GUI process.
"""

import os

from pygraphics_core import callRemote

from .commands import ChooseColor, ChooseFile, ChooseFolder, ChooseSaveFilename

__all__ = ["choose_file", "choose_save_filename", "choose_folder", "choose_color"]

#: The folder the last chosen file was in (or the last chosen folder).
_last_folder = None


def _start_folder():
    if _last_folder is not None and os.path.isdir(_last_folder):
        return _last_folder
    return os.getcwd()


def _remember(path, is_folder=False):
    global _last_folder
    if path is not None:
        _last_folder = path if is_folder else os.path.dirname(path)
    return path


def _checked_title(title, function_name):
    if not isinstance(title, str):
        raise TypeError(
            f"{function_name}() needs its title as a string, such as "
            f"\"Pick a picture\", not {type(title).__name__} {title!r}")
    return title


def choose_file(title="Choose a file"):
    """Ask the user to pick a file; return its path, or None if they cancel.

    >>> filename = media.choose_file()
    >>> pic = media.load_picture(filename)

    The dialog starts in the folder you used last.
    """
    answer = callRemote(ChooseFile, folder=_start_folder(),
                        title=_checked_title(title, "choose_file"))
    return _remember(answer.get("path"))


def choose_save_filename(title="Save as", name=""):
    """Ask the user for a file name to save to; return it, or None if they cancel.

    name is the file name to suggest, such as "cat.png".  If the file
    exists, the dialog asks before replacing it.  Here, the user typed
    sunset.png:

    >>> pic = media.create_picture(40, 30, media.orange)
    >>> filename = media.choose_save_filename(name="sunset.png")
    >>> media.save_as(pic, filename)
    'sunset.png'
    """
    if not isinstance(name, str):
        raise TypeError(f"choose_save_filename() needs name as a string, such as "
                        f"\"cat.png\", not {type(name).__name__} {name!r}")
    answer = callRemote(ChooseSaveFilename, folder=_start_folder(), name=name,
                        title=_checked_title(title, "choose_save_filename"))
    return _remember(answer.get("path"))


def choose_folder(title="Choose a folder"):
    """Ask the user to pick a folder; return its path, or None if they cancel.

    >>> folder = media.choose_folder()
    """
    answer = callRemote(ChooseFolder, folder=_start_folder(),
                        title=_checked_title(title, "choose_folder"))
    return _remember(answer.get("path"), is_folder=True)


def choose_color(color=None, title="Choose a colour"):
    """Ask the user to pick a colour; return it, or None if they cancel.

    The dialog starts at color if you give one (white otherwise).

    >>> pixel = media.get_pixel(media.create_picture(10, 10), 0, 0)
    >>> col = media.choose_color(media.orange)
    >>> if col is not None:
    ...     media.set_color(pixel, col)
    """
    from pygraphics_core.colors import Color

    if color is None:
        red, green, blue = 255, 255, 255
    elif isinstance(color, Color):
        red, green, blue = color.get_rgb()
    else:
        raise TypeError(
            f"choose_color() starts from a colour such as media.red or "
            f"media.Color(255, 128, 0), not {type(color).__name__} {color!r}")
    answer = callRemote(ChooseColor, red=red, green=green, blue=blue,
                        title=_checked_title(title, "choose_color"))
    if "red" not in answer or answer["red"] is None:
        return None
    return Color(answer["red"], answer["green"], answer["blue"])
