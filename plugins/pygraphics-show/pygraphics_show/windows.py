"""The two windows of the show plugin (GUI process only).

:class:`PictureWindow` is what ``media.show`` opens: the picture and nothing
else, at 100 %, with scrollbars if it is bigger than the screen allows.
:class:`InspectorWindow` is what ``media.inspect`` opens: the same picture
with the zoom bar and the pixel readouts of :class:`Inspector`.
"""

from pygraphics_gui.windows import Window

from .inspector import Inspector
from .picture_view import PictureView

#: Room left around a window on the screen (title bar, task bar, borders).
SCREEN_MARGIN = 80


class PictureWindow(Window):
    """A window showing one picture at 100 %."""

    kind = "picture"

    def __init__(self, title, image):
        super().__init__(title)
        self.view = PictureView(
            self, image,
            max_width=self.winfo_screenwidth() - SCREEN_MARGIN,
            max_height=self.winfo_screenheight() - SCREEN_MARGIN,
        )
        self.view.pack(fill="both", expand=True)

    def set_image(self, image):
        """Show new pixels (same zoom and scroll position).

        A picture whose size changed (cropped, say) gets a window of its new
        size, as when it was first shown.
        """
        resized = image.size != self.view.image.size
        self.view.set_image(image)
        if resized:
            self.view.request_size()


class InspectorWindow(Window):
    """A window with the pixel inspector for one picture."""

    kind = "inspector"

    def __init__(self, title, image):
        super().__init__(title)
        self.inspector = Inspector(
            self, image,
            max_width=min(1000, self.winfo_screenwidth() - SCREEN_MARGIN),
            max_height=min(700, self.winfo_screenheight() - SCREEN_MARGIN - 100),
        )
        self.inspector.pack(fill="both", expand=True)
        self.view = self.inspector.view
        # The arrow keys step the pinned pixel from the start.
        self.view.canvas.focus_set()

    def set_image(self, image):
        """Show new pixels, keeping zoom, scroll position and the pinned pixel."""
        self.inspector.set_image(image)
