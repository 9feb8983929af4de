"""The GUI process's side of the show plugin: it keeps the windows by number."""

from pygraphics_gui import ProtocolBackend, appender

from .commands import Close, Inspect, IsOpen, Show, Update
from .windows import InspectorWindow, PictureWindow, picture_from_pixels


class ShowBackend(ProtocolBackend):
    """Opens, refreshes and closes picture and inspector windows."""

    responders = []
    responder = appender(responders)

    def __init__(self):
        self._windows = {}

    def _open_window(self, number):
        """Return window ``number`` if it is still open, else None."""
        window = self._windows.get(number)
        if window is not None and not window.is_open:
            # The student closed it by hand since we last looked.
            del self._windows[number]
            window = None
        return window

    def _show(self, window_class, window, title, width, height, pixels, bring_forward):
        image = picture_from_pixels(width, height, pixels)
        existing = self._open_window(window)
        if existing is None:
            self._windows[window] = window_class(title, image)
            return {"existed": False}
        existing.set_image(image)
        if existing.title() != title:
            existing.title(title)
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
