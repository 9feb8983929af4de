"""ZoomBar: the row of zoom controls above a picture (Tk).

``Zoom  −  [200%]  +  Fit`` and a place for a short message: ``−`` and
``+`` step through the zooms, the list takes a zoom picked or typed
(then Enter), and *Fit* zooms so that the whole picture fits the window
(and keeps fitting when the window is resized).  The inspector has one,
and so has a picture window whose picture is bigger than the screen.
"""

import tkinter as tk
from tkinter import ttk

from . import zoom as zoom_math


class ZoomBar(tk.Frame):
    """The zoom controls of a :class:`~pygraphics_show.picture_view.PictureView`.

    Zooming keeps in place the point of the view that ``view.zoom_centre()``
    gives (see PictureView), and the list always shows the view's zoom.
    """

    def __init__(self, master, view):
        super().__init__(master)
        self.view = view
        tk.Label(self, text="Zoom").pack(side="left")
        ttk.Button(self, text="\u2212", width=3,
                   command=lambda: self.zoom_step(-1)).pack(side="left", padx=(4, 0))
        self.choice = ttk.Combobox(
            self, width=6, values=[zoom_math.zoom_label(step) for step in zoom_math.ZOOM_STEPS],
        )
        self.choice.pack(side="left")
        self.choice.bind("<<ComboboxSelected>>", self._on_zoom_chosen)
        self.choice.bind("<Return>", self._on_zoom_chosen)
        ttk.Button(self, text="+", width=3,
                   command=lambda: self.zoom_step(1)).pack(side="left")
        ttk.Button(self, text="Fit", width=4,
                   command=view.fit_to_window).pack(side="left", padx=(4, 0))
        self.message = tk.Label(self, foreground="#b00000", anchor="w")
        self.message.pack(side="left", fill="x", expand=True, padx=8)
        view.bind("<<ZoomChanged>>", self._show_zoom, add="+")
        self._show_zoom()

    def zoom_step(self, direction):
        """Zoom in (1) or out (-1) one step, as the ``+`` and ``−`` buttons do."""
        self.view.zoom_step(direction, keep=self.view.zoom_centre())

    def show_message(self, text):
        """Show a short message beside the controls ('' to clear it)."""
        self.message.configure(text=text)

    def _show_zoom(self, _event=None):
        self.choice.set(zoom_math.zoom_label(self.view.zoom))

    def _on_zoom_chosen(self, _event=None):
        try:
            self.view.set_zoom(self.choice.get(), keep=self.view.zoom_centre())
        except ValueError as error:
            self.show_message(str(error))
            self._show_zoom()
        else:
            self.show_message("")
        self.view.canvas.focus_set()
        return "break"
