"""Drawing lines, shapes and text onto a picture with Pillow's ImageDraw.

A picture keeps its pixels as raw RGB bytes (see :mod:`pictures`), and
turning all of them into a Pillow image and back would make drawing one line
cost two copies of the whole picture. So lines and shapes are drawn in white
on a black one-byte-per-pixel mask of just the rows they touch, and every run
of mask pixels is then filled with the colour straight in the picture's
bytes. Text is blended with the picture (its edges are smoothed), so it is
drawn on a Pillow image of just the rectangle it covers, which is copied back.

Coordinates follow PyGraphics 2.1: a shape's starting point (a line's ends,
a rectangle's or oval's top-left corner, a polygon's corners, the text's
top-left) must be inside the picture, and anything that reaches past an edge
is cut off there. A rectangle or oval that is ``w`` by ``h`` covers exactly
``w`` by ``h`` pixels (2.1 drew one pixel more each way).
"""

import operator
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from pygraphics_core.messages import describe
from pygraphics_core.pictures import checked_color


def _paint_region(picture, left, top, right, bottom, paint):
    """Run ``paint(draw, left, top)`` on a Pillow image of the picture's
    pixels from (left, top) up to, not including, (right, bottom), clipped to
    the picture, and store the result back into the picture.
    """
    left, top = max(left, 0), max(top, 0)
    right, bottom = min(right, picture._width), min(bottom, picture._height)
    if left >= right or top >= bottom:
        return
    row_length = picture._width * 3
    start, stop = left * 3, right * 3
    values = picture._values
    if start == 0 and stop == row_length:  # whole rows: one contiguous block
        region_bytes = values[top * row_length : bottom * row_length]
    else:
        with memoryview(values) as view:
            region_bytes = b"".join(
                view[row * row_length + start : row * row_length + stop]
                for row in range(top, bottom)
            )
    region = Image.frombytes("RGB", (right - left, bottom - top), region_bytes)
    paint(ImageDraw.Draw(region), left, top)
    painted = region.tobytes()
    if start == 0 and stop == row_length:
        values[top * row_length : bottom * row_length] = painted
    else:
        width = stop - start
        with memoryview(painted) as view:
            for number, row in enumerate(range(top, bottom)):
                offset = row * row_length
                values[offset + start : offset + stop] = view[
                    number * width : (number + 1) * width
                ]


def _fill_shape(picture, rgb, top, bottom, paint):
    """Colour what ``paint(draw, top)`` draws (in 255) on a mask of the
    picture's rows from ``top`` up to, not including, ``bottom``.
    """
    top, bottom = max(top, 0), min(bottom, picture._height)
    if top >= bottom:
        return
    width = picture._width
    mask = Image.new("L", (width, bottom - top), 0)
    paint(ImageDraw.Draw(mask), top)
    # The mask's rows are as wide as the picture's, so a run in the mask is
    # a run in the picture's bytes, even when it wraps onto the next row.
    values, color, base = picture._values, bytes(rgb), top * width * 3
    drawn = mask.tobytes()
    start = drawn.find(255)  # bytes.find of one byte is a fast memchr
    while start != -1:
        end = drawn.find(0, start)
        if end == -1:
            end = len(drawn)
        values[base + start * 3 : base + end * 3] = color * (end - start)
        start = drawn.find(255, end)


def _checked_whole(value, name, action):
    if isinstance(value, float):
        raise TypeError(
            f"{action}: {name}={value!r} is a float, but sizes in pixels are "
            f"whole numbers: use // instead of /, or int({name})"
        )
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(
            f"{action}: {name} must be a whole number, but it is {describe(value)}"
        ) from None


def _checked_box_size(w, h, action):
    w = _checked_whole(w, "w", action)
    h = _checked_whole(h, "h", action)
    for name, size in (("w", w), ("h", h)):
        if size < 0:
            raise ValueError(
                f"{action}: {name}={size} is negative; a width or height is 0 or more"
            )
    return w, h


