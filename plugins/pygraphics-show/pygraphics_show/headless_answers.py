"""How the show plugin's commands are answered in headless mode (no screen).

Each window the program would have opened is recorded with a copy of its
picture, under the media function's name ("show", "inspect", "update"),
so a grading script can look at what the student showed.  The windows a
session has "open" are remembered so that the answers (``existed``,
``open``) are the ones a real GUI process would give, and so is each
window's picture: a big picture's bands of rows (``PictureRows``) change a
copy of it, and bands left out (unchanged) are taken from it.
"""

import weakref

from .commands import Close, Inspect, IsOpen, PictureRows, Show, Update
from .picture_transfer import ArrivingPictures

# For each session: each open window's picture, and the pictures arriving.
_shown = weakref.WeakKeyDictionary()
_arriving = weakref.WeakKeyDictionary()


def _windows(session):
    return _shown.setdefault(session, {})


def _arriving_pictures(session):
    return _arriving.setdefault(session, ArrivingPictures())


def answer_picture_rows(session, window, width, height, top, pixels):
    """Take a band of rows of a big picture for the command that follows."""
    _arriving_pictures(session).take_rows(window, width, height, top, pixels,
                                          _windows(session).get(window))


def _record(function, session, window, title, width, height, pixels, **_others):
    picture = _arriving_pictures(session).picture(window, width, height, pixels,
                                                  _windows(session).get(window))
    session.record(function, command=function.capitalize(), picture=picture, text=title,
                   arguments={"window": window, "title": title,
                              "width": width, "height": height})
    existed = window in _windows(session)
    _windows(session)[window] = picture
    return {"existed": existed}


def answer_show(session, **arguments):
    """Record a ``media.show``."""
    return _record("show", session, **arguments)


def answer_inspect(session, **arguments):
    """Record a ``media.inspect``."""
    return _record("inspect", session, **arguments)


def answer_update(session, **arguments):
    """Record a ``media.update``."""
    return _record("update", session, **arguments)


def answer_close(session, window):
    """Record a ``media.close`` or ``close_inspect``; the window is no longer open."""
    existed = window in _windows(session)
    _windows(session).pop(window, None)
    session.record("close", command="Close", arguments={"window": window})
    return {"existed": existed}


def answer_is_open(session, window):
    """Answer ``media.is_shown``: open since shown, until closed."""
    return {"open": window in _windows(session)}


#: The hook's answer: each command and the function that answers it.
RESPONDERS = {PictureRows: answer_picture_rows, Show: answer_show, Inspect: answer_inspect,
              Update: answer_update, Close: answer_close, IsOpen: answer_is_open}
