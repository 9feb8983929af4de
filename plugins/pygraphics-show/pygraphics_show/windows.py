"""The two windows of the show plugin (GUI process only).

:class:`PictureWindow` is what ``media.show`` opens: the picture at 100 %,
or, if it is bigger than the screen allows, the whole picture fitted to the
screen with a zoom bar above it.  :class:`InspectorWindow` is what
``media.inspect`` opens: the same picture with the zoom bar and the pixel
readouts of :class:`Inspector`.
"""

from pygraphics_gui.windows import Window

from . import zoom as zoom_math
from .inspector import Inspector
from .picture_view import PictureView
from .zoom_bar import ZoomBar

#: Room left around a window on the screen (title bar, task bar, borders).
SCREEN_MARGIN = 80


class PictureWindow(Window):
    """A window showing one picture, at 100 % if it fits on the screen.

    A picture bigger than the screen (a photo from a phone) opens at the
    largest zoom at which all of it fits, 25 % say, with the zoom bar above
    it.  Whenever the zoom is not 100 %, the title says it: ``beach.jpg
    (25%)``.  The keys ``+`` and ``-`` and Ctrl + the mouse wheel zoom in
    and out in any picture window.
    """

    kind = "picture"

    def __init__(self, title, image):
        super().__init__(title)
        close_with_the_keyboard(self)
        self._picture_title = title
        self._room = (self.winfo_screenwidth() - SCREEN_MARGIN,
                      self.winfo_screenheight() - SCREEN_MARGIN)
        self.view = PictureView(self, image, max_width=self._room[0], max_height=self._room[1])
        self.zoom_bar = ZoomBar(self, self.view)
        self.view.pack(side="bottom", fill="both", expand=True)
        self.view.bind("<<ZoomChanged>>", self._show_title, add="+")
        self._show_zoom_bar_if_too_big()
        self._show_title()
        # The zoom keys work from the start (once the window has the focus).
        self.view.canvas.focus_set()

    def _too_big(self, image):
        return image.width > self._room[0] or image.height > self._room[1]

    def _show_zoom_bar_if_too_big(self):
        """Show the zoom bar only with a picture too big for the screen, and fit that one."""
        if self._too_big(self.view.image):
            self.zoom_bar.pack(side="top", fill="x", padx=4, pady=2)
            # The bar takes room from the picture.
            self.view.fit_within(self._room[0], self._room[1] - self.zoom_bar.winfo_reqheight())
        else:
            self.zoom_bar.pack_forget()
            self.view.fit_within(*self._room, zoom=1)

    def _show_title(self, _event=None):
        zoom = self.view.zoom
        self.title(self._picture_title if zoom == 1
                   else f"{self._picture_title} ({zoom_math.zoom_label(zoom)})")

    def set_picture_title(self, title):
        """Show ``title`` (the picture's) in the title bar, with the zoom."""
        if title != self._picture_title:
            self._picture_title = title
            self._show_title()

    def set_image(self, image):
        """Show new pixels (same zoom and scroll position).

        A picture whose size changed (cropped, say) gets a window of its new
        size and zoom, as when it was first shown.
        """
        resized = image.size != self.view.image.size
        self.view.set_image(image)
        if resized:
            self._show_zoom_bar_if_too_big()


class InspectorWindow(Window):
    """A window with the pixel inspector for one picture."""

    kind = "inspector"

    def __init__(self, title, image):
        super().__init__(title)
        close_with_the_keyboard(self)
        self.inspector = Inspector(
            self, image,
            max_width=min(1000, self.winfo_screenwidth() - SCREEN_MARGIN),
            max_height=min(700, self.winfo_screenheight() - SCREEN_MARGIN - 100),
        )
        self.inspector.pack(fill="both", expand=True)
        self.view = self.inspector.view
        # The arrow keys step the pinned pixel from the start.
        self.view.canvas.focus_set()

    def set_picture_title(self, title):
        """Show ``title`` (the picture's) in the title bar."""
        if title != self.title():
            self.title(title)

    def set_image(self, image):
        """Show new pixels, keeping zoom, scroll position and the pinned pixel."""
        self.inspector.set_image(image)


def close_with_the_keyboard(window):
    """Close ``window`` with Escape or Ctrl+W (Command+W on macOS).

    Without a window manager (a Raspberry Pi's console, a virtual screen)
    there is no close button: the keyboard is the only way.
    """
    for key in ("<Escape>", "<Control-w>", "<Control-W>"):
        window.bind(key, lambda event: window.close())
    if window.tk.call("tk", "windowingsystem") == "aqua":
        window.bind("<Command-w>", lambda event: window.close())
