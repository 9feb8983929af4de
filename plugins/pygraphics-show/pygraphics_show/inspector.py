"""Inspector: a picture with a zoom bar and readouts of its pixels' colours.

What a student sees, from top to bottom:

- the zoom bar: ``-`` / a list of zooms (25 % .. 800 %) / ``+`` / ``Fit``;
- the *pointer* line: x, y, R, G, B of the pixel under the mouse, live, and
  a swatch of its colour;
- the *pinned* line: a pixel chosen by clicking it, by typing its x and y
  (then Enter), or by stepping with the arrow keys; its R, G, B and swatch
  stay while the mouse moves elsewhere, and an update of the picture shows
  that pixel's new values;
- the picture itself (see :class:`PictureView`): drag or scroll to move
  around, Ctrl + wheel to zoom around the mouse.
"""

import tkinter as tk
from tkinter import ttk

from . import zoom as zoom_math
from .picture_view import PictureView
from .zoom_bar import ZoomBar

_NUMBER_FONT = "TkFixedFont"


class ColorReadout(tk.Frame):
    """One line of the inspector: x, y, R, G, B and a colour swatch."""

    def __init__(self, master, title):
        super().__init__(master)
        tk.Label(self, text=title, width=8, anchor="w").pack(side="left")
        self._values = tk.Label(self, font=_NUMBER_FONT, width=38, anchor="w")
        self._values.pack(side="left")
        self.swatch = tk.Frame(self, width=40, height=18, relief="sunken",
                               borderwidth=1)
        self.swatch.pack(side="left", padx=4)
        self._blank_colour = self.swatch.cget("background")

    def show(self, x, y, rgb):
        """Show the pixel at ``(x, y)`` with colour ``rgb``."""
        red, green, blue = rgb
        self._values.configure(
            text=f"x={x:<5} y={y:<5}  R={red:<3}  G={green:<3}  B={blue:<3}")
        self.swatch.configure(background=f"#{red:02x}{green:02x}{blue:02x}")

    def show_message(self, message):
        """Show a message instead of a pixel (e.g. "not on the picture")."""
        self._values.configure(text=message)
        self.swatch.configure(background=self._blank_colour)

    @property
    def text(self):
        """The line as plain text, e.g. ``'x=3 y=4 R=255 G=0 B=0'``."""
        return " ".join(self._values.cget("text").split())


