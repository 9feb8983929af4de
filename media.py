"""Pictures, pixels, colours and sounds for people learning Python.

Make a picture, change its pixels, and look at one of them::

    >>> import media
    >>> pic = media.create_picture(4, 3, media.orange)
    >>> for pixel in pic:
    ...     media.set_red(pixel, media.get_red(pixel) // 2)
    >>> media.get_color(media.get_pixel(pic, 0, 0))
    Color(127, 165, 0)

A picture is a grid of pixels. (0, 0) is the top-left corner; x counts
columns to the right and y counts rows downwards. Each pixel has a colour
made of red, green and blue, each a whole number from 0 to 255.

Windows (``show``, ``inspect``, ``choose_file``, ``say``, ...) come from
plugins: if one is missing, calling it says which package to install.
"""

from pygraphics_core import pictures as _pictures
from pygraphics_core.colors import *  # Color and the 140 named colours: red, aliceblue, ...
from pygraphics_core.pictures import Picture, Pixel
from pygraphics_core.sounds import (  # Sounds and their samples: see help(load_sound)
    Sound, Note, MonoSample, StereoSample,
    load_sound, create_sound, create_note, get_samples, get_sample,
    get_sampling_rate, get_max_sample, get_min_sample, concatenate,
    append_silence, append, crop_sound, insert, get_index,
    get_value, set_value, get_values, set_values,
    get_left, set_left, get_right, set_right,
)


# --- Pictures -----------------------------------------------------------------


def load_picture(filename):
    """Return the picture stored in the file called filename.

    Most kinds of picture file work: .jpg, .png, .gif, .bmp, .tif, ...

    >>> save_as(create_picture(40, 30, red), "red.png")
    'red.png'
    >>> pic = load_picture("red.png")
    >>> get_width(pic), get_height(pic)
    (40, 30)
    """
    return Picture(filename=filename)


def create_picture(w, h, col=white):
    """Return a new picture w pixels wide and h pixels high, all colour col.

    The colour is white unless you give one.

    >>> pic = create_picture(3, 2)
    >>> get_color(get_pixel(pic, 2, 1))
    Color(255, 255, 255)
    >>> create_picture(3, 2, blue)
    <Picture 'untitled': 3 wide, 2 high>
    """
    return Picture(w, h, col)


def crop_picture(pic, x1, y1, x2, y2):
    """Cut pic down to the rectangle from (x1, y1) to (x2, y2), both included.

    The picture itself changes; the pixel that was at (x1, y1) is now (0, 0).

    >>> pic = create_picture(10, 10)
    >>> crop_picture(pic, 2, 3, 5, 4)
    >>> get_width(pic), get_height(pic)
    (4, 2)
    """
    _picture(pic, "crop_picture").crop(x1, y1, x2, y2)


crop = crop_picture


def get_pixel(pic, x, y):
    """Return the pixel of pic in column x and row y.

    >>> pic = create_picture(4, 3, red)
    >>> get_pixel(pic, 3, 2)
    <Pixel at x=3, y=2: Color(255, 0, 0)>
    """
    # The quick way, for a picture and two whole numbers inside it (as in
    # pictures.Picture.get_pixel, but without the cost of a method call).
    # The picture's lookup tables say where the pixel is, and fail for a
    # float or a number that is too large.
    try:
        if x >= 0 and y >= 0:
            pix = Pixel()
            pix._values = pic._values
            pix._index = pic._row_starts[y] + pic._column_starts[x]
            pix._picture = pic
            return pix
    except Exception:
        pass
    # The careful way, which explains what is wrong with pic, x or y.
    return _picture(pic, "get_pixel").get_pixel(x, y)


