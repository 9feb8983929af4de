"""The AMP commands of the show plugin (used by both processes).

Windows are named by a number the student's process chooses (``window``),
so that it can ask about, update and close them later; the GUI process
forgets a number when its window closes.  A picture travels as its raw RGB
bytes (3 per pixel, row by row) with its width and height: the cheapest
form to make on one side and to unpack into the picture a window keeps on
the other.

A picture larger than 1 MB (see :mod:`~pygraphics_show.picture_transfer`)
comes first in bands of rows, each in a :class:`PictureRows` (which needs
no answer), and then in a ``Show``, ``Inspect`` or ``Update`` without
pixels: the GUI process unpacks each band as it arrives, so it never holds
the whole picture twice (a 12-megapixel photo is 36 MB of RGB), and it
unpacks one band while the next is on its way.
A band that has not changed since the window's last picture is left out
(the student's process compares checksums), so an animation on a big
picture sends only the bands it changed.  If the window no longer has the
rows left out (it was closed, or the GUI process is a new one), the command
raises ``PictureIncomplete`` and the student's process sends them all.

Every answer says whether the window ``existed`` before the command: that
is how the student's side learns that the student closed a window by hand.
"""

from pygraphics_core import amp

from .picture_transfer import PictureIncomplete, RGBPixels


def _picture_arguments():
    return [
        ("window", amp.Integer()),
        ("title", amp.BigUnicode()),
        ("width", amp.Integer()),
        ("height", amp.Integer()),
        ("pixels", RGBPixels()),
    ]


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
