"""The AMP commands of the show plugin (used by both processes).

Windows are named by a number the student's process chooses (``window``),
so that it can ask about, update and close them later; the GUI process
forgets a number when its window closes.  A picture travels as its raw RGB
bytes (3 per pixel, row by row) with its width and height: the cheapest
form to make on one side and to paste into Tk on the other.

Every answer says whether the window ``existed`` before the command: that
is how the student's side learns that the student closed a window by hand.
"""

from pygraphics_core import amp


def _picture_arguments():
    return [
        ("window", amp.Integer()),
        ("title", amp.BigUnicode()),
        ("width", amp.Integer()),
        ("height", amp.Integer()),
        ("pixels", amp.BigString()),
    ]


class Show(amp.Command):
    """Show a picture in window ``window``: open it, or refresh it and bring it forward."""

    arguments = _picture_arguments()
    response = [("existed", amp.Boolean())]


class Inspect(amp.Command):
    """Show a picture in inspector ``window``: open it, or refresh it and bring it forward."""

    arguments = _picture_arguments()
    response = [("existed", amp.Boolean())]


class Update(amp.Command):
    """Redraw window ``window`` with new pixels, without bringing it forward.

    If the window was closed, it opens again (a picture window, or an
    inspector when ``inspector`` is true), keeping its zoom and scroll
    position if it still exists.
    """

    arguments = _picture_arguments() + [("inspector", amp.Boolean())]
    response = [("existed", amp.Boolean())]


class Close(amp.Command):
    """Close window ``window`` if it is open."""

    arguments = [("window", amp.Integer())]
    response = [("existed", amp.Boolean())]


class IsOpen(amp.Command):
    """Tell whether window ``window`` is still open."""

    arguments = [("window", amp.Integer())]
    response = [("open", amp.Boolean())]


#: Every command of the plugin, for the plugin hook.
COMMANDS = [Show, Inspect, Update, Close, IsOpen]
