"""The pixel inspector in a notebook with no screen.

With ipywidgets installed, the inspector is a small interactive view in the
output: a zoom from 25 % to 800 %, sliders for the x and y of a pixel, the
zoomed view around that pixel (with a pixel grid from 400 %, and the pixel
outlined), and its readout: x, y, red, green, blue. It answers the
student's moves once the cell has finished (a notebook's Python handles
the widgets between cells).

Without ipywidgets, it is a static picture: the whole picture with rulers
in pixel coordinates, and beside it the middle of the picture zoomed, with
a pixel grid and the coordinates of every row and column; the caption
reads out the middle pixel.

Both draw with the same zoom arithmetic as the inspector window
(:mod:`pygraphics_show.zoom`), so a pixel is always a square and the
readout names the pixel drawn.
"""

import math
from fractions import Fraction

from PIL import Image, ImageDraw, ImageFont

from pygraphics_core import notebook_views

from . import zoom as zooms

#: The zoomed view's size on the screen (the widget's, and the static zoom's largest).
VIEW_WIDTH, VIEW_HEIGHT = 480, 360
#: From this zoom on, a grid separates the pixels.
GRID_FROM_ZOOM = 4
#: The static inspector zooms this many pixels across, and down, at most.
STATIC_COLUMNS, STATIC_ROWS = 16, 12
#: ... each drawn as a square this many screen pixels wide.
STATIC_CELL = 24
#: The whole picture beside it is at most this big.
OVERVIEW_WIDTH, OVERVIEW_HEIGHT = 360, 270

_GRID = (128, 128, 128)
_RULER = (90, 90, 90)


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow before 10.1: one bitmap size only
        return ImageFont.load_default()


def readout(image, x, y):
    """'x 10, y 20: red 255, green 128, blue 0'."""
    red, green, blue = image.getpixel((x, y))
    return f"x {x}, y {y}: red {red}, green {green}, blue {blue}"


