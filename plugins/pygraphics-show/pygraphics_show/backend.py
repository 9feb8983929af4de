"""The GUI process's side of the show plugin: it keeps the windows by number."""

from pygraphics_gui import ProtocolBackend, appender

from pygraphics_core.amp.images import unpack_chunks

from .commands import (Close, Inspect, IsOpen, PictureRows, Show, Update, blank_picture,
                       image_from_pixels, pixel_count)
from .windows import InspectorWindow, PictureWindow


class _IncomingPicture:
    """A picture arriving in bands of rows for one window (see PictureRows)."""

    __slots__ = ("image", "next_row", "problem")

    def __init__(self, image=None, problem=None):
        self.image = image
        self.next_row = 0
        self.problem = problem


class ShowBackend(ProtocolBackend):
    """Opens, refreshes and closes picture and inspector windows."""

    responders = []
    responder = appender(responders)

    def __init__(self):
        self._windows = {}
        self._incoming = {}

    def _open_window(self, number):
        """Return window ``number`` if it is still open, else None."""
        window = self._windows.get(number)
        if window is not None and not window.is_open:
            # The student closed it by hand since we last looked.
            del self._windows[number]
            window = None
        return window

    def _kept_image(self, number, width, height):
        """The picture window ``number`` shows, if it is a ``width`` x ``height`` one.

        A window keeps one picture: new pixels of the same size are unpacked
        into it (a phone photo is 48 MB in Pillow, and an animation would
        otherwise make a new one for every frame).
        """
        existing = self._open_window(number)
        if existing is None:
            return None
        image = existing.view.image
        return image if image.mode == "RGB" and image.size == (width, height) else None

    @responder(PictureRows)
    def picture_rows(self, window, width, height, top, pixels):
        """Unpack a band of rows of the next picture of window ``window``."""
        try:
            if top == 0:
                image = self._kept_image(window, width, height) or blank_picture(width, height)
                self._incoming[window] = _IncomingPicture(image)
            incoming = self._incoming.get(window)
            if incoming is not None and incoming.problem is not None:
                return  # the first problem is the one to report
            if incoming is None or top != incoming.next_row or incoming.image.size != (width, height):
                raise ValueError(f"rows from row {top} on came without the rows above them")
            unpack_chunks(incoming.image, pixels, top)
            incoming.next_row = top + pixel_count(pixels) // (3 * width)
        except (ValueError, MemoryError, OverflowError) as error:
            # No answer goes back for these rows: the Show or Update that
            # follows them reports the problem.
            self._incoming[window] = _IncomingPicture(problem=str(error) or type(error).__name__)

    def _arrived_picture(self, window, width, height):
        """Return the picture that came in bands for window ``window``."""
        incoming = self._incoming.pop(window, None)
        if incoming is None:
            problem = "no pixels came with it"
        elif incoming.problem is not None:
            problem = incoming.problem
        elif incoming.image.size != (width, height):
            problem = "its rows were of another size"
        elif incoming.next_row != height:
            problem = f"only {incoming.next_row} of its {height} rows came"
        else:
            return incoming.image
        raise ValueError(f"the {width}x{height} picture for window {window} did not arrive "
                         f"whole: {problem}")

    def _show(self, window_class, window, title, width, height, pixels, bring_forward):
        if pixel_count(pixels) == 0:
            image = self._arrived_picture(window, width, height)
        else:
            image = image_from_pixels(width, height, pixels,
                                      reuse=self._kept_image(window, width, height))
        existing = self._open_window(window)
        if existing is None:
            self._windows[window] = window_class(title, image)
            return {"existed": False}
        existing.set_image(image)
        existing.set_picture_title(title)
        if bring_forward:
            # To the front, but the keyboard stays where the student is
            # typing (their shell or editor).
            existing.deiconify()
            existing.lift()
        else:
            # Draw now, before answering: in an animation the student's
            # next update may arrive before Tk would otherwise be idle.
            existing.update_idletasks()
        return {"existed": True}

    @responder(Show)
    def show(self, window, title, width, height, pixels):
        """Open or refresh picture window ``window`` and bring it forward."""
        return self._show(PictureWindow, window, title, width, height, pixels, True)

    @responder(Inspect)
    def inspect(self, window, title, width, height, pixels):
        """Open or refresh inspector ``window`` and bring it forward."""
        return self._show(InspectorWindow, window, title, width, height, pixels, True)

    @responder(Update)
    def update(self, window, title, width, height, pixels, inspector):
        """Redraw window ``window``; reopen it if it was closed."""
        window_class = InspectorWindow if inspector else PictureWindow
        return self._show(window_class, window, title, width, height, pixels, False)

    @responder(Close)
    def close(self, window):
        """Close window ``window`` if it is open."""
        self._incoming.pop(window, None)
        existing = self._open_window(window)
        if existing is None:
            return {"existed": False}
        del self._windows[window]
        existing.close()
        return {"existed": True}

    @responder(IsOpen)
    def is_open(self, window):
        """Tell whether window ``window`` is open."""
        return {"open": self._open_window(window) is not None}
