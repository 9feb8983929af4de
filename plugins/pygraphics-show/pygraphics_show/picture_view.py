"""PictureView: a picture in a scrollable canvas, at any zoom, pixels sharp.

Only the part of the picture that is visible is ever zoomed and handed to
Tk: the canvas's scroll region is as large as the whole zoomed picture, but
it holds a single image item exactly the size of the window, which is
redrawn from the picture whenever the view moves.  So a 4000 x 3000 picture
at 800 % costs no more to draw than the window it is seen through, and an
update of a picture shown at 100 % costs one paste of its pixels into Tk.
"""

import math
import tkinter as tk
from fractions import Fraction
from tkinter import ttk

from PIL import Image, ImageTk

from . import zoom as zoom_math

#: How far (in screen pixels) the mouse must move with the button down
#: before a press counts as dragging the picture rather than a click.
DRAG_THRESHOLD = 4

#: Screen pixels scrolled for one notch of the mouse wheel.
WHEEL_STEP = 40


class PictureView(tk.Frame):
    """A frame showing a Pillow image, zoomable and scrollable.

    ``image`` is a Pillow image (converted to RGB if it is not).  The view
    is ``width`` x ``height`` screen pixels to start with (by default the
    zoomed picture, up to ``max_width`` x ``max_height``); scrollbars appear
    when the picture is larger than the view.  Drag with the mouse or turn
    the wheel (Shift for sideways) to move around.

    ``zoom`` is the starting zoom (a number such as 2, ``'200%'``; see also
    :meth:`fit_within`).  The keys ``+`` and ``-`` and Ctrl + the mouse
    wheel zoom in and out; ``zoom_centre()``, if given, returns the point
    of the view that zoom keys and buttons keep in place (None: the
    middle).

    ``on_click(x, y)`` is called with picture coordinates when the user
    clicks a pixel without dragging; ``on_pointer(x, y)`` whenever the
    pixel under the mouse changes (``None, None`` when the mouse leaves the
    picture).  The view generates ``<<ZoomChanged>>`` after a zoom change.
    """

    def __init__(self, master, image, zoom=1, *, width=None, height=None,
                 max_width=1200, max_height=800, on_click=None, on_pointer=None,
                 zoom_centre=None, background="#7f7f7f"):
        super().__init__(master, borderwidth=0, highlightthickness=0)
        self._image = _as_rgb(image)
        # A Fraction comes from fit_zoom, which may go below 25 %.
        self._zoom = zoom if isinstance(zoom, Fraction) else zoom_math.as_zoom(zoom)
        self._fitting = False
        self.on_click = on_click
        self.on_pointer = on_pointer
        self._zoom_centre = zoom_centre
        self._photo = None
        self._drawn_view = None
        self._draw_pending = None
        self._press = None
        self._dragging = False
        self._last_pointer_position = None
        self._last_pointed_pixel = None

        self.canvas = tk.Canvas(
            self, borderwidth=0, highlightthickness=0, background=background,
            xscrollincrement=1, yscrollincrement=1, takefocus=1,
            cursor="crosshair",
        )
        self._horizontal_bar = ttk.Scrollbar(self, orient="horizontal",
                                             command=self.canvas.xview)
        self._vertical_bar = ttk.Scrollbar(self, orient="vertical",
                                           command=self.canvas.yview)
        self.canvas.configure(xscrollcommand=self._on_horizontal_view,
                              yscrollcommand=self._on_vertical_view)
        self.canvas.grid(row=0, column=0, sticky="nsew")
        self.grid_rowconfigure(0, weight=1)
        self.grid_columnconfigure(0, weight=1)
        # The frame keeps the size it is given: otherwise a scrollbar
        # appearing would grow the window, making the scrollbar unneeded,
        # and the two would flicker back and forth.
        self.grid_propagate(False)
        self._picture_item = self.canvas.create_image(0, 0, anchor="nw")
        self._scroll_region = None
        self._set_scroll_region()

        self._max_size = (max_width, max_height)
        self.request_size(width, height)

        self.bind("<Configure>", self._on_resize)
        self.canvas.bind("<Configure>", self._on_canvas_resize)
        self.canvas.bind("<Motion>", self._on_motion)
        self.canvas.bind("<Leave>", self._on_leave)
        self.canvas.bind("<ButtonPress-1>", self._on_press)
        self.canvas.bind("<B1-Motion>", self._on_drag)
        self.canvas.bind("<ButtonRelease-1>", self._on_release)
        self.canvas.bind("<MouseWheel>", self._on_wheel)
        self.canvas.bind("<Shift-MouseWheel>", self._on_wheel)
        self.canvas.bind("<Button-4>", self._on_wheel)
        self.canvas.bind("<Button-5>", self._on_wheel)
        self.canvas.bind("<Shift-Button-4>", self._on_wheel)
        self.canvas.bind("<Shift-Button-5>", self._on_wheel)
        for key, direction in (("plus", 1), ("equal", 1), ("KP_Add", 1),
                               ("minus", -1), ("KP_Subtract", -1)):
            self.canvas.bind(f"<{key}>", lambda event, direction=direction:
                             self.zoom_step(direction, keep=self.zoom_centre()))
        self.canvas.bind("<Control-MouseWheel>", self._on_zoom_wheel)
        self.canvas.bind("<Control-Button-4>", self._on_zoom_wheel)
        self.canvas.bind("<Control-Button-5>", self._on_zoom_wheel)

    def zoom_centre(self):
        """The point ``(widget_x, widget_y)`` that zoom keys and buttons keep in place.

        None means the middle of the view (see the ``zoom_centre`` option).
        """
        return self._zoom_centre() if self._zoom_centre is not None else None

    # -- what is shown ----------------------------------------------------

    @property
    def image(self):
        """The Pillow RGB image being shown."""
        return self._image

    def set_image(self, image):
        """Show ``image`` instead, keeping the zoom and the scroll position.

        The new pixels are on screen when this returns (after Tk's next
        idle round): this is what ``media.update`` calls for each frame of
        an animation, so it draws at once rather than waiting.
        """
        old_size = self._image.size
        self._image = _as_rgb(image)
        if self._image.size != old_size:
            self._set_scroll_region()
            if self._fitting:
                self._apply_fit()
        self._drawn_view = None
        self._draw()
        self._report_pointer_pixel(force=True)

    def request_size(self, width=None, height=None):
        """Ask for room to show ``width`` x ``height`` screen pixels of picture.

        By default, the whole zoomed picture up to the largest size given
        when the view was made, plus scrollbars if that is not all of it.
        The window grows or shrinks to match unless the user resized it.
        """
        max_width, max_height = self._max_size
        zoomed_width, zoomed_height = self.zoomed_size
        if width is None:
            width = min(zoomed_width, max_width)
        if height is None:
            height = min(zoomed_height, max_height)
        scrollbar_room = self._vertical_bar.winfo_reqwidth()
        self.configure(
            width=width + (scrollbar_room if zoomed_height > height else 0),
            height=height + (scrollbar_room if zoomed_width > width else 0),
        )

    @property
    def zoom(self):
        """The zoom as a :class:`fractions.Fraction` (``Fraction(2)`` is 200 %)."""
        return self._zoom

    @property
    def fitting(self):
        """True while the zoom follows the window size ("fit to window")."""
        return self._fitting

    @property
    def zoomed_size(self):
        """The size in screen pixels of the whole picture at the current zoom."""
        width, height = self._image.size
        return (zoom_math.zoomed_length(width, self._zoom),
                zoom_math.zoomed_length(height, self._zoom))

    def set_zoom(self, zoom, keep=None):
        """Zoom to ``zoom`` (e.g. 2, ``'200%'``), leaving "fit to window".

        ``keep`` is a point ``(widget_x, widget_y)`` of the view whose
        picture spot stays where it is (the mouse position when zooming
        with the wheel); by default the centre of the view stays put.
        """
        self._fitting = False
        self._change_zoom(zoom_math.as_zoom(zoom), keep)

    def zoom_step(self, direction, keep=None):
        """Zoom in (``direction=1``) or out (-1) one step."""
        self.set_zoom(zoom_math.next_zoom_step(self._zoom, direction), keep)

    def fit_within(self, max_width, max_height, zoom="fit"):
        """Ask for at most ``max_width`` x ``max_height`` from now on, at ``zoom``.

        ``"fit"`` (the default) zooms so that the whole picture fits in that
        room and keeps fitting when the view is resized (as *Fit* does).
        The window takes the new size unless the user resized it.
        """
        self._max_size = (max_width, max_height)
        self._fitting = zoom == "fit"
        if self._fitting:
            zoom = zoom_math.fit_zoom(*self._image.size, max_width, max_height)
        self._change_zoom(zoom if isinstance(zoom, Fraction) else zoom_math.as_zoom(zoom))
        self.request_size()

    def fit_to_window(self):
        """Zoom so the whole picture fits, and keep fitting when resized."""
        self._fitting = True
        self._apply_fit()

    def _apply_fit(self):
        width, height = self._image.size
        room_width, room_height = self._room()
        self._change_zoom(zoom_math.fit_zoom(width, height, room_width, room_height))

    def _room(self):
        """Return the screen pixels available for the picture without scrollbars."""
        self.update_idletasks()
        return max(1, self.winfo_width()), max(1, self.winfo_height())

    def _change_zoom(self, new_zoom, keep=None):
        if keep is None:
            keep = (self.canvas.winfo_width() / 2, self.canvas.winfo_height() / 2)
        widget_x, widget_y = keep
        # The picture spot (in picture pixels, fractional) under ``keep``.
        spot_x = (self.canvas.canvasx(0) + widget_x) / self._zoom
        spot_y = (self.canvas.canvasy(0) + widget_y) / self._zoom
        changed = new_zoom != self._zoom
        self._zoom = new_zoom
        self._set_scroll_region()
        # Whole screen pixels, rounded down: Tk rounds a fraction to the
        # nearest pixel, and a spot half-way between two would land on
        # either side depending on the float's last bit.
        self._move_view_to(math.floor(spot_x * new_zoom - widget_x),
                           math.floor(spot_y * new_zoom - widget_y))
        self._drawn_view = None
        self._draw()
        if changed:
            self.event_generate("<<ZoomChanged>>")

    # -- coordinates ------------------------------------------------------

    def picture_point(self, widget_x, widget_y):
        """Return the picture pixel ``(x, y)`` at a point of the view, or None.

        ``widget_x, widget_y`` are relative to the canvas (as in a Tk
        event's ``x`` and ``y``); None when the point is off the picture.
        """
        screen_x = int(self.canvas.canvasx(widget_x))
        screen_y = int(self.canvas.canvasy(widget_y))
        zoomed_width, zoomed_height = self.zoomed_size
        if not (0 <= screen_x < zoomed_width and 0 <= screen_y < zoomed_height):
            return None
        return (zoom_math.picture_index(screen_x, self._zoom),
                zoom_math.picture_index(screen_y, self._zoom))

    def pixel_box(self, x, y):
        """Return the canvas box ``(left, top, right, bottom)`` drawn for pixel (x, y).

        ``right`` and ``bottom`` are exclusive.  Below 100 % a pixel may
        not be drawn at all; its box is then empty.
        """
        left, right = zoom_math.screen_span(x, self._zoom)
        top, bottom = zoom_math.screen_span(y, self._zoom)
        return left, top, right, bottom

    def scroll_to_pixel(self, x, y):
        """Scroll, if needed, so that pixel ``(x, y)`` is in view."""
        left, top, right, bottom = self.pixel_box(x, y)
        right, bottom = max(right, left + 1), max(bottom, top + 1)
        view_left, view_top = self.canvas.canvasx(0), self.canvas.canvasy(0)
        view_width, view_height = self.canvas.winfo_width(), self.canvas.winfo_height()
        margin = 2
        if left < view_left or right > view_left + view_width:
            target = left - margin if left < view_left else right + margin - view_width
            self._move_view_to(max(0, target), None)
        if top < view_top or bottom > view_top + view_height:
            target = top - margin if top < view_top else bottom + margin - view_height
            self._move_view_to(None, max(0, target))

    def widget_point(self, x, y):
        """Return the point of the view (as in a Tk event) at the middle of pixel (x, y).

        The pixel may be scrolled out of view; the point is then outside
        the view.
        """
        left, top, right, bottom = self.pixel_box(x, y)
        middle_x = (left + max(right, left + 1) - 1) // 2
        middle_y = (top + max(bottom, top + 1) - 1) // 2
        return (middle_x - round(self.canvas.canvasx(0)),
                middle_y - round(self.canvas.canvasy(0)))

    # -- drawing ----------------------------------------------------------

    def _set_scroll_region(self):
        zoomed_width, zoomed_height = self.zoomed_size
        # A picture smaller than the view sits in its middle: the scroll
        # region gets a margin on each side, so that the picture keeps its
        # canvas coordinates 0..size and Tk (which puts a region smaller
        # than the window at the window's left) shows the margin first.
        view_width, view_height = self.canvas.winfo_width(), self.canvas.winfo_height()
        margin_x = max(0, (view_width - zoomed_width) // 2) if view_width > 1 else 0
        margin_y = max(0, (view_height - zoomed_height) // 2) if view_height > 1 else 0
        region = (-margin_x, -margin_y, zoomed_width + margin_x, zoomed_height + margin_y)
        if region != self._scroll_region:
            self._scroll_region = region
            self.canvas.configure(scrollregion=region)
        self._show_needed_scrollbars()

    def _move_view_to(self, left, top):
        """Scroll so that canvas point (left, top) is at the view's top-left corner."""
        region_left, region_top, region_right, region_bottom = self._scroll_region
        if left is not None:
            self.canvas.xview_moveto(float(left - region_left) / (region_right - region_left))
        if top is not None:
            self.canvas.yview_moveto(float(top - region_top) / (region_bottom - region_top))

    def _show_needed_scrollbars(self):
        zoomed_width, zoomed_height = self.zoomed_size
        room_width = self.winfo_width() if self.winfo_ismapped() else int(self.cget("width"))
        room_height = self.winfo_height() if self.winfo_ismapped() else int(self.cget("height"))
        bar = self._vertical_bar.winfo_reqwidth()
        need_horizontal = zoomed_width > room_width
        need_vertical = zoomed_height > room_height
        # A scrollbar takes room, which may make the other one needed too.
        if need_horizontal and not need_vertical:
            need_vertical = zoomed_height > room_height - bar
        if need_vertical and not need_horizontal:
            need_horizontal = zoomed_width > room_width - bar
        for scrollbar, needed, place in (
            (self._horizontal_bar, need_horizontal, dict(row=1, column=0, sticky="ew")),
            (self._vertical_bar, need_vertical, dict(row=0, column=1, sticky="ns")),
        ):
            if needed and not scrollbar.winfo_manager():
                scrollbar.grid(**place)
            elif not needed and scrollbar.winfo_manager():
                scrollbar.grid_remove()

    def _view(self):
        """Return ``(left, top, width, height)``: the visible part of the picture.

        In canvas pixels, where the zoomed picture spans 0..zoomed size.
        """
        zoomed_width, zoomed_height = self.zoomed_size
        origin_x, origin_y = round(self.canvas.canvasx(0)), round(self.canvas.canvasy(0))
        left = min(max(0, origin_x), zoomed_width - 1)
        top = min(max(0, origin_y), zoomed_height - 1)
        width = min(max(1, self.canvas.winfo_width() - (left - origin_x)), zoomed_width - left)
        height = min(max(1, self.canvas.winfo_height() - (top - origin_y)), zoomed_height - top)
        return left, top, max(1, width), max(1, height)

    def _draw(self):
        """Draw the visible part of the picture now (skipped if already drawn)."""
        if self._draw_pending is not None:
            self.after_cancel(self._draw_pending)
            self._draw_pending = None
        view = self._view() + (self._zoom,)
        if view == self._drawn_view:
            return
        left, top, width, height = view[:4]
        if self._zoom == 1:
            if (left, top, width, height) == (0, 0) + self._image.size:
                visible = self._image
            else:
                visible = self._image.crop((left, top, left + width, top + height))
        else:
            visible = self._image.transform(
                (width, height), Image.AFFINE,
                zoom_math.sampling_transform(self._zoom, left, top),
                resample=Image.NEAREST,
            )
        if self._photo is not None and (self._photo.width(), self._photo.height()) == (width, height):
            self._photo.paste(visible)
        else:
            self._photo = ImageTk.PhotoImage(visible, master=self)
            self.canvas.itemconfigure(self._picture_item, image=self._photo)
        self.canvas.coords(self._picture_item, left, top)
        self._drawn_view = view

    def _draw_soon(self):
        # Scrolling reports each view change; drawing once per idle round
        # keeps a fast drag smooth.
        if self._draw_pending is None:
            self._draw_pending = self.after_idle(self._draw_if_pending)

    def _draw_if_pending(self):
        self._draw_pending = None
        self._draw()

    def _on_horizontal_view(self, first, last):
        self._horizontal_bar.set(first, last)
        self._draw_soon()

    def _on_vertical_view(self, first, last):
        self._vertical_bar.set(first, last)
        self._draw_soon()

    def _on_canvas_resize(self, _event):
        self._set_scroll_region()
        self._draw_soon()

    def _on_resize(self, _event):
        self._show_needed_scrollbars()
        if self._fitting:
            self.after_idle(self._apply_fit)
        self._draw_soon()

    # -- mouse ------------------------------------------------------------

    def _report_pointer_pixel(self, force=False):
        if self.on_pointer is None:
            return
        point = None
        if self._last_pointer_position is not None:
            point = self.picture_point(*self._last_pointer_position)
        if force or point != self._last_pointed_pixel:
            self._last_pointed_pixel = point
            self.on_pointer(*(point or (None, None)))

    def _on_motion(self, event):
        self._last_pointer_position = (event.x, event.y)
        self._report_pointer_pixel()

    def _on_leave(self, _event):
        if self._press is None:
            self._last_pointer_position = None
            self._report_pointer_pixel()

    def _on_press(self, event):
        self.canvas.focus_set()
        self._press = (event.x, event.y)
        self._dragging = False
        self.canvas.scan_mark(event.x, event.y)

    def _on_drag(self, event):
        if self._press is None:
            return
        if not self._dragging:
            moved = max(abs(event.x - self._press[0]), abs(event.y - self._press[1]))
            self._dragging = moved >= DRAG_THRESHOLD
        if self._dragging:
            self.canvas.configure(cursor="fleur")
            self.canvas.scan_dragto(event.x, event.y, gain=1)
        self._on_motion(event)

    def _on_release(self, event):
        press, dragging = self._press, self._dragging
        self._press, self._dragging = None, False
        self.canvas.configure(cursor="crosshair")
        if press is not None and not dragging and self.on_click is not None:
            point = self.picture_point(*press)
            if point is not None:
                self.on_click(*point)

    def _on_wheel(self, event):
        if event.num in (4, 5):
            notches = 1 if event.num == 4 else -1
        else:
            # Windows reports multiples of 120 per notch, macOS small steps.
            notches = event.delta / 120 if abs(event.delta) >= 120 else event.delta
        sideways = bool(event.state & 0x0001)  # Shift
        pixels = -round(notches * WHEEL_STEP)
        if sideways:
            self.canvas.xview_scroll(pixels, "units")
        else:
            self.canvas.yview_scroll(pixels, "units")
        self._on_motion(event)
        return "break"

    def _on_zoom_wheel(self, event):
        if event.num in (4, 5):
            direction = 1 if event.num == 4 else -1
        else:
            direction = 1 if event.delta > 0 else -1
        self.zoom_step(direction, keep=(event.x, event.y))
        return "break"


def _as_rgb(image):
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image