def get_pixels(pic):
    """Return a list of all the pixels of pic.

    They come in the same order as in a for loop over pic: down the first
    column, then down the next one, and so on.

    >>> pixels = get_pixels(create_picture(2, 2))
    >>> [(get_x(p), get_y(p)) for p in pixels]
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    return _picture(pic, "get_pixels").get_pixels()


def get_width(pic):
    """Return how many pixels wide pic is.

    >>> get_width(create_picture(640, 480))
    640
    """
    return _picture(pic, "get_width").get_width()


def get_height(pic):
    """Return how many pixels high pic is.

    >>> get_height(create_picture(640, 480))
    480
    """
    return _picture(pic, "get_height").get_height()


# --- Drawing ------------------------------------------------------------------


def add_line(pic, x1, y1, x2, y2, col):
    """Draw a line of colour col on pic from (x1, y1) to (x2, y2).

    >>> pic = create_picture(5, 5)
    >>> add_line(pic, 0, 0, 4, 4, black)
    >>> get_color(get_pixel(pic, 2, 2))
    Color(0, 0, 0)
    """
    _picture(pic, "add_line").add_line(col, x1, y1, x2, y2)


def add_text(pic, x, y, s, col):
    """Write the text s in colour col on pic, its top-left corner at (x, y).

    >>> pic = create_picture(60, 20)
    >>> add_text(pic, 2, 2, "Hi!", black)
    """
    _picture(pic, "add_text").add_text(col, x, y, s)


def add_rect(pic, x, y, w, h, col):
    """Draw the outline of a w by h rectangle on pic, its top-left at (x, y).

    The rectangle covers w pixels across and h pixels down.

    >>> pic = create_picture(5, 5)
    >>> add_rect(pic, 1, 1, 3, 3, red)
    >>> get_color(get_pixel(pic, 3, 3)), get_color(get_pixel(pic, 2, 2))
    (Color(255, 0, 0), Color(255, 255, 255))
    """
    _picture(pic, "add_rect").add_rect(col, x, y, w, h)


def add_rect_filled(pic, x, y, w, h, col):
    """Draw a filled w by h rectangle on pic, its top-left at (x, y).

    The rectangle covers w pixels across and h pixels down.

    >>> pic = create_picture(5, 5)
    >>> add_rect_filled(pic, 1, 1, 3, 3, red)
    >>> get_color(get_pixel(pic, 2, 2)), get_color(get_pixel(pic, 4, 4))
    (Color(255, 0, 0), Color(255, 255, 255))
    """
    _picture(pic, "add_rect_filled").add_rect_filled(col, x, y, w, h)


def add_oval(pic, x, y, w, h, col):
    """Draw the outline of an oval on pic, in a w by h box with top-left (x, y).

    >>> pic = create_picture(9, 9)
    >>> add_oval(pic, 0, 0, 9, 9, blue)
    >>> get_color(get_pixel(pic, 4, 0)), get_color(get_pixel(pic, 4, 4))
    (Color(0, 0, 255), Color(255, 255, 255))
    """
    _picture(pic, "add_oval").add_oval(col, x, y, w, h)


def add_oval_filled(pic, x, y, w, h, col):
    """Draw a filled oval on pic, in a w by h box with top-left (x, y).

    >>> pic = create_picture(9, 9)
    >>> add_oval_filled(pic, 0, 0, 9, 9, blue)
    >>> get_color(get_pixel(pic, 4, 4)), get_color(get_pixel(pic, 0, 0))
    (Color(0, 0, 255), Color(255, 255, 255))
    """
    _picture(pic, "add_oval_filled").add_oval_filled(col, x, y, w, h)


def add_polygon(pic, point_list, col):
    """Draw the outline of a polygon with the corners in point_list on pic.

    point_list holds the corners as [x1, y1, x2, y2, x3, y3, ...]: at least
    3 corners.

    >>> pic = create_picture(5, 5)
    >>> add_polygon(pic, [0, 0, 4, 0, 0, 4], green)
    >>> get_color(get_pixel(pic, 2, 0))
    Color(0, 255, 0)
    """
    _picture(pic, "add_polygon").add_polygon(col, point_list)


def add_polygon_filled(pic, point_list, col):
    """Draw a filled polygon with the corners in point_list on pic.

    point_list holds the corners as [x1, y1, x2, y2, x3, y3, ...]: at least
    3 corners.

    >>> pic = create_picture(5, 5)
    >>> add_polygon_filled(pic, [0, 0, 4, 0, 0, 4], green)
    >>> get_color(get_pixel(pic, 1, 1)), get_color(get_pixel(pic, 4, 4))
    (Color(0, 255, 0), Color(255, 255, 255))
    """
    _picture(pic, "add_polygon_filled").add_polygon_filled(col, point_list)


# --- Pixels -------------------------------------------------------------------
#
# get_red, set_red and friends are called once for every pixel of a picture,
# so they reach straight into the picture's list of numbers instead of calling
# a method: that makes loops over a picture about a fifth faster. When
# something is wrong (not a pixel, a value that isn't 0 to 255, ...) the
# "carefully" functions find out what and explain it.


def get_red(pix):
    """Return how much red pixel pix has, from 0 (none) to 255 (full).

    >>> get_red(get_pixel(create_picture(1, 1, orange), 0, 0))
    255
    """
    try:
        return pix._values[pix._index]
    except Exception:
        return _pictures.get_channel_carefully(pix, 0, "get_red")


def set_red(pix, r):
    """Set how much red pixel pix has to r, from 0 (none) to 255 (full).

    A number with a fraction, like 127.5, is rounded down to 127.

    >>> pix = get_pixel(create_picture(1, 1), 0, 0)
    >>> set_red(pix, 100)
    >>> get_red(pix)
    100
    """
    try:
        pix._values[pix._index] = r
    except Exception:
        _pictures.set_channel_carefully(pix, 0, r, "set_red")


def get_green(pix):
    """Return how much green pixel pix has, from 0 (none) to 255 (full).

    >>> get_green(get_pixel(create_picture(1, 1, orange), 0, 0))
    165
    """
    try:
        return pix._values[pix._index + 1]
    except Exception:
        return _pictures.get_channel_carefully(pix, 1, "get_green")


def set_green(pix, g):
    """Set how much green pixel pix has to g, from 0 (none) to 255 (full).

    >>> pix = get_pixel(create_picture(1, 1), 0, 0)
    >>> set_green(pix, 100)
    >>> get_green(pix)
    100
    """
    try:
        pix._values[pix._index + 1] = g
    except Exception:
        _pictures.set_channel_carefully(pix, 1, g, "set_green")


def get_blue(pix):
    """Return how much blue pixel pix has, from 0 (none) to 255 (full).

    >>> get_blue(get_pixel(create_picture(1, 1, orange), 0, 0))
    0
    """
    try:
        return pix._values[pix._index + 2]
    except Exception:
        return _pictures.get_channel_carefully(pix, 2, "get_blue")


def set_blue(pix, b):
    """Set how much blue pixel pix has to b, from 0 (none) to 255 (full).

    >>> pix = get_pixel(create_picture(1, 1), 0, 0)
    >>> set_blue(pix, 100)
    >>> get_blue(pix)
    100
    """
    try:
        pix._values[pix._index + 2] = b
    except Exception:
        _pictures.set_channel_carefully(pix, 2, b, "set_blue")


def get_color(pix):
    """Return the colour of pixel pix, as a new Color.

    >>> get_color(get_pixel(create_picture(1, 1, orange), 0, 0))
    Color(255, 165, 0)
    """
    return _pixel(pix, "get_color").get_color()


def set_color(pix, col):
    """Give pixel pix the colour col.

    >>> pix = get_pixel(create_picture(1, 1), 0, 0)
    >>> set_color(pix, purple)
    >>> get_color(pix)
    Color(128, 0, 128)
    """
    _pixel(pix, "set_color").set_color(col)


def get_x(pix):
    """Return the column of pixel pix: 0 is the left edge.

    >>> get_x(get_pixel(create_picture(5, 5), 3, 1))
    3
    """
    return _pixel(pix, "get_x").get_x()


def get_y(pix):
    """Return the row of pixel pix: 0 is the top edge.

    >>> get_y(get_pixel(create_picture(5, 5), 3, 1))
    1
    """
    return _pixel(pix, "get_y").get_y()


# --- Colours ------------------------------------------------------------------


def create_color(r, g, b):
    """Return a new colour with red r, green g and blue b, each from 0 to 255.

    >>> create_color(255, 128, 0)
    Color(255, 128, 0)
    """
    return Color(r, g, b)


def distance(col1, col2):
    """Return how different colours col1 and col2 are.

    It is 0 for the same colour and about 441.7 for black and white: the
    distance between their (red, green, blue) values as points in space.

    >>> distance(black, white)
    441.6729559300637
    >>> distance(red, red)
    0.0
    """
    return _color(col1, "distance").distance(col2)


def darken(col):
    """Make colour col 35% darker.

    Each of its values becomes 65% of what it was (rounded down). The colour
    itself changes; the named colours such as media.red can't change, so
    darken a copy of them.

    >>> col = create_color(200, 100, 0)
    >>> darken(col)
    >>> col
    Color(130, 65, 0)
    """
    _color(col, "darken").make_darker()


def lighten(col):
    """Make colour col 35% lighter.

    Each of its values moves 35% of the way to 255 (rounded down). The colour
    itself changes; the named colours such as media.red can't change, so
    lighten a copy of them.

    >>> col = copy(red)
    >>> lighten(col)
    >>> col
    Color(255, 89, 89)
    """
    _color(col, "lighten").make_lighter()


# --- Saving and copying (pictures and sounds) ----------------------------------


def copy(obj):
    """Return a copy of a picture, sound or colour.

    Changing the copy doesn't change the original.

    >>> pic = create_picture(2, 2, red)
    >>> twin = copy(pic)
    >>> set_color(get_pixel(twin, 0, 0), blue)
    >>> get_color(get_pixel(pic, 0, 0))
    Color(255, 0, 0)
    """
    return _media_method(obj, "copy", "copy", "pictures, sounds and colours")()


def save_as(obj, filename=None):
    """Save a picture or sound in the file called filename, and return that name.

    The end of the name says what kind of file to write (.png, .jpg, .bmp,
    .gif, .tif, ... for pictures). Without a file name, a window asks where
    to save; if you cancel it, nothing is saved and save_as returns None.

    >>> save_as(create_picture(4, 4, red), "square.png")
    'square.png'
    """
    save_as_method = _media_method(obj, "save_as", "save_as", "pictures and sounds")
    if filename is None:
        filename = _ask_where_to_save()
        if filename is None:
            import sys

            print("Nothing was saved: no file name was chosen.", file=sys.stderr)
            return None
    save_as_method(filename)
    return filename


def save(obj):
    """Save a picture or sound back into the file it came from.

    A new picture has no file yet: then save asks where to save it (see
    save_as).

    >>> pic = create_picture(4, 4, red)
    >>> save_as(pic, "mine.png")
    'mine.png'
    >>> add_line(pic, 0, 0, 3, 3, white)
    >>> save(pic)
    """
    save_method = _media_method(obj, "save", "save", "pictures and sounds")
    get_filename = getattr(obj, "get_filename", None)
    if get_filename is not None and not get_filename():
        save_as(obj)
    else:
        save_method()


# --- Windows or the notebook ---------------------------------------------------


def use_notebook():
    """Show pictures, dialogs and sounds in this notebook instead of windows.

    After it, media.show(pic) puts the picture below the cell that runs
    it, media.update(pic) redraws it there, and a dialog such as
    media.ask_number asks you to type the answer in the notebook. A
    notebook on a computer with no screen (JupyterHub, Colab...) does this
    by itself; call it to have the same on your own computer.
    media.use_windows() goes back to windows.

        >>> media.use_notebook()            # doctest: +SKIP
    """
    from pygraphics_core import notebook

    notebook.use_notebook()


def use_windows():
    """Show pictures, dialogs and sounds in windows again, after media.use_notebook().

    Windows need a screen on the computer that runs your Python: on
    JupyterHub or Colab there is none, and the first window says so.

        >>> media.use_windows()             # doctest: +SKIP
    """
    from pygraphics_core import notebook

    notebook.use_windows()


# --- Helpers (not for students) -----------------------------------------------


def _ask_where_to_save():
    from pygraphics_core.plugins import media_function

    try:
        choose_save_filename = media_function("choose_save_filename")
    except AttributeError:
        raise ValueError(
            "this has no file yet, and the window that asks for a file name "
            "(the pygraphics-pickers plugin) is not installed: give the name "
            "yourself, for example media.save_as(pic, \"name.png\")"
        ) from None
    return choose_save_filename()


def _describe(value):
    return f"{value!r} (a {type(value).__name__})"


def _picture(pic, action):
    if isinstance(pic, Picture):
        return pic
    raise TypeError(
        f"{action} needs a picture (from create_picture or load_picture), "
        f"but got {_describe(pic)}"
    )


def _pixel(pix, action):
    if isinstance(pix, Pixel):
        return pix
    raise TypeError(
        f"{action} needs a pixel (from get_pixel or a for loop over a picture), "
        f"but got {_describe(pix)}"
    )


def _color(col, action):
    if isinstance(col, Color):
        return col
    raise TypeError(
        f"{action} needs a colour such as red or create_color(255, 0, 0), "
        f"but got {_describe(col)}"
    )


def _media_method(obj, name, action, kinds):
    method = getattr(obj, name, None)
    if method is None or type(obj).__module__ == "builtins":
        raise TypeError(f"{action} works on {kinds}, but got {_describe(obj)}")
    return method


# --- Functions from plugins: show, say, choose_file, ... -----------------------
# Last, so that a plugin whose module imports media finds all of it.

from pygraphics_core.plugins import add_media_functions as _add_media_functions  # noqa: E402

_add_media_functions(globals())