class Inspector(tk.Frame):
    """The picture inspector, in any container (usually a Window).

    ``image`` is a Pillow image.  ``zoom`` is the starting zoom (a number
    such as 2, ``'200%'``), or None for the largest zoom (up to 800 %) at
    which the picture fits in ``max_width`` x ``max_height``.
    """

    def __init__(self, master, image, zoom=None, *, max_width=1000, max_height=700):
        super().__init__(master)
        self._pinned = None

        # The zoom bar goes above the readouts, the picture below them.
        zoom_bar_place = tk.Frame(self)
        zoom_bar_place.pack(side="top", fill="x", padx=4, pady=(4, 2))

        self.pointer_readout = ColorReadout(self, "Pointer")
        self.pointer_readout.pack(side="top", fill="x", padx=4)
        pinned_line = tk.Frame(self)
        pinned_line.pack(side="top", fill="x", padx=4, pady=(0, 4))
        self.pinned_readout = ColorReadout(pinned_line, "Pinned")
        self.pinned_readout.pack(side="left")
        tk.Label(pinned_line, text="Go to x").pack(side="left", padx=(12, 0))
        self.x_entry = ttk.Entry(pinned_line, width=6)
        self.x_entry.pack(side="left")
        tk.Label(pinned_line, text="y").pack(side="left")
        self.y_entry = ttk.Entry(pinned_line, width=6)
        self.y_entry.pack(side="left")
        ttk.Button(pinned_line, text="Go", width=4,
                   command=self._on_typed_position).pack(side="left", padx=(4, 0))
        for entry in (self.x_entry, self.y_entry):
            entry.bind("<Return>", self._on_typed_position)
            entry.bind("<KP_Enter>", self._on_typed_position)

        if zoom is None:
            # Inspecting is about seeing pixels: start as large as fits.
            zoom = zoom_math.fit_zoom(*image.size, max_width, max_height)
        self.view = PictureView(
            self, image, zoom=zoom, max_width=max_width, max_height=max_height,
            on_click=self.pin, on_pointer=self._on_pointer, zoom_centre=self._zoom_centre,
        )
        self.view.pack(side="top", fill="both", expand=True)
        self.view.bind("<<ZoomChanged>>", self._on_zoom_changed, add="+")
        self.zoom_bar = ZoomBar(zoom_bar_place, self.view)
        self.zoom_bar.pack(fill="x")

        canvas = self.view.canvas
        for key, step in (("Left", (-1, 0)), ("Right", (1, 0)), ("Up", (0, -1)), ("Down", (0, 1))):
            canvas.bind(f"<{key}>", lambda event, step=step: self.step_pin(*step))
            canvas.bind(f"<Shift-{key}>", lambda event, step=step: self.step_pin(10 * step[0], 10 * step[1]))

        self._on_zoom_changed()
        self._on_pointer(None, None)
        self._show_pinned()

    # -- the pinned pixel -------------------------------------------------

    @property
    def pinned(self):
        """The pinned pixel ``(x, y)``, or None."""
        return self._pinned

    def pin(self, x, y):
        """Pin pixel ``(x, y)``: mark it and keep its values in the pinned line."""
        width, height = self.view.image.size
        if not (0 <= x < width and 0 <= y < height):
            raise IndexError(
                f"({x}, {y}) is outside this {width}x{height} picture: "
                f"use x from 0 to {width - 1} and y from 0 to {height - 1}"
            )
        self._pinned = (x, y)
        self._set_message("")
        self.x_entry.delete(0, "end")
        self.x_entry.insert(0, str(x))
        self.y_entry.delete(0, "end")
        self.y_entry.insert(0, str(y))
        self.view.scroll_to_pixel(x, y)
        self._show_pinned()

    def step_pin(self, step_x, step_y):
        """Move the pinned pixel by ``(step_x, step_y)``, stopping at the edges."""
        width, height = self.view.image.size
        x, y = self._pinned or (0, 0)
        if self._pinned is not None:
            x = min(max(0, x + step_x), width - 1)
            y = min(max(0, y + step_y), height - 1)
        self.pin(x, y)
        return "break"

    def _show_pinned(self):
        canvas = self.view.canvas
        canvas.delete("pin")
        if self._pinned is None:
            self.pinned_readout.show_message("click a pixel to pin it")
            return
        x, y = self._pinned
        self.pinned_readout.show(x, y, self.view.image.getpixel((x, y)))
        left, top, right, bottom = self.view.pixel_box(x, y)
        right, bottom = max(right, left + 1), max(bottom, top + 1)
        # A white frame inside a black one shows on any colour.
        canvas.create_rectangle(left - 2, top - 2, right + 1, bottom + 1,
                                outline="black", tags="pin")
        canvas.create_rectangle(left - 1, top - 1, right, bottom,
                                outline="white", tags="pin")

    def _on_typed_position(self, _event=None):
        width, height = self.view.image.size
        values = []
        for name, entry, size in (("x", self.x_entry, width), ("y", self.y_entry, height)):
            text = entry.get().strip()
            try:
                value = int(text)
            except ValueError:
                self._set_message(f"{name} must be a whole number from 0 to {size - 1}, not {text!r}")
                return "break"
            if not 0 <= value < size:
                self._set_message(f"{name}={value} is outside the picture: use 0 to {size - 1}")
                return "break"
            values.append(value)
        self.pin(*values)
        return "break"

    def _set_message(self, text):
        self.zoom_bar.show_message(text)

    # -- pictures and zoom --------------------------------------------------

    def set_image(self, image):
        """Show new pixels, keeping the zoom, the scroll position and the pinned pixel.

        A pinned pixel that is no longer inside the (smaller) picture is
        unpinned.
        """
        self.view.set_image(image)
        if self._pinned is not None:
            width, height = self.view.image.size
            x, y = self._pinned
            if not (x < width and y < height):
                self._pinned = None
        self._show_pinned()

    def _on_pointer(self, x, y):
        if x is None:
            self.pointer_readout.show_message("(not on the picture)")
        else:
            self.pointer_readout.show(x, y, self.view.image.getpixel((x, y)))

    def _on_zoom_changed(self, _event=None):
        self._show_pinned()

    def zoom_step(self, direction):
        """Zoom in (1) or out (-1) one step around the pinned pixel, if it is in view."""
        self.zoom_bar.zoom_step(direction)

    def _zoom_centre(self):
        """The point that stays put when zooming: the pinned pixel if visible, else None."""
        if self._pinned is None:
            return None
        canvas = self.view.canvas
        widget_x, widget_y = self.view.widget_point(*self._pinned)
        if 0 <= widget_x < canvas.winfo_width() and 0 <= widget_y < canvas.winfo_height():
            return widget_x, widget_y
        return None
