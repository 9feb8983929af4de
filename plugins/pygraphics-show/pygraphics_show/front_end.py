"""What the show plugin adds to ``media``: show, inspect, update, close.

The student's process remembers, for each picture, the numbers of the
windows it opened for it (a picture window and an inspector), in a
:class:`weakref.WeakKeyDictionary`: a picture that the program no longer
uses is forgotten, while its window stays on the screen.  The GUI process
says in every answer whether the window still existed, so a window that the
student closed by hand is noticed at the next call: ``update`` then opens
it again, as PyGraphics 2.1 did.
"""

import itertools
import weakref

from pygraphics_core import callRemote

from .commands import Close, Inspect, IsOpen, Show, Update

__all__ = ["show", "inspect", "update", "close", "close_inspect", "is_shown"]


class _PictureWindows:
    """The window numbers opened for one picture (None: not opened)."""

    __slots__ = ("picture_window", "inspector")

    def __init__(self):
        self.picture_window = None
        self.inspector = None


_windows_of_picture = weakref.WeakKeyDictionary()
_window_numbers = itertools.count(1)


def _picture_fields(picture, function_name):
    """Return the title, size and raw RGB pixels of ``picture`` for a command."""
    try:
        width, height = picture.get_width(), picture.get_height()
        pixels = picture.to_bytes()
        title = picture.get_title()
    except AttributeError:
        raise TypeError(_not_a_picture(picture, function_name)) from None
    # A new picture's title is "" (as in 2.1); its window still gets a name.
    return {"title": str(title) or "untitled", "width": width, "height": height,
            "pixels": pixels}


def _not_a_picture(thing, function_name):
    from pygraphics_core.messages import describe
    from pygraphics_core.sounds import Sound

    if isinstance(thing, Sound):
        # PyGraphics 2.1's inspect() and show() took sounds too.
        return (f"{function_name}() works on pictures; for a sound, use "
                f"media.inspect_sound(snd) to see its waves, or media.play(snd) to "
                f"hear it")
    return (f"{function_name}() needs a picture, such as one from media.load_picture "
            f"or media.create_picture, not {describe(thing)}")


def _windows(picture):
    return _windows_of_picture.setdefault(picture, _PictureWindows())


def show(pic):
    """Show a picture in a window, and carry on at once.

    The window's title is the picture's title.  If the picture is already
    shown, its window comes to the front with the picture's current
    pixels instead of a second window opening.

    >>> pic = media.create_picture(200, 100, media.orange)
    >>> media.show(pic)

    After changing pixels, call media.update(pic) to see the changes.
    """
    fields = _picture_fields(pic, "show")
    windows = _windows(pic)
    if windows.picture_window is None:
        windows.picture_window = next(_window_numbers)
    callRemote(Show, window=windows.picture_window, **fields)


def inspect(pic):
    """Open the picture inspector: read the colour of any pixel.

    Move the mouse over the picture to see the x, y, red, green and blue
    of the pixel under it.  Click a pixel to pin it, or type its x and y.
    The arrow keys move the pinned pixel by one.  Zoom from 25% to 800%
    to see single pixels as big squares.  (For a sound, use
    media.inspect_sound.)

    >>> pic = media.create_picture(20, 10, media.blue)
    >>> media.inspect(pic)
    """
    fields = _picture_fields(pic, "inspect")
    windows = _windows(pic)
    if windows.inspector is None:
        windows.inspector = next(_window_numbers)
    callRemote(Inspect, window=windows.inspector, **fields)


def update(pic):
    """Redraw the picture's windows with its current pixels.

    Call it after changing pixels to see the changes.  Calling it in a
    loop makes an animation.  If the picture was never shown, or its window
    was closed (by you, or by media.close), update opens it again, unless
    the picture's inspector is open: then update redraws just the inspector.

    >>> pic = media.create_picture(100, 100, media.white)
    >>> media.show(pic)
    >>> for x in range(100):
    ...     media.set_color(media.get_pixel(pic, x, 50), media.red)
    ...     media.update(pic)
    """
    fields = _picture_fields(pic, "update")
    windows = _windows(pic)
    if windows.picture_window is None and windows.inspector is None:
        windows.picture_window = next(_window_numbers)
    for number, is_inspector in ((windows.picture_window, False),
                                 (windows.inspector, True)):
        if number is not None:
            callRemote(Update, window=number, inspector=is_inspector, **fields)


def close(pic):
    """Close the picture's window (if it is open).

    >>> pic = media.create_picture(100, 100)
    >>> media.show(pic)
    >>> media.close(pic)

    media.show(pic) opens it again, and so does media.update(pic) (unless
    the picture's inspector is open: see help(media.update)).
    """
    _picture_fields(pic, "close")
    windows = _windows_of_picture.get(pic)
    if windows is not None and windows.picture_window is not None:
        number, windows.picture_window = windows.picture_window, None
        callRemote(Close, window=number)


def close_inspect(pic):
    """Close the picture's inspector window (if it is open).

    >>> pic = media.create_picture(100, 100)
    >>> media.inspect(pic)
    >>> media.close_inspect(pic)
    """
    _picture_fields(pic, "close_inspect")
    windows = _windows_of_picture.get(pic)
    if windows is not None and windows.inspector is not None:
        number, windows.inspector = windows.inspector, None
        callRemote(Close, window=number)


def is_shown(pic):
    """Return True if the picture's window is open on the screen now.

    It is False before media.show(pic), after media.close(pic), and after
    you close the window yourself.

    >>> pic = media.create_picture(10, 10)
    >>> media.is_shown(pic)
    False
    """
    _picture_fields(pic, "is_shown")
    windows = _windows_of_picture.get(pic)
    if windows is None or windows.picture_window is None:
        return False
    return callRemote(IsOpen, window=windows.picture_window)["open"]
