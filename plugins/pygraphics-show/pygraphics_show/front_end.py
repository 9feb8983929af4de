"""What the show plugin adds to ``media``: show, inspect, update, close.

The student's process remembers, for each picture, the numbers of the
windows it opened for it (a picture window and an inspector), in a
:class:`weakref.WeakKeyDictionary`: a picture that the program no longer
uses is forgotten, while its window stays on the screen.  The GUI process
says in every answer whether the window still existed, so a window that the
student closed by hand is noticed at the next call: ``update`` then opens
it again, as PyGraphics 2.1 did.

For a big picture it also remembers a checksum of each band of rows it
sent to each window, and sends again only the bands whose checksum changed
(see :mod:`~pygraphics_show.commands`): an animation on a phone photo then
costs what it changes, plus reading the photo once for the checksums.
"""

import itertools
import weakref

from pygraphics_core import amp, callRemote

from .commands import Close, Inspect, IsOpen, PictureRows, Show, Update
from .picture_transfer import BAND_BYTES, PictureIncomplete

__all__ = ["show", "inspect", "update", "close", "close_inspect", "is_shown"]


class _PictureWindows:
    """The window numbers opened for one picture (None: not opened), and
    what each of them was last sent: ``(width, height, band checksums)``."""

    __slots__ = ("picture_window", "inspector", "sent")

    def __init__(self):
        self.picture_window = None
        self.inspector = None
        self.sent = {}


_windows_of_picture = weakref.WeakKeyDictionary()
_window_numbers = itertools.count(1)


def _picture_fields(picture, function_name):
    """Return the title and size of ``picture`` for a command (not its pixels)."""
    try:
        width, height = picture.get_width(), picture.get_height()
        title = picture.get_title()
        picture.raw_view  # how the pixels are sent (a Picture has it)
    except AttributeError:
        raise TypeError(_not_a_picture(picture, function_name)) from None
    # A new picture's title is "" (as in 2.1); its window still gets a name.
    return {"title": str(title) or "untitled", "width": width, "height": height}


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


def _call_with_pixels(command, picture, windows, window, fields, **arguments):
    """Call ``command`` for ``window`` (one of ``windows``) with the picture's pixels.

    A big picture's pixels go first, in bands of rows (``PictureRows``),
    and then the command without them; a band is left out if it has not
    changed since this window's last picture.  The pixels are lent as views
    of the picture's own bytes, without copying: a phone photo is 36 MB of
    them, and copying them for every update would cost more than sending
    them.
    """
    width, height = fields["width"], fields["height"]
    with picture.raw_view() as whole:
        if len(whole) <= BAND_BYTES:
            _call_lending(whole, 0, len(whole), command, width * 3,
                          window=window, **fields, **arguments)
            return
        # Forgotten unless this call succeeds: what the window has is
        # unknown after a failure.
        sent = windows.sent.pop(window, None)
        known = sent[2] if sent is not None and sent[:2] == (width, height) else None
        try:
            checksums = _send_bands(whole, width, height, window, known)
            callRemote(command, window=window, pixels=b"", **fields, **arguments)
        except PictureIncomplete:
            if known is None:
                raise
            # The window no longer has the rows left out: send them all.
            checksums = _send_bands(whole, width, height, window, None)
            callRemote(command, window=window, pixels=b"", **fields, **arguments)
        windows.sent[window] = (width, height, checksums)


def _send_bands(whole, width, height, window, known):
    """Send the bands of rows of ``whole`` whose checksums are not those in
    ``known`` (all of them if it is None); return every band's checksum.

    The checksum is a band's CRC-32 and Adler-32 together (zlib's, about
    10 ms for a phone photo's 36 MB): two unrelated 32-bit sums, so that a
    band whose pixels changed keeps both only by a chance of the order of
    one in 2**64, where CRC-32 alone missed one change in four billion.
    """
    import zlib  # here: ``import media`` should not wait for it

    row_bytes = width * 3
    rows = max(1, BAND_BYTES // row_bytes)
    checksums = []
    for number, top in enumerate(range(0, height, rows)):
        start, end = top * row_bytes, min(height, top + rows) * row_bytes
        with whole[start:end] as band:
            checksum = (zlib.crc32(band), zlib.adler32(band))
        checksums.append(checksum)
        if known is None or known[number] != checksum:
            _call_lending(whole, start, end, PictureRows, row_bytes,
                          window=window, width=width, height=height, top=top)
    return checksums


def _call_lending(whole, start, end, command, row_bytes, **arguments):
    """Call ``command`` with ``whole[start:end]`` as its pixels, in AMP-value pieces.

    A piece holds whole rows when a row fits in one: the GUI process then
    unpacks each piece as it is, without gluing rows back together.
    """
    piece_size = max(1, amp.MAX_VALUE_LENGTH // row_bytes) * row_bytes
    if piece_size > amp.MAX_VALUE_LENGTH:
        piece_size = amp.MAX_VALUE_LENGTH
    pieces = [whole[piece_start:min(piece_start + piece_size, end)]
              for piece_start in range(start, end, piece_size)]
    try:
        callRemote(command, pixels=pieces, **arguments)
    except BaseException as error:
        import traceback

        # A view left of the picture's bytes would keep a crop from
        # emptying them (pixels taken before it must fail, not write into
        # old bytes). The frames of a failed call (which a shell keeps,
        # with the traceback) may hold views of these pieces: clear them.
        traceback.clear_frames(error.__traceback__)
        raise
    finally:
        for piece in pieces:
            piece.release()


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
    _call_with_pixels(Show, pic, windows, windows.picture_window, fields)


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
    _call_with_pixels(Inspect, pic, windows, windows.inspector, fields)


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
            _call_with_pixels(Update, pic, windows, number, fields, inspector=is_inspector)


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
        windows.sent.pop(number, None)
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
        windows.sent.pop(number, None)
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
