"""The GUI process's side of the show plugin: it keeps the windows by number."""

from pygraphics_gui import ProtocolBackend, appender

from .commands import Close, Inspect, IsOpen, PictureRows, Show, Update
from .picture_transfer import IncomingPicture, image_from_pixels, incomplete, pixel_count

# The windows (Tk widgets, Pillow's ImageTk) are imported when a command
# first needs them: every plugin's backend is made when the student's
# program connects, before its first window, whichever plugin that is.


class ShowBackend(ProtocolBackend):
    """Opens, refreshes and closes picture and inspector windows."""

    responders = []
    responder = appender(responders)

    def __init__(self):
        self._windows = {}
        # Pictures arriving in bands (PictureRows), and what went wrong
        # with one: no answer goes back for a band, so the Show or Update
        # that follows reports it.
        self._incoming = {}
        self._problems = {}

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
        if window in self._problems:
            return  # the first problem is the one to report
        try:
            incoming = self._incoming.get(window)
            if incoming is None or incoming.image.size != (width, height):
                incoming = self._incoming[window] = IncomingPicture(
                    width, height, self._kept_image(window, width, height))
            incoming.take_rows(pixels, top)
        except (ValueError, MemoryError, OverflowError) as error:
            self._incoming.pop(window, None)
            self._problems[window] = str(error) or type(error).__name__

    def _arrived_picture(self, window, width, height):
        """Return the picture that came in bands (or did not change) for window ``window``."""
        incoming = self._incoming.pop(window, None)
        problem = self._problems.pop(window, None)
        if problem is not None:
            raise ValueError(f"the {width}x{height} picture for window {window} did not "
                             f"arrive whole: {problem}")
        if incoming is not None:
            return incoming.picture(window)
        kept = self._kept_image(window, width, height)
        if kept is None:
            raise incomplete(window, width, height)
        return kept  # nothing changed

    def _show(self, inspector, window, title, width, height, pixels, bring_forward):
        from .windows import InspectorWindow, PictureWindow

        window_class = InspectorWindow if inspector else PictureWindow
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
        return self._show(False, window, title, width, height, pixels, True)

    @responder(Inspect)
    def inspect(self, window, title, width, height, pixels):
        """Open or refresh inspector ``window`` and bring it forward."""
        return self._show(True, window, title, width, height, pixels, True)

    @responder(Update)
    def update(self, window, title, width, height, pixels, inspector):
        """Redraw window ``window``; reopen it if it was closed."""
        return self._show(inspector, window, title, width, height, pixels, False)

    @responder(Close)
    def close(self, window):
        """Close window ``window`` if it is open."""
        self._incoming.pop(window, None)
        self._problems.pop(window, None)
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
