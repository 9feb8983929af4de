"""How a picture's pixels travel between the two processes (no Tk here).

- :class:`RGBPixels`, the argument type of the pixels: raw RGB bytes
  (3 a pixel, row by row), which neither side copies as a whole;
- :data:`BAND_BYTES`: a bigger picture travels in bands of rows
  (``PictureRows``), and :class:`IncomingPicture` puts them together on
  the receiving side (the GUI process; :class:`ArrivingPictures` in
  headless mode and notebooks), starting from the picture the window
  shows, so that bands left out because they did not change are there
  already;
- :class:`PictureIncomplete`: raised when a window lacks rows that were
  left out (the student's side then sends them all).
"""

from pygraphics_core import amp
from pygraphics_core.amp.arguments import get_chunks, put_chunks

#: Pictures larger than this (in bytes of RGB) travel in bands of rows of
#: about this size (``PictureRows`` in :mod:`~pygraphics_show.commands`).
BAND_BYTES = 1 << 20


class PictureIncomplete(Exception):
    """The window has no picture of that size to take the rows that were not sent."""


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


class ArrivingPictures:
    """The pictures arriving for the windows of one session with no GUI
    process (headless mode, a notebook), where each window's last picture
    must stay as it was (it was recorded, or it is still being drawn): the
    bands of a big picture change a copy of it.
    """

    def __init__(self):
        self._incoming = {}

    def take_rows(self, window, width, height, top, pixels, last):
        """Take a band of rows (a ``PictureRows``) for ``window``, whose picture is ``last``."""
        incoming = self._incoming.get(window)
        if incoming is None or incoming.image.size != (width, height):
            incoming = self._incoming[window] = IncomingPicture(
                width, height, last.copy() if last is not None else None)
        incoming.take_rows(pixels, top)

    def picture(self, window, width, height, pixels, last):
        """Return the picture a ``Show``, ``Inspect`` or ``Update`` brings for ``window``.

        Its own pixels; if it has none, the bands that came before it (with
        ``last``'s rows where none came), or ``last`` if nothing changed.
        Raises PictureIncomplete if rows are missing.
        """
        incoming = self._incoming.pop(window, None)
        if pixel_count(pixels):
            return image_from_pixels(width, height, pixels)
        if incoming is not None:
            return incoming.picture(window)
        if last is not None and last.size == (width, height):
            return last
        raise incomplete(window, width, height)


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