def zoomed_view(image, zoom, x, y, width=VIEW_WIDTH, height=VIEW_HEIGHT):
    """The part of ``image`` around pixel (x, y) at ``zoom``, with a grid and (x, y) outlined."""
    zoomed_width = zooms.zoomed_length(image.width, zoom)
    zoomed_height = zooms.zoomed_length(image.height, zoom)
    width, height = min(width, zoomed_width), min(height, zoomed_height)
    first_x, end_x = zooms.screen_span(x, zoom)
    first_y, end_y = zooms.screen_span(y, zoom)
    left = min(max(0, (first_x + end_x) // 2 - width // 2), zoomed_width - width)
    top = min(max(0, (first_y + end_y) // 2 - height // 2), zoomed_height - height)
    view = image.transform((width, height), Image.Transform.AFFINE,
                           zooms.sampling_transform(zoom, left, top),
                           resample=Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(view)
    if zoom >= GRID_FROM_ZOOM:
        for column in range(zooms.picture_index(left, zoom),
                            zooms.picture_index(left + width - 1, zoom) + 2):
            screen_x = zooms.screen_span(column, zoom)[0] - left
            draw.line([(screen_x, 0), (screen_x, height)], fill=_GRID)
        for row in range(zooms.picture_index(top, zoom),
                         zooms.picture_index(top + height - 1, zoom) + 2):
            screen_y = zooms.screen_span(row, zoom)[0] - top
            draw.line([(0, screen_y), (width, screen_y)], fill=_GRID)
    box = [first_x - left - 1, first_y - top - 1, max(end_x, first_x + 1) - left,
           max(end_y, first_y + 1) - top]
    draw.rectangle(box, outline=(0, 0, 0))
    draw.rectangle([box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1], outline=(255, 255, 255))
    return view


def _nice_step(length, room):
    """A ruler step (1, 2, 5, 10, 20, 50...) that puts a label every ~60 screen pixels."""
    wanted = length * 60 / max(1, room)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if step >= wanted:
            return step
    return 10 ** math.ceil(math.log10(wanted))


def static_inspector_image(image):
    """The static inspector: the picture with rulers, and its middle zoomed with a grid.

    Returns ``(picture, (left, top, columns, rows))``: what to show, and
    the pixels zoomed.
    """
    font = _font(11)
    columns, rows = min(image.width, STATIC_COLUMNS), min(image.height, STATIC_ROWS)
    left, top = (image.width - columns) // 2, (image.height - rows) // 2
    overview = notebook_views.scaled_for_notebook(image, OVERVIEW_WIDTH, OVERVIEW_HEIGHT)
    scale = overview.width / image.width
    margin = 34
    zoomed = image.crop((left, top, left + columns, top + rows)).resize(
        (columns * STATIC_CELL, rows * STATIC_CELL), Image.Resampling.NEAREST)
    gap = 40
    width = margin + overview.width + gap + margin + zoomed.width + 10
    height = margin + max(overview.height, zoomed.height) + 10
    canvas = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)

    # The whole picture, with rulers in its own pixel coordinates.
    canvas.paste(overview, (margin, margin))
    for along, length, room in (("x", image.width, overview.width),
                                ("y", image.height, overview.height)):
        step = _nice_step(length, room)
        for value in range(0, length, step):
            at = round(value * scale)
            if along == "x":
                draw.line([(margin + at, margin - 5), (margin + at, margin - 1)], fill=_RULER)
                draw.text((margin + at, margin - 6), str(value), fill=_RULER, font=font,
                          anchor="mb")
            else:
                draw.line([(margin - 5, margin + at), (margin - 1, margin + at)], fill=_RULER)
                draw.text((margin - 7, margin + at), str(value), fill=_RULER, font=font,
                          anchor="rm")
    draw.rectangle([margin + math.floor(left * scale) - 1, margin + math.floor(top * scale) - 1,
                    margin + math.ceil((left + columns) * scale),
                    margin + math.ceil((top + rows) * scale)], outline=(220, 0, 0))

    # The middle, zoomed: a grid, and every column's x and row's y.
    zoom_left = margin + overview.width + gap + margin
    canvas.paste(zoomed, (zoom_left, margin))
    zoom_draw = draw
    for column in range(columns + 1):
        at = zoom_left + column * STATIC_CELL
        zoom_draw.line([(at, margin), (at, margin + zoomed.height)], fill=_GRID)
    for row in range(rows + 1):
        at = margin + row * STATIC_CELL
        zoom_draw.line([(zoom_left, at), (zoom_left + zoomed.width, at)], fill=_GRID)
    small = _font(9 if left + columns > 999 else 10)
    for column in range(columns):
        zoom_draw.text((zoom_left + column * STATIC_CELL + STATIC_CELL // 2, margin - 4),
                       str(left + column), fill=_RULER, font=small, anchor="mb")
    for row in range(rows):
        zoom_draw.text((zoom_left - 4, margin + row * STATIC_CELL + STATIC_CELL // 2),
                       str(top + row), fill=_RULER, font=small, anchor="rm")
    return canvas, (left, top, columns, rows)


def static_inspector_bundle(image, title):
    """The MIME bundle of the static inspector, with its caption and readout."""
    picture, (left, top, columns, rows) = static_inspector_image(image)
    middle_x, middle_y = left + columns // 2, top + rows // 2
    caption = (f"Inspector: {title + ' — ' if title else ''}"
               f"{notebook_views.describe_size(image.width, image.height)}. Zoomed: x {left} "
               f"to {left + columns - 1}, y {top} to {top + rows - 1}. "
               f"{readout(image, middle_x, middle_y)}. For an inspector you can move and "
               f"zoom, install ipywidgets (pip install ipywidgets).")
    png = notebook_views.png_bytes(picture)
    import base64
    import html

    return {
        "text/html": (
            f'<figure class="pygraphics-inspector" style="margin:0.2em 0">'
            f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
            f'alt="inspector" width="{picture.width}" height="{picture.height}" '
            f'style="max-width:100%;height:auto;display:block">'
            f'<figcaption style="font-size:small;color:#555">{html.escape(caption)}'
            f"</figcaption></figure>"),
        "text/plain": f"<{caption}>",
    }


class StaticInspector:
    """The inspector without ipywidgets: one output, redrawn when the picture changes."""

    def __init__(self, session, image, title):
        self.image, self.title = image, title
        self.output = session.display(static_inspector_bundle(image, title))

    def show_again(self, image, title):
        self.image, self.title = image, title
        self.output.show_here(static_inspector_bundle(image, title))

    def redraw(self, image, title):
        self.image, self.title = image, title
        self.output.update_frame(lambda: static_inspector_bundle(image, title))

    def close(self):
        self.output.update(notebook_views.closed_picture_bundle(
            self.image, self.title, how="media.close_inspect"))


class WidgetInspector:
    """The inspector with ipywidgets: zoom, x and y sliders, the zoomed view, the readout."""

    def __init__(self, session, widgets, image, title):
        self.session, self.image, self.title = session, image, title
        self.caption = widgets.HTML()
        start = zooms.fit_zoom(image.width, image.height, VIEW_WIDTH, VIEW_HEIGHT)
        steps = sorted(set(zooms.ZOOM_STEPS) | {max(zooms.MIN_ZOOM, start)})
        self.zoom = widgets.Dropdown(
            options=[(zooms.zoom_label(step), step) for step in steps],
            value=max(zooms.MIN_ZOOM, start), description="zoom",
            layout=widgets.Layout(width="10em"))
        self.x = widgets.IntSlider(value=image.width // 2, min=0, max=image.width - 1,
                                   description="x", continuous_update=False)
        self.y = widgets.IntSlider(value=image.height // 2, min=0, max=image.height - 1,
                                   description="y", continuous_update=False)
        self.view = widgets.Image(format="png")
        self.readout = widgets.HTML()
        self.box = widgets.VBox([self.caption, widgets.HBox([self.zoom, self.x, self.y]),
                                 self.view, self.readout])
        for control in (self.zoom, self.x, self.y):
            control.observe(lambda change: self.draw(), names="value")
        self.draw()
        self.output = session.display_widget(self.box)

    def draw(self):
        """Draw the view and the readout for the controls' values (returns the bytes sent)."""
        import html

        image = self.image
        x, y = min(self.x.value, image.width - 1), min(self.y.value, image.height - 1)
        png = notebook_views.png_bytes(zoomed_view(image, Fraction(self.zoom.value), x, y))
        self.caption.value = (f"<small>Inspector: {html.escape(self.title)} — "
                              f"{notebook_views.describe_size(image.width, image.height)}. "
                              f"Move the x and y sliders to read a pixel.</small>")
        red, green, blue = image.getpixel((x, y))
        self.readout.value = (
            f'<span style="display:inline-block;width:1.2em;height:1.2em;vertical-align:'
            f'middle;border:1px solid #888;background:rgb({red},{green},{blue})"></span> '
            f"<code>{readout(image, x, y)}</code>")
        self.view.value = png
        return len(png)

    def _picture_changed(self, image, title):
        self.image, self.title = image, title
        self.x.max, self.y.max = image.width - 1, image.height - 1

    def show_again(self, image, title):
        self._picture_changed(image, title)
        self.session.drop_frame(self.output.display_id)
        self.draw()
        if not self.output.in_this_cell:
            self.session.display_widget(self.box, again=self.output)

    def redraw(self, image, title):
        self._picture_changed(image, title)
        self.session.send_frame(self.output.display_id, self.draw, len(self.view.value))

    def close(self):
        self.session.drop_frame(self.output.display_id)
        self.output.update(notebook_views.closed_picture_bundle(
            self.image, self.title, how="media.close_inspect"))
        self.box.close()


def open_inspector(session, image, title):
    """The inspector for ``image``: with widgets when ipywidgets is installed."""
    widgets = session.widgets
    if widgets is None:
        return StaticInspector(session, image, title)
    return WidgetInspector(session, widgets, image, title)
