"""The show plugin in a notebook with no screen: pictures in the cell's output.

See :mod:`pygraphics_core.notebook`. Each window number the student's
process chooses becomes one output in the notebook (an IPython display
with its own id):

* ``show`` puts the picture in the running cell's output; showing it
  again redraws it there, or, from a later cell, shows it in that cell
  too (every copy is redrawn from then on);
* ``update`` redraws it in place, as one frame of an animation (frames
  that come faster than the notebook can take are skipped, never the
  last); a closed picture opens again, as its window would;
* ``close`` leaves a small faded copy, saying it was closed;
* ``inspect`` shows the pixel inspector (see :mod:`pygraphics_show.notebook_inspector`).

``existed`` and ``open`` are answered as the GUI process would: a picture
is open from ``show`` until ``close``.
"""

import weakref

from pygraphics_core import notebook_views

from .commands import Close, Inspect, IsOpen, PictureRows, Show, Update
from .picture_transfer import ArrivingPictures

_open_windows = weakref.WeakKeyDictionary()
_arriving = weakref.WeakKeyDictionary()


def _windows(session):
    return _open_windows.setdefault(session, {})


def _last_picture(session, window):
    shown = _windows(session).get(window)
    return shown.image if shown is not None else None


def _image(session, window, width, height, pixels):
    arriving = _arriving.setdefault(session, ArrivingPictures())
    return arriving.picture(window, width, height, pixels, _last_picture(session, window))


def answer_picture_rows(session, window, width, height, top, pixels):
    """A band of rows of a big picture, for the ``show`` or ``update`` that follows."""
    arriving = _arriving.setdefault(session, ArrivingPictures())
    arriving.take_rows(window, width, height, top, pixels, _last_picture(session, window))


class PictureOutput:
    """A picture "window": one output in the notebook."""

    def __init__(self, session, image, title):
        self.image, self.title = image, title
        self.output = session.display(notebook_views.picture_bundle(image, title))

    def show_again(self, image, title):
        self.image, self.title = image, title
        self.output.show_here(notebook_views.picture_bundle(image, title))

    def redraw(self, image, title):
        self.image, self.title = image, title
        self.output.update_frame(lambda: notebook_views.picture_bundle(image, title))

    def close(self):
        self.output.update(notebook_views.closed_picture_bundle(self.image, self.title))


def _open(session, inspector, image, title):
    if inspector:
        from .notebook_inspector import open_inspector

        return open_inspector(session, image, title)
    return PictureOutput(session, image, title)


def _show(session, inspector, window, title, width, height, pixels, redraw=False):
    """Open the picture's output, or show it again (``redraw``: in place)."""
    image = _image(session, window, width, height, pixels)
    windows = _windows(session)
    shown = windows.get(window)
    if shown is None:
        windows[window] = _open(session, inspector, image, title)
        return {"existed": False}
    (shown.redraw if redraw else shown.show_again)(image, title)
    return {"existed": True}


def answer_show(session, **arguments):
    """``media.show``: the picture in the running cell's output."""
    return _show(session, False, **arguments)


def answer_inspect(session, **arguments):
    """``media.inspect``: the pixel inspector in the running cell's output."""
    return _show(session, True, **arguments)


def answer_update(session, inspector, **arguments):
    """``media.update``: redraw in place; a closed picture opens again."""
    return _show(session, inspector, redraw=True, **arguments)


def answer_close(session, window):
    """``media.close`` and ``close_inspect``: a faded copy stays, saying it was closed."""
    shown = _windows(session).pop(window, None)
    if shown is not None:
        shown.close()
    return {"existed": shown is not None}


def answer_is_open(session, window):
    """``media.is_shown``: open from show until close."""
    return {"open": window in _windows(session)}


#: For the ``pygraphics_notebook_responders`` hook.
NOTEBOOK_RESPONDERS = {PictureRows: answer_picture_rows, Show: answer_show,
                       Inspect: answer_inspect, Update: answer_update,
                       Close: answer_close, IsOpen: answer_is_open}
