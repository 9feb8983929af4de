"""The AMP commands of the show plugin (used by both processes).

Windows are named by a number the student's process chooses (``window``),
so that it can ask about, update and close them later; the GUI process
forgets a number when its window closes.  A picture travels as its raw RGB
bytes (3 per pixel, row by row) with its width and height (see
:class:`RGBPixels`): the cheapest form to make on one side and to unpack
into the picture a window keeps on the other.

A picture larger than :data:`BAND_BYTES` comes first in bands of rows, each
in a :class:`PictureRows` (which needs no answer), and then in a ``Show``,
``Inspect`` or ``Update`` without pixels: the GUI process unpacks each band
as it arrives, so it never holds the whole picture twice (a 12-megapixel
photo is 36 MB of RGB), and it unpacks one band while the next is on its way.
A band that has not changed since the window's last picture is left out
(the student's process compares checksums), so an animation on a big
picture sends only the bands it changed.  If the window no longer has the
rows left out (it was closed, or the GUI process is a new one), the command
raises :class:`PictureIncomplete` and the student's process sends them all.

Every answer says whether the window ``existed`` before the command: that
is how the student's side learns that the student closed a window by hand.
"""

from pygraphics_core import amp
from pygraphics_core.amp.arguments import get_chunks, put_chunks

#: Pictures larger than this (in bytes of RGB) travel in bands of rows of
#: about this size (see :class:`PictureRows`).
BAND_BYTES = 1 << 20


class RGBPixels(amp.BigString):
    """A picture's raw RGB bytes, sent without copying and received in pieces.

    On the wire this is a BigString (``pixels``, ``pixels.2``, ...), so any
    AMP peer can send or read it.  A 12-megapixel photo is 36 MB of them,
    so neither side copies them as a whole:

    - the sender gives bytes, or a list of pieces of at most
      ``amp.MAX_VALUE_LENGTH`` bytes each (memoryviews of the picture,
      see ``front_end``), which go onto the wire as they are;
    - the receiver gets the list of received pieces (bytes or read-only
      memoryviews), which :func:`image_from_pixels` unpacks straight into
      a picture.
    """

    def to_box(self, key, value, box):
        if not isinstance(value, list):
            put_chunks(key, [value], box)
            return
        if not value:
            box[key] = b""
        for index, piece in enumerate(value, 1):
            if len(piece) > amp.MAX_VALUE_LENGTH:
                raise ValueError(f"a piece of pixels is {len(piece):,} bytes long; "
                                 f"at most {amp.MAX_VALUE_LENGTH:,} fit in an AMP value")
            box[key if index == 1 else b"%s.%d" % (key, index)] = piece

    def from_box(self, key, box):
        return get_chunks(key, box)


def blank_picture(width, height):
    """Return a new "RGB" image of that size whose pixels are still to be unpacked."""
    from PIL import Image

    if width <= 0 or height <= 0:
        raise ValueError(f"a picture must be at least 1x1 pixels, not {width}x{height}")
    # Not filled (colour None): every pixel is unpacked into it next.
    return Image.new("RGB", (width, height), None)


def image_from_pixels(width, height, pieces, reuse=None):
    """Return a Pillow "RGB" image of the raw RGB bytes in ``pieces``.

    ``reuse`` is an image that may be filled instead of making a new one
    (the image a window shows, for the next frame of an animation): it is
    used if it is an "RGB" image of that size.  Raises ValueError if the
    number of bytes does not make a ``width`` x ``height`` picture.
    """
    from pygraphics_core.amp.images import unpack_chunks

    if isinstance(pieces, (bytes, bytearray, memoryview)):
        pieces = [pieces]
    expected = width * height * 3
    if pixel_count(pieces) != expected:
        raise ValueError(f"a {width}x{height} picture has {max(0, expected):,} bytes of RGB "
                         f"pixels, not {pixel_count(pieces):,}")
    if reuse is None or reuse.mode != "RGB" or reuse.size != (width, height):
        reuse = blank_picture(width, height)
    return unpack_chunks(reuse, pieces)


