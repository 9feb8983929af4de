"""Where each picture pixel lands on the screen at a given zoom.

Zooms are whole numbers (200 %, 300 %, ...) or one over a whole number
(50 %, 33 %, 25 %, ...), kept as :class:`fractions.Fraction`.  That keeps
every pixel a square of one size on screen (at 150 % pixels would be
alternately one and two screen pixels wide) and makes the arithmetic exact,
so the readout always names the very pixel that is drawn.

The picture windows draw by *nearest-neighbour* sampling: screen column
``sx`` shows picture column ``floor(sx / zoom)``.  At 300 % that is three
screen columns per picture column; at 25 % every fourth picture column, the
first of each group of four.  :func:`sampling_transform` gives Pillow's
affine transform the numbers that make it draw exactly that.  Everything
here is plain arithmetic, tested without Tk.
"""

import math
from fractions import Fraction

#: The smallest and largest zoom a student can pick (25 % .. 800 %).
MIN_ZOOM = Fraction(1, 4)
MAX_ZOOM = Fraction(8)

#: The steps that "zoom in" and "zoom out" go through.
ZOOM_STEPS = tuple(
    [Fraction(1, 4), Fraction(1, 3), Fraction(1, 2)]
    + [Fraction(factor) for factor in (1, 2, 3, 4, 5, 6, 7, 8)]
)

def as_zoom(value):
    """Return ``value`` (a number such as 2, 0.5 or '300%') as an allowed zoom.

    A zoom of 1 or more is rounded down to a whole number; a zoom below 1 is
    rounded down to one over a whole number, so pixels stay equal squares.
    Raises ValueError for a zoom outside 25 % .. 800 %.
    """
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip()
        try:
            value = Fraction(text) / 100
        except ValueError:
            raise ValueError(
                f"the zoom {value!r} is not a percentage: use for example '200%'"
            ) from None
    zoom = Fraction(value)
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise ValueError(
            f"the zoom {float(zoom) * 100:g}% is outside the range 25% to 800%"
        )
    return _round_down_to_allowed(zoom)


def _round_down_to_allowed(zoom):
    if zoom >= 1:
        return Fraction(math.floor(zoom))
    return Fraction(1, math.ceil(1 / zoom))


def zoomed_length(length, zoom):
    """Return how many screen pixels ``length`` picture pixels cover at ``zoom``.

    Even a 1-pixel picture at 25 % covers one screen pixel.
    """
    return math.ceil(length * zoom)


def picture_index(screen_index, zoom):
    """Return the picture column (or row) that screen column ``screen_index`` shows."""
    return math.floor(screen_index / zoom)


def screen_span(picture_index, zoom):
    """Return ``(first, end)``: the screen columns that show one picture column.

    ``end`` is exclusive.  Below 100 % most picture columns are not drawn at
    all; for those ``first == end``.
    """
    first = math.ceil(picture_index * zoom)
    end = math.ceil((picture_index + 1) * zoom)
    return first, end


def fit_zoom(picture_width, picture_height, room_width, room_height):
    """Return the largest allowed zoom at which the whole picture fits the room.

    Fitting a very big picture may go below 25 % (one over any whole number),
    since that is what "fit to window" asks for; it never goes above 800 %.
    """
    exact = min(Fraction(max(1, room_width), picture_width),
                Fraction(max(1, room_height), picture_height))
    if exact >= 1:
        return Fraction(min(MAX_ZOOM, math.floor(exact)))
    return Fraction(1, math.ceil(1 / exact))


def next_zoom_step(zoom, direction):
    """Return the zoom step after ``zoom``: larger for ``direction=1``, smaller for -1."""
    if direction > 0:
        larger = [step for step in ZOOM_STEPS if step > zoom]
        return larger[0] if larger else MAX_ZOOM
    smaller = [step for step in ZOOM_STEPS if step < zoom]
    return smaller[-1] if smaller else min(zoom, MIN_ZOOM)


def zoom_label(zoom):
    """Return the zoom as a student reads it: ``'200%'``, ``'33%'``."""
    return f"{round(zoom * 100)}%"


def sampling_transform(zoom, left, top):
    """Return the Pillow AFFINE coefficients that draw the view at ``(left, top)``.

    Output pixel ``(sx, sy)`` then shows picture pixel
    ``(picture_index(left + sx), picture_index(top + sy))``.  Pillow samples
    the picture at ``step * (sx + 1/2) + offset``.  At whole-number zooms
    that point is the middle of a picture pixel, far from any edge.  Below
    100 % ``step`` is a whole number and the offset cancels the half, so
    Pillow's sums land exactly on whole numbers, without rounding error.
    """
    step = 1 / zoom
    if zoom >= 1:
        offset_x, offset_y = left * step, top * step
    else:
        offset_x, offset_y = (left - Fraction(1, 2)) * step, (top - Fraction(1, 2)) * step
    return (float(step), 0.0, float(offset_x), 0.0, float(step), float(offset_y))