def line(picture, color, x1, y1, x2, y2, width=1):
    """Draw a line from (x1, y1) to (x2, y2), ``width`` pixels thick."""
    rgb = tuple(checked_color(color, "add_line")._rgb)
    x1, y1 = picture.checked_coordinates(x1, y1)
    x2, y2 = picture.checked_coordinates(x2, y2)
    width = _checked_whole(width, "width", "add_line")
    if width < 1:
        raise ValueError(f"add_line: width={width} is too thin: use 1 or more")
    margin = width + 1

    def paint(draw, top):
        draw.line([x1, y1 - top, x2, y2 - top], fill=255, width=width)

    _fill_shape(picture, rgb, min(y1, y2) - margin, max(y1, y2) + margin + 1, paint)


def _box_shape(picture, color, x, y, w, h, filled, action, shape):
    rgb = tuple(checked_color(color, action)._rgb)
    x, y = picture.checked_coordinates(x, y)
    w, h = _checked_box_size(w, h, action)
    if w == 0 or h == 0:
        return

    def paint(draw, top):
        corners = [x, y - top, x + w - 1, y + h - 1 - top]
        shape(draw)(corners, outline=255, fill=255 if filled else None)

    _fill_shape(picture, rgb, y, y + h, paint)


def rectangle(picture, color, x, y, w, h, filled):
    """Draw a w by h rectangle (its outline, or ``filled``) with top-left (x, y)."""
    action = "add_rect_filled" if filled else "add_rect"
    _box_shape(picture, color, x, y, w, h, filled, action, lambda draw: draw.rectangle)


def oval(picture, color, x, y, w, h, filled):
    """Draw the oval that fits the w by h box with top-left (x, y)."""
    action = "add_oval_filled" if filled else "add_oval"
    _box_shape(picture, color, x, y, w, h, filled, action, lambda draw: draw.ellipse)


def _corners(point_list, action):
    """Return [(x, y), ...] from 2.1's flat [x1, y1, x2, y2, ...] or from pairs."""
    try:
        points = list(point_list)
    except TypeError:
        raise TypeError(
            f"{action} needs a list of corners such as [x1, y1, x2, y2, x3, y3], "
            f"but got {point_list!r}"
        ) from None
    if points and all(isinstance(point, (tuple, list)) for point in points):
        pairs = points
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError(f"{action}: each corner must be an (x, y) pair")
    else:
        if len(points) % 2:
            raise ValueError(
                f"{action}: the list has {len(points)} numbers, but corners come "
                f"in x, y pairs, so it needs an even number"
            )
        pairs = list(zip(points[0::2], points[1::2]))
    if len(pairs) < 3:
        raise ValueError(
            f"{action} needs at least 3 corners (6 numbers), but got {len(pairs)}"
        )
    return pairs


def polygon(picture, color, point_list, filled):
    """Draw the polygon with the given corners (its outline, or ``filled``)."""
    action = "add_polygon_filled" if filled else "add_polygon"
    rgb = tuple(checked_color(color, action)._rgb)
    corners = [picture.checked_coordinates(x, y) for x, y in _corners(point_list, action)]
    ys = [y for _, y in corners]

    def paint(draw, top):
        shifted = [(x, y - top) for x, y in corners]
        draw.polygon(shifted, outline=255, fill=255 if filled else None)

    _fill_shape(picture, rgb, min(ys), max(ys) + 1, paint)


@lru_cache(maxsize=1)
def default_font():
    """Return Pillow's default font (loaded once)."""
    return ImageFont.load_default()


def text(picture, color, x, y, words, font=None):
    """Write ``words`` (anything, shown as with print) with its top-left at (x, y)."""
    action = "add_text" if font is None else "add_text_with_style"
    rgb = tuple(checked_color(color, action)._rgb)
    x, y = picture.checked_coordinates(x, y)
    words = str(words)
    font = default_font() if font is None else font
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    left, top, right, bottom = measure.textbbox((x, y), words, font=font)

    def paint(draw, region_left, region_top):
        draw.text((x - region_left, y - region_top), words, fill=rgb, font=font)

    _paint_region(picture, left - 1, top - 1, right + 2, bottom + 2, paint)