class IncomingPicture:
    """A picture arriving in bands of rows (``PictureRows``) for one window.

    It starts as ``last``, the picture the window shows, if that is a
    ``width`` x ``height`` "RGB" image (and is then changed in place): the
    bands left out because they did not change are already there.
    Otherwise it starts blank, and every row must come.
    """

    def __init__(self, width, height, last=None):
        self.starts_from_last = (last is not None and last.mode == "RGB"
                                 and last.size == (width, height))
        self.image = last if self.starts_from_last else blank_picture(width, height)
        # One flag per row: bands may be left out.
        self._rows_received = bytearray(height)

    def take_rows(self, pixels, top):
        """Unpack a band of rows (``PictureRows``'s ``pixels``) from row ``top`` down."""
        from pygraphics_core.amp.images import unpack_chunks

        rows = pixel_count(pixels) // (3 * self.image.width)
        unpack_chunks(self.image, pixels, top)
        self._rows_received[top:top + rows] = b"\x01" * rows

    def picture(self, window):
        """Return the finished picture, or raise PictureIncomplete if rows are missing."""
        if not self.starts_from_last and self._rows_received.count(0):
            raise incomplete(window, *self.image.size)
        return self.image


def incomplete(window, width, height):
    """The PictureIncomplete to raise when window ``window`` lacks rows of a picture."""
    return PictureIncomplete(
        f"window {window} has no {width}x{height} picture to take the rows that were not "
        f"sent: send all of them")


def pixel_count(pieces):
    """Return how many bytes of pixels ``pieces`` (an RGBPixels value) hold."""
    if isinstance(pieces, (bytes, bytearray, memoryview)):
        return memoryview(pieces).nbytes
    return sum(memoryview(piece).nbytes for piece in pieces)


def _picture_arguments():
    return [
        ("window", amp.Integer()),
        ("title", amp.BigUnicode()),
        ("width", amp.Integer()),
        ("height", amp.Integer()),
        ("pixels", RGBPixels()),
    ]


class PictureIncomplete(Exception):
    """The window has no picture of that size to take the rows that were not sent."""


class PictureRows(amp.Command):
    """Rows ``top`` and down of the next picture of window ``window`` (no answer).

    ``width`` and ``height`` are the whole picture's.  Then the ``Show``,
    ``Inspect`` or ``Update`` of that window with empty ``pixels`` shows
    the picture: the rows that came, and the window's last picture's rows
    where none came.
    """

    arguments = [
        ("window", amp.Integer()),
        ("width", amp.Integer()),
        ("height", amp.Integer()),
        ("top", amp.Integer()),
        ("pixels", RGBPixels()),
    ]
    response = []
    requiresAnswer = False


class Show(amp.Command):
    """Show a picture in window ``window``: open it, or refresh it and bring it forward.

    Empty ``pixels``: the picture came in bands, in :class:`PictureRows`.
    """

    arguments = _picture_arguments()
    response = [("existed", amp.Boolean())]
    errors = {PictureIncomplete: "PICTURE_INCOMPLETE"}


class Inspect(amp.Command):
    """Show a picture in inspector ``window``: open it, or refresh it and bring it forward."""

    arguments = _picture_arguments()
    response = [("existed", amp.Boolean())]
    errors = {PictureIncomplete: "PICTURE_INCOMPLETE"}


class Update(amp.Command):
    """Redraw window ``window`` with new pixels, without bringing it forward.

    If the window was closed, it opens again (a picture window, or an
    inspector when ``inspector`` is true), keeping its zoom and scroll
    position if it still exists.
    """

    arguments = _picture_arguments() + [("inspector", amp.Boolean())]
    response = [("existed", amp.Boolean())]
    errors = {PictureIncomplete: "PICTURE_INCOMPLETE"}


class Close(amp.Command):
    """Close window ``window`` if it is open."""

    arguments = [("window", amp.Integer())]
    response = [("existed", amp.Boolean())]


class IsOpen(amp.Command):
    """Tell whether window ``window`` is still open."""

    arguments = [("window", amp.Integer())]
    response = [("open", amp.Boolean())]


#: Every command of the plugin, for the plugin hook.
COMMANDS = [PictureRows, Show, Inspect, Update, Close, IsOpen]
